// Package ratelimit keeps a token bucket per key (a client address, an
// anonymous reporter) with bounded memory, for the places that limit many
// independent callers: API and form requests, sign-in attempts, anonymous
// reports.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Keyed is a set of token buckets, one per key, all with the same rate and
// burst. A bucket left alone long enough to refill completely is forgotten:
// a fresh bucket is full too, so forgetting it changes nothing. Safe for
// concurrent use; a nil *Keyed allows everything.
type Keyed struct {
	rps    rate.Limit
	burst  int
	refill time.Duration // an idle bucket is full again after this long
	max    int

	mu    sync.Mutex
	m     map[string]*bucket
	swept time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New returns buckets allowing perSecond on average with bursts of burst.
// At most maxKeys keys are kept: past that, after forgetting the full buckets,
// the set starts afresh (every key gets a full burst again, which bounds
// memory under a flood of keys). perSecond <= 0 returns nil: no limit.
func New(perSecond float64, burst, maxKeys int) *Keyed {
	if perSecond <= 0 {
		return nil
	}
	burst = max(burst, 1)
	return &Keyed{rps: rate.Limit(perSecond), burst: burst, max: maxKeys,
		refill: time.Duration(float64(burst) / perSecond * float64(time.Second)), m: map[string]*bucket{}}
}

// Allow takes one token from key's bucket at now, and reports whether there
// was one.
func (k *Keyed) Allow(key string, now time.Time) bool {
	if k == nil {
		return true
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if now.Sub(k.swept) > time.Minute || len(k.m) >= k.max {
		for key, b := range k.m {
			if now.Sub(b.seen) >= k.refill {
				delete(k.m, key)
			}
		}
		if len(k.m) >= k.max {
			clear(k.m)
		}
		k.swept = now
	}
	b, ok := k.m[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(k.rps, k.burst)}
		k.m[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// Len returns how many keys are held (tests).
func (k *Keyed) Len() int {
	if k == nil {
		return 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.m)
}
