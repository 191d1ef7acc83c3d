package ftcdnc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// DefaultURL is where the FTC publishes each day's reported-calls file,
// {date} standing for the day (YYYY-MM-DD) the file is named after, which
// holds the complaints created the day before. The FTC has moved the files
// before: set --url (or ftc_url) when it does.
const DefaultURL = "https://www.ftc.gov/sites/default/files/DNC_Complaint_Numbers_{date}.csv"

// FetchConfig configures a Fetcher.
type FetchConfig struct {
	// URL is the address template with {date}. Default DefaultURL.
	URL string
	// Timeout bounds one file's download. Default 2 minutes.
	Timeout time.Duration
	// MaxBytes caps one file. Default 64 MiB (a day is about 1.5 MiB).
	MaxBytes int64
	// AllowPrivate lets the fetcher reach loopback and private addresses
	// and plain http: a local mirror, or a test server. Off, only public
	// addresses over https are reached, whatever a name resolves to.
	AllowPrivate bool
}

// Fetcher downloads the FTC's daily files. The address comes from
// configuration, but it is fetched as if hostile all the same: https only,
// no proxies, at most three redirects (each checked), a size and time cap,
// and no connection to a private, loopback or link-local address, checked
// on the address actually dialled so that DNS rebinding can't get round it.
type Fetcher struct {
	cfg    FetchConfig
	client *http.Client
}

// ErrRefused is wrapped by fetch errors caused by the address policy.
var ErrRefused = errors.New("ftcdnc: address refused by the fetch policy")

// ErrNoFile is returned for a day the FTC published no file (404).
var ErrNoFile = errors.New("ftcdnc: no file for that day")

// NewFetcher returns a fetcher with cfg's zero fields set to defaults.
func NewFetcher(cfg FetchConfig) (*Fetcher, error) {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if !strings.Contains(cfg.URL, "{date}") {
		return nil, fmt.Errorf("the address %q has no {date} for the day", cfg.URL)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 64 << 20
	}
	f := &Fetcher{cfg: cfg}
	if err := f.checkURL(strings.ReplaceAll(cfg.URL, "{date}", "2000-01-01")); err != nil {
		return nil, err
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: f.control}
	f.client = &http.Client{
		Timeout: cfg.Timeout,
		Transport: &http.Transport{Proxy: nil, DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second,
			ResponseHeaderTimeout: 30 * time.Second, MaxResponseHeaderBytes: 64 << 10},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return fmt.Errorf("%w: too many redirects", ErrRefused)
			}
			return f.checkURL(req.URL.String())
		},
	}
	return f, nil
}

// URL returns the address of day's file.
func (f *Fetcher) URL(day time.Time) string {
	return strings.ReplaceAll(f.cfg.URL, "{date}", day.Format("2006-01-02"))
}

// Get downloads day's file whole (at most MaxBytes). ErrNoFile if the
// server has none for that day.
func (f *Fetcher) Get(ctx context.Context, day time.Time) ([]byte, error) {
	u := f.URL(day)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ftcdnc: fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("%w (%s)", ErrNoFile, day.Format("2006-01-02"))
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("ftcdnc: fetch %s: HTTP %d", u, resp.StatusCode)
	case resp.ContentLength > f.cfg.MaxBytes:
		return nil, fmt.Errorf("ftcdnc: fetch %s: %d bytes is over the %d-byte cap", u, resp.ContentLength, f.cfg.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ftcdnc: fetch %s: %w", u, err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, fmt.Errorf("ftcdnc: fetch %s: over the %d-byte cap", u, f.cfg.MaxBytes)
	}
	return body, nil
}

func (f *Fetcher) checkURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		return fmt.Errorf("%w: %q is not an address", ErrRefused, raw)
	case u.User != nil:
		return fmt.Errorf("%w: no user names in the address", ErrRefused)
	case u.Scheme == "https", u.Scheme == "http" && f.cfg.AllowPrivate:
	default:
		return fmt.Errorf("%w: %s: only https", ErrRefused, raw)
	}
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil && !f.allowed(ip) {
		return fmt.Errorf("%w: %s is not a public address", ErrRefused, ip)
	}
	return nil
}

// control checks the address actually dialled.
func (f *Fetcher) control(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrRefused, address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !f.allowed(ip) {
		return fmt.Errorf("%w: %s is not a public address", ErrRefused, host)
	}
	return nil
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("240.0.0.0/4"), netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"), netip.MustParsePrefix("2001:db8::/32"),
}

func (f *Fetcher) allowed(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	if f.cfg.AllowPrivate {
		return ip.IsValid() && !ip.IsUnspecified() && !ip.IsMulticast()
	}
	if !ip.IsValid() || ip.IsLoopback() || ip.IsUnspecified() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// Days returns each day from from to to, inclusive, at most max of them.
func Days(from, to time.Time, max int) ([]time.Time, error) {
	from, to = from.UTC().Truncate(24*time.Hour), to.UTC().Truncate(24*time.Hour)
	if to.Before(from) {
		return nil, fmt.Errorf("the range ends (%s) before it starts (%s)", to.Format("2006-01-02"), from.Format("2006-01-02"))
	}
	var out []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if len(out) == max {
			return nil, fmt.Errorf("the range is longer than %d days", max)
		}
		out = append(out, d)
	}
	return out, nil
}
