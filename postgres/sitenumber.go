package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

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
	// Sorted and without repeats, so that two checks of one page at once
	// take the rows' locks in the same order.
	ns := slices.Compact(slices.Sorted(slices.Values(numbers)))
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO site_numbers (host, number, first_seen, last_seen)
			SELECT $1, n, $3, $3 FROM unnest($2::text[]) AS x (n)
			ON CONFLICT (host, number) DO UPDATE SET last_seen = greatest(site_numbers.last_seen, excluded.last_seen)`, host, ns, at.UTC())
		return err
	})
	return wrap(err, "record site numbers")
}

func (db *DB) siteNumbers(ctx context.Context, query string, args ...any) ([]hangup.SiteNumber, error) {
	out := []hangup.SiteNumber{}
	err := db.read(ctx, func() error {
		out = out[:0]
		rows, err := db.pool.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s hangup.SiteNumber
			if err := rows.Scan(&s.Host, &s.Number, &s.FirstSeen, &s.LastSeen); err != nil {
				return err
			}
			s.FirstSeen, s.LastSeen = s.FirstSeen.UTC(), s.LastSeen.UTC()
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap(err, "site numbers")
	}
	return out, nil
}

// SitesShowingNumber implements hangup.SiteNumberStore.
func (db *DB) SitesShowingNumber(ctx context.Context, number string, limit int) ([]hangup.SiteNumber, error) {
	return db.siteNumbers(ctx, `SELECT host, number, first_seen, last_seen FROM site_numbers WHERE number = $1
		ORDER BY last_seen DESC, host COLLATE "C" LIMIT $2`, number, max(limit, 0))
}

// NumbersShownBy implements hangup.SiteNumberStore.
func (db *DB) NumbersShownBy(ctx context.Context, host string) ([]hangup.SiteNumber, error) {
	return db.siteNumbers(ctx, `SELECT host, number, first_seen, last_seen FROM site_numbers WHERE host = $1
		ORDER BY last_seen DESC, number COLLATE "C"`, host)
}
