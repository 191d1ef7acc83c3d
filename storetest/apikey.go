package storetest

import (
	"context"
	"crypto/sha256"
	"slices"
	"testing"

	"github.com/hangup-org/hangup"
)

func sampleKey(name string) *hangup.APIKey {
	h := sha256.Sum256([]byte("secret-" + name))
	return &hangup.APIKey{Name: name, Prefix: "hk_" + name[:1], Hash: h[:], RateLimit: 50, RateBurst: 100,
		Policy: hangup.ScreenPolicy{LabelAt: 10, WarnAt: 40, BlockAt: 90},
		Allow:  []string{"+441632960001", "+12025550100"}, Deny: []string{"+449061234567"}}
}

func testAPIKeys(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).APIKeys
	if s == nil {
		t.Skip("this database has no API key store")
	}
	if v, err := s.APIKeysVersion(ctx); err != nil || v != 0 {
		t.Errorf("empty store: version %d, %v; want 0", v, err)
	}
	if keys, err := s.ListAPIKeys(ctx); err != nil || len(keys) != 0 || keys == nil {
		t.Errorf("empty store: %v %v, want an empty, non-nil list", keys, err)
	}
	k := sampleKey("pbx-london")
	k.CreatedAt = t0
	if err := s.CreateAPIKey(ctx, k); err != nil || k.ID == 0 {
		t.Fatalf("CreateAPIKey: id %d, %v", k.ID, err)
	}
	v1, err := s.APIKeysVersion(ctx)
	if err != nil || v1 == 0 {
		t.Errorf("version after a create: %d %v", v1, err)
	}
	dup := sampleKey("pbx-london")
	dup.Hash = []byte("0123456789abcdef0123456789abcdef")
	if err := s.CreateAPIKey(ctx, dup); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("same name twice: %v, want ECONFLICT", err)
	}
	bad := sampleKey("bad")
	bad.Deny = []string{"0906 123 4567"}
	if err := s.CreateAPIKey(ctx, bad); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a national number in a list: %v, want EINVALID", err)
	}
	bad = sampleKey("bad")
	bad.Policy = hangup.ScreenPolicy{LabelAt: 50, WarnAt: 40, BlockAt: 90}
	if err := s.CreateAPIKey(ctx, bad); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("thresholds out of order: %v, want EINVALID", err)
	}

	got, err := s.FindAPIKey(ctx, "pbx-london")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != k.ID || string(got.Hash) != string(k.Hash) || got.Prefix != k.Prefix || !got.CreatedAt.Equal(t0) ||
		got.Policy != k.Policy || got.RateLimit != 50 || got.RateBurst != 100 || got.Disabled {
		t.Errorf("FindAPIKey = %+v, want %+v", got, k)
	}
	if !sameSet(got.Allow, k.Allow) || !sameSet(got.Deny, k.Deny) {
		t.Errorf("lists allow %v deny %v, want %v %v", got.Allow, got.Deny, k.Allow, k.Deny)
	}
	// A key made without scopes can screen, as every key could before
	// scopes existed, and nothing else.
	if !got.HasScope(hangup.ScopeScreen) || got.HasScope(hangup.ScopeExport) {
		t.Errorf("a key made without scopes has scopes %v, want screening only", got.Scopes)
	}
	if _, err := s.FindAPIKey(ctx, "nobody"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("missing key: %v, want ENOTFOUND", err)
	}

	got.Disabled = true
	got.Policy.BlockAt = 101
	got.Allow = nil
	got.Deny = []string{"+447700900123"}
	got.Scopes = []string{hangup.ScopeExport}
	if err := s.UpdateAPIKey(ctx, got); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.APIKeysVersion(ctx)
	if v2 <= v1 {
		t.Errorf("version %d after an update, was %d: it must rise", v2, v1)
	}
	other := sampleKey("carrier")
	if err := s.CreateAPIKey(ctx, other); err != nil {
		t.Fatal(err)
	}
	keys, err := s.ListAPIKeys(ctx)
	if err != nil || len(keys) != 2 || keys[0].Name != "pbx-london" || keys[1].Name != "carrier" {
		t.Fatalf("ListAPIKeys: %v %v", keys, err)
	}
	if kk := keys[0]; !kk.Disabled || kk.Policy.BlockAt != 101 || len(kk.Allow) != 0 || !sameSet(kk.Deny, []string{"+447700900123"}) {
		t.Errorf("after update: %+v", kk)
	}
	if kk := keys[0]; kk.HasScope(hangup.ScopeScreen) || !kk.HasScope(hangup.ScopeExport) {
		t.Errorf("after update the scopes are %v, want export only", kk.Scopes)
	}
	exporter := sampleKey("exporter")
	exporter.Scopes = []string{hangup.ScopeExport, hangup.ScopeScreen}
	if err := s.CreateAPIKey(ctx, exporter); err != nil {
		t.Fatal(err)
	}
	if back, err := s.FindAPIKey(ctx, "exporter"); err != nil || !back.HasScope(hangup.ScopeExport) || !back.HasScope(hangup.ScopeScreen) {
		t.Errorf("a key made with both scopes reads back with %v (%v)", back.Scopes, err)
	}
	bad = sampleKey("badscope")
	bad.Scopes = []string{"admin"}
	if err := s.CreateAPIKey(ctx, bad); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("an unknown scope: %v, want EINVALID", err)
	}
	if !sameSet(keys[1].Allow, other.Allow) {
		t.Errorf("second key's lists: %+v", keys[1])
	}
	missing := sampleKey("ghost")
	missing.ID = 99999
	if err := s.UpdateAPIKey(ctx, missing); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("update of a missing key: %v, want ENOTFOUND", err)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
