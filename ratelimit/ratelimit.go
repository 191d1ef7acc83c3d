// Package ratelimit keeps a token bucket per key (a client address, an
// anonymous reporter) with bounded memory, for the places that limit many
// independent callers: API and form requests, sign-in attempts, anonymous
// reports.
package ratelimit

import (
	"container/list"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Keyed is a set of token buckets, one per key, all with the same rate and
// burst. A bucket left alone long enough to refill completely is forgotten:
// a fresh bucket is full too, so forgetting it changes nothing. When the set
// is full, the least recently used bucket is forgotten, one at a time: a
// flood of new keys (forged addresses, say) only pushes out buckets that
// have been idle longest, never resets everyone's limit at once. Safe for
// concurrent use; a nil *Keyed allows everything.
type Keyed struct {
	rps    rate.Limit
	burst  int
	refill time.Duration // an idle bucket is full again after this long
	max    int

	mu  sync.Mutex
	m   map[string]*list.Element // of *bucket
	lru list.List                // front: most recently used
}

type bucket struct {
	key  string
	lim  *rate.Limiter
	seen time.Time
}

// New returns buckets allowing perSecond on average with bursts of burst,
// keeping at most maxKeys keys. perSecond <= 0 returns nil: no limit.
func New(perSecond float64, burst, maxKeys int) *Keyed {
	if perSecond <= 0 {
		return nil
	}
	burst = max(burst, 1)
	return &Keyed{rps: rate.Limit(perSecond), burst: burst, max: max(maxKeys, 1),
		refill: time.Duration(float64(burst) / perSecond * float64(time.Second)), m: map[string]*list.Element{}}
}

// Allow takes one token from key's bucket at now, and reports whether there
// was one.
func (k *Keyed) Allow(key string, now time.Time) bool {
	if k == nil {
		return true
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	// The least recently used buckets sit at the back: forget those that
	// have refilled, then, if still full, the oldest one.
	for el := k.lru.Back(); el != nil && now.Sub(el.Value.(*bucket).seen) >= k.refill; el = k.lru.Back() {
		k.remove(el)
	}
	el, ok := k.m[key]
	if !ok {
		for len(k.m) >= k.max {
			k.remove(k.lru.Back())
		}
		el = k.lru.PushFront(&bucket{key: key, lim: rate.NewLimiter(k.rps, k.burst)})
		k.m[key] = el
	} else {
		k.lru.MoveToFront(el)
	}
	b := el.Value.(*bucket)
	if now.After(b.seen) {
		b.seen = now
	}
	return b.lim.AllowN(now, 1)
}

func (k *Keyed) remove(el *list.Element) {
	delete(k.m, el.Value.(*bucket).key)
	k.lru.Remove(el)
}

// Forget drops key's bucket, so its next request finds a full one (an
// administrator clearing a throttle).
func (k *Keyed) Forget(key string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if el, ok := k.m[key]; ok {
		k.remove(el)
	}
}

// Clear drops every bucket.
func (k *Keyed) Clear() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.m)
	k.lru.Init()
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
