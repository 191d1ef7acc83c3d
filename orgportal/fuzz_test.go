package orgportal

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"golang.org/x/net/publicsuffix"
)

// FuzzCheckDomain: any input gives either a clear input error or a
// lower-case ASCII domain that is not a public suffix, never a panic; the
// answer is stable when checked again.
func FuzzCheckDomain(f *testing.F) {
	for _, s := range []string{"imex.example", "IMEX.Example.", "co.uk", "x.github.io", "gmail.com", "bücher.example",
		"xn--bcher-kva.example", "a..b", ".", "", "-x-.com", strings.Repeat("a.", 200), "evil.com/path", "user@host", "[::1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := CheckDomain("domain", in)
		if err != nil {
			if hangup.ErrorCode(err) != hangup.EINVALID || len(hangup.ErrorFields(err)) != 1 {
				t.Fatalf("CheckDomain(%q): %v", in, err)
			}
			return
		}
		if d != strings.ToLower(d) || strings.ContainsAny(d, " /@:") || !strings.Contains(d, ".") {
			t.Fatalf("CheckDomain(%q) = %q", in, d)
		}
		if s, _ := publicsuffix.PublicSuffix(d); s == d {
			t.Fatalf("CheckDomain(%q) = %q, a public suffix", in, d)
		}
		if again, err := CheckDomain("domain", d); err != nil || again != d {
			t.Fatalf("CheckDomain(%q) = %q, then %q %v", in, d, again, err)
		}
	})
}

// FuzzChallengeDomain: reading a challenge value never panics and finds a
// domain only in values of the challenge form.
func FuzzChallengeDomain(f *testing.F) {
	f.Add(newChallenge("imex.example"))
	f.Add("hangup-challenge=:x")
	f.Add("v=spf1 -all")
	f.Fuzz(func(t *testing.T, v string) {
		if d, ok := challengeDomain(v); ok && (d == "" || !strings.HasPrefix(v, challengeTag+d+":")) {
			t.Fatalf("challengeDomain(%q) = %q", v, d)
		}
	})
}
