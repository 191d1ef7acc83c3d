package testenv

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var stepRE = regexp.MustCompile(`<input type="hidden" name="step" value="([a-z]+)">`)

// ReportStep is the report form page a response shows, or "".
func ReportStep(page string) string {
	if m := stepRE.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// AnswerReport posts one page of the report form as b, as a person
// pressing Continue after typing answers: the page must be want, and the
// next one comes back.
func AnswerReport(t *testing.T, b *Browser, page, want string, answers url.Values) (int, string) {
	t.Helper()
	if got := ReportStep(page); got != want {
		t.Fatalf("the form is on %q, want %q:\n%s", got, want, page)
	}
	form := Hidden(page)
	for k, v := range answers {
		form[k] = v
	}
	if form.Get("action") == "" && form.Get("goto") == "" {
		form.Set("action", "next")
	}
	st, next, _ := b.Post("/report", form)
	return st, next
}

// Values are form values from key, value pairs; a key may repeat.
func Values(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// FileReport goes through every page of the report form as b and returns
// the tracking path it lands on.
func FileReport(t *testing.T, b *Browser, story string) string {
	t.Helper()
	_, page, _ := b.Get("/report")
	for _, p := range []struct {
		step    string
		answers url.Values
	}{
		{"story", Values("story", story)},
		{"started", Values("started", "they_called")},
		{"when", Values("when", "today", "time", "14:05")},
		{"numbers", Values("number_shown", "0906 123 4567", "callback_number", "")},
		{"who", Values("claimed_organisation", "Microsoft")},
		{"happened", Values("happened", "install", "happened", "remote_access", "happened", "payment", "software", "AnyDesk")},
		{"payment", Values("amount", "£150", "payment_method", "gift cards")},
		{"contact", Values()},
	} {
		var st int
		if st, page = AnswerReport(t, b, page, p.step, p.answers); st != 200 {
			t.Fatalf("%s → %d:\n%s", p.step, st, page)
		}
	}
	if ReportStep(page) != "check" {
		t.Fatalf("after the last question the form is on %q, want check", ReportStep(page))
	}
	status, _, hdr := b.Post("/report", Hidden(page))
	if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/r/") {
		t.Fatalf("send → %d %v", status, hdr)
	}
	return hdr.Get("Location")
}
