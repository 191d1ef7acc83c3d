package agi

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzReadEnv: whatever a peer sends, reading the environment returns
// bounded results or an error, never panics, and never keeps more than the
// limits allow.
func FuzzReadEnv(f *testing.F) {
	f.Add([]byte("agi_network: yes\nagi_network_script: screen?key=hk_x\nagi_callerid: +449061234567\nagi_dnid: 02079460000\n\n"))
	f.Add([]byte("agi_callerid: 1\r\n\r\n"))
	f.Add([]byte("agi_: x\n\n"))
	f.Add([]byte("no colon\n\n"))
	f.Add([]byte("agi_arg_1: a;info=<https://x/c.pem>;alg=ES256\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := ReadEnv(bufio.NewReaderSize(bytes.NewReader(data), 16))
		if err != nil {
			return
		}
		if len(env) > MaxVariables {
			t.Fatalf("%d variables", len(env))
		}
		for k, v := range env {
			if len(k)+len(v) > MaxLineLen || strings.ContainsAny(v, "\n") {
				t.Fatalf("variable %q=%q escapes the limits", k, v)
			}
		}
	})
}

// FuzzReadReply: replies parse or fail cleanly.
func FuzzReadReply(f *testing.F) {
	f.Add([]byte("200 result=1\n"))
	f.Add([]byte("200 result=-1 endpos=1234\n"))
	f.Add([]byte("520-Invalid\nUsage\n520 End of proper usage.\n"))
	f.Add([]byte("HANGUP\n"))
	f.Add([]byte("999\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := ReadReply(bufio.NewReaderSize(bytes.NewReader(data), 16))
		if err != nil {
			if errors.Is(err, ErrHangup) && !bytes.HasPrefix(data, []byte("HANGUP")) {
				t.Fatalf("HANGUP reported for %q", data)
			}
			return
		}
		if rep.Code < 100 || rep.Code > 599 {
			t.Fatalf("code %d accepted", rep.Code)
		}
	})
}

// FuzzQuote: a quoted value is always one line, starts and ends with a
// quote, and has no unescaped quote inside.
func FuzzQuote(f *testing.F) {
	f.Add("IMEX (verified)")
	f.Add("a\"b\\\n")
	f.Fuzz(func(t *testing.T, s string) {
		q := Quote(s)
		if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' || strings.ContainsAny(q, "\r\n\x00") {
			t.Fatalf("Quote(%q) = %q", s, q)
		}
		inner := q[1 : len(q)-1]
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\\' {
				i++
				continue
			}
			if inner[i] == '"' {
				t.Fatalf("unescaped quote in %q", q)
			}
		}
	})
}
