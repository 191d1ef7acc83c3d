//go:build sip

package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The shipped kamailio.cfg's lookup timeout, and what the tests allow on
// top of it: tm's timer tick (62.5 ms) and scheduling on a busy machine.
const (
	lookupTimeout = 500 * time.Millisecond
	timeoutSlack  = 200 * time.Millisecond
)

// Callers the SIP load and stall tests cycle through: a mobile (allowed), a
// verified organisation (labelled), a withheld number (allowed) and a
// premium-rate caller ID (blocked with 603).
var testCallers = []string{"+447400123456", "+441793781800", "anonymous", "+449061234567"}

const blockedCaller = "+449061234567"

// TestSIPFrozenHangup freezes Hangup — the built binary in its own process
// — with SIGSTOP for 3 s while SIPp places a few calls a second through
// Kamailio with the shipped configuration. A stalled Hangup, unlike a dead
// one, accepts connections and never answers. Every call must get exactly
// one final response (never a 603 after a 200), reach the phone at most
// once (blocked calls never), and wait no longer than the lookup timeout
// plus 200 ms; calls made during the stall go through marked
// unscreened.timeout, and screening resumes when Hangup does.
func TestSIPFrozenHangup(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rig := newOperatorRig(t, ctx, 64)
	const rate, calls = 5, 50 // 10 s of calls
	const freezeAt, freezeFor = 2 * time.Second, 3 * time.Second
	var frozen, thawed time.Time
	res := rig.run(t, ctx, rate, calls, func(start time.Time) {
		time.Sleep(time.Until(start.Add(freezeAt)))
		frozen = time.Now()
		if err := rig.hangup.Process.Signal(syscall.SIGSTOP); err != nil {
			t.Error(err)
		}
		time.Sleep(freezeFor)
		thawed = time.Now()
		if err := rig.hangup.Process.Signal(syscall.SIGCONT); err != nil {
			t.Error(err)
		}
	})

	var during, afterBlocked, beforeBlocked, unscreened int
	var worst time.Duration
	for _, c := range res.calls {
		if len(c.finals) != 1 {
			t.Errorf("call %s from %s got %d different final responses %v, want exactly one", c.id, c.from, len(c.finals), c.finals)
			continue
		}
		if c.setup > lookupTimeout+timeoutSlack {
			t.Errorf("call %s from %s waited %s for its final response, more than the lookup timeout %s + %s", c.id, c.from, c.setup.Round(time.Millisecond), lookupTimeout, timeoutSlack)
		}
		worst = max(worst, c.setup)
		switch code := c.finals[0].code; {
		case code == 603 && len(c.phoneBranches) > 0:
			t.Errorf("call %s was blocked but reached the phone", c.id)
		case code == 200 && len(c.phoneBranches) != 1:
			t.Errorf("call %s reached the phone %d times, want once", c.id, len(c.phoneBranches))
		case code != 200 && code != 603:
			t.Errorf("call %s from %s got %d", c.id, c.from, code)
		}
		// Calls placed while Hangup was frozen (give or take the lookup
		// timeout) could not be screened; all others must have been.
		stalled := c.invite.After(frozen.Add(-lookupTimeout)) && c.invite.Before(thawed)
		if c.action == "unscreened" {
			unscreened++
			if c.reason != "unscreened.timeout" {
				t.Errorf("call %s unscreened for %q, want unscreened.timeout", c.id, c.reason)
			}
			if !stalled {
				t.Errorf("call %s placed %s before the freeze was not screened", c.id, frozen.Sub(c.invite))
			}
		}
		if stalled {
			during++
		}
		if c.from == blockedCaller && c.finals[0].code == 603 {
			if c.invite.Before(frozen) {
				beforeBlocked++
			} else if c.invite.After(thawed) {
				afterBlocked++
			}
		}
	}
	if unscreened < during/2 || unscreened == 0 {
		t.Errorf("%d calls went through unscreened while Hangup was frozen for %s (%d placed then); want most of them", unscreened, freezeFor, during)
	}
	if beforeBlocked == 0 || afterBlocked == 0 {
		t.Errorf("premium-rate callers blocked before the freeze: %d, after it: %d; want some of each (screening resumes)", beforeBlocked, afterBlocked)
	}
	t.Logf("frozen Hangup, %d calls at %d/s, %s stall: %d placed during the stall, %d unscreened (timeout), longest set-up %s, p50 %s",
		len(res.calls), rate, freezeFor, during, unscreened, worst.Round(time.Millisecond), res.percentile(50).Round(time.Millisecond))
}

// TestSIPLoad places 400 calls a second for 10 s through Kamailio with the
// shipped configuration, in front of Hangup with a key made exactly as the
// integration docs say ("hangup apikey add", kept in Kamailio's connection
// file).
// No call may reach the phone unscreened: a key must not run out of rate
// at carrier traffic, and Hangup must answer within the lookup timeout.
func TestSIPLoad(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rig := newOperatorRig(t, ctx, 128)
	const rate, seconds = 400, 10
	res := rig.run(t, ctx, rate, rate*seconds, nil)

	answered, blocked, unscreened, failed := 0, 0, 0, 0
	for _, c := range res.calls {
		if len(c.finals) != 1 {
			failed++
			if failed <= 5 {
				t.Errorf("call %s from %s got final responses %v, want exactly one", c.id, c.from, c.finals)
			}
			continue
		}
		switch c.finals[0].code {
		case 200:
			answered++
			if len(c.phoneBranches) != 1 {
				t.Errorf("call %s reached the phone %d times, want once", c.id, len(c.phoneBranches))
			}
			if c.action == "unscreened" || c.action == "" {
				unscreened++
				if unscreened <= 5 {
					t.Errorf("call %s from %s reached the phone unscreened (%q)", c.id, c.from, c.reason)
				}
			}
			if c.from == blockedCaller {
				t.Errorf("call %s from a premium-rate number was put through (%s %s)", c.id, c.action, c.reason)
			}
		case 603:
			blocked++
		default:
			failed++
		}
	}
	if want := rate * seconds; len(res.calls) != want {
		t.Errorf("SIPp placed %d calls, want %d", len(res.calls), want)
	}
	if unscreened > 0 || failed > 0 {
		t.Errorf("%d calls reached the phone unscreened and %d failed, want none", unscreened, failed)
	}
	if want := len(res.calls) / len(testCallers); blocked != want {
		t.Errorf("%d calls blocked, want %d (every premium-rate caller)", blocked, want)
	}
	if body := rig.metrics(t); strings.Contains(body, "hangup_screen_rate_limited_total{") {
		t.Errorf("Hangup refused requests for their rate:\n%s", grepLines(body, "rate_limited"))
	}
	t.Logf("%d calls at %d/s: %d answered, %d blocked, %d unscreened, %d failed; set-up p50 %s, p99 %s, max %s",
		len(res.calls), rate, answered, blocked, unscreened, failed,
		res.percentile(50).Round(time.Millisecond), res.percentile(99).Round(time.Millisecond), res.percentile(100).Round(time.Millisecond))
}

// operatorRig is Hangup and Kamailio set up the way docs/integrations says,
// with a SIPp phone behind Kamailio: the built hangup binary serving in a
// process of its own, a key made with "hangup apikey add" and handed to
// Kamailio in its connection file, and the shipped kamailio.cfg.
type operatorRig struct {
	dir, sipp   string
	hangup      *exec.Cmd
	base        string // Hangup's HTTP address
	proxy       string // Kamailio's UDP port
	phone       string // the phone's UDP port
	kamailioLog string
}

func newOperatorRig(t *testing.T, ctx context.Context, shmMB int) *operatorRig {
	t.Helper()
	kamailio, sipp := findSIPTools(t)
	dir := t.TempDir()
	bin := buildHangup(t)
	db := filepath.Join(dir, "hangup.db")
	port := freeTCPPort(t)
	r := &operatorRig{dir: dir, sipp: sipp, base: "http://127.0.0.1:" + port, proxy: freeUDPPort(t), phone: freeUDPPort(t)}
	r.hangup = startProcess(t, ctx, dir, "hangup", bin, "serve", "--db", db, "--addr", "127.0.0.1:"+port, "--log-level", "warn")
	waitHTTP(t, r.base+"/healthz", 20*time.Second)

	// The documented steps: make the key against the server's database,
	// and keep it in the connection file only Kamailio reads
	// (/etc/kamailio/hangup-http.cfg).
	add := exec.CommandContext(ctx, bin, "apikey", "add", "--name", "kamailio", "--db", db)
	var stderr strings.Builder
	add.Stderr = &stderr
	out, err := add.Output()
	if err != nil {
		t.Fatalf("hangup apikey add: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Using the database "+db) {
		t.Errorf("apikey add does not say which database it used: %q", stderr.String())
	}
	key := strings.TrimSpace(string(out))
	// A running server notices a key made by another process within a
	// second; the docs have the operator check it with curl first.
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _ := getStatus(t, r.base+"/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000", key)
		if code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new key still gets %d after 10 s", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	conns := writeConnections(t, filepath.Join(dir, "hangup-http.cfg"), r.base, key)
	cfgPath, _ := filepath.Abs("../../docs/integrations/kamailio/kamailio.cfg")
	startProcess(t, ctx, dir, "kamailio", kamailio, "-DD", "-E", "-f", cfgPath,
		"-m", strconv.Itoa(shmMB), "-M", "8", "-w", dir, "-Y", dir,
		"-A", "SIP_LISTEN=udp:127.0.0.1:"+r.proxy, "-A", `HANGUP_CONNECTIONS="`+conns+`"`)
	r.kamailioLog = filepath.Join(dir, "kamailio.log")
	waitUDPBound(t, r.proxy, 10*time.Second)
	return r
}

// callResult is one call as the caller and the phone saw it.
type callResult struct {
	id, from      string
	invite        time.Time     // when the caller sent the INVITE
	setup         time.Duration // INVITE to the first final response
	finals        []finalResponse
	phoneBranches []string // the distinct INVITEs (Via branches) that reached the phone
	action        string   // X-Hangup-Action the phone saw
	reason        string   // X-Hangup-Reason the phone saw
}

type finalResponse struct {
	code  int
	toTag string
}

type runResult struct{ calls []*callResult }

// percentile returns the p-th percentile of set-up times (100: the longest).
func (r runResult) percentile(p int) time.Duration {
	var d []time.Duration
	for _, c := range r.calls {
		if len(c.finals) > 0 {
			d = append(d, c.setup)
		}
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(len(d)-1, len(d)*p/100)]
}

// run places calls through Kamailio at rate per second, cycling through
// testCallers, with the phone answering every call that reaches it, and
// returns what both sides saw. during, if set, runs alongside from the
// moment the first call is placed.
func (r *operatorRig) run(t *testing.T, ctx context.Context, rate, calls int, during func(start time.Time)) runResult {
	t.Helper()
	scenario := func(name string, replace map[string]string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "sipp", name))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for k, v := range replace {
			s = strings.ReplaceAll(s, k, v)
		}
		p := filepath.Join(r.dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	inf := filepath.Join(r.dir, "callers.csv")
	if err := os.WriteFile(inf, []byte("SEQUENTIAL\n"+strings.Join(testCallers, ";\n")+";\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	common := []string{"-i", "127.0.0.1", "-nostdin", "-buff_size", "1048576", "-recv_timeout", "20s", "-trace_msg"}
	phoneLog, callerLog := filepath.Join(r.dir, "phone_msg.log"), filepath.Join(r.dir, "caller_msg.log")
	phone := exec.CommandContext(ctx, r.sipp, append([]string{"-sf", scenario("phone.xml", map[string]string{"ACTION_RE": ".*"}),
		"-p", r.phone, "-message_file", phoneLog}, common...)...)
	phone.Dir = r.dir
	phone.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	phone.Stdout, phone.Stderr = io.Discard, io.Discard
	if err := phone.Start(); err != nil {
		t.Fatal(err)
	}
	killOnCleanup(t, phone)
	waitUDPBound(t, r.phone, 5*time.Second)

	caller := exec.CommandContext(ctx, r.sipp, append([]string{"-sf", scenario("caller.xml", nil), "-inf", inf,
		"-p", freeUDPPort(t), "-r", strconv.Itoa(rate), "-m", strconv.Itoa(calls), "-timeout", "120s",
		"-key", "to", "+442079460000", "-key", "callee", "127.0.0.1:" + r.phone, "-message_file", callerLog,
		"127.0.0.1:" + r.proxy}, common...)...)
	caller.Dir = r.dir
	caller.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	caller.WaitDelay = 5 * time.Second
	var out strings.Builder
	caller.Stdout, caller.Stderr = &out, &out
	start := time.Now()
	if err := caller.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	if during != nil {
		go func() { defer close(done); during(start) }()
	} else {
		close(done)
	}
	err := caller.Wait()
	<-done
	// The phone answers calls as they come and has no count to reach: let
	// the last BYEs arrive, then stop it (SIPp flushes its trace on SIGINT).
	time.Sleep(time.Second)
	phone.Process.Signal(syscall.SIGINT)
	phone.Wait()
	if err != nil {
		// SIPp exits 1 when any call failed; the trace says which and why.
		t.Logf("caller SIPp: %v\n%s", err, lastLines([]byte(out.String()), 12))
	}
	return analyseCalls(t, readSIPTrace(t, callerLog), readSIPTrace(t, phoneLog))
}

// sipMessage is one message of a SIPp message trace (-trace_msg).
type sipMessage struct {
	at      time.Time
	sent    bool
	first   string            // request or status line
	headers map[string]string // first value of each header, by lower-case name
}

func (m *sipMessage) status() int {
	if !strings.HasPrefix(m.first, "SIP/2.0 ") || len(m.first) < 11 {
		return 0
	}
	n, _ := strconv.Atoi(m.first[8:11])
	return n
}

// readSIPTrace parses a SIPp message trace: each message follows a line of
// dashes with the time, and a line saying whether it was sent or received.
func readSIPTrace(t *testing.T, path string) []*sipMessage {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("SIPp trace: %v", err)
	}
	defer f.Close()
	var msgs []*sipMessage
	var cur *sipMessage
	inHeaders := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if stamp, ok := strings.CutPrefix(line, "----------------------------------------------- "); ok {
			at, err := time.ParseInLocation("2006-01-02 15:04:05.000000", stamp, time.Local)
			if err != nil {
				t.Fatalf("SIPp trace %s: bad time %q", path, stamp)
			}
			cur = &sipMessage{at: at, headers: map[string]string{}}
			msgs = append(msgs, cur)
			inHeaders = false
			continue
		}
		if cur == nil {
			continue
		}
		switch {
		case strings.HasPrefix(line, "UDP message sent"):
			cur.sent = true
		case strings.HasPrefix(line, "UDP message received"):
		case cur.first == "" && line != "":
			cur.first, inHeaders = line, true
		case inHeaders && line == "":
			inHeaders = false
		case inHeaders:
			if name, value, ok := strings.Cut(line, ":"); ok {
				name = strings.ToLower(strings.TrimSpace(name))
				if _, seen := cur.headers[name]; !seen {
					cur.headers[name] = strings.TrimSpace(value)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return msgs
}

// analyseCalls puts the caller's and the phone's traces together by
// Call-ID.
func analyseCalls(t *testing.T, caller, phone []*sipMessage) runResult {
	t.Helper()
	byID := map[string]*callResult{}
	var order []*callResult
	for _, m := range caller {
		id := m.headers["call-id"]
		method := cseqMethod(m)
		c := byID[id]
		if m.sent && strings.HasPrefix(m.first, "INVITE ") {
			if c == nil {
				c = &callResult{id: id, from: sipUser(m.headers["from"]), invite: m.at}
				byID[id] = c
				order = append(order, c)
			}
			continue
		}
		if c == nil || m.sent || method != "INVITE" || m.status() < 200 {
			continue
		}
		f := finalResponse{code: m.status(), toTag: tagOf(m.headers["to"])}
		if !slices.Contains(c.finals, f) {
			if len(c.finals) == 0 {
				c.setup = m.at.Sub(c.invite)
			}
			c.finals = append(c.finals, f) // a retransmission of the same final is not a second one
		}
	}
	for _, m := range phone {
		if m.sent || !strings.HasPrefix(m.first, "INVITE ") {
			continue
		}
		c := byID[m.headers["call-id"]]
		if c == nil {
			t.Errorf("the phone got an INVITE the caller never sent: %q", m.headers["call-id"])
			continue
		}
		branch := branchOf(m.headers["via"])
		if !slices.Contains(c.phoneBranches, branch) {
			c.phoneBranches = append(c.phoneBranches, branch)
		}
		c.action, c.reason = m.headers["x-hangup-action"], m.headers["x-hangup-reason"]
	}
	return runResult{calls: order}
}

func cseqMethod(m *sipMessage) string {
	f := strings.Fields(m.headers["cseq"])
	if len(f) != 2 {
		return ""
	}
	return f[1]
}

// sipUser returns the user part of a From header's URI.
func sipUser(h string) string {
	_, rest, _ := strings.Cut(h, "sip:")
	user, _, _ := strings.Cut(rest, "@")
	return user
}

func tagOf(h string) string {
	_, tag, _ := strings.Cut(h, ";tag=")
	tag, _, _ = strings.Cut(tag, ";")
	return tag
}

func branchOf(via string) string {
	_, b, _ := strings.Cut(via, "branch=")
	b, _, _ = strings.Cut(b, ";")
	return b
}

func freeTCPPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func waitHTTP(t *testing.T, url string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer after %s: %v", url, limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *operatorRig) metrics(t *testing.T) string {
	t.Helper()
	resp, err := http.Get(r.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestSIPTraceAnalysisCatchesAFinalAfterAFinal: the checks above can fail.
// A trace in which the caller gets 200 and then a 603 for the same INVITE,
// and the phone gets the INVITE twice, reads as two final responses and
// two branches; a retransmitted 200 is still one final response.
func TestSIPTraceAnalysisCatchesAFinalAfterAFinal(t *testing.T) {
	dir := t.TempDir()
	msg := func(at, dir, first string, headers ...string) string {
		return "----------------------------------------------- 2026-12-02 10:00:" + at + "\n" +
			dir + "\n\n" + first + "\r\n" + strings.Join(headers, "\r\n") + "\r\nContent-Length: 0\r\n\r\n\n"
	}
	const sent, received = "UDP message sent (300 bytes):", "UDP message received [300] bytes :"
	call := "Call-ID: 1-1@127.0.0.1"
	caller := msg("00.000000", sent, "INVITE sip:+442079460000@127.0.0.1:5070 SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1", "From: <sip:+449061234567@127.0.0.1:5080;user=phone>;tag=a", call, "CSeq: 1 INVITE") +
		msg("00.001000", received, "SIP/2.0 100 Trying", call, "CSeq: 1 INVITE") +
		msg("01.000000", received, "SIP/2.0 200 OK", "To: <sip:+442079460000@127.0.0.1>;tag=phone", call, "CSeq: 1 INVITE") +
		msg("01.500000", received, "SIP/2.0 200 OK", "To: <sip:+442079460000@127.0.0.1>;tag=phone", call, "CSeq: 1 INVITE") +
		msg("02.000000", received, "SIP/2.0 603 Network Blocked", "To: <sip:+442079460000@127.0.0.1>;tag=proxy", call, "CSeq: 1 INVITE")
	phone := msg("00.900000", received, "INVITE sip:+442079460000@127.0.0.1:5070 SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa", call, "X-Hangup-Action: unscreened", "X-Hangup-Reason: unscreened.timeout") +
		msg("00.950000", received, "INVITE sip:+442079460000@127.0.0.1:5070 SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKb", call, "X-Hangup-Action: allow")
	for name, body := range map[string]string{"caller.log": caller, "phone.log": phone} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	res := analyseCalls(t, readSIPTrace(t, filepath.Join(dir, "caller.log")), readSIPTrace(t, filepath.Join(dir, "phone.log")))
	if len(res.calls) != 1 {
		t.Fatalf("%d calls, want 1", len(res.calls))
	}
	c := res.calls[0]
	if want := []finalResponse{{200, "phone"}, {603, "proxy"}}; !slices.Equal(c.finals, want) {
		t.Errorf("finals %v, want %v", c.finals, want)
	}
	if c.setup != time.Second || c.from != "+449061234567" || len(c.phoneBranches) != 2 || c.action != "allow" {
		t.Errorf("setup %s, from %q, branches %v, action %q", c.setup, c.from, c.phoneBranches, c.action)
	}
}
