package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/migration"
	"github.com/hangup-org/hangup/postgres/pgtest"
	"github.com/jackc/pgx/v5/pgconn"
)

func open(t *testing.T, dsn string) *DB {
	t.Helper()
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func report(ref, number, reporter string) (*hangup.Report, []hangup.Evidence) {
	now := time.Now().UTC()
	r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "api", CreatedAt: now, UpdatedAt: now,
		NumberShown: number, NumberShownE164: number, ReporterKey: reporter, ReporterWeight: 0.5, Happened: []hangup.Happened{}}
	return r, []hangup.Evidence{{Number: number, ReporterKey: reporter, Weight: 0.5, At: now, ReportRef: ref, Source: "api"}}
}

// TestEvidenceSinceOutOfOrderCommit plays the interleaving that defeats a
// naive "id > last": a slow transaction draws a lower id, a fast one draws
// a higher id and commits, a reader replays, then the slow one commits.
func TestEvidenceSinceOutOfOrderCommit(t *testing.T) {
	ctx := context.Background()
	db := open(t, pgtest.DSN(t))
	slow, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback(ctx)
	var slowID int64
	if err := slow.QueryRow(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, at, report_ref)
		VALUES ('+441632960001', 'anon:slow', 0.5, now(), 'HU-SLOW-0001') RETURNING id`).Scan(&slowID); err != nil {
		t.Fatal(err)
	}
	r, ev := report("HU-FAST-0001", "+441632960002", "anon:fast")
	if err := db.CreateReport(ctx, r, nil, []byte("fast"), ev); err != nil {
		t.Fatal(err)
	}
	var first []hangup.Evidence
	last, err := db.EvidenceSince(ctx, 0, func(e hangup.Evidence) error { first = append(first, e); return nil })
	if err != nil || len(first) != 1 || first[0].ReportRef != "HU-FAST-0001" {
		t.Fatalf("first replay: %+v, %v; want only the fast row", first, err)
	}
	if err := slow.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	// The scenario is real: the slow row's id is below the fast one's, so
	// "id > the fast row's id" would never return it.
	var fastID int64
	if err := db.pool.QueryRow(ctx, `SELECT id FROM reputation_evidence WHERE report_ref = 'HU-FAST-0001'`).Scan(&fastID); err != nil {
		t.Fatal(err)
	}
	if slowID >= fastID {
		t.Fatalf("slow id %d, fast id %d: the test did not set up an out-of-order commit", slowID, fastID)
	}
	var second []hangup.Evidence
	if _, err := db.EvidenceSince(ctx, last, func(e hangup.Evidence) error { second = append(second, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(second) != 1 || second[0].ReportRef != "HU-SLOW-0001" || second[0].ID <= last {
		t.Errorf("second replay after %d: %+v; want the slow row with a higher id", last, second)
	}
}

// TestEvidenceSinceConcurrentWriters replays incrementally while several
// nodes write, and checks that the replay saw every row exactly once.
func TestEvidenceSinceConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	nodes := []*DB{open(t, dsn), open(t, dsn), open(t, dsn)}
	const perWriter = 40
	var wg sync.WaitGroup
	var writeErrs atomic.Int64
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := nodes[w%len(nodes)]
			for i := range perWriter {
				ref := fmt.Sprintf("HU-W%03d-%04d", w, i)
				r, ev := report(ref, fmt.Sprintf("+4416329%05d", w*1000+i), fmt.Sprintf("anon:%d", w))
				if err := db.CreateReport(ctx, r, nil, []byte(ref), ev); err != nil {
					t.Error(err)
					writeErrs.Add(1)
				}
			}
		}()
	}
	done := make(chan struct{})
	seen := map[string]int{}
	var last int64
	replay := func() {
		var err error
		last, err = nodes[0].EvidenceSince(ctx, last, func(e hangup.Evidence) error {
			seen[e.ReportRef]++
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			replay()
		}
	}
	replay()
	want := 6*perWriter - int(writeErrs.Load())
	if len(seen) != want {
		t.Errorf("incremental replay saw %d rows, want %d", len(seen), want)
	}
	for ref, n := range seen {
		if n != 1 {
			t.Errorf("%s replayed %d times", ref, n)
		}
	}
}

// TestEvidenceDedupAcrossNodes sends the same person's report about the
// same number through two nodes at once: one unit of evidence, not two.
func TestEvidenceDedupAcrossNodes(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	a, b := open(t, dsn), open(t, dsn)
	for round := range 10 {
		number := fmt.Sprintf("+44163296%04d", round)
		var wg sync.WaitGroup
		for i, db := range []*DB{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ref := fmt.Sprintf("HU-DUP%d-%04d", round, i)
				r, ev := report(ref, number, "anon:same")
				if err := db.CreateReport(ctx, r, nil, []byte(ref), ev); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		var n int
		if err := a.pool.QueryRow(ctx, `SELECT count(*) FROM reputation_evidence WHERE number = $1`, number).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("round %d: %d evidence rows for one reporter, want 1", round, n)
		}
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()

	t.Run("twice is a no-op", func(t *testing.T) {
		dsn := pgtest.DSN(t)
		for i := range 2 {
			db := open(t, dsn)
			v, err := db.SchemaVersion(ctx)
			if err != nil || v != Migrations() {
				t.Errorf("open %d: schema version %d, %v; want %d", i, v, err, Migrations())
			}
		}
	})

	t.Run("nodes migrating at once", func(t *testing.T) {
		dsn := pgtest.DSN(t)
		var wg sync.WaitGroup
		dbs := make([]*DB, 6)
		for i := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := Open(ctx, dsn)
				if err != nil {
					t.Errorf("node %d: %v", i, err)
					return
				}
				dbs[i] = db
			}()
		}
		wg.Wait()
		for _, db := range dbs {
			if db != nil {
				defer db.Close()
			}
		}
		if dbs[0] == nil {
			t.FailNow()
		}
		var rows, distinct int
		if err := dbs[0].pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&rows, &distinct); err != nil {
			t.Fatal(err)
		}
		if rows != Migrations() || distinct != Migrations() {
			t.Errorf("schema_migrations has %d rows (%d versions), want each of %d once", rows, distinct, Migrations())
		}
	})

	t.Run("a failing migration leaves nothing half-applied", func(t *testing.T) {
		db := open(t, pgtest.DSN(t))
		ms, err := loadMigrations(migrations)
		if err != nil {
			t.Fatal(err)
		}
		bad := append(ms, migration.Migration{Version: len(ms) + 1, Name: "bad.sql", SQL: `CREATE TABLE half (id int); SELECT no_such_function();`})
		err = db.migrateWith(ctx, bad)
		if err == nil {
			t.Fatal("a broken migration succeeded")
		}
		var exists bool
		if err := db.pool.QueryRow(ctx, `SELECT to_regclass('half') IS NOT NULL`).Scan(&exists); err != nil {
			t.Fatal(err)
		}
		if exists {
			t.Error("the failed migration's first statement was kept")
		}
		if v, _ := db.SchemaVersion(ctx); v != len(ms) {
			t.Errorf("schema version %d after a failed migration, want %d", v, len(ms))
		}
	})

	t.Run("a newer schema is refused", func(t *testing.T) {
		dsn := pgtest.DSN(t)
		db := open(t, dsn)
		if _, err := db.pool.Exec(ctx, `INSERT INTO schema_migrations VALUES (999, '0999_future.sql', now())`); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ctx, dsn); hangup.ErrorCode(err) != hangup.ECONFLICT {
			t.Errorf("opening a newer schema: %v, want ECONFLICT", err)
		}
	})
}

// TestLostConnection kills the store's server connections under it: the
// next operations reconnect and succeed.
func TestLostConnection(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	// The application name singles out this store's connections: other
	// tests share the server and must not lose theirs.
	app := fmt.Sprintf("hangup-lost-%d", time.Now().UnixNano())
	db := open(t, dsn+"&application_name="+app)
	admin := open(t, dsn)
	r, ev := report("HU-LOST-0001", "+441632960100", "anon:lost")
	if err := db.CreateReport(ctx, r, nil, []byte("lost1"), ev); err != nil {
		t.Fatal(err)
	}
	killed := 0
	for round := range 3 {
		var n int
		if err := admin.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`,
			app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		killed += n
		r2, ev2 := report(fmt.Sprintf("HU-LOST-%04d", round+2), "+441632960101", fmt.Sprintf("anon:%d", round))
		if err := db.CreateReport(ctx, r2, nil, []byte(r2.Reference), ev2); err != nil {
			t.Fatalf("create after losing the connections: %v", err)
		}
		if _, err := db.FindReport(ctx, "HU-LOST-0001"); err != nil {
			t.Fatalf("find after losing the connections: %v", err)
		}
	}
	if killed == 0 {
		t.Fatal("no connection was terminated: the test proved nothing")
	}
}

// TestUnreachable: a server that isn't there is EUNAVAILABLE, with a
// message people can act on, within the retry budget.
func TestUnreachable(t *testing.T) {
	pgtest.ServerURL(t)
	start := time.Now()
	_, err := Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if hangup.ErrorCode(err) != hangup.EUNAVAILABLE {
		t.Errorf("Open on a closed port: %v, want EUNAVAILABLE", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("gave up after %v; want a clear error within seconds", d)
	}
	if _, err := Open(context.Background(), "postgres://%zz"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a malformed URL: %v, want EINVALID", err)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"unique", &pgconn.PgError{Code: "23505"}, hangup.ECONFLICT},
		{"disk full", &pgconn.PgError{Code: "53100"}, hangup.EUNAVAILABLE},
		{"out of memory", &pgconn.PgError{Code: "53200"}, hangup.EUNAVAILABLE},
		{"shutting down", &pgconn.PgError{Code: "57P01"}, hangup.EUNAVAILABLE},
		{"read-only after failover", &pgconn.PgError{Code: "25006"}, hangup.EUNAVAILABLE},
		{"syntax", &pgconn.PgError{Code: "42601"}, hangup.EINTERNAL},
		{"cancelled", context.Canceled, hangup.EINTERNAL},
		{"wrapped", fmt.Errorf("postgres: x: %w", &pgconn.PgError{Code: "23505"}), hangup.ECONFLICT},
	}
	for _, tc := range tests {
		if got := hangup.ErrorCode(classify(tc.err)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	full := classify(&pgconn.PgError{Code: "53100"})
	if msg := hangup.ErrorMessage(full); !strings.Contains(msg, "disk is full") {
		t.Errorf("disk full message %q, want one that says so", msg)
	}
	var pg *pgconn.PgError
	if !errors.As(full, &pg) {
		t.Error("the classified error lost its cause")
	}
}

// TestChangeFeed: a change committed through one node reaches another
// node's subscribers within a second, and its own subscribers as local.
func TestChangeFeed(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	a, b := open(t, dsn), open(t, dsn)
	got := make(chan hangup.Change, 16)
	b.Subscribe(func(c hangup.Change) { got <- c })
	local := make(chan hangup.Change, 16)
	a.Subscribe(func(c hangup.Change) { local <- c })
	drain := func(ch chan hangup.Change) {
		for {
			select {
			case <-ch:
			case <-time.After(300 * time.Millisecond):
				return
			}
		}
	}
	drain(got) // the first poll announces every topic once
	drain(local)
	wait := func(t *testing.T, ch chan hangup.Change, topic string, wantLocal bool) time.Duration {
		t.Helper()
		start := time.Now()
		deadline := time.After(time.Second)
		for {
			select {
			case c := <-ch:
				if c.Topic == topic && c.Local == wantLocal {
					return time.Since(start)
				}
			case <-deadline:
				t.Fatalf("no %s notice (local %v) within 1s", topic, wantLocal)
			}
		}
	}
	tests := []struct {
		name   string
		topic  string
		change func() error
	}{
		{"registry import", hangup.TopicRegistry, func() error {
			return a.ReplaceOrganisations(ctx, []*hangup.Organisation{{ID: "acme", Name: "Acme"}})
		}},
		{"allow-list", hangup.TopicReputation, func() error {
			return a.SetAllowed(ctx, "+441632960200", true, "admin", "ours")
		}},
		{"report evidence", hangup.TopicReputation, func() error {
			r, ev := report("HU-FEED-0001", "+441632960201", "anon:feed")
			return a.CreateReport(ctx, r, nil, []byte("feed"), ev)
		}},
		{"explicit publish", hangup.TopicAPIKeys, func() error { return a.Publish(ctx, hangup.TopicAPIKeys) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.change(); err != nil {
				t.Fatal(err)
			}
			wait(t, local, tc.topic, true)
			d := wait(t, got, tc.topic, false)
			t.Logf("%s reached the other node in %v", tc.topic, d)
		})
	}
}

// TestChangeFeedPollCatchesLostNotices: a change whose NOTIFY no listener
// heard (bumped straight in the table, as if the node was reconnecting)
// still arrives through the version poll.
func TestChangeFeedPollCatchesLostNotices(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	a := open(t, dsn)
	got := make(chan hangup.Change, 16)
	a.Subscribe(func(c hangup.Change) { got <- c })
	time.Sleep(300 * time.Millisecond) // past the first poll
	for len(got) > 0 {
		<-got
	}
	if _, err := a.pool.Exec(ctx, `INSERT INTO change_versions VALUES ('registry', 1000)
		ON CONFLICT (topic) DO UPDATE SET version = 1000`); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(PollInterval + 2*time.Second)
	for {
		select {
		case c := <-got:
			if c.Topic == hangup.TopicRegistry && !c.Local {
				return
			}
		case <-deadline:
			t.Fatal("the version poll did not deliver a change NOTIFY never announced")
		}
	}
}
