package http

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// withAlertsOnChecks makes the test server's checks quote live alerts.
func withAlertsOnChecks(d *Deps) { d.Checker = d.Checker.(*check.Engine).WithAlerts(d.Alerts) }

// TestAlertJourney: IMEX writes an alert, nobody else sees it until an
// analyst publishes it; then it is on IMEX's page, on a check naming IMEX
// (fresh and shared), on the home page, in the API and the feeds; when IMEX
// withdraws it, it leaves all of them at once.
func TestAlertJourney(t *testing.T) {
	s := newTestServer(t, DefaultConfig(), withAlertsOnChecks)
	imex, analyst, public, hmrc := newBrowser(t, s), newBrowser(t, s), newBrowser(t, s), newBrowser(t, s)
	signIn(t, s, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	signIn(t, s, analyst, "analyst@hangup.example", hangup.RoleAnalyst, "")
	signIn(t, s, hmrc, "fraud@hmrc.example", hangup.RoleOrgAdmin, "hmrc")
	title := "Scammers are calling in our name <script>"
	path := testenv.WriteAlert(t, imex, "imex", title, "They say your computer has a virus.\n\nWe never call you about viruses. Call 01793 781800.")

	// Pending: only IMEX and analysts can open it.
	for name, b := range map[string]*testenv.Browser{"the public": public, "HMRC": hmrc} {
		if st, _, _ := b.Get(path); st != http.StatusNotFound {
			t.Errorf("%s opened a pending alert: %d", name, st)
		}
	}
	if st, page, _ := imex.Get(path); st != http.StatusOK || !strings.Contains(page, "Waiting for review") {
		t.Errorf("IMEX's own pending alert: %d", st)
	}
	if st, _, _ := hmrc.Get("/organisations/imex/alerts/new"); st != http.StatusForbidden {
		t.Errorf("HMRC opened the form to write about IMEX: %d", st)
	}
	_, queue, _ := analyst.Get("/analyst/alerts")
	if !strings.Contains(queue, path) {
		t.Fatalf("the analysts' queue does not list %s", path)
	}
	if st, _, _ := imex.Get("/analyst/alerts"); st != http.StatusForbidden {
		t.Errorf("a member opened the analysts' queue: %d", st)
	}
	if _, body, _ := public.Get("/organisations/imex"); strings.Contains(body, "Scammers are calling") {
		t.Error("a pending alert shows on the organisation's page")
	}

	// IMEX can't publish its own alert; an analyst can.
	_, page, _ := imex.Get(path)
	if st, _, _ := imex.Post(path+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish"})); st != http.StatusForbidden {
		t.Errorf("IMEX published its own alert: %d", st)
	}
	_, page, _ = analyst.Get(path)
	if st, body, _ := analyst.Post(path+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish", "note": "Confirmed with IMEX"})); st != http.StatusSeeOther {
		t.Fatalf("publishing: %d\n%s", st, body)
	}

	// Public everywhere, escaped.
	_, body, _ := public.Get(path)
	if !strings.Contains(body, "Scammers are calling in our name &lt;script&gt;") || strings.Contains(body, "<script>") {
		t.Errorf("the alert page does not show the title escaped")
	}
	if !strings.Contains(body, "Published by IMEX") || strings.Contains(body, "it@imex.example") || strings.Contains(body, "analyst@hangup.example") {
		t.Errorf("the public alert page names the wrong author or shows an account")
	}
	if _, body, _ = public.Get("/organisations/imex"); !strings.Contains(body, "We never call you about viruses.") {
		t.Error("the organisation page does not show the published alert")
	}
	if _, body, _ = public.Get("/"); !strings.Contains(body, `href="`+path+`"`) {
		t.Error("the home page does not link to the alert")
	}
	_, home, _ := public.Get("/")
	st, result, _ := public.Post("/check", testenv.Merge(testenv.Hidden(home), map[string]string{"claims": "IMEX", "number": "020 7946 0000", "started": "they_called"}))
	if st != http.StatusOK || !strings.Contains(result, `href="`+path+`"`) {
		t.Fatalf("the check naming IMEX does not link to the alert (%d)", st)
	}
	share := regexp.MustCompile(`id="share-link" class="share-link" href="[^"]*(/c/[A-Z0-9]+)"`).FindStringSubmatch(result)
	if share == nil {
		t.Fatal("no short link on the result")
	}
	if _, body, _ = public.Get(share[1]); !strings.Contains(body, `href="`+path+`"`) {
		t.Error("the shared result does not show the live alert")
	}
	_, result, _ = public.Post("/check", testenv.Merge(testenv.Hidden(home), map[string]string{"claims": "HMRC", "started": "they_called"}))
	if strings.Contains(result, path) {
		t.Error("IMEX's alert shows on a check naming HMRC")
	}
	r := do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"IMEX","started":"they_called"}`)
	if res := decodeBody[hangup.CheckResult](t, r); len(res.Alerts) != 1 || res.Alerts[0].Title != title {
		t.Errorf("the API's check result alerts = %+v", res.Alerts)
	}
	if l := decodeBody[alerts.AlertList](t, do(t, s, "GET", "/api/v1/alerts?organisation=imex", "", "")); len(l.Alerts) != 1 {
		t.Errorf("GET /api/v1/alerts?organisation=imex = %d alerts", len(l.Alerts))
	}
	if raw := do(t, s, "GET", "/api/v1/alerts", "", ""); strings.Contains(string(raw.body), "imex.example") || strings.Contains(string(raw.body), "Confirmed with") {
		t.Errorf("the API shows an account or the reviewer's note: %s", raw.body)
	}

	// Withdrawn: gone from the check, the page and the feeds at once.
	_, page, _ = imex.Get(path)
	if st, _, _ := imex.Post(path+"/withdraw", testenv.Merge(testenv.Hidden(page), map[string]string{"note": "The wave is over"})); st != http.StatusSeeOther {
		t.Fatalf("withdrawing: %d", st)
	}
	if _, body, _ = public.Get(path); !strings.Contains(body, "withdrew this alert") || strings.Contains(body, "We never call you about viruses") {
		t.Error("the withdrawn alert's page still shows its text")
	}
	if _, body, _ = public.Get("/organisations/imex"); strings.Contains(body, "We never call you about viruses.") {
		t.Error("the withdrawn alert is still on the organisation's page")
	}
	r = do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"IMEX","started":"they_called"}`)
	if res := decodeBody[hangup.CheckResult](t, r); len(res.Alerts) != 0 {
		t.Errorf("a withdrawn alert is on the check result: %v", res.Alerts)
	}
	_, page, _ = analyst.Get(path)
	for _, want := range []string{"Written and sent for review · it@imex.example", "Published · analyst@hangup.example: “Confirmed with IMEX”", "Withdrawn · it@imex.example: “The wave is over”"} {
		if !strings.Contains(page, want) {
			t.Errorf("the history lacks %q", want)
		}
	}
	// HMRC can't withdraw or even find IMEX's alerts.
	if st, _, _ := hmrc.Post(path+"/withdraw", testenv.Hidden(page)); st != http.StatusForbidden && st != http.StatusNotFound {
		t.Errorf("HMRC's withdrawal of IMEX's alert: %d", st)
	}
}
