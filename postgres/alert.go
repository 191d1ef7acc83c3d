package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.AlertStore = (*DB)(nil)

const alertColumns = `id, organisation_id, title, text, author, author_kind, status, created_at, updated_at, published_at, expires_at, reviewed_by, review_note`

func scanAlert(row pgx.Row) (*hangup.PublicAlert, error) {
	a := &hangup.PublicAlert{}
	if err := row.Scan(&a.ID, &a.OrganisationID, &a.Title, &a.Text, &a.Author, &a.AuthorKind, &a.Status, &a.CreatedAt, &a.UpdatedAt,
		&a.PublishedAt, &a.ExpiresAt, &a.ReviewedBy, &a.ReviewNote); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt, a.ExpiresAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC(), a.ExpiresAt.UTC()
	if a.PublishedAt != nil {
		t := a.PublishedAt.UTC()
		a.PublishedAt = &t
	}
	return a, nil
}

// CreateAlert implements hangup.AlertStore.
func (db *DB) CreateAlert(ctx context.Context, a *hangup.PublicAlert) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO alerts (organisation_id, title, text, author, author_kind, status, created_at, updated_at, published_at, expires_at, reviewed_by, review_note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, a.OrganisationID, a.Title, a.Text, a.Author, a.AuthorKind, a.Status,
			a.CreatedAt.UTC(), a.UpdatedAt.UTC(), a.PublishedAt, a.ExpiresAt.UTC(), a.ReviewedBy, a.ReviewNote).Scan(&a.ID)
		if err != nil {
			return wrap(err, "create alert")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO alert_events (alert_id, at, actor, kind, to_status) VALUES ($1, $2, $3, 'created', $4)`,
			a.ID, a.CreatedAt.UTC(), a.Author, a.Status); err != nil {
			return wrap(err, "alert event")
		}
		return nil
	})
}

// FindAlert implements hangup.AlertStore.
func (db *DB) FindAlert(ctx context.Context, id int64) (*hangup.PublicAlert, error) {
	a, err := scanAlert(db.pool.QueryRow(ctx, `SELECT `+alertColumns+` FROM alerts WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
	}
	if err != nil {
		return nil, wrap(err, "find alert")
	}
	return a, nil
}

// ListAlerts implements hangup.AlertStore.
func (db *DB) ListAlerts(ctx context.Context, f hangup.AlertFilter) ([]*hangup.PublicAlert, error) {
	var where []string
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.OrganisationID != "" {
		where = append(where, "organisation_id = "+arg(f.OrganisationID))
	}
	if f.Status != "" {
		where = append(where, "status = "+arg(string(f.Status)))
	}
	if !f.LiveAt.IsZero() {
		where = append(where, "status = "+arg(string(hangup.AlertPublished))+" AND expires_at > "+arg(f.LiveAt.UTC()))
	}
	q := `SELECT ` + alertColumns + ` FROM alerts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY coalesce(published_at, created_at) DESC, id DESC LIMIT ` + arg(alertLimit(f.Limit))
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, wrap(err, "list alerts")
	}
	defer rows.Close()
	var out []*hangup.PublicAlert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, wrap(err, "list alerts")
		}
		out = append(out, a)
	}
	return out, wrap(rows.Err(), "list alerts")
}

func alertLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}

// SetAlertStatus implements hangup.AlertStore. The change is announced on
// the feed in the same transaction, so every node's live alerts follow.
func (db *DB) SetAlertStatus(ctx context.Context, id int64, from, to hangup.AlertStatus, actor, note string, at time.Time) error {
	return db.withChange(ctx, hangup.TopicAlerts, func(tx pgx.Tx) error {
		var status string
		err := tx.QueryRow(ctx, `SELECT status FROM alerts WHERE id = $1 FOR UPDATE`, id).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
		}
		if err != nil {
			return wrap(err, "alert status")
		}
		if hangup.AlertStatus(status) != from {
			return hangup.Errorf(hangup.ECONFLICT, "This alert is now %q: someone else has acted on it. Reload the page to see it.", hangup.AlertStatus(status).Label())
		}
		if _, err := tx.Exec(ctx, `UPDATE alerts SET status = $1, updated_at = $2, reviewed_by = $3, review_note = $4,
			published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END WHERE id = $5`, string(to), at.UTC(), actor, note, id); err != nil {
			return wrap(err, "alert status")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO alert_events (alert_id, at, actor, kind, from_status, to_status, note) VALUES ($1, $2, $3, 'status', $4, $5, $6)`,
			id, at.UTC(), actor, string(from), string(to), note); err != nil {
			return wrap(err, "alert event")
		}
		return nil
	})
}

// AlertEvents implements hangup.AlertStore.
func (db *DB) AlertEvents(ctx context.Context, id int64) ([]hangup.AlertEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT at, actor, kind, from_status, to_status, note FROM alert_events WHERE alert_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, wrap(err, "alert events")
	}
	defer rows.Close()
	var out []hangup.AlertEvent
	for rows.Next() {
		e := hangup.AlertEvent{AlertID: id}
		if err := rows.Scan(&e.At, &e.Actor, &e.Kind, &e.FromStatus, &e.ToStatus, &e.Note); err != nil {
			return nil, wrap(err, "alert events")
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, wrap(rows.Err(), "alert events")
}
