// Package safefetch is Hangup's outbound HTTP under one set of rules, for
// every address that someone else chose: a STIR/SHAKEN x5u certificate URL,
// a blocklist feed, a page a scammer named. The rules are those of the x5u
// fetcher, generalised: connect only to public addresses (the check runs at
// dial time on the address DNS returned, so DNS rebinding cannot slip past
// it), only to allowed ports and schemes, no proxy, no cookies, no
// userinfo, a capped number of redirects each checked again, a capped body
// and one deadline for the whole exchange.
package safefetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// Errors wrapped by Get, for callers that branch on the cause.
var (
	// ErrRefused: the address or a redirect was refused by the rules (a
	// private or loopback address, a port or scheme not allowed,
	// userinfo, too many redirects).
	ErrRefused = errors.New("refused by the outbound rules")
	// ErrTooLarge: the body exceeds the cap.
	ErrTooLarge = errors.New("response too large")
	// ErrTooSlow: the exchange did not finish within the time allowed.
	ErrTooSlow = errors.New("response too slow")
)

// Config is the policy of a Client. The zero value of each field takes the
// default.
type Config struct {
	// Timeout bounds one exchange end to end: DNS, connect, TLS, headers,
	// redirects and body. Default 10 s.
	Timeout time.Duration
	// MaxBytes caps the body. Default 1 MiB.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed, each checked like
	// the first address. Default 0: none (a redirect is refused); a
	// negative value also means none.
	MaxRedirects int
	// Schemes allowed. Default http and https.
	Schemes []string
	// Ports allowed. Default 80 and 443.
	Ports []int
	// RootCAs verifies servers' certificates. Default: the system roots.
	RootCAs *x509.CertPool
	// UserAgent sent with each request. Default "Hangup".
	UserAgent string
	// AllowLoopback lets the client connect to 127.0.0.0/8 and ::1, and
	// only those, among otherwise refused addresses. Tests only.
	AllowLoopback bool
	// AllowPrefixes lets the client connect to these otherwise refused
	// addresses: a test server on 127.0.0.2 while 127.0.0.1 stays
	// refused. Tests only.
	AllowPrefixes []netip.Prefix
}

// Client fetches under a Config. It is safe for concurrent use.
type Client struct {
	cfg  Config
	http *http.Client
}

// New returns a Client for cfg.
func New(cfg Config) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 1 << 20
	}
	if len(cfg.Schemes) == 0 {
		cfg.Schemes = []string{"http", "https"}
	}
	if len(cfg.Ports) == 0 {
		cfg.Ports = []int{80, 443}
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "Hangup"
	}
	c := &Client{cfg: cfg}
	dialer := &net.Dialer{Timeout: cfg.Timeout, Control: c.control}
	c.http = &http.Client{
		Timeout: cfg.Timeout,
		// No Jar: cookies are never stored or sent.
		Transport: &http.Transport{
			Proxy:                  nil, // a proxy would hide the real destination from control
			DialContext:            dialer.DialContext,
			TLSClientConfig:        &tls.Config{RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12},
			TLSHandshakeTimeout:    cfg.Timeout,
			ResponseHeaderTimeout:  cfg.Timeout,
			MaxResponseHeaderBytes: 32 << 10,
			MaxIdleConns:           32,
			IdleConnTimeout:        60 * time.Second,
			DisableCompression:     false,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrRefused, max(cfg.MaxRedirects, 0))
			}
			return c.CheckURL(req.URL)
		},
	}
	return c
}

// Config returns the client's policy, defaults filled in.
func (c *Client) Config() Config { return c.cfg }

// Response is a fetched response with its whole (capped) body.
type Response struct {
	URL    string // after redirects
	Status int
	Header http.Header
	Body   []byte
}

// Get fetches rawURL with the extra request headers hdr (e.g. conditional
// GET validators). A non-2xx status is not an error: the caller reads
// Status (304 has no body). Errors wrap ErrRefused, ErrTooLarge or
// ErrTooSlow when one of those is the cause.
func (c *Client) Get(ctx context.Context, rawURL string, hdr http.Header) (*Response, error) {
	return c.do(ctx, http.MethodGet, rawURL, hdr, nil)
}

// Post sends body to rawURL under the same rules as Get (a webhook
// delivery): the address is checked before and at dial time, redirects are
// refused unless MaxRedirects allows them, and the answer's body is capped.
// A non-2xx status is not an error.
func (c *Client) Post(ctx context.Context, rawURL string, hdr http.Header, body []byte) (*Response, error) {
	return c.do(ctx, http.MethodPost, rawURL, hdr, body)
}

func (c *Client) do(ctx context.Context, method, rawURL string, hdr http.Header, body []byte) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: not a URL", ErrRefused)
	}
	if err := c.CheckURL(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	for k, vs := range hdr {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.wrap(ctx, err)
	}
	defer resp.Body.Close()
	if resp.ContentLength > c.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, resp.ContentLength, c.cfg.MaxBytes)
	}
	got, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBytes+1))
	if err != nil {
		return nil, c.wrap(ctx, err)
	}
	if int64(len(got)) > c.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, c.cfg.MaxBytes)
	}
	return &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Header: resp.Header, Body: got}, nil
}

func (c *Client) wrap(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, ErrRefused):
		return err
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: no complete answer within %v", ErrTooSlow, c.cfg.Timeout)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: no complete answer within %v", ErrTooSlow, c.cfg.Timeout)
	}
	return err
}

// CheckURL applies the static rules to u: an allowed scheme and port, a
// host, no userinfo, and no literal address that is not public. The
// address rule runs again at dial time on the resolved address.
func (c *Client) CheckURL(u *url.URL) error {
	refuse := func(why string) error { return fmt.Errorf("%w: %s", ErrRefused, why) }
	if !slices.Contains(c.cfg.Schemes, u.Scheme) {
		return refuse("scheme " + strconv.Quote(u.Scheme) + " not allowed")
	}
	if u.Host == "" || u.Opaque != "" {
		return refuse("no host")
	}
	if u.User != nil {
		return refuse("a user name in the address is not allowed")
	}
	port := 443
	if u.Scheme == "http" {
		port = 80
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return refuse("bad port")
		}
		port = n
	}
	if !slices.Contains(c.cfg.Ports, port) {
		return refuse("port " + strconv.Itoa(port) + " not allowed")
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !c.allowed(ip) {
		return refuse("address " + ip.String() + " is not public")
	}
	return nil
}

// control runs after the socket is created and before it connects, with the
// address DNS actually returned.
func (c *Client) control(_, address string, _ syscall.RawConn) error {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: dial %s", ErrRefused, address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !c.allowed(ip) {
		return fmt.Errorf("%w: address %s is not public", ErrRefused, host)
	}
	n, err := strconv.Atoi(port)
	if err != nil || !slices.Contains(c.cfg.Ports, n) {
		return fmt.Errorf("%w: port %s not allowed", ErrRefused, port)
	}
	return nil
}

func (c *Client) allowed(ip netip.Addr) bool {
	if AddrAllowed(ip, c.cfg.AllowLoopback) {
		return true
	}
	ip = ip.Unmap().WithZone("")
	for _, p := range c.cfg.AllowPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// blockedPrefixes are the non-public ranges never reached, beyond what
// netip's predicates cover: carrier-grade NAT, IETF protocol assignments,
// benchmarking, documentation, reserved and NAT64 local use.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// AddrAllowed reports whether an outbound connection may go to ip: a
// public unicast address, or loopback when allowLoopback is set. Private,
// link-local (169.254.0.0/16, fe80::/10, cloud metadata services),
// unspecified, multicast and the reserved ranges above are refused.
func AddrAllowed(ip netip.Addr, allowLoopback bool) bool {
	ip = ip.Unmap().WithZone("")
	if ip.IsLoopback() {
		return allowLoopback
	}
	if !ip.IsValid() || ip.IsUnspecified() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
