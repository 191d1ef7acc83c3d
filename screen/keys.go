package screen

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"sync"
	"sync/atomic"

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

// KeysConfig sets the defaults for keys that don't set their own limits.
type KeysConfig struct {
	// RateLimit is requests per second per key (default 200: a busy PBX
	// sets up far fewer calls than that).
	RateLimit float64
	// RateBurst is the burst above it (default 400).
	RateBurst int
}

// Keys authenticates screening clients from memory: the API keys of the
// store, indexed by hash, each with its compiled Customer and its own
// token bucket. Reload swaps in a new table; buckets survive reloads, so
// a client cannot reset its limit by having its key edited.
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
	limiter  *keyLimiter
}

type keyLimiter struct {
	lim   *rate.Limiter
	rps   float64
	burst int
}

// NewKeys returns an empty key set over store; call Reload to load it.
func NewKeys(store hangup.APIKeyStore, cfg KeysConfig) *Keys {
	if cfg.RateLimit <= 0 {
		cfg.RateLimit = 200
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = 400
	}
	k := &Keys{store: store, cfg: cfg, limiters: map[int64]*keyLimiter{}}
	k.table.Store(&keyTable{byHash: map[[32]byte]*keyEntry{}})
	return k
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
		rps, burst := key.RateLimit, key.RateBurst
		if rps <= 0 {
			rps = k.cfg.RateLimit
		}
		if burst <= 0 {
			burst = k.cfg.RateBurst
		}
		l := k.limiters[key.ID]
		if l == nil || l.rps != rps || l.burst != burst {
			l = &keyLimiter{lim: rate.NewLimiter(rate.Limit(rps), burst), rps: rps, burst: burst}
			k.limiters[key.ID] = l
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
	if !e.limiter.lim.Allow() {
		return e.customer, errRateLimited
	}
	return e.customer, nil
}

var (
	errNoKey = hangup.Errorf(hangup.EUNAUTHORIZED,
		"Screening needs an API key: send it as \"Authorization: Bearer KEY\", as the X-API-Key header, or as ?key=KEY. Make one with \"hangup apikey add\".")
	errBadKey      = hangup.Errorf(hangup.EUNAUTHORIZED, "That API key is not valid (unknown or revoked).")
	errRateLimited = hangup.Errorf(hangup.ERATELIMIT, "This API key has made too many requests. Slow down, or ask for a higher limit.")
)
