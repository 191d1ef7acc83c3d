package ratelimit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hangup-org/hangup/ratelimit"
)

var t0 = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestKeyed(t *testing.T) {
	k := ratelimit.New(1, 3, 1000)
	allowed := 0
	for range 10 {
		if k.Allow("a", t0) {
			allowed++
		}
	}
	if allowed != 3 {
		t.Errorf("burst of 3: %d allowed at once", allowed)
	}
	if !k.Allow("b", t0) {
		t.Error("another key shares a's bucket")
	}
	if !k.Allow("a", t0.Add(time.Second)) || k.Allow("a", t0.Add(time.Second)) {
		t.Error("one token a second")
	}
	var none *ratelimit.Keyed = ratelimit.New(0, 1, 10)
	if none != nil || !none.Allow("x", t0) {
		t.Error("no rate means no limit")
	}
}

func TestKeyedForgetsOnlyFullBuckets(t *testing.T) {
	k := ratelimit.New(1.0/60, 2, 1000) // one a minute, burst 2: full after 2 minutes idle
	k.Allow("a", t0)
	k.Allow("a", t0)
	// A sweep 90 s later must keep a's half-refilled bucket.
	later := t0.Add(90 * time.Second)
	k.Allow("z", later)
	first := k.Allow("a", later)
	second := k.Allow("a", later)
	if first && second {
		t.Error("a sweep forgot a bucket that had not refilled: the limit reset early")
	}
	k.Allow("z", t0.Add(10*time.Minute))
	if k.Len() != 1 {
		t.Errorf("after every bucket refilled, %d keys held, want 1 (z)", k.Len())
	}
}

func TestKeyedBounded(t *testing.T) {
	k := ratelimit.New(1, 1, 100)
	for i := range 1000 {
		k.Allow(fmt.Sprint(i), t0)
	}
	if k.Len() > 100 {
		t.Errorf("%d keys held, want at most 100", k.Len())
	}
}

// TestKeyedEvictsOneAtATime: a flood of new keys pushes out the least
// recently used buckets one by one; a client that keeps asking keeps its
// (empty) bucket and stays limited, however many keys the flood brings.
func TestKeyedEvictsOneAtATime(t *testing.T) {
	k := ratelimit.New(1.0/3600, 1, 100) // one an hour
	if !k.Allow("victim-limited", t0) {
		t.Fatal("first request refused")
	}
	for i := range 100_000 {
		now := t0.Add(time.Duration(i) * time.Millisecond)
		k.Allow(fmt.Sprint("forged-", i), now)
		if i%50 == 0 && k.Allow("victim-limited", now) {
			t.Fatalf("after %d forged keys the limited client got a fresh bucket", i)
		}
	}
	if k.Len() > 100 {
		t.Errorf("%d keys held, want at most 100", k.Len())
	}
	// The bucket evicted is the least recently used one.
	k2 := ratelimit.New(1.0/3600, 1, 3)
	k2.Allow("a", t0)
	k2.Allow("b", t0)
	k2.Allow("c", t0)
	k2.Allow("a", t0.Add(time.Second)) // a is now the most recent
	k2.Allow("d", t0.Add(2*time.Second))
	if k2.Allow("a", t0.Add(3*time.Second)) {
		t.Error("a, recently used, was evicted and came back full")
	}
	if !k2.Allow("b", t0.Add(3*time.Second)) {
		t.Error("b, the least recently used, was not the one evicted")
	}
}

func TestKeyedForgetAndClear(t *testing.T) {
	k := ratelimit.New(1.0/3600, 1, 10)
	k.Allow("a", t0)
	k.Allow("b", t0)
	if k.Allow("a", t0) {
		t.Fatal("a's bucket was not empty")
	}
	k.Forget("a")
	if !k.Allow("a", t0) || k.Allow("b", t0) {
		t.Error("Forget(a) did not refill a alone")
	}
	k.Clear()
	if k.Len() != 0 || !k.Allow("b", t0) {
		t.Error("Clear left buckets")
	}
}
