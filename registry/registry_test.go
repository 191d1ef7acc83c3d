package registry_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/sqlite"
)

func numbers(tb testing.TB) *phone.Intel {
	tb.Helper()
	p, err := phone.New(phone.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func newService(t *testing.T) (*registry.Service, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "reg.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := registry.NewService(context.Background(), db, numbers(t), true)
	if err != nil {
		t.Fatal(err)
	}
	return s, db
}

func TestSeed(t *testing.T) {
	orgs, err := registry.Seed(numbers(t))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*hangup.Organisation{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	for _, id := range []string{"imex", "microsoft", "stop-scams-159", "uk-report-fraud", "us-ftc", "us-ic3"} {
		if byID[id] == nil {
			t.Errorf("seed lacks %q", id)
		}
	}
	imex := byID["imex"]
	if imex == nil || len(imex.Numbers) == 0 || imex.Numbers[0].E164 != "+441793781800" {
		t.Fatalf("IMEX number not filled in: %+v", imex)
	}
	if _, ok := imex.HasPolicy(hangup.PolicyNoPremiumRate); !ok {
		t.Error("IMEX lacks its no-premium-rate policy")
	}
	if _, ok := byID["microsoft"].HasPolicy(hangup.PolicyNoUnsolicitedCalls); !ok {
		t.Error("Microsoft lacks its no-unsolicited-calls policy")
	}
}

func TestDecodeErrorsNameEntryAndField(t *testing.T) {
	tests := []struct {
		name, file, field string
	}{
		{"bad kind", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"pirate"}]}`, `organisations[0] "x".kind`},
		{"no source", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","policies":[{"code":"no_safe_account","text":"t","source":{"checked":"2026-01-01"}}]}]}`, `organisations[0] "x".policies[0].source`},
		{"bad date", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","domains":[{"domain":"x.example","source":{"url":"https://x.example","checked":"01/01/2026"}}]}]}`, `organisations[0] "x".domains[0].source.checked`},
		{"future date", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","domains":[{"domain":"x.example","source":{"url":"https://x.example","checked":"2999-01-01"}}]}]}`, `organisations[0] "x".domains[0].source.checked`},
		{"bad number", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","numbers":[{"number":"not a number","role":"support","source":{"url":"https://x.example","checked":"2026-01-01"}}]}]}`, `organisations[0] "x".numbers[0].number`},
		{"bad role", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","numbers":[{"number":"01793 781800","role":"pirate","source":{"url":"https://x.example","checked":"2026-01-01"}}]}]}`, `organisations[0] "x".numbers[0].role`},
		{"duplicate id", `{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank"},{"id":"x","name":"Y","kind":"bank"}]}`, `organisations[1] "x".id`},
		{"bad id", `{"schema":"hangup-registry/1","organisations":[{"id":"Has Spaces","name":"X","kind":"bank"}]}`, `organisations[0] "Has Spaces".id`},
		{"wrong schema", `{"schema":"other","organisations":[]}`, `schema`},
		{"wrong type", `{"schema":"hangup-registry/1","organisations":[{"id":1}]}`, `organisations.id`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := registry.Decode(strings.NewReader(tc.file), numbers(t))
			if hangup.ErrorCode(err) != hangup.EINVALID {
				t.Fatalf("Decode err = %v, want EINVALID", err)
			}
			found := false
			for _, f := range hangup.ErrorFields(err) {
				found = found || f.Field == tc.field
			}
			if !found {
				t.Errorf("fields %+v do not name %q", hangup.ErrorFields(err), tc.field)
			}
		})
	}
	for name, file := range map[string]string{
		"not json": "hello", "empty": "", "trailing": `{"schema":"hangup-registry/1","organisations":[]} {}`,
		"unknown field": `{"schema":"hangup-registry/1","organisations":[],"extra":1}`, "invalid utf8": "{\"schema\":\"\xff\"}",
	} {
		if _, err := registry.Decode(strings.NewReader(file), numbers(t)); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	orgs, err := registry.Seed(numbers(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := registry.Encode(&b, orgs); err != nil {
		t.Fatal(err)
	}
	again, err := registry.Decode(strings.NewReader(b.String()), numbers(t))
	if err != nil {
		t.Fatalf("decoding the export: %v", err)
	}
	if len(again) != len(orgs) {
		t.Errorf("round trip: %d organisations, want %d", len(again), len(orgs))
	}
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, db := newService(t)
	before, _ := db.ListOrganisations(ctx)
	good := &hangup.Organisation{ID: "newco", Name: "NewCo", Kind: hangup.KindISP}
	bad := &hangup.Organisation{ID: "broken", Name: "", Kind: hangup.KindISP}
	if err := s.Import(ctx, []*hangup.Organisation{good, bad}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Fatalf("Import with a bad entry: err = %v, want EINVALID", err)
	}
	after, _ := db.ListOrganisations(ctx)
	if len(after) != len(before) {
		t.Errorf("a failed import changed the store: %d → %d organisations", len(before), len(after))
	}
	if m := s.MatchOrganisation("NewCo", "GB"); m.Kind != hangup.MatchUnknown {
		t.Errorf("a failed import reached the matcher: %+v", m)
	}
	swapped := 0
	s.OnSwap(func(*registry.Snapshot) { swapped++ })
	if err := s.Import(ctx, []*hangup.Organisation{good}); err != nil {
		t.Fatal(err)
	}
	if m := s.MatchOrganisation("newco", "GB"); m.Organisation == nil || m.Organisation.ID != "newco" {
		t.Errorf("after import, MatchOrganisation(newco) = %+v", m)
	}
	if swapped != 1 {
		t.Errorf("OnSwap ran %d times, want 1", swapped)
	}
}

func TestMatchOrganisation(t *testing.T) {
	s, _ := newService(t)
	tests := []struct {
		claim string
		kind  hangup.MatchKind
		id    string
		cat   hangup.OrgKind
	}{
		{"Microsoft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"microsoft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"  MICROSOFT  ", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Microsoft support team", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Windows technical department", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"windows tech support", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Micro-soft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"micro soft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Mircosoft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Microsft", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Ｍｉｃｒｏｓｏｆｔ", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"IMEX", hangup.MatchOrganisation, "imex", hangup.KindITServices},
		{"Imex IT support", hangup.MatchOrganisation, "imex", hangup.KindITServices},
		{"the bank", hangup.MatchCategory, "uk-banks", hangup.KindBank},
		{"my bank's fraud department", hangup.MatchCategory, "uk-banks", hangup.KindBank},
		{"Barclays", hangup.MatchOrganisation, "barclays", hangup.KindBank},
		{"your internet provider", hangup.MatchCategory, "", hangup.KindISP},
		{"BT", hangup.MatchOrganisation, "bt", hangup.KindISP},
		{"BT Openreach", hangup.MatchOrganisation, "bt", hangup.KindISP},
		{"HMRC", hangup.MatchOrganisation, "hmrc", hangup.KindGovernment},
		{"Her Majesty's Revenue", hangup.MatchOrganisation, "hmrc", hangup.KindGovernment},
		{"the tax office", hangup.MatchOrganisation, "hmrc", hangup.KindGovernment},
		{"Amazon", hangup.MatchOrganisation, "amazon", hangup.KindRetail},
		{"Amazon Prime", hangup.MatchOrganisation, "amazon", hangup.KindRetail},
		{"the Amazon security team", hangup.MatchOrganisation, "amazon", hangup.KindRetail},
		{"Windows Defender", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"Apple iCloud support", hangup.MatchOrganisation, "apple", hangup.KindTechnology},
		{"the fraud department of my bank", hangup.MatchCategory, "uk-banks", hangup.KindBank},
		{"the police", hangup.MatchCategory, "uk-police", hangup.KindPolice},
		{"DWP", hangup.MatchOrganisation, "dwp", hangup.KindGovernment},
		{"your IT company", hangup.MatchCategory, "", hangup.KindITServices},
		{"Microsoft, on behalf of your internet provider", hangup.MatchOrganisation, "microsoft", hangup.KindTechnology},
		{"", hangup.MatchUnknown, "", ""},
		{"!!!", hangup.MatchUnknown, "", ""},
		{"Acme Widgets", hangup.MatchUnknown, "", ""},
		{"window cleaner", hangup.MatchUnknown, "", ""},
		{strings.Repeat("x", 5000), hangup.MatchUnknown, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.claim[:min(len(tc.claim), 40)], func(t *testing.T) {
			m := s.MatchOrganisation(tc.claim, "GB")
			id := ""
			if m.Organisation != nil {
				id = m.Organisation.ID
			}
			if m.Kind != tc.kind || id != tc.id || m.Category != tc.cat {
				t.Errorf("MatchOrganisation(%q) = %s %q %s, want %s %q %s", tc.claim, m.Kind, id, m.Category, tc.kind, tc.id, tc.cat)
			}
			if m.Kind != hangup.MatchUnknown && (m.Score <= 0 || m.Score > 1) {
				t.Errorf("score %v out of (0,1]", m.Score)
			}
		})
	}
}

func TestLookups(t *testing.T) {
	s, _ := newService(t)
	snap := s.Snapshot()
	if o, n, ok := snap.OrganisationByNumber("+441793781800"); !ok || o.ID != "imex" || n.Role != hangup.RoleSupport {
		t.Errorf("OrganisationByNumber(IMEX) = %v %+v %v", o, n, ok)
	}
	if o, _, ok := snap.OrganisationByNumber("159"); !ok || o.ID != "stop-scams-159" {
		t.Errorf("OrganisationByNumber(159) = %v %v, want the named 159 entry over the generic bank entry", o, ok)
	}
	if o, ok := snap.OrganisationByDomain("support.microsoft.com"); !ok || o.ID != "microsoft" {
		t.Errorf("OrganisationByDomain(support.microsoft.com) = %v %v", o, ok)
	}
	if _, ok := snap.OrganisationByDomain("microsoft.com.evil.example"); ok {
		t.Error("OrganisationByDomain matched a brand inside an unrelated domain")
	}
	if got := snap.Search("micro", 10); len(got) == 0 || got[0].ID != "microsoft" {
		t.Errorf("Search(micro) = %v", got)
	}
}

func FuzzMatchOrganisation(f *testing.F) {
	for _, s := range []string{"Microsoft", "Windows technical department", "the bank", "micro soft", "Ｍｉｃｒｏ", "\xff\xfe", "a&b", ""} {
		f.Add(s)
	}
	orgs, err := registry.Seed(numbers(f))
	if err != nil {
		f.Fatal(err)
	}
	snap := registry.NewSnapshot(orgs)
	f.Fuzz(func(t *testing.T, claim string) {
		m := snap.MatchOrganisation(claim, "GB")
		if m.Kind == hangup.MatchOrganisation && m.Organisation == nil {
			t.Fatalf("MatchOrganisation(%q) says organisation but has none", claim)
		}
	})
}

func BenchmarkMatchOrganisation(b *testing.B) {
	orgs, err := registry.Seed(numbers(b))
	if err != nil {
		b.Fatal(err)
	}
	snap := registry.NewSnapshot(orgs)
	claims := []string{"Microsoft", "Windows technical department", "the bank", "Mircosoft support", "your internet provider", "Acme Widgets"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = snap.MatchOrganisation(claims[i%len(claims)], "GB")
	}
}

// FuzzDecode feeds arbitrary files to the registry decoder: a valid
// registry or an EINVALID/ETOOLARGE error, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add(`{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank"}]}`)
	f.Add(`{"schema":"hangup-registry/1","organisations":[{"id":"x","name":"X","kind":"bank","numbers":[{"number":"0906","role":"support","source":{"url":"https://x.example","checked":"2026-01-01"}}]}]}`)
	f.Add(`{"schema":"hangup-registry/1","organisations":[null]}`)
	f.Add("\xff")
	p := numbers(f)
	f.Fuzz(func(t *testing.T, body string) {
		orgs, err := registry.Decode(strings.NewReader(body), p)
		if err != nil {
			if c := hangup.ErrorCode(err); c != hangup.EINVALID && c != hangup.ETOOLARGE {
				t.Fatalf("error code %s: %v", c, err)
			}
			return
		}
		for _, o := range orgs {
			if o == nil || o.ID == "" || o.Name == "" {
				t.Fatalf("decoded an invalid organisation %+v", o)
			}
		}
	})
}

func TestClaimsResolvedByRegion(t *testing.T) {
	s, _ := newService(t)
	tests := []struct {
		claim, region string
		kind          hangup.MatchKind
		id            string
		note          bool
	}{
		{"the tax office", "GB", hangup.MatchOrganisation, "hmrc", true},
		{"the tax office", "US", hangup.MatchOrganisation, "irs", true},
		{"the tax office", "IE", hangup.MatchOrganisation, "revenue-ie", true},
		{"the tax office", "FR", hangup.MatchCategory, "", true}, // several countries', none France's
		{"social security", "US", hangup.MatchOrganisation, "ssa", false},
		{"PayPal", "GB", hangup.MatchOrganisation, "paypal", false},
		{"PayPal", "US", hangup.MatchOrganisation, "paypal", false},
		{"my bank", "GB", hangup.MatchCategory, "uk-banks", false},
		{"HMRC", "US", hangup.MatchOrganisation, "hmrc", false}, // a name, not a kind: the country doesn't change it
	}
	for _, tc := range tests {
		t.Run(tc.claim+"/"+tc.region, func(t *testing.T) {
			m := s.MatchOrganisation(tc.claim, tc.region)
			id := ""
			if m.Organisation != nil {
				id = m.Organisation.ID
			}
			if m.Kind != tc.kind || id != tc.id {
				t.Errorf("got %s %q, want %s %q (note %q)", m.Kind, id, tc.kind, tc.id, m.Note)
			}
			if (m.Note != "") != tc.note {
				t.Errorf("note %q, want one: %v", m.Note, tc.note)
			}
			if tc.note && len(m.Others) == 0 {
				t.Errorf("an ambiguous claim names no other organisations")
			}
		})
	}
	if m := s.MatchOrganisation("PayPal", "GB"); m.Category == hangup.KindBank {
		t.Errorf("PayPal matched as a bank: %+v", m)
	}
}

func TestKindPoliciesSpeakForSilentOrganisations(t *testing.T) {
	s, _ := newService(t)
	ids := func(orgs []*hangup.Organisation) []string {
		var out []string
		for _, o := range orgs {
			out = append(out, o.ID)
		}
		return out
	}
	if got := ids(s.KindPolicies(hangup.KindBank, "GB")); len(got) < 2 || got[0] != "uk-banks" || got[len(got)-1] != "uk-any-organisation" {
		t.Errorf("KindPolicies(bank, GB) = %v, want uk-banks first and uk-any-organisation last", got)
	}
	if got := ids(s.KindPolicies(hangup.KindSecurity, "US")); !slicesContains(got, "tech-companies") || !slicesContains(got, "us-any-organisation") {
		t.Errorf("KindPolicies(security, US) = %v, want the tech companies' and any US organisation's", got)
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
