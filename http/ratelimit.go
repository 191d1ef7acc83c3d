package http

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps one token bucket per client address. Buckets idle for a
// while are dropped so memory stays bounded under a flood of addresses.
type limiter struct {
	rps   rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*bucket
	sweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxBuckets bounds the map: past it, idle buckets are swept at once and, if
// that is not enough, the map starts afresh (every client gets a full burst
// again, which is the safe direction to fail).
const maxBuckets = 100_000

func newLimiter(rps float64, burst int) *limiter {
	if rps <= 0 {
		return nil
	}
	if burst < 1 {
		burst = 1
	}
	return &limiter{rps: rate.Limit(rps), burst: burst, m: map[string]*bucket{}, sweep: time.Now()}
}

func (l *limiter) allow(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > time.Minute || len(l.m) >= maxBuckets {
		for k, b := range l.m {
			if now.Sub(b.seen) > 5*time.Minute {
				delete(l.m, k)
			}
		}
		if len(l.m) >= maxBuckets {
			clear(l.m)
		}
		l.sweep = now
	}
	b, ok := l.m[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.rps, l.burst)}
		l.m[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}
