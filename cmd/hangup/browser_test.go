package main

import (
	"context"
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
		chromedp.Click(chromedp.ID("unsolicited-yes")),
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
