package blocklist

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Response is the JSON of GET /api/v1/blocklist: the whole list
// (snapshot) or the changes since the client's version.
type Response struct {
	Version  int64                  `json:"version"`
	Snapshot bool                   `json:"snapshot"`
	Since    *int64                 `json:"since"` // null with a snapshot
	Listings []hangup.Listing       `json:"listings"`
	Changes  []hangup.ListingChange `json:"changes"`
}

// ResponseOf turns changes into their JSON form.
func ResponseOf(c *Changes) Response {
	r := Response{Version: c.Version, Snapshot: c.Snapshot, Listings: c.Listings, Changes: c.Changes}
	if !c.Snapshot {
		since := c.Since
		r.Since = &since
	}
	return r
}

// SyncConfig configures a Syncer.
type SyncConfig struct {
	// From is the central Hangup's address, e.g. https://hangup.example.org.
	From string
	// Key is an API key of the central Hangup with the export scope.
	Key string
	// Timeout bounds one pull. Default 60 s.
	Timeout time.Duration
	// MaxBytes caps one answer. Default 256 MiB (about five million
	// numbers in a snapshot).
	MaxBytes int64
	// Client makes the requests. Default: an http.Client with Timeout.
	Client *http.Client
}

// Syncer keeps a local Hangup's copy of a central one's blocklist. What it
// pulls is stored as that source's listings (hangup.SyncStore), so local
// screening blocks what the central one lists and goes on doing so while
// the central one is out of reach.
type Syncer struct {
	cfg    SyncConfig
	source string
	store  hangup.SyncStore
	// Changed, if set, runs after a pull changed the local listings (e.g.
	// refresh the reputation index now rather than at its next tick).
	Changed func(context.Context) error
	etag    string
	log     *slog.Logger
}

// NewSyncer checks cfg and returns a syncer storing into store.
func NewSyncer(cfg SyncConfig, store hangup.SyncStore, log *slog.Logger) (*Syncer, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.From))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, hangup.Invalid("The central Hangup's address is not valid.",
			hangup.FieldError{Field: "from", Message: "must be an http or https address such as https://hangup.example.org"})
	}
	if strings.TrimSpace(cfg.Key) == "" {
		return nil, hangup.Invalid("An API key is needed.", hangup.FieldError{Field: "key", Message: "an API key of the central Hangup with the export scope"})
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 256 << 20
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: cfg.Timeout}
	}
	if log == nil {
		log = slog.Default()
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return &Syncer{cfg: cfg, source: u.String(), store: store, log: log}, nil
}

// Source returns the normalised address listings are stored under.
func (s *Syncer) Source() string { return s.source }

// SyncResult says what one pull did.
type SyncResult struct {
	Version     int64
	Snapshot    bool
	Changes     int  // listings in a snapshot, or changes applied
	NotModified bool // the central list had not changed (304)
}

// Once pulls the changes since the version held (the whole list the first
// time) and stores them. If the central Hangup can't be reached, nothing
// local changes and the error is EUNAVAILABLE.
func (s *Syncer) Once(ctx context.Context) (SyncResult, error) {
	var res SyncResult
	since, known, err := s.held(ctx)
	if err != nil {
		return res, err
	}
	target := s.source + "/api/v1/blocklist"
	if known {
		target += "?since=" + strconv.FormatInt(since, 10)
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return res, err
	}
	req.Header.Set("Authorization", "Bearer "+s.cfg.Key)
	req.Header.Set("Accept", "application/json")
	if s.etag != "" && known {
		req.Header.Set("If-None-Match", s.etag)
	}
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return res, &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The central Hangup could not be reached; the listings held here stay in force.", Err: err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified, res.Version = true, since
		return res, nil
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return res, hangup.Errorf(hangup.EUNAUTHORIZED, "The central Hangup refused the API key (HTTP %d): it needs a key with the export scope.", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return res, hangup.Errorf(hangup.EUNAVAILABLE, "The central Hangup answered HTTP %d; the listings held here stay in force.", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, s.cfg.MaxBytes+1))
	if err != nil {
		return res, &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The central Hangup's answer was cut off; nothing was changed.", Err: err}
	}
	if int64(len(body)) > s.cfg.MaxBytes {
		return res, hangup.Errorf(hangup.ETOOLARGE, "The central Hangup's answer is larger than %d MiB; nothing was changed.", s.cfg.MaxBytes>>20)
	}
	var r Response
	if err := json.Unmarshal(body, &r); err != nil || r.Version < 0 || (!r.Snapshot && r.Since == nil) {
		return res, hangup.Errorf(hangup.EINVALID, "The central Hangup's answer is not a blocklist; nothing was changed.")
	}
	changes := r.Changes
	if r.Snapshot {
		changes = make([]hangup.ListingChange, len(r.Listings))
		for i, l := range r.Listings {
			changes[i] = hangup.ListingChange{Number: l.Number, Op: hangup.ListingAdded, Label: l.Label}
		}
	} else if known && *r.Since != since {
		return res, hangup.Errorf(hangup.EINVALID, "The central Hangup sent changes since version %d, not %d; nothing was changed.", *r.Since, since)
	}
	if err := s.store.ApplySync(ctx, s.source, r.Version, r.Snapshot, changes); err != nil {
		return res, err
	}
	s.etag = resp.Header.Get("ETag")
	res = SyncResult{Version: r.Version, Snapshot: r.Snapshot, Changes: len(changes)}
	if (len(changes) > 0 || r.Snapshot) && s.Changed != nil {
		if err := s.Changed(ctx); err != nil {
			return res, err
		}
	}
	return res, nil
}

// held returns the version of the central list stored here, if any.
func (s *Syncer) held(ctx context.Context) (int64, bool, error) {
	states, err := s.store.SyncStates(ctx)
	if err != nil {
		return 0, false, err
	}
	for _, st := range states {
		if st.Source == s.source {
			return st.Version, true, nil
		}
	}
	return 0, false, nil
}

// Run pulls every interval until ctx is done. Failures are logged and
// retried at the next interval; the local listings stay in force.
func (s *Syncer) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		res, err := s.Once(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("syncing the blocklist", "from", s.source, "err", err)
		case err == nil && !res.NotModified && res.Changes > 0:
			s.log.Info("synced the blocklist", "from", s.source, "version", res.Version, "snapshot", res.Snapshot, "changes", res.Changes)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
