package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.FigureStore = (*DB)(nil)

// CountReportsByWeekAndCountry implements hangup.FigureStore. Times are
// stored as fixed-width UTC text, so the first ten characters are the day;
// 'weekday 0' moves to the Sunday ending its week, six days back is Monday.
func (db *DB) CountReportsByWeekAndCountry(ctx context.Context, from, to time.Time) ([]hangup.WeekCountryCount, error) {
	// Days first: the date arithmetic then runs once per day, not per row.
	rows, err := db.read.QueryContext(ctx, `SELECT date(day, 'weekday 0', '-6 days') AS week, country, SUM(n)
		FROM (SELECT substr(created_at, 1, 10) AS day, country, COUNT(*) AS n
			FROM reports WHERE created_at >= ? AND created_at < ? GROUP BY day, country)
		GROUP BY week, country ORDER BY week, country`, ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("sqlite: reports by week: %w", classify(err))
	}
	defer rows.Close()
	var out []hangup.WeekCountryCount
	for rows.Next() {
		var c hangup.WeekCountryCount
		var week string
		if err := rows.Scan(&week, &c.Country, &c.Reports); err != nil {
			return nil, fmt.Errorf("sqlite: reports by week: %w", err)
		}
		if c.Week, err = time.Parse(time.DateOnly, week); err != nil {
			return nil, fmt.Errorf("sqlite: reports by week: week %q: %w", week, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// figureSQL is the query of each dimension: value and count, filtered by
// creation time and the least count, most reports first.
var figureSQL = map[hangup.FigureDimension]string{
	hangup.FigureOrganisation: `SELECT organisation_id AS value, COUNT(*) AS n FROM reports
		WHERE created_at >= ? AND created_at < ? AND organisation_id <> ''
		GROUP BY organisation_id HAVING COUNT(*) >= ?`,
	hangup.FigureTool: `SELECT l.value AS value, COUNT(DISTINCT l.report_id) AS n FROM report_links l JOIN reports r ON r.id = l.report_id
		WHERE r.created_at >= ? AND r.created_at < ? AND l.kind = 'tool' AND l.value <> ''
		GROUP BY l.value HAVING COUNT(DISTINCT l.report_id) >= ?`,
	hangup.FigurePayment: `SELECT lower(trim(payment_method)) AS value, COUNT(*) AS n FROM reports
		WHERE created_at >= ? AND created_at < ? AND trim(payment_method) <> ''
		GROUP BY lower(trim(payment_method)) HAVING COUNT(*) >= ?`,
}

// CountReportsBy implements hangup.FigureStore.
func (db *DB) CountReportsBy(ctx context.Context, q hangup.FigureQuery) ([]hangup.ValueCount, error) {
	if err := hangup.ValidFigureQuery(q); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := db.read.QueryContext(ctx, figureSQL[q.Dimension]+` ORDER BY n DESC, value LIMIT ?`, ts(q.From), ts(q.To), q.Min, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reports by %s: %w", q.Dimension, classify(err))
	}
	defer rows.Close()
	var out []hangup.ValueCount
	for rows.Next() {
		var c hangup.ValueCount
		if err := rows.Scan(&c.Value, &c.Reports); err != nil {
			return nil, fmt.Errorf("sqlite: reports by %s: %w", q.Dimension, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MoneyLost implements hangup.FigureStore in one pass: each currency's
// amounts are numbered in order (one sort), so its one or two middle rows
// (2·row between n and n+2) can be summed and counted in whichever bucket
// they fall; AddLossRow divides.
func (db *DB) MoneyLost(ctx context.Context, from, to time.Time, bounds []float64) ([]hangup.CurrencyLoss, error) {
	if err := hangup.ValidMoneyBounds(bounds); err != nil {
		return nil, err
	}
	var bucket strings.Builder
	args := []any{ts(from), ts(to)} // the WHERE clause's, then the buckets'
	bucket.WriteString("CASE")
	for i, b := range bounds {
		fmt.Fprintf(&bucket, " WHEN amount < ? THEN %d", i)
		args = append(args, b)
	}
	fmt.Fprintf(&bucket, " ELSE %d END", len(bounds))
	if len(bounds) == 0 {
		bucket.Reset()
		bucket.WriteString("0")
	}
	rows, err := db.read.QueryContext(ctx, `WITH m AS (
			SELECT currency, amount, ROW_NUMBER() OVER w AS rn,
				COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
			FROM reports WHERE created_at >= ? AND created_at < ? AND amount > 0 AND currency <> ''
			WINDOW w AS (PARTITION BY currency ORDER BY amount))
		SELECT currency, `+bucket.String()+` AS bucket, COUNT(*), SUM(amount),
			SUM(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN amount ELSE 0 END),
			SUM(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN 1 ELSE 0 END)
		FROM m GROUP BY currency, bucket ORDER BY currency, bucket`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: money lost: %w", classify(err))
	}
	defer rows.Close()
	var out []hangup.CurrencyLoss
	for rows.Next() {
		var cur string
		var b, n, midCount int
		var sum, midSum float64
		if err := rows.Scan(&cur, &b, &n, &sum, &midSum, &midCount); err != nil {
			return nil, fmt.Errorf("sqlite: money lost: %w", err)
		}
		out = hangup.AddLossRow(out, len(bounds), cur, b, n, sum, midSum, midCount)
	}
	return out, rows.Err()
}
