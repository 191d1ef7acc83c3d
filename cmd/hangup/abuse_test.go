package main

// The abuse suite: each attack of docs/security.md run against the real
// program on loopback, as a hostile user would, asserting that it fails.
// Linux routes all of 127.0.0.0/8 to the loopback interface, so a client
// can connect from 127.a.b.c: the tests are many networks at once, for
// real, without forging anything the server should not believe.

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// floodNumber is an ordinary, allocated UK mobile number: nothing but
// reports could make screening stop its calls.
const (
	floodNumber    = "+447400246821"
	floodNational  = "07400 246821"
	imexE164       = "+441793781800"
	imexNational   = "01793 781800"
	abuseFormDelay = 150 * time.Millisecond // the report form's least completion time in these tests
)

// abuseApp starts the App with keys off on the screening API (so the
// tests can ask it about a number), anonymous report limits out of the way
// unless a test wants them (so that what stops an attack is the evidence
// rule, not a rate limit), and a short report-form delay.
func abuseApp(t *testing.T, mutate func(*Config)) (string, *App) {
	t.Helper()
	return startAppWith(t, func(c *Config) {
		c.ScreenKeys = false
		c.anonReportsPerHour = 1e6
		c.reportFormMinTime = abuseFormDelay
		if mutate != nil {
			mutate(c)
		}
	})
}

// clientFrom returns an HTTP client whose connections come from the
// loopback address src, with its own cookie jar when jar is true.
func clientFrom(t testing.TB, src string, jar bool) *http.Client {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 8},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if jar {
		c.Jar, _ = cookiejar.New(nil)
	}
	return c
}

// trustedProxy runs a reverse proxy in front of base, listening on
// 127.0.0.1 and connecting to the App from 127.0.0.1, that appends the
// address it saw to X-Forwarded-For (as nginx's $proxy_add_x_forwarded_for
// does) and returns its address.
func trustedProxy(t *testing.T, base string) string {
	t.Helper()
	target, _ := url.Parse(base)
	p := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Header["X-Forwarded-For"] = r.In.Header["X-Forwarded-For"]
		r.SetXForwarded()
		r.Out.Host = r.In.Host
	}}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL
}

type reply struct {
	status int
	header http.Header
	body   string
}

func send(t testing.TB, c *http.Client, method, u string, hdr map[string]string, body string) reply {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if strings.EqualFold(k, "Host") {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(b)}
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// formOf returns a page's hidden fields with more answers on top.
func formOf(page string, answers map[string]string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	for k, a := range answers {
		v.Set(k, a)
	}
	return v
}

func postForm(t testing.TB, c *http.Client, u string, v url.Values, hdr map[string]string) reply {
	t.Helper()
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for k, x := range hdr {
		h[k] = x
	}
	return send(t, c, "POST", u, h, v.Encode())
}

// webReport files one report through every page of /report, as a browser
// with the given client would, and reports whether it was taken.
func webReport(t testing.TB, c *http.Client, base, number string, hdr map[string]string) bool {
	t.Helper()
	page := send(t, c, "GET", base+"/report", hdr, "")
	start := time.Now() // the form's clock started before the page came back
	step := postForm(t, c, base+"/report", formOf(page.body, map[string]string{"number_shown": number, "claimed_organisation": "Microsoft",
		"story": "They said my computer had a virus and wanted remote access.", "action": "next"}), hdr)
	for range 10 {
		if step.status != http.StatusOK || strings.Contains(step.body, `name="step" value="check"`) {
			break
		}
		step = postForm(t, c, base+"/report", formOf(step.body, map[string]string{"action": "next"}), hdr)
	}
	if !strings.Contains(step.body, `name="step" value="check"`) {
		return false
	}
	time.Sleep(abuseFormDelay - time.Since(start))
	final := postForm(t, c, base+"/report", formOf(step.body, map[string]string{"action": "next"}), hdr)
	return final.status == http.StatusSeeOther && strings.Contains(final.header.Get("Location"), "/r/")
}

// apiReport files one report through POST /api/v1/reports.
func apiReport(t testing.TB, c *http.Client, base, number string, hdr map[string]string) bool {
	t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range hdr {
		h[k] = v
	}
	r := send(t, c, "POST", base+"/api/v1/reports", h, fmt.Sprintf(`{"number_shown":%q,"claimed_organisation":"Microsoft","story":"They wanted remote access to my computer."}`, number))
	return r.status == http.StatusCreated
}

// reputationOf reads a number's reputation through the public API.
func reputationOf(t testing.TB, base, number string) hangup.Reputation {
	t.Helper()
	var n struct {
		Reputation hangup.Reputation `json:"reputation"`
	}
	r := send(t, http.DefaultClient, "GET", base+"/api/v1/numbers/"+url.PathEscape(number), nil, "")
	if r.status != 200 || json.Unmarshal([]byte(r.body), &n) != nil {
		t.Fatalf("GET /api/v1/numbers/%s: %d %s", number, r.status, r.body)
	}
	return n.Reputation
}

// screenCall asks the running server what to do with a call from number.
func screenCall(t testing.TB, base, number string, extra url.Values) hangup.Decision {
	t.Helper()
	q := url.Values{"from": {number}, "to": {"+442079460000"}}
	for k, v := range extra {
		q[k] = v
	}
	r := send(t, http.DefaultClient, "GET", base+"/api/v1/screen?"+q.Encode(), nil, "")
	var d hangup.Decision
	if r.status != 200 || json.Unmarshal([]byte(r.body), &d) != nil {
		t.Fatalf("screen %s: %d %s", number, r.status, r.body)
	}
	return d
}

// parallel runs fn(i) for i in [0, n) on a few workers.
func parallel(n, workers int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// TestFloodFromOneAddressLeavesNumberUnknown: 300 anonymous reports
// through the web form and 300 through the API, from one address, with a
// fresh browser cookie each time and with or without forged
// X-Forwarded-For, with or without --trust-proxy, leave the number at one
// anonymous unit of evidence: unknown, and never blocked.
func TestFloodFromOneAddressLeavesNumberUnknown(t *testing.T) {
	if testing.Short() {
		t.Skip("floods")
	}
	tests := []struct {
		name    string
		trust   bool // --trust-proxy 127.0.0.1
		proxied bool // through the trusted proxy (else straight to the server)
		forge   bool // a made-up X-Forwarded-For on every request
	}{
		{"direct", false, false, false},
		{"direct, forged X-Forwarded-For", false, false, true},
		{"behind the trusted proxy", true, true, false},
		{"behind the trusted proxy, forged X-Forwarded-For", true, true, true},
		{"trusting a proxy but bypassing it, forged X-Forwarded-For", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := abuseApp(t, func(c *Config) {
				if tt.trust {
					c.TrustProxy = "127.0.0.1"
				}
			})
			entry := base
			if tt.proxied {
				entry = trustedProxy(t, base)
			}
			const attacker = "127.66.0.7"
			var web, api atomic.Int64
			hdr := func(i int) map[string]string {
				if !tt.forge {
					return nil
				}
				return map[string]string{"X-Forwarded-For": fmt.Sprintf("%d.%d.%d.9", 11+i%200, i/200, i%250)}
			}
			parallel(300, 12, func(i int) {
				if webReport(t, clientFrom(t, attacker, true), entry, floodNational, hdr(i)) {
					web.Add(1)
				}
			})
			shared := clientFrom(t, attacker, false)
			parallel(300, 12, func(i int) {
				if apiReport(t, shared, entry, floodNational, hdr(i)) {
					api.Add(1)
				}
			})
			// The reports were taken (the rule under test is what they
			// count for, not whether they were refused).
			if web.Load() < 290 || api.Load() < 290 {
				t.Fatalf("only %d web and %d API reports were taken", web.Load(), api.Load())
			}
			rep := reputationOf(t, base, floodNumber)
			if rep.Verdict != hangup.RepUnknown || rep.Reports != 1 || rep.ScamEvidence > 0.5 {
				t.Errorf("600 reports from one address: %s, %d units, evidence %.2f; want unknown, one anonymous unit", rep.Verdict, rep.Reports, rep.ScamEvidence)
			}
			for _, verstat := range []string{"", "TN-Validation-Failed"} {
				d := screenCall(t, base, floodNumber, url.Values{"verstat": {verstat}})
				if d.Action == hangup.ActionBlock || d.Action == hangup.ActionWarn {
					t.Errorf("screening with verstat %q: %s (%d, %v)", verstat, d.Action, d.Score, d.Reasons)
				}
			}
		})
	}
}

// TestFloodIsRateLimited: with the default limits, a flood of anonymous
// reports from one address, each with a fresh cookie, is mostly refused.
func TestFloodIsRateLimited(t *testing.T) {
	base, _ := startAppWith(t, func(c *Config) { c.ScreenKeys = false; c.reportFormMinTime = abuseFormDelay })
	c := clientFrom(t, "127.66.0.8", false)
	taken, refused := 0, 0
	for range 40 {
		h := map[string]string{"Content-Type": "application/json", "Cookie": "hu_b=" + strings.Repeat("A", 43)}
		r := send(t, c, "POST", base+"/api/v1/reports", h, fmt.Sprintf(`{"number_shown":%q,"story":"They called."}`, floodNational))
		switch r.status {
		case http.StatusCreated:
			taken++
		case http.StatusTooManyRequests:
			refused++
			if r.header.Get("Retry-After") == "" || !strings.Contains(r.body, `"code":"rate_limited"`) {
				t.Errorf("429 without Retry-After or JSON: %v %s", r.header, r.body)
			}
		}
	}
	if taken > 5 || refused < 35 {
		t.Errorf("40 reports from one address at the default limit: %d taken, %d refused", taken, refused)
	}
}

// TestForgedBrowserCookiesAreRefused: a browser id the server did not sign
// is replaced, so a form sent with a made-up cookie fails its CSRF check.
func TestForgedBrowserCookiesAreRefused(t *testing.T) {
	base, app := abuseApp(t, nil)
	c := clientFrom(t, "127.66.0.9", false)
	forged := map[string]string{"Cookie": "hu_b=" + strings.Repeat("x", 43)}
	page := send(t, c, "GET", base+"/report", forged, "")
	if !strings.Contains(page.header.Get("Set-Cookie"), "hu_b=") || strings.Contains(page.header.Get("Set-Cookie"), strings.Repeat("x", 43)) {
		t.Errorf("a forged browser cookie was kept: Set-Cookie %q", page.header.Get("Set-Cookie"))
	}
	for range 3 {
		r := postForm(t, c, base+"/report", formOf(page.body, map[string]string{"number_shown": floodNational, "story": "x"}), forged)
		if r.status != http.StatusForbidden {
			t.Errorf("a form sent with a forged cookie: %d, want 403", r.status)
		}
	}
	if list, _ := app.DB.ListReports(context.Background(), hangup.ReportFilter{}); len(list) != 0 {
		t.Errorf("%d reports stored", len(list))
	}
}

// TestFiftyNetworksMakeANumberAtMostSuspected: anonymous reports from 50
// different /24 networks (real loopback source addresses, straight and
// through the trusted proxy) make a number suspected, a warning, and never
// scam or a block; accounts (trusted reporters) can list it.
func TestFiftyNetworksMakeANumberAtMostSuspected(t *testing.T) {
	base, app := abuseApp(t, func(c *Config) { c.TrustProxy = "127.0.0.1" })
	proxy := trustedProxy(t, base)
	var taken atomic.Int64
	parallel(50, 10, func(i int) {
		src := fmt.Sprintf("127.%d.0.1", 100+i)
		c := clientFrom(t, src, true)
		ok := false
		if i%2 == 0 {
			ok = webReport(t, c, base, floodNational, map[string]string{"X-Forwarded-For": "203.0.113.1"}) // ignored: the peer is not a proxy
		} else {
			ok = apiReport(t, c, proxy, floodNational, map[string]string{"X-Forwarded-For": "203.0.113.1"}) // the proxy appends the real one
		}
		if ok {
			taken.Add(1)
		}
		// More from the same networks add nothing.
		apiReport(t, clientFrom(t, fmt.Sprintf("127.%d.0.2", 100+i), false), base, floodNational, nil)
	})
	if taken.Load() != 50 {
		t.Fatalf("%d of 50 reports taken", taken.Load())
	}
	rep := reputationOf(t, base, floodNumber)
	if rep.Verdict != hangup.RepSuspected || rep.Reports != 50 {
		t.Fatalf("50 networks: %s with %d units, want suspected with 50", rep.Verdict, rep.Reports)
	}
	for _, extra := range []url.Values{nil, {"verstat": {"TN-Validation-Failed"}}, {"international": {"true"}}} {
		if d := screenCall(t, base, floodNumber, extra); d.Action == hangup.ActionBlock {
			t.Errorf("screening %v: blocked on anonymous reports (%d, %v)", extra, d.Score, d.Reasons)
		}
	}
	var check hangup.CheckResult
	r := send(t, http.DefaultClient, "POST", base+"/api/v1/checks", map[string]string{"Content-Type": "application/json"}, fmt.Sprintf(`{"number":%q}`, floodNational))
	if json.Unmarshal([]byte(r.body), &check) != nil || check.Verdict == hangup.CheckStop {
		t.Errorf("the public check on anonymous reports alone: %d %s", r.status, r.body)
	}
	// Six signed-in analysts agree: now it is a scam number, and blocked.
	for i := range 6 {
		email := fmt.Sprintf("analyst%d@example.org", i)
		if _, err := app.Accounts.AddUser(context.Background(), email, "a long enough password", hangup.RoleAnalyst, ""); err != nil {
			t.Fatal(err)
		}
		c := clientFrom(t, fmt.Sprintf("127.200.%d.1", i), true)
		login := send(t, c, "GET", base+"/login", nil, "")
		if r := postForm(t, c, base+"/login", formOf(login.body, map[string]string{"email": email, "password": "a long enough password"}), nil); r.status != http.StatusSeeOther {
			t.Fatalf("sign in: %d", r.status)
		}
		if !apiReport(t, c, base, floodNational, nil) {
			t.Fatal("an analyst's report was refused")
		}
	}
	if rep := reputationOf(t, base, floodNumber); rep.Verdict != hangup.RepScam {
		t.Errorf("50 networks and 6 accounts: %s, want scam", rep.Verdict)
	}
	if d := screenCall(t, base, floodNumber, nil); d.Action != hangup.ActionBlock {
		t.Errorf("a scam number listed by accounts: %s, want block", d.Action)
	}
}

// TestFakeReportsNeverBlockAVerifiedNumber: 45 fake reports from 45
// networks, and more from signed-in accounts, against IMEX's published
// number, with a failed attestation (TN-Validation-Failed) on the call,
// never block it: the call is labelled as a number scammers fake, with the
// number to call back on; the same through the CLI's --verstat.
func TestFakeReportsNeverBlockAVerifiedNumber(t *testing.T) {
	base, app := abuseApp(t, nil)
	parallel(45, 9, func(i int) {
		if !apiReport(t, clientFrom(t, fmt.Sprintf("127.%d.1.1", 10+i), false), base, imexNational, nil) {
			t.Error("a report was refused")
		}
	})
	ctx := context.Background()
	for i := range 20 {
		ref := fmt.Sprintf("HU-FAKE-%04d", i)
		ev := []hangup.Evidence{{Number: imexE164, ReporterKey: fmt.Sprintf("user:%d", 9000+i), Weight: 1, At: time.Now(), ReportRef: ref, Source: "api"}}
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "api", CreatedAt: time.Now(), UpdatedAt: time.Now(),
			NumberShown: imexNational, NumberShownE164: imexE164, ReporterKey: fmt.Sprintf("user:%d", 9000+i), ReporterWeight: 1}
		if err := app.DB.CreateReport(ctx, r, nil, []byte(ref), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.Reputation.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	rep := reputationOf(t, base, imexE164)
	if rep.Verdict != hangup.RepVerified || !rep.Spoofed || rep.Reports != 65 {
		t.Fatalf("IMEX after 65 fake reports: %s spoofed=%v, %d units; want verified, spoofed, 65", rep.Verdict, rep.Spoofed, rep.Reports)
	}
	for _, verstat := range []string{"", "TN-Validation-Failed", "TN-Validation-Passed-C"} {
		d := screenCall(t, base, imexE164, url.Values{"verstat": {verstat}})
		if d.Action == hangup.ActionBlock || d.SIP.Code == 603 {
			t.Errorf("verstat %q: IMEX's number blocked (%d, %v)", verstat, d.Score, d.Reasons)
		}
		if d.Label != "IMEX (often faked)" {
			t.Errorf("verstat %q: label %q, want IMEX (often faked)", verstat, d.Label)
		}
		if r, ok := findReason(d, "screen.reputation_spoofed"); !ok || !strings.Contains(r.Message, "call back on "+imexNational) {
			t.Errorf("verstat %q: spoofing reason %+v lacks the number to call back on", verstat, r)
		}
	}
	// The command line screens from the same database, as a PBX script would.
	code, out, errOut := runCLI(t, "", nil, "screen", "--db", app.cfg.DB, "--from", imexNational, "--to", "020 7946 0000", "--verstat", "TN-Validation-Failed")
	if code != exitOK || strings.HasPrefix(out, "BLOCK") || !strings.Contains(out, "often faked") {
		t.Errorf("hangup screen --verstat TN-Validation-Failed (exit %d):\n%s%s", code, out, errOut)
	}
}

func findReason(d hangup.Decision, code string) (hangup.Reason, bool) {
	for _, r := range d.Reasons {
		if r.Code == code {
			return r, true
		}
	}
	return hangup.Reason{}, false
}

// TestLiveCallSurvivesAFloodOfCalls: another client's live call survives
// 2,100 calls started by one client; when every slot is taken, new calls
// get 503 with Retry-After, never someone else's call.
func TestLiveCallSurvivesAFloodOfCalls(t *testing.T) {
	base, _ := abuseApp(t, nil)
	victim, flooder := clientFrom(t, "127.10.0.2", false), clientFrom(t, "127.20.0.3", false)
	jsonHdr := map[string]string{"Content-Type": "application/json"}
	create := func(c *http.Client, hdr map[string]string) reply {
		return send(t, c, "POST", base+"/api/v1/calls", hdr, "")
	}
	idOf := func(r reply) string {
		var cc struct{ ID string }
		if r.status != http.StatusCreated || json.Unmarshal([]byte(r.body), &cc) != nil {
			t.Fatalf("POST /api/v1/calls: %d %s", r.status, r.body)
		}
		return cc.ID
	}
	call := idOf(create(victim, nil))
	if r := send(t, victim, "POST", base+"/api/v1/calls/"+call+"/turns", jsonHdr, `{"speaker":"caller","text":"Hello, this is the Windows technical department."}`); r.status != 200 {
		t.Fatalf("first turn: %d %s", r.status, r.body)
	}
	first := idOf(create(flooder, nil))
	parallel(2100, 8, func(int) { create(flooder, nil) })
	if r := send(t, victim, "POST", base+"/api/v1/calls/"+call+"/turns", jsonHdr, `{"speaker":"caller","text":"Please install AnyDesk so I can fix it."}`); r.status != 200 {
		t.Fatalf("the other client's call after 2,100 creations: %d %s", r.status, r.body)
	}
	if r := send(t, victim, "GET", base+"/api/v1/calls/"+call, nil, ""); r.status != 200 || !strings.Contains(r.body, "remote") {
		t.Errorf("GET the call: %d %.200s", r.status, r.body)
	}
	if r := send(t, flooder, "GET", base+"/api/v1/calls/"+first, nil, ""); r.status != http.StatusNotFound {
		t.Errorf("the flooder's own first call: %d, want 404 (its oldest go first)", r.status)
	}

	// A small server, full: 503 with Retry-After, JSON, and nobody's call taken.
	base, _ = abuseApp(t, func(c *Config) { c.liveCalls.MaxSessions, c.liveCalls.MaxPerOwner = 25, 10 })
	var ids []string
	for i := range 3 {
		c := clientFrom(t, fmt.Sprintf("127.30.%d.1", i), false)
		for range 10 {
			if r := create(c, nil); r.status == http.StatusCreated {
				ids = append(ids, idOf(r))
			}
		}
	}
	if len(ids) != 25 {
		t.Fatalf("%d calls started on a server for 25", len(ids))
	}
	r := create(clientFrom(t, "127.31.0.1", false), nil)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.Contains(r.body, `"code":"unavailable"`) {
		t.Errorf("a new client on a full server: %d Retry-After %q %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	for _, id := range ids {
		if r := send(t, http.DefaultClient, "GET", base+"/api/v1/calls/"+id, nil, ""); r.status != 200 {
			t.Fatalf("call %s lost when the server was full: %d", id, r.status)
		}
	}
}

// TestAdministratorSignsInWhileAnAttackerKeepsFailing: wrong passwords from
// one network slow that network down, never the account: the administrator
// signs in from another network, sees the attack and clears it.
func TestAdministratorSignsInWhileAnAttackerKeepsFailing(t *testing.T) {
	base, app := abuseApp(t, nil)
	const password = "the administrator's long password"
	if _, err := app.Accounts.AddUser(context.Background(), "admin@example.org", password, hangup.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	signIn := func(c *http.Client, pw string) reply {
		page := send(t, c, "GET", base+"/login", nil, "")
		return postForm(t, c, base+"/login", formOf(page.body, map[string]string{"email": "admin@example.org", "password": pw}), nil)
	}
	attacker := clientFrom(t, "127.50.0.66", true)
	var stop atomic.Bool
	var failed, throttled atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; !stop.Load(); i++ {
			switch r := signIn(attacker, fmt.Sprint("guess ", i)); r.status {
			case http.StatusUnauthorized:
				failed.Add(1)
			case http.StatusTooManyRequests:
				throttled.Add(1)
				if r.header.Get("Retry-After") == "" {
					t.Error("a throttled sign-in without Retry-After")
				}
			default:
				t.Errorf("attacker's sign-in: %d", r.status)
			}
		}
	}()
	for throttled.Load() < 20 {
		time.Sleep(10 * time.Millisecond)
	}
	admin := clientFrom(t, "127.51.0.1", true)
	r := signIn(admin, password)
	stop.Store(true)
	<-done
	if r.status != http.StatusSeeOther {
		t.Fatalf("the administrator, from another network, while the attacker is throttled: %d\n%.300s", r.status, r.body)
	}
	if failed.Load() > 10 {
		t.Errorf("the attacker had %d passwords tried", failed.Load())
	}
	page := send(t, admin, "GET", base+"/admin/signins", nil, "")
	if page.status != 200 || !strings.Contains(page.body, "127.50.0.0/24") {
		t.Fatalf("GET /admin/signins: %d", page.status)
	}
	if r := postForm(t, admin, base+"/admin/signins", formOf(page.body, map[string]string{"account": "admin@example.org", "network": "127.50.0.0/24"}), nil); r.status != http.StatusSeeOther {
		t.Fatalf("clear: %d", r.status)
	}
	if r := signIn(clientFrom(t, "127.50.0.67", true), password); r.status != http.StatusSeeOther {
		t.Errorf("after the administrator cleared the throttle, the right password from that network: %d", r.status)
	}
	// The CLI sees the same.
	if code, out, _ := runCLI(t, "", nil, "user", "throttles", "--db", app.cfg.DB); code != exitOK || !strings.Contains(out, "No failed sign-ins") {
		t.Errorf("hangup user throttles after clearing (exit %d): %s", code, out)
	}
}

// TestTrustedProxyRateLimitsTheRealClient: behind a trusted proxy, a
// client forging X-Forwarded-For shares one request bucket however many
// addresses it writes.
func TestTrustedProxyRateLimitsTheRealClient(t *testing.T) {
	base, _ := abuseApp(t, func(c *Config) { c.TrustProxy, c.RateLimit, c.RateBurst = "127.0.0.1", 1, 5 })
	proxy := trustedProxy(t, base)
	c := clientFrom(t, "127.70.0.1", false)
	ok := 0
	for i := range 40 {
		r := send(t, c, "POST", proxy+"/api/v1/checks", map[string]string{"Content-Type": "application/json", "X-Forwarded-For": fmt.Sprintf("198.51.%d.%d", i, i)}, `{"number":"0906 123 4567"}`)
		if r.status == 200 {
			ok++
		}
	}
	if ok > 7 {
		t.Errorf("%d of 40 requests with forged addresses got through a limit of 5", ok)
	}
	// Another client behind the same proxy is not held up.
	if r := send(t, clientFrom(t, "127.71.0.1", false), "POST", proxy+"/api/v1/checks", map[string]string{"Content-Type": "application/json"}, `{"number":"0906 123 4567"}`); r.status != 200 {
		t.Errorf("another client: %d", r.status)
	}
}

// TestOldTrustProxyBooleanIsRefused: --trust-proxy true, in any of its
// forms, stops start-up with a message saying what to write instead.
func TestOldTrustProxyBooleanIsRefused(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/hangup.json"
	if err := os.WriteFile(file, []byte(`{"trust_proxy": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		args []string
	}{
		{"flag", nil, []string{"serve", "--db", dir + "/a.db", "--trust-proxy", "true"}},
		{"bare flag", nil, []string{"serve", "--db", dir + "/a.db", "--trust-proxy"}},
		{"environment", map[string]string{"HANGUP_TRUST_PROXY": "true"}, []string{"serve", "--db", dir + "/a.db"}},
		{"config file", nil, []string{"serve", "--db", dir + "/a.db", "--config", file}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tt.vars, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, "--trust-proxy 127.0.0.1") {
				t.Errorf("exit %d, stderr %q: want a usage error saying what to write", code, errOut)
			}
		})
	}
	if code, _, errOut := runCLI(t, "", nil, "serve", "--db", dir+"/a.db", "--trust-proxy", "proxy.example.org"); code != exitUsage || !strings.Contains(errOut, "proxy.example.org") {
		t.Errorf("a host name: exit %d %q", code, errOut)
	}
}

// TestLinksNeverComeFromTheHostHeader: tracking links and Location headers
// are built from the public URL, or on loopback from the listen address,
// whatever Host the client sends; a server reachable from other machines
// without a public URL refuses to start.
func TestLinksNeverComeFromTheHostHeader(t *testing.T) {
	base, app := abuseApp(t, nil)
	evil := map[string]string{"Host": "evil.example", "Content-Type": "application/json", "X-Forwarded-Host": "evil.example"}
	r := send(t, http.DefaultClient, "POST", base+"/api/v1/reports", evil, `{"story":"They called about my bank."}`)
	var created struct {
		TrackingURL string `json:"tracking_url"`
	}
	json.Unmarshal([]byte(r.body), &created)
	if r.status != 201 || !strings.HasPrefix(created.TrackingURL, base+"/r/") || r.header.Get("Location") != created.TrackingURL {
		t.Errorf("tracking link %q, Location %q; want them under %s", created.TrackingURL, r.header.Get("Location"), base)
	}
	if app.PublicURL() != base {
		t.Errorf("public URL %q, want the listen address %s", app.PublicURL(), base)
	}
	pub, _ := abuseApp(t, func(c *Config) { c.PublicURL = "https://hangup.example.org" })
	r = send(t, http.DefaultClient, "POST", pub+"/api/v1/reports", evil, `{"story":"They called about my bank."}`)
	if !strings.HasPrefix(r.header.Get("Location"), "https://hangup.example.org/r/") {
		t.Errorf("with a public URL, Location %q", r.header.Get("Location"))
	}
	// Listening on every interface needs a public URL, and says so.
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0"} {
		code, _, errOut := runCLI(t, "", nil, "serve", "--db", t.TempDir()+"/x.db", "--addr", addr)
		if code != exitUsage || !strings.Contains(errOut, "HANGUP_PUBLIC_URL") {
			t.Errorf("serve --addr %s without a public URL: exit %d %q", addr, code, errOut)
		}
	}
	if err := checkPublicURL("", DefaultConfig().Addr); err != nil {
		t.Errorf("the default address (the README's zero-configuration serve) is refused: %v", err)
	}
}

// TestEveryAPIRefusalIsJSON: cross-origin requests, unknown endpoints,
// oversized bodies, bad amounts and numbers that are not numbers are all
// answered with the JSON error, naming the field where there is one, and
// store nothing.
func TestEveryAPIRefusalIsJSON(t *testing.T) {
	base, app := abuseApp(t, nil)
	c := http.DefaultClient
	jsonCT := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name        string
		method, url string
		hdr         map[string]string
		body        string
		status      int
		code, field string
	}{
		{"cross-origin POST", "POST", "/api/v1/checks", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, `{"number":"0906 123 4567"}`, 403, "forbidden", ""},
		{"cross-origin report", "POST", "/api/v1/reports", map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, `{"story":"x"}`, 403, "forbidden", ""},
		{"unknown endpoint", "GET", "/api/v1/nothing", nil, "", 404, "not_found", ""},
		{"wrong method", "DELETE", "/api/v1/checks", nil, "", 404, "not_found", ""},
		{"too large", "POST", "/api/v1/checks", jsonCT, `{"notes":"` + strings.Repeat("a", 70<<10) + `"}`, 413, "too_large", ""},
		{"amount with letters", "POST", "/api/v1/reports", jsonCT, `{"story":"They took money.","amount":"12abc"}`, 400, "invalid", "amount"},
		{"number that is a path", "POST", "/api/v1/reports", jsonCT, `{"number_shown":"../../etc/passwd","story":"x"}`, 400, "invalid", "number_shown"},
		{"callback that is words", "POST", "/api/v1/reports", jsonCT, `{"callback_number":"call me back","story":"x"}`, 400, "invalid", "callback_number"},
		{"number lookup of a path", "GET", "/api/v1/numbers/" + url.PathEscape("../etc"), nil, "", 400, "invalid", "number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, c, tt.method, base+tt.url, tt.hdr, tt.body)
			var e struct {
				Error struct {
					Code   string `json:"code"`
					Fields []struct{ Field string }
				} `json:"error"`
			}
			if r.status != tt.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(r.body), &e) != nil || e.Error.Code != tt.code {
				t.Fatalf("%d %q %s; want %d JSON %s", r.status, r.header.Get("Content-Type"), r.body, tt.status, tt.code)
			}
			if tt.field != "" && (len(e.Error.Fields) == 0 || e.Error.Fields[0].Field != tt.field) {
				t.Errorf("fields %+v, want %s named", e.Error.Fields, tt.field)
			}
		})
	}
	if list, _ := app.DB.ListReports(context.Background(), hangup.ReportFilter{}); len(list) != 0 {
		t.Errorf("%d refused reports were stored", len(list))
	}
}

// TestMetricsAreNotPublic: /metrics on the main address needs the metrics
// key; on a metrics address of its own it needs none, and the main address
// has none.
func TestMetricsAreNotPublic(t *testing.T) {
	base, _ := abuseApp(t, nil)
	if r := send(t, http.DefaultClient, "GET", base+"/metrics", nil, ""); r.status != http.StatusNotFound || strings.Contains(r.body, "hangup_screen") {
		t.Errorf("/metrics with no key or address configured: %d", r.status)
	}
	const key = "a-metrics-key-for-prometheus"
	base, _ = abuseApp(t, func(c *Config) { c.MetricsKey = key })
	if r := send(t, http.DefaultClient, "GET", base+"/metrics", nil, ""); r.status != http.StatusUnauthorized {
		t.Errorf("/metrics without the key: %d", r.status)
	}
	if r := send(t, http.DefaultClient, "GET", base+"/metrics", map[string]string{"Authorization": "Bearer " + key}, ""); r.status != 200 || !strings.Contains(r.body, "hangup_screen_decision_seconds") {
		t.Errorf("/metrics with the key: %d", r.status)
	}
	base, app := abuseApp(t, func(c *Config) { c.MetricsAddr = "127.0.0.1:0" })
	if r := send(t, http.DefaultClient, "GET", "http://"+app.MetricsAddr().String()+"/metrics", nil, ""); r.status != 200 || !strings.Contains(r.body, "hangup_screen_decision_seconds") {
		t.Errorf("/metrics on its own address: %d", r.status)
	}
	if r := send(t, http.DefaultClient, "GET", base+"/metrics", nil, ""); r.status != http.StatusNotFound {
		t.Errorf("/metrics on the main address with a metrics address: %d", r.status)
	}
}

// TestLiveCallsWithAnAPIKeyAreCountedPerKey: an integration that starts
// calls with an API key has the key's allowance, not the per-address one,
// and its calls are its own: the address's other calls are not touched.
func TestLiveCallsWithAnAPIKeyAreCountedPerKey(t *testing.T) {
	base, app := abuseApp(t, func(c *Config) { c.ScreenKeys = true })
	code, out, errOut := runCLI(t, "", nil, "apikey", "add", "--db", app.cfg.DB, "--name", "callcentre", "--rate", "1000")
	if code != exitOK {
		t.Fatalf("apikey add: %s", errOut)
	}
	key := strings.TrimSpace(out)
	c := clientFrom(t, "127.40.0.1", false)
	own := send(t, c, "POST", base+"/api/v1/calls", nil, "")
	if own.status != http.StatusCreated {
		t.Fatalf("a call without a key: %d", own.status)
	}
	var ids []string
	deadline := time.Now().Add(2 * time.Second) // the key cache follows the CLI within a second
	for len(ids) < 60 && time.Now().Before(deadline) {
		r := send(t, c, "POST", base+"/api/v1/calls", map[string]string{"Authorization": "Bearer " + key}, "")
		if r.status == http.StatusUnauthorized {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		var cc struct{ ID string }
		if r.status != http.StatusCreated || json.Unmarshal([]byte(r.body), &cc) != nil {
			t.Fatalf("a call with the key: %d %s", r.status, r.body)
		}
		ids = append(ids, cc.ID)
	}
	if len(ids) != 60 {
		t.Fatalf("%d calls started with the key", len(ids))
	}
	var mine struct{ ID string }
	json.Unmarshal([]byte(own.body), &mine)
	for _, id := range append(ids, mine.ID) {
		if r := send(t, c, "GET", base+"/api/v1/calls/"+id, nil, ""); r.status != 200 {
			t.Errorf("call %s: %d (60 keyed calls are within the key's 500, and the address's own call is apart)", id, r.status)
		}
	}
	if r := send(t, c, "POST", base+"/api/v1/calls", map[string]string{"Authorization": "Bearer hk_not-a-key"}, ""); r.status != http.StatusUnauthorized {
		t.Errorf("a call with a bad key: %d, want 401", r.status)
	}
}
