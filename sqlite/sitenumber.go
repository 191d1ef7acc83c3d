package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.SiteNumberStore = (*DB)(nil)

// RecordSiteNumbers implements hangup.SiteNumberStore.
func (db *DB) RecordSiteNumbers(ctx context.Context, host string, numbers []string, at time.Time) error {
	if err := hangup.ValidateSiteNumbers(host, numbers); err != nil {
		return err
	}
	if len(numbers) == 0 {
		return nil
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		for _, n := range numbers {
			if _, err := tx.ExecContext(ctx, `INSERT INTO site_numbers (host, number, first_seen, last_seen) VALUES (?, ?, ?, ?)
				ON CONFLICT (host, number) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`, host, n, ts(at), ts(at)); err != nil {
				return fmt.Errorf("sqlite: record site numbers: %w", classify(err))
			}
		}
		return nil
	})
}

func (db *DB) siteNumbers(ctx context.Context, query string, args ...any) ([]hangup.SiteNumber, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: site numbers: %w", err)
	}
	defer rows.Close()
	out := []hangup.SiteNumber{}
	for rows.Next() {
		var s hangup.SiteNumber
		var first, last string
		if err := rows.Scan(&s.Host, &s.Number, &first, &last); err != nil {
			return nil, fmt.Errorf("sqlite: site numbers: %w", err)
		}
		s.FirstSeen, s.LastSeen = parseTS(first), parseTS(last)
		out = append(out, s)
	}
	return out, rows.Err()
}

// SitesShowingNumber implements hangup.SiteNumberStore.
func (db *DB) SitesShowingNumber(ctx context.Context, number string, limit int) ([]hangup.SiteNumber, error) {
	return db.siteNumbers(ctx, `SELECT host, number, first_seen, last_seen FROM site_numbers WHERE number = ?
		ORDER BY last_seen DESC, host LIMIT ?`, number, max(limit, 0))
}

// NumbersShownBy implements hangup.SiteNumberStore.
func (db *DB) NumbersShownBy(ctx context.Context, host string) ([]hangup.SiteNumber, error) {
	return db.siteNumbers(ctx, `SELECT host, number, first_seen, last_seen FROM site_numbers WHERE host = ?
		ORDER BY last_seen DESC, number`, host)
}
