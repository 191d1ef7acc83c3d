package site

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

// benchAddresses is a realistic mix: what callers say and what scam
// messages hold: genuine sites, tools, lookalikes, free sites, sentences.
var benchAddresses = []string{
	"support.microsoft.com", "anydesk.com", "micros0ft-support.com", "https://www.paypal.com/signin",
	"www.barclays.co.uk", "paypa1-secure-login.xyz", "https://microsoft.com@evil.example/fix",
	"amazon-refund-desk.top", "bit.ly/3xYz12", "fix-my-pc.weebly.com", "teamviewer.com",
	"go to any desk dot com", "quiet-harbour-bakery.co.uk", "mircosoft.com", "xn--80ak6aa92e.com",
	"https://www.google.com/search?q=refund", "apple-id-verify.com", "www.bbc.co.uk/news",
	"login-microsoftonline.com.verify-user.info", "http://203.0.113.7/login.php",
}

func BenchmarkCheck(b *testing.B) {
	c := testChecker(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.CheckSite(benchAddresses[i%len(benchAddresses)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _ = Parse(benchAddresses[i%len(benchAddresses)])
		i++
	}
}

// BenchmarkBuild10k builds a checker protecting 10,000 brands: the 10,000
// Tranco domains plus the curated list and the registry.
func BenchmarkBuild10k(b *testing.B) {
	d, err := DefaultData()
	if err != nil {
		b.Fatal(err)
	}
	tools := testChecker(b).tools
	orgs := testOrgs()
	b.ReportAllocs()
	for b.Loop() {
		c, err := New(Config{Organisations: orgs, Data: d, Tools: tools, PopularBrands: 10000})
		if err != nil {
			b.Fatal(err)
		}
		// Infrastructure names (cdn, dns, digits) are not brands: about
		// 8,000 of the 10,000 remain, with the curated list and registry.
		if len(c.brands) < 7000 {
			b.Fatalf("built %d brands, want about 8,000", len(c.brands))
		}
		b.ReportMetric(float64(len(c.brands)), "brands")
	}
}

// BenchmarkCheckEach shows the cost of each kind of address.
func BenchmarkCheckEach(b *testing.B) {
	c := testChecker(b)
	for _, a := range benchAddresses {
		b.Run(a, func(b *testing.B) {
			for b.Loop() {
				_, _ = c.CheckSite(a)
			}
		})
	}
}

// BenchmarkCheckWithFeeds is BenchmarkCheck with 200,000 listed names in
// the checker's feeds: the listing lookup is a few map probes per check.
func BenchmarkCheckWithFeeds(b *testing.B) {
	base := testChecker(b)
	names := make(listedNames, 200_000)
	for i := range 200_000 {
		names["scam"+strconv.Itoa(i)+".example"] = true
	}
	names["amazon-refund-desk.top"] = true
	c, err := New(Config{Organisations: testOrgs(), Tools: base.tools, Listings: names})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.CheckSite(benchAddresses[i%len(benchAddresses)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// listedNames is a minimal listing source: exact hosts and their parents.
type listedNames map[string]bool

func (l listedNames) SiteListings(host string) []hangup.SiteListing {
	for h := host; h != ""; {
		if l[h] {
			return []hangup.SiteListing{{Kind: hangup.ListingFeed, Source: "bench", Entry: h}}
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return nil
}
