package report_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/site"
)

// siteFixture is the report fixture with the real website checker, which
// lists what reputation says about websites, as the server wires it.
func siteFixture(t *testing.T) (*fixture, *report.Service, *site.Checker) {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t)
	p, err := phone.New(phone.Config{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := f.db.ListOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chk, err := site.New(site.Config{Organisations: orgs, Listings: f.rep})
	if err != nil {
		t.Fatal(err)
	}
	f.rep.SetOfficialSites(chk.Official)
	svc, err := report.New(ctx, report.Deps{Store: f.db, Numbers: p, Reputation: f.rep, Secrets: f.db, Sites: chk, AnonymousPerHour: 1e6})
	if err != nil {
		t.Fatal(err)
	}
	return f, svc, chk
}

// TestReportedWebsiteShowsInTheCheck: a website named in reports by
// enough people is flagged by the website check, saying by how many; the
// reports' networks, not their cookies, count.
func TestReportedWebsiteShowsInTheCheck(t *testing.T) {
	ctx := context.Background()
	f, svc, chk := siteFixture(t)
	const site0 = "fix-my-pc-now.online"
	before, err := chk.CheckSite(site0)
	if err != nil {
		t.Fatal(err)
	}
	if before.HasFinding(site.CodeListed) {
		t.Fatalf("listed before any report: %+v", before.Findings)
	}
	in := hangup.ReportInput{Website: "https://www." + site0 + "/remote", Story: "He told me to go to a website."}
	// One network, rotating cookies and addresses: one unit of evidence.
	for i := range 50 {
		if _, err := svc.Submit(ctx, in, report.Reporter{Address: fmt.Sprintf("203.0.113.%d", i+1), Browser: fmt.Sprint("cookie-", i)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if r := f.rep.LookupSite(site0); r.Reports != 1 || r.Verdict != hangup.RepUnknown {
		t.Fatalf("50 reports from one network with 50 cookies: %+v", r)
	}
	// Many networks: suspected, never scam.
	for i := range 200 {
		if _, err := svc.Submit(ctx, in, report.Reporter{Address: fmt.Sprintf("198.%d.%d.7", 18+i/200, i%200), Browser: "same"}, ""); err != nil {
			t.Fatal(err)
		}
	}
	r := f.rep.LookupSite(site0)
	if r.Verdict != hangup.RepSuspected || r.Reports != 201 {
		t.Fatalf("201 anonymous networks: %+v, want suspected", r)
	}
	sc, err := chk.CheckSite("http://" + site0 + "/pay")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Verdict == hangup.SiteUnknown || sc.Verdict == hangup.SiteOfficial || !sc.HasFinding(site.CodeListed) ||
		!strings.Contains(findings(sc), "reported by 201 people") {
		t.Errorf("check after 201 reports: %s %q %+v", sc.Verdict, sc.Summary, sc.Findings)
	}
	if len(sc.Listings) != 1 || sc.Listings[0].Kind != hangup.ListingReports || sc.Listings[0].Count != 201 {
		t.Errorf("listings %+v", sc.Listings)
	}
}

// TestFreeHostSitesCountByHost: reports of a person's site on a free host
// count against that site, never the host's own domain.
func TestFreeHostSitesCountByHost(t *testing.T) {
	ctx := context.Background()
	f, svc, chk := siteFixture(t)
	for i := range 12 {
		in := hangup.ReportInput{Website: fmt.Sprintf("https://secure-refund-%d.000webhostapp.com/login", i%2)}
		if _, err := svc.Submit(ctx, in, report.Reporter{User: &hangup.User{ID: int64(i + 1)}}, ""); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		host := fmt.Sprintf("secure-refund-%d.000webhostapp.com", i)
		if r := f.rep.LookupSite(host); r.Domain != host || r.Reports != 6 {
			t.Errorf("%s: %+v, want 6 reports under the whole host", host, r)
		}
	}
	if r := f.rep.LookupSite("000webhostapp.com"); r.Reports != 0 {
		t.Errorf("the free host itself gathered evidence: %+v", r)
	}
	if sc, _ := chk.CheckSite("https://someone-else.000webhostapp.com/"); sc.HasFinding(site.CodeListed) {
		t.Errorf("another site on the free host is listed: %+v", sc.Findings)
	}
	// Remote-access tools' and shorteners' sites gather no evidence.
	for _, w := range []string{"https://anydesk.com/download", "https://bit.ly/3xYz"} {
		if _, err := svc.Submit(ctx, hangup.ReportInput{Website: w}, report.Reporter{User: &hangup.User{ID: 99}}, ""); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	f.db.AllEvidence(ctx, func(ev hangup.Evidence) error {
		if ev.Domain == "anydesk.com" || ev.Domain == "bit.ly" {
			n++
		}
		return nil
	})
	if n != 0 {
		t.Errorf("%d evidence rows about a tool's site or a shortener", n)
	}
}

func findings(sc hangup.SiteCheck) string {
	var b strings.Builder
	for _, f := range sc.Findings {
		b.WriteString(f.Message + "\n")
	}
	return b.String()
}
