package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.SharedCheckStore = (*DB)(nil)

// sharedBody is what a shared check stores beside its times.
type sharedBody struct {
	Request hangup.CheckRequest `json:"request"`
	Result  hangup.CheckResult  `json:"result"`
}

// SaveSharedCheck implements hangup.SharedCheckStore. It deletes the checks
// that expired before this one was made, in the same transaction.
func (db *DB) SaveSharedCheck(ctx context.Context, c *hangup.SharedCheck) error {
	body, err := json.Marshal(sharedBody{c.Request, c.Result})
	if err != nil {
		return wrap(err, "shared check")
	}
	return db.withTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM shared_checks WHERE expires_at <= $1`, c.CreatedAt); err != nil {
			return wrap(err, "expire shared checks")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO shared_checks (id, created_at, expires_at, body) VALUES ($1, $2, $3, $4)`,
			c.ID, c.CreatedAt, c.ExpiresAt, body); err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already a shared check %s.", c.ID)
			}
			return wrap(err, "save shared check")
		}
		return nil
	})
}

// FindSharedCheck implements hangup.SharedCheckStore.
func (db *DB) FindSharedCheck(ctx context.Context, id string, now time.Time) (*hangup.SharedCheck, error) {
	c := &hangup.SharedCheck{ID: id}
	var body []byte
	err := db.pool.QueryRow(ctx, `SELECT created_at, expires_at, body FROM shared_checks WHERE id = $1 AND expires_at > $2`,
		id, now).Scan(&c.CreatedAt, &c.ExpiresAt, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no shared check %s, or it has expired.", id)
	}
	if err != nil {
		return nil, wrap(err, "find shared check")
	}
	var b sharedBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, wrap(err, "shared check %s", id)
	}
	c.CreatedAt, c.ExpiresAt, c.Request, c.Result = c.CreatedAt.UTC(), c.ExpiresAt.UTC(), b.Request, b.Result
	return c, nil
}

// DeleteExpiredSharedChecks implements hangup.SharedCheckStore.
func (db *DB) DeleteExpiredSharedChecks(ctx context.Context, now time.Time) (int, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM shared_checks WHERE expires_at <= $1`, now)
	if err != nil {
		return 0, wrap(err, "expire shared checks")
	}
	return int(tag.RowsAffected()), nil
}
