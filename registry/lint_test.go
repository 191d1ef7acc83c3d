package registry_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/registry"
)

// TestShippedRegistryPassesCheck is what `hangup registry check` enforces on
// the registry in the binary: every source on the organisation's own domains
// or an authority's, a call-back route for every entry, and the breadth the
// product relies on.
func TestShippedRegistryPassesCheck(t *testing.T) {
	orgs, err := registry.Seed(numbers(t))
	if err != nil {
		t.Fatal(err)
	}
	// Age against the date the facts were checked, so the test doesn't
	// start failing a year after release; staleness is tested below.
	findings, sum := registry.Lint(orgs, registry.LintOptions{Today: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)})
	for _, f := range findings {
		if f.Severity == registry.LintError {
			t.Errorf("%s %s: %s", f.Org, f.Field, f.Message)
		}
	}
	if sum.Organisations < 150 {
		t.Errorf("the shipped registry holds %d organisations, want at least 150", sum.Organisations)
	}
	if sum.WithOwnPolicy < 100 {
		t.Errorf("%d organisations have a policy of their own, want at least 100", sum.WithOwnPolicy)
	}
	if sum.WithCallBack != sum.Organisations {
		t.Errorf("%d of %d organisations have a call-back route", sum.WithCallBack, sum.Organisations)
	}
	if len(registry.ShippedAuthorities()) == 0 {
		t.Error("the shipped registry lists no authorities")
	}
}

// lintOrg is a valid entry whose facts come from its own domain.
func lintOrg(id string) *hangup.Organisation {
	src := hangup.Source{URL: "https://www." + id + ".example/contact", Checked: "2026-11-01"}
	return &hangup.Organisation{ID: id, Name: strings.ToUpper(id), Country: "GB", Kind: hangup.KindBank,
		Domains:  []hangup.OrgDomain{{Domain: id + ".example", Source: src}},
		Numbers:  []hangup.OrgNumber{{Number: "0345 734 5345", E164: "+443457345345", Role: hangup.RoleSupport, Label: "Helpline", Source: src}},
		Policies: []hangup.Policy{{Code: hangup.PolicyNoSafeAccount, Text: "We never ask you to move money.", Source: src}}}
}

func TestLintFindsEachProblem(t *testing.T) {
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	auth := []registry.Authority{{Domain: "gov.uk", Name: "GOV.UK", Kind: "government"}, {Domain: "gov", Name: "US .gov", Kind: "government"}}
	tests := []struct {
		name   string
		mutate func(o *hangup.Organisation)
		sev    string // "" means no finding
		field  string
	}{
		{"own domain", func(o *hangup.Organisation) {}, "", ""},
		{"subdomain of own domain", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "https://help.acme.example/scams" }, "", ""},
		{"authority page", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "https://www.gov.uk/guidance/x" }, "", ""},
		{"authority suffix", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "https://consumer.ftc.gov/articles/x" }, "", ""},
		{"blog", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "https://scam-advice.example/acme" }, registry.LintError, "policies[0].source.url"},
		{"brand inside another domain", func(o *hangup.Organisation) { o.Numbers[0].Source.URL = "https://acme.example.evil.example/" }, registry.LintError, "numbers[0].source.url"},
		{"malformed", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "https://acme.example/a b" }, registry.LintError, "policies[0].source.url"},
		{"plain http", func(o *hangup.Organisation) { o.Policies[0].Source.URL = "http://www.acme.example/x" }, registry.LintWarning, "policies[0].source.url"},
		{"stale", func(o *hangup.Organisation) { o.Policies[0].Source.Checked = "2025-06-01" }, registry.LintWarning, "policies[0].source.checked"},
		{"no call-back route", func(o *hangup.Organisation) { o.Numbers = nil }, registry.LintError, "numbers"},
		{"calls-out number is no call-back route", func(o *hangup.Organisation) { o.Numbers[0].Role = hangup.RoleCallsOut }, registry.LintError, "numbers"},
		{"international entry with a national number", func(o *hangup.Organisation) { o.Country = "" }, registry.LintError, "numbers[0].number"},
		{"number twice", func(o *hangup.Organisation) { o.Numbers = append(o.Numbers, o.Numbers[0]) }, registry.LintError, "numbers[1]"},
		{"contact page elsewhere", func(o *hangup.Organisation) {
			o.Contacts = []hangup.ContactRoute{{Text: "x", URL: "https://directory.example/acme", Source: o.Numbers[0].Source}}
		}, registry.LintError, "contacts[0].url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := lintOrg("acme")
			tc.mutate(o)
			findings, _ := registry.Lint([]*hangup.Organisation{o}, registry.LintOptions{Today: today, Authorities: auth})
			var got []string
			for _, f := range findings {
				got = append(got, f.Severity+" "+f.Field)
			}
			want := ""
			if tc.sev != "" {
				want = tc.sev + " " + tc.field
			}
			switch {
			case want == "" && len(got) > 0:
				t.Errorf("findings %v, want none", got)
			case want != "" && !contains(got, want):
				t.Errorf("findings %v, want %q", got, want)
			}
		})
	}
}

func TestLintRefusesOneOrganisationsPageForAnother(t *testing.T) {
	a, b := lintOrg("acme"), lintOrg("bravo")
	b.Domains = append(b.Domains, hangup.OrgDomain{Domain: "acme.example", Source: a.Numbers[0].Source})
	b.Policies[0].Source.URL = a.Policies[0].Source.URL
	findings, _ := registry.Lint([]*hangup.Organisation{a, b}, registry.LintOptions{Today: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Authorities: []registry.Authority{}})
	found := false
	for _, f := range findings {
		found = found || f.Org == "bravo" && strings.Contains(f.Message, "also cited")
	}
	if !found {
		t.Errorf("findings %+v: want bravo's use of acme's page refused", findings)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAliasClashes(t *testing.T) {
	a, b := lintOrg("acme"), lintOrg("bravo")
	a.Aliases = []string{"the tax office"}
	b.Aliases = []string{"Tax Office"}
	if err := registry.Validate([]*hangup.Organisation{a, b}, numbers(t)); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Fatalf("two GB organisations sharing \"tax office\": %v, want EINVALID", err)
	} else if f := hangup.ErrorFields(err); len(f) == 0 || !strings.Contains(f[0].Field, `"bravo".aliases`) {
		t.Errorf("fields %+v should name bravo's aliases", f)
	}
	b.Country = "US"
	b.Numbers[0].Number = "+44 345 734 5345" // a UK line of a US entry
	if err := registry.Validate([]*hangup.Organisation{a, b}, numbers(t)); err != nil {
		t.Errorf("the same alias in two countries: %v, want accepted", err)
	}
	b.Country = "" // international entries are every country's
	if err := registry.Validate([]*hangup.Organisation{a, b}, numbers(t)); err == nil {
		t.Error("an international entry sharing a GB entry's alias was accepted")
	}
}

func TestImportRefusesAnAliasAKeptOrganisationUses(t *testing.T) {
	s, _ := newService(t)
	before := len(s.Snapshot().Organisations())
	o := lintOrg("acme")
	o.Aliases = []string{"HMRC"}
	err := s.Import(t.Context(), []*hangup.Organisation{o})
	if hangup.ErrorCode(err) != hangup.EINVALID {
		t.Fatalf("import of a second \"HMRC\": %v, want EINVALID", err)
	}
	if got := len(s.Snapshot().Organisations()); got != before {
		t.Errorf("registry changed from %d to %d organisations after a refused import", before, got)
	}
	// Replacing the entry that owns the name is not a clash.
	hmrc, _ := s.Snapshot().Organisation("hmrc")
	copy := *hmrc
	copy.Description = "changed"
	if err := s.Import(t.Context(), []*hangup.Organisation{&copy}); err != nil {
		t.Errorf("replacing hmrc itself: %v", err)
	}
}

func TestImportRefusesBadFacts(t *testing.T) {
	future := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
	tests := []struct {
		name, field string
		mutate      func(o *hangup.Organisation)
	}{
		{"no source", "policies[0].source", func(o *hangup.Organisation) { o.Policies[0].Source = hangup.Source{Checked: "2026-01-01"} }},
		{"checked in the future", "numbers[0].source.checked", func(o *hangup.Organisation) { o.Numbers[0].Source.Checked = future }},
		{"not a number", "numbers[0].number", func(o *hangup.Organisation) { o.Numbers[0].Number = "0800 12" }},
		{"unknown policy", "policies[0].code", func(o *hangup.Organisation) { o.Policies[0].Code = "never_rude" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newService(t)
			before := len(s.Snapshot().Organisations())
			o := lintOrg("acme")
			tc.mutate(o)
			err := s.Import(t.Context(), []*hangup.Organisation{o})
			if hangup.ErrorCode(err) != hangup.EINVALID {
				t.Fatalf("err %v, want EINVALID", err)
			}
			want := fmt.Sprintf(`organisations[0] "acme".%s`, tc.field)
			found := false
			for _, f := range hangup.ErrorFields(err) {
				found = found || f.Field == want
			}
			if !found {
				t.Errorf("fields %+v lack %s", hangup.ErrorFields(err), want)
			}
			if got := len(s.Snapshot().Organisations()); got != before {
				t.Errorf("a refused import changed the registry")
			}
		})
	}
}

func TestNumbersAreReadAsWrittenInTheEntrysCountry(t *testing.T) {
	o := lintOrg("acme")
	o.Country = "US"
	o.Numbers[0].Number = "1-800-829-1040"
	if err := registry.Validate([]*hangup.Organisation{o}, numbers(t)); err != nil {
		t.Fatal(err)
	}
	if got := o.Numbers[0].E164; got != "+18008291040" {
		t.Errorf("a US entry's 1-800 number reads as %s, want +18008291040", got)
	}
	o = lintOrg("acme")
	o.Country = "AU"
	o.Numbers[0].Number = "13 22 21"
	if err := registry.Validate([]*hangup.Organisation{o}, numbers(t)); err != nil {
		t.Fatal(err)
	}
	if got := o.Numbers[0].E164; got != "+61132221" {
		t.Errorf("an Australian 13 number reads as %s, want +61132221", got)
	}
}

func TestDecodeFileChecksAuthorities(t *testing.T) {
	for _, body := range []string{
		`{"schema":"hangup-registry/1","authorities":[{"domain":"GOV.UK","name":"x","kind":"government"}],"organisations":[]}`,
		`{"schema":"hangup-registry/1","authorities":[{"domain":"gov.uk","name":"","kind":"government"}],"organisations":[]}`,
		`{"schema":"hangup-registry/1","authorities":[{"domain":"gov.uk","name":"x","kind":"friend"}],"organisations":[]}`,
		`{"schema":"hangup-registry/1","authorities":[{"domain":"gov.uk","name":"x","kind":"government"},{"domain":"gov.uk","name":"y","kind":"government"}],"organisations":[]}`,
	} {
		if _, err := registry.DecodeFile(strings.NewReader(body), numbers(t)); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("%s: err %v, want EINVALID", body, err)
		}
	}
}
