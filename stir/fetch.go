package stir

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/hangup-org/hangup/safefetch"
)

// Fetcher returns the certificates an x5u URL designates, leaf first.
//
// Implementations that reach the network must enforce the x5u fetch policy
// themselves (HTTPFetcher does) and must return promptly once ctx is done.
// An error wrapping ErrX5URefused means the URL was refused by policy
// (Verify reports ReasonX5URefused); any other error means the certificate
// could not be had (ReasonCertFetch). Both are SIP 436.
type Fetcher interface {
	Fetch(ctx context.Context, x5u string) ([]*x509.Certificate, error)
}

// ErrX5URefused is wrapped by fetch errors caused by the x5u policy rather
// than by the remote side: wrong scheme or port, userinfo, query, fragment,
// a private or loopback address, a redirect.
var ErrX5URefused = errors.New("x5u refused by fetch policy")

// MapFetcher serves certificates from memory, keyed by the exact x5u string.
// It is for tests and for certificates an operator configures statically; it
// never touches the network, so it applies no URL policy. Fill it before use
// and do not modify it while a Verifier may read it.
type MapFetcher map[string][]*x509.Certificate

// Fetch returns the certificates stored under x5u.
func (m MapFetcher) Fetch(_ context.Context, x5u string) ([]*x509.Certificate, error) {
	certs, ok := m[x5u]
	if !ok || len(certs) == 0 {
		return nil, fmt.Errorf("stir: no certificate configured for x5u %q", clip(x5u, 128))
	}
	return certs, nil
}

// AddPEM parses PEM (or DER) certificates and stores them under x5u.
func (m MapFetcher) AddPEM(x5u string, data []byte) error {
	certs, err := ParseCertificates(data)
	if err != nil {
		return fmt.Errorf("stir: certificates for %s: %w", x5u, err)
	}
	m[x5u] = certs
	return nil
}

// HTTPFetcherConfig tunes an HTTPFetcher. The zero value is the production
// policy; the fields marked "tests only" weaken it and must stay off in
// production.
type HTTPFetcherConfig struct {
	// Timeout bounds one fetch end to end: DNS, connect, TLS, headers and
	// body. Default 2 s, inside the time a call can wait before it rings.
	Timeout time.Duration
	// MaxBytes caps the response body. Default 8 KiB: a leaf plus two
	// intermediates in PEM is about 3 KiB.
	MaxBytes int64
	// TTL is how long a fetched certificate set is cached, unless one of its
	// certificates expires sooner. Default 24 h.
	TTL time.Duration
	// NegativeTTL is how long a failure is cached, so a dead or hostile
	// x5u host is not asked again on every call. Default 1 min.
	NegativeTTL time.Duration
	// MaxEntries bounds the cache. Default 10,000.
	MaxEntries int
	// Now is the clock for cache expiry. Default time.Now.
	Now func() time.Time
	// RootCAs verifies the x5u server's TLS certificate. Default: the
	// system roots.
	RootCAs *x509.CertPool

	// AllowedPorts replaces the default {443, 8443}. Tests only: an
	// httptest server listens on a random port.
	AllowedPorts []int
	// AllowLoopback lets the dialer connect to 127.0.0.0/8 and ::1, and only
	// those, among otherwise refused addresses. Tests only.
	AllowLoopback bool
}

// HTTPFetcher fetches x5u certificates over HTTPS under the SHAKEN fetch
// policy, with a cache in front. An attacker chooses the x5u of every
// PASSporT it sends, so the fetcher treats the URL as hostile: https only,
// port 443 or 8443, no userinfo, query or fragment, no redirects, a small
// body, a short timeout, and no connection to private, loopback, link-local,
// unspecified or multicast addresses. The address check runs at dial time on
// the resolved IP, so DNS rebinding cannot slip past it. Concurrent fetches
// of one URL share a single request. It is safe for concurrent use.
type HTTPFetcher struct {
	cfg    HTTPFetcherConfig
	client *safefetch.Client
	group  singleflight.Group

	mu    sync.RWMutex
	cache map[string]*fetchEntry
}

type fetchEntry struct {
	certs   []*x509.Certificate
	err     error
	expires time.Time
}

var _ Fetcher = (*HTTPFetcher)(nil)
var _ Fetcher = MapFetcher(nil)

// NewHTTPFetcher returns a fetcher with cfg's zero fields set to defaults.
func NewHTTPFetcher(cfg HTTPFetcherConfig) *HTTPFetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Second
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 8 << 10
	}
	if cfg.TTL <= 0 {
		cfg.TTL = 24 * time.Hour
	}
	if cfg.NegativeTTL <= 0 {
		cfg.NegativeTTL = time.Minute
	}
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = 10000
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.AllowedPorts) == 0 {
		cfg.AllowedPorts = []int{443, 8443}
	}
	f := &HTTPFetcher{cfg: cfg, cache: map[string]*fetchEntry{}}
	// The outbound rules every attacker-chosen address shares (public
	// addresses checked at dial time, no proxy, no cookies, capped body,
	// one deadline), narrowed to the SHAKEN policy: https only, the x5u
	// ports, no redirects.
	f.client = safefetch.New(safefetch.Config{
		Timeout:       cfg.Timeout,
		MaxBytes:      cfg.MaxBytes,
		MaxRedirects:  0,
		Schemes:       []string{"https"},
		Ports:         cfg.AllowedPorts,
		RootCAs:       cfg.RootCAs,
		UserAgent:     "Hangup (STIR/SHAKEN x5u)",
		AllowLoopback: cfg.AllowLoopback,
	})
	return f
}

// Fetch returns the certificates at x5u from the cache or, on a miss, from
// the network. Failures are cached for NegativeTTL; successes for TTL but
// never past the earliest NotAfter among the certificates.
func (f *HTTPFetcher) Fetch(ctx context.Context, x5u string) ([]*x509.Certificate, error) {
	if err := f.checkURL(x5u); err != nil {
		return nil, err
	}
	now := f.cfg.Now()
	f.mu.RLock()
	e := f.cache[x5u]
	f.mu.RUnlock()
	if e != nil && now.Before(e.expires) {
		return e.certs, e.err
	}
	ch := f.group.DoChan(x5u, func() (any, error) {
		// The shared request must not die with the first caller's context:
		// other callers wait on it. Its own timeout bounds it instead.
		certs, err := f.get(x5u)
		f.store(x5u, certs, err)
		return certs, err
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.([]*x509.Certificate), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("stir: fetch %s: %w", clip(x5u, 128), ctx.Err())
	}
}

func (f *HTTPFetcher) store(x5u string, certs []*x509.Certificate, err error) {
	now := f.cfg.Now()
	exp := now.Add(f.cfg.NegativeTTL)
	if err == nil {
		exp = now.Add(f.cfg.TTL)
		for _, c := range certs {
			if c.NotAfter.Before(exp) {
				exp = c.NotAfter
			}
		}
		if !exp.After(now) {
			// Already expired: keep it only as briefly as a failure, so a
			// renewed certificate is picked up soon.
			exp = now.Add(f.cfg.NegativeTTL)
			if na := certs[0].NotAfter; na.After(now) && na.Before(exp) {
				exp = na
			}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.cache) >= f.cfg.MaxEntries {
		for k, e := range f.cache {
			if !now.Before(e.expires) {
				delete(f.cache, k)
			}
		}
		for k := range f.cache { // free an eighth, amortising the sweep
			if len(f.cache) <= f.cfg.MaxEntries-f.cfg.MaxEntries/8 {
				break
			}
			delete(f.cache, k)
		}
	}
	f.cache[x5u] = &fetchEntry{certs: certs, err: err, expires: exp}
}

func (f *HTTPFetcher) get(x5u string) ([]*x509.Certificate, error) {
	resp, err := f.client.Get(context.Background(), x5u, http.Header{"Accept": {"application/x-pem-file, application/pkix-cert;q=0.9"}})
	switch {
	case errors.Is(err, safefetch.ErrRefused):
		return nil, fmt.Errorf("%w: %s: %v", ErrX5URefused, clip(x5u, 128), err)
	case err != nil:
		return nil, fmt.Errorf("stir: fetch %s: %w", clip(x5u, 128), err)
	case resp.Status != http.StatusOK:
		return nil, fmt.Errorf("stir: fetch %s: HTTP status %d", clip(x5u, 128), resp.Status)
	}
	certs, err := ParseCertificates(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("stir: fetch %s: %w", clip(x5u, 128), err)
	}
	return certs, nil
}

// checkURL applies the static part of the x5u policy. The address part
// needs the resolved IP and runs at dial time, in package safefetch.
func (f *HTTPFetcher) checkURL(x5u string) error {
	refuse := func(why string) error {
		return fmt.Errorf("%w: %s: %s", ErrX5URefused, clip(x5u, 128), why)
	}
	if len(x5u) > 2048 {
		return refuse("URL too long")
	}
	u, err := url.Parse(x5u)
	if err != nil {
		return refuse("not a URL")
	}
	switch {
	case u.Scheme != "https":
		return refuse("scheme is not https")
	case u.Opaque != "" || u.Host == "":
		return refuse("no host")
	case u.User != nil:
		return refuse("userinfo not allowed")
	case u.RawQuery != "" || u.ForceQuery:
		return refuse("query not allowed")
	case u.Fragment != "" || strings.Contains(x5u, "#"):
		return refuse("fragment not allowed")
	}
	if err := f.client.CheckURL(u); err != nil {
		return refuse(err.Error())
	}
	return nil
}
