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
		chromedp.Click(chromedp.ID("asked-remote-access")),
		chromedp.SendKeys(chromedp.ID("notes"), "he wants me to install AnyDesk"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".verdict"))); err != nil {
		t.Fatal(err)
	}
	verdict, summary := textOf(t, ctx, ".verdict-word"), textOf(t, ctx, ".verdict-summary")
	callback := textOf(t, ctx, "ol.steps li:last-child")
	firstReason := textOf(t, ctx, ".reasons li:first-child .reason-text")
	if verdict != "Stop" || !strings.Contains(summary, "Microsoft") {
		t.Errorf("verdict %q summary %q", verdict, summary)
	}
	if !strings.Contains(callback, "support.microsoft.com") {
		t.Errorf("last step %q lacks Microsoft's contact route", callback)
	}
	if !strings.Contains(firstReason, "Microsoft says") {
		t.Errorf("first reason %q should quote Microsoft's policy", firstReason)
	}

	// An empty form is never a green light: "Not enough to go on", with
	// what to do meanwhile.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("claims"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".verdict"))); err != nil {
		t.Fatal(err)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".verdict-summary"), "data-verdict"))
	if err != nil {
		t.Fatal(err)
	}
	if word := textOf(t, ctx, ".verdict-word"); attr.Value != string(hangup.CheckNotEnough) || word != "Not enough to go on" {
		t.Errorf("empty form: verdict %q %q, want not_enough", attr.Value, word)
	}
	if last := textOf(t, ctx, "ol.steps li:last-child"); !strings.Contains(last, "yourself") {
		t.Errorf("empty form: last step %q should say to call back on a number they find themselves", last)
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
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("number-error"))); err != nil {
		t.Fatal(err)
	}
	if n, notes, msg := valueOf(t, ctx, "#number"), valueOf(t, ctx, "#notes"), textOf(t, ctx, "#number-error"); n != "call me" || notes != "my own words" || msg == "" {
		t.Errorf("form shown again: number %q notes %q error %q", n, notes, msg)
	}
}

// TestBrowserReport files a report in a real browser through the three
// steps, keeps the tracking link, comes back with it and adds information.
func TestBrowserReport(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	click := func(sel string) {
		t.Helper()
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`nav a[href="/report"]`)),
	); err != nil {
		t.Fatal(err)
	}
	click(`nav a[href="/report"]`)
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("story")),
		chromedp.Click(chromedp.ID("started-they_called")),
		chromedp.SendKeys(chromedp.ID("number_shown"), "0906 123 4567"),
		chromedp.SendKeys(chromedp.ID("claimed_organisation"), "Microsoft"),
		chromedp.SendKeys(chromedp.ID("story"), "He said my computer had a virus and I paid with gift cards."),
	); err != nil {
		t.Fatal(err)
	}
	click(`button[value=next]`)
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("happened-remote_access")),
		chromedp.Click(chromedp.ID("happened-remote_access")),
		chromedp.Click(chromedp.ID("happened-paid")),
		chromedp.SendKeys(chromedp.ID("software"), "AnyDesk"),
		chromedp.SendKeys(chromedp.ID("amount"), "150"),
		chromedp.SendKeys(chromedp.ID("payment_method"), "gift cards"),
	); err != nil {
		t.Fatal(err)
	}
	click(`button[value=next]`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("consent-yes"))); err != nil {
		t.Fatal(err)
	}
	click(`button[value=next]`)
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
		click(`button[value=next]`)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("tracking-link"))); err != nil {
		t.Fatal(err)
	}
	ref := textOf(t, ctx, "#reference")
	link := textOf(t, ctx, "#tracking-link")
	first := textOf(t, ctx, "#guidance li:first-child")
	if !strings.HasPrefix(ref, "HU-") || !strings.Contains(link, "/r/") {
		t.Fatalf("reference %q link %q", ref, link)
	}
	if !strings.Contains(first, "internet") {
		t.Errorf("first step %q should cut the scammer's access", first)
	}
	// Come back later with the link alone.
	if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), "They called again."),
	); err != nil {
		t.Fatal(err)
	}
	click(`form[action$="/add"] button`)
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
