package reportform

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// FuzzReportForm posts arbitrary form bodies through the report form's
// decoding and validation: never a panic, never an internal error.
func FuzzReportForm(f *testing.F) {
	for _, s := range []string{"step=story&story=hi&number_shown=0906+123+4567", "step=happened&happened=paid&amount=%C2%A3250",
		"step=contact&contact_email=a%40b.example&consent=yes", "step=check&happened=abducted", "%zz", "step=when&when=other&day=31&month=2&year=2026&time=25:00",
		"step=check&goto=payment&filled=amount,,x&story_key=zz"} {
		f.Add(s)
	}
	reports := testenv.New(f).Reports
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/report", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return // the handler answers this with a form error
		}
		form := readReportForm(r)
		err := reports.Validate(form.input())
		if err != nil && (hangup.ErrorCode(err) == hangup.EINTERNAL || hangup.ErrorMessage(err) == "") {
			t.Fatalf("validate: %v", err)
		}
		for _, st := range reportSteps {
			for _, p := range stepProblems(err, st.Name, form) {
				if p.Message == "" {
					t.Fatalf("step %s: a problem without words", st.Name)
				}
			}
			form.hidden(st.Name)
		}
		if rows := review(form); len(rows) < 8 {
			t.Fatalf("check your answers has %d rows", len(rows))
		}
		_ = url.Values(r.PostForm)
	})
}
