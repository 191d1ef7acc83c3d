package portal_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"regexp"
	"strings"
	"testing"

	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/report"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// TestReportsNamingTheOrganisationAppearOnItsDashboard: reports naming IMEX
// are counted on IMEX's dashboard, drawn in its SVG chart and in its CSV;
// HMRC's member can't open IMEX's dashboard, and nobody signed out can.
func TestReportsNamingTheOrganisationAppearOnItsDashboard(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig())
	ctx := context.Background()
	for _, in := range []hangup.ReportInput{
		{NumberShown: "0906 123 4567", ClaimedOrganisation: "IMEX", Started: hangup.StartedTheyCalled, Software: "AnyDesk", PaymentMethod: "gift cards"},
		{NumberShown: "0906 123 4567", CallbackNumber: "020 7946 0000", ClaimedOrganisation: "IMEX IT", Started: hangup.StartedTheyCalled},
		{NumberShown: "01793 781800", ClaimedOrganisation: "IMEX", Started: hangup.StartedTheyCalled},
		{NumberShown: "0906 765 4321", ClaimedOrganisation: "HMRC", Started: hangup.StartedTheyCalled},
	} {
		if _, err := e.Reports.Submit(ctx, in, report.Reporter{User: &hangup.User{ID: 1, Email: "a@example.org", Role: hangup.RoleAnalyst}, Source: "api"}, ""); err != nil {
			t.Fatal(err)
		}
	}
	imex, hmrc, analyst, public := testenv.NewBrowser(t, s), testenv.NewBrowser(t, s), testenv.NewBrowser(t, s), testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	testenv.SignIn(t, e.Accounts, hmrc, "fraud@hmrc.example", hangup.RoleOrgAdmin, "hmrc")
	testenv.SignIn(t, e.Accounts, analyst, "analyst@hangup.example", hangup.RoleAnalyst, "")

	st, page, _ := imex.Get("/organisations/imex/dashboard")
	if st != http.StatusOK {
		t.Fatalf("IMEX's dashboard: %d", st)
	}
	if total := regexp.MustCompile(`id="dash-total">(\d+) reports`).FindStringSubmatch(page); total == nil || total[1] != "3" {
		t.Errorf("the dashboard's total = %v, want 3 reports naming IMEX", total)
	}
	svg := regexp.MustCompile(`(?s)<svg class="chart-svg".*?</svg>`).FindString(page)
	if svg == "" || !strings.Contains(svg, "<rect") || !strings.Contains(svg, ": 3 reports") {
		t.Errorf("the dashboard has no chart with this week's 3 reports:\n%s", svg)
	}
	for _, want := range []string{"&#43;449061234567", "AnyDesk", "gift cards", "&#43;442079460000"} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard lacks %s", want)
		}
	}
	spoofed := regexp.MustCompile(`(?s)id="dash-spoofed".*?</section>`).FindString(page)
	if !strings.Contains(spoofed, "&#43;441793781800") {
		t.Errorf("IMEX's own number shown on a reported call is not under 'Your own numbers': %s", spoofed)
	}
	if strings.Contains(page, "449067654321") {
		t.Error("HMRC's report is on IMEX's dashboard")
	}
	if _, org, _ := imex.Get("/organisations/imex"); !strings.Contains(org, `href="/organisations/imex/dashboard"`) {
		t.Error("IMEX's organisation page does not link its member to the dashboard")
	}
	if _, org, _ := public.Get("/organisations/imex"); strings.Contains(org, "/dashboard") {
		t.Error("the public organisation page links to the dashboard")
	}

	st, body, hdr := imex.Get("/organisations/imex/dashboard.csv?weeks=4")
	if st != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV: %d %s", st, hdr.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "period" || rows[1][2] != "3" {
		t.Errorf("CSV period row = %v, want 3 reports", rows[1])
	}

	for name, tc := range map[string]struct {
		b    *testenv.Browser
		path string
		want int
	}{
		"HMRC's member on IMEX's dashboard":   {hmrc, "/organisations/imex/dashboard", http.StatusNotFound},
		"HMRC's member on IMEX's CSV":         {hmrc, "/organisations/imex/dashboard.csv", http.StatusNotFound},
		"HMRC's member on its own":            {hmrc, "/organisations/hmrc/dashboard", http.StatusOK},
		"an analyst on IMEX's":                {analyst, "/organisations/imex/dashboard", http.StatusOK},
		"signed out":                          {public, "/organisations/imex/dashboard", http.StatusSeeOther},
		"a period too long":                   {imex, "/organisations/imex/dashboard?weeks=999", http.StatusBadRequest},
		"a period that is no number":          {imex, "/organisations/imex/dashboard?weeks=ten", http.StatusBadRequest},
		"an organisation not in the registry": {analyst, "/organisations/nobody/dashboard", http.StatusNotFound},
	} {
		if st, _, _ := tc.b.Get(tc.path); st != tc.want {
			t.Errorf("%s: %d, want %d", name, st, tc.want)
		}
	}
}
