package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
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
		return fmt.Errorf("sqlite: shared check: %w", err)
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM shared_checks WHERE expires_at <= ?`, ts(c.CreatedAt)); err != nil {
			return fmt.Errorf("sqlite: expire shared checks: %w", classify(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shared_checks (id, created_at, expires_at, body) VALUES (?, ?, ?, ?)`,
			c.ID, ts(c.CreatedAt), ts(c.ExpiresAt), string(body)); err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already a shared check %s.", c.ID)
			}
			return fmt.Errorf("sqlite: save shared check: %w", classify(err))
		}
		return nil
	})
}

// FindSharedCheck implements hangup.SharedCheckStore.
func (db *DB) FindSharedCheck(ctx context.Context, id string, now time.Time) (*hangup.SharedCheck, error) {
	c := &hangup.SharedCheck{ID: id}
	var created, expires, body string
	err := db.read.QueryRowContext(ctx, `SELECT created_at, expires_at, body FROM shared_checks WHERE id = ? AND expires_at > ?`,
		id, ts(now)).Scan(&created, &expires, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no shared check %s, or it has expired.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find shared check: %w", classify(err))
	}
	var b sharedBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return nil, fmt.Errorf("sqlite: shared check %s: %w", id, err)
	}
	c.CreatedAt, c.ExpiresAt, c.Request, c.Result = parseTS(created), parseTS(expires), b.Request, b.Result
	return c, nil
}

// DeleteExpiredSharedChecks implements hangup.SharedCheckStore.
func (db *DB) DeleteExpiredSharedChecks(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM shared_checks WHERE expires_at <= ?`, ts(now))
		if err != nil {
			return fmt.Errorf("sqlite: expire shared checks: %w", classify(err))
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}
