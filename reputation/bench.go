package reputation

import (
	"time"
)

// BuildForBenchmark returns an index of n synthetic numbers (+4470 followed
// by eight digits) with evidence from accounts, for measuring memory and lookup cost at
// scale. It is not for production use.
func BuildForBenchmark(n int, now time.Time) *Index {
	cfg := DefaultConfig()
	ix := newIndex(&cfg)
	ix.base = make(map[uint64]entry, n)
	m := minutes(now)
	for i := range n {
		k := uint64(4470_0000_0000) + uint64(i)
		ix.base[k] = entry{scam: float32(i % 30), trusted: float32(i % 30), ref: m, first: m, last: m, units: int32(i%30 + 1), cats: 1}
	}
	return ix
}
