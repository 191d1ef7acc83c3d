package reputation_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/site"
)

// reportSite stores one report naming a website (by its evidence key) from
// reporter, the way the report service does, and refreshes the index.
func (f *fixture) reportSite(t testing.TB, domain, reporter string, weight float64) string {
	t.Helper()
	f.n++
	ref := fmt.Sprintf("HU-SITE-%04d", f.n)
	r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: f.now, UpdatedAt: f.now, Website: "https://" + domain + "/"}
	ev := []hangup.Evidence{{Domain: domain, ReporterKey: reporter, Weight: weight, At: f.now, ReportRef: ref, Source: "web", Category: "tech_support"}}
	if err := f.db.CreateReport(context.Background(), r, nil, []byte(ref), ev); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ref
}

// checker is the real website checker over the seeded registry, listing
// what f's reputation says.
func (f *fixture) checker(t testing.TB) *site.Checker {
	t.Helper()
	p, err := phone.New(phone.Config{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := registry.Seed(p)
	if err != nil {
		t.Fatal(err)
	}
	c, err := site.New(site.Config{Organisations: orgs, Listings: f.svc})
	if err != nil {
		t.Fatal(err)
	}
	f.svc.SetOfficialSites(c.Official)
	return c
}

const scamSite = "pc-repair-helpdesk.online"

// TestSiteOneReporterCannotList: one reporter (an account or an anonymous
// network, however many cookies it rotates) gives one unit of evidence
// about a website in the period, so it can't list it.
func TestSiteOneReporterCannotList(t *testing.T) {
	f := newFixture(t)
	for range 300 {
		f.reportSite(t, scamSite, "anon:one-network", 0.5)
	}
	r := f.svc.LookupSite(scamSite)
	if r.Reports != 1 || r.Verdict != hangup.RepUnknown {
		t.Errorf("300 reports from one network: %+v, want 1 report and unknown", r)
	}
	if ls := f.svc.SiteListings(scamSite); len(ls) != 0 {
		t.Errorf("one reporter listed the site: %+v", ls)
	}
	for range 300 {
		f.reportSite(t, scamSite, "user:9", 1)
	}
	if r := f.svc.LookupSite(scamSite); r.Reports != 2 || r.Verdict != hangup.RepUnknown {
		t.Errorf("and 300 from one account: %+v, want 2 reports and unknown", r)
	}
}

// TestSiteAnonymousNeverAboveSuspected: however many anonymous networks
// report a website, it is at most suspected; accounts make it scam.
func TestSiteAnonymousNeverAboveSuspected(t *testing.T) {
	f := newFixture(t)
	for i := range 1000 {
		f.reportSite(t, scamSite, fmt.Sprintf("anon:net-%d", i), 0.5)
	}
	r := f.svc.LookupSite("www." + scamSite)
	if r.Verdict != hangup.RepSuspected || r.Confidence < 0.8 || r.Reports != 1000 || r.Domain != scamSite {
		t.Errorf("1,000 anonymous networks: %+v, want suspected past the scam line", r)
	}
	ls := f.svc.SiteListings("login." + scamSite)
	if len(ls) != 1 || ls[0].Kind != hangup.ListingReports || ls[0].Count != 1000 {
		t.Errorf("listings %+v, want one from reports counting 1000", ls)
	}
	for i := range 16 {
		f.reportSite(t, scamSite, fmt.Sprintf("user:%d", i), 1)
	}
	if r := f.svc.LookupSite(scamSite); r.Verdict != hangup.RepScam || !strings.Contains(r.Summary, "1016 people") {
		t.Errorf("and 16 accounts: %+v, want scam reported by 1016 people", r)
	}
}

// TestSiteWithdrawn: a deleted report's website evidence is withdrawn and
// the slot stays used.
func TestSiteWithdrawn(t *testing.T) {
	f := newFixture(t)
	var refs []string
	for i := range 8 {
		refs = append(refs, f.reportSite(t, scamSite, fmt.Sprintf("user:%d", i), 1))
	}
	if r := f.svc.LookupSite(scamSite); r.Verdict != hangup.RepSuspected {
		t.Fatalf("8 accounts: %+v, want suspected", r)
	}
	for _, ref := range refs[:6] {
		if err := f.db.DeleteReport(context.Background(), ref, "reporter"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := f.svc.LookupSite(scamSite); r.Verdict != hangup.RepUnknown || r.Reports != 2 {
		t.Errorf("after 6 of 8 reports were deleted: %+v, want unknown with 2", r)
	}
	f.reportSite(t, scamSite, "user:0", 1) // its slot is used for the period
	if r := f.svc.LookupSite(scamSite); r.Reports != 2 {
		t.Errorf("a withdrawn reporter reported again within the period: %+v", r)
	}
	changes, err := f.db.SiteChanges(context.Background(), scamSite, 0)
	if err != nil || len(changes) != 6 || changes[0].Action != "evidence_withdrawn" {
		t.Errorf("audit after 6 deletions: %+v %v", changes, err)
	}
	// Numbers' audit trail is untouched by websites.
	if nc, _ := f.db.ReputationChanges(context.Background(), "", 0); len(nc) != 0 {
		t.Errorf("website withdrawals in the numbers' audit: %+v", nc)
	}
}

// TestOfficialSiteNeverListed is a property: whatever mix of reports
// (accounts, anonymous networks, imports, withdrawals) names an official
// website or a page under it, it is verified and never listed, and an
// analyst can't confirm it.
func TestOfficialSiteNeverListed(t *testing.T) {
	ctx := context.Background()
	official := []string{"microsoft.com", "support.microsoft.com", "ofcom.org.uk", "amazon.co.uk", "paypal.com"}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	listedControl := 0
	for round := range 6 {
		f := newFixture(t)
		chk := f.checker(t)
		domain := official[round%len(official)]
		if _, ok := chk.Official(domain); !ok {
			t.Fatalf("%s is not official to the checker: the property would not be exercised", domain)
		}
		control := fmt.Sprintf("pc-help-%d.online", round)
		var refs []string
		n := 20 + rnd.IntN(200)
		for i := range n {
			var who string
			var w float64
			switch rnd.IntN(3) {
			case 0:
				who, w = fmt.Sprintf("user:%d", i), 1
			case 1:
				who, w = fmt.Sprintf("anon:%d", rnd.IntN(n)), 0.5
			default:
				who, w = fmt.Sprintf("csv:bank:%d", i), 1+rnd.Float64()*19
			}
			refs = append(refs, f.reportSite(t, domain, who, w))
			f.reportSite(t, control, who, w)
			if rnd.IntN(10) == 0 {
				if err := f.db.DeleteReport(ctx, refs[rnd.IntN(len(refs))], "reporter"); err == nil {
					if err := f.svc.Refresh(ctx); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, host := range []string{domain, "www." + domain, "login." + domain} {
				if r := f.svc.LookupSite(host); r.Verdict != hangup.RepVerified || r.Organisation == "" {
					t.Fatalf("round %d, %d reports: %s is %+v, want verified", round, i+1, host, r)
				}
				if ls := f.svc.SiteListings(host); len(ls) != 0 {
					t.Fatalf("round %d: official %s listed: %+v", round, host, ls)
				}
			}
		}
		if sc, _ := chk.CheckSite("https://" + domain + "/account"); sc.Verdict == hangup.SiteSuspicious || sc.HasFinding(site.CodeListed) {
			t.Errorf("the website check of %s after %d reports: %s %+v", domain, n, sc.Verdict, sc.Findings)
		}
		if _, err := f.svc.DecideSite(ctx, domain, hangup.SiteConfirmed, "analyst@example.org", "reported a lot"); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("confirming official %s: %v, want EINVALID", domain, err)
		}
		if r := f.svc.LookupSite(control); r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected {
			listedControl++
		}
	}
	if listedControl == 0 {
		t.Error("the same reports never listed an ordinary website either: the property was not exercised")
	}
}

// TestAnalystConfirmsAndClears: an analyst's decision outranks reports,
// is audited, and shows in the website check in plain words.
func TestAnalystConfirmsAndClears(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	chk := f.checker(t)
	const quiet = "bank-secure-refunds.top"
	if r := f.svc.LookupSite(quiet); r.Verdict != hangup.RepUnknown || r.Reports != 0 {
		t.Fatalf("unreported site: %+v", r)
	}
	if _, err := f.svc.DecideSite(ctx, quiet, hangup.SiteConfirmed, "ana@example.org", ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a decision without a reason: %v, want EINVALID", err)
	}
	if _, err := f.svc.DecideSite(ctx, "not a site", hangup.SiteConfirmed, "ana@example.org", "x"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a decision about %q: %v, want EINVALID", "not a site", err)
	}
	for _, suffix := range []string{"co.uk", "github.io", "com"} {
		if _, err := f.svc.DecideSite(ctx, suffix, hangup.SiteConfirmed, "ana@example.org", "x"); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("confirming the public suffix %s: %v, want EINVALID", suffix, err)
		}
	}
	if _, err := f.svc.DecideSite(ctx, quiet, "blocked", "ana@example.org", "x"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("an unknown decision: %v, want EINVALID", err)
	}
	r, err := f.svc.DecideSite(ctx, "HTTPS://Bank-Secure-Refunds.TOP/login", hangup.SiteConfirmed, "ana@example.org", "fake bank login page")
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != hangup.RepScam || r.Decision == nil || !strings.Contains(r.Summary, "confirmed by a Hangup analyst") {
		t.Errorf("confirmed: %+v", r)
	}
	sc, err := chk.CheckSite("https://pay." + quiet + "/x")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Verdict != hangup.SiteSuspicious || !sc.HasFinding(site.CodeListed) || !strings.Contains(sc.Summary+findingText(sc), "by a Hangup analyst") {
		t.Errorf("website check of a confirmed site: %s %q %+v", sc.Verdict, sc.Summary, sc.Findings)
	}

	// Reports list another site; clearing it takes it off.
	for i := range 20 {
		f.reportSite(t, scamSite, fmt.Sprintf("user:%d", i), 1)
	}
	if r := f.svc.LookupSite(scamSite); r.Verdict != hangup.RepScam {
		t.Fatalf("20 accounts: %+v", r)
	}
	sc, _ = chk.CheckSite(scamSite)
	if !sc.HasFinding(site.CodeListed) || !strings.Contains(findingText(sc), "reported by 20 people") {
		t.Errorf("website check of a reported site: %+v", sc.Findings)
	}
	if r, err := f.svc.DecideSite(ctx, scamSite, hangup.SiteCleared, "ana@example.org", "a genuine repair shop"); err != nil || r.Verdict != hangup.RepAllowed {
		t.Fatalf("cleared: %+v %v", r, err)
	}
	if ls := f.svc.SiteListings(scamSite); len(ls) != 0 {
		t.Errorf("a cleared site is listed: %+v", ls)
	}
	if sc, _ := chk.CheckSite(scamSite); sc.HasFinding(site.CodeListed) {
		t.Errorf("website check of a cleared site: %+v", sc.Findings)
	}
	// Clearing again changes nothing and records nothing.
	if _, err := f.svc.DecideSite(ctx, scamSite, hangup.SiteCleared, "bob@example.org", "again"); err != nil {
		t.Fatal(err)
	}
	// Withdrawing the decision lets the evidence speak again.
	if r, err := f.svc.DecideSite(ctx, scamSite, "", "ana@example.org", "the shop closed; reports stand"); err != nil || r.Verdict != hangup.RepScam || r.Decision != nil {
		t.Errorf("undecided: %+v %v", r, err)
	}
	all, err := f.db.SiteChanges(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range all {
		got = append(got, c.Domain+" "+c.Action+" "+c.Actor+" "+c.Reason)
	}
	want := []string{
		scamSite + " undecide ana@example.org the shop closed; reports stand",
		scamSite + " clear ana@example.org a genuine repair shop",
		quiet + " confirm ana@example.org fake bank login page",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit trail:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A fresh index (another node, a restart) reads the same evidence and
	// decisions.
	again := reputation.New(reputation.DefaultConfig(), f.db)
	if err := again.Load(ctx); err != nil {
		t.Fatal(err)
	}
	again.SetClock(func() time.Time { return f.now })
	if a, b := again.LookupSite(quiet), f.svc.LookupSite(quiet); a.Verdict != hangup.RepScam || a.Verdict != b.Verdict {
		t.Errorf("after a reload %s is %+v, before %+v", quiet, a, b)
	}
	if a := again.LookupSite(scamSite); a.Verdict != hangup.RepScam || a.Reports != 20 {
		t.Errorf("after a reload %s is %+v", scamSite, a)
	}
}

func findingText(sc hangup.SiteCheck) string {
	var b strings.Builder
	for _, f := range sc.Findings {
		b.WriteString(f.Message)
		b.WriteString("\n")
	}
	return b.String()
}

// FuzzSiteKey: any name an analyst or client sends is refused with
// EINVALID or normalised to a short lower-case ASCII host that normalises
// to itself.
func FuzzSiteKey(f *testing.F) {
	for _, s := range []string{"example.com", "HTTPS://Bank-Secure.TOP/login?x=1", "bücher.de", "a..b", "", "xn--", ".", "x.000webhostapp.com.", strings.Repeat("a.", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		k, err := reputation.SiteKey(name)
		if err != nil {
			if hangup.ErrorCode(err) != hangup.EINVALID {
				t.Fatalf("SiteKey(%q): %v, want EINVALID", name, err)
			}
			return
		}
		if k == "" || len(k) > reputation.MaxSiteName || strings.ToLower(k) != k {
			t.Fatalf("SiteKey(%q) = %q", name, k)
		}
		for _, r := range k {
			if r > 127 || r <= ' ' {
				t.Fatalf("SiteKey(%q) = %q holds %q", name, k, r)
			}
		}
		if again, err := reputation.SiteKey(k); err != nil || again != k {
			t.Fatalf("SiteKey(%q) = %q, but SiteKey of that = %q, %v", name, k, again, err)
		}
	})
}

// BenchmarkSiteListings is what every website check pays once reports
// name any website: the listing of a host nobody reported.
func BenchmarkSiteListings(b *testing.B) {
	f := newFixture(b)
	for i := range 50 {
		f.reportSite(b, fmt.Sprintf("site-%d.online", i), fmt.Sprintf("user:%d", i), 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ls := f.svc.SiteListings("login.secure.example-bank.co.uk"); len(ls) != 0 {
			b.Fatal(ls)
		}
	}
}
