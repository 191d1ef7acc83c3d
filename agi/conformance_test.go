package agi

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Asterisk is not packaged in Debian 12, so these tests play Asterisk's
// side of FastAGI the way res_agi does it: the agi_* environment in
// Asterisk's order ended by an empty line, each command read as one line
// and split into arguments by Asterisk's own rules (blanks separate,
// double quotes group, a backslash makes the next character literal), SET
// VARIABLE answered "200 result=1", "HANGUP" sent when the caller hangs up
// while the script runs, and a peer that goes away in the middle.

// asteriskPeer is one FastAGI connection from Asterisk's side.
type asteriskPeer struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func dialAsterisk(t *testing.T, addr string) *asteriskPeer {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	return &asteriskPeer{t: t, c: c, r: bufio.NewReader(c)}
}

// env sends the environment of an incoming PJSIP call, in the order
// Asterisk 20 writes it, for AGI(agi://host/script,args...).
func (a *asteriskPeer) env(script, callerID, dnid string, args ...string) {
	a.t.Helper()
	lines := []string{
		"agi_network: yes",
		"agi_network_script: " + script,
		"agi_request: agi://127.0.0.1/" + script,
		"agi_channel: PJSIP/trunk-00000007",
		"agi_language: en",
		"agi_type: PJSIP",
		"agi_uniqueid: 1764331200.7",
		"agi_version: 20.6.0",
		"agi_callerid: " + callerID,
		"agi_calleridname: unknown",
		"agi_callingpres: 0",
		"agi_callingani2: 0",
		"agi_callington: 0",
		"agi_callingtns: 0",
		"agi_dnid: " + dnid,
		"agi_rdnis: unknown",
		"agi_context: from-trunk",
		"agi_extension: " + dnid,
		"agi_priority: 2",
		"agi_enhanced: 0.0",
		"agi_accountcode: ",
		"agi_threadid: 140391862466112",
	}
	for i, arg := range args {
		lines = append(lines, fmt.Sprintf("agi_arg_%d: %s", i+1, arg))
	}
	if _, err := io.WriteString(a.c, strings.Join(lines, "\n")+"\n\n"); err != nil {
		a.t.Fatal(err)
	}
}

// command reads the server's next command and splits it as Asterisk does.
// io.EOF means the server ended the session.
func (a *asteriskPeer) command() ([]string, error) {
	line, err := a.r.ReadString('\n')
	if err != nil {
		if line != "" {
			return nil, fmt.Errorf("a command without its newline: %q", line)
		}
		return nil, err
	}
	return asteriskArgs(strings.TrimRight(line, "\r\n")), nil
}

func (a *asteriskPeer) send(s string) {
	a.t.Helper()
	if _, err := io.WriteString(a.c, s); err != nil {
		a.t.Fatal(err)
	}
}

// waitClosed waits for the server to close the connection, failing if it
// sends anything first or takes longer than limit.
func (a *asteriskPeer) waitClosed(limit time.Duration) {
	a.t.Helper()
	a.c.SetReadDeadline(time.Now().Add(limit))
	line, err := a.r.ReadString('\n')
	if line != "" {
		a.t.Errorf("the server sent %q after the session should have ended", line)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		a.t.Errorf("the server kept the connection open for %s", limit)
	}
}

// asteriskArgs splits a command line into arguments the way res_agi's
// parse_args does: blanks (space, tab) separate arguments outside quotes;
// a double quote opens or closes a quoted part (an argument may be empty);
// a backslash makes the next character literal, quote and backslash
// included.
func asteriskArgs(s string) []string {
	var args []string
	var cur []byte
	inArg, quoted, escaped := false, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && !escaped:
			quoted = !quoted
			if !inArg {
				inArg, cur = true, cur[:0]
			}
			continue
		case (c == ' ' || c == '\t') && !quoted && !escaped:
			if inArg {
				args = append(args, string(cur))
				inArg = false
			}
			continue
		case c == '\\' && !escaped:
			escaped = true
			continue
		}
		if !inArg {
			inArg, cur = true, cur[:0]
		}
		cur = append(cur, c)
		escaped = false
	}
	if inArg {
		args = append(args, string(cur))
	}
	return args
}

func TestAsteriskArgs(t *testing.T) {
	for in, want := range map[string][]string{
		`SET VARIABLE HANGUP_ACTION "label"`:          {"SET", "VARIABLE", "HANGUP_ACTION", "label"},
		`SET VARIABLE HANGUP_LABEL "IMEX (verified)"`: {"SET", "VARIABLE", "HANGUP_LABEL", "IMEX (verified)"},
		`SET VARIABLE HANGUP_LABEL ""`:                {"SET", "VARIABLE", "HANGUP_LABEL", ""},
		`SET VARIABLE X "a\"b\\c"`:                    {"SET", "VARIABLE", "X", `a"b\c`},
		"ANSWER":                                      {"ANSWER"},
		"  GET  VARIABLE\tX  ":                        {"GET", "VARIABLE", "X"},
	} {
		if got := asteriskArgs(in); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("asteriskArgs(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuoteAsAsteriskReadsIt: whatever a value holds, Asterisk reads the
// quoted form back as one argument with the same text (line breaks and NUL
// become spaces: a newline would end the command and start another).
func TestQuoteAsAsteriskReadsIt(t *testing.T) {
	for _, v := range []string{"", "label", "IMEX (verified)", `say "hi"`, `back\slash`, `\"`, "tab\there", "two\nlines\r\nSET VARIABLE X 1", "nul\x00byte", strings.Repeat("é", 300)} {
		args := asteriskArgs("SET VARIABLE HANGUP_LABEL " + Quote(v))
		want := strings.NewReplacer("\r", " ", "\n", " ", "\x00", " ").Replace(v)
		if len(want) > 512 {
			want = want[:512]
		}
		if len(args) != 4 || args[3] != want {
			t.Errorf("Quote(%q): Asterisk reads %q, want one argument %q", v, args, want)
		}
	}
}

// requestLog records the sessions a server counted, by outcome.
type requestLog struct {
	mu sync.Mutex
	n  map[string]int
}

func (l *requestLog) add(iface, outcome string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n[iface+" "+outcome]++
}

func (l *requestLog) get(key string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n[key]
}

func TestFastAGIAsAsteriskSpeaksIt(t *testing.T) {
	log := &requestLog{n: map[string]int{}}
	// One session at a time: a session that does not give its slot back
	// makes the next one wait the whole timeout and fail.
	addr, key := startServerWith(t, func(c *Config) { c.Timeout, c.MaxConns, c.Requests = 2*time.Second, 1, log.add })
	script := "screen?key=" + key

	// session runs a session for script to its end, answering every
	// command as Asterisk does (GET VARIABLE from dialplan), and returns
	// the variables set.
	session := func(t *testing.T, script string, dialplan map[string]string, callerID, dnid string, args ...string) map[string]string {
		t.Helper()
		a := dialAsterisk(t, addr)
		a.env(script, callerID, dnid, args...)
		got := map[string]string{}
		for {
			cmd, err := a.command()
			if errors.Is(err, io.EOF) {
				return got
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cmd) == 3 && cmd[0] == "GET" && cmd[1] == "VARIABLE" {
				if v, ok := dialplan[cmd[2]]; ok {
					a.send("200 result=1 (" + v + ")\n")
				} else {
					a.send("200 result=0\n")
				}
				continue
			}
			if len(cmd) != 4 || cmd[0] != "SET" || cmd[1] != "VARIABLE" {
				t.Errorf("command %q is not SET VARIABLE NAME VALUE as Asterisk reads it", cmd)
				a.send("520-Invalid command syntax.  Proper usage follows:\nUsage: SET VARIABLE <variablename> <value>\n520 End of proper usage.\n")
				continue
			}
			got[cmd[2]] = cmd[3]
			a.send("200 result=1\n")
		}
	}
	set := func(t *testing.T, callerID, dnid string, args ...string) map[string]string {
		t.Helper()
		return session(t, script, nil, callerID, dnid, args...)
	}

	t.Run("the decision arrives as channel variables", func(t *testing.T) {
		start := time.Now()
		got := set(t, "01793781800", "02079460000", "", "", "")
		want := map[string]string{"HANGUP_ACTION": "label", "HANGUP_LABEL": "IMEX (verified)", "HANGUP_REASON": "screen.verified_organisation",
			"HANGUP_VERSTAT": "No-TN-Validation"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if _, ok := got["HANGUP_SCORE"]; !ok {
			t.Error("HANGUP_SCORE not set")
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("a session took %s", d)
		}
	})
	t.Run("P-Asserted-Identity argument and an empty Identity", func(t *testing.T) {
		got := set(t, "+447400123456", "02079460000", "", "<sip:+449061234567@carrier.example;user=phone>")
		if got["HANGUP_ACTION"] != "block" || got["HANGUP_LABEL"] != "Suspected scam" {
			t.Errorf("got %v, want block, Suspected scam", got)
		}
	})
	t.Run("the key from a dialplan variable, not the logged AGI() line", func(t *testing.T) {
		got := session(t, "screen", map[string]string{"HANGUP_KEY": key}, "+449061234567", "02079460000")
		if got["HANGUP_ACTION"] != "block" {
			t.Errorf("got %v, want block", got)
		}
		got = session(t, "screen", nil, "+449061234567", "02079460000")
		if got["HANGUP_ACTION"] != "unscreened" || got["HANGUP_REASON"] != "unscreened.unauthorized" {
			t.Errorf("no key anywhere: got %v, want unscreened.unauthorized", got)
		}
	})
	t.Run("a refused key marks the call unscreened", func(t *testing.T) {
		a := dialAsterisk(t, addr)
		a.env("screen?key=hk_wrong", "+447400123456", "02079460000")
		got := map[string]string{}
		for {
			cmd, err := a.command()
			if err != nil {
				break
			}
			got[cmd[2]] = cmd[3]
			a.send("200 result=1\n")
		}
		if got["HANGUP_ACTION"] != "unscreened" || got["HANGUP_REASON"] != "unscreened.unauthorized" || got["HANGUP_ERROR"] != "unauthorized" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("the caller hangs up while the script runs", func(t *testing.T) {
		a := dialAsterisk(t, addr)
		a.env(script, "+447400123456", "02079460000")
		if _, err := a.command(); err != nil {
			t.Fatal(err)
		}
		// Asterisk (AGISIGHUP, the default) writes HANGUP when the channel
		// goes away; a command still answered after it is moot.
		a.send("HANGUP\n")
		a.send("200 result=1\n")
		a.waitClosed(time.Second)
	})
	t.Run("Asterisk goes away in the middle of a command", func(t *testing.T) {
		a := dialAsterisk(t, addr)
		a.env(script, "+447400123456", "02079460000")
		if _, err := a.command(); err != nil {
			t.Fatal(err)
		}
		a.c.Close()
	})
	t.Run("Asterisk goes away in the middle of the environment", func(t *testing.T) {
		a := dialAsterisk(t, addr)
		a.send("agi_network: yes\nagi_network_script: " + script + "\nagi_callerid: +4474")
		a.c.Close()
	})
	t.Run("the next call is screened at once", func(t *testing.T) {
		// With one slot, a session still holding it would make this wait
		// for the 2 s timeout.
		start := time.Now()
		if got := set(t, "+449061234567", "02079460000"); got["HANGUP_ACTION"] != "block" {
			t.Errorf("got %v", got)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s: a broken session kept its slot", d)
		}
	})
	// A session cut off may be counted after later ones: the server sees
	// the connection close in its own time.
	deadline := time.Now().Add(2 * time.Second)
	for log.get("agi invalid") < 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := log.get("agi invalid"); n != 1 {
		t.Errorf("%d sessions counted invalid, want 1 (the one cut off in its environment)", n)
	}
	if n := log.get("agi unauthorized"); n != 2 {
		t.Errorf("%d sessions counted unauthorized, want 2", n)
	}
}
