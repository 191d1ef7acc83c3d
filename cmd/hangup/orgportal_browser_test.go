package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
)

// TestBrowserOrganisationPortalPagesFitAPhone: an alert with long words is
// on its own page, the alerts list, IMEX's page and a check naming IMEX,
// and none of them (nor the dashboard, the notifications page and the alert
// form) scrolls sideways at 320 px; the check result with the alert still
// fits two screens at 390 px, and the dashboard's chart is drawn.
func TestBrowserOrganisationPortalPagesFitAPhone(t *testing.T) {
	ctx := browser(t)
	base, app := startApp(t)
	long := "https://imex-support-helpdesk-security-department.example.com/refund/claim?reference=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	member := &hangup.User{Email: "it@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"}
	if _, err := app.Accounts.AddUser(ctx, member.Email, "a long enough password", hangup.RoleOrgAdmin, "imex"); err != nil {
		t.Fatal(err)
	}
	al, err := app.Alerts.Write(ctx, member, alert.Draft{OrganisationID: "imex", Title: "Scammers are calling in our name about refunds",
		Text: "They ask you to go to " + long + " and install AnyDeskRemoteSupportToolWithAVeryLongName.\n\nWe never call you about refunds. Call us on 01793 781800."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Alerts.Review(ctx, &hangup.User{Email: "analyst@hangup.example", Role: hangup.RoleAnalyst}, al.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := app.Reports.Submit(ctx, hangup.ReportInput{NumberShown: "0906 123 456" + strconv.Itoa(i), ClaimedOrganisation: "IMEX",
			Started: hangup.StartedTheyCalled, Website: long, Software: "AnyDesk"}, reporterCLI, ""); err != nil {
			t.Fatal(err)
		}
	}
	alertPath := "/alerts/" + strconv.FormatInt(al.ID, 10)
	width := func(what string, max int64) {
		t.Helper()
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if w > max {
			t.Errorf("%s is %d px wide at %d px", what, w, max)
		}
	}
	visit := func(path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		width(path, 320)
	}

	// A phone: the check naming IMEX shows the alert and still fits.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	fillCheck(t, ctx, base, "0906 123 4567", "IMEX", "they_called", "remote_access")
	if got := textOf(t, ctx, ".org-alert a"); !strings.Contains(got, "Scammers are calling in our name") {
		t.Errorf("the result's alert link reads %q", got)
	}
	if h := pageHeight(t, ctx); h > 2*phoneH {
		t.Errorf("the result with an alert is %d px tall at %d px: more than two screens", h, phoneW)
	}
	width("the result with an alert", phoneW)

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/alerts", alertPath, "/organisations/imex"} {
		visit(p)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), member.Email), chromedp.SendKeys(chromedp.ID("password"), "a long enough password"))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/login'] button")
	for _, p := range []string{"/organisations/imex/dashboard", "/organisations/imex/notifications", "/organisations/imex/alerts/new", alertPath} {
		visit(p)
	}
	visit("/organisations/imex/dashboard")
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("svg.chart-svg").getBoundingClientRect().height`))
	if err != nil || h < 50 {
		t.Errorf("the dashboard's chart is %v px tall (%v)", h, err)
	}
	if got := textOf(t, ctx, "#dash-total"); !strings.HasPrefix(got, "3 reports") {
		t.Errorf("the dashboard says %q, want 3 reports", got)
	}
}
