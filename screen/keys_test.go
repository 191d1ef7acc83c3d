package screen

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestKeys(t *testing.T) {
	w := newWorld(t, Config{})
	ctx := context.Background()
	secret, prefix, hash, err := NewKeySecret()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, KeyPrefix) || len(secret) < 40 || !strings.HasPrefix(secret, prefix) {
		t.Fatalf("secret %q prefix %q", secret, prefix)
	}
	key := &hangup.APIKey{Name: "pbx", Prefix: prefix, Hash: hash, RateLimit: 1, RateBurst: 2, Policy: hangup.DefaultScreenPolicy(), Deny: []string{telMobile}}
	if err := w.db.CreateAPIKey(ctx, key); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	refused := map[string]int{}
	var mu sync.Mutex
	keys := NewKeys(w.db, KeysConfig{Logger: slog.New(slog.NewTextHandler(&logged, nil)),
		RateLimited: func(name string) { mu.Lock(); refused[name]++; mu.Unlock() }})
	if _, err := keys.Authenticate(secret); hangup.ErrorCode(err) != hangup.EUNAUTHORIZED {
		t.Errorf("before loading: %v", err)
	}
	if err := keys.Reload(ctx); err != nil || keys.Len() != 1 {
		t.Fatalf("Reload: %d keys, %v", keys.Len(), err)
	}
	c, err := keys.Authenticate(secret)
	if err != nil || c.Key.Name != "pbx" {
		t.Fatalf("Authenticate: %v %v", c, err)
	}
	// The compiled customer carries the key's deny list.
	if d, _ := w.engine.Screen(ctx, hangup.ScreenRequest{From: telMobile, To: telLandline}, c); d.Action != hangup.ActionBlock {
		t.Errorf("customer's deny list not applied: %s", d.Action)
	}
	for _, tc := range []struct{ name, secret string }{{"empty", ""}, {"wrong", secret + "x"}, {"huge", strings.Repeat("k", 10000)}} {
		if _, err := keys.Authenticate(tc.secret); hangup.ErrorCode(err) != hangup.EUNAUTHORIZED {
			t.Errorf("%s key: %v, want EUNAUTHORIZED", tc.name, err)
		}
	}
	// Burst 2: the second valid call takes the last token, the third waits.
	if _, err := keys.Authenticate(secret); err != nil {
		t.Errorf("second call: %v", err)
	}
	if _, err := keys.Authenticate(secret); hangup.ErrorCode(err) != hangup.ERATELIMIT {
		t.Errorf("third call within a second: %v, want ERATELIMIT", err)
	}
	// The refusal is counted and logged at WARN with the key's name: a
	// refused screening request is a call put through unscreened.
	if refused["pbx"] != 1 {
		t.Errorf("RateLimited hook saw %v, want pbx once", refused)
	}
	if !strings.Contains(logged.String(), "level=WARN") || !strings.Contains(logged.String(), "key=pbx") {
		t.Errorf("no WARN line naming the key: %q", logged.String())
	}
	// Further refusals within the second are counted, not logged again.
	keys.Authenticate(secret)
	if n := strings.Count(logged.String(), "\n"); n != 1 || refused["pbx"] != 2 {
		t.Errorf("after a second refusal: %d log lines (want 1), hook saw %v", n, refused)
	}
	// An edit reloads the key but keeps its bucket: still limited.
	key.Policy.BlockAt = 101
	if err := w.db.UpdateAPIKey(ctx, key); err != nil {
		t.Fatal(err)
	}
	if err := keys.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if c, err := keys.Authenticate(secret); hangup.ErrorCode(err) != hangup.ERATELIMIT || c.Policy().BlockAt != 101 {
		t.Errorf("after an edit: %v (policy %+v); the bucket must survive and the policy change", err, c.Policy())
	}
	key.Disabled = true
	if err := w.db.UpdateAPIKey(ctx, key); err != nil {
		t.Fatal(err)
	}
	if err := keys.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := keys.Authenticate(secret); hangup.ErrorCode(err) != hangup.EUNAUTHORIZED {
		t.Errorf("revoked key: %v, want EUNAUTHORIZED", err)
	}
}

// TestKeysUnlimitedByDefault: a key made without --rate screens every call
// of a carrier at peak; only a key given a limit is ever refused.
func TestKeysUnlimitedByDefault(t *testing.T) {
	w := newWorld(t, Config{})
	ctx := context.Background()
	secret, prefix, hash, err := NewKeySecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.db.CreateAPIKey(ctx, &hangup.APIKey{Name: "carrier", Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		cfg     KeysConfig
		refused bool
	}{
		{"no server default", KeysConfig{}, false},
		{"a server default applies to keys without their own", KeysConfig{RateLimit: 100}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := NewKeys(w.db, tc.cfg)
			if err := keys.Reload(ctx); err != nil {
				t.Fatal(err)
			}
			refused := 0
			for range 5000 { // far above any burst, within well under a second
				if _, err := keys.Authenticate(secret); err != nil {
					if hangup.ErrorCode(err) != hangup.ERATELIMIT {
						t.Fatalf("Authenticate: %v", err)
					}
					refused++
				}
			}
			if (refused > 0) != tc.refused {
				t.Errorf("%d of 5000 requests refused; want refusals: %v", refused, tc.refused)
			}
		})
	}
}
