package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.FeedStore = (*DB)(nil)

const feedColumns = `id, name, url, format, disabled, created_at, etag, last_modified, checked_at, updated_at, entries, last_error`

func scanFeed(row scanner) (*hangup.Feed, error) {
	f := new(hangup.Feed)
	var created string
	var checked, updated sql.NullString
	var disabled int
	if err := row.Scan(&f.ID, &f.Name, &f.URL, &f.Format, &disabled, &created, &f.ETag, &f.LastModified,
		&checked, &updated, &f.Entries, &f.LastError); err != nil {
		return nil, err
	}
	f.Disabled, f.CreatedAt = disabled != 0, parseTS(created)
	if t := parseNullTS(checked); t != nil {
		f.CheckedAt = *t
	}
	if t := parseNullTS(updated); t != nil {
		f.UpdatedAt = *t
	}
	return f, nil
}

func bumpFeeds(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE feed_state SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("sqlite: feeds version: %w", classify(err))
	}
	return nil
}

// CreateFeed implements hangup.FeedStore.
func (db *DB) CreateFeed(ctx context.Context, f *hangup.Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = db.now()
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO feeds (name, url, format, disabled, created_at) VALUES (?, ?, ?, ?, ?)`,
			f.Name, f.URL, string(f.Format), b2i(f.Disabled), ts(f.CreatedAt))
		if err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already a feed called %q.", f.Name)
			}
			return fmt.Errorf("sqlite: create feed: %w", classify(err))
		}
		f.ID, _ = res.LastInsertId()
		return bumpFeeds(ctx, tx)
	})
}

// ListFeeds implements hangup.FeedStore.
func (db *DB) ListFeeds(ctx context.Context) ([]*hangup.Feed, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list feeds: %w", err)
	}
	defer rows.Close()
	feeds := []*hangup.Feed{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list feeds: %w", err)
		}
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

// FindFeed implements hangup.FeedStore.
func (db *DB) FindFeed(ctx context.Context, name string) (*hangup.Feed, error) {
	f, err := scanFeed(db.read.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no feed called %q.", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find feed: %w", err)
	}
	return f, nil
}

// feedWrite runs one statement on the feed called name (or with id) and
// bumps the version; ENOTFOUND if no row matched.
func (db *DB) feedWrite(ctx context.Context, what, notFound, query string, args ...any) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("sqlite: %s: %w", what, classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "%s", notFound)
		}
		return bumpFeeds(ctx, tx)
	})
}

// SetFeedDisabled implements hangup.FeedStore.
func (db *DB) SetFeedDisabled(ctx context.Context, name string, disabled bool) error {
	return db.feedWrite(ctx, "disable feed", fmt.Sprintf("There is no feed called %q.", name),
		`UPDATE feeds SET disabled = ? WHERE name = ?`, b2i(disabled), name)
}

// DeleteFeed implements hangup.FeedStore.
func (db *DB) DeleteFeed(ctx context.Context, name string) error {
	return db.feedWrite(ctx, "delete feed", fmt.Sprintf("There is no feed called %q.", name),
		`DELETE FROM feeds WHERE name = ?`, name)
}

// SaveFeedFetch implements hangup.FeedStore.
func (db *DB) SaveFeedFetch(ctx context.Context, id int64, fetch hangup.FeedFetch) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, checked_at = ?, updated_at = ?, entries = ?, last_error = ''
			WHERE id = ?`, fetch.ETag, fetch.LastModified, ts(fetch.At), ts(fetch.At), len(fetch.Names), id)
		if err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no feed %d.", id)
		}
		// The new copy goes into a scratch table; names already listed keep
		// their first-seen time, the others are new, and names gone go.
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS feed_copy (name TEXT PRIMARY KEY) WITHOUT ROWID`); err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_copy`); err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO feed_copy (name) VALUES (?)`)
		if err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		defer stmt.Close()
		for _, n := range fetch.Names {
			if _, err := stmt.ExecContext(ctx, n); err != nil {
				return fmt.Errorf("sqlite: save feed: %w", classify(err))
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_entries WHERE feed_id = ? AND name NOT IN (SELECT name FROM feed_copy)`, id); err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO feed_entries (feed_id, name, first_seen) SELECT ?, name, ? FROM feed_copy`, id, ts(fetch.At)); err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_copy`); err != nil {
			return fmt.Errorf("sqlite: save feed: %w", classify(err))
		}
		return bumpFeeds(ctx, tx)
	})
}

// SaveFeedCheck implements hangup.FeedStore.
func (db *DB) SaveFeedCheck(ctx context.Context, id int64, at time.Time, failure string) error {
	if failure == "" {
		return db.feedWrite(ctx, "save feed check", fmt.Sprintf("There is no feed %d.", id),
			`UPDATE feeds SET checked_at = ?, updated_at = ?, last_error = '' WHERE id = ?`, ts(at), ts(at), id)
	}
	return db.feedWrite(ctx, "save feed check", fmt.Sprintf("There is no feed %d.", id),
		`UPDATE feeds SET checked_at = ?, last_error = ? WHERE id = ?`, ts(at), failure, id)
}

// FeedEntries implements hangup.FeedStore.
func (db *DB) FeedEntries(ctx context.Context, id int64) ([]hangup.FeedEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, first_seen FROM feed_entries WHERE feed_id = ? ORDER BY name`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: feed entries: %w", err)
	}
	defer rows.Close()
	out := []hangup.FeedEntry{}
	for rows.Next() {
		var e hangup.FeedEntry
		var seen string
		if err := rows.Scan(&e.Name, &seen); err != nil {
			return nil, fmt.Errorf("sqlite: feed entries: %w", err)
		}
		e.FirstSeen = parseTS(seen)
		out = append(out, e)
	}
	return out, rows.Err()
}

// FeedsVersion implements hangup.FeedStore.
func (db *DB) FeedsVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.read.QueryRowContext(ctx, `SELECT version FROM feed_state WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlite: feeds version: %w", err)
	}
	return v, nil
}
