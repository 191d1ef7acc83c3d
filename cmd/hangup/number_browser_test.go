package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

// TestBrowserNumberPageButtons: on a number's page in real Chromium, a
// person presses "This number called me" and "This is a genuine number I
// know", and sees the figures change; the analysts' view of the number
// shows the same figures.
func TestBrowserNumberPageButtons(t *testing.T) {
	ctx := browser(t)
	base, app := startApp(t)
	const e164 = "+449061234567"
	if _, err := app.Reports.Submit(t.Context(), hangup.ReportInput{NumberShown: "0906 123 4567", Story: "They said my computer had a virus."},
		report.Reporter{Source: "cli", Address: "192.0.2.50"}, ""); err != nil {
		t.Fatal(err)
	}
	count := func(id string) int {
		t.Helper()
		n, err := strconv.Atoi(textOf(t, ctx, "#"+id))
		if err != nil {
			t.Fatalf("#%s: %v", id, err)
		}
		return n
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/numbers/"+e164), chromedp.WaitVisible(chromedp.ID("called-button"))); err != nil {
		t.Fatal(err)
	}
	lookups, called, reports := count("count-lookups"), count("count-called"), count("count-reports")
	if lookups != 1 || called != 0 || reports != 1 {
		t.Errorf("before the buttons: %d look-ups, %d called, %d reports; want 1, 0, 1", lookups, called, reports)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#activity figure.chart svg rect").length`))
	if err != nil || charts == 0 {
		t.Errorf("no chart bars on the page (%d, %v)", charts, err)
	}

	click(t, ctx, "#called-button")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#activity .notice"))); err != nil {
		t.Fatal(err)
	}
	if n := count("count-called"); n != called+1 {
		t.Errorf("after \"This number called me\": %d called, want %d", n, called+1)
	}
	if n := count("count-lookups"); n != lookups {
		t.Errorf("the same browser again made %d look-ups, want %d", n, lookups)
	}
	if r := app.Reputation.Lookup(e164); r.Reports != 1 || r.Genuine != 0 {
		t.Errorf("\"called me\" changed the evidence: %+v", r)
	}

	click(t, ctx, "#genuine-button")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("genuine-count"))); err != nil {
		t.Fatal(err)
	}
	if g := textOf(t, ctx, "#genuine-count"); !strings.HasPrefix(g, "1 person says") {
		t.Errorf("after \"This is a genuine number I know\": %q", g)
	}
	if r := app.Reputation.Lookup(e164); r.Genuine != 1 {
		t.Errorf("genuine evidence after the button: %+v", r)
	}
	// Pressing again the same day counts once.
	click(t, ctx, "#called-button")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#activity .notice"))); err != nil {
		t.Fatal(err)
	}
	if n := count("count-called"); n != called+1 {
		t.Errorf("a second press the same day: %d called, want %d", n, called+1)
	}
	public := [3]int{count("count-lookups"), count("count-called"), count("count-reports")}

	// The analysts' view of the number: the same figures.
	if _, err := app.Accounts.AddUser(t.Context(), "ana@example.org", "a long enough password", hangup.RoleAnalyst, ""); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "ana@example.org"), chromedp.SendKeys(chromedp.ID("password"), "a long enough password"))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/login'] button")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/analyst/reports?number="+strings.TrimPrefix(e164, "+")), chromedp.WaitVisible(chromedp.ID("count-reports"))); err != nil {
		t.Fatal(err)
	}
	analyst := [3]int{count("count-lookups"), count("count-called"), count("count-reports")}
	if analyst != public {
		t.Errorf("analysts' figures %v, public page's %v", analyst, public)
	}
}
