package reportform_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// The report form's helpers, from testenv.
var (
	newBrowser = testenv.NewBrowser
	stepOf     = testenv.ReportStep
	answer     = testenv.AnswerReport
	one        = testenv.Values
	fileReport = testenv.FileReport
)

// TestReportFormUnderstandsTheStory: what the story says fills the right
// answers, for the person to confirm, and the summary shows them as the
// person would say them.
func TestReportFormUnderstandsTheStory(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	_, page = answer(t, b, page, "story", one("story", "He said he was from Microsoft and my computer had a virus. He told me to pay £199.99 for a security licence with my debit card. He called back from 020 7946 0000 an hour later."))
	_, page = answer(t, b, page, "started", one("started", "they_called"))
	_, page = answer(t, b, page, "when", one("when", "yesterday"))
	if v := testenv.Hidden(page); stepOf(page) != "numbers" || !strings.Contains(page, `id="suggested"`) {
		t.Fatalf("the numbers page doesn't say it was filled from the story (%v)", v)
	}
	if !strings.Contains(page, `id="number_shown" name="number_shown" type="tel" inputmode="tel" autocomplete="off" value="020 7946 0000"`) ||
		!strings.Contains(page, `id="callback_number" name="callback_number" type="tel" inputmode="tel" autocomplete="off" value=""`) {
		t.Errorf("\"He called back from 020 7946 0000\" should fill the number that called, not a number to call:\n%s", page)
	}
	_, page = answer(t, b, page, "numbers", one("number_shown", "020 7946 0000", "callback_number", ""))
	if !strings.Contains(page, `value="Microsoft"`) {
		t.Error("the organisation the story names was not filled in")
	}
	_, page = answer(t, b, page, "who", one("claimed_organisation", "Microsoft"))
	if !strings.Contains(page, `id="happened-payment" name="happened" value="payment" checked`) {
		t.Error("\"I paid them\" is not ticked for a story that pays £199.99")
	}
	_, page = answer(t, b, page, "happened", one("happened", "payment"))
	if !strings.Contains(page, `value="£199.99"`) || !strings.Contains(page, `value="debit card"`) {
		t.Errorf("the payment page lacks £199.99 by debit card:\n%s", page)
	}
	_, page = answer(t, b, page, "payment", one("amount", "£199.99", "payment_method", "debit card"))
	_, page = answer(t, b, page, "contact", one())
	review := html.UnescapeString(page)
	for _, want := range []string{"£199.99", "debit card", "020 7946 0000", "Microsoft", "They called me out of the blue", "Yesterday", "I paid them"} {
		if !strings.Contains(review, want) {
			t.Errorf("check your answers lacks %q", want)
		}
	}
	st, _, hdr := b.Post("/report", testenv.Hidden(page))
	if st != http.StatusSeeOther {
		t.Fatalf("send → %d", st)
	}
	token := strings.TrimPrefix(strings.Split(hdr.Get("Location"), "?")[0], "/r/")
	_, sum, _ := b.Get("/r/" + token + "/summary")
	sum = html.UnescapeString(sum)
	for _, want := range []string{"£199.99, paid by debit card", "020 7946 0000 (from abroad: +44 20 7946 0000)", "I paid them", "They called me out of the blue"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for _, bad := range []string{"+442079460000 (+442079460000)", "199.99 GBP", "Number they gave to call"} {
		if strings.Contains(sum, bad) {
			t.Errorf("summary shows %q", bad)
		}
	}
}

// TestCheckYourAnswersCoversEveryAnswer: each answer has a Change button
// that opens its page, and Continue goes back to the check.
func TestCheckYourAnswersCoversEveryAnswer(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	b := newBrowser(t, s)
	b.Get("/report")
	track := fileReport(t, b, "They called about a virus.")
	_ = track
	_, page, _ := b.Get("/report")
	for _, step := range []string{"story", "started", "when", "numbers", "who", "happened"} {
		_, page = answer(t, b, page, step, url.Values{})
	}
	_, page = answer(t, b, page, "contact", url.Values{})
	if stepOf(page) != "check" {
		t.Fatalf("on %q, want check", stepOf(page))
	}
	for _, step := range []string{"story", "started", "when", "numbers", "who", "happened", "contact"} {
		if !strings.Contains(page, `name="goto" value="`+step+`"`) {
			t.Errorf("check your answers has no Change button for %s", step)
		}
	}
	for _, q := range []string{"How it started", "When it happened", "The number that called you", "A number they gave you to call",
		"Who they said they were", "What happened during the call", "The program or app", "The website", "How we can contact you"} {
		if !strings.Contains(page, q) {
			t.Errorf("check your answers lacks %q", q)
		}
	}
	_, page = answer(t, b, page, "check", one("goto", "numbers"))
	_, page = answer(t, b, page, "numbers", one("number_shown", "0906 123 4567"))
	if stepOf(page) != "check" || !strings.Contains(page, "0906 123 4567") {
		t.Errorf("after a change the form is on %q, want check with the new answer", stepOf(page))
	}
}

func TestReportFormKeepsWords(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	_, page = answer(t, b, page, "story", one("story", "my <own> words"))
	_, page = answer(t, b, page, "started", one())
	st, page := answer(t, b, page, "when", one("when", "other", "day", "31", "month", "2", "year", "2026", "time", "2pm"))
	if st != http.StatusBadRequest || stepOf(page) != "when" {
		t.Fatalf("31 February → %d on %q", st, stepOf(page))
	}
	for _, want := range []string{`value="31"`, `value="2pm"`, "There is a problem", `href="#day"`, "Enter the date as a real date"} {
		if !strings.Contains(page, want) {
			t.Errorf("the date page shown again lacks %q", want)
		}
	}
	st, page = answer(t, b, page, "when", one("when", "other", "day", "1", "month", "1", "year", "2999"))
	if st != http.StatusBadRequest || !strings.Contains(page, "today or in the past") {
		t.Errorf("a date in the future → %d", st)
	}
	_, page = answer(t, b, page, "when", one("when", "today", "day", "", "month", "", "year", ""))
	_, page = answer(t, b, page, "numbers", one())
	_, page = answer(t, b, page, "who", one())
	_, page = answer(t, b, page, "happened", one("happened", "payment"))
	st, page = answer(t, b, page, "payment", one("amount", "lots"))
	if st != http.StatusBadRequest || !strings.Contains(page, `value="lots"`) || !strings.Contains(page, "Enter the amount as a number") {
		t.Errorf("a bad amount → %d without the answer kept and a sentence saying what to do", st)
	}
	_, page = answer(t, b, page, "payment", one("amount", "40"))
	st, page = answer(t, b, page, "contact", one("contact_email", "ann@example.org"))
	if st != http.StatusBadRequest || stepOf(page) != "contact" || !strings.Contains(page, "Tick the box") || !strings.Contains(page, "ann@example.org") {
		t.Errorf("contact without consent: %d on %q", st, stepOf(page))
	}
	if !strings.Contains(page, "my &lt;own&gt; words") {
		t.Error("the story was lost on the way")
	}
	// Nothing at all is a problem only when sending, and sends the person
	// back to the first question.
	c := newBrowser(t, s)
	_, page, _ = c.Get("/report")
	for _, step := range []string{"story", "started", "when", "numbers", "who", "happened", "contact"} {
		if st, page = answer(t, c, page, step, url.Values{}); st != 200 {
			t.Fatalf("an empty %s page → %d", step, st)
		}
	}
	st, page = answer(t, c, page, "check", url.Values{})
	if st != http.StatusBadRequest || stepOf(page) != "story" || !strings.Contains(page, "Any one of them is enough") {
		t.Errorf("sending nothing → %d on %q", st, stepOf(page))
	}
}

func TestReportReplay(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig())
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	_, page = answer(t, b, page, "story", one("story", "They called about a virus.", "number_shown", "0906 123 4567"))
	for _, step := range []string{"started", "when", "numbers", "who", "happened", "contact"} {
		_, page = answer(t, b, page, step, url.Values{})
	}
	final := testenv.Hidden(page)
	_, _, h1 := b.Post("/report", final)
	_, _, h2 := b.Post("/report", final)
	if h1.Get("Location") == "" || h1.Get("Location") != h2.Get("Location") {
		t.Errorf("a replayed form gave %q then %q", h1.Get("Location"), h2.Get("Location"))
	}
	if list, _ := e.DB.ListReports(context.Background(), hangup.ReportFilter{}); len(list) != 1 {
		t.Errorf("%d reports after a replay, want 1", len(list))
	}
}

func TestCSRF(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	form := testenv.Merge(testenv.Hidden(page), map[string]string{"story": "They called."})
	for name, mutate := range map[string]func(url.Values){
		"missing": func(v url.Values) { v.Del("csrf") },
		"forged":  func(v url.Values) { v.Set("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") },
	} {
		v := testenv.Merge(form, nil)
		mutate(v)
		if st, page, _ := b.Post("/report", v); st != http.StatusForbidden || !strings.Contains(page, "Nothing was sent") {
			t.Errorf("%s CSRF token → %d", name, st)
		}
	}
	// A token from one browser is useless in another.
	other := newBrowser(t, s)
	other.Get("/report")
	if st, _, _ := other.Post("/report", form); st != http.StatusForbidden {
		t.Errorf("another browser's token → %d", st)
	}
}

// TestReportFormTooQuickIsShownAgain: the last step of the report form,
// sent sooner after the form was started than a person could manage, is
// shown again with nothing sent; sent again after the wait, it goes. A
// forged start time does not help: the nonce is signed.
func TestReportFormTooQuickIsShownAgain(t *testing.T) {
	cfg := hhttp.DefaultConfig()
	cfg.ReportFormMinTime = 500 * time.Millisecond
	s, e := servertest.New(t, cfg)
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	_, page = answer(t, b, page, "story", one("story", "They called about a virus.", "number_shown", "0906 123 4567"))
	for _, step := range []string{"started", "when", "numbers", "who", "happened", "contact"} {
		_, page = answer(t, b, page, step, url.Values{})
	}
	if stepOf(page) != "check" {
		t.Fatal("did not reach check your answers")
	}
	final := testenv.Hidden(page)
	forged := testenv.Merge(final, map[string]string{"nonce": "1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"})
	for name, form := range map[string]url.Values{"too quick": final, "forged start": forged} {
		st, again, hdr := b.Post("/report", form)
		if st != http.StatusOK || !strings.Contains(again, `id="report-notice"`) || stepOf(again) != "check" || hdr.Get("Retry-After") == "" {
			t.Errorf("%s: %d %v, want check your answers again with a notice", name, st, hdr)
		}
	}
	if list, _ := e.DB.ListReports(context.Background(), hangup.ReportFilter{}); len(list) != 0 {
		t.Fatalf("%d reports stored from sends that came too quickly", len(list))
	}
	time.Sleep(cfg.ReportFormMinTime)
	st, _, hdr := b.Post("/report", final)
	if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/r/") {
		t.Fatalf("sent after the wait: %d %v", st, hdr)
	}
}
