package phone

import (
	"hash/maphash"
	"sync"

	"github.com/hangup-org/hangup"
)

// cacheSize bounds the parse cache. A cached Number is a few hundred bytes, so
// the cache stays under about 20 MB.
const cacheSize = 1 << 16

const cacheShards = 16

// cache is a bounded, concurrency-safe map from input text to its parsed
// Number. When a shard fills up it is emptied: crude, but it keeps memory
// bounded without per-entry bookkeeping, and refilling costs only the parses
// the cache exists to save.
type cache struct {
	seed   maphash.Seed
	limit  int
	shards [cacheShards]struct {
		sync.RWMutex
		m map[string]hangup.Number
	}
}

func newCache(size int) *cache {
	c := &cache{seed: maphash.MakeSeed(), limit: max(1, size/cacheShards)}
	for i := range c.shards {
		c.shards[i].m = make(map[string]hangup.Number)
	}
	return c
}

func (c *cache) shard(key string) int {
	return int(maphash.String(c.seed, key) % cacheShards)
}

func (c *cache) get(key string) (hangup.Number, bool) {
	s := &c.shards[c.shard(key)]
	s.RLock()
	n, ok := s.m[key]
	s.RUnlock()
	return n, ok
}

func (c *cache) put(key string, n hangup.Number) {
	s := &c.shards[c.shard(key)]
	s.Lock()
	if len(s.m) >= c.limit {
		clear(s.m)
	}
	s.m[key] = n
	s.Unlock()
}
