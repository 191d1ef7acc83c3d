package screen

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
	"golang.org/x/time/rate"
)

// KeyPrefix starts every API key secret, so that keys are recognisable in
// configuration files and secret scanners.
const KeyPrefix = "hk_"

// NewKeySecret makes a new API key secret (256 random bits) and returns it
// with the prefix and hash to store. The secret itself is shown once and
// never stored.
func NewKeySecret() (secret, prefix string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", nil, err
	}
	secret = KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	h := sha256.Sum256([]byte(secret))
	return secret, secret[:len(KeyPrefix)+6], h[:], nil
}

// KeysConfig sets the defaults for keys that don't set their own limits,
// and who hears of a key running over its limit.
type KeysConfig struct {
	// RateLimit is requests per second for keys without a limit of their
	// own. Zero, the default, means no limit: a screening key answers for
	// every call a PBX or carrier sets up, and a limit reached at peak
	// would let calls through unscreened exactly when campaigns hit. A
	// per-key limit is an operator's explicit choice (hangup apikey add
	// --rate N).
	RateLimit float64
	// RateBurst is the burst above a limit (default twice the rate).
	RateBurst int
	// Logger, if set, warns when a key is refused for its rate: at most
	// once a second per key, with the key's name and how many requests
	// were refused since the last warning.
	Logger *slog.Logger
	// RateLimited, if set, is told of every refused request with the key's
	// name (e.g. to count them for metrics). It must be fast and safe for
	// concurrent use.
	RateLimited func(key string)
}

// Keys authenticates screening clients from memory: the API keys of the
// store, indexed by hash, each with its compiled Customer and, if it is
// limited, its own token bucket. Reload swaps in a new table; buckets
// survive reloads, so a client cannot reset its limit by having its key
// edited.
type Keys struct {
	store hangup.APIKeyStore
	cfg   KeysConfig
	table atomic.Pointer[keyTable]

	mu       sync.Mutex // serialises reloads
	version  int64
	loaded   bool
	limiters map[int64]*keyLimiter
}

type keyTable struct {
	byHash map[[32]byte]*keyEntry
}

type keyEntry struct {
	customer *Customer
	limiter  *keyLimiter // nil: unlimited
}

type keyLimiter struct {
	lim   *rate.Limiter
	rps   float64
	burst int

	refused  atomic.Int64 // since the last warning
	lastWarn atomic.Int64 // unix nanoseconds
}

// NewKeys returns an empty key set over store; call Reload to load it.
func NewKeys(store hangup.APIKeyStore, cfg KeysConfig) *Keys {
	if cfg.RateLimit < 0 {
		cfg.RateLimit = 0
	}
	k := &Keys{store: store, cfg: cfg, limiters: map[int64]*keyLimiter{}}
	k.table.Store(&keyTable{byHash: map[[32]byte]*keyEntry{}})
	return k
}

// limits returns the rate and burst a key screens with: its own, else the
// configured default; rate 0 means unlimited.
func (k *Keys) limits(key *hangup.APIKey) (float64, int) {
	rps, burst := key.RateLimit, key.RateBurst
	if rps <= 0 {
		rps, burst = k.cfg.RateLimit, k.cfg.RateBurst
	}
	if rps <= 0 {
		return 0, 0
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(2*rps)))
	}
	return rps, burst
}

// Reload reads the keys again if the store says they changed since the
// last load (one cheap query otherwise). Call it on a change notice and on
// a short ticker, for keys made by another process.
func (k *Keys) Reload(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, err := k.store.APIKeysVersion(ctx)
	if err != nil {
		return err
	}
	if k.loaded && v == k.version {
		return nil
	}
	keys, err := k.store.ListAPIKeys(ctx)
	if err != nil {
		return err
	}
	t := &keyTable{byHash: make(map[[32]byte]*keyEntry, len(keys))}
	for _, key := range keys {
		if key.Disabled || len(key.Hash) != 32 {
			continue
		}
		var l *keyLimiter
		if rps, burst := k.limits(key); rps > 0 {
			l = k.limiters[key.ID]
			if l == nil || l.rps != rps || l.burst != burst {
				l = &keyLimiter{lim: rate.NewLimiter(rate.Limit(rps), burst), rps: rps, burst: burst}
				k.limiters[key.ID] = l
			}
		} else {
			delete(k.limiters, key.ID)
		}
		t.byHash[[32]byte(key.Hash)] = &keyEntry{customer: NewCustomer(key), limiter: l}
	}
	k.table.Store(t)
	k.version, k.loaded = v, true
	return nil
}

// Len returns how many enabled keys are loaded.
func (k *Keys) Len() int { return len(k.table.Load().byHash) }

// Authenticate returns the customer whose key secret is presented. It
// returns EUNAUTHORIZED for a missing, unknown or disabled key and
// ERATELIMIT when the key has used up its rate. Only a hash of the secret
// is compared, and a map lookup by hash does not reveal how much of a
// wrong secret was right.
func (k *Keys) Authenticate(secret string) (*Customer, error) {
	if secret == "" {
		return nil, errNoKey
	}
	if len(secret) > 256 {
		return nil, errBadKey
	}
	e := k.table.Load().byHash[sha256.Sum256([]byte(secret))]
	if e == nil {
		return nil, errBadKey
	}
	if e.limiter != nil && !e.limiter.lim.Allow() {
		k.refused(e)
		return e.customer, errRateLimited
	}
	return e.customer, nil
}

// refused reports a request refused for its key's rate: to the
// RateLimited hook every time, to the log at most once a second per key.
// Every refusal is a call the client puts through unscreened, so it must
// never pass in silence.
func (k *Keys) refused(e *keyEntry) {
	name := e.customer.Key.Name
	if k.cfg.RateLimited != nil {
		k.cfg.RateLimited(name)
	}
	l := e.limiter
	l.refused.Add(1)
	if k.cfg.Logger == nil {
		return
	}
	now := time.Now().UnixNano()
	last := l.lastWarn.Load()
	if now-last < int64(time.Second) || !l.lastWarn.CompareAndSwap(last, now) {
		return
	}
	n := l.refused.Swap(0)
	k.cfg.Logger.Warn("screening API key over its rate limit: its calls go through unscreened until it slows down",
		"key", name, "refused", n, "rate_limit", l.rps, "burst", l.burst,
		"fix", "hangup apikey set --name "+name+" --rate 0 (no limit) or a higher --rate")
}

var (
	errNoKey = hangup.Errorf(hangup.EUNAUTHORIZED,
		"Screening needs an API key: send it as \"Authorization: Bearer KEY\", as the X-API-Key header, as the HTTP Basic password, or as ?key=KEY. Make one with \"hangup apikey add\".")
	errBadKey      = hangup.Errorf(hangup.EUNAUTHORIZED, "That API key is not valid (unknown or revoked).")
	errRateLimited = hangup.Errorf(hangup.ERATELIMIT, "This API key has made more requests than its rate limit allows. Slow down, or raise the key's limit (hangup apikey set --rate).")
)
