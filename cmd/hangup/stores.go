package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/sqlite"
)

// Database is what an App needs of its database: every store of the domain
// and a readiness probe. sqlite.DB and postgres.DB both provide it.
type Database interface {
	hangup.OrganisationStore
	hangup.ReportStore
	hangup.ReputationStore
	hangup.UserStore
	hangup.SecretStore
	hangup.APIKeyStore
	hangup.SharedCheckStore
	hangup.SignInStore
	hangup.FeedStore
	hangup.SiteNumberStore
	hangup.BlocklistStore
	hangup.SyncStore
	hangup.OrgPortalStore
	hangup.AlertStore
	hangup.WebhookStore
	hangup.FigureStore
	hangup.ActivityStore
	Ping(ctx context.Context) error
	Close() error
}

// openDatabase opens the database that dsn names, a postgres:// or
// postgresql:// URL or else a SQLite file path, with its change feed.
//
// A PostgreSQL store announces its own writes on the feed (other nodes
// must hear of them). A SQLite database belongs to one process, so its
// feed is in-process, and the store is wrapped so that its writes are
// announced to this process's subscribers all the same.
func openDatabase(ctx context.Context, dsn string) (Database, hangup.Changes, error) {
	if postgres.IsURL(dsn) {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, nil, err
		}
		return db, db, nil
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	feed := sqlite.NewChanges()
	return &announcing{Database: db, changes: feed}, feed, nil
}

// displayDB names the database for logs and messages, without a password.
func displayDB(dsn string) string {
	if postgres.IsURL(dsn) {
		return postgres.Redact(dsn)
	}
	return dsn
}

// announcing publishes a topic after each write that changes what nodes
// hold in memory.
type announcing struct {
	Database
	changes hangup.Changes
}

func (a *announcing) announce(ctx context.Context, err error, topic string) error {
	if err == nil {
		_ = a.changes.Publish(ctx, topic) // in-process: cannot fail
	}
	return err
}

func (a *announcing) ReplaceOrganisations(ctx context.Context, orgs []*hangup.Organisation) error {
	return a.announce(ctx, a.Database.ReplaceOrganisations(ctx, orgs), hangup.TopicRegistry)
}

func (a *announcing) DeleteOrganisation(ctx context.Context, id string) error {
	return a.announce(ctx, a.Database.DeleteOrganisation(ctx, id), hangup.TopicRegistry)
}

// What organisations publish shows in the registry snapshot.
func (a *announcing) UpdateClaim(ctx context.Context, c *hangup.OrgClaim, e hangup.AuditEntry) error {
	return a.announce(ctx, a.Database.UpdateClaim(ctx, c, e), hangup.TopicRegistry)
}

func (a *announcing) CreateFact(ctx context.Context, f *hangup.OrgFact, e hangup.AuditEntry) error {
	return a.announce(ctx, a.Database.CreateFact(ctx, f, e), hangup.TopicRegistry)
}

func (a *announcing) UpdateFact(ctx context.Context, f *hangup.OrgFact, e hangup.AuditEntry) error {
	return a.announce(ctx, a.Database.UpdateFact(ctx, f, e), hangup.TopicRegistry)
}

func (a *announcing) CreateReport(ctx context.Context, r *hangup.Report, c *hangup.Contact, tokenHash []byte, ev []hangup.Evidence) error {
	err := a.Database.CreateReport(ctx, r, c, tokenHash, ev)
	if len(ev) == 0 {
		return err
	}
	return a.announce(ctx, err, hangup.TopicReputation)
}

func (a *announcing) CreateReports(ctx context.Context, rs []*hangup.Report, ev [][]hangup.Evidence) (int, int, error) {
	created, skipped, err := a.Database.CreateReports(ctx, rs, ev)
	if created > 0 {
		_ = a.changes.Publish(ctx, hangup.TopicReputation)
	}
	return created, skipped, err
}

func (a *announcing) DeleteReport(ctx context.Context, reference, actor string) error {
	return a.announce(ctx, a.Database.DeleteReport(ctx, reference, actor), hangup.TopicReputation)
}

func (a *announcing) SetAllowed(ctx context.Context, number string, allowed bool, actor, reason string) error {
	return a.announce(ctx, a.Database.SetAllowed(ctx, number, allowed, actor, reason), hangup.TopicReputation)
}

func (a *announcing) DecideAppeal(ctx context.Context, id int64, status hangup.AppealStatus, actor, reason string) (*hangup.Appeal, error) {
	ap, err := a.Database.DecideAppeal(ctx, id, status, actor, reason)
	return ap, a.announce(ctx, err, hangup.TopicReputation)
}

func (a *announcing) DecideSite(ctx context.Context, domain string, d hangup.SiteDecisionKind, actor, reason string) error {
	return a.announce(ctx, a.Database.DecideSite(ctx, domain, d, actor, reason), hangup.TopicReputation)
}

func (a *announcing) AddEvidence(ctx context.Context, e hangup.Evidence) (bool, error) {
	added, err := a.Database.AddEvidence(ctx, e)
	if !added {
		return added, err
	}
	return added, a.announce(ctx, err, hangup.TopicReputation)
}

func (a *announcing) CreateFeed(ctx context.Context, f *hangup.Feed) error {
	return a.announce(ctx, a.Database.CreateFeed(ctx, f), hangup.TopicFeeds)
}

func (a *announcing) SetFeedDisabled(ctx context.Context, name string, disabled bool) error {
	return a.announce(ctx, a.Database.SetFeedDisabled(ctx, name, disabled), hangup.TopicFeeds)
}

func (a *announcing) DeleteFeed(ctx context.Context, name string) error {
	return a.announce(ctx, a.Database.DeleteFeed(ctx, name), hangup.TopicFeeds)
}

func (a *announcing) SaveFeedFetch(ctx context.Context, id int64, fetch hangup.FeedFetch) error {
	return a.announce(ctx, a.Database.SaveFeedFetch(ctx, id, fetch), hangup.TopicFeeds)
}

func (a *announcing) PublishBlocklist(ctx context.Context, asOf int64, want []hangup.Listing) (hangup.BlocklistPublish, error) {
	res, err := a.Database.PublishBlocklist(ctx, asOf, want)
	if res.Added+res.Changed+res.Removed == 0 {
		return res, err
	}
	return res, a.announce(ctx, err, hangup.TopicBlocklist)
}

func (a *announcing) ApplySync(ctx context.Context, source string, version int64, full bool, changes []hangup.ListingChange) error {
	return a.announce(ctx, a.Database.ApplySync(ctx, source, version, full, changes), hangup.TopicReputation)
}

func (a *announcing) SetAlertStatus(ctx context.Context, id int64, from, to hangup.AlertStatus, actor, note string, at time.Time) error {
	return a.announce(ctx, a.Database.SetAlertStatus(ctx, id, from, to, actor, note, at), hangup.TopicAlerts)
}

func (a *announcing) CreateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	return a.announce(ctx, a.Database.CreateAPIKey(ctx, k), hangup.TopicAPIKeys)
}

func (a *announcing) UpdateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	return a.announce(ctx, a.Database.UpdateAPIKey(ctx, k), hangup.TopicAPIKeys)
}

// RefreshInterval is how often a serving node refreshes its reputation
// index whatever the change feed says: the backstop that bounds how stale
// a node can be if a notice is lost.
var RefreshInterval = 500 * time.Millisecond

// follower keeps an App's in-memory state in step with changes made
// through other nodes (or commands) sharing its database.
type follower struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
	unsub  func()
}

// follow starts reloading the registry and refreshing reputation when
// another process changes them, and refreshing reputation every
// RefreshInterval. Notices are coalesced per topic: while a reload runs,
// any number of further notices make one more.
func (a *App) follow() {
	ctx, cancel := context.WithCancel(context.Background())
	f := &follower{cancel: cancel}
	reload := map[string]func(context.Context) error{
		hangup.TopicRegistry:   a.Registry.Reload,
		hangup.TopicReputation: a.Reputation.Refresh,
		hangup.TopicFeeds:      a.Feeds.Load,
		hangup.TopicBlocklist:  a.Blocklist.Reload,
		hangup.TopicAlerts:     a.Alerts.Reload,
	}
	kicks := map[string]chan struct{}{}
	for topic := range reload {
		kicks[topic] = make(chan struct{}, 1)
	}
	f.unsub = a.Changes.Subscribe(func(c hangup.Change) {
		if c.Local {
			return // this process's services updated themselves
		}
		if k, ok := kicks[c.Topic]; ok {
			select {
			case k <- struct{}{}:
			default:
			}
		}
	})
	for topic, fn := range reload {
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			var tick <-chan time.Time
			if topic == hangup.TopicReputation {
				t := time.NewTicker(RefreshInterval)
				defer t.Stop()
				tick = t.C
			}
			for {
				select {
				case <-ctx.Done():
					return
				case <-kicks[topic]:
				case <-tick:
				}
				if err := fn(ctx); err != nil && !errors.Is(err, context.Canceled) {
					a.log.Log(ctx, logLevel(err), "following changes made elsewhere", "topic", topic, "err", err)
				}
			}
		}()
	}
	a.follower = f
}

// logLevel keeps a database that is briefly away from flooding the log
// with errors: it is reported, and the next tick tries again.
func logLevel(err error) slog.Level {
	if hangup.ErrorCode(err) == hangup.EUNAVAILABLE {
		return slog.LevelWarn
	}
	return slog.LevelError
}

// stop stops following and waits for a reload in progress.
func (f *follower) stop() {
	if f == nil {
		return
	}
	f.unsub()
	f.cancel()
	f.wg.Wait()
}

// checkWritable stands before every command other than serve that writes
// the database. It says on stderr which database the command uses — a
// SQLite file by its full path — and refuses to create a SQLite file that
// is not there unless create is set: run from another directory, or with
// a mistyped --db, a command would otherwise make a new, empty database
// that no server reads (a key made there fails every lookup with 401).
// PostgreSQL databases are never created by Hangup, only its tables in
// them.
func checkWritable(e *env, dsn string, create bool) error {
	if postgres.IsURL(dsn) {
		fmt.Fprintf(e.stderr, "Using the PostgreSQL database %s.\n", postgres.Redact(dsn))
		return nil
	}
	path, err := filepath.Abs(dsn)
	if err != nil {
		path = dsn
	}
	switch _, err := os.Stat(dsn); {
	case err == nil:
		fmt.Fprintf(e.stderr, "Using the database %s.\n", path)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("database %s: %w", path, err)
	case create:
		fmt.Fprintf(e.stderr, "Creating a new database at %s.\n", path)
	default:
		return usagef("there is no database at %s.\n"+
			"Give the one \"hangup serve\" uses with --db PATH (or HANGUP_DB, or run this where it keeps hangup.db),\n"+
			"or add --create to start a new, empty one there.", path)
	}
	return nil
}
