package http

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
)

// FuzzDecodeCheck feeds arbitrary bodies to the check request decoder and
// validator: every body is either a valid request or a clear error.
func FuzzDecodeCheck(f *testing.F) {
	for _, s := range []string{`{"number":"0906 123 4567","claims":"Microsoft","unsolicited":true,"asked":["install"]}`,
		`{}`, `[]`, `{"asked":[1]}`, `{"notes":"\u0000"}`, `{"number":`, "\xff", `{"a":1}{"b":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req hangup.CheckRequest
		err := decodeJSONBytes(body, &req)
		if err == nil {
			err = check.Validate(&req)
		}
		if err != nil && hangup.ErrorMessage(err) == "" {
			t.Fatalf("error without a message: %v", err)
		}
		if err != nil && hangup.ErrorCode(err) == hangup.EINTERNAL {
			t.Fatalf("bad input gave an internal error: %v", err)
		}
	})
}

// FuzzReportForm posts arbitrary form bodies through the report form's
// decoding and validation: never a panic, never an internal error.
func FuzzReportForm(f *testing.F) {
	for _, s := range []string{"step=1&story=hi&number_shown=0906+123+4567", "step=2&happened=paid&amount=%C2%A3250",
		"step=3&contact_email=a%40b.example&consent=yes", "step=3&happened=abducted", "%zz", "step=9&occurred_at=2999-01-01"} {
		f.Add(s)
	}
	s := newTestServer(f, DefaultConfig())
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/report", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return // the handler answers this with a form error
		}
		form := readReportForm(r)
		for step := 1; step <= 3; step++ {
			err := s.deps.Reports.Validate(form.input(step))
			if err != nil && (hangup.ErrorCode(err) == hangup.EINTERNAL || hangup.ErrorMessage(err) == "") {
				t.Fatalf("step %d: %v", step, err)
			}
		}
		_ = url.Values(r.PostForm)
	})
}
