package screen

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/reputation"
)

// benchCalls returns n calls from distinct E.164 caller IDs as a SIP proxy
// sends them, with some reputation in the index.
func benchCalls(n int) []hangup.ScreenRequest {
	reqs := make([]hangup.ScreenRequest, n)
	for i := range reqs {
		reqs[i] = hangup.ScreenRequest{From: fmt.Sprintf("sip:+4474001%05d@carrier.example;user=phone", i), To: "sip:+442079460000@pbx.example"}
	}
	return reqs
}

func benchCustomer() *Customer {
	return NewCustomer(&hangup.APIKey{Name: "bench", Policy: hangup.DefaultScreenPolicy(),
		Allow: []string{"+447400000001", "+447400000002"}, Deny: []string{"+447400000003"}})
}

func runBench(b *testing.B, e *Engine, reqs []hangup.ScreenRequest, c *Customer) {
	ctx := context.Background()
	for _, r := range reqs { // warm the facts cache: the steady state of a PBX
		e.Screen(ctx, r, c)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := e.Screen(ctx, reqs[i%len(reqs)], c); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkScreen is the hot path: E.164 caller IDs seen before, a
// customer with lists, reputation and registry lookups, no Identity header.
// Run with -cpu 1 for the per-core figure.
func BenchmarkScreen(b *testing.B) {
	w := newWorld(b, Config{})
	w.report(b, "+447400100007", 30)
	runBench(b, w.engine, benchCalls(4096), benchCustomer())
}

// BenchmarkScreenParallel is the same on every core.
func BenchmarkScreenParallel(b *testing.B) {
	w := newWorld(b, Config{})
	reqs := benchCalls(4096)
	c := benchCustomer()
	ctx := context.Background()
	for _, r := range reqs {
		w.engine.Screen(ctx, r, c)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			w.engine.Screen(ctx, reqs[i%len(reqs)], c)
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkScreenCold is the first call from each caller ID: every
// iteration a number never seen, so libphonenumber classifies it.
func BenchmarkScreenCold(b *testing.B) {
	w := newWorld(b, Config{})
	ctx := context.Background()
	c := benchCustomer()
	base := time.Now().UnixNano() % 1_000_000 * 100 // a fresh range each run
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := hangup.ScreenRequest{From: fmt.Sprintf("+4474%08d", (base+int64(i))%100_000_000), To: "+442079460000"}
		if _, err := w.engine.Screen(ctx, req, c); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkScreen10M screens against a snapshot holding reputation for ten
// million numbers and reports the memory the index takes. Callers come from
// a 100,000-number working set of that index, spread across it, so lookups
// miss the CPU caches as they would in production.
func BenchmarkScreen10M(b *testing.B) {
	w := newWorld(b, Config{})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ix := reputation.BuildForBenchmark(10_000_000, now)
	runtime.GC()
	runtime.ReadMemStats(&after)
	w.engine.SetReputation(ix)
	if ix.Len() != 10_000_000 {
		b.Fatalf("index holds %d numbers", ix.Len())
	}
	reqs := make([]hangup.ScreenRequest, 100_000)
	for i := range reqs {
		reqs[i] = hangup.ScreenRequest{From: fmt.Sprintf("sip:+4470%08d@carrier;user=phone", i*97%10_000_000), To: "+442079460000"}
	}
	runBench(b, w.engine, reqs, benchCustomer())
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MiB")
	runtime.KeepAlive(ix)
}

// BenchmarkScreenDuringRebuild screens on one goroutine while another
// builds a million-number reputation index and swaps it in, over and over
// ("rebuilding"), and the same with nothing else running ("idle"), and
// reports the slowest decision and the 99.99th percentile of each: the
// difference is what rebuilding costs screening. On a shared machine both
// include the time the kernel gave other processes.
func BenchmarkScreenDuringRebuild(b *testing.B) {
	for _, rebuild := range []bool{false, true} {
		name := "idle"
		if rebuild {
			name = "rebuilding"
		}
		b.Run(name, func(b *testing.B) {
			w := newWorld(b, Config{})
			reqs := benchCalls(4096)
			ctx := context.Background()
			c := benchCustomer()
			for _, r := range reqs {
				w.engine.Screen(ctx, r, c)
			}
			stop := make(chan struct{})
			done := make(chan int)
			go func() {
				swaps := 0
				for rebuild {
					select {
					case <-stop:
						done <- swaps
						return
					default:
					}
					w.engine.SetReputation(reputation.BuildForBenchmark(1_000_000, now))
					swaps++
				}
				<-stop
				done <- swaps
			}()
			lat := make([]time.Duration, 0, 1<<21)
			var d hangup.Decision // recycled, as the servers do: no allocation, so no GC assist
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				w.engine.ScreenTo(ctx, &reqs[i%len(reqs)], c, &d)
				if len(lat) < cap(lat) {
					lat = append(lat, time.Since(t0))
				}
			}
			b.StopTimer()
			close(stop)
			swaps := <-done
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
			b.ReportMetric(float64(lat[len(lat)*9999/10000].Nanoseconds())/1000, "p99.99-µs")
			b.ReportMetric(float64(swaps), "swaps")
		})
	}
}

// BenchmarkScreenSHAKEN screens calls carrying a SHAKEN Identity header
// whose certificate is cached (fetched and chain-checked once). Every call
// has its own PASSporT, as real calls do, so each pays a full ECDSA P-256
// verification: the verifier's cache of repeated headers never hits.
func BenchmarkScreenSHAKEN(b *testing.B) {
	s := newSigner(b)
	w := newWorld(b, Config{Verifier: s.verifier})
	ctx := context.Background()
	c := benchCustomer()
	hdrs := make([]string, b.N)
	for i := range hdrs {
		hdrs[i] = s.identity(telMobile, telLandline, "A", now)
	}
	warm := hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{s.identity(telMobile, telLandline, "A", now)}}
	if d, _ := w.engine.Screen(ctx, warm, c); d.Attestation != "A" {
		b.Fatalf("warm-up: %+v", d.Reasons)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, _ := w.engine.Screen(ctx, hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: hdrs[i : i+1]}, c)
		if d.Attestation != "A" {
			b.Fatalf("call %d: %v", i, codes(d))
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkScreenReuse is BenchmarkScreen through ScreenTo with a recycled
// decision, as the HTTP and AGI servers call it: no allocation per call.
func BenchmarkScreenReuse(b *testing.B) {
	w := newWorld(b, Config{})
	w.report(b, "+447400100007", 30)
	reqs := benchCalls(4096)
	c := benchCustomer()
	ctx := context.Background()
	var d hangup.Decision
	for i := range reqs {
		w.engine.ScreenTo(ctx, &reqs[i], c, &d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if err := w.engine.ScreenTo(ctx, &reqs[i%len(reqs)], c, &d); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}
