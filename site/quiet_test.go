package site

import (
	"testing"

	"github.com/hangup-org/hangup"
)

// A popular site that phishing hosts have not been seen copying is a quiet
// brand: another site one letter from it, or its name with a plain word, is
// most often a site of its own; a scam word, a scam-favoured ending or its
// name in front of another site still make a lookalike. Phished brands
// keep the full protection.
func TestQuietPopularBrands(t *testing.T) {
	d, held := dataWithout(t, "xiaoyi.com", "byteimg.com")
	if held != 2 {
		t.Fatalf("the shipped popular list should hold xiaoyi.com and byteimg.com, held %d", held)
	}
	if len(d.Phished) == 0 {
		t.Fatal("the shipped data has no list of phished brands")
	}
	quiet, err := New(Config{Organisations: testOrgs(), Data: d})
	if err != nil {
		t.Fatal(err)
	}
	alike := *d
	alike.Phished = nil
	loud, err := New(Config{Organisations: testOrgs(), Data: &alike})
	if err != nil {
		t.Fatal(err)
	}
	flagged := func(c *Checker, host string) bool {
		res, err := c.CheckSite(host)
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		return res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious
	}
	for _, tc := range []struct {
		host       string
		quiet      bool // flagged with the phished list
		everyBrand bool // flagged when every popular brand is protected
	}{
		{"xiaoyi.com", false, true},                 // one letter from xiaomi.com, a quiet brand
		{"byteimg.com", false, true},                // one letter from ibyteimg.com
		{"xiaomii.com", false, true},                // a plain typo of a quiet brand: the price of quiet
		{"xiaomi-verify.com", true, true},           // a scam word
		{"xiaomi.com.account-help.com", true, true}, // its name in front of another site
		{"steamcommunitc.com", true, true},          // a phished brand keeps its typos
		{"gosuslugji.ru", true, true},               // so does another
		{"microsoftt.com", true, true},              // registry organisations are never quiet
	} {
		if got := flagged(quiet, tc.host); got != tc.quiet {
			t.Errorf("%s with the phished list: flagged %v, want %v", tc.host, got, tc.quiet)
		}
		if got := flagged(loud, tc.host); got != tc.everyBrand {
			t.Errorf("%s with every popular brand protected: flagged %v, want %v", tc.host, got, tc.everyBrand)
		}
	}
}
