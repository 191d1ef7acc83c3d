// Package blocklist publishes what Hangup is confident about: the numbers
// its own evidence makes scam numbers, as a versioned list every node
// serves alike, with the changes between versions for phones and PBXs that
// sync, a private lookup by hash prefix, an address book for phones that
// can only read CardDAV, and the items the standard exports (STIX, MISP,
// CSV) are made of. It also pulls another Hangup's list (Syncer).
//
// Only what is meant to be public leaves: numbers, labels, confidence,
// categories, counts, dates and the organisations scammers claimed to be.
// Never reporters, their keys, contact details or stories. Verified
// organisation numbers and allow-listed numbers are never listed, and
// anonymous reports alone never list a number as a scam (docs/sharing.md).
package blocklist

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/reputation"
)

// Config says what is published and how often.
type Config struct {
	// MinConfidence is the least confidence of a listed scam number.
	// Values below the reputation's scam line are raised to it: only
	// scam-level numbers are ever listed as scams. Default: the scam line.
	MinConfidence float64
	// Suspected also lists suspected numbers, labelled "suspected": a
	// warning that never blocks, on this node or on one that syncs from
	// it. Default false.
	Suspected bool
	// Every is how often each node publishes whatever the traffic, so
	// that decayed evidence leaves the list. Default 1 minute.
	Every time.Duration
	// MinGap is the least time between two publications made because a
	// client asked for the list after the evidence changed. Default 5 s.
	MinGap time.Duration
	// KeepChanges is how long the change log is kept: a client whose
	// version is older gets the whole list. Default 90 days.
	KeepChanges time.Duration
	// AddressBookSize caps the CardDAV address book, highest confidence
	// first: phones and routers hold a few thousand entries. Default 2,000.
	AddressBookSize int
}

// DefaultConfig returns the defaults described on Config.
func DefaultConfig() Config {
	return Config{Every: time.Minute, MinGap: 5 * time.Second, KeepChanges: 90 * 24 * time.Hour, AddressBookSize: 2000}
}

// Organisations finds registry organisations by id.
type Organisations interface {
	OrganisationByID(id string) (*hangup.Organisation, bool)
}

// Deps are what the service reads and writes.
type Deps struct {
	Reputation *reputation.Service
	Store      hangup.BlocklistStore
	Reports    hangup.ReportStore // organisations claimed per number, for exports
	Orgs       Organisations
	Logger     *slog.Logger
}

// Service publishes the blocklist and serves it.
type Service struct {
	cfg  Config
	deps Deps
	now  func() time.Time
	log  *slog.Logger
	view atomic.Pointer[View]

	mu          sync.Mutex // serialises publications
	published   *reputation.Index
	publishedAt time.Time
}

// New returns a service; call Publish (or Reload) before serving.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.Reputation == nil || deps.Store == nil {
		return nil, fmt.Errorf("blocklist: Reputation and Store are required")
	}
	d := DefaultConfig()
	rc := deps.Reputation.Config()
	cfg.MinConfidence = max(cfg.MinConfidence, rc.ScamAt)
	if cfg.MinConfidence > 1 {
		return nil, fmt.Errorf("blocklist: the least confidence %v is above 1", cfg.MinConfidence)
	}
	if cfg.Every <= 0 {
		cfg.Every = d.Every
	}
	if cfg.MinGap <= 0 {
		cfg.MinGap = d.MinGap
	}
	if cfg.KeepChanges <= 0 {
		cfg.KeepChanges = d.KeepChanges
	}
	if cfg.AddressBookSize <= 0 {
		cfg.AddressBookSize = d.AddressBookSize
	}
	s := &Service{cfg: cfg, deps: deps, now: time.Now, log: deps.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.view.Store(newView(nil, 0))
	return s, nil
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Config returns the configuration in force.
func (s *Service) Config() Config { return s.cfg }

// Publish computes the list from the current reputation index, stores it
// as the next version (changing nothing when a node with newer evidence
// already published), and reloads this node's view.
func (s *Service) Publish(ctx context.Context) (hangup.BlocklistPublish, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.publishLocked(ctx)
}

func (s *Service) publishLocked(ctx context.Context) (hangup.BlocklistPublish, error) {
	ix := s.deps.Reputation.Index()
	want := ix.Listed(s.now(), s.cfg.MinConfidence, s.cfg.Suspected)
	res, err := s.deps.Store.PublishBlocklist(ctx, ix.AsOf(), want)
	if err != nil {
		return res, err
	}
	s.published, s.publishedAt = ix, time.Now()
	if res.Added+res.Changed+res.Removed > 0 || res.Version != s.view.Load().Version {
		if err := s.Reload(ctx); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Fresh publishes first if the reputation index changed since the last
// publication and the last one is at least MinGap old: a client asking for
// the list soon after reports made a number scam gets it at once.
func (s *Service) Fresh(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.published == s.deps.Reputation.Index() || time.Since(s.publishedAt) < s.cfg.MinGap {
		return nil
	}
	_, err := s.publishLocked(ctx)
	return err
}

// Reload reads the published list into this node's view: after another
// node published (TopicBlocklist), or at start.
func (s *Service) Reload(ctx context.Context) error {
	ls, v, err := s.deps.Store.Blocklist(ctx)
	if err != nil {
		return err
	}
	s.view.Store(newView(ls, v))
	return nil
}

// Prune forgets changes older than KeepChanges.
func (s *Service) Prune(ctx context.Context) (int, error) {
	return s.deps.Store.PruneBlocklistChanges(ctx, s.now().Add(-s.cfg.KeepChanges))
}

// Run publishes every Every and prunes the change log daily until ctx is
// done. Failures are logged; the next round tries again. The first round
// waits one interval: a node starting up has enough to do, and clients
// asking for the list meanwhile get a fresh one anyway (Fresh).
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Every)
	defer t.Stop()
	lastPrune := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := s.Publish(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("publishing the blocklist", "err", err)
		}
		if time.Since(lastPrune) > 24*time.Hour {
			if n, err := s.Prune(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning the blocklist's change log", "err", err)
			} else if n > 0 {
				s.log.Info("pruned the blocklist's change log", "changes", n)
			}
			lastPrune = time.Now()
		}
	}
}

// View returns this node's view of the published list.
func (s *Service) View() *View { return s.view.Load() }

// View is the published list as a node last read it, indexed by the
// SHA-256 of each number for private lookups. Immutable.
type View struct {
	Version  int64
	Listings []hangup.Listing // ordered by number
	hashes   [][32]byte       // hashes[i] is the SHA-256 of Listings[i].Number
	byHash   []int            // indexes into Listings, ordered by hash
}

func newView(ls []hangup.Listing, version int64) *View {
	v := &View{Version: version, Listings: ls, hashes: make([][32]byte, len(ls)), byHash: make([]int, len(ls))}
	for i, l := range ls {
		v.hashes[i] = sha256.Sum256([]byte(l.Number))
		v.byHash[i] = i
	}
	sort.Slice(v.byHash, func(a, b int) bool {
		return string(v.hashes[v.byHash[a]][:]) < string(v.hashes[v.byHash[b]][:])
	})
	return v
}

// Changes is the answer to a sync request: the whole list, or the changes
// since the client's version.
type Changes struct {
	Version  int64
	Snapshot bool                   // Listings holds the whole list; Changes is empty
	Since    int64                  // the version the changes start from (without Snapshot)
	Listings []hangup.Listing       // ordered by number
	Changes  []hangup.ListingChange // ordered by number
}

// Version returns the current version from the database, publishing first
// if the evidence changed (see Fresh).
func (s *Service) Version(ctx context.Context) (int64, error) {
	if err := s.Fresh(ctx); err != nil {
		return 0, err
	}
	return s.deps.Store.BlocklistVersion(ctx)
}

// Since returns the changes after version since, or the whole list when
// since is nil, too old or unknown. It reads the database, so every node
// answers alike.
func (s *Service) Since(ctx context.Context, since *int64) (*Changes, error) {
	if err := s.Fresh(ctx); err != nil {
		return nil, err
	}
	if since != nil {
		cs, v, complete, err := s.deps.Store.BlocklistChanges(ctx, *since)
		if err != nil {
			return nil, err
		}
		if complete {
			return &Changes{Version: v, Since: *since, Listings: []hangup.Listing{}, Changes: cs}, nil
		}
	}
	ls, v, err := s.deps.Store.Blocklist(ctx)
	if err != nil {
		return nil, err
	}
	return &Changes{Version: v, Snapshot: true, Listings: ls, Changes: []hangup.ListingChange{}}, nil
}

// Hash returns the lower-case hex SHA-256 of an E.164 number as the
// private lookup uses it: the number as written, "+" and digits, UTF-8.
func Hash(e164 string) string {
	h := sha256.Sum256([]byte(e164))
	return hex.EncodeToString(h[:])
}

// Prefix lengths a private lookup accepts, in hex digits: 4 gives buckets
// of about one in 65,536 of the list, 6 one in sixteen million.
const (
	MinPrefix = 4
	MaxPrefix = 6
)

// Match is one listed number whose hash starts with the prefix asked for.
// It never carries the number: the phone compares the full hash.
type Match struct {
	Hash       string              `json:"hash"`
	Label      hangup.ListingLabel `json:"label"`
	Confidence float64             `json:"confidence"`
	Categories []string            `json:"categories"`
}

// Lookup returns the listings whose number's SHA-256, in hex, starts with
// prefix (4 to 6 hex digits, any case), ordered by hash. EINVALID for
// another prefix.
func (s *Service) Lookup(prefix string) ([]Match, error) {
	p := strings.ToLower(prefix)
	if len(p) < MinPrefix || len(p) > MaxPrefix || strings.Trim(p, "0123456789abcdef") != "" {
		return nil, hangup.Invalid("Send the first 4 to 6 hex digits of the number's SHA-256.",
			hangup.FieldError{Field: "prefix", Message: fmt.Sprintf("must be %d to %d hex digits (0-9, a-f)", MinPrefix, MaxPrefix)})
	}
	v := s.view.Load()
	// The hashes are sorted: find the first at or after the prefix.
	lo := sort.Search(len(v.byHash), func(i int) bool {
		return hex.EncodeToString(v.hashes[v.byHash[i]][:3])[:len(p)] >= p
	})
	out := []Match{}
	ix, now := s.deps.Reputation.Index(), s.now()
	for i := lo; i < len(v.byHash); i++ {
		h := hex.EncodeToString(v.hashes[v.byHash[i]][:])
		if !strings.HasPrefix(h, p) {
			break
		}
		l := v.Listings[v.byHash[i]]
		r := ix.Reputation(l.Number, now)
		out = append(out, Match{Hash: h, Label: l.Label, Confidence: r.Confidence, Categories: nonNil(r.Categories)})
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
