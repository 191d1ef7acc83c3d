package screen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// evidence is how many reporters of each kind reported one number.
type evidence struct{ anon, accounts, imports int }

// reportAs stores n reports about number from n distinct reporters whose
// keys start with prefix, each of the given weight, and refreshes the
// index.
func (w *world) reportAs(t testing.TB, number, prefix string, weight float64, n int) {
	t.Helper()
	if n == 0 {
		return
	}
	var rs []*hangup.Report
	var evs [][]hangup.Evidence
	for range n {
		w.refs++
		ref := fmt.Sprintf("HU-PROP-%05d", w.refs)
		key := fmt.Sprintf("%s%d", prefix, w.refs)
		rs = append(rs, &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "test", SourceRef: ref,
			CreatedAt: now, UpdatedAt: now, Country: "GB", NumberShown: number, NumberShownE164: number,
			ReporterKey: key, ReporterWeight: weight})
		evs = append(evs, []hangup.Evidence{{Number: number, ReporterKey: key, Weight: weight, At: now, ReportRef: ref, Source: "test"}})
	}
	if _, _, err := w.db.CreateReports(context.Background(), rs, evs); err != nil {
		t.Fatal(err)
	}
	if err := w.rep.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (w *world) give(t testing.TB, number string, ev evidence) {
	t.Helper()
	w.reportAs(t, number, hangup.AnonymousReporterPrefix, 0.5, ev.anon)
	w.reportAs(t, number, "user:", 1, ev.accounts)
	w.reportAs(t, number, "ftc-dnc:", 0.5, ev.imports)
}

// verifiedNumbers adds n organisations to the world's registry, each with
// one support line in IMEX's (allocated) number block, and returns the
// lines.
func verifiedNumbers(t testing.TB, n int, worlds ...*world) []string {
	t.Helper()
	var orgs []*hangup.Organisation
	var out []string
	for i := range n {
		national := fmt.Sprintf("01793 7818%02d", 10+i)
		orgs = append(orgs, &hangup.Organisation{ID: fmt.Sprintf("acme-test-%d", i), Name: fmt.Sprintf("Acme Test %d", i),
			Kind: hangup.KindBank, Country: "GB", Numbers: []hangup.OrgNumber{{Number: national, Role: hangup.RoleSupport, Label: "Help",
				Source: hangup.Source{URL: "https://acme.example/contact", Checked: "2026-11-28"}}}})
		out = append(out, "+441793"+strings.ReplaceAll(national[6:], " ", ""))
	}
	for _, w := range worlds {
		if err := w.reg.Import(context.Background(), orgs); err != nil {
			t.Fatal(err)
		}
	}
	for _, num := range out {
		if ref, ok := worlds[0].engine.Snapshot().orgs[mustKey(t, num)]; !ok || !ref.verified {
			t.Fatalf("%s is not a verified registry number", num)
		}
	}
	return out
}

func mustKey(t testing.TB, e164 string) uint64 {
	t.Helper()
	var k uint64
	if _, err := fmt.Sscanf(e164, "+%d", &k); err != nil {
		t.Fatal(err)
	}
	return k
}

// profiles are the evidence the property tests give numbers: none, a
// little, anonymous floods, accounts, imports and mixtures past every
// threshold.
var profiles = []evidence{
	{0, 0, 0}, {1, 0, 0}, {8, 0, 0}, {45, 0, 0}, {300, 0, 0},
	{0, 3, 0}, {0, 20, 0}, {0, 60, 0}, {0, 0, 45}, {200, 20, 40}, {45, 4, 0},
}

// TestReputationNeverBlocksAVerifiedNumber is the rule of docs/security.md
// as a property over the decision engine's inputs: for a number the
// registry publishes for a named organisation, with any reputation
// evidence (anonymous, accounts, imports, any amount), any attestation
// (none, passed A/B/C, failed here or upstream, garbage), any origin and
// any customer policy, the call is blocked only if it is blocked as well
// with no evidence and no attestation at all: reports and a failed
// attestation, alone or together, never block it. When the reports say
// the number is being faked, the call is labelled with the organisation's
// name and the warning, which says how to call back.
func TestReputationNeverBlocksAVerifiedNumber(t *testing.T) {
	s := newSigner(t)
	w := newWorld(t, Config{Verifier: s.verifier})
	clean := newWorld(t, Config{Verifier: s.verifier}) // the same registry, no reports
	numbers := verifiedNumbers(t, len(profiles), w, clean)
	for i, n := range numbers {
		w.give(t, n, profiles[i])
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 12))
	t.Logf("seed %d", seed)
	ctx := context.Background()
	blocks, spoofs := 0, 0
	for range 4000 {
		i := rng.IntN(len(numbers))
		req, pol := randomCall(rng, s, numbers[i])
		d, err := w.engine.Screen(ctx, req, pol)
		if err != nil {
			t.Fatal(err)
		}
		base := req
		base.Identity, base.Verstat = nil, ""
		b, err := clean.engine.Screen(ctx, base, pol)
		if err != nil {
			t.Fatal(err)
		}
		if d.Action == hangup.ActionBlock {
			blocks++
			if b.Action != hangup.ActionBlock {
				t.Fatalf("seed %d: %s with evidence %+v, %+v, policy %+v: blocked (score %d, %v), but %s without reports or attestation",
					seed, numbers[i], profiles[i], req, pol.Policy(), d.Score, codes(d), b.Action)
			}
		}
		if r, ok := reason(d, CodeReputationSpoofed); ok && r.Severity != hangup.SeverityInfo && d.Action != hangup.ActionBlock {
			spoofs++
			if !strings.HasSuffix(d.Label, "(often faked)") {
				t.Fatalf("seed %d: %s spoofed, labelled %q, want the organisation's name and (often faked)", seed, numbers[i], d.Label)
			}
			if !strings.Contains(r.Message, "call back on") {
				t.Fatalf("seed %d: the spoofing reason %q doesn't say what number to call back on", seed, r.Message)
			}
		}
		// A failed attestation on a verified number without reports is a
		// warning at most.
		if profiles[i] == (evidence{}) && d.Verstat == "TN-Validation-Failed" && d.Action == hangup.ActionBlock && b.Action != hangup.ActionBlock {
			t.Fatalf("seed %d: a failed attestation blocked %s", seed, numbers[i])
		}
	}
	if blocks == 0 || spoofs == 0 {
		t.Errorf("the inputs never blocked (%d) or never flagged spoofing (%d): the property was not exercised", blocks, spoofs)
	}
	t.Logf("4,000 calls: %d blocked by other layers, %d labelled as faked", blocks, spoofs)
}

// TestAnonymousReportsNeverBlock: for any number, anonymous evidence alone
// (any number of networks) never turns a call that would not be blocked
// into a block, whatever else the call carries.
func TestAnonymousReportsNeverBlock(t *testing.T) {
	s := newSigner(t)
	w := newWorld(t, Config{Verifier: s.verifier})
	clean := newWorld(t, Config{Verifier: s.verifier})
	numbers := []string{telMobile, telLandline, telUS, "+447400999001", "+442079460123"}
	for i, n := range numbers {
		w.give(t, n, evidence{anon: []int{0, 8, 50, 300, 1000}[i]})
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 13))
	t.Logf("seed %d", seed)
	warned := 0
	for range 3000 {
		i := rng.IntN(len(numbers))
		req, pol := randomCall(rng, s, numbers[i])
		d, _ := w.engine.Screen(context.Background(), req, pol)
		b, _ := clean.engine.Screen(context.Background(), req, pol)
		if d.Action == hangup.ActionBlock && b.Action != hangup.ActionBlock {
			t.Fatalf("seed %d: anonymous reports blocked %s (%+v, policy %+v; %d %v), %s without them",
				seed, numbers[i], req, pol.Policy(), d.Score, codes(d), b.Action)
		}
		if hasCode(d, CodeReputationSuspect) {
			warned++
		}
		if hasCode(d, CodeReputationScam) {
			t.Fatalf("seed %d: anonymous reports alone made %s a scam number", seed, numbers[i])
		}
	}
	if warned == 0 {
		t.Error("anonymous reports never made a number suspected: the property was not exercised")
	}
}

// randomCall draws a call from caller: its form, destination, origin,
// attestation and the customer's policy.
func randomCall(rng *rand.Rand, s *signer, caller string) (hangup.ScreenRequest, *Customer) {
	forms := []string{caller, "tel:" + caller, "<sip:" + caller + "@carrier.example;user=phone>"}
	if strings.HasPrefix(caller, "+44") {
		forms = append(forms, "0"+caller[3:])
	}
	to := []string{telLandline, telMobile}[rng.IntN(2)]
	req := hangup.ScreenRequest{From: forms[rng.IntN(len(forms))], To: to, International: rng.IntN(4) == 0}
	switch rng.IntN(9) {
	case 0:
		req.Verstat = "TN-Validation-Failed"
	case 1:
		req.Verstat = "TN-Validation-Passed-" + []string{"A", "B", "C"}[rng.IntN(3)]
	case 2:
		req.Verstat = "No-TN-Validation"
	case 3:
		req.Verstat = "nonsense"
	case 4:
		req.Identity = []string{s.identity(caller, to, []string{"A", "B", "C"}[rng.IntN(3)], now)}
	case 5:
		req.Identity = []string{tamper(s.identity(caller, to, "A", now))}
	case 6:
		req.Identity = []string{"garbage;info=<" + testX5U + ">"}
	}
	var pol *Customer
	if rng.IntN(2) == 0 {
		label := 1 + rng.IntN(60)
		warn := label + rng.IntN(50)
		block := min(warn+rng.IntN(60), 101)
		pol = NewCustomer(&hangup.APIKey{Name: "random", Policy: hangup.ScreenPolicy{LabelAt: label, WarnAt: warn, BlockAt: block}})
	}
	return req, pol
}

func hasCode(d *hangup.Decision, code string) bool {
	_, ok := reason(d, code)
	return ok
}

func reason(d *hangup.Decision, code string) (hangup.Reason, bool) {
	for _, r := range d.Reasons {
		if r.Code == code {
			return r, true
		}
	}
	return hangup.Reason{}, false
}
