package stir

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup/stir/stirtest"
)

// clock is a settable time source safe for concurrent use.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock    { c := &clock{}; c.set(t); return c }
func (c *clock) now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *clock) set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *clock) add(d time.Duration) { c.ns.Add(int64(d)) }

// certServer is an httptest TLS server on loopback that counts requests.
type certServer struct {
	*httptest.Server
	hits atomic.Int32
	port int
}

func newCertServer(t *testing.T, h http.HandlerFunc) *certServer {
	t.Helper()
	cs := &certServer{}
	cs.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cs.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(cs.Close)
	u, _ := url.Parse(cs.URL)
	cs.port, _ = strconv.Atoi(u.Port())
	return cs
}

// fetcher returns an HTTPFetcher that trusts the server's TLS certificate
// and may reach it on loopback at its random port — the documented test-only
// relaxations — with the given clock and a short timeout.
func (cs *certServer) fetcher(c *clock, mod func(*HTTPFetcherConfig)) *HTTPFetcher {
	pool := x509.NewCertPool()
	pool.AddCert(cs.Certificate())
	cfg := HTTPFetcherConfig{
		Timeout:       500 * time.Millisecond,
		RootCAs:       pool,
		AllowedPorts:  []int{cs.port},
		AllowLoopback: true,
		Now:           c.now,
	}
	if mod != nil {
		mod(&cfg)
	}
	return NewHTTPFetcher(cfg)
}

func servePEM(b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-pem-file")
		_, _ = w.Write(b)
	}
}

func TestHTTPFetcherCache(t *testing.T) {
	ca := stirtest.NewCA(t)
	sp := ca.IssueSP("567J", stirtest.SPOptions{NotAfter: t0.Add(48 * time.Hour)})
	short := ca.Intermediate().IssueSP("567J", stirtest.SPOptions{NotAfter: t0.Add(time.Hour)})
	srv := newCertServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sp.pem":
			servePEM(sp.PEM())(w, r)
		case "/short.pem":
			servePEM(short.PEM())(w, r)
		case "/sp.der":
			_, _ = w.Write(sp.Cert.Raw)
		default:
			http.Error(w, "no", http.StatusNotFound)
		}
	})
	clk := newClock(t0)
	f := srv.fetcher(clk, nil)
	ctx := context.Background()
	fetch := func(path string) ([]*x509.Certificate, error) { return f.Fetch(ctx, srv.URL+path) }

	certs, err := fetch("/sp.pem")
	if err != nil || len(certs) != 1 || !certs[0].Equal(sp.Cert) {
		t.Fatalf("first fetch: %v, %d certs", err, len(certs))
	}
	if _, err := fetch("/sp.pem"); err != nil || srv.hits.Load() != 1 {
		t.Fatalf("second fetch: err %v, hits %d, want a cache hit", err, srv.hits.Load())
	}
	clk.add(24*time.Hour - time.Second)
	if _, _ = fetch("/sp.pem"); srv.hits.Load() != 1 {
		t.Fatalf("within 24 h: hits %d, want 1", srv.hits.Load())
	}
	clk.add(2 * time.Second)
	if _, _ = fetch("/sp.pem"); srv.hits.Load() != 2 {
		t.Fatalf("after 24 h: hits %d, want 2", srv.hits.Load())
	}

	// A chain expiring in an hour is cached for an hour, not a day.
	clk.set(t0)
	certs, err = fetch("/short.pem")
	if err != nil || len(certs) != 2 {
		t.Fatalf("chain fetch: %v, %d certs, want leaf and intermediate", err, len(certs))
	}
	base := srv.hits.Load()
	clk.set(t0.Add(time.Hour - time.Second))
	if _, _ = fetch("/short.pem"); srv.hits.Load() != base {
		t.Fatalf("before NotAfter: refetched")
	}
	clk.set(t0.Add(time.Hour + time.Second))
	if _, _ = fetch("/short.pem"); srv.hits.Load() != base+1 {
		t.Fatalf("after NotAfter: hits %d, want %d", srv.hits.Load(), base+1)
	}

	// DER is accepted too.
	if certs, err := fetch("/sp.der"); err != nil || len(certs) != 1 {
		t.Fatalf("DER: %v", err)
	}

	// Failures are cached briefly.
	base = srv.hits.Load()
	for i := 0; i < 3; i++ {
		if _, err := fetch("/missing.pem"); err == nil || errors.Is(err, ErrX5URefused) {
			t.Fatalf("404: err %v, want a plain fetch error", err)
		}
	}
	if srv.hits.Load() != base+1 {
		t.Fatalf("404 fetched %d times, want 1 (negative cache)", srv.hits.Load()-base)
	}
	clk.add(time.Minute + time.Second)
	if _, _ = fetch("/missing.pem"); srv.hits.Load() != base+2 {
		t.Fatalf("after NegativeTTL: hits %d, want %d", srv.hits.Load(), base+2)
	}
}

func TestHTTPFetcherRefusals(t *testing.T) {
	sp := stirtest.NewCA(t).IssueSP("567J", stirtest.SPOptions{})
	big := strings.Repeat("x", 9<<10)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := newCertServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "/sp.pem", http.StatusFound)
		case "/sp.pem":
			servePEM(sp.PEM())(w, r)
		case "/big":
			_, _ = w.Write(append(sp.PEM(), big...))
		case "/big-chunked":
			_, _ = w.Write(sp.PEM())
			w.(http.Flusher).Flush() // no Content-Length: the cap must hold while reading
			_, _ = w.Write([]byte(big))
		case "/slow":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "/notpem":
			_, _ = w.Write([]byte("<html>hello</html>"))
		}
	})
	clk := newClock(t0)
	f := srv.fetcher(clk, func(c *HTTPFetcherConfig) { c.Timeout = 150 * time.Millisecond })
	host := strings.TrimPrefix(srv.URL, "https://")

	tests := []struct {
		name    string
		url     string
		refused bool // policy refusal (ErrX5URefused) rather than a plain failure
		reached bool // whether the server may see a request
	}{
		{"redirect", srv.URL + "/redirect", true, true},
		{"body over cap", srv.URL + "/big", false, true},
		{"chunked body over cap", srv.URL + "/big-chunked", false, true},
		{"slow server", srv.URL + "/slow", false, true},
		{"not a certificate", srv.URL + "/notpem", false, true},
		{"http scheme", "http://" + host + "/sp.pem", true, false},
		{"port not allowed", "https://127.0.0.1:444/sp.pem", true, false},
		{"default port outside the allow-list", "https://127.0.0.2/sp.pem", true, false},
		{"userinfo", "https://user:pw@" + host + "/sp.pem", true, false},
		{"query", srv.URL + "/sp.pem?x=1", true, false},
		{"empty query", srv.URL + "/sp.pem?", true, false},
		{"fragment", srv.URL + "/sp.pem#frag", true, false},
		{"no host", "https:///sp.pem", true, false},
		{"opaque", "https:sp.pem", true, false},
		{"private IP literal", "https://10.1.2.3/sp.pem", true, false},
		{"metadata IP literal", "https://169.254.169.254/latest", true, false},
		{"IPv6 unique local", "https://[fd00::1]/sp.pem", true, false},
		{"not a URL", "https://%zz/", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.hits.Load()
			start := time.Now()
			certs, err := f.Fetch(context.Background(), tt.url)
			if err == nil {
				t.Fatalf("got %d certs, want an error", len(certs))
			}
			if tt.refused && !errors.Is(err, ErrX5URefused) {
				t.Errorf("err = %v, want ErrX5URefused", err)
			}
			if !tt.reached && srv.hits.Load() != before {
				t.Errorf("server was contacted")
			}
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %s with a 150ms timeout", el)
			}
		})
	}
	if n := srv.hits.Load(); n < 5 {
		t.Errorf("server saw %d requests; the reachable cases did not reach it", n)
	}
}

// TestHTTPFetcherDialGuard shows the address check works on the resolved
// address: "localhost" passes every URL check, and only the dialer can see
// that it is loopback.
func TestHTTPFetcherDialGuard(t *testing.T) {
	sp := stirtest.NewCA(t).IssueSP("567J", stirtest.SPOptions{})
	srv := newCertServer(t, servePEM(sp.PEM()))
	f := srv.fetcher(newClock(t0), func(c *HTTPFetcherConfig) { c.AllowLoopback = false })
	_, err := f.Fetch(context.Background(), "https://localhost:"+strconv.Itoa(srv.port)+"/sp.pem")
	if !errors.Is(err, ErrX5URefused) {
		t.Fatalf("err = %v, want ErrX5URefused from the dialer", err)
	}
	if srv.hits.Load() != 0 {
		t.Fatal("server was reached")
	}
	// The same fetcher with loopback allowed gets through, so the refusal
	// above came from the address check and nothing else.
	f = srv.fetcher(newClock(t0), nil)
	if _, err := f.Fetch(context.Background(), "https://127.0.0.1:"+strconv.Itoa(srv.port)+"/sp.pem"); err != nil {
		t.Fatalf("with loopback allowed: %v", err)
	}
}

func TestHTTPFetcherSingleflight(t *testing.T) {
	sp := stirtest.NewCA(t).IssueSP("567J", stirtest.SPOptions{})
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := newCertServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-release
		servePEM(sp.PEM())(w, r)
	})
	f := srv.fetcher(newClock(t0), func(c *HTTPFetcherConfig) { c.Timeout = 5 * time.Second })
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			certs, err := f.Fetch(context.Background(), srv.URL+"/sp.pem")
			if err == nil && len(certs) != 1 {
				err = errors.New("wrong certificates")
			}
			errs <- err
		}()
	}
	<-arrived
	// A caller that gives up does not cancel the shared request.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Fetch(ctx, srv.URL+"/sp.pem"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v", err)
	}
	time.Sleep(20 * time.Millisecond) // let the other callers join the flight
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if h := srv.hits.Load(); h != 1 {
		t.Errorf("server hits = %d, want 1 for %d concurrent fetches", h, n)
	}
}

func TestMapFetcher(t *testing.T) {
	sp := stirtest.NewCA(t).IssueSP("567J", stirtest.SPOptions{})
	m := MapFetcher{}
	if err := m.AddPEM("https://a.example/sp.pem", sp.PEM()); err != nil {
		t.Fatal(err)
	}
	if err := m.AddPEM("https://b.example/sp.pem", []byte("junk")); err == nil {
		t.Error("AddPEM accepted junk")
	}
	if certs, err := m.Fetch(context.Background(), "https://a.example/sp.pem"); err != nil || !certs[0].Equal(sp.Cert) {
		t.Errorf("hit: %v", err)
	}
	if _, err := m.Fetch(context.Background(), "https://a.example/other.pem"); err == nil || errors.Is(err, ErrX5URefused) {
		t.Errorf("miss: %v, want a plain error", err)
	}
}

func TestVerifyOverHTTPS(t *testing.T) {
	ca := stirtest.NewCA(t)
	sp := ca.Intermediate().IssueSP("567J", stirtest.SPOptions{})
	srv := newCertServer(t, servePEM(sp.PEM()))
	clk := newClock(t0)
	v := mustVerifier(t, Config{TrustAnchors: ca.Pool(), Fetcher: srv.fetcher(clk, nil), Now: clk.now})
	x5u := srv.URL + "/sp.pem"
	for i := 0; i < 3; i++ {
		got := v.Verify(context.Background(), call(sp.Identity(claims(), x5u)))
		if got.Verstat != VerstatPassed || got.X5U != x5u {
			t.Fatalf("#%d: %s %s", i, got.Reason, got.Detail)
		}
	}
	if h := srv.hits.Load(); h != 1 {
		t.Errorf("server hits = %d, want 1", h)
	}
	// The production fetcher refuses the same loopback URL: 436.
	v = mustVerifier(t, Config{TrustAnchors: ca.Pool(), Fetcher: NewHTTPFetcher(HTTPFetcherConfig{}), Now: clk.now})
	if got := v.Verify(context.Background(), call(sp.Identity(claims(), x5u))); got.Reason != ReasonX5URefused || got.ReasonCode != 436 {
		t.Errorf("production policy: got %s/%d, want %s/436", got.Reason, got.ReasonCode, ReasonX5URefused)
	}
}

func TestLoadTrustAnchors(t *testing.T) {
	dir := t.TempDir()
	ca1, ca2 := stirtest.NewCA(t), stirtest.NewCA(t)
	write := func(name string, b []byte) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p1 := write("a.pem", ca1.PEM())
	write("b.crt", ca2.Cert.Raw) // DER
	write("README", []byte("not a certificate, ignored"))
	if err := os.Symlink(p1, dir+"/link.pem"); err != nil {
		t.Fatal(err)
	}

	pool, err := LoadTrustAnchors(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ca := range []*stirtest.CA{ca1, ca2} {
		sp := ca.IssueSP("1", stirtest.SPOptions{})
		if _, err := sp.Cert.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
			t.Errorf("anchor from directory not trusted: %v", err)
		}
	}
	if _, err := LoadTrustAnchors(p1); err != nil {
		t.Errorf("single file: %v", err)
	}
	bad := write("../bad.pem", []byte("not a certificate"))
	badDir := t.TempDir()
	if err := os.WriteFile(badDir+"/x.crt", []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{bad}, {dir + "/missing.pem"}, {}, {t.TempDir()}, {badDir}} {
		if _, err := LoadTrustAnchors(paths...); err == nil {
			t.Errorf("LoadTrustAnchors(%v) succeeded", paths)
		}
	}
}
