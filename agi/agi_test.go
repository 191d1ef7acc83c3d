package agi

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/registry/registrytest"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/sqlite"
)

var intel = sync.OnceValue(func() *phone.Intel {
	p, err := phone.New(phone.Config{})
	if err != nil {
		panic(err)
	}
	return p
})

// startServer runs a FastAGI server on a free loopback port with a real
// engine, registry and key store, and returns its address and a key.
func startServer(t *testing.T, timeout time.Duration) (string, string) {
	t.Helper()
	return startServerWith(t, func(c *Config) { c.Timeout = timeout })
}

// startServerWith is startServer with the server's configuration changed
// by mutate.
func startServerWith(t *testing.T, mutate func(*Config)) (string, string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "agi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(ctx, db, intel(), true)
	if err != nil {
		t.Fatal(err)
	}
	registrytest.SetRole(t, reg, "imex", hangup.RoleCallsOut) // the test is about the "(verified)" label
	eng, err := screen.New(screen.Config{Numbers: intel()})
	if err != nil {
		t.Fatal(err)
	}
	eng.SetRegistry(reg.Snapshot())
	secret, prefix, hash, _ := screen.NewKeySecret()
	if err := db.CreateAPIKey(ctx, &hangup.APIKey{Name: "asterisk", Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	keys := screen.NewKeys(db, screen.KeysConfig{})
	if err := keys.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Screen: eng, Keys: keys}
	mutate(&cfg)
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String(), secret
}

// asterisk plays Asterisk's side of a FastAGI session: it sends the
// environment of a call, answers every command with reply (200 result=1
// by default) and returns the variables the server set.
func asterisk(t *testing.T, addr, script string, vars map[string]string, reply string) map[string]string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	env := []string{"agi_network: yes", "agi_network_script: " + script, "agi_request: agi://" + addr + "/" + script,
		"agi_channel: PJSIP/trunk-00000001", "agi_language: en", "agi_type: PJSIP", "agi_uniqueid: 1764331200.1",
		"agi_version: 20.5.0", "agi_calleridname: unknown", "agi_callingpres: 0", "agi_context: from-trunk",
		"agi_priority: 2", "agi_enhanced: 0.0", "agi_accountcode: ", "agi_threadid: 140234"}
	for k, v := range vars {
		env = append(env, "agi_"+k+": "+v)
	}
	fmt.Fprint(c, strings.Join(env, "\n")+"\n\n")
	got := map[string]string{}
	r := bufio.NewReader(c)
	if reply == "" {
		reply = "200 result=1"
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return got // the server ends the session by closing
		}
		cmd := strings.TrimSpace(line)
		if cmd == "GET VARIABLE HANGUP_KEY" { // the key is not set in this dialplan
			fmt.Fprint(c, "200 result=0\n")
			continue
		}
		rest, ok := strings.CutPrefix(cmd, "SET VARIABLE ")
		if !ok {
			t.Errorf("unexpected command %q", cmd)
			fmt.Fprint(c, "510 Invalid or unknown command\n")
			continue
		}
		name, val, _ := strings.Cut(rest, " ")
		got[name] = strings.ReplaceAll(strings.Trim(val, `"`), `\"`, `"`)
		fmt.Fprint(c, reply+"\n")
	}
}

func TestFastAGI(t *testing.T) {
	addr, key := startServer(t, 2*time.Second)
	tests := []struct {
		name   string
		script string
		vars   map[string]string
		want   map[string]string
	}{
		{"premium-rate caller is blocked", "screen?key=" + key, map[string]string{"callerid": "+449061234567", "dnid": "02079460000", "extension": "s"},
			map[string]string{"HANGUP_ACTION": "block", "HANGUP_LABEL": "Suspected scam", "HANGUP_REASON": "screen.caller_premium_rate", "HANGUP_VERSTAT": "No-TN-Validation"}},
		{"verified organisation is labelled", "/screen?key=" + key, map[string]string{"callerid": "01793781800", "dnid": "unknown", "extension": "02079460000"},
			map[string]string{"HANGUP_ACTION": "label", "HANGUP_LABEL": "IMEX (verified)", "HANGUP_REASON": "screen.verified_organisation"}},
		{"P-Asserted-Identity argument wins", "screen?key=" + key, map[string]string{"callerid": "+447400123456", "dnid": "02079460000", "arg_1": "", "arg_2": "sip:+449061234567@carrier"},
			map[string]string{"HANGUP_ACTION": "block"}},
		{"from abroad", "screen?international=1&key=" + key, map[string]string{"callerid": "+442071230001", "dnid": "+447400123456"},
			map[string]string{"HANGUP_ACTION": "block", "HANGUP_REASON": "screen.uk_number_from_abroad"}},
		{"Identity argument without trust anchors", "screen?key=" + key, map[string]string{"callerid": "+447400123456", "dnid": "02079460000", "arg_1": "e30.e30.c2ln;info=<https://x.example/c.pem>"},
			map[string]string{"HANGUP_ACTION": "allow", "HANGUP_LABEL": "", "HANGUP_REASON": "screen.stir_no_trust_anchors", "HANGUP_VERSTAT": "No-TN-Validation"}},
		{"withheld caller", "screen?key=" + key, map[string]string{"callerid": "unknown", "dnid": "02079460000"},
			map[string]string{"HANGUP_ACTION": "allow", "HANGUP_REASON": "screen.caller_withheld"}},
		{"emergency call", "screen?key=" + key, map[string]string{"callerid": "+449061234567", "dnid": "999"},
			map[string]string{"HANGUP_ACTION": "allow", "HANGUP_REASON": "screen.emergency"}},
		{"no key", "screen", map[string]string{"callerid": "+449061234567", "dnid": "02079460000"},
			map[string]string{"HANGUP_ERROR": "unauthorized", "HANGUP_REASON": "unscreened.unauthorized"}},
		{"unknown script", "other?key=" + key, map[string]string{"callerid": "+449061234567"},
			map[string]string{"HANGUP_ERROR": "invalid", "HANGUP_REASON": "unscreened.error"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := asterisk(t, addr, tc.script, tc.vars, "")
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (all %v)", k, got[k], v, got)
				}
			}
			if _, failed := tc.want["HANGUP_ERROR"]; failed && (got["HANGUP_ACTION"] != "unscreened" || !strings.HasPrefix(got["HANGUP_REASON"], "unscreened.")) {
				t.Errorf("a refused session set HANGUP_ACTION %q, HANGUP_REASON %q; want unscreened and an unscreened.* reason", got["HANGUP_ACTION"], got["HANGUP_REASON"])
			}
		})
	}
	// Asterisk refusing a command ends the session after that command.
	got := asterisk(t, addr, "screen?key="+key, map[string]string{"callerid": "+449061234567", "dnid": "02079460000"}, "510 Invalid or unknown command")
	if len(got) != 1 {
		t.Errorf("after a 510 the server sent %d commands, want 1", len(got))
	}
}

func TestFastAGIHostilePeers(t *testing.T) {
	addr, _ := startServer(t, 500*time.Millisecond)
	for _, tc := range []struct {
		name string
		send string
	}{
		{"garbage", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"giant line", "agi_callerid: " + strings.Repeat("1", 1<<20) + "\n\n"},
		{"endless variables", strings.Repeat("agi_x: 1\n", 10000)},
		{"stall", "agi_network: yes\n"},
		{"nothing", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			start := time.Now()
			go fmt.Fprint(c, tc.send)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			buf := make([]byte, 4096)
			n, err := c.Read(buf)
			if n > 0 {
				t.Errorf("server answered %q to a hostile peer", buf[:n])
			}
			if err == nil || time.Since(start) > 3*time.Second {
				t.Errorf("session not closed promptly: %v after %s", err, time.Since(start))
			}
		})
	}
	// The server still works after all that.
	if got := asterisk(t, addr, "screen", map[string]string{"callerid": "+449061234567", "dnid": "02079460000"}, ""); got["HANGUP_ERROR"] != "unauthorized" {
		t.Errorf("after hostile peers: %v", got)
	}
}

func TestReadReply(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Reply
		err  bool
	}{
		{"200 result=1\n", Reply{Code: 200, Result: "1"}, false},
		{"200 result=0 (timeout)\r\n", Reply{Code: 200, Result: "0", Rest: "(timeout)"}, false},
		{"510 Invalid or unknown command\n", Reply{Code: 510, Rest: "Invalid or unknown command"}, false},
		{"520-Invalid command syntax.  Proper usage follows:\nUsage: SET VARIABLE <variablename> <value>\n520 End of proper usage.\n", Reply{Code: 520, Rest: "End of proper usage."}, false},
		{"HANGUP\n", Reply{}, true},
		{"2\n", Reply{}, true},
		{"abc result=1\n", Reply{}, true},
		{"200 result=1", Reply{}, true}, // truncated: no newline
	} {
		got, err := ReadReply(bufio.NewReader(strings.NewReader(tc.in)))
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ReadReply(%q) = %+v, %v; want %+v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"IMEX (verified)": `"IMEX (verified)"`,
		`a"b\c`:           `"a\"b\\c"`,
		"x\nSET VARIABLE": `"x SET VARIABLE"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
