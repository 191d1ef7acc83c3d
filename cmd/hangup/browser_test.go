package main

import (
	"context"
	"github.com/hangup-org/hangup"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium for end-to-end tests. Without Chromium
// the test is skipped, unless HANGUP_REQUIRE_BROWSER=1 (as in CI), where a
// missing browser is a failure, never a silent skip.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("HANGUP_CHROMIUM")
	if path == "" {
		for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if found, err := exec.LookPath(p); err == nil {
				path = found
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("HANGUP_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium not found and HANGUP_REQUIRE_BROWSER=1: install Debian's chromium")
		}
		t.Skip("Chromium not found; install Debian's chromium to run browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// textOf reads the visible text of the first element matching a CSS selector.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(v)
}

func valueOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// TestBrowserCheck fills the home page form in a real browser, as a person
// would, and reads the verdict.
func TestBrowserCheck(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("claims")),
		chromedp.SendKeys(chromedp.ID("claims"), "Microsoft"),
		chromedp.SendKeys(chromedp.ID("number"), "0906 123 4567"),
		chromedp.Click(chromedp.ID("started-they_called")),
		chromedp.Click(chromedp.ID("asked-install")),
		chromedp.Click(chromedp.ID("asked-remote_access")),
		chromedp.SendKeys(chromedp.ID("notes"), "he wants me to install AnyDesk"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("form.check button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".verdict"))); err != nil {
		t.Fatal(err)
	}
	verdict, summary := textOf(t, ctx, "h1.verdict-word"), textOf(t, ctx, ".verdict-summary")
	callback := textOf(t, ctx, ".callback")
	firstReason := textOf(t, ctx, ".reasons li:first-child")
	if verdict != "Stop" || !strings.Contains(summary, "Microsoft") || strings.HasPrefix(summary, "Stop") {
		t.Errorf("verdict %q summary %q", verdict, summary)
	}
	if !strings.Contains(callback, "support.microsoft.com") {
		t.Errorf("call-back box %q lacks Microsoft's contact route", callback)
	}
	if !strings.Contains(firstReason, "Microsoft says") {
		t.Errorf("first reason %q should quote Microsoft's policy", firstReason)
	}

	// An empty form is never a green light: "Not enough to go on", with
	// what to do meanwhile.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("claims"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("form.check button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".verdict"))); err != nil {
		t.Fatal(err)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("h1.verdict-word"), "data-verdict"))
	if err != nil {
		t.Fatal(err)
	}
	if word := textOf(t, ctx, "h1.verdict-word"); attr.Value != string(hangup.CheckNotEnough) || word != "Not enough to go on" {
		t.Errorf("empty form: verdict %q %q, want not_enough", attr.Value, word)
	}
	if steps := textOf(t, ctx, "ol.steps"); !strings.Contains(steps, "hang up") {
		t.Errorf("empty form: steps %q should say it is fine to hang up", steps)
	}

	// A mistake shows the form again with the person's words kept.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("number")),
		chromedp.SendKeys(chromedp.ID("number"), "call me"),
		chromedp.SendKeys(chromedp.ID("notes"), "my own words"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("form.check button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("number-error"))); err != nil {
		t.Fatal(err)
	}
	if n, notes, msg := valueOf(t, ctx, "#number"), valueOf(t, ctx, "#notes"), textOf(t, ctx, "#number-error"); n != "call me" || notes != "my own words" || !strings.HasSuffix(msg, ".") {
		t.Errorf("form shown again: number %q notes %q error %q", n, notes, msg)
	}
	if summary := textOf(t, ctx, ".error-summary"); !strings.Contains(summary, "There is a problem") {
		t.Errorf("error summary %q", summary)
	}
}

// click presses a button or link that loads a page and waits for it.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// onStep waits for a page of the report form.
func onStep(t *testing.T, ctx context.Context, step string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`input[name=step][value=`+step+`]`))); err != nil {
		t.Fatalf("waiting for the %s page: %v", step, err)
	}
}

func checkedBox(t *testing.T, ctx context.Context, id string) bool {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById(`+strconvQuote(id)+`).checked`))
	if err != nil {
		t.Fatalf("checked %s: %v", id, err)
	}
	return v
}

func strconvQuote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }

// TestBrowserReport files a report in a real browser, one question per
// page: the story fills the answers (the number that called, the amount
// with its pound sign, the way of paying, "I paid them"), the person
// confirms them, checks every answer, sends, keeps the short tracking link,
// comes back with it and adds information.
func TestBrowserReport(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/report"]`))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `nav a[href="/report"]`)
	onStep(t, ctx, "story")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("story"),
		"He said he was from Microsoft and my computer had a virus. He told me to pay £199.99 for a security licence with my debit card. He called back from 020 7946 0000 an hour later.")); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "started")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("started-they_called"))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "when")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("when-yesterday")), chromedp.SendKeys(chromedp.ID("time"), "2pm")); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "numbers")
	if shown, cb := valueOf(t, ctx, "#number_shown"), valueOf(t, ctx, "#callback_number"); shown != "020 7946 0000" || cb != "" {
		t.Errorf("\"He called back from 020 7946 0000\": number that called %q, number to call %q", shown, cb)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "who")
	if who := valueOf(t, ctx, "#claimed_organisation"); who != "Microsoft" {
		t.Errorf("who they said they were: %q", who)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "happened")
	if !checkedBox(t, ctx, "happened-payment") {
		t.Error("\"I paid them\" is not ticked for a story that pays £199.99 by debit card")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("happened-remote_access"))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "payment")
	if amount, method := valueOf(t, ctx, "#amount"), valueOf(t, ctx, "#payment_method"); amount != "£199.99" || method != "debit card" {
		t.Errorf("payment: amount %q method %q, want £199.99 by debit card", amount, method)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "contact")
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "check")
	review := textOf(t, ctx, "#review")
	for _, want := range []string{"£199.99", "debit card", "020 7946 0000", "They called me out of the blue", "Yesterday at 2pm",
		"They got into my computer", "I paid them", "Microsoft"} {
		if !strings.Contains(review, want) {
			t.Errorf("check your answers lacks %q:\n%s", want, review)
		}
	}
	// Change an answer, and come back to the check.
	click(t, ctx, `button[name=goto][value=who]`)
	onStep(t, ctx, "who")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("claimed_organisation"), "Microsoft Support")); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `button[value=next]`)
	onStep(t, ctx, "check")
	if review := textOf(t, ctx, "#review"); !strings.Contains(review, "Microsoft Support") {
		t.Errorf("the changed answer is not on the check: %s", review)
	}
	click(t, ctx, `button[value=next]`)
	// Sent sooner than a person could (docs/security.md), the last step
	// comes back asking to check the answers: press Send again, as a
	// person would.
	tooQuick, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("report-notice") !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if tooQuick {
		t.Log("the browser was quicker than ReportFormMinTime; sending again")
		time.Sleep(ReportFormMinTime)
		click(t, ctx, `button[value=next]`)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("tracking-link"))); err != nil {
		t.Fatal(err)
	}
	ref := textOf(t, ctx, "#reference")
	link := textOf(t, ctx, "#tracking-link")
	first := textOf(t, ctx, "#guidance li:first-child")
	if !strings.HasPrefix(ref, "HU-") || !strings.Contains(link, "/r/"+ref+"-") || len(link)-strings.Index(link, "/r/") > 30 {
		t.Fatalf("reference %q link %q: want a short link made of the reference and a secret", ref, link)
	}
	if !strings.Contains(first, "internet") {
		t.Errorf("first step %q should cut the scammer's access", first)
	}
	// The summary for the police shows each answer once, as people read it.
	if err := chromedp.Do(ctx, chromedp.Navigate(link+"/summary"), chromedp.WaitVisible(chromedp.ID("summary-money"))); err != nil {
		t.Fatal(err)
	}
	if money, shown := textOf(t, ctx, "#summary-money"), textOf(t, ctx, "#summary-shown"); money != "£199.99, paid by debit card" || shown != "020 7946 0000 (from abroad: +44 20 7946 0000)" {
		t.Errorf("summary: money %q, number %q", money, shown)
	}
	if h := textOf(t, ctx, "#summary-happened"); !strings.Contains(h, "I paid them") || !strings.Contains(h, "They got into my computer") {
		t.Errorf("summary of what happened: %q", h)
	}
	// Come back later with the link alone.
	if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), "They called again."),
	); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `form[action$="/add"] button`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".history"))); err != nil {
		t.Fatal(err)
	}
	if got := textOf(t, ctx, "#reference"); got != ref {
		t.Errorf("the link opened %q, want %q", got, ref)
	}
	if h := textOf(t, ctx, ".history"); !strings.Contains(h, "You added information") {
		t.Errorf("history %q", h)
	}
}
