package site

import (
	"slices"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
)

// testOrgs are registry organisations built directly, as the registry
// package would load them.
func testOrgs() []*hangup.Organisation {
	src := hangup.Source{URL: "https://example.org/source", Checked: "2026-01-01"}
	dom := func(ds ...string) []hangup.OrgDomain {
		var out []hangup.OrgDomain
		for _, d := range ds {
			out = append(out, hangup.OrgDomain{Domain: d, Source: src})
		}
		return out
	}
	return []*hangup.Organisation{
		{ID: "microsoft", Name: "Microsoft", Kind: hangup.KindTechnology, Domains: dom("microsoft.com", "live.com", "office.com", "windows.com"),
			Policies: []hangup.Policy{{Code: hangup.PolicyNoRemoteAccess, Text: "Microsoft will never proactively reach out to you to provide unsolicited PC or technical support", Source: hangup.Source{URL: "https://support.microsoft.com/help/4013405", Checked: "2026-01-01"}}}},
		{ID: "barclays", Name: "Barclays", Country: "GB", Kind: hangup.KindBank, Domains: dom("barclays.co.uk", "barclays.com")},
		{ID: "bt", Name: "BT", Country: "GB", Kind: hangup.KindISP, Domains: dom("bt.com")},
		{ID: "hmrc", Name: "HM Revenue & Customs", Aliases: []string{"HMRC", "the tax office"}, Country: "GB", Kind: hangup.KindGovernment, Domains: dom("www.gov.uk")},
	}
}

var (
	sharedOnce    sync.Once
	sharedChecker *Checker
	sharedErr     error
)

// testChecker returns a checker over the real shipped data and testOrgs,
// built once per test binary.
func testChecker(tb testing.TB) *Checker {
	tb.Helper()
	sharedOnce.Do(func() { sharedChecker, sharedErr = New(Config{Organisations: testOrgs()}) })
	if sharedErr != nil {
		tb.Fatalf("New: %v", sharedErr)
	}
	return sharedChecker
}

// dataWithout returns the shipped data with the named popular domains held
// out of the Tranco list, as the evaluation holds them out, and how many of
// them the list held.
func dataWithout(tb testing.TB, held ...string) (*Data, int) {
	tb.Helper()
	d, err := DefaultData()
	if err != nil {
		tb.Fatal(err)
	}
	n := len(d.Tranco)
	d.Tranco = slices.DeleteFunc(d.Tranco, func(dom string) bool { return slices.Contains(held, dom) })
	return d, n - len(d.Tranco)
}
