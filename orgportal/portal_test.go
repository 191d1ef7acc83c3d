package orgportal_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/codesend"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/mail/mailtest"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/orgportal/orgportaltest"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/sqlite"
)

type rig struct {
	t     *testing.T
	db    *sqlite.DB
	reg   *registry.Service
	p     *orgportal.Service
	sink  *mailtest.Sink
	dns   *orgportaltest.DNS
	web   *orgportaltest.Web
	codes *codesend.Fake
	now   time.Time
}

func src() hangup.Source {
	return hangup.Source{URL: "https://imex.example/contact", Checked: "2026-01-01"}
}

func newRig(t *testing.T) *rig {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "hangup.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	numbers, err := phone.New(phone.Config{DefaultRegion: "GB"})
	if err != nil {
		t.Fatal(err)
	}
	orgs := []*hangup.Organisation{
		{ID: "imex", Name: "IMEX", Country: "GB", Kind: hangup.KindITServices,
			Domains:  []hangup.OrgDomain{{Domain: "imex.example", Source: src()}},
			Numbers:  []hangup.OrgNumber{{Number: "0113 123 0100", Role: hangup.RoleSupport, Label: "Help desk", CallBack: true, Source: src()}},
			Policies: []hangup.Policy{{Code: hangup.PolicyNoRemoteAccess, Text: "We never ask for remote access.", Source: src()}}},
		{ID: "otherco", Name: "Otherco Bank", Country: "GB", Kind: hangup.KindBank,
			Domains: []hangup.OrgDomain{{Domain: "otherco.example", Source: hangup.Source{URL: "https://otherco.example/", Checked: "2026-01-01"}}},
			Numbers: []hangup.OrgNumber{{Number: "0113 123 0200", Role: hangup.RoleSupport, Label: "Branch", Source: hangup.Source{URL: "https://otherco.example/", Checked: "2026-01-01"}}}},
	}
	reg, err := registry.NewService(ctx, db, numbers, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Import(ctx, orgs); err != nil {
		t.Fatal(err, hangup.ErrorFields(err))
	}
	sink := mailtest.Start(t)
	m, err := mail.New(mail.Config{Host: sink.Host(), Port: sink.Port(), From: "Hangup <noreply@hangup.example>"})
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, db: db, reg: reg, sink: sink, dns: orgportaltest.StartDNS(t), web: orgportaltest.StartWeb(t), codes: codesend.NewFake(),
		now: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	r.p, err = orgportal.New(orgportal.Config{}, orgportal.Deps{Store: db, Users: db, Registry: reg, Numbers: numbers, Mailer: m,
		Codes: r.codes, Prover: orgportaltest.Prover(r.dns, r.web), PublicURL: func() string { return "https://hangup.example" }, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	r.p.SetClock(func() time.Time { return r.now })
	return r
}

var linkRE = regexp.MustCompile(`https://hangup\.example/org/claim/([A-Za-z0-9_-]{43})`)

// signUp signs up and returns the link token from the email.
func (r *rig) signUp(org, email string) string {
	r.t.Helper()
	before := len(r.sink.Messages())
	if _, err := r.p.SignUp(context.Background(), orgportal.SignUp{Organisation: org, Email: email, Password: "correct horse battery", Network: "192.0.2.0/24"}); err != nil {
		r.t.Fatalf("sign up %s: %v", email, err)
	}
	msgs := r.sink.Wait(before+1, 5*time.Second)
	last := msgs[len(msgs)-1]
	if last.To[0] != email {
		r.t.Fatalf("mail went to %v", last.To)
	}
	m := linkRE.FindStringSubmatch(last.Body)
	if m == nil {
		r.t.Fatalf("no link in %q", last.Body)
	}
	return m[1]
}

// claim signs up, confirms and proves by DNS: the account is org_admin.
func (r *rig) claim(org, email, domain string) orgportal.Actor {
	r.t.Helper()
	ctx := context.Background()
	tok := r.signUp(org, email)
	c, err := r.p.Confirm(ctx, tok)
	if err != nil || c.Status != hangup.ClaimConfirmed {
		r.t.Fatalf("confirm: %v %+v", err, c)
	}
	r.dns.SetTXT("_hangup-challenge."+domain, "v=unrelated", c.Challenge)
	if c, err = r.p.Prove(ctx, tok); err != nil || c.Status != hangup.ClaimVerified || c.Method != hangup.VerifiedByDNS {
		r.t.Fatalf("prove: %v %+v", err, c)
	}
	u, err := r.db.FindUserByEmail(ctx, email)
	if err != nil || u.Role != hangup.RoleOrgAdmin || u.OrganisationID != c.OrganisationID {
		r.t.Fatalf("account: %v %+v", err, u)
	}
	return orgportal.UserActor(u)
}

func (r *rig) actions(org string) []string {
	r.t.Helper()
	log, err := r.db.ListAudit(context.Background(), org, 100)
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for i := len(log) - 1; i >= 0; i-- {
		out = append(out, log[i].Action)
	}
	return out
}

func TestClaimByDNS(t *testing.T) {
	r := newRig(t)
	r.claim("imex", "it@imex.example", "imex.example")
	if got := strings.Join(r.actions("imex"), " "); got != "claim.signup claim.email_confirmed claim.verified" {
		t.Errorf("audit: %s", got)
	}
	o, _ := r.reg.Snapshot().Organisation("imex")
	if o.Publisher == nil || o.Publisher.Domain != "imex.example" || !o.Publisher.VerifiedOn.Equal(r.now) {
		t.Errorf("publisher %+v", o.Publisher)
	}
}

func TestClaimByHTTPS(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	tok := r.signUp("IMEX", "it@imex.example") // by name, as typed
	c, err := r.p.Confirm(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.p.Prove(ctx, tok); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Fatalf("proved with nothing published: %v", err)
	}
	r.web.SetFile("imex.example", "\n"+c.Challenge+"\n")
	if c, err = r.p.Prove(ctx, tok); err != nil || c.Method != hangup.VerifiedByHTTPS {
		t.Fatalf("%v %+v", err, c)
	}
}

func TestClaimRefusals(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	for _, tc := range []struct{ email, want string }{
		{"someone@gmail.com", "free email"},
		{"it@co.uk", "public suffix"},
		{"it@imex.github.io", "hosting service"},
		{"it@imex.wixsite.com", "belong to"},
	} {
		_, err := r.p.SignUp(ctx, orgportal.SignUp{Organisation: "imex", Email: tc.email, Password: "correct horse battery", Network: tc.email})
		if hangup.ErrorCode(err) != hangup.EINVALID || !strings.Contains(strings.ToLower(hangup.ErrorFields(err)[0].Message), tc.want) {
			t.Errorf("%s: %v %v", tc.email, err, hangup.ErrorFields(err))
		}
	}
	if claims, _ := r.db.ListClaims(ctx, "", 0); len(claims) != 0 {
		t.Errorf("refused sign-ups stored claims: %d", len(claims))
	}
	if n := len(r.actions("")); n != 4 {
		t.Errorf("refusals logged: %d, want 4", n)
	}

	// A record made for another domain is refused as such.
	tok := r.signUp("imex", "it@imex.example")
	c, _ := r.p.Confirm(ctx, tok)
	r.dns.SetTXT("_hangup-challenge.imex.example", "hangup-challenge=evil.example:abcdef")
	_, err := r.p.Prove(ctx, tok)
	if hangup.ErrorCode(err) != hangup.EINVALID || !strings.Contains(hangup.ErrorMessage(err), "another domain") {
		t.Errorf("other domain's record: %v", err)
	}
	// A record added after the challenge expired does not count.
	r.now = c.ExpiresAt.Add(time.Minute)
	r.dns.SetTXT("_hangup-challenge.imex.example", c.Challenge)
	_, err = r.p.Prove(ctx, tok)
	if hangup.ErrorCode(err) != hangup.EINVALID || !strings.Contains(hangup.ErrorMessage(err), "expired") {
		t.Errorf("after expiry: %v", err)
	}
	if c, _ := r.db.FindClaim(ctx, c.ID); c.Status != hangup.ClaimConfirmed {
		t.Errorf("claim changed: %s", c.Status)
	}
	if _, err := r.db.FindUserByEmail(ctx, "it@imex.example"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("an account was made: %v", err)
	}
	acts := r.actions("imex")
	if acts[len(acts)-1] != "refused" || acts[len(acts)-2] != "refused" {
		t.Errorf("refusals not logged: %v", acts)
	}
}

func TestClaimsForAnAnalyst(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	for _, tc := range []struct{ org, email, reason string }{
		{"IMEX Support Desk", "boss@imexsupport.example", hangup.QueueUnknownOrganisation},
		{"imex", "it@imex-help.example", hangup.QueueOtherDomain},
	} {
		tok := r.signUp(tc.org, tc.email)
		c, err := r.p.Confirm(ctx, tok)
		if err != nil || c.Status != hangup.ClaimQueued || c.QueueReason != tc.reason {
			t.Errorf("%s: %v %+v", tc.email, err, c)
		}
		if _, err := r.p.Prove(ctx, tok); err == nil {
			t.Errorf("%s: a queued claim was proven by itself", tc.email)
		}
	}
	r.claim("imex", "it@imex.example", "imex.example")
	// Someone else at the same domain: the organisation is held.
	tok := r.signUp("imex", "other@imex.example")
	c, _ := r.p.Confirm(ctx, tok)
	if c.Status != hangup.ClaimQueued || c.QueueReason != hangup.QueueAlreadyHeld {
		t.Errorf("second claim: %+v", c)
	}
	analyst := orgportal.Actor{Name: "ann@hangup.example", Role: hangup.RoleAnalyst}
	if _, err := r.p.Decide(ctx, orgportal.Actor{Name: "x", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"}, c.ID, true, "ok"); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("an org_admin decided a claim: %v", err)
	}
	if c, err := r.p.Decide(ctx, analyst, c.ID, true, "IMEX's director confirmed by phone"); err != nil || c.Status != hangup.ClaimVerified || c.Method != hangup.VerifiedByAnalyst {
		t.Errorf("approve: %v %+v", err, c)
	}
}

func TestFactsAndNumberVerification(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	imex := r.claim("imex", "it@imex.example", "imex.example")
	other := r.claim("otherco", "it@otherco.example", "otherco.example")
	const e164 = "+441131230555"

	f, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactNumber, Number: "0113 123 0555", Role: hangup.RoleCallsOut, Text: "Outbound support", Why: "our new line"})
	if err != nil || f.Status != hangup.FactDeclared {
		t.Fatalf("%v %+v", err, f)
	}
	// Declared: nothing anywhere.
	if _, _, ok := r.reg.Snapshot().OrganisationByNumber(e164); ok {
		t.Error("a declared number shows in the registry")
	}
	// Another organisation can declare it too, but only one can verify it.
	g, err := r.p.Publish(ctx, other, "otherco", orgportal.FactInput{Kind: hangup.FactNumber, Number: "0113 123 0555", Role: hangup.RoleCallsOut, Text: "Ours?"})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.p.SendCode(ctx, imex, f.ID); err != nil {
		t.Fatal(err)
	}
	code, ok := r.codes.Last(e164)
	if !ok {
		t.Fatal("no code was sent")
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if _, err := r.p.EnterCode(ctx, imex, f.ID, wrong); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("wrong code: %v", err)
	}
	// Cross-organisation: Otherco can't touch IMEX's fact.
	if _, err := r.p.EnterCode(ctx, other, f.ID, code); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("other organisation entered the code: %v", err)
	}
	if _, err := r.p.Withdraw(ctx, other, f.ID, "mine"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("other organisation withdrew: %v", err)
	}
	if facts, err := r.p.Facts(ctx, other, "imex"); err == nil || len(facts) != 0 {
		t.Errorf("other organisation read IMEX's facts: %v", err)
	}
	if f, err = r.p.EnterCode(ctx, imex, f.ID, code); err != nil || f.Status != hangup.FactVerified || f.Method != hangup.VerifiedByCode {
		t.Fatalf("right code: %v %+v", err, f)
	}
	o, n, ok := r.reg.Snapshot().OrganisationByNumber(e164)
	if !ok || o.ID != "imex" || n.Role != hangup.RoleCallsOut || n.Source.Type != hangup.SourceOrganisation {
		t.Errorf("verified number in the snapshot: %v %+v %+v", ok, o, n)
	}
	// Otherco's claim on the now verified number is refused.
	if err := r.p.SendCode(ctx, other, g.ID); err != nil {
		t.Fatal(err)
	}
	code2, _ := r.codes.Last(e164)
	_, err = r.p.EnterCode(ctx, other, g.ID, code2)
	if hangup.ErrorCode(err) != hangup.ECONFLICT || !strings.Contains(hangup.ErrorMessage(err), "another organisation") {
		t.Errorf("second organisation verified the number: %v", err)
	}
	if g, _ := r.db.FindFact(ctx, g.ID); g.Status != hangup.FactDeclared {
		t.Errorf("refused fact changed: %s", g.Status)
	}
	if o, _, _ := r.reg.Snapshot().OrganisationByNumber(e164); o.ID != "imex" {
		t.Errorf("the number moved to %s", o.ID)
	}
	if acts := r.actions("otherco"); acts[len(acts)-1] != "refused" {
		t.Errorf("refusal not logged: %v", acts)
	}
	// And a new declaration of it by Otherco is refused outright.
	if _, err := r.p.Publish(ctx, other, "otherco", orgportal.FactInput{Kind: hangup.FactNumber, Number: "+44 113 123 0555", Role: hangup.RoleSupport, Text: "x"}); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("declaring a number verified elsewhere: %v", err)
	}

	// A policy in the organisation's own words takes effect at once and
	// replaces the imported wording.
	words := "IMEX will never call you about a virus on your computer."
	if _, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoUnsolicitedCalls, Text: words, Why: "scam wave"}); err != nil {
		t.Fatal(err)
	}
	o, _ = r.reg.Snapshot().Organisation("imex")
	if p, ok := o.HasPolicy(hangup.PolicyNoUnsolicitedCalls); !ok || p.Text != words || p.Source.Type != hangup.SourceOrganisation {
		t.Errorf("policy: %+v", p)
	}
	if p, _ := o.HasPolicy(hangup.PolicyNoRemoteAccess); p.Text != "We never ask for remote access." {
		t.Errorf("imported policy lost: %+v", p)
	}
	// A call-back route on its own domain becomes the one to give.
	if _, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactContact, URL: "https://www.imex.example/real-contact", Text: "Our contact page", CallBack: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactContact, URL: "https://evil.example/", Text: "x"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("route off its domains: %v", err)
	}
	o, _ = r.reg.Snapshot().Organisation("imex")
	if !o.Contacts[0].CallBack || o.Contacts[0].URL != "https://www.imex.example/real-contact" || o.Numbers[0].CallBack {
		t.Errorf("call-back route: %+v %+v", o.Contacts, o.Numbers)
	}
	// A member reads but can't publish; an analyst can't publish for them.
	member := orgportal.Actor{Name: "m@imex.example", Role: hangup.RoleOrgMember, OrganisationID: "imex"}
	if _, err := r.p.Publish(ctx, member, "imex", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoPasswords, Text: "x"}); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("member published: %v", err)
	}
	if facts, err := r.p.Facts(ctx, member, "imex"); err != nil || len(facts) != 3 {
		t.Errorf("member reads: %v %d", err, len(facts))
	}
	analyst := orgportal.Actor{Name: "ann", Role: hangup.RoleAnalyst}
	if _, err := r.p.Publish(ctx, analyst, "imex", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoPasswords, Text: "x"}); err == nil {
		t.Error("an analyst published for an organisation")
	}
	// Withdrawn: gone at once.
	if _, err := r.p.Withdraw(ctx, imex, f.ID, "line closed"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := r.reg.Snapshot().OrganisationByNumber(e164); ok {
		t.Error("a withdrawn number still shows")
	}
}

func TestNewDomainNeedsProof(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	imex := r.claim("imex", "it@imex.example", "imex.example")
	f, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactDomain, Domain: "IMEX-Shop.Example."})
	if err != nil || f.Status != hangup.FactDeclared || f.Value != "imex-shop.example" {
		t.Fatalf("%v %+v", err, f)
	}
	if _, ok := r.reg.Snapshot().OrganisationByDomain("imex-shop.example"); ok {
		t.Error("a declared domain counts")
	}
	if _, err := r.p.ProveDomain(ctx, imex, f.ID); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("proved without a record: %v", err)
	}
	r.web.SetFile("imex-shop.example", f.Challenge)
	if f, err = r.p.ProveDomain(ctx, imex, f.ID); err != nil || f.Status != hangup.FactVerified {
		t.Fatalf("%v %+v", err, f)
	}
	if o, ok := r.reg.Snapshot().OrganisationByDomain("www.imex-shop.example"); !ok || o.ID != "imex" {
		t.Error("the proven domain is not official")
	}
	// Another organisation's registry domain and public suffixes are refused.
	for _, d := range []string{"otherco.example", "co.uk", "x.github.io"} {
		if _, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactDomain, Domain: d}); err == nil {
			t.Errorf("%s accepted", d)
		}
	}
}

func TestImportKeepsPublishedFacts(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	imex := r.claim("imex", "it@imex.example", "imex.example")
	words := "We never phone you first."
	if _, err := r.p.Publish(ctx, imex, "imex", orgportal.FactInput{Kind: hangup.FactPolicy, Policy: hangup.PolicyNoUnsolicitedCalls, Text: words}); err != nil {
		t.Fatal(err)
	}
	file := []*hangup.Organisation{{ID: "imex", Name: "IMEX", Country: "GB", Kind: hangup.KindITServices,
		Domains:  []hangup.OrgDomain{{Domain: "imex.example", Source: src()}},
		Policies: []hangup.Policy{{Code: hangup.PolicyNoUnsolicitedCalls, Text: "IMEX may call you.", Source: src()}}}}
	conflicts, err := r.reg.Conflicts(ctx, file)
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("conflicts %v %+v", err, conflicts)
	}
	if err := r.reg.Import(ctx, file); err != nil {
		t.Fatal(err)
	}
	o, _ := r.reg.Snapshot().Organisation("imex")
	if p, _ := o.HasPolicy(hangup.PolicyNoUnsolicitedCalls); p.Text != words {
		t.Errorf("import overwrote the published policy: %q", p.Text)
	}
	if imp := r.reg.Snapshot().Imported(); imp[0].Policies[0].Text != "IMEX may call you." {
		t.Errorf("imported entry: %+v", imp[0].Policies)
	}
	// A file may not pretend to be the organisation's own word.
	forged := *file[0]
	forged.Policies = []hangup.Policy{{Code: hangup.PolicyNoThreats, Text: "x", Source: hangup.Source{Document: "d", Checked: "2026-01-01", Type: hangup.SourceOrganisation}}}
	if err := r.reg.Import(ctx, []*hangup.Organisation{&forged}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a file claimed the organisation's source type: %v", err)
	}
}
