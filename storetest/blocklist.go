package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func listings(pairs ...string) []hangup.Listing {
	var out []hangup.Listing
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, hangup.Listing{Number: pairs[i], Label: hangup.ListingLabel(pairs[i+1])})
	}
	return out
}

func testBlocklist(t *testing.T, open Opener) {
	ctx := context.Background()
	const a, b, c = "+441632960001", "+441632960002", "+441632960003"

	t.Run("publish, versions and changes", func(t *testing.T) {
		s := open(t).Blocklist
		if s == nil {
			t.Skip("this database has no blocklist store")
		}
		if l, v, err := s.Blocklist(ctx); err != nil || v != 0 || len(l) != 0 || l == nil {
			t.Fatalf("empty store: %v version %d, %v; want an empty, non-nil list at version 0", l, v, err)
		}
		res, err := s.PublishBlocklist(ctx, 10, listings(b, "scam", a, "suspected"))
		if err != nil || res.Version != 2 || res.Added != 2 || res.Stale {
			t.Fatalf("first publication: %+v, %v; want version 2, 2 added", res, err)
		}
		got, v, err := s.Blocklist(ctx)
		if err != nil || v != 2 || !slices.Equal(got, listings(a, "suspected", b, "scam")) {
			t.Errorf("list %v at version %d (%v), want a then b, ordered by number, at version 2", got, v, err)
		}
		// The same list again changes nothing.
		if res, err := s.PublishBlocklist(ctx, 10, listings(a, "suspected", b, "scam")); err != nil || res.Version != 2 || res.Added+res.Changed+res.Removed != 0 {
			t.Errorf("same list again: %+v, %v; want no change at version 2", res, err)
		}
		// a is relabelled, b removed, c added: three changes, versions 3–5.
		res, err = s.PublishBlocklist(ctx, 11, listings(c, "scam", a, "scam"))
		if err != nil || res.Version != 5 || res.Added != 1 || res.Changed != 1 || res.Removed != 1 {
			t.Fatalf("second publication: %+v, %v; want version 5 with one of each", res, err)
		}
		if v, err := s.BlocklistVersion(ctx); err != nil || v != 5 {
			t.Errorf("BlocklistVersion = %d, %v; want 5", v, err)
		}
		// A node whose evidence is older must not undo it.
		res, err = s.PublishBlocklist(ctx, 9, listings(b, "scam"))
		if err != nil || !res.Stale || res.Version != 5 {
			t.Errorf("stale publication: %+v, %v; want Stale at version 5", res, err)
		}
		if got, _, _ := s.Blocklist(ctx); !slices.Equal(got, listings(a, "scam", c, "scam")) {
			t.Errorf("after a stale publication the list is %v", got)
		}

		changes, v, complete, err := s.BlocklistChanges(ctx, 2)
		if err != nil || !complete || v != 5 {
			t.Fatalf("changes since 2: version %d complete %v, %v", v, complete, err)
		}
		want := []hangup.ListingChange{{Number: a, Op: hangup.ListingChanged, Label: hangup.ListScam},
			{Number: b, Op: hangup.ListingRemoved}, {Number: c, Op: hangup.ListingAdded, Label: hangup.ListScam}}
		if len(changes) != len(want) {
			t.Fatalf("changes since 2: %+v, want %+v", changes, want)
		}
		for i, ch := range changes {
			if ch.Number != want[i].Number || ch.Op != want[i].Op || ch.Label != want[i].Label || ch.Version <= 2 || ch.At.IsZero() {
				t.Errorf("change %d: %+v, want %+v with a version above 2 and a time", i, ch, want[i])
			}
		}
		// From 0: one change per number, the latest.
		changes, _, complete, _ = s.BlocklistChanges(ctx, 0)
		if !complete || len(changes) != 3 || changes[0].Op != hangup.ListingChanged || changes[1].Op != hangup.ListingRemoved {
			t.Errorf("changes since 0: %+v (complete %v), want the latest change of each of 3 numbers", changes, complete)
		}
		if changes, _, complete, _ := s.BlocklistChanges(ctx, 5); !complete || len(changes) != 0 || changes == nil {
			t.Errorf("changes since the current version: %v complete %v, want none and complete", changes, complete)
		}
		if _, _, complete, _ := s.BlocklistChanges(ctx, 99); complete {
			t.Error("a version from the future was answered as complete: the client needs the whole list")
		}

		// Pruning makes older versions incomplete, newer ones still work.
		n, err := s.PruneBlocklistChanges(ctx, time.Now().Add(time.Hour))
		if err != nil || n != 5 {
			t.Errorf("prune everything: %d, %v; want 5", n, err)
		}
		if _, _, complete, _ := s.BlocklistChanges(ctx, 2); complete {
			t.Error("changes since 2 after pruning were answered as complete")
		}
		if changes, v, complete, _ := s.BlocklistChanges(ctx, 5); !complete || len(changes) != 0 || v != 5 {
			t.Errorf("changes since 5 after pruning: %v, %d, %v", changes, v, complete)
		}
		if res, err := s.PublishBlocklist(ctx, 12, listings(c, "scam")); err != nil || res.Version != 6 || res.Removed != 1 {
			t.Errorf("publication after pruning: %+v, %v; want version 6", res, err)
		}
		if changes, _, complete, _ := s.BlocklistChanges(ctx, 5); !complete || len(changes) != 1 || changes[0].Number != a || changes[0].Version != 6 {
			t.Errorf("changes since 5: %+v complete %v", changes, complete)
		}
	})

	t.Run("bad listings change nothing", func(t *testing.T) {
		s := open(t).Blocklist
		if s == nil {
			t.Skip("this database has no blocklist store")
		}
		if _, err := s.PublishBlocklist(ctx, 1, listings(a, "scam")); err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][]hangup.Listing{
			listings("01632 960001", "scam"),
			listings(b, "block"),
			listings(b, "scam", b, "suspected"),
		} {
			if _, err := s.PublishBlocklist(ctx, 2, bad); hangup.ErrorCode(err) != hangup.EINVALID {
				t.Errorf("publish %v: %v, want EINVALID", bad, err)
			}
		}
		if got, v, _ := s.Blocklist(ctx); v != 1 || !slices.Equal(got, listings(a, "scam")) {
			t.Errorf("after refused publications: %v at %d", got, v)
		}
	})

	t.Run("a large list", func(t *testing.T) {
		s := open(t).Blocklist
		if s == nil {
			t.Skip("this database has no blocklist store")
		}
		var want []hangup.Listing
		for i := range 3000 {
			want = append(want, hangup.Listing{Number: fmt.Sprintf("+4416329%05d", i), Label: hangup.ListScam})
		}
		if res, err := s.PublishBlocklist(ctx, 1, want); err != nil || res.Added != 3000 || res.Version != 3000 {
			t.Fatalf("3,000 numbers: %+v, %v", res, err)
		}
		if got, _, _ := s.Blocklist(ctx); len(got) != 3000 {
			t.Errorf("%d listings read back, want 3000", len(got))
		}
	})
}

func testSync(t *testing.T, open Opener) {
	ctx := context.Background()
	const src, other = "https://hangup.example.org", "https://other.example.org"
	const a, b, c = "+441632960001", "+441632960002", "+441632960003"
	add := func(n string, l hangup.ListingLabel) hangup.ListingChange {
		return hangup.ListingChange{Number: n, Op: hangup.ListingAdded, Label: l}
	}

	s := open(t).Sync
	if s == nil {
		t.Skip("this database has no sync store")
	}
	if st, err := s.SyncStates(ctx); err != nil || len(st) != 0 || st == nil {
		t.Errorf("empty store: states %v, %v", st, err)
	}
	v0, err := s.SyncedVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApplySync(ctx, src, 7, true, []hangup.ListingChange{add(b, hangup.ListScam), add(a, hangup.ListSuspected)}); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplySync(ctx, other, 3, true, []hangup.ListingChange{add(a, hangup.ListScam)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.SyncedListings(ctx)
	want := []hangup.SyncedListing{{Source: src, Number: a, Label: hangup.ListSuspected}, {Source: other, Number: a, Label: hangup.ListScam},
		{Source: src, Number: b, Label: hangup.ListScam}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("listings %v (%v), want %v", got, err, want)
	}
	v1, _ := s.SyncedVersion(ctx)
	if v1 == v0 {
		t.Error("SyncedVersion did not change with new listings")
	}
	// Incremental: a relabelled, b removed, c added.
	err = s.ApplySync(ctx, src, 9, false, []hangup.ListingChange{
		{Number: a, Op: hangup.ListingChanged, Label: hangup.ListScam}, {Number: b, Op: hangup.ListingRemoved}, add(c, hangup.ListScam)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.SyncedListings(ctx)
	want = []hangup.SyncedListing{{Source: src, Number: a, Label: hangup.ListScam}, {Source: other, Number: a, Label: hangup.ListScam},
		{Source: src, Number: c, Label: hangup.ListScam}}
	if !slices.Equal(got, want) {
		t.Errorf("after changes: %v, want %v", got, want)
	}
	v2, _ := s.SyncedVersion(ctx)
	if v2 == v1 {
		t.Error("SyncedVersion did not change with changed listings")
	}
	// A pull that brings nothing new leaves the version alone but records
	// the source's version.
	if err := s.ApplySync(ctx, src, 10, false, nil); err != nil {
		t.Fatal(err)
	}
	if v3, _ := s.SyncedVersion(ctx); v3 != v2 {
		t.Errorf("SyncedVersion moved from %d to %d with nothing changed", v2, v3)
	}
	states, err := s.SyncStates(ctx)
	if err != nil || len(states) != 2 || states[0].Source != src || states[0].Version != 10 || states[0].Listings != 2 || states[0].SyncedAt.IsZero() {
		t.Errorf("states %+v, %v", states, err)
	}
	// Bad data is refused whole.
	for _, bad := range [][]hangup.ListingChange{
		{add(a, hangup.ListScam), add("0800 123", hangup.ListScam)},
		{add(a, "maybe")},
		{{Number: a, Op: "explode"}},
	} {
		if err := s.ApplySync(ctx, src, 11, true, bad); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("ApplySync(%v) = %v, want EINVALID", bad, err)
		}
	}
	if err := s.ApplySync(ctx, "", 1, true, nil); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("no source: %v, want EINVALID", err)
	}
	if again, _ := s.SyncedListings(ctx); !slices.Equal(again, want) {
		t.Errorf("refused pulls changed the listings: %v", again)
	}
	// A full snapshot replaces the source's listings, not another's.
	if err := s.ApplySync(ctx, src, 12, true, []hangup.ListingChange{add(b, hangup.ListScam)}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.SyncedListings(ctx)
	want = []hangup.SyncedListing{{Source: other, Number: a, Label: hangup.ListScam}, {Source: src, Number: b, Label: hangup.ListScam}}
	if !slices.Equal(got, want) {
		t.Errorf("after a full snapshot: %v, want %v", got, want)
	}
}

func testNumberOrganisations(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).Reports
	mk := func(ref, shown, callback, org string) {
		t.Helper()
		r := sampleReport(ref, t0)
		r.NumberShownE164, r.CallbackE164, r.OrganisationID = shown, callback, org
		if err := s.CreateReport(ctx, r, nil, []byte(ref), nil); err != nil {
			t.Fatal(err)
		}
	}
	const n1, n2 = "+441632960001", "+441632960002"
	mk("HU-ORGS-AAA1", n1, "", "microsoft")
	mk("HU-ORGS-AAA2", n1, n1, "microsoft") // both ways: counts once
	mk("HU-ORGS-AAA3", "", n1, "bt")
	mk("HU-ORGS-AAA4", n1, "", "")
	mk("HU-ORGS-AAA5", n2, "", "hmrc")
	got, err := s.NumberOrganisations(ctx, []string{n1, n2, "+441632960009"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]hangup.OrganisationCount{n1: {{ID: "microsoft", Reports: 2}, {ID: "bt", Reports: 1}}, n2: {{ID: "hmrc", Reports: 1}}}
	if len(got) != len(want) || !slices.Equal(got[n1], want[n1]) || !slices.Equal(got[n2], want[n2]) {
		t.Errorf("NumberOrganisations = %v, want %v", got, want)
	}
	if got, err := s.NumberOrganisations(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no numbers: %v, %v", got, err)
	}
	if _, err := s.NumberOrganisations(ctx, make([]string, hangup.MaxNumberOrganisations+1)); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("too many numbers: %v, want EINVALID", err)
	}
}
