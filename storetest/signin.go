package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testSignIns(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).SignIns
	if s == nil {
		t.Fatal("the store has no SignInStore")
	}
	day := 24 * time.Hour
	record := func(account, network string, at time.Time) {
		t.Helper()
		if err := s.RecordSignInFailure(ctx, account, network, at, at.Add(-day)); err != nil {
			t.Fatal(err)
		}
	}
	const admin, other = "admin@example.org", "nobody@example.org"
	const netA, netB = "203.0.113.0/24", "2001:db8:1::/48"
	if tot, err := s.SignInTotals(ctx, admin, netA, t0.Add(-day)); err != nil || tot != (hangup.SignInTotals{}) {
		t.Fatalf("totals of nothing: %+v %v", tot, err)
	}
	for i := range 3 {
		record(admin, netA, t0.Add(time.Duration(i)*time.Minute))
	}
	record(admin, netB, t0.Add(5*time.Minute))
	record(other, netA, t0.Add(4*time.Minute))
	tot, err := s.SignInTotals(ctx, admin, netA, t0.Add(-day))
	if err != nil {
		t.Fatal(err)
	}
	want := hangup.SignInTotals{
		Pair:            hangup.SignInFailures{Account: admin, Network: netA, Failures: 3, First: t0, Last: t0.Add(2 * time.Minute)},
		AccountFailures: 4, AccountLast: t0.Add(5 * time.Minute),
		NetworkFailures: 4, NetworkLast: t0.Add(4 * time.Minute),
	}
	if !tot.Pair.First.Equal(want.Pair.First) || !tot.Pair.Last.Equal(want.Pair.Last) || !tot.AccountLast.Equal(want.AccountLast) || !tot.NetworkLast.Equal(want.NetworkLast) {
		t.Errorf("times: got %+v, want %+v", tot, want)
	}
	tot.Pair.First, tot.Pair.Last, tot.AccountLast, tot.NetworkLast = want.Pair.First, want.Pair.Last, want.AccountLast, want.NetworkLast
	if tot != want {
		t.Errorf("SignInTotals = %+v, want %+v", tot, want)
	}
	// Only failures since the given time count.
	if tot, _ := s.SignInTotals(ctx, admin, netA, t0.Add(3*time.Minute)); tot.Pair.Failures != 0 || tot.AccountFailures != 1 || tot.NetworkFailures != 1 {
		t.Errorf("totals since t0+3m: %+v", tot)
	}
	// A count past the forgetting time starts again from one, and old rows go.
	later := t0.Add(2 * day)
	record(admin, netA, later)
	if tot, _ := s.SignInTotals(ctx, admin, netA, later.Add(-day)); tot.Pair.Failures != 1 || !tot.Pair.First.Equal(later) || tot.AccountFailures != 1 {
		t.Errorf("after a quiet day: %+v", tot)
	}
	if all, _ := s.ListSignInFailures(ctx, time.Time{}, 100); len(all) != 1 {
		t.Errorf("rows left after forgetting: %+v", all)
	}
	// Listing: most recent first.
	for i := range 5 {
		record(fmt.Sprintf("user%d@example.org", i), netB, later.Add(time.Duration(i)*time.Second))
	}
	list, err := s.ListSignInFailures(ctx, later.Add(-time.Hour), 3)
	if err != nil || len(list) != 3 || list[0].Account != "user4@example.org" || list[2].Account != "user2@example.org" {
		t.Errorf("ListSignInFailures = %+v %v", list, err)
	}
	// Clearing: one pair, one network, everything.
	if n, err := s.ClearSignInFailures(ctx, admin, netA); err != nil || n != 1 {
		t.Errorf("clear one pair: %d %v", n, err)
	}
	if n, _ := s.ClearSignInFailures(ctx, admin, netA); n != 0 {
		t.Errorf("clearing twice removed %d", n)
	}
	record(admin, netA, later)
	if n, _ := s.ClearSignInFailures(ctx, "", netB); n != 5 {
		t.Errorf("clear a network: %d rows, want 5", n)
	}
	if n, _ := s.ClearSignInFailures(ctx, "", ""); n != 1 {
		t.Errorf("clear all: %d rows, want 1", n)
	}
	// Concurrent failures are all counted.
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if err := s.RecordSignInFailure(ctx, admin, netA, later, later.Add(-day)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if tot, _ := s.SignInTotals(ctx, admin, netA, later.Add(-day)); tot.Pair.Failures != 20 {
		t.Errorf("20 concurrent failures counted as %d", tot.Pair.Failures)
	}
}
