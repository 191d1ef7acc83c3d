package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.WebhookStore = (*DB)(nil)

const webhookColumns = `id, organisation_id, kind, target, secret, threshold, created_by, created_at`

func scanWebhook(row scanner) (*hangup.Webhook, error) {
	w := &hangup.Webhook{}
	var created string
	if err := row.Scan(&w.ID, &w.OrganisationID, &w.Kind, &w.Target, &w.Secret, &w.Threshold, &w.CreatedBy, &created); err != nil {
		return nil, err
	}
	w.CreatedAt = parseTS(created)
	return w, nil
}

// CreateWebhook implements hangup.WebhookStore.
func (db *DB) CreateWebhook(ctx context.Context, w *hangup.Webhook) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO org_webhooks (organisation_id, kind, target, secret, threshold, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			w.OrganisationID, w.Kind, w.Target, w.Secret, w.Threshold, w.CreatedBy, ts(w.CreatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: create webhook: %w", classify(err))
		}
		w.ID, err = res.LastInsertId()
		return err
	})
}

// FindWebhook implements hangup.WebhookStore.
func (db *DB) FindWebhook(ctx context.Context, id int64) (*hangup.Webhook, error) {
	w, err := scanWebhook(db.read.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM org_webhooks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find webhook: %w", classify(err))
	}
	return w, nil
}

// ListWebhooks implements hangup.WebhookStore.
func (db *DB) ListWebhooks(ctx context.Context, orgID string) ([]*hangup.Webhook, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+webhookColumns+` FROM org_webhooks WHERE ? = '' OR organisation_id = ? ORDER BY id`, orgID, orgID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list webhooks: %w", classify(err))
	}
	defer rows.Close()
	return collect(rows, scanWebhook, "list webhooks")
}

// DeleteWebhook implements hangup.WebhookStore.
func (db *DB) DeleteWebhook(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM org_webhooks WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("sqlite: delete webhook: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
		}
		return nil
	})
}

// EnqueueDelivery implements hangup.WebhookStore.
func (db *DB) EnqueueDelivery(ctx context.Context, d *hangup.WebhookDelivery) (bool, error) {
	created := false
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO org_webhook_deliveries (webhook_id, event_key, event, payload, status, attempts, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (webhook_id, event_key) DO NOTHING`,
			d.WebhookID, d.EventKey, d.Event, string(d.Payload), hangup.DeliveryPending, ts(d.NextAttemptAt), ts(d.CreatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: enqueue delivery: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			created = true
			d.Status = hangup.DeliveryPending
			d.ID, err = res.LastInsertId()
		}
		return err
	})
	return created, err
}

const deliveryColumns = `id, webhook_id, event_key, event, payload, status, attempts, next_attempt_at, last_attempt_at, response_status, last_error, created_at`

func scanDelivery(row scanner) (*hangup.WebhookDelivery, error) {
	d := &hangup.WebhookDelivery{}
	var payload, next, created string
	var last sql.NullString
	if err := row.Scan(&d.ID, &d.WebhookID, &d.EventKey, &d.Event, &payload, &d.Status, &d.Attempts, &next, &last,
		&d.ResponseStatus, &d.LastError, &created); err != nil {
		return nil, err
	}
	d.Payload, d.NextAttemptAt, d.LastAttemptAt, d.CreatedAt = []byte(payload), parseTS(next), parseNullTS(last), parseTS(created)
	return d, nil
}

// ClaimDeliveries implements hangup.WebhookStore. SQLite has one writer, so
// the select and the update in one transaction are atomic.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*hangup.WebhookDelivery, error) {
	var out []*hangup.WebhookDelivery
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM org_webhook_deliveries WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
			hangup.DeliveryPending, ts(now), max(limit, 1))
		if err != nil {
			return fmt.Errorf("sqlite: claim deliveries: %w", classify(err))
		}
		for rows.Next() {
			d, err := scanDelivery(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: claim deliveries: %w", err)
			}
			out = append(out, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, d := range out {
			d.NextAttemptAt = now.Add(lease)
			if _, err := tx.ExecContext(ctx, `UPDATE org_webhook_deliveries SET next_attempt_at = ? WHERE id = ?`, ts(d.NextAttemptAt), d.ID); err != nil {
				return fmt.Errorf("sqlite: claim deliveries: %w", classify(err))
			}
		}
		return nil
	})
	return out, err
}

// RecordDeliveryAttempt implements hangup.WebhookStore.
func (db *DB) RecordDeliveryAttempt(ctx context.Context, d *hangup.WebhookDelivery) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE org_webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, response_status = ?, last_error = ? WHERE id = ?`,
			d.Status, d.Attempts, ts(d.NextAttemptAt), nullTS(d.LastAttemptAt), d.ResponseStatus, d.LastError, d.ID)
		if err != nil {
			return fmt.Errorf("sqlite: record delivery: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such delivery.")
		}
		return nil
	})
}

// ListDeliveries implements hangup.WebhookStore.
func (db *DB) ListDeliveries(ctx context.Context, webhookID int64, limit int) ([]*hangup.WebhookDelivery, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM org_webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?`, webhookID, alertLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: list deliveries: %w", classify(err))
	}
	defer rows.Close()
	return collect(rows, scanDelivery, "list deliveries")
}
