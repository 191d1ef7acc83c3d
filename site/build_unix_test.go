//go:build unix

package site

import (
	"syscall"
	"testing"
	"time"
)

// TestBuild10kUnder2s keeps the build-time requirement (under 2 s for
// 10,000 brands) checked in CI. It measures the CPU time the build uses,
// which other work on a shared machine does not inflate, as wall-clock
// time would.
func TestBuild10kUnder2s(t *testing.T) {
	d, err := DefaultData()
	if err != nil {
		t.Fatal(err)
	}
	tools := testChecker(t).tools
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	startCPU, start := cpu(), time.Now()
	c, err := New(Config{Organisations: testOrgs(), Data: d, Tools: tools, PopularBrands: 10000})
	if err != nil {
		t.Fatal(err)
	}
	used, wall := cpu()-startCPU, time.Since(start)
	if len(c.brands) < 7000 {
		t.Errorf("built %d brands, want about 8,000", len(c.brands))
	}
	if used > 2*time.Second {
		t.Errorf("building for 10,000 brands used %v of CPU, want under 2s", used)
	}
	t.Logf("build for %d brands: %v CPU, %v wall", len(c.brands), used, wall)
}

// TestCheckThroughput measures checks per second of CPU time on one
// goroutine, the requirement's "per core" figure, over the benchmark's
// mixed addresses, with the default brands and with 10,000. CPU time is
// less inflated than wall-clock time by other work on a shared machine,
// but still varies with it, so the assertions are guards against a lookup
// that scans brands (hundreds of times slower), not the 200,000 target,
// which BenchmarkCheck reports.
func TestCheckThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("measures throughput")
	}
	d, err := DefaultData()
	if err != nil {
		t.Fatal(err)
	}
	small := testChecker(t)
	big, err := New(Config{Organisations: testOrgs(), Data: d, Tools: small.tools, PopularBrands: 10000})
	if err != nil {
		t.Fatal(err)
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	rate := func(c *Checker) float64 {
		const n = 100_000
		best := 0.0
		for range 3 {
			start := cpu()
			for i := range n {
				if _, err := c.CheckSite(benchAddresses[i%len(benchAddresses)]); err != nil {
					t.Fatal(err)
				}
			}
			best = max(best, n/(cpu()-start).Seconds())
		}
		return best
	}
	rs, rb := rate(small), rate(big)
	t.Logf("checks per CPU-second: %.0f with %d brands, %.0f with %d brands", rs, len(small.brands), rb, len(big.brands))
	if rs < 50_000 || rb < 50_000 {
		t.Errorf("got %.0f and %.0f checks per CPU-second, want well over 50,000", rs, rb)
	}
	if rb < rs/3 {
		t.Errorf("10,000 brands: %.0f checks per CPU-second, against %.0f with %d: lookups should not grow with brands", rb, rs, len(small.brands))
	}
}
