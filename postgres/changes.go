package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var _ hangup.Changes = (*DB)(nil)

// PollInterval is how often a subscribed node reads the topics' version
// counters, catching any notice NOTIFY lost (a listening connection that
// was down, a node that was restarting).
var PollInterval = time.Second

// coalesce is how long the sender gathers notices before announcing them:
// at a thousand reports a second, other nodes get tens of notices a second
// instead of a thousand.
const coalesce = 20 * time.Millisecond

// feed is the change feed of one DB: a sender that announces this
// process's changes (a version bump and a NOTIFY per topic), and a
// listener, started on first Subscribe, that hears the other processes'.
type feed struct {
	db   *DB
	node string // this process's id in notice payloads, to skip its own

	mu       sync.Mutex
	subs     map[int]func(hangup.Change)
	nextSub  int
	versions map[string]int64 // the last version known per topic
	pending  map[string]bool  // topics this process changed, not yet announced
	kick     chan struct{}
	closed   bool
	cancel   context.CancelFunc
	ctx      context.Context
	wg       sync.WaitGroup
	sending  bool
	listened bool
}

func newFeed(db *DB) *feed {
	b := make([]byte, 8)
	rand.Read(b)
	ctx, cancel := context.WithCancel(context.Background())
	return &feed{db: db, node: hex.EncodeToString(b), subs: map[int]func(hangup.Change){},
		versions: map[string]int64{}, pending: map[string]bool{}, kick: make(chan struct{}, 1), ctx: ctx, cancel: cancel}
}

// channel is the NOTIFY channel of this installation: one per schema, so
// that installations (and tests) sharing a database don't wake each other.
func (db *DB) channel() string {
	if db.schema == "public" || db.schema == "" {
		return "hangup_changes"
	}
	h := fnv.New64a()
	h.Write([]byte(db.schema))
	return "hangup_changes_" + hex.EncodeToString(h.Sum(nil))
}

// Publish implements hangup.Changes: local subscribers hear at once, and
// the version bump and NOTIFY are committed before it returns.
func (db *DB) Publish(ctx context.Context, topic string) error {
	db.feed.deliver(hangup.Change{Topic: topic, Local: true})
	return db.withTx(ctx, func(tx pgx.Tx) error { return db.bumpInTx(ctx, tx, topic) })
}

// Subscribe implements hangup.Changes. The first subscription starts the
// listener; Close stops it.
func (db *DB) Subscribe(fn func(hangup.Change)) func() {
	f := db.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.nextSub
	f.nextSub++
	f.subs[id] = fn
	if !f.listened && !f.closed {
		f.listened = true
		f.wg.Add(1)
		go f.listen()
	}
	return func() {
		f.mu.Lock()
		delete(f.subs, id)
		f.mu.Unlock()
	}
}

// bumpInTx records a change of topic inside the transaction that makes it:
// the version bump and the NOTIFY take effect if and only if it commits.
func (db *DB) bumpInTx(ctx context.Context, tx pgx.Tx, topic string) error {
	var v int64
	err := tx.QueryRow(ctx, `INSERT INTO change_versions (topic, version) VALUES ($1, 1)
		ON CONFLICT (topic) DO UPDATE SET version = change_versions.version + 1 RETURNING version`, topic).Scan(&v)
	if err != nil {
		return wrap(err, "record change of %s", topic)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, db.channel(), topic+" "+db.feed.node); err != nil {
		return wrap(err, "notify change of %s", topic)
	}
	db.feed.seen(topic, v)
	return nil
}

// changed tells local subscribers about a committed change whose notice
// the transaction already carried (bumpInTx).
func (db *DB) changed(topic string) { db.feed.deliver(hangup.Change{Topic: topic, Local: true}) }

// changedAsync tells local subscribers about a committed change and has
// the sender announce it to other nodes shortly. Report writes use it: a
// NOTIFY in their own transaction would take PostgreSQL's notify-queue
// lock through every commit and serialise them.
func (db *DB) changedAsync(topic string) {
	f := db.feed
	f.deliver(hangup.Change{Topic: topic, Local: true})
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.pending[topic] = true
	if !f.sending {
		f.sending = true
		f.wg.Add(1)
		go f.send()
	}
	f.mu.Unlock()
	select {
	case f.kick <- struct{}{}:
	default:
	}
}

func (f *feed) seen(topic string, v int64) {
	f.mu.Lock()
	f.versions[topic] = max(f.versions[topic], v)
	f.mu.Unlock()
}

func (f *feed) deliver(c hangup.Change) {
	f.mu.Lock()
	subs := make([]func(hangup.Change), 0, len(f.subs))
	for _, fn := range f.subs {
		subs = append(subs, fn)
	}
	f.mu.Unlock()
	for _, fn := range subs {
		fn(c)
	}
}

// send announces pending topics until the feed closes, gathering what
// arrives within coalesce into one transaction.
func (f *feed) send() {
	defer f.wg.Done()
	for {
		select {
		case <-f.ctx.Done():
			return
		case <-f.kick:
		}
		select {
		case <-f.ctx.Done():
		case <-time.After(coalesce):
		}
		if err := f.flush(f.ctx); err != nil && f.ctx.Err() == nil {
			// Keep the topics pending and try again; meanwhile other
			// nodes still catch up through their periodic refresh.
			time.Sleep(time.Second)
			select {
			case f.kick <- struct{}{}:
			default:
			}
		}
	}
}

// flush announces every pending topic in one transaction.
func (f *feed) flush(ctx context.Context) error {
	f.mu.Lock()
	topics := make([]string, 0, len(f.pending))
	for t := range f.pending {
		topics = append(topics, t)
	}
	clear(f.pending)
	f.mu.Unlock()
	if len(topics) == 0 {
		return nil
	}
	err := f.db.withTx(ctx, func(tx pgx.Tx) error {
		for _, t := range topics {
			if err := f.db.bumpInTx(ctx, tx, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.mu.Lock()
		for _, t := range topics {
			f.pending[t] = true
		}
		f.mu.Unlock()
	}
	return err
}

// close announces what is still pending (a command that imported reports
// and exits must still wake the serving nodes), then stops the goroutines.
func (f *feed) close() {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.closed = true
	f.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = f.flush(ctx)
	cancel()
	f.cancel()
	f.wg.Wait()
}

// listen holds a connection of its own LISTENing on the installation's
// channel, and polls the version counters every PollInterval and after
// every reconnection, so that a notice lost while it was away still
// arrives.
func (f *feed) listen() {
	defer f.wg.Done()
	backoff := 100 * time.Millisecond
	for f.ctx.Err() == nil {
		err := f.listenOnce()
		if f.ctx.Err() != nil {
			return
		}
		_ = err // the connection broke or could not be made: try again
		select {
		case <-f.ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (f *feed) listenOnce() error {
	ctx := f.ctx
	cfg := f.db.pool.Config().ConnConfig.Copy()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		// Polling still works through the pool if only new connections
		// fail; if the database is down it fails too, harmlessly.
		f.poll(ctx)
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{f.db.channel()}.Sanitize()); err != nil {
		return err
	}
	// Whatever changed while no connection was listening is caught here.
	f.poll(ctx)
	for {
		wctx, cancel := context.WithTimeout(ctx, PollInterval)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			f.heard(n)
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err) || wctx.Err() != nil:
			if conn.IsClosed() {
				return err
			}
			f.poll(ctx)
		default:
			return err
		}
	}
}

// heard handles one notice: "topic node".
func (f *feed) heard(n *pgconn.Notification) {
	topic, node, _ := strings.Cut(n.Payload, " ")
	if node == f.node {
		return // this process delivered it locally when it committed
	}
	f.deliver(hangup.Change{Topic: topic})
}

// poll delivers every topic whose version moved since this process last
// looked, for the notices NOTIFY did not bring.
func (f *feed) poll(ctx context.Context) {
	rows, err := f.db.pool.Query(ctx, `SELECT topic, version FROM change_versions`)
	if err != nil {
		return
	}
	type tv struct {
		topic string
		v     int64
	}
	var all []tv
	for rows.Next() {
		var x tv
		if rows.Scan(&x.topic, &x.v) == nil {
			all = append(all, x)
		}
	}
	rows.Close()
	if rows.Err() != nil {
		return
	}
	var moved []string
	f.mu.Lock()
	for _, x := range all {
		if x.v > f.versions[x.topic] {
			f.versions[x.topic] = x.v
			moved = append(moved, x.topic)
		}
	}
	f.mu.Unlock()
	for _, t := range moved {
		f.deliver(hangup.Change{Topic: t})
	}
}

// withChange runs fn in a transaction that also records a change of topic
// (bumpInTx), and tells local subscribers once it has committed.
func (db *DB) withChange(ctx context.Context, topic string, fn func(pgx.Tx) error) error {
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return db.bumpInTx(ctx, tx, topic)
	})
	if err == nil {
		db.changed(topic)
	}
	return err
}
