package ftcdnc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup/safefetch"
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
// configuration, but it is fetched as if hostile all the same, under the
// project's outbound rules (package safefetch): https only, no proxies, at
// most three redirects (each checked), a size and time cap, and no
// connection to a private, loopback or link-local address, checked on the
// address actually dialled so that DNS rebinding can't get round it.
type Fetcher struct {
	cfg    FetchConfig
	client *safefetch.Client
}

// ErrRefused is wrapped by fetch errors caused by the address policy.
var ErrRefused = safefetch.ErrRefused

// ErrNoFile is returned for a day the FTC published no file (404).
var ErrNoFile = errors.New("ftcdnc: no file for that day")

// privateRanges are what AllowPrivate opens besides loopback: a mirror on
// the operator's own network.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fc00::/7"),
}

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
	u, err := url.Parse(strings.ReplaceAll(cfg.URL, "{date}", "2000-01-01"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an address", ErrRefused, cfg.URL)
	}
	policy := safefetch.Config{Timeout: cfg.Timeout, MaxBytes: cfg.MaxBytes, MaxRedirects: 3, Schemes: []string{"https"},
		UserAgent: "Hangup (FTC DNC import)"}
	// The configured address's own port is allowed: the operator chose it.
	if p, err := strconv.Atoi(u.Port()); err == nil {
		policy.Ports = []int{80, 443, p}
	}
	if cfg.AllowPrivate {
		policy.Schemes = []string{"http", "https"}
		policy.AllowLoopback = true
		policy.AllowPrefixes = privateRanges
	}
	f := &Fetcher{cfg: cfg, client: safefetch.New(policy)}
	if err := f.client.CheckURL(u); err != nil {
		return nil, err
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
	resp, err := f.client.Get(ctx, u, nil)
	switch {
	case errors.Is(err, safefetch.ErrTooLarge):
		return nil, fmt.Errorf("ftcdnc: fetch %s: over the %d-byte cap: %w", u, f.cfg.MaxBytes, err)
	case err != nil:
		return nil, fmt.Errorf("ftcdnc: fetch %s: %w", u, err)
	case resp.Status == http.StatusNotFound:
		return nil, fmt.Errorf("%w (%s)", ErrNoFile, day.Format("2006-01-02"))
	case resp.Status != http.StatusOK:
		return nil, fmt.Errorf("ftcdnc: fetch %s: HTTP %d", u, resp.Status)
	}
	return resp.Body, nil
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
