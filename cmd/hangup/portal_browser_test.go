package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/codesend"
	"github.com/hangup-org/hangup/mail/mailtest"
	"github.com/hangup-org/hangup/orgportal/orgportaltest"
	"github.com/hangup-org/hangup/postgres/pgtest"
)

// TestBrowserOrganisationPortal walks the organisation portal's whole
// journey in a real browser on one node: sign up at it@imex.example,
// confirm the email from the local SMTP sink, prove the domain through the
// loopback DNS server, sign in, add a calls_out number and a policy, and
// verify the number with the code the fake adapter delivered. Then, within
// a second, a second node sharing the PostgreSQL database labels the
// number "IMEX (verified)" and its public check quotes the new policy;
// `hangup screen` run against the database says the same.
func TestBrowserOrganisationPortal(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := browser(t)
	sink := mailtest.Start(t)
	dns := orgportaltest.StartDNS(t)
	codes := codesend.NewFake()
	savedRefresh, savedKeys := RefreshInterval, KeysInterval
	RefreshInterval, KeysInterval = time.Hour, time.Hour // only the change feed can make it in time
	defer func() { RefreshInterval, KeysInterval = savedRefresh, savedKeys }()
	baseA, a := startAppWith(t, func(c *Config) {
		c.DB, c.TrustProxy = dsn, "127.0.0.1"
		c.SMTPHost, c.SMTPPort, c.SMTPFrom = sink.Host(), sink.Port(), "Hangup <noreply@hangup.test>"
		c.PublicURL = "https://hangup.test"
		c.codeSender = codes
		c.prover = orgportaltest.Prover(dns, nil)
	})
	baseB, b := startNode(t, dsn)

	// The registry lists imex.example as IMEX's (an analyst imports it):
	// that is what lets a claim through that domain be settled by proof.
	imex, ok := a.Registry.Snapshot().Organisation("imex")
	if !ok {
		t.Fatal("the shipped registry has no IMEX")
	}
	entry := *imex
	entry.Domains = append(entry.Domains, hangup.OrgDomain{Domain: "imex.example",
		Source: hangup.Source{Document: "IMEX scam warning, 3 December 2014", Checked: "2026-11-28"}})
	if err := a.Registry.Import(context.Background(), []*hangup.Organisation{&entry}); err != nil {
		t.Fatal(err)
	}

	const email, password = "it@imex.example", "correct horse battery staple"
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// Sign up.
	run("sign-up form", chromedp.Navigate(baseA+"/org/signup"), chromedp.WaitVisible(chromedp.ID("s-org")),
		chromedp.SendKeys(chromedp.ID("s-org"), "IMEX"), chromedp.SendKeys(chromedp.ID("s-email"), email),
		chromedp.SendKeys(chromedp.ID("s-password"), password))
	click(t, ctx, `#s-submit`)
	if h := textOf(t, ctx, "h1"); h != "Check your email" {
		t.Fatalf("after sign-up: %q", h)
	}
	// Confirm from the email.
	msgs := sink.Wait(1, 5*time.Second)
	m := regexp.MustCompile(`https://hangup\.test(/org/claim/[A-Za-z0-9_-]{43})`).FindStringSubmatch(msgs[0].Body)
	if len(msgs) != 1 || msgs[0].To[0] != email || m == nil {
		t.Fatalf("confirmation email: %d messages %q", len(msgs), msgs[0].Body)
	}
	run("claim link", chromedp.Navigate(baseA+m[1]), chromedp.WaitVisible(chromedp.ID("confirm")))
	click(t, ctx, `#confirm`)
	challenge := textOf(t, ctx, `#challenge`)
	if name := textOf(t, ctx, `#txt-name`); name != "_hangup-challenge.imex.example" || !strings.HasPrefix(challenge, "hangup-challenge=imex.example:") {
		t.Fatalf("challenge %q at %q", challenge, name)
	}
	// Prove the domain through DNS.
	dns.SetTXT("_hangup-challenge.imex.example", challenge)
	click(t, ctx, `#prove`)
	if s := textOf(t, ctx, `#claim-status`); !strings.Contains(s, "Done") {
		t.Fatalf("after the proof: %q", s)
	}
	// Sign in.
	click(t, ctx, `#signin`)
	run("sign in", chromedp.WaitVisible(chromedp.ID("email")), chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password))
	click(t, ctx, `form[action="/login"] button`)
	if h := textOf(t, ctx, "h1"); h != "IMEX on Hangup" {
		t.Fatalf("after signing in: %q", h)
	}
	// A calls_out number, declared.
	const e164 = "+441131230555"
	run("number form", chromedp.SendKeys(chromedp.ID("n-number"), "0113 123 0555"), chromedp.SetValue(chromedp.ID("n-role"), "calls_out"),
		chromedp.SendKeys(chromedp.ID("n-text"), "Our support team calling you back"), chromedp.SendKeys(chromedp.ID("n-why"), "Scammers call in our name"))
	click(t, ctx, `#add-number`)
	if d := textOf(t, ctx, `#facts-done`); !strings.Contains(d, "declared") {
		t.Fatalf("after adding the number: %q", d)
	}
	if _, _, ok := b.Registry.Snapshot().OrganisationByNumber(e164); ok {
		t.Fatal("a declared number shows on node B")
	}
	// A policy in IMEX's own words.
	words := "IMEX will never ask you to let us into your computer. Hang up and call 01793 781800."
	run("policy form", chromedp.SetValue(chromedp.ID("p-policy"), string(hangup.PolicyNoRemoteAccess)),
		chromedp.SendKeys(chromedp.ID("p-text"), words))
	click(t, ctx, `#add-policy`)
	// Verify the number with the code the fake delivered.
	click(t, ctx, `li[data-status="declared"] button[id^="code-"]`)
	code, ok := codes.Last(e164)
	if !ok {
		t.Fatal("no code was delivered to the number")
	}
	run("code", chromedp.SendKeys(chromedp.CSS(`li[data-status="declared"] input[name="code"]`), code))
	click(t, ctx, `li[data-status="declared"] button[id^="verify-"]`)
	if d := textOf(t, ctx, `#facts-done`); !strings.HasPrefix(d, "Verified") {
		t.Fatalf("after the code: %q", d)
	}

	// Node B follows within a second: screening labels the number...
	screenB := func() *hangup.Decision {
		d, err := b.Screen.Screen(context.Background(), hangup.ScreenRequest{From: e164, To: "+441632960999"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// The second is counted from the verification itself, saved before
	// the browser's page came back.
	facts, err := a.DB.ListFacts(context.Background(), "imex")
	if err != nil || len(facts) != 2 || facts[0].VerifiedAt == nil {
		t.Fatalf("facts: %v %+v", err, facts)
	}
	start := *facts[0].VerifiedAt
	took := within(t, "screening", start, func() bool { return screenB().Label == "IMEX (verified)" })
	t.Logf("node B labelled the verified number in %v", took)
	// ...and its public check quotes the new policy.
	quoted := func() bool {
		body := `{"claims":"IMEX","unsolicited":true,"asked":["remote_access"]}`
		resp, err := http.Post(baseB+"/api/v1/checks", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode == 200 && bytes.Contains(raw, []byte(jsonEscape(words)))
	}
	took = within(t, "check", start, quoted)
	t.Logf("node B's check quoted the new policy in %v", took)
	// The organisation's public page on node B says who published it.
	resp, err := http.Get(baseB + "/organisations/imex")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(page, []byte("published by IMEX, verified by domain on")) {
		t.Errorf("organisation page on node B has no publisher line")
	}
	// hangup screen, a fresh process on the same database, agrees.
	codeCLI, out, errOut := runCLI(t, "", nil, "screen", "--db", dsn, "--from", e164, "--to", "+441632960999", "--json")
	var d hangup.Decision
	if codeCLI != exitOK || json.Unmarshal([]byte(out), &d) != nil || d.Label != "IMEX (verified)" {
		t.Errorf("hangup screen: exit %d label %q\n%s\n%s", codeCLI, d.Label, out, errOut)
	}
	// The whole journey is in the audit log.
	log, err := a.DB.ListAudit(context.Background(), "imex", 50)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(log) - 1; i >= 0; i-- {
		actions = append(actions, log[i].Action)
	}
	want := "claim.signup claim.email_confirmed claim.verified fact.published fact.published fact.code_sent fact.verified"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("audit log:\n got %s\nwant %s", got, want)
	}
}

// jsonEscape writes s as it appears inside a JSON string.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}
