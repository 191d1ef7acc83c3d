package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/codesend"
	"github.com/hangup-org/hangup/guidance"
	"github.com/hangup-org/hangup/mail/mailtest"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/orgportal/orgportaltest"
	"github.com/hangup-org/hangup/screen"
)

type portalRig struct {
	base  string
	app   *App
	dns   *orgportaltest.DNS
	codes *codesend.Fake
	sink  *mailtest.Sink
}

// newPortalRig serves an App with two test organisations, each with a
// domain, and the portal's loopback DNS, mail sink and fake code adapter.
func newPortalRig(t *testing.T) *portalRig {
	t.Helper()
	r := &portalRig{dns: orgportaltest.StartDNS(t), codes: codesend.NewFake(), sink: mailtest.Start(t)}
	r.base, r.app = startAppWith(t, func(c *Config) {
		c.SMTPHost, c.SMTPPort, c.SMTPFrom = r.sink.Host(), r.sink.Port(), "Hangup <noreply@hangup.test>"
		c.PublicURL = "https://hangup.test"
		c.codeSender = r.codes
		c.prover = orgportaltest.Prover(r.dns, nil)
	})
	src := func(d string) hangup.Source { return hangup.Source{URL: "https://" + d + "/", Checked: "2026-11-01"} }
	var orgs []*hangup.Organisation
	for _, id := range []string{"alpha", "beta"} {
		d := id + "-bank.example"
		orgs = append(orgs, &hangup.Organisation{ID: id + "-bank", Name: strings.ToUpper(id[:1]) + id[1:] + " Test Bank", Country: "GB",
			Kind: hangup.KindBank, Domains: []hangup.OrgDomain{{Domain: d, Source: src(d)}}})
	}
	if err := r.app.Registry.Import(context.Background(), orgs); err != nil {
		t.Fatal(err)
	}
	return r
}

// admin claims the organisation through the portal and returns its
// org_admin actor.
func (r *portalRig) admin(t *testing.T, org string) orgportal.Actor {
	t.Helper()
	ctx := context.Background()
	email := "it@" + org + ".example"
	if _, err := r.app.Portal.SignUp(ctx, orgportal.SignUp{Organisation: org, Email: email, Password: "a long enough password", Network: org}); err != nil {
		t.Fatal(err)
	}
	var token string
	for _, m := range r.sink.Messages() {
		if m.To[0] == email {
			i := strings.Index(m.Body, "/org/claim/")
			token = m.Body[i+len("/org/claim/") : i+len("/org/claim/")+43]
		}
	}
	c, err := r.app.Portal.Confirm(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	r.dns.SetTXT("_hangup-challenge."+c.Domain, c.Challenge)
	if _, err := r.app.Portal.Prove(ctx, token); err != nil {
		t.Fatal(err)
	}
	u, err := r.app.DB.FindUserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return orgportal.UserActor(u)
}

func (r *portalRig) token(t *testing.T, a orgportal.Actor, name string, readOnly bool) string {
	t.Helper()
	secret, _, err := r.app.Portal.CreateToken(context.Background(), a, a.OrganisationID, name, readOnly)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.app.ScreenKeys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

func (r *portalRig) api(t *testing.T, method, path, token, body string) reply {
	t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return send(t, http.DefaultClient, method, r.base+path, h, body)
}

// TestOrganisationsCannotReachEachOther: one organisation's tokens and
// accounts never read or change another's facts, read-only tokens and
// members change nothing, and organisation tokens do nothing but the
// organisation API.
func TestOrganisationsCannotReachEachOther(t *testing.T) {
	r := newPortalRig(t)
	alpha, beta := r.admin(t, "alpha-bank"), r.admin(t, "beta-bank")
	tokA, tokB, tokAR := r.token(t, alpha, "sync", false), r.token(t, beta, "sync", false), r.token(t, alpha, "reader", true)

	res := r.api(t, "POST", "/api/v1/org/facts", tokA, `{"kind":"number","number":"0113 123 0777","role":"receives_only","text":"Fraud line","why":"DNO"}`)
	var fact hangup.OrgFact
	if res.status != 201 || json.Unmarshal([]byte(res.body), &fact) != nil || fact.Status != hangup.FactDeclared || fact.OrganisationID != "alpha-bank" {
		t.Fatalf("publish: %d %s", res.status, res.body)
	}
	id := fmt.Sprint(fact.ID)
	for _, c := range []struct {
		what, method, path, token, body string
		want                            int
	}{
		{"no token", "GET", "/api/v1/org/facts", "", "", 401},
		{"bad token", "GET", "/api/v1/org/facts", "hu_org_nonsense", "", 401},
		{"other organisation withdraws", "POST", "/api/v1/org/facts/" + id + "/withdraw", tokB, `{"why":"mine now"}`, 404},
		{"other organisation asks for a code", "POST", "/api/v1/org/facts/" + id + "/code", tokB, "", 404},
		{"other organisation enters a code", "POST", "/api/v1/org/facts/" + id + "/verify", tokB, `{"code":"123456"}`, 404},
		{"read-only token publishes", "POST", "/api/v1/org/facts", tokAR, `{"kind":"policy","policy":"no_passwords_or_codes","text":"x"}`, 403},
		{"read-only token withdraws", "POST", "/api/v1/org/facts/" + id + "/withdraw", tokAR, `{"why":"x"}`, 403},
		{"organisation token screens", "POST", "/api/v1/screen", tokA, `{"from":"+441131230777","to":"+441632960999"}`, 403},
		{"organisation token reads the blocklist", "GET", "/api/v1/blocklist", tokA, "", 403},
		{"unknown field", "POST", "/api/v1/org/facts", tokA, `{"kind":"number","owner":"beta-bank"}`, 400},
		{"unknown kind", "POST", "/api/v1/org/facts", tokA, `{"kind":"alert","text":"x"}`, 400},
		{"not JSON", "POST", "/api/v1/org/facts", tokA, `{"kind":`, 400},
		{"too large", "POST", "/api/v1/org/facts", tokA, `{"kind":"policy","policy":"no_threats_of_arrest","text":"` + strings.Repeat("x", 70<<10) + `"}`, 413},
		{"bad id", "POST", "/api/v1/org/facts/-1/withdraw", tokA, `{"why":"x"}`, 404},
	} {
		if got := r.api(t, c.method, c.path, c.token, c.body); got.status != c.want {
			t.Errorf("%s: %d, want %d: %s", c.what, got.status, c.want, got.body)
		}
	}
	// Beta sees only its own facts; Alpha's reader sees Alpha's.
	var list struct {
		Organisation string            `json:"organisation"`
		Facts        []*hangup.OrgFact `json:"facts"`
	}
	if res := r.api(t, "GET", "/api/v1/org/facts", tokB, ""); res.status != 200 || json.Unmarshal([]byte(res.body), &list) != nil || list.Organisation != "beta-bank" || len(list.Facts) != 0 {
		t.Errorf("beta's list: %d %s", res.status, res.body)
	}
	if res := r.api(t, "GET", "/api/v1/org/facts", tokAR, ""); res.status != 200 || !strings.Contains(res.body, "+441131230777") {
		t.Errorf("alpha's reader: %d %s", res.status, res.body)
	}
	if res := r.api(t, "GET", "/api/v1/org/audit", tokB, ""); strings.Contains(res.body, "alpha") {
		t.Errorf("beta's audit shows alpha's: %s", res.body)
	}
	// Nothing of Alpha's changed.
	if f, _ := r.app.DB.FindFact(context.Background(), fact.ID); f.Status != hangup.FactDeclared {
		t.Errorf("alpha's fact is %s", f.Status)
	}

	// Alpha verifies the number through the API; Beta can't claim it.
	if res := r.api(t, "POST", "/api/v1/org/facts/"+id+"/code", tokA, ""); res.status != 202 {
		t.Fatalf("code: %d %s", res.status, res.body)
	}
	code, _ := r.codes.Last("+441131230777")
	if res := r.api(t, "POST", "/api/v1/org/facts/"+id+"/verify", tokA, `{"code":"`+code+`"}`); res.status != 200 || !strings.Contains(res.body, `"status":"verified"`) {
		t.Fatalf("verify: %d %s", res.status, res.body)
	}
	res = r.api(t, "POST", "/api/v1/org/facts", tokB, `{"kind":"number","number":"+441131230777","role":"calls_out","text":"ours"}`)
	if res.status != 409 || !strings.Contains(res.body, "Alpha Test Bank") {
		t.Errorf("beta claims alpha's verified number: %d %s", res.status, res.body)
	}
	if log, _ := r.app.DB.ListAudit(context.Background(), "beta-bank", 1); len(log) != 1 || log[0].Action != "refused" {
		t.Errorf("the refusal is not in beta's audit log: %+v", log)
	}
	// A receives_only number is now treated as spoofed when it calls.
	d, err := r.app.Screen.Screen(context.Background(), hangup.ScreenRequest{From: "+441131230777", To: "+441632960999"}, nil)
	if err != nil || d.Action == hangup.ActionAllow || d.Organisation != "Alpha Test Bank" {
		t.Errorf("a call from alpha's receive-only number: %v %+v", err, d)
	}

	// A screening key reaches no organisation.
	secret, _, hash, _ := screen.NewKeySecret()
	if err := r.app.DB.CreateAPIKey(context.Background(), &hangup.APIKey{Name: "pbx", Prefix: secret[:8], Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	r.app.ScreenKeys.Reload(context.Background())
	if res := r.api(t, "GET", "/api/v1/org/facts", secret, ""); res.status != 403 {
		t.Errorf("screening key on the organisation API: %d", res.status)
	}
}

// TestOrganisationPagesRespectRoles: members read, only the organisation's
// admins change, analysts decide claims, and no account reaches another
// organisation's facts.
func TestOrganisationPagesRespectRoles(t *testing.T) {
	r := newPortalRig(t)
	alpha, _ := r.admin(t, "alpha-bank"), r.admin(t, "beta-bank")
	ctx := context.Background()
	f, err := r.app.Portal.Publish(ctx, alpha, "alpha-bank", orgportal.FactInput{Kind: hangup.FactNumber, Number: "0113 123 0888", Role: hangup.RoleCallsOut, Text: "Calls"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.app.Accounts.AddUser(ctx, "staff@alpha-bank.example", "a long enough password", hangup.RoleMember, "alpha-bank"); err != nil {
		t.Fatal(err) // the old role name still works, as org_member
	}
	if _, err := r.app.Accounts.AddUser(ctx, "ann@hangup.test", "a long enough password", hangup.RoleAnalyst, ""); err != nil {
		t.Fatal(err)
	}
	signIn := func(email, src string) *http.Client {
		c := clientFrom(t, src, true)
		login := send(t, c, "GET", r.base+"/login", nil, "")
		if res := postForm(t, c, r.base+"/login", formOf(login.body, map[string]string{"email": email, "password": "a long enough password"}), nil); res.status != http.StatusSeeOther {
			t.Fatalf("sign in %s: %d", email, res.status)
		}
		return c
	}
	member := signIn("staff@alpha-bank.example", "127.0.0.11")
	page := send(t, member, "GET", r.base+"/org/facts", nil, "")
	if page.status != 200 || !strings.Contains(page.body, "0113 123 0888") || strings.Contains(page.body, `action="/org/facts"`) {
		t.Errorf("member's page: %d (no forms expected)", page.status)
	}
	if res := postForm(t, member, r.base+"/org/facts", formOf(page.body, map[string]string{"kind": "policy", "policy": "no_passwords_or_codes", "text": "x"}), nil); res.status != 403 {
		t.Errorf("member publishes: %d", res.status)
	}
	betaAdmin := signIn("it@beta-bank.example", "127.0.0.12")
	page = send(t, betaAdmin, "GET", r.base+"/org/facts", nil, "")
	if strings.Contains(page.body, "0113 123 0888") {
		t.Error("beta's page shows alpha's number")
	}
	if res := postForm(t, betaAdmin, r.base+fmt.Sprintf("/org/facts/%d/withdraw", f.ID), formOf(page.body, map[string]string{"why": "mine"}), nil); res.status != 404 {
		t.Errorf("beta withdraws alpha's fact: %d", res.status)
	}
	if res := send(t, betaAdmin, "GET", r.base+"/analyst/claims", nil, ""); res.status != 403 {
		t.Errorf("an org_admin opens the claims queue: %d", res.status)
	}
	analyst := signIn("ann@hangup.test", "127.0.0.13")
	page = send(t, analyst, "GET", r.base+"/analyst/claims", nil, "")
	if page.status != 200 || !strings.Contains(page.body, "0113 123 0888") {
		t.Fatalf("analyst's queue: %d", page.status)
	}
	// An analyst verifies on documentary evidence.
	if res := postForm(t, analyst, r.base+fmt.Sprintf("/analyst/facts/%d/verify", f.ID), formOf(page.body, map[string]string{"evidence": "Carrier's letter of 1 Dec 2026"}), nil); res.status != http.StatusSeeOther {
		t.Errorf("analyst verifies: %d %s", res.status, res.body)
	}
	if o, _, ok := r.app.Registry.Snapshot().OrganisationByNumber("+441131230888"); !ok || o.ID != "alpha-bank" {
		t.Error("the number verified on evidence does not count")
	}
	if g, _ := r.app.DB.FindFact(ctx, f.ID); g.Method != hangup.VerifiedByAnalyst || !strings.HasPrefix(g.VerifiedBy, "analyst:") {
		t.Errorf("verified by %q via %q", g.VerifiedBy, g.Method)
	}
}

// TestCLIOrgSettlesAConflict: an analyst at the shell lists what
// organisations published, withdraws a fact with a reason, and the record
// shows who did it and why; without --by nothing changes.
func TestCLIOrgSettlesAConflict(t *testing.T) {
	r := newPortalRig(t)
	alpha := r.admin(t, "alpha-bank")
	ctx := context.Background()
	f, err := r.app.Portal.Publish(ctx, alpha, "alpha-bank", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoSafeAccount, Text: "We never ask you to move money."})
	if err != nil {
		t.Fatal(err)
	}
	db := r.app.cfg.DB
	code, out, _ := runCLI(t, "", nil, "org", "facts", "--db", db)
	if code != exitOK || !strings.Contains(out, "no_safe_account") {
		t.Fatalf("facts: %d %s", code, out)
	}
	if code, _, errOut := runCLI(t, "", nil, "org", "withdraw", "--db", db, "--fact", fmt.Sprint(f.ID), "--reason", "x"); code != exitUsage || !strings.Contains(errOut, "--by") {
		t.Errorf("withdraw without --by: %d %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "", nil, "org", "withdraw", "--db", db, "--fact", fmt.Sprint(f.ID), "--reason", "contradicts the bank's site", "--by", "ann@hangup.test")
	if code != exitOK || !strings.Contains(out, "withdrawn") {
		t.Fatalf("withdraw: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "org", "audit", "--db", db, "--org", "alpha-bank")
	if code != exitOK || !strings.Contains(out, "cli:ann@hangup.test") || !strings.Contains(out, "contradicts the bank's site") {
		t.Errorf("audit: %d %s", code, out)
	}
}

// TestRegistryImportSaysWhatItKept: importing a file that words a policy
// differently from the organisation's published one keeps the published
// one and says so.
func TestRegistryImportSaysWhatItKept(t *testing.T) {
	r := newPortalRig(t)
	alpha := r.admin(t, "alpha-bank")
	words := "Alpha never asks you to move your money."
	if _, err := r.app.Portal.Publish(context.Background(), alpha, "alpha-bank", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoSafeAccount, Text: words}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "reg.json")
	body := `{"schema":"hangup-registry/1","organisations":[{"id":"alpha-bank","name":"Alpha Test Bank","country":"GB","kind":"bank",
		"domains":[{"domain":"alpha-bank.example","source":{"url":"https://alpha-bank.example/","checked":"2026-11-01"}}],
		"policies":[{"code":"no_safe_account","text":"Old wording.","source":{"url":"https://alpha-bank.example/","checked":"2026-11-01"}}]}]}`
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "", nil, "registry", "import", "--db", r.app.cfg.DB, file)
	if code != exitOK || !strings.Contains(errOut, "Kept published fact") || !strings.Contains(errOut, "hangup org") {
		t.Fatalf("import: %d %s", code, errOut)
	}
	if err := r.app.Registry.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	o, _ := r.app.Registry.Snapshot().Organisation("alpha-bank")
	if p, _ := o.HasPolicy(hangup.PolicyNoSafeAccount); p.Text != words {
		t.Errorf("the import overwrote the published policy: %q", p.Text)
	}
}

// TestPublishedFactsTakeEffect: a domain proven by the organisation is
// official to the website checker, and its call-back route is the one
// report guidance names.
func TestPublishedFactsTakeEffect(t *testing.T) {
	r := newPortalRig(t)
	alpha := r.admin(t, "alpha-bank")
	ctx := context.Background()
	before, err := r.app.Sites.CheckSite("https://alpha-pay.example/login")
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.app.Portal.Publish(ctx, alpha, "alpha-bank", orgportal.FactInput{Kind: hangup.FactDomain, Domain: "alpha-pay.example"})
	if err != nil || d.Status != hangup.FactDeclared {
		t.Fatalf("%v %+v", err, d)
	}
	if got, _ := r.app.Sites.CheckSite("https://alpha-pay.example/login"); got.Verdict == hangup.SiteOfficial {
		t.Fatal("a declared domain is official")
	}
	r.dns.SetTXT("_hangup-challenge.alpha-pay.example", d.Challenge)
	if _, err := r.app.Portal.ProveDomain(ctx, alpha, d.ID); err != nil {
		t.Fatal(err)
	}
	after, err := r.app.Sites.CheckSite("https://alpha-pay.example/login")
	if err != nil || after.Verdict != hangup.SiteOfficial || before.Verdict == hangup.SiteOfficial {
		t.Errorf("website check before %s, after %s (%v)", before.Verdict, after.Verdict, err)
	}
	route := "https://alpha-pay.example/report-fraud"
	if _, err := r.app.Portal.Publish(ctx, alpha, "alpha-bank", orgportal.FactInput{Kind: hangup.FactContact, URL: route, Text: "Report fraud to us", CallBack: true}); err != nil {
		t.Fatal(err)
	}
	o, _ := r.app.Registry.Snapshot().Organisation("alpha-bank")
	g := guidance.For(&hangup.Report{Country: "GB", OrganisationID: o.ID, Happened: []hangup.Happened{hangup.HappenedPaid}}, o)
	if !strings.Contains(fmt.Sprint(g), route) {
		t.Errorf("guidance does not name the published route: %+v", g)
	}
}

// TestSignUpPageRefusesClearly: the sign-up form answers bad input with the
// form again and a plain message, stores nothing, and refuses a form
// without its token.
func TestSignUpPageRefusesClearly(t *testing.T) {
	r := newPortalRig(t)
	c := clientFrom(t, "127.0.0.21", true)
	page := send(t, c, "GET", r.base+"/org/signup", nil, "")
	if page.status != 200 {
		t.Fatalf("sign-up page: %d", page.status)
	}
	for _, tc := range []struct{ email, want string }{
		{"someone@gmail.com", "free email service"},
		{"it@co.uk", "public suffix"},
		{"it@alpha.github.io", "hosting service"},
		{"not an address", "work email address"},
	} {
		res := postForm(t, c, r.base+"/org/signup", formOf(page.body, map[string]string{"organisation": "alpha-bank", "email": tc.email, "password": "a long enough password"}), nil)
		if res.status != 400 || !strings.Contains(res.body, tc.want) || !strings.Contains(res.body, `id="s-email"`) {
			t.Errorf("%s: %d, want the form with %q", tc.email, res.status, tc.want)
		}
	}
	if res := postForm(t, c, r.base+"/org/signup", url.Values{"organisation": {"alpha-bank"}, "email": {"it@alpha-bank.example"}, "password": {"a long enough password"}}, nil); res.status != 403 {
		t.Errorf("no form token: %d", res.status)
	}
	if claims, _ := r.app.DB.ListClaims(context.Background(), "", 0); len(claims) != 0 || len(r.sink.Messages()) != 0 {
		t.Errorf("refused sign-ups left %d claims and %d emails", len(claims), len(r.sink.Messages()))
	}
	if res := send(t, c, "GET", r.base+"/org/claim/"+strings.Repeat("A", 43), nil, ""); res.status != 404 {
		t.Errorf("unknown claim link: %d", res.status)
	}
}

// TestTwilioSettingsAreChecked: half-given Twilio settings stop the
// command, naming what is missing.
func TestTwilioSettingsAreChecked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	code, _, errOut := runCLI(t, "", map[string]string{"HANGUP_TWILIO_ACCOUNT_SID": "AC123"}, "org", "facts", "--db", db)
	if code == exitOK || !strings.Contains(errOut, "twilio_auth_token") || !strings.Contains(errOut, "twilio_from") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestOrgAdminAddsMembersOfItsOwnOnly: an org_admin adds colleagues at its
// proven domain as org_member, never anyone else, and only to its own
// organisation.
func TestOrgAdminAddsMembersOfItsOwnOnly(t *testing.T) {
	r := newPortalRig(t)
	alpha, beta := r.admin(t, "alpha-bank"), r.admin(t, "beta-bank")
	ctx := context.Background()
	u, err := r.app.Portal.AddMember(ctx, alpha, "alpha-bank", "Staff@Alpha-Bank.example", "a long enough password")
	if err != nil || u.Role != hangup.RoleOrgMember || u.OrganisationID != "alpha-bank" || u.Email != "staff@alpha-bank.example" {
		t.Fatalf("%v %+v", err, u)
	}
	if _, err := r.app.Portal.AddMember(ctx, alpha, "alpha-bank", "friend@gmail.com", "a long enough password"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("outsider: %v", err)
	}
	if _, err := r.app.Portal.AddMember(ctx, beta, "alpha-bank", "spy@beta-bank.example", "a long enough password"); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("beta adds to alpha: %v", err)
	}
	member := orgportal.UserActor(u)
	if _, err := r.app.Portal.AddMember(ctx, member, "alpha-bank", "two@alpha-bank.example", "a long enough password"); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("a member adds people: %v", err)
	}
	if ms, err := r.app.Portal.Members(ctx, beta, "alpha-bank"); err == nil || len(ms) != 0 {
		t.Errorf("beta lists alpha's people: %v %d", err, len(ms))
	}
	ms, err := r.app.Portal.Members(ctx, alpha, "alpha-bank")
	if err != nil || len(ms) != 2 {
		t.Errorf("alpha's people: %v %d", err, len(ms))
	}
}
