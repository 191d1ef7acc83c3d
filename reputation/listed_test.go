package reputation_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/reputation"
)

// reporters files one report of number from each of n reporters named
// prefix0, prefix1, …, each with weight w.
func (f *fixture) reporters(t *testing.T, number, prefix string, n int, w float64) {
	t.Helper()
	for i := range n {
		f.report(t, number, fmt.Sprintf("%s%d", prefix, i), w)
	}
}

func TestListedHoldsOnlyWhatAccountsAndTrustedSourcesMadeScam(t *testing.T) {
	const (
		scam     = "+449061230001" // 20 accounts: scam
		anonOnly = "+449061230002" // 40 anonymous networks: suspected, never scam
		verified = "+441793781800" // a verified organisation's number with 100 reports
		allowed  = "+449061230003" // scam by evidence, but on the allow-list
		lonely   = "+449061230004" // one report
		imported = "+12025550143"  // 45 imported complaints: scam
	)
	f := newFixture(t)
	f.svc.SetVerified(map[string]reputation.Verified{verified: {Organisation: "IMEX", Number: "01793 781800"}})
	f.reporters(t, scam, "user:", 20, 1)
	f.reporters(t, anonOnly, "anon:net", 40, 0.5)
	f.reporters(t, verified, "user:", 100, 1)
	f.reporters(t, allowed, "user:", 20, 1)
	f.reporters(t, lonely, "user:", 1, 1)
	f.reporters(t, imported, "ftc-dnc:row", 45, 0.5)
	if err := f.svc.Allow(context.Background(), allowed, true, "admin@example.org", "the council's own line"); err != nil {
		t.Fatal(err)
	}
	ix := f.svc.Index()

	got := ix.Listed(f.now, 0.8, false)
	want := []hangup.Listing{{Number: imported, Label: hangup.ListScam}, {Number: scam, Label: hangup.ListScam}}
	if !slices.Equal(got, want) {
		t.Errorf("Listed(scam only) = %v, want %v", got, want)
	}
	got = ix.Listed(f.now, 0.8, true)
	want = []hangup.Listing{{Number: imported, Label: hangup.ListScam}, {Number: scam, Label: hangup.ListScam}, {Number: anonOnly, Label: hangup.ListSuspected}}
	slices.SortFunc(want, func(a, b hangup.Listing) int { return strings.Compare(a.Number, b.Number) })
	if !slices.Equal(got, want) {
		t.Errorf("Listed(with suspected) = %v, want %v", got, want)
	}
	// A stricter threshold drops the numbers below it.
	_, conf := ix.Score(scam, f.now)
	_, confImported := ix.Score(imported, f.now)
	strict := (min(conf, confImported) + max(conf, confImported)) / 2
	if got := ix.Listed(f.now, strict, false); len(got) != 1 {
		t.Errorf("Listed(%.3f) = %v, want only the number above it (confidences %.3f, %.3f)", strict, got, conf, confImported)
	}
	// Evidence fades: after eight half-lives nothing is listed.
	if got := ix.Listed(f.now.Add(8*f.svc.Config().HalfLife), 0.8, true); len(got) != 0 {
		t.Errorf("after eight half-lives: %v, want nothing", got)
	}
	if ix.AsOf() == 0 {
		t.Error("AsOf is 0 with evidence in the index")
	}
}

func TestSyncedListingsCountLocallyButAreNotRepublished(t *testing.T) {
	const (
		central   = "https://central.example.org"
		scam      = "+449061239001"
		suspected = "+449061239002"
		verified  = "+441793781800"
		allowed   = "+449061239003"
	)
	ctx := context.Background()
	f := newFixture(t)
	f.svc.FollowSynced(f.db)
	f.svc.SetVerified(map[string]reputation.Verified{verified: {Organisation: "IMEX", Number: "01793 781800"}})
	if err := f.db.ApplySync(ctx, central, 5, true, []hangup.ListingChange{
		{Number: scam, Op: hangup.ListingAdded, Label: hangup.ListScam},
		{Number: suspected, Op: hangup.ListingAdded, Label: hangup.ListSuspected},
		{Number: verified, Op: hangup.ListingAdded, Label: hangup.ListScam},
		{Number: allowed, Op: hangup.ListingAdded, Label: hangup.ListScam},
	}); err != nil {
		t.Fatal(err)
	}
	f.svc.SyncedChanged() // as the syncer does after a pull
	if err := f.svc.Allow(ctx, allowed, true, "admin@example.org", "our own switchboard"); err != nil {
		t.Fatal(err)
	}
	ix := f.svc.Index()
	for _, c := range []struct {
		number string
		want   hangup.ReputationVerdict
	}{{scam, hangup.RepScam}, {suspected, hangup.RepSuspected}, {verified, hangup.RepVerified}, {allowed, hangup.RepAllowed}} {
		if v, _ := ix.Score(c.number, f.now); v != c.want {
			t.Errorf("Score(%s) = %s, want %s", c.number, v, c.want)
		}
	}
	r := f.svc.Lookup(scam)
	if r.Verdict != hangup.RepScam || r.Listed != central || len(r.Reasons) == 0 || r.Reasons[0].Code != "reputation.scam" {
		t.Errorf("Lookup of a synced scam number: %+v", r)
	}
	if r := f.svc.Lookup(allowed); r.Listed != "" || r.Verdict != hangup.RepAllowed {
		t.Errorf("Lookup of an allowed synced number: %+v", r)
	}
	if got := ix.Listed(f.now, 0.8, true); len(got) != 0 {
		t.Errorf("synced-only numbers were republished: %v", got)
	}
	// The central service drops the number: the next refresh forgets it.
	if err := f.db.ApplySync(ctx, central, 6, false, []hangup.ListingChange{{Number: scam, Op: hangup.ListingRemoved}}); err != nil {
		t.Fatal(err)
	}
	f.svc.SyncedChanged()
	if err := f.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.svc.Index().Score(scam, f.now); v != hangup.RepUnknown {
		t.Errorf("after removal Score = %s, want unknown", v)
	}
	// Listings another process stored (hangup sync beside a server) are
	// picked up by a refresh within a second, without being told.
	const later = "+449061239009"
	if err := f.db.ApplySync(ctx, central, 7, false, []hangup.ListingChange{{Number: later, Op: hangup.ListingAdded, Label: hangup.ListScam}}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if err := f.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.svc.Index().Score(later, f.now); v != hangup.RepScam {
		t.Errorf("a listing stored by another process, a second later: %s, want scam", v)
	}
	// A fresh service over the same database holds them from the start.
	again := reputation.New(reputation.DefaultConfig(), f.db)
	again.FollowSynced(f.db)
	again.SetClock(func() time.Time { return f.now })
	if err := again.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if v, _ := again.Index().Score(suspected, f.now); v != hangup.RepSuspected {
		t.Errorf("after a restart Score(suspected) = %s", v)
	}
}

// BenchmarkListed measures computing the published list from an index of a
// million numbers (about half of them scam-level), as each publication
// does.
func BenchmarkListed(b *testing.B) {
	now := time.Now()
	ix := reputation.BuildForBenchmark(1_000_000, now)
	b.ResetTimer()
	for range b.N {
		if got := ix.Listed(now, 0.8, false); len(got) == 0 {
			b.Fatal("nothing listed")
		}
	}
}
