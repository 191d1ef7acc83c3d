package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hangup-org/hangup"
)

var _ hangup.FeedStore = (*DB)(nil)

const feedColumns = `id, name, url, format, disabled, created_at, etag, last_modified, checked_at, updated_at, entries, last_error`

func scanFeed(row pgx.Row) (*hangup.Feed, error) {
	f := new(hangup.Feed)
	var checked, updated *time.Time
	var format string
	if err := row.Scan(&f.ID, &f.Name, &f.URL, &format, &f.Disabled, &f.CreatedAt, &f.ETag, &f.LastModified,
		&checked, &updated, &f.Entries, &f.LastError); err != nil {
		return nil, err
	}
	f.Format, f.CreatedAt = hangup.FeedFormat(format), f.CreatedAt.UTC()
	if checked != nil {
		f.CheckedAt = checked.UTC()
	}
	if updated != nil {
		f.UpdatedAt = updated.UTC()
	}
	return f, nil
}

// CreateFeed implements hangup.FeedStore.
func (db *DB) CreateFeed(ctx context.Context, f *hangup.Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = db.now()
	}
	return db.withChange(ctx, hangup.TopicFeeds, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO feeds (name, url, format, disabled, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			f.Name, f.URL, string(f.Format), f.Disabled, f.CreatedAt.UTC()).Scan(&f.ID)
		if err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already a feed called %q.", f.Name)
			}
			return wrap(err, "create feed")
		}
		return nil
	})
}

// ListFeeds implements hangup.FeedStore.
func (db *DB) ListFeeds(ctx context.Context) ([]*hangup.Feed, error) {
	feeds := []*hangup.Feed{}
	err := db.read(ctx, func() error {
		feeds = feeds[:0]
		rows, err := db.pool.Query(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFeed(rows)
			if err != nil {
				return err
			}
			feeds = append(feeds, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap(err, "list feeds")
	}
	return feeds, nil
}

// FindFeed implements hangup.FeedStore.
func (db *DB) FindFeed(ctx context.Context, name string) (*hangup.Feed, error) {
	var f *hangup.Feed
	err := db.read(ctx, func() (err error) {
		f, err = scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE name = $1`, name))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no feed called %q.", name)
	}
	if err != nil {
		return nil, wrap(err, "find feed")
	}
	return f, nil
}

// feedExec runs one statement in a counted transaction; ENOTFOUND if no
// row matched.
func (db *DB) feedExec(ctx context.Context, what, notFound, query string, args ...any) error {
	return db.withChange(ctx, hangup.TopicFeeds, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, query, args...)
		if err != nil {
			return wrap(err, "%s", what)
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "%s", notFound)
		}
		return nil
	})
}

// SetFeedDisabled implements hangup.FeedStore.
func (db *DB) SetFeedDisabled(ctx context.Context, name string, disabled bool) error {
	return db.feedExec(ctx, "disable feed", fmt.Sprintf("There is no feed called %q.", name),
		`UPDATE feeds SET disabled = $1 WHERE name = $2`, disabled, name)
}

// DeleteFeed implements hangup.FeedStore.
func (db *DB) DeleteFeed(ctx context.Context, name string) error {
	return db.feedExec(ctx, "delete feed", fmt.Sprintf("There is no feed called %q.", name),
		`DELETE FROM feeds WHERE name = $1`, name)
}

// SaveFeedFetch implements hangup.FeedStore.
func (db *DB) SaveFeedFetch(ctx context.Context, id int64, fetch hangup.FeedFetch) error {
	names := fetch.Names
	if names == nil {
		names = []string{}
	}
	return db.withChange(ctx, hangup.TopicFeeds, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE feeds SET etag = $1, last_modified = $2, checked_at = $3, updated_at = $3, entries = $4, last_error = ''
			WHERE id = $5`, fetch.ETag, fetch.LastModified, fetch.At.UTC(), len(fetch.Names), id)
		if err != nil {
			return wrap(err, "save feed")
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no feed %d.", id)
		}
		// Names already listed keep their first-seen time; new ones get
		// this fetch's; names gone go.
		if _, err := tx.Exec(ctx, `DELETE FROM feed_entries WHERE feed_id = $1 AND NOT (name = ANY ($2::text[]))`, id, names); err != nil {
			return wrap(err, "save feed")
		}
		_, err = tx.Exec(ctx, `INSERT INTO feed_entries (feed_id, name, first_seen)
			SELECT $1, n, $3 FROM unnest($2::text[]) AS x (n) ON CONFLICT DO NOTHING`, id, names, fetch.At.UTC())
		return wrap(err, "save feed")
	})
}

// SaveFeedCheck implements hangup.FeedStore.
func (db *DB) SaveFeedCheck(ctx context.Context, id int64, at time.Time, failure string) error {
	notFound := fmt.Sprintf("There is no feed %d.", id)
	if failure == "" {
		return db.feedExec(ctx, "save feed check", notFound,
			`UPDATE feeds SET checked_at = $1, updated_at = $1, last_error = '' WHERE id = $2`, at.UTC(), id)
	}
	return db.feedExec(ctx, "save feed check", notFound,
		`UPDATE feeds SET checked_at = $1, last_error = $2 WHERE id = $3`, at.UTC(), failure, id)
}

// FeedEntries implements hangup.FeedStore.
func (db *DB) FeedEntries(ctx context.Context, id int64) ([]hangup.FeedEntry, error) {
	out := []hangup.FeedEntry{}
	err := db.read(ctx, func() error {
		out = out[:0]
		rows, err := db.pool.Query(ctx, `SELECT name, first_seen FROM feed_entries WHERE feed_id = $1 ORDER BY name COLLATE "C"`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e hangup.FeedEntry
			if err := rows.Scan(&e.Name, &e.FirstSeen); err != nil {
				return err
			}
			e.FirstSeen = e.FirstSeen.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap(err, "feed entries")
	}
	return out, nil
}

// FeedsVersion implements hangup.FeedStore.
func (db *DB) FeedsVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read(ctx, func() error {
		err := db.pool.QueryRow(ctx, `SELECT version FROM change_versions WHERE topic = $1`, hangup.TopicFeeds).Scan(&v)
		if errors.Is(err, pgx.ErrNoRows) {
			v = 0
			return nil
		}
		return err
	})
	if err != nil {
		return 0, wrap(err, "feeds version")
	}
	return v, nil
}
