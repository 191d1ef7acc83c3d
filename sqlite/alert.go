package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.AlertStore = (*DB)(nil)

const alertColumns = `id, organisation_id, title, text, author, author_kind, status, created_at, updated_at, published_at, expires_at, reviewed_by, review_note`

func scanAlert(row scanner) (*hangup.PublicAlert, error) {
	a := &hangup.PublicAlert{}
	var created, updated, expires string
	var published sql.NullString
	if err := row.Scan(&a.ID, &a.OrganisationID, &a.Title, &a.Text, &a.Author, &a.AuthorKind, &a.Status, &created, &updated,
		&published, &expires, &a.ReviewedBy, &a.ReviewNote); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt, a.ExpiresAt, a.PublishedAt = parseTS(created), parseTS(updated), parseTS(expires), parseNullTS(published)
	return a, nil
}

// CreateAlert implements hangup.AlertStore.
func (db *DB) CreateAlert(ctx context.Context, a *hangup.PublicAlert) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO alerts (organisation_id, title, text, author, author_kind, status, created_at, updated_at, published_at, expires_at, reviewed_by, review_note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.OrganisationID, a.Title, a.Text, a.Author, a.AuthorKind, a.Status,
			ts(a.CreatedAt), ts(a.UpdatedAt), nullTS(a.PublishedAt), ts(a.ExpiresAt), a.ReviewedBy, a.ReviewNote)
		if err != nil {
			return fmt.Errorf("sqlite: create alert: %w", classify(err))
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("sqlite: create alert: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_events (alert_id, at, actor, kind, to_status) VALUES (?, ?, ?, 'created', ?)`,
			a.ID, ts(a.CreatedAt), a.Author, a.Status); err != nil {
			return fmt.Errorf("sqlite: alert event: %w", classify(err))
		}
		return nil
	})
}

// FindAlert implements hangup.AlertStore.
func (db *DB) FindAlert(ctx context.Context, id int64) (*hangup.PublicAlert, error) {
	a, err := scanAlert(db.read.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alerts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find alert: %w", classify(err))
	}
	return a, nil
}

// ListAlerts implements hangup.AlertStore.
func (db *DB) ListAlerts(ctx context.Context, f hangup.AlertFilter) ([]*hangup.PublicAlert, error) {
	var where []string
	var args []any
	if f.OrganisationID != "" {
		where, args = append(where, "organisation_id = ?"), append(args, f.OrganisationID)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	if !f.LiveAt.IsZero() {
		where, args = append(where, "status = ? AND expires_at > ?"), append(args, hangup.AlertPublished, ts(f.LiveAt))
	}
	q := `SELECT ` + alertColumns + ` FROM alerts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY coalesce(published_at, created_at) DESC, id DESC LIMIT ?`
	rows, err := db.read.QueryContext(ctx, q, append(args, alertLimit(f.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list alerts: %w", classify(err))
	}
	defer rows.Close()
	return collect(rows, scanAlert, "list alerts")
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

// SetAlertStatus implements hangup.AlertStore.
func (db *DB) SetAlertStatus(ctx context.Context, id int64, from, to hangup.AlertStatus, actor, note string, at time.Time) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM alerts WHERE id = ?`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
		}
		if err != nil {
			return fmt.Errorf("sqlite: alert status: %w", classify(err))
		}
		if hangup.AlertStatus(status) != from {
			return hangup.Errorf(hangup.ECONFLICT, "This alert is now %q: someone else has acted on it. Reload the page to see it.", hangup.AlertStatus(status).Label())
		}
		q := `UPDATE alerts SET status = ?, updated_at = ?, reviewed_by = ?, review_note = ?`
		args := []any{to, ts(at), actor, note}
		if to == hangup.AlertPublished {
			q += `, published_at = ?`
			args = append(args, ts(at))
		}
		if _, err := tx.ExecContext(ctx, q+` WHERE id = ?`, append(args, id)...); err != nil {
			return fmt.Errorf("sqlite: alert status: %w", classify(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_events (alert_id, at, actor, kind, from_status, to_status, note) VALUES (?, ?, ?, 'status', ?, ?, ?)`,
			id, ts(at), actor, from, to, note); err != nil {
			return fmt.Errorf("sqlite: alert event: %w", classify(err))
		}
		return nil
	})
}

// AlertEvents implements hangup.AlertStore.
func (db *DB) AlertEvents(ctx context.Context, id int64) ([]hangup.AlertEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT at, actor, kind, from_status, to_status, note FROM alert_events WHERE alert_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: alert events: %w", classify(err))
	}
	defer rows.Close()
	var out []hangup.AlertEvent
	for rows.Next() {
		e := hangup.AlertEvent{AlertID: id}
		var at string
		if err := rows.Scan(&at, &e.Actor, &e.Kind, &e.FromStatus, &e.ToStatus, &e.Note); err != nil {
			return nil, fmt.Errorf("sqlite: alert events: %w", err)
		}
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
