// Package postgres implements Hangup's stores on PostgreSQL (and databases
// that speak its protocol) through pgx, for installations that outgrow one
// machine: several `hangup serve` nodes share one database, and a change
// feed built on LISTEN/NOTIFY keeps each node's in-memory snapshots in step.
//
// The schema mirrors the SQLite one table for table, so that both pass the
// same conformance suite (storetest) and `hangup copy-data` can move an
// installation from one to the other. Times are timestamptz in UTC.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/migration"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open Hangup database on PostgreSQL. It is safe for concurrent
// use, and several processes may share one database.
type DB struct {
	pool   *pgxpool.Pool
	schema string // the schema the tables live in (search_path)
	now    func() time.Time
	feed   *feed
}

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than a SQLite file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the connection string without its password, for logs and
// messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Open connects to the database named by dsn (a postgres:// URL; a
// search_path parameter selects a schema) and applies pending migrations.
// A database that cannot be reached gives EUNAVAILABLE.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, hangup.Errorf(hangup.EINVALID, "postgres: the connection string %s is not valid: %v", Redact(dsn), err)
	}
	// Enough connections for two cores' worth of request handlers plus
	// the change listener; PostgreSQL's own limit is shared by every node.
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	// Pooled connections are checked after a database restart instead of
	// failing the first query that gets a dead one.
	cfg.HealthCheckPeriod = 10 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, classify(fmt.Errorf("postgres: connect to %s: %w", Redact(dsn), err))
	}
	db := &DB{pool: pool, now: time.Now}
	db.feed = newFeed(db)
	err = retry(ctx, func() error {
		return pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&db.schema)
	})
	if err != nil {
		pool.Close()
		return nil, classify(fmt.Errorf("postgres: connect to %s: %w", Redact(dsn), err))
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close flushes pending change notices, stops the change listener and
// closes every connection.
func (db *DB) Close() error {
	db.feed.close()
	db.pool.Close()
	return nil
}

// Schema returns the schema holding Hangup's tables.
func (db *DB) Schema() string { return db.schema }

// SetClock replaces the clock used for timestamps (tests).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Ping checks the database answers.
func (db *DB) Ping(ctx context.Context) error { return classify(db.pool.Ping(ctx)) }

// Pool returns the connection pool, for tools (copy-data) that work on
// tables directly.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// lockKey names an advisory lock. Keys include the schema so that
// installations sharing one database (tests do) never wait on each other.
func (db *DB) lockKey(parts ...string) string {
	return "hangup/" + db.schema + "/" + strings.Join(parts, "/")
}

// loadMigrations reads this dialect's embedded migrations.
func loadMigrations(fsys fs.FS) ([]migration.Migration, error) {
	return migration.Load(fsys, "migrations")
}

// Migrations returns how many migrations this build knows.
func Migrations() int {
	ms, _ := loadMigrations(migrations)
	return len(ms)
}

// migrate applies pending migrations. Nodes starting together all call it:
// a session advisory lock lets one migrate while the others wait, and each
// migration runs in one transaction with its version row, so a failure
// leaves no half-applied schema and a second run finds nothing to do.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(migrations)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return db.migrateWith(ctx, ms)
}

func (db *DB) migrateWith(ctx context.Context, ms []migration.Migration) error {
	return retry(ctx, func() error {
		conn, err := db.pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer conn.Release()
		key := db.lockKey("migrate")
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtextextended($1, 0))`, key); err != nil {
			return err
		}
		defer func() {
			// A lock left behind would go with the connection; release it
			// anyway so the pooled connection is clean.
			uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if _, err := conn.Exec(uctx, `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, key); err != nil {
				conn.Conn().Close(uctx)
			}
		}()
		if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		var have int
		if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return err
		}
		if have > len(ms) {
			return permanent(hangup.Errorf(hangup.ECONFLICT,
				"postgres: the database schema is at version %d but this hangup knows only %d migrations: run a newer hangup", have, len(ms)))
		}
		for _, m := range ms[have:] {
			if err := db.apply(ctx, conn, m); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) apply(ctx context.Context, conn *pgxpool.Conn, m migration.Migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return permanentIfSQL(fmt.Errorf("postgres: migration %s: %w", m.Name, err))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.Version, m.Name, db.now().UTC()); err != nil {
		return fmt.Errorf("postgres: migration %s: %w", m.Name, err)
	}
	return tx.Commit(ctx)
}

// SchemaVersion returns the highest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, classify(err)
}

// withTx runs fn in a transaction, committing if it returns nil. A
// transaction that failed before its COMMIT was sent rolled back whole, so
// it is retried when the failure is one that may pass (a serialisation
// failure, a deadlock, a lost or refused connection). A failure of the
// COMMIT itself is not retried: the transaction may have committed, and
// only the caller can tell (reports carry idempotency keys for that).
func (db *DB) withTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return classify(retry(ctx, func() error {
		tx, err := db.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		if err := fn(tx); err != nil {
			return err
		}
		err = tx.Commit(ctx)
		var pg *pgconn.PgError
		if err != nil && !errors.As(err, &pg) && !errors.Is(err, context.Canceled) {
			// The server never answered the COMMIT: the outcome is unknown.
			return permanent(&hangup.Error{Code: hangup.EUNAVAILABLE, Err: err,
				Message: "The database connection was lost while saving: it may or may not have been saved. Please try again."})
		}
		return err
	}))
}

// batchTx sends a batch as one implicit transaction (the statements up to
// the protocol's Sync commit or roll back together), in one round trip
// where Begin, the statements and Commit would take three. It is retried
// only when it certainly did not commit: nothing was sent, or the server
// rolled it back (a deadlock, a serialisation failure). A connection lost
// after sending leaves the outcome unknown: EUNAVAILABLE, and the caller
// decides. build makes the batch afresh for each attempt: pgx keeps
// per-connection statement details on a queued query once it is sent.
func (db *DB) batchTx(ctx context.Context, build func() *pgx.Batch) error {
	return classify(retry(ctx, func() error {
		err := db.pool.SendBatch(ctx, build()).Close()
		if err == nil {
			return nil
		}
		var pg *pgconn.PgError
		if errors.As(err, &pg) || pgconn.SafeToRetry(err) || errors.Is(err, context.Canceled) {
			return err
		}
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return err
		}
		return permanent(&hangup.Error{Code: hangup.EUNAVAILABLE, Err: err,
			Message: "The database connection was lost while saving: it may or may not have been saved. Please try again."})
	}))
}

// read runs a query again after a lost connection or a failover: reads
// change nothing, so they are always safe to retry. fn must not hand rows
// to a caller before it returns.
func (db *DB) read(ctx context.Context, fn func() error) error {
	return retry(ctx, fn)
}

// retryDelays are the pauses between attempts: enough to ride out a
// failover or a dropped connection, short enough that a request fails
// clearly within seconds when the database is down.
var retryDelays = []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 750 * time.Millisecond}

// retry runs fn until it succeeds, fails permanently, or the attempts run
// out. fn must be safe to run again after a transient failure.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for attempt := 0; ; attempt++ {
		err = fn()
		if err == nil || !transient(err) || attempt >= len(retryDelays) {
			break
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(retryDelays[attempt]):
		}
	}
	var p *permanentError
	if errors.As(err, &p) {
		return p.err
	}
	return err
}

// permanentError stops retry.
type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }

func permanent(err error) error { return &permanentError{err} }

// permanentIfSQL marks an error the server raised for a statement (a
// broken migration) as permanent; connection failures stay retryable.
func permanentIfSQL(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && !transientCode(pg.Code) {
		return permanent(err)
	}
	return err
}

// transientCode reports whether a server error may pass if tried again.
func transientCode(code string) bool {
	switch {
	case code == "40001", code == "40P01": // serialization_failure, deadlock_detected
		return true
	case strings.HasPrefix(code, "08"): // connection exceptions
		return true
	case code == "57P01", code == "57P02", code == "57P03": // shutdown, crash, cannot connect now
		return true
	case code == "53300": // too_many_connections
		return true
	case code == "25006": // read_only_sql_transaction: a failover in progress
		return true
	}
	return false
}

// transient reports whether err may pass if the work is tried again.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var p *permanentError
	if errors.As(err, &p) {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return transientCode(pg.Code)
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	return pgconn.SafeToRetry(err) || errors.As(err, &ce) || errors.As(err, &ne) ||
		errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "conn closed") ||
		strings.Contains(err.Error(), "unexpected EOF") || strings.Contains(err.Error(), "connection reset")
}

// classify turns driver errors people can act on into application errors.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var he *hangup.Error
	if errors.As(err, &he) {
		return err
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "23505": // unique_violation
			return &hangup.Error{Code: hangup.ECONFLICT, Message: "That already exists.", Err: err}
		case pg.Code == "53100": // disk_full
			return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The database disk is full: nothing was saved. Free some space and try again.", Err: err}
		case strings.HasPrefix(pg.Code, "53"): // insufficient resources
			return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The database is out of resources: nothing was saved. Please try again.", Err: err}
		case transientCode(pg.Code):
			return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The database is busy or restarting. Please try again.", Err: err}
		}
		return err
	}
	if transient(err) {
		return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The database cannot be reached. Please try again in a minute.", Err: err}
	}
	return err
}

// wrap adds context to a low-level error and classifies it.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return classify(fmt.Errorf("postgres: "+format+": %w", append(args, err)...))
}

// collect reads every remaining row with scan.
func collect[T any](rows pgx.Rows, scan func(pgx.Row) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
