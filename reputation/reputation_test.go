package reputation_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/sqlite"
)

var t0 = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

type fixture struct {
	db  *sqlite.DB
	svc *reputation.Service
	now time.Time
	n   int
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "rep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, now: t0}
	f.svc = reputation.New(reputation.DefaultConfig(), db)
	f.svc.SetClock(func() time.Time { return f.now })
	if err := f.svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f
}

// report stores one report of a scam call from number by reporter, the way
// the report service does, and refreshes the index.
func (f *fixture) report(t testing.TB, number, reporter string, weight float64) string {
	t.Helper()
	f.n++
	ref := fmt.Sprintf("HU-TEST-%04d", f.n)
	r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: f.now, UpdatedAt: f.now, NumberShownE164: number}
	ev := []hangup.Evidence{{Number: number, ReporterKey: reporter, Weight: weight, At: f.now, ReportRef: ref, Source: "web", Category: "tech_support"}}
	if err := f.db.CreateReport(context.Background(), r, nil, []byte(ref), ev); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ref
}

const scamNumber = "+449061234567"

func TestOneReporterCannotBlacklist(t *testing.T) {
	once, many := newFixture(t), newFixture(t)
	once.report(t, scamNumber, "anon:mallory", 0.5)
	for range 500 {
		many.report(t, scamNumber, "anon:mallory", 0.5)
	}
	a, b := once.svc.Lookup(scamNumber), many.svc.Lookup(scamNumber)
	if b.Confidence > a.Confidence || b.ScamEvidence > a.ScamEvidence || b.Reports != a.Reports {
		t.Errorf("500 reports from one reporter: %+v; one report: %+v", b, a)
	}
	if b.Verdict == hangup.RepScam || b.Verdict == hangup.RepSuspected {
		t.Errorf("one reporter listed the number as %s", b.Verdict)
	}
	// Accounts weigh more but the same rule holds.
	acct := newFixture(t)
	for range 500 {
		acct.report(t, scamNumber, "user:7", 1)
	}
	if r := acct.svc.Lookup(scamNumber); r.Verdict != hangup.RepUnknown || r.Reports != 1 {
		t.Errorf("500 reports from one account: %+v", r)
	}
}

func TestDistinctReportersMoveIt(t *testing.T) {
	f := newFixture(t)
	var prev float64
	for i := range 20 {
		f.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1)
		r := f.svc.Lookup(scamNumber)
		if r.Confidence < prev {
			t.Fatalf("confidence fell from %v to %v after report %d", prev, r.Confidence, i+1)
		}
		prev = r.Confidence
	}
	r := f.svc.Lookup(scamNumber)
	if r.Verdict != hangup.RepScam || r.Reports != 20 || len(r.Reasons) == 0 {
		t.Errorf("20 distinct account reporters: %+v, want scam", r)
	}
	if verdict, _ := f.svc.Index().Score(scamNumber, f.now); verdict != hangup.RepScam {
		t.Errorf("Score = %s, want scam", verdict)
	}
	// Anonymous reports weigh half: 20 of them move the number to suspected.
	g := newFixture(t)
	for i := range 20 {
		g.report(t, scamNumber, fmt.Sprintf("anon:%d", i), 0.5)
	}
	if r := g.svc.Lookup(scamNumber); r.Verdict != hangup.RepSuspected {
		t.Errorf("20 anonymous reporters: %s (%.2f), want suspected", r.Verdict, r.Confidence)
	}
}

func TestVerifiedNeverFlips(t *testing.T) {
	f := newFixture(t)
	imex := "+441793781800"
	f.svc.SetVerified(map[string]reputation.Verified{imex: {Organisation: "IMEX", Number: "01793 781800"}})
	for i := range 100 {
		f.report(t, imex, fmt.Sprintf("user:%d", i), 1)
	}
	r := f.svc.Lookup(imex)
	if r.Verdict != hangup.RepVerified || !r.Spoofed || r.Organisation != "IMEX" {
		t.Fatalf("verified number after 100 scam reports: %+v, want verified and spoofed", r)
	}
	if v, _ := f.svc.Index().Score(imex, f.now); v != hangup.RepVerified {
		t.Errorf("Score = %s, want verified", v)
	}
	found := false
	for _, reason := range r.Reasons {
		found = found || reason.Code == "reputation.spoofed"
	}
	if !found {
		t.Errorf("reasons %+v lack the spoofing alert", r.Reasons)
	}
}

func TestDecay(t *testing.T) {
	f := newFixture(t)
	for i := range 20 {
		f.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1)
	}
	start := f.svc.Lookup(scamNumber)
	cfg := f.svc.Config()
	f.now = t0.Add(cfg.HalfLife)
	half := f.svc.Lookup(scamNumber)
	if math.Abs(half.ScamEvidence-start.ScamEvidence/2) > 0.05 {
		t.Errorf("after one half-life evidence is %v, want %v", half.ScamEvidence, start.ScamEvidence/2)
	}
	f.now = t0.Add(8 * cfg.HalfLife)
	if old := f.svc.Lookup(scamNumber); old.Verdict != hangup.RepUnknown {
		t.Errorf("after eight half-lives (%v): %s (%.2f), want unknown", 8*cfg.HalfLife, old.Verdict, old.Confidence)
	}
	// New evidence on faded evidence starts the count afresh.
	f.report(t, scamNumber, "user:new", 1)
	if r := f.svc.Lookup(scamNumber); r.Verdict == hangup.RepScam {
		t.Errorf("one fresh report on long-faded evidence gave %s", r.Verdict)
	}
}

func TestWithdrawalCancels(t *testing.T) {
	f := newFixture(t)
	var refs []string
	for i := range 20 {
		refs = append(refs, f.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1))
	}
	f.now = t0.Add(10 * 24 * time.Hour)
	for _, ref := range refs[:10] {
		if err := f.db.DeleteReport(context.Background(), ref, "reporter"); err != nil {
			t.Fatal(err)
		}
	}
	f.svc.Refresh(context.Background())
	ten := newFixture(t)
	for i := range 10 {
		ten.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1)
	}
	ten.now = f.now
	got, want := f.svc.Lookup(scamNumber), ten.svc.Lookup(scamNumber)
	if got.Reports != 10 || math.Abs(got.ScamEvidence-want.ScamEvidence) > 0.02 {
		t.Errorf("20 reports with 10 withdrawn: %+v; 10 reports: %+v", got, want)
	}
	// A fresh load from the store agrees with the incremental index.
	reloaded := reputation.New(reputation.DefaultConfig(), f.db)
	reloaded.SetClock(func() time.Time { return f.now })
	reloaded.Load(context.Background())
	if r := reloaded.Lookup(scamNumber); r.Reports != got.Reports || math.Abs(r.ScamEvidence-got.ScamEvidence) > 0.01 {
		t.Errorf("reloaded %+v, incremental %+v", r, got)
	}
}

func TestAllowListAndAppeal(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for i := range 20 {
		f.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1)
	}
	if err := f.svc.Allow(ctx, scamNumber, true, "admin@example.org", ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("allow without a reason: %v", err)
	}
	if err := f.svc.Allow(ctx, scamNumber, true, "admin@example.org", "bank's own outbound line"); err != nil {
		t.Fatal(err)
	}
	if r := f.svc.Lookup(scamNumber); r.Verdict != hangup.RepAllowed {
		t.Errorf("allowed number: %s", r.Verdict)
	}
	if err := f.svc.Allow(ctx, scamNumber, false, "admin@example.org", "mistake"); err != nil {
		t.Fatal(err)
	}
	if r := f.svc.Lookup(scamNumber); r.Verdict != hangup.RepScam {
		t.Errorf("after removal from the allow-list: %s", r.Verdict)
	}
	a := &hangup.Appeal{Number: scamNumber, Name: "Owner", Email: "o@example.org", Statement: "My number."}
	if err := f.db.CreateAppeal(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DecideAppeal(ctx, a.ID, hangup.AppealUpheld, "analyst@example.org", ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("decision without reason: %v", err)
	}
	if _, err := f.svc.DecideAppeal(ctx, a.ID, hangup.AppealUpheld, "analyst@example.org", "Shop line; reports were mistaken."); err != nil {
		t.Fatal(err)
	}
	if r := f.svc.Lookup(scamNumber); r.Verdict != hangup.RepAllowed {
		t.Errorf("after an upheld appeal: %s", r.Verdict)
	}
	changes, _ := f.db.ReputationChanges(ctx, scamNumber, 10)
	if len(changes) < 4 {
		t.Errorf("audit trail %+v: want allow, unallow, appeal opened and upheld", changes)
	}
}

func TestDisputed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := range 30 {
		f.report(t, scamNumber, fmt.Sprintf("user:s%d", i), 1)
	}
	for i := range 30 {
		f.n++
		ref := fmt.Sprintf("HU-LEGI-%04d", f.n)
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "analyst", CreatedAt: f.now, UpdatedAt: f.now}
		f.db.CreateReport(ctx, r, nil, []byte(ref), []hangup.Evidence{{Number: scamNumber, ReporterKey: fmt.Sprintf("user:l%d", i), Weight: 1, Legit: true, At: f.now, ReportRef: ref}})
	}
	f.svc.Refresh(ctx)
	if r := f.svc.Lookup(scamNumber); r.Verdict != hangup.RepDisputed {
		t.Errorf("30 scam vs 30 genuine: %s (%.2f)", r.Verdict, r.Confidence)
	}
}

// BenchmarkScore is the screening hot path: verdict and confidence of a
// number from memory.
func BenchmarkScore(b *testing.B) {
	f := newFixture(b)
	for i := range 20 {
		f.report(b, scamNumber, fmt.Sprintf("user:%d", i), 1)
	}
	ix := f.svc.Index()
	b.ReportAllocs()
	for b.Loop() {
		if v, _ := ix.Score(scamNumber, t0); v != hangup.RepScam {
			b.Fatal(v)
		}
	}
}

// BenchmarkLookup is the full reputation with its reasons, for pages and the
// API.
func BenchmarkLookup(b *testing.B) {
	f := newFixture(b)
	for i := range 20 {
		f.report(b, scamNumber, fmt.Sprintf("user:%d", i), 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = f.svc.Lookup(scamNumber)
	}
}

// BenchmarkIndex10M measures the memory of an index holding ten million
// numbers and the score lookup on it. Run with -benchtime=1x: building is
// the slow part.
func BenchmarkIndex10M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds ten million entries")
	}
	const n = 10_000_000
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ix := reputation.BuildForBenchmark(n, t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	numbers := make([]string, 1024)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+4470%08d", (i*7919)%n)
	}
	b.ResetTimer()
	start := time.Now()
	const lookups = 1_000_000
	for i := 0; i < b.N*lookups; i++ {
		ix.Score(numbers[i%len(numbers)], t0)
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*lookups), "ns/lookup")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/number")
	runtime.KeepAlive(ix)
}

// TestConcurrentRefreshesCoalesce shows that many reports committed at once
// all reach the index, whoever's refresh picks them up.
func TestConcurrentRefreshesCoalesce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const n = 40
	errs := make(chan error, n)
	for i := range n {
		go func() {
			ref := fmt.Sprintf("HU-CONC-%04d", i)
			r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: f.now, UpdatedAt: f.now, NumberShownE164: scamNumber}
			ev := []hangup.Evidence{{Number: scamNumber, ReporterKey: fmt.Sprintf("user:%d", i), Weight: 1, At: f.now, ReportRef: ref}}
			if err := f.db.CreateReport(ctx, r, nil, []byte(ref), ev); err != nil {
				errs <- err
				return
			}
			errs <- f.svc.Refresh(ctx)
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if r := f.svc.Lookup(scamNumber); r.Reports != n {
		t.Errorf("after %d concurrent reports and refreshes the index counts %d", n, r.Reports)
	}
}

// TestAnonymousEvidenceAloneNeverScam: however many anonymous reporters
// (networks) report a number, it is at most suspected; accounts and trusted
// imports can list it as scam; anonymous evidence adds to theirs only once
// they suspect it on their own.
func TestAnonymousEvidenceAloneNeverScam(t *testing.T) {
	anonOnly := newFixture(t)
	for i := range 1000 {
		anonOnly.report(t, scamNumber, fmt.Sprintf("anon:net-%d", i), 0.5)
	}
	r := anonOnly.svc.Lookup(scamNumber)
	if r.Verdict != hangup.RepSuspected || r.Confidence < 0.8 {
		t.Errorf("1,000 anonymous networks: %s (%.2f), want suspected with a confidence past the scam line", r.Verdict, r.Confidence)
	}
	if v, _ := anonOnly.svc.Index().Score(scamNumber, anonOnly.now); v != hangup.RepSuspected {
		t.Errorf("Score = %s, want suspected", v)
	}
	tests := []struct {
		name     string
		accounts int
		imports  int
		anon     int
		want     hangup.ReputationVerdict
	}{
		{"three accounts and 100 anonymous: still suspected", 3, 0, 100, hangup.RepSuspected},
		{"four accounts and 100 anonymous: scam", 4, 0, 100, hangup.RepScam},
		{"four accounts alone: suspected", 4, 0, 0, hangup.RepSuspected},
		{"sixteen accounts alone: scam", 16, 0, 0, hangup.RepScam},
		{"forty imported complaints: scam", 0, 40, 0, hangup.RepScam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			for i := range tt.accounts {
				f.report(t, scamNumber, fmt.Sprintf("user:%d", i), 1)
			}
			for i := range tt.imports {
				f.report(t, scamNumber, fmt.Sprintf("ftc-dnc:%d", i), 0.5)
			}
			for i := range tt.anon {
				f.report(t, scamNumber, fmt.Sprintf("anon:%d", i), 0.5)
			}
			r := f.svc.Lookup(scamNumber)
			v, _ := f.svc.Index().Score(scamNumber, f.now)
			if r.Verdict != tt.want || v != tt.want {
				t.Errorf("Lookup %s (%.2f), Score %s; want %s", r.Verdict, r.Confidence, v, tt.want)
			}
		})
	}
	// The line holds as evidence decays: anonymous evidence never overtakes.
	anonOnly.now = t0.Add(30 * 24 * time.Hour)
	if r := anonOnly.svc.Lookup(scamNumber); r.Verdict == hangup.RepScam {
		t.Errorf("a month later anonymous evidence made it %s", r.Verdict)
	}
}
