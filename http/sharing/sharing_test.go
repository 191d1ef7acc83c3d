package sharing_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/apitest"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/sharing"
	"github.com/hangup-org/hangup/reputation"
)

// testServer is the whole server over a test environment.
type testServer struct {
	*hhttp.Server
	env *testenv.Env
}

func newTestServer(t *testing.T, cfg hhttp.Config) testServer {
	t.Helper()
	s, e := servertest.New(t, cfg)
	return testServer{Server: s, env: e}
}

// makeKey stores an API key with scopes and reloads the server's keys.
func makeKey(t *testing.T, s testServer, name string, scopes ...string) string {
	t.Helper()
	return s.env.Key(t, name, "", scopes...)
}

// reportScam files reports of number from n distinct accounts (org claimed
// by each) and refreshes reputation and the published list.
func reportScam(t *testing.T, s testServer, number string, n int, org string) {
	t.Helper()
	s.env.ReportScam(t, number, n, org)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(t *testing.T, s http.Handler, path, key string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func TestSharingNeedsAKeyWithTheExportScope(t *testing.T) {
	s := newTestServer(t, hhttp.DefaultConfig())
	screenOnly := makeKey(t, s, "pbx", hangup.ScopeScreen)
	exportOnly := makeKey(t, s, "fritzbox", hangup.ScopeExport)
	for _, path := range []string{"/api/v1/blocklist", "/api/v1/blocklist/file", "/api/v1/export/stix", "/api/v1/export/misp", "/api/v1/export/csv"} {
		if r := get(t, s, path, ""); r.status != 401 || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s without a key: %d %s", path, r.status, r.body)
		}
		if r := get(t, s, path, screenOnly); r.status != 403 {
			t.Errorf("%s with a screening key: %d, want 403", path, r.status)
		}
		if r := get(t, s, path, exportOnly); r.status != 200 {
			t.Errorf("%s with an export key: %d %s", path, r.status, r.body)
		}
	}
	// Least privilege both ways: an export key can't screen calls (403;
	// this server has no screening engine, which answers 503 first).
	if r := get(t, s, "/api/v1/screen?from=%2B441632960001&to=%2B441632960002", exportOnly); r.status != 503 && r.status != 403 {
		t.Errorf("screening with an export key: %d", r.status)
	}
	req := httptest.NewRequest("PROPFIND", "/carddav/blocklist/", nil)
	req.SetBasicAuth("fritz", screenOnly)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("CardDAV with a screening key: %d", rec.Code)
	}
}

func TestBlocklistSyncProtocol(t *testing.T) {
	s := newTestServer(t, hhttp.DefaultConfig())
	key := makeKey(t, s, "sync", hangup.ScopeExport)
	const scam, other = "+442034567895", "+442034567896"
	reportScam(t, s, scam, 20, "microsoft")

	r := get(t, s, "/api/v1/blocklist", key)
	first := decodeBody[blocklist.Response](t, r)
	if r.status != 200 || !first.Snapshot || first.Since != nil || len(first.Listings) != 1 || first.Listings[0] != (hangup.Listing{Number: scam, Label: hangup.ListScam}) {
		t.Fatalf("first pull: %d %s", r.status, r.body)
	}
	etag := r.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if r := get(t, s, "/api/v1/blocklist", key, "If-None-Match", etag); r.status != 304 {
		t.Errorf("repeat with If-None-Match: %d, want 304", r.status)
	}
	since := fmt.Sprintf("/api/v1/blocklist?since=%d", first.Version)
	r = get(t, s, since, key)
	if d := decodeBody[blocklist.Response](t, r); d.Snapshot || d.Version != first.Version || len(d.Changes) != 0 {
		t.Errorf("nothing changed: %s", r.body)
	}
	if r2 := get(t, s, since, key, "If-None-Match", r.header.Get("ETag")); r2.status != 304 {
		t.Errorf("since the current version with its ETag: %d, want 304", r2.status)
	}

	// Another number is listed, the first allowed: two changes.
	reportScam(t, s, other, 20, "")
	if err := s.env.Reputation.Allow(context.Background(), scam, true, "admin@example.org", "a bank's real line"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Blocklist.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	r = get(t, s, since, key, "If-None-Match", etag)
	d := decodeBody[blocklist.Response](t, r)
	if r.status != 200 || d.Snapshot || d.Version != first.Version+2 || len(d.Changes) != 2 ||
		d.Changes[0].Number != scam || d.Changes[0].Op != hangup.ListingRemoved ||
		d.Changes[1].Number != other || d.Changes[1].Op != hangup.ListingAdded {
		t.Errorf("changes since %d: %d %s", first.Version, r.status, r.body)
	}
	// A version the server never had gets the whole list.
	if d := decodeBody[blocklist.Response](t, get(t, s, "/api/v1/blocklist?since=999999", key)); !d.Snapshot || len(d.Listings) != 1 || d.Listings[0].Number != other {
		t.Errorf("unknown version: %+v", d)
	}
	if r := get(t, s, "/api/v1/blocklist?since=-1", key); r.status != 400 {
		t.Errorf("since=-1: %d", r.status)
	}
	// The file for PBXs.
	r = get(t, s, "/api/v1/blocklist/file?digits=true", key)
	if r.status != 200 || !strings.Contains(string(r.body), "\n442034567896\n") || strings.Contains(string(r.body), "+44") {
		t.Errorf("text file: %d %q", r.status, r.body)
	}
	if r := get(t, s, "/api/v1/blocklist/file?format=xml", key); r.status != 400 {
		t.Errorf("unknown format: %d", r.status)
	}
}

// TestPrivateLookupUsesOnlyTheDocumentedClientAlgorithm follows the
// algorithm the OpenAPI document gives, through a real HTTP server that
// records every request: the number itself is never sent, and the right
// entry is found.
func TestPrivateLookupUsesOnlyTheDocumentedClientAlgorithm(t *testing.T) {
	s := newTestServer(t, hhttp.DefaultConfig())
	const listed, unlisted = "+442034567895", "+442034567899"
	reportScam(t, s, listed, 20, "")
	var mu sync.Mutex
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		var b strings.Builder
		r.Header.Write(&b)
		sent = append(sent, r.Method+" "+r.URL.String()+"\n"+b.String())
		mu.Unlock()
		s.ServeHTTP(w, r)
	}))
	defer srv.Close()

	check := func(number string) (found bool, label string) {
		// The documented algorithm: SHA-256 of the E.164 string, lower-case
		// hex, send the first five digits, compare the full hash locally.
		sum := sha256.Sum256([]byte(number))
		full := hex.EncodeToString(sum[:])
		resp, err := http.Get(srv.URL + "/api/v1/lookup/" + full[:5])
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var lr sharing.LookupResponse
		if err := json.NewDecoder(resp.Body).Decode(&lr); err != nil || resp.StatusCode != 200 {
			t.Fatalf("lookup: %d %v", resp.StatusCode, err)
		}
		for _, m := range lr.Matches {
			if !strings.HasPrefix(m.Hash, full[:5]) {
				t.Errorf("match %s does not start with the prefix %s", m.Hash, full[:5])
			}
			if m.Hash == full {
				return true, string(m.Label)
			}
		}
		return false, ""
	}
	if ok, label := check(listed); !ok || label != "scam" {
		t.Errorf("the listed number was not found (%v %q)", ok, label)
	}
	if ok, _ := check(unlisted); ok {
		t.Error("an unlisted number was found")
	}
	for _, req := range sent {
		for _, n := range []string{listed, unlisted, strings.TrimPrefix(listed, "+"), "2034567895", "2034567899"} {
			if strings.Contains(req, n) {
				t.Errorf("a request carried the number %s:\n%s", n, req)
			}
		}
	}
	for _, bad := range []string{"abc", "abcdefg", "xyz1", "00000000000000000000"} {
		if r := get(t, s, "/api/v1/lookup/"+bad, ""); r.status != 400 {
			t.Errorf("prefix %q: %d, want 400", bad, r.status)
		}
	}
}

func TestPrivateLookupIsRateLimited(t *testing.T) {
	cfg := hhttp.DefaultConfig()
	cfg.RateLimit, cfg.LookupsPerHour, cfg.LookupBurst = 0, 10, 5
	s := newTestServer(t, cfg)
	limited := 0
	for range 12 {
		r := get(t, s, "/api/v1/lookup/abcd", "")
		if r.status == 429 {
			limited++
			if r.header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if limited != 7 {
		t.Errorf("%d of 12 lookups refused with a burst of 5, want 7", limited)
	}
}

func TestExportsShareNoReporterDataAndNoVerifiedNumber(t *testing.T) {
	s := newTestServer(t, hhttp.DefaultConfig())
	key := makeKey(t, s, "cert", hangup.ScopeExport)
	const scam = "+442034567895"
	reportScam(t, s, scam, 20, "microsoft")
	// A verified organisation's number reported as often: never exported.
	o, _, ok := s.env.Registry.Snapshot().OrganisationByNumber("+441793781800")
	if !ok {
		t.Skip("the shipped registry lacks IMEX's number")
	}
	s.env.Reputation.SetVerified(map[string]reputation.Verified{"+441793781800": {Organisation: o.Name, Number: "01793 781800"}})
	reportScam(t, s, "+441793781800", 30, o.ID)
	for _, path := range []string{"/api/v1/export/stix", "/api/v1/export/misp", "/api/v1/export/csv", "/api/v1/blocklist", "/api/v1/blocklist/file?format=csv"} {
		r := get(t, s, path, key)
		body := string(r.body)
		if r.status != 200 || !strings.Contains(body, "2034567895") {
			t.Errorf("%s: %d, the scam number missing: %.300s", path, r.status, body)
		}
		for _, secret := range []string{"1793781800", "ada@example.org", "Ada Reporter", "bank details", "user:"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s contains %q", path, secret)
			}
		}
	}
	stix := string(get(t, s, "/api/v1/export/stix", key).body)
	if !strings.Contains(stix, "Scam callers impersonating Microsoft") || !strings.Contains(stix, "[phone-number:value = '+442034567895']") {
		t.Errorf("STIX lacks the impersonation or the pattern: %.500s", stix)
	}
	if r := get(t, s, "/api/v1/export/stix?min_confidence=0.99", key); r.status != 200 || strings.Contains(string(r.body), "value = '+442034567895'") {
		t.Errorf("min_confidence=0.99 kept an entry of lower confidence: %d %.300s", r.status, r.body)
	}
	if r := get(t, s, "/api/v1/export/stix?min_confidence=2", key); r.status != 400 {
		t.Errorf("min_confidence=2: %d", r.status)
	}
}

func decodeBody[T any](t *testing.T, r response) T {
	t.Helper()
	return apitest.Decode[T](t, r.body)
}
