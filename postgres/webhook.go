package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.WebhookStore = (*DB)(nil)

const webhookColumns = `id, organisation_id, kind, target, secret, threshold, created_by, created_at`

func scanWebhook(row pgx.Row) (*hangup.Webhook, error) {
	w := &hangup.Webhook{}
	if err := row.Scan(&w.ID, &w.OrganisationID, &w.Kind, &w.Target, &w.Secret, &w.Threshold, &w.CreatedBy, &w.CreatedAt); err != nil {
		return nil, err
	}
	w.CreatedAt = w.CreatedAt.UTC()
	return w, nil
}

// CreateWebhook implements hangup.WebhookStore.
func (db *DB) CreateWebhook(ctx context.Context, w *hangup.Webhook) error {
	err := db.pool.QueryRow(ctx, `INSERT INTO org_webhooks (organisation_id, kind, target, secret, threshold, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		w.OrganisationID, string(w.Kind), w.Target, w.Secret, w.Threshold, w.CreatedBy, w.CreatedAt.UTC()).Scan(&w.ID)
	return wrap(err, "create webhook")
}

// FindWebhook implements hangup.WebhookStore.
func (db *DB) FindWebhook(ctx context.Context, id int64) (*hangup.Webhook, error) {
	w, err := scanWebhook(db.pool.QueryRow(ctx, `SELECT `+webhookColumns+` FROM org_webhooks WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
	}
	if err != nil {
		return nil, wrap(err, "find webhook")
	}
	return w, nil
}

// ListWebhooks implements hangup.WebhookStore.
func (db *DB) ListWebhooks(ctx context.Context, orgID string) ([]*hangup.Webhook, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+webhookColumns+` FROM org_webhooks WHERE $1 = '' OR organisation_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, wrap(err, "list webhooks")
	}
	defer rows.Close()
	var out []*hangup.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, wrap(err, "list webhooks")
		}
		out = append(out, w)
	}
	return out, wrap(rows.Err(), "list webhooks")
}

// DeleteWebhook implements hangup.WebhookStore.
func (db *DB) DeleteWebhook(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM org_webhooks WHERE id = $1`, id)
	if err != nil {
		return wrap(err, "delete webhook")
	}
	if tag.RowsAffected() == 0 {
		return hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
	}
	return nil
}

// EnqueueDelivery implements hangup.WebhookStore.
func (db *DB) EnqueueDelivery(ctx context.Context, d *hangup.WebhookDelivery) (bool, error) {
	err := db.pool.QueryRow(ctx, `INSERT INTO org_webhook_deliveries (webhook_id, event_key, event, payload, status, attempts, next_attempt_at, created_at)
		VALUES ($1, $2, $3, $4, $5, 0, $6, $7) ON CONFLICT (webhook_id, event_key) DO NOTHING RETURNING id`,
		d.WebhookID, d.EventKey, d.Event, string(d.Payload), string(hangup.DeliveryPending), d.NextAttemptAt.UTC(), d.CreatedAt.UTC()).Scan(&d.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, wrap(err, "enqueue delivery")
	}
	d.Status = hangup.DeliveryPending
	return true, nil
}

const deliveryColumns = `id, webhook_id, event_key, event, payload, status, attempts, next_attempt_at, last_attempt_at, response_status, last_error, created_at`

func scanDelivery(row pgx.Row) (*hangup.WebhookDelivery, error) {
	d := &hangup.WebhookDelivery{}
	var payload string
	if err := row.Scan(&d.ID, &d.WebhookID, &d.EventKey, &d.Event, &payload, &d.Status, &d.Attempts, &d.NextAttemptAt, &d.LastAttemptAt,
		&d.ResponseStatus, &d.LastError, &d.CreatedAt); err != nil {
		return nil, err
	}
	d.Payload, d.NextAttemptAt, d.CreatedAt = []byte(payload), d.NextAttemptAt.UTC(), d.CreatedAt.UTC()
	if d.LastAttemptAt != nil {
		t := d.LastAttemptAt.UTC()
		d.LastAttemptAt = &t
	}
	return d, nil
}

// ClaimDeliveries implements hangup.WebhookStore: one UPDATE with SKIP
// LOCKED, so nodes claiming at once share the due deliveries out.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*hangup.WebhookDelivery, error) {
	rows, err := db.pool.Query(ctx, `UPDATE org_webhook_deliveries SET next_attempt_at = $1 WHERE id IN (
			SELECT id FROM org_webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $2
			ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING `+deliveryColumns, now.Add(lease).UTC(), now.UTC(), max(limit, 1))
	if err != nil {
		return nil, wrap(err, "claim deliveries")
	}
	defer rows.Close()
	var out []*hangup.WebhookDelivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, wrap(err, "claim deliveries")
		}
		out = append(out, d)
	}
	return out, wrap(rows.Err(), "claim deliveries")
}

// RecordDeliveryAttempt implements hangup.WebhookStore.
func (db *DB) RecordDeliveryAttempt(ctx context.Context, d *hangup.WebhookDelivery) error {
	tag, err := db.pool.Exec(ctx, `UPDATE org_webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_attempt_at = $4, response_status = $5, last_error = $6 WHERE id = $7`,
		string(d.Status), d.Attempts, d.NextAttemptAt.UTC(), d.LastAttemptAt, d.ResponseStatus, d.LastError, d.ID)
	if err != nil {
		return wrap(err, "record delivery")
	}
	if tag.RowsAffected() == 0 {
		return hangup.Errorf(hangup.ENOTFOUND, "There is no such delivery.")
	}
	return nil
}

// ListDeliveries implements hangup.WebhookStore.
func (db *DB) ListDeliveries(ctx context.Context, webhookID int64, limit int) ([]*hangup.WebhookDelivery, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+deliveryColumns+` FROM org_webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`, webhookID, alertLimit(limit))
	if err != nil {
		return nil, wrap(err, "list deliveries")
	}
	defer rows.Close()
	var out []*hangup.WebhookDelivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, wrap(err, "list deliveries")
		}
		out = append(out, d)
	}
	return out, wrap(rows.Err(), "list deliveries")
}
