package postgres

import (
	"context"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.SignInStore = (*DB)(nil)

// RecordSignInFailure implements hangup.SignInStore.
func (db *DB) RecordSignInFailure(ctx context.Context, account, network string, at, forget time.Time) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO signin_failures AS f (account, network, failures, first_at, last_at) VALUES ($1, $2, 1, $3, $3)
			ON CONFLICT (account, network) DO UPDATE SET
				failures = CASE WHEN f.last_at < $4 THEN 1 ELSE f.failures + 1 END,
				first_at = CASE WHEN f.last_at < $4 THEN $3 ELSE f.first_at END,
				last_at = greatest(f.last_at, $3)`,
			account, network, at.UTC(), forget.UTC()); err != nil {
			return wrap(err, "record sign-in failure")
		}
		_, err := tx.Exec(ctx, `DELETE FROM signin_failures WHERE last_at < $1`, forget.UTC())
		return wrap(err, "forget sign-in failures")
	})
}

// SignInTotals implements hangup.SignInStore.
func (db *DB) SignInTotals(ctx context.Context, account, network string, since time.Time) (hangup.SignInTotals, error) {
	var t hangup.SignInTotals
	var pairFailures *int
	var first, last, accLast, netLast *time.Time
	err := db.read(ctx, func() error {
		return db.pool.QueryRow(ctx, `SELECT
			(SELECT failures FROM signin_failures WHERE account = $1 AND network = $2 AND last_at >= $3),
			(SELECT first_at FROM signin_failures WHERE account = $1 AND network = $2 AND last_at >= $3),
			(SELECT last_at FROM signin_failures WHERE account = $1 AND network = $2 AND last_at >= $3),
			(SELECT coalesce(sum(failures), 0) FROM signin_failures WHERE account = $1 AND last_at >= $3),
			(SELECT max(last_at) FROM signin_failures WHERE account = $1 AND last_at >= $3),
			(SELECT coalesce(sum(failures), 0) FROM signin_failures WHERE network = $2 AND last_at >= $3),
			(SELECT max(last_at) FROM signin_failures WHERE network = $2 AND last_at >= $3)`,
			account, network, since.UTC()).Scan(&pairFailures, &first, &last, &t.AccountFailures, &accLast, &t.NetworkFailures, &netLast)
	})
	if err != nil {
		return t, wrap(err, "sign-in totals")
	}
	if pairFailures != nil && first != nil && last != nil {
		t.Pair = hangup.SignInFailures{Account: account, Network: network, Failures: *pairFailures, First: first.UTC(), Last: last.UTC()}
	}
	if accLast != nil {
		t.AccountLast = accLast.UTC()
	}
	if netLast != nil {
		t.NetworkLast = netLast.UTC()
	}
	return t, nil
}

// ListSignInFailures implements hangup.SignInStore.
func (db *DB) ListSignInFailures(ctx context.Context, since time.Time, limit int) ([]hangup.SignInFailures, error) {
	var out []hangup.SignInFailures
	err := db.read(ctx, func() error {
		out = out[:0]
		rows, err := db.pool.Query(ctx, `SELECT account, network, failures, first_at, last_at FROM signin_failures
			WHERE last_at >= $1 ORDER BY last_at DESC, account COLLATE "C", network COLLATE "C" LIMIT $2`, since.UTC(), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f hangup.SignInFailures
			if err := rows.Scan(&f.Account, &f.Network, &f.Failures, &f.First, &f.Last); err != nil {
				return err
			}
			f.First, f.Last = f.First.UTC(), f.Last.UTC()
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, wrap(err, "list sign-in failures")
}

// ClearSignInFailures implements hangup.SignInStore.
func (db *DB) ClearSignInFailures(ctx context.Context, account, network string) (int, error) {
	var n int64
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM signin_failures WHERE ($1 = '' OR account = $1) AND ($2 = '' OR network = $2)`, account, network)
		n = tag.RowsAffected()
		return wrap(err, "clear sign-in failures")
	})
	return int(n), err
}
