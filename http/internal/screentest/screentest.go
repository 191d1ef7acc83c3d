// Package screentest starts a server with call screening, for the tests
// and benchmarks of the screening endpoints (package telephony) and of
// the server around them.
package screentest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/registry/registrytest"
	"github.com/hangup-org/hangup/report/reporttest"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/stir"
	"github.com/hangup-org/hangup/stir/stirtest"
)

// Now is the screening clock's fixed time.
var Now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// x5u is where the verifier fetches the test provider's certificates.
const x5u = "https://certs.example.test/sp.pem"

// Server is a server with call screening wired the way cmd/hangup wires
// it: real SQLite, registry, reputation, API keys and metrics, and a
// STIR/SHAKEN verifier trusting a test CA.
type Server struct {
	*hhttp.Server
	DB       *sqlite.DB
	Phone    *phone.Intel
	Registry *registry.Service
	Rep      *reputation.Service
	Keys     *screen.Keys
	Metrics  *metrics.Metrics
	SP       *stirtest.SP
	Secret   string // an API key with the default policy and limits
}

// New starts a screening server with cfg.
func New(t testing.TB, cfg hhttp.Config) *Server {
	t.Helper()
	ctx := context.Background()
	db, p, reg := reporttest.Base(t, "screen.db")
	registrytest.SetRole(t, reg, "imex", hangup.RoleCallsOut) // the "(verified)" label needs a number IMEX calls from
	rep := reputation.New(reputation.DefaultConfig(), db)
	rep.SetClock(func() time.Time { return Now })
	if err := rep.Load(ctx); err != nil {
		t.Fatal(err)
	}
	ca := stirtest.NewCA(t)
	sp := ca.IssueSP("1234", stirtest.SPOptions{})
	v, err := stir.NewVerifier(stir.Config{TrustAnchors: ca.Pool(), Fetcher: stir.MapFetcher{x5u: sp.Chain}, Now: func() time.Time { return Now }})
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	eng, err := screen.New(screen.Config{Numbers: p, Verifier: v, Now: func() time.Time { return Now }, Observer: m})
	if err != nil {
		t.Fatal(err)
	}
	eng.SetRegistry(reg.Snapshot())
	eng.SetReputation(rep.Index())
	rep.OnSwap(eng.SetReputation)
	secret, prefix, hash, _ := screen.NewKeySecret()
	if err := db.CreateAPIKey(ctx, &hangup.APIKey{Name: "pbx", Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	keys := screen.NewKeys(db, screen.KeysConfig{})
	if err := keys.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := hhttp.NewServer(cfg, hhttp.Deps{Checker: check.New(p, reg), Numbers: p, Registry: reg, Screen: eng, ScreenKeys: keys, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	return &Server{Server: s, DB: db, Phone: p, Registry: reg, Rep: rep, Keys: keys, Metrics: m, SP: sp, Secret: secret}
}

// AddKey stores another key and reloads the key set, returning its
// secret.
func (ss *Server) AddKey(t testing.TB, k hangup.APIKey) string {
	t.Helper()
	secret, prefix, hash, _ := screen.NewKeySecret()
	k.Prefix, k.Hash = prefix, hash
	if k.Policy == (hangup.ScreenPolicy{}) {
		k.Policy = hangup.DefaultScreenPolicy()
	}
	if err := ss.DB.CreateAPIKey(context.Background(), &k); err != nil {
		t.Fatal(err)
	}
	if err := ss.Keys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

// Response is an answer as a test reads it.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends a request with the headers hdr and answers what the server
// wrote.
func (ss *Server) Do(t testing.TB, method, target string, hdr map[string]string, body string) Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	ss.ServeHTTP(rec, req)
	return Response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

// Identity returns a SIP Identity header for a call from one number to
// another, signed by the test service provider with the time Now.
func (ss *Server) Identity(from, to string) string {
	return ss.SP.Identity(stirtest.Claims{Orig: strings.TrimPrefix(from, "+"), Dest: []string{strings.TrimPrefix(to, "+")}, IAT: Now}, x5u)
}
