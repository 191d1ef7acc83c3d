package main

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

// phoneScreen is the viewport of a common phone, in CSS pixels.
const phoneW, phoneH = 390, 844

// fillCheck fills the home page's check form as a person would, and sends it.
func fillCheck(t *testing.T, ctx context.Context, base, number, claims, started string, asked ...string) {
	t.Helper()
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/"),
		chromedp.WaitVisible(chromedp.ID("claims")),
		chromedp.SendKeys(chromedp.ID("claims"), claims),
		chromedp.SendKeys(chromedp.ID("number"), number),
		chromedp.Click(chromedp.ID("started-" + started)),
	}
	for _, a := range asked {
		actions = append(actions, chromedp.Click(chromedp.ID("asked-"+a)))
	}
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form.check button[type=submit]")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("h1.verdict-word"))); err != nil {
		t.Fatal(err)
	}
}

func pageHeight(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestBrowserResultFitsTwoPhoneScreens: in a 390 × 844 phone screen, the
// answer to the common calls fits in two screens (1,688 px), the way to
// reach the real organisation and the reasons included.
func TestBrowserResultFitsTwoPhoneScreens(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, number, claims, started string
		asked                         []string
	}{
		{"Microsoft on an 09 number asking to install and get in", "0906 123 4567", "Microsoft", "they_called", []string{"install", "remote_access"}},
		{"HMRC asking for gift cards", "", "HMRC", "they_called", []string{"gift_card"}},
		{"a pop-up with a number for Microsoft", "0800 046 5678", "Microsoft", "popup", nil},
		{"a bank asking to move money and for a code", "020 7123 4567", "my bank", "they_called", []string{"move_money", "passwords"}},
		{"Amazon asking for card details", "07400 123456", "Amazon", "they_called", []string{"card_details", "payment"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fillCheck(t, ctx, base, tc.number, tc.claims, tc.started, tc.asked...)
			h := pageHeight(t, ctx)
			t.Logf("result page at %d px wide: %d px tall (%.2f screens)", phoneW, h, float64(h)/phoneH)
			if h > 2*phoneH {
				t.Errorf("the result page is %d px tall at %d px: more than two phone screens (%d px)", h, phoneW, 2*phoneH)
			}
			if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); w > phoneW {
				t.Errorf("the result page is %d px wide on a %d px screen", w, phoneW)
			}
		})
	}
}

// TestBrowserNoPageOverflowsAt320: every public and analyst page, with long
// words and web addresses in it, fits a 320 px screen without scrolling
// sideways.
func TestBrowserNoPageOverflowsAt320(t *testing.T) {
	ctx := browser(t)
	base, app := startApp(t)
	long := "https://support.microsoft-windows-security-alert-helpdesk.example.com/contact/reference/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789?session=averyveryverylongtokenwithoutanyspaces"
	// A report with long words, through the same service the form uses.
	rc, err := app.Reports.Submit(ctx, hangup.ReportInput{NumberShown: "0906 123 4567", CallbackNumber: "020 7946 0000",
		ClaimedOrganisation: "Microsoft", Started: hangup.StartedTheyCalled, Website: long, Software: "AnyDeskSupportToolWithAVeryLongNameIndeed",
		Happened: []hangup.Happened{hangup.HappenedRemoteAccess, hangup.HappenedPaid}, Amount: "£1,234.56", PaymentMethod: "gift cards",
		Story: "He said to go to " + long + " and typed Supercalifragilisticexpialidociousandevenlongerwordsthanthat."}, reporterCLI, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Accounts.AddUser(ctx, "admin@example.org", "a long enough password", hangup.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	fits := func(name string) {
		t.Helper()
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w > 320 {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 321).slice(-3).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`))
			t.Errorf("%s is %d px wide at 320 px (widest: %s)", name, w, wide)
		}
	}
	visit := func(path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		fits(path)
	}
	track := "/r/" + rc.Token
	for _, path := range []string{"/", "/organisations", "/organisations/microsoft", "/organisations/hmrc", "/numbers",
		"/numbers?n=hello", "/numbers/" + url.PathEscape("0906 123 4567"), "/numbers/" + url.PathEscape("0800 123 4567"),
		"/website", "/website?address=" + url.QueryEscape(long), "/website?address=anydesk.com", "/said", "/report", "/stats",
		track, track + "/summary", "/login", "/no/such/page", "/c/ZZZZZZZZZZ"} {
		visit(path)
	}
	// The answers: a call check with everything in it, its short link,
	// and what was said.
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("claims")),
		chromedp.SendKeys(chromedp.ID("claims"), "Microsoft"), chromedp.SendKeys(chromedp.ID("number"), "0906 123 4567"),
		chromedp.Click(chromedp.ID("started-they_called")), chromedp.Click(chromedp.ID("asked-install")),
		chromedp.SendKeys(chromedp.ID("website"), long), chromedp.SendKeys(chromedp.ID("notes"), "Go to "+long+" and install AnyDesk now"))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form.check button[type=submit]")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("h1.verdict-word")), chromedp.Click(chromedp.CSS("details.more > summary"))); err != nil {
		t.Fatal(err)
	}
	fits("the check result with More detail open")
	share := textOf(t, ctx, "#share-link")
	visit(strings.TrimPrefix(share, base))
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/said"), chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), "This is Microsoft. Go to "+long+", install AnyDesk and read me the code."))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/said'] button")
	fits("the answer to what they said")
	// Every page of the report form, and its check.
	visit("/report")
	for _, step := range []string{"story", "started", "when", "numbers", "who", "happened", "payment", "contact"} {
		onStep(t, ctx, step)
		if step == "story" {
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("story"), "I paid £20 by card after going to "+long)); err != nil {
				t.Fatal(err)
			}
		}
		fits("the report form's " + step + " page")
		click(t, ctx, `button[value=next]`)
	}
	onStep(t, ctx, "check")
	fits("check your answers")
	// The analysts' pages, with a failed sign-in on the throttles page.
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "admin@example.org"), chromedp.SendKeys(chromedp.ID("password"), "not the password"))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/login'] button")
	fits("a failed sign-in")
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "admin@example.org"), chromedp.SendKeys(chromedp.ID("password"), "a long enough password"))
	if err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/login'] button")
	for _, path := range []string{"/analyst/reports", "/analyst/reports?from=someday", "/analyst/reports/" + rc.Report.Reference, "/analyst/appeals", "/admin/allow", "/admin/signins",
		"/analyst/reports?number=" + url.QueryEscape("0906 123 4567"), "/analyst/websites", "/analyst/websites?domain=" + url.QueryEscape(long)} {
		visit(path)
	}
}

var reporterCLI = report.Reporter{Source: "cli", Address: "cli"}

// TestBrowserPrintLayout: printing a result (or saving it as a PDF) leaves
// out the navigation and the forms, and opens "More detail".
func TestBrowserPrintLayout(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	fillCheck(t, ctx, base, "0906 123 4567", "Microsoft", "they_called", "install", "remote_access")
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	shown := func(sel string) bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).display !== "none"; })()`, sel)))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if shown("header.site nav") || shown("footer.site") || shown(".keep .print-hint") {
		t.Error("the printout shows the navigation, the footer or the print hint")
	}
	if !shown("h1.verdict-word") || !shown(".callback") || !shown("details.more #number-title") {
		t.Error("the printout lacks the verdict, the call-back route or the detail")
	}
	var data []byte
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
		data = res.Data
		return err
	}))
	if err != nil || len(data) < 1000 || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("save as PDF: %d bytes, %v", len(data), err)
	}
}

// TestBrowserLookupKeepsWhatWasTyped: looking up "hello" says what to type
// and keeps it in the box.
func TestBrowserLookupKeepsWhatWasTyped(t *testing.T) {
	ctx := browser(t)
	base, _ := startApp(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("n")), chromedp.SendKeys(chromedp.ID("n"), "hello")); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "form[action='/numbers'] button")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("n-error"))); err != nil {
		t.Fatal(err)
	}
	if v, msg := valueOf(t, ctx, "#n"), textOf(t, ctx, "#n-error"); v != "hello" || !regexp.MustCompile(`(?s)^Error:\s+[A-Z].*\.$`).MatchString(msg) {
		t.Errorf("lookup of hello: box %q, error %q", v, msg)
	}
}
