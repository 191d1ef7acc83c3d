package site

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"anydesk.com", "go to micros0ft-support dot com", "https://microsoft.com@evil.example/x?y#z",
		"xn--80ak6aa92e.com", "http://[::1]:80/", "0x7f.1", "w w w dot bt dot com", "hxxp://a[.]b", "micrоsoft.com."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a, err := Parse(in)
		if err != nil {
			switch code := hangup.ErrorCode(err); code {
			case hangup.EINVALID, hangup.ETOOLARGE:
			default:
				t.Fatalf("Parse(%q): error code %q, want invalid or too_large: %v", in, code, err)
			}
			return
		}
		if a.Host == "" || len(a.Host) > MaxHost {
			t.Fatalf("Parse(%q): bad host %q", in, a.Host)
		}
		if !a.IP && !validASCIIHost(a.Host) {
			t.Fatalf("Parse(%q): host %q is not lower-case ASCII", in, a.Host)
		}
		if !utf8.ValidString(a.Unicode) || !strings.HasPrefix(a.URL, a.Scheme+"://") {
			t.Fatalf("Parse(%q): bad unicode %q or url %q", in, a.Unicode, a.URL)
		}
		if !a.IP && !strings.HasSuffix(a.Host, a.Domain) {
			t.Fatalf("Parse(%q): domain %q is not a suffix of host %q", in, a.Domain, a.Host)
		}
		// The normalised URL parses to the same host.
		b, err := Parse(a.URL)
		if err != nil || b.Host != a.Host {
			t.Fatalf("Parse(%q) gave URL %q, which parses to %q, %v", in, a.URL, b.Host, err)
		}
	})
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"go to micros0ft-support dot com", "anydesk.com", "support.microsoft.com",
		"microsoft.com.fix-pc.example", "paypal-login.github.io", "bit.ly/abc", "аррӏе.com", "secure-login.top/paypal/x"} {
		f.Add(s, "")
		f.Add(s, "microsoft")
	}
	c := testChecker(f)
	f.Fuzz(func(t *testing.T, in, claimed string) {
		res, err := c.CheckSiteFor(in, claimed)
		if err != nil {
			switch hangup.ErrorCode(err) {
			case hangup.EINVALID, hangup.ETOOLARGE, hangup.ENOTFOUND:
				return
			}
			t.Fatalf("CheckSiteFor(%q, %q): unexpected error %v", in, claimed, err)
		}
		if !validVerdict(res.Verdict) || res.Summary == "" || len(res.Findings) == 0 {
			t.Fatalf("CheckSiteFor(%q): incomplete result %+v", in, res)
		}
		if (res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteOfficial) && res.Brand == "" {
			t.Fatalf("CheckSiteFor(%q): verdict %q without a brand", in, res.Verdict)
		}
		if res.Verdict == hangup.SiteRemoteAccessTool && res.Tool == "" {
			t.Fatalf("CheckSiteFor(%q): remote tool verdict without a tool", in)
		}
	})
}

func validVerdict(v hangup.SiteVerdict) bool {
	for _, w := range hangup.SiteVerdicts {
		if v == w {
			return true
		}
	}
	return false
}
