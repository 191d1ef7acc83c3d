package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/safefetch"
)

// Config tunes a Service. Zero fields take the defaults.
type Config struct {
	// Interval is how often each feed is fetched. Default 6 hours; feeds
	// ask for no more than a few times a day.
	Interval time.Duration
	// Timeout bounds one fetch, body included. Default 60 s.
	Timeout time.Duration
	// MaxBytes caps one feed's size. Default 64 MiB.
	MaxBytes int64
	// MaxEntries caps one feed's names. Default DefaultMaxEntries.
	MaxEntries int
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Client fetches; nil builds one under the outbound rules (public
	// addresses only). Tests pass one that may reach loopback.
	Client *safefetch.Client
	// Logger gets one line per refresh that failed. Default: discard.
	Logger *slog.Logger
}

// Service keeps the operator's feeds: it fetches them on schedule, stores
// each good copy, and serves an in-memory index of the enabled feeds. It is
// a hangup.SiteListings whose answers follow the latest Load. It is safe
// for concurrent use.
type Service struct {
	store  hangup.FeedStore
	cfg    Config
	client *safefetch.Client
	index  atomic.Pointer[Index]

	mu      sync.Mutex // serialises Load
	version int64
	loaded  bool
}

var _ hangup.SiteListings = (*Service)(nil)

// NewService returns a service over store. Call Load before serving.
func NewService(store hangup.FeedStore, cfg Config) *Service {
	if cfg.Interval <= 0 {
		cfg.Interval = 6 * time.Hour
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 64 << 20
	}
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = DefaultMaxEntries
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	client := cfg.Client
	if client == nil {
		client = safefetch.New(safefetch.Config{Timeout: cfg.Timeout, MaxBytes: cfg.MaxBytes, MaxRedirects: 3,
			UserAgent: "Hangup feed refresh"})
	}
	s := &Service{store: store, cfg: cfg, client: client}
	s.index.Store(NewIndex(nil))
	return s
}

// SiteListings implements hangup.SiteListings from the loaded index.
func (s *Service) SiteListings(host string) []hangup.SiteListing {
	return s.index.Load().SiteListings(host)
}

// Index returns the index in use.
func (s *Service) Index() *Index { return s.index.Load() }

// Load rebuilds the index from the store's enabled feeds, unless nothing
// changed since the last Load.
func (s *Service) Load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.store.FeedsVersion(ctx)
	if err != nil {
		return err
	}
	if s.loaded && v == s.version {
		return nil
	}
	feeds, err := s.store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	var sources []Source
	for _, f := range feeds {
		if f.Disabled {
			continue
		}
		es, err := s.store.FeedEntries(ctx, f.ID)
		if err != nil {
			return err
		}
		sources = append(sources, Source{Feed: f.Name, Entries: es})
	}
	s.index.Store(NewIndex(sources))
	s.version, s.loaded = v, true
	return nil
}

// Outcome is what one refresh did.
type Outcome string

// Outcomes of a refresh.
const (
	Updated     Outcome = "updated"      // a new copy was stored
	NotModified Outcome = "not_modified" // the server said 304: the copy stands
	Failed      Outcome = "failed"       // the old copy stands; Feed.LastError says why
)

// FetchError is a feed that could not be fetched or read, in plain words.
// The last good copy stays.
type FetchError struct{ Reason string }

func (e *FetchError) Error() string { return e.Reason }

// Store returns the store the service keeps feeds in.
func (s *Service) Store() hangup.FeedStore { return s.store }

// Refresh fetches one feed now, with the validators of its last good copy
// (a conditional GET), and stores the outcome: a new copy, a 304, or the
// failure, in which case the last good copy stays. The returned error is
// a *FetchError in plain words (also stored), or a store error.
func (s *Service) Refresh(ctx context.Context, f *hangup.Feed) (Outcome, error) {
	at := s.cfg.Now()
	list, etag, lastMod, status, ferr := s.fetch(ctx, f)
	if ferr != nil {
		if err := s.store.SaveFeedCheck(ctx, f.ID, at, ferr.Error()); err != nil {
			return Failed, err
		}
		return Failed, &FetchError{Reason: ferr.Error()}
	}
	if status == http.StatusNotModified {
		return NotModified, s.store.SaveFeedCheck(ctx, f.ID, at, "")
	}
	err := s.store.SaveFeedFetch(ctx, f.ID, hangup.FeedFetch{At: at, ETag: etag, LastModified: lastMod, Names: list.Names})
	return Updated, err
}

// fetch gets and parses the feed; errors are in plain words.
func (s *Service) fetch(ctx context.Context, f *hangup.Feed) (*List, string, string, int, error) {
	hdr := http.Header{}
	// Validators only help when there is a copy to keep.
	if f.Entries > 0 || !f.UpdatedAt.IsZero() {
		if f.ETag != "" {
			hdr.Set("If-None-Match", f.ETag)
		}
		if f.LastModified != "" {
			hdr.Set("If-Modified-Since", f.LastModified)
		}
	}
	resp, err := s.client.Get(ctx, f.URL, hdr)
	switch {
	case errors.Is(err, safefetch.ErrRefused):
		return nil, "", "", 0, fmt.Errorf("the feed's address was refused: %v", err)
	case errors.Is(err, safefetch.ErrTooLarge):
		return nil, "", "", 0, fmt.Errorf("the feed is larger than the %d MiB allowed", s.client.Config().MaxBytes>>20)
	case errors.Is(err, safefetch.ErrTooSlow):
		return nil, "", "", 0, fmt.Errorf("the feed did not arrive within %v", s.client.Config().Timeout)
	case err != nil:
		return nil, "", "", 0, fmt.Errorf("the feed could not be fetched: %v", err)
	}
	if resp.Status == http.StatusNotModified {
		return nil, "", "", resp.Status, nil
	}
	if resp.Status != http.StatusOK {
		return nil, "", "", resp.Status, fmt.Errorf("the feed's server answered with HTTP status %d", resp.Status)
	}
	if bytes.IndexByte(resp.Body[:min(len(resp.Body), 8192)], 0) >= 0 {
		return nil, "", "", resp.Status, errors.New("the feed is binary data, not a text list")
	}
	list, err := Parse(bytes.NewReader(resp.Body), f.Format, s.cfg.MaxEntries)
	if err != nil {
		return nil, "", "", resp.Status, errors.New(hangup.ErrorMessage(err))
	}
	return list, resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), resp.Status, nil
}

// RefreshDue refreshes every enabled feed not attempted within the
// interval, one at a time, and returns how many it tried. Several nodes
// sharing a database see each other's attempts in CheckedAt, so a feed is
// fetched about once per interval whatever the number of nodes.
func (s *Service) RefreshDue(ctx context.Context) (int, error) {
	feeds, err := s.store.ListFeeds(ctx)
	if err != nil {
		return 0, err
	}
	now := s.cfg.Now()
	n := 0
	for _, f := range feeds {
		if f.Disabled || now.Sub(f.CheckedAt) < s.cfg.Interval {
			continue
		}
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		n++
		if _, err := s.Refresh(ctx, f); err != nil {
			if hangup.ErrorCode(err) == hangup.EUNAVAILABLE || ctx.Err() != nil {
				return n, err
			}
			s.cfg.Logger.Warn("feed refresh failed; the last good copy stays", "feed", f.Name, "err", err)
		}
	}
	return n, nil
}

// Run refreshes due feeds and reloads the index every tick until ctx is
// done. A serving node calls it in its own goroutine.
func (s *Service) Run(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if _, err := s.RefreshDue(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("feed refresh", "err", err)
		}
		if err := s.Load(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("loading feeds", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
