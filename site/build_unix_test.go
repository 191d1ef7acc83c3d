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
