package numbers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/servertest"
)

type response struct {
	status int
	body   []byte
}

func get(t *testing.T, s http.Handler, path string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return response{rec.Code, rec.Body.Bytes()}
}

// TestNumberPageSaysValidOnlyWhenItIs: a number with a digit too many, or
// one of Ofcom's drama numbers, is not "valid"; countries read as in a
// sentence.
func TestNumberPageSaysValidOnlyWhenItIs(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	for _, tc := range []struct {
		number, want, code string
	}{
		{"0800 123 4567", `id="valid">No`, "number.uk.wrong_length"},
		{"020 7946 0123", `id="valid">No`, "number.uk.drama_range"},
		{"0906 123 4567", `id="valid">Yes`, "number.uk.premium_rate"},
		{"+1 212 555 1234", `This is a number in the US.`, "number.international"},
	} {
		r := get(t, s, "/numbers/"+url.PathEscape(tc.number))
		if r.status != 200 || !strings.Contains(string(r.body), tc.want) || !strings.Contains(string(r.body), `data-code="`+tc.code+`"`) {
			t.Errorf("%s: %d, want %q and %s", tc.number, r.status, tc.want, tc.code)
		}
	}
}

// TestDramaNumbersAreNeverValid: every range Ofcom keeps for TV, radio and
// film is flagged on the number page, which never says it could be real.
func TestDramaNumbersAreNeverValid(t *testing.T) {
	s, _ := servertest.New(t, hhttp.DefaultConfig())
	// Ofcom, "Telephone numbers for use in TV and radio drama".
	for _, n := range []string{"0113 496 0123", "0114 496 0999", "0115 496 0000", "0116 496 0456", "0117 496 0789",
		"0118 496 0321", "0121 496 0654", "0131 496 0987", "0141 496 0111", "0151 496 0222", "0161 496 0333",
		"0191 498 0444", "020 7946 0555", "028 9649 6666", "029 2018 0777", "01632 960888", "07700 900999",
		"08081 570123", "0909 879 0456", "03069 990789"} {
		r := get(t, s, "/numbers/"+url.PathEscape(n))
		body := string(r.body)
		if r.status != 200 || !strings.Contains(body, `data-code="number.uk.drama_range"`) || !strings.Contains(body, `id="valid">No`) {
			t.Errorf("%s: %d, not flagged as a drama number or said to be valid", n, r.status)
		}
	}
	// Just outside a range is not a drama number.
	if r := get(t, s, "/numbers/"+url.PathEscape("020 7946 1555")); strings.Contains(string(r.body), "number.uk.drama_range") {
		t.Error("020 7946 1555 flagged as a drama number")
	}
}
