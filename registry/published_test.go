package registry

import (
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// TestOverlayPublishedWins: a verified published number wins over the
// imported registry, even under another entry; declared facts, and facts
// of an organisation with no standing claim, change nothing; the conflict
// is named.
func TestOverlayPublishedWins(t *testing.T) {
	src := hangup.Source{URL: "https://example.org/", Checked: "2026-01-01"}
	orgs := []*hangup.Organisation{
		{ID: "alpha", Name: "Alpha", Kind: hangup.KindBank, Numbers: []hangup.OrgNumber{{Number: "0113 123 0001", E164: "+441131230001", Role: hangup.RoleSupport, CallBack: true, Source: src}}},
		{ID: "beta", Name: "Beta", Kind: hangup.KindBank, Numbers: []hangup.OrgNumber{{Number: "0113 123 0002", E164: "+441131230002", Role: hangup.RoleSupport, Source: src}}},
	}
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	claims := []*hangup.OrgClaim{{OrganisationID: "alpha", Domain: "alpha.example", Status: hangup.ClaimVerified, VerifiedAt: &at}}
	facts := []*hangup.OrgFact{
		{ID: 1, OrganisationID: "alpha", Kind: hangup.FactNumber, Value: "+441131230002", Number: "0113 123 0002", Role: hangup.RoleReceivesOnly, Text: "Fraud line", CallBack: true, Status: hangup.FactVerified, VerifiedAt: &at},
		{ID: 2, OrganisationID: "alpha", Kind: hangup.FactNumber, Value: "+441131230003", Role: hangup.RoleCallsOut, Status: hangup.FactDeclared},
		{ID: 3, OrganisationID: "beta", Kind: hangup.FactNumber, Value: "+441131230004", Role: hangup.RoleCallsOut, Status: hangup.FactVerified, VerifiedAt: &at},
	}
	s := newPublishedSnapshot(orgs, facts, claims)
	o, n, ok := s.OrganisationByNumber("+441131230002")
	if !ok || o.ID != "alpha" || n.Role != hangup.RoleReceivesOnly || n.Source.Type != hangup.SourceOrganisation {
		t.Errorf("published number: %v %+v", o, n)
	}
	if b, _ := s.Organisation("beta"); len(b.Numbers) != 0 {
		t.Errorf("beta still lists the number: %+v", b.Numbers)
	}
	a, _ := s.Organisation("alpha")
	if a.Numbers[0].CallBack || !a.Numbers[1].CallBack || a.Publisher == nil || a.Publisher.Domain != "alpha.example" {
		t.Errorf("alpha: %+v publisher %+v", a.Numbers, a.Publisher)
	}
	for _, e := range []string{"+441131230003", "+441131230004"} {
		if _, _, ok := s.OrganisationByNumber(e); ok {
			t.Errorf("%s counts", e)
		}
	}
	// The imported entries are untouched.
	if orgs[1].Numbers[0].E164 != "+441131230002" || !orgs[0].Numbers[0].CallBack || len(s.Imported()[1].Numbers) != 1 {
		t.Error("the overlay changed the imported entries")
	}
	c := Conflicts(orgs, facts)
	if len(c) != 1 || c[0].Organisation != "beta" || c[0].Fact != 1 || !strings.Contains(c[0].Message, "published fact wins") {
		t.Errorf("conflicts: %+v", c)
	}
}
