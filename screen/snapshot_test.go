package screen

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/reputation"
)

// TestChangesReachScreening: a new report and a registry edit change the
// next decision, well within the one second the issue allows.
func TestChangesReachScreening(t *testing.T) {
	w := newWorld(t, Config{})
	ctx := context.Background()
	req := hangup.ScreenRequest{From: "+447400999888", To: telLandline}
	if d, _ := w.engine.Screen(ctx, req, nil); d.Action != hangup.ActionAllow {
		t.Fatalf("before any report: %s", d.Action)
	}
	start := time.Now()
	w.report(t, req.From, 30)
	waitFor(t, start, func() bool { d, _ := w.engine.Screen(ctx, req, nil); return d.Action == hangup.ActionBlock })

	org := &hangup.Organisation{ID: "acme-bank", Name: "Acme Bank", Country: "GB", Kind: hangup.KindBank,
		Numbers: []hangup.OrgNumber{
			{Number: "020 7123 0001", Role: hangup.RoleCallsOut, Label: "Fraud team", Source: hangup.Source{URL: "https://acme.example/contact", Checked: "2026-11-01"}},
			{Number: "020 7123 0002", Role: hangup.RoleReceivesOnly, Label: "Customer line", Source: hangup.Source{URL: "https://acme.example/contact", Checked: "2026-11-01"}},
		}}
	start = time.Now()
	if err := w.reg.Import(ctx, []*hangup.Organisation{org}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, start, func() bool {
		d, _ := w.engine.Screen(ctx, hangup.ScreenRequest{From: "+442071230001", To: telMobile}, nil)
		return d.Label == "Acme Bank (verified)"
	})
	waitFor(t, start, func() bool {
		d, _ := w.engine.Screen(ctx, hangup.ScreenRequest{From: "+442071230002", To: telMobile}, nil)
		return d.PrimaryReason() == CodeDoNotOriginate && d.Action == hangup.ActionBlock
	})
}

func waitFor(t *testing.T, start time.Time, ok func() bool) {
	t.Helper()
	for !ok() {
		if time.Since(start) > time.Second {
			t.Fatal("the change did not reach screening within 1 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestRebuildNeverPausesScreening screens continuously while a large
// reputation index is built and swapped in: decisions keep flowing during
// the build, and every decision sees either the old or the new index.
func TestRebuildNeverPausesScreening(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a million-number index")
	}
	w := newWorld(t, Config{})
	ctx := context.Background()
	var decisions atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		req := hangup.ScreenRequest{From: "+447000000042", To: telLandline}
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := w.engine.Screen(ctx, req, nil); err != nil {
				t.Error(err)
				return
			}
			decisions.Add(1)
		}
	}()
	for range 3 {
		before := decisions.Load()
		ix := reputation.BuildForBenchmark(1_000_000, now)
		during := decisions.Load() - before
		if during == 0 {
			t.Error("no decision completed while the index was being built")
		}
		w.engine.SetReputation(ix)
		// 447000000042 is in the benchmark set with 12 weighted reports.
		if d, _ := w.engine.Screen(ctx, hangup.ScreenRequest{From: "+447000000042", To: telLandline}, nil); d.Action == hangup.ActionAllow {
			t.Errorf("after the swap: %s %v", d.Action, codes(d))
		}
	}
	close(stop)
	wg.Wait()
}
