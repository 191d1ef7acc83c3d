package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.SignInStore = (*DB)(nil)

// RecordSignInFailure implements hangup.SignInStore.
func (db *DB) RecordSignInFailure(ctx context.Context, account, network string, at, forget time.Time) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO signin_failures (account, network, failures, first_at, last_at) VALUES (?1, ?2, 1, ?3, ?3)
			ON CONFLICT (account, network) DO UPDATE SET
				failures = CASE WHEN last_at < ?4 THEN 1 ELSE failures + 1 END,
				first_at = CASE WHEN last_at < ?4 THEN ?3 ELSE first_at END,
				last_at = max(last_at, ?3)`,
			account, network, ts(at), ts(forget)); err != nil {
			return classify(fmt.Errorf("sqlite: record sign-in failure: %w", err))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE last_at < ?`, ts(forget)); err != nil {
			return classify(fmt.Errorf("sqlite: forget sign-in failures: %w", err))
		}
		return nil
	})
}

// SignInTotals implements hangup.SignInStore.
func (db *DB) SignInTotals(ctx context.Context, account, network string, since time.Time) (hangup.SignInTotals, error) {
	var t hangup.SignInTotals
	var pair sql.NullInt64
	var first, last, accLast, netLast sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT failures FROM signin_failures WHERE account = ?1 AND network = ?2 AND last_at >= ?3),
		(SELECT first_at FROM signin_failures WHERE account = ?1 AND network = ?2 AND last_at >= ?3),
		(SELECT last_at FROM signin_failures WHERE account = ?1 AND network = ?2 AND last_at >= ?3),
		(SELECT coalesce(sum(failures), 0) FROM signin_failures WHERE account = ?1 AND last_at >= ?3),
		(SELECT max(last_at) FROM signin_failures WHERE account = ?1 AND last_at >= ?3),
		(SELECT coalesce(sum(failures), 0) FROM signin_failures WHERE network = ?2 AND last_at >= ?3),
		(SELECT max(last_at) FROM signin_failures WHERE network = ?2 AND last_at >= ?3)`,
		account, network, ts(since)).Scan(&pair, &first, &last, &t.AccountFailures, &accLast, &t.NetworkFailures, &netLast)
	if err != nil {
		return t, fmt.Errorf("sqlite: sign-in totals: %w", err)
	}
	if pair.Valid && first.Valid && last.Valid {
		t.Pair = hangup.SignInFailures{Account: account, Network: network, Failures: int(pair.Int64), First: parseTS(first.String), Last: parseTS(last.String)}
	}
	if accLast.Valid {
		t.AccountLast = parseTS(accLast.String)
	}
	if netLast.Valid {
		t.NetworkLast = parseTS(netLast.String)
	}
	return t, nil
}

// ListSignInFailures implements hangup.SignInStore.
func (db *DB) ListSignInFailures(ctx context.Context, since time.Time, limit int) ([]hangup.SignInFailures, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT account, network, failures, first_at, last_at FROM signin_failures
		WHERE last_at >= ? ORDER BY last_at DESC, account, network LIMIT ?`, ts(since), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list sign-in failures: %w", err)
	}
	defer rows.Close()
	var out []hangup.SignInFailures
	for rows.Next() {
		var f hangup.SignInFailures
		var first, last string
		if err := rows.Scan(&f.Account, &f.Network, &f.Failures, &first, &last); err != nil {
			return nil, fmt.Errorf("sqlite: list sign-in failures: %w", err)
		}
		f.First, f.Last = parseTS(first), parseTS(last)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ClearSignInFailures implements hangup.SignInStore.
func (db *DB) ClearSignInFailures(ctx context.Context, account, network string) (int, error) {
	var n int64
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE (?1 = '' OR account = ?1) AND (?2 = '' OR network = ?2)`, account, network)
		if err != nil {
			return classify(fmt.Errorf("sqlite: clear sign-in failures: %w", err))
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
