package screen

import (
	"context"
	"strings"
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
	keys := NewKeys(w.db, KeysConfig{})
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
