package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.FigureStore = (*DB)(nil)

// CountReportsByWeekAndCountry implements hangup.FigureStore. ISO weeks,
// which date_trunc uses, start on Monday.
func (db *DB) CountReportsByWeekAndCountry(ctx context.Context, from, to time.Time) ([]hangup.WeekCountryCount, error) {
	rows, err := db.pool.Query(ctx, `SELECT date_trunc('week', created_at AT TIME ZONE 'UTC') AS week, country, COUNT(*)
		FROM reports WHERE created_at >= $1 AND created_at < $2
		GROUP BY week, country ORDER BY week, country COLLATE "C"`, from, to)
	if err != nil {
		return nil, wrap(err, "reports by week")
	}
	defer rows.Close()
	var out []hangup.WeekCountryCount
	for rows.Next() {
		var c hangup.WeekCountryCount
		var week time.Time
		if err := rows.Scan(&week, &c.Country, &c.Reports); err != nil {
			return nil, wrap(err, "reports by week")
		}
		c.Week = time.Date(week.Year(), week.Month(), week.Day(), 0, 0, 0, 0, time.UTC)
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "reports by week")
}

// figureSQL is the query of each dimension: value and count, filtered by
// creation time and the least count.
var figureSQL = map[hangup.FigureDimension]string{
	hangup.FigureOrganisation: `SELECT organisation_id AS value, COUNT(*) AS n FROM reports
		WHERE created_at >= $1 AND created_at < $2 AND organisation_id <> ''
		GROUP BY organisation_id HAVING COUNT(*) >= $3`,
	hangup.FigureTool: `SELECT l.value AS value, COUNT(DISTINCT l.report_id) AS n FROM report_links l JOIN reports r ON r.id = l.report_id
		WHERE r.created_at >= $1 AND r.created_at < $2 AND l.kind = 'tool' AND l.value <> ''
		GROUP BY l.value HAVING COUNT(DISTINCT l.report_id) >= $3`,
	hangup.FigurePayment: `SELECT lower(trim(payment_method)) AS value, COUNT(*) AS n FROM reports
		WHERE created_at >= $1 AND created_at < $2 AND trim(payment_method) <> ''
		GROUP BY lower(trim(payment_method)) HAVING COUNT(*) >= $3`,
}

// CountReportsBy implements hangup.FigureStore. Values sort in byte order
// (COLLATE "C"), as SQLite sorts them.
func (db *DB) CountReportsBy(ctx context.Context, q hangup.FigureQuery) ([]hangup.ValueCount, error) {
	if err := hangup.ValidFigureQuery(q); err != nil {
		return nil, err
	}
	var limit any // NULL: no limit
	if q.Limit > 0 {
		limit = q.Limit
	}
	rows, err := db.pool.Query(ctx, `SELECT value, n FROM (`+figureSQL[q.Dimension]+`) f ORDER BY n DESC, value COLLATE "C" LIMIT $4`, q.From, q.To, q.Min, limit)
	if err != nil {
		return nil, wrap(err, "reports by %s", q.Dimension)
	}
	defer rows.Close()
	var out []hangup.ValueCount
	for rows.Next() {
		var c hangup.ValueCount
		if err := rows.Scan(&c.Value, &c.Reports); err != nil {
			return nil, wrap(err, "reports by %s", q.Dimension)
		}
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "reports by %s", q.Dimension)
}

// MoneyLost implements hangup.FigureStore with the same query as SQLite's:
// the one or two middle rows of each currency are summed and counted in
// whichever bucket they fall; AddLossRow divides.
func (db *DB) MoneyLost(ctx context.Context, from, to time.Time, bounds []float64) ([]hangup.CurrencyLoss, error) {
	if err := hangup.ValidMoneyBounds(bounds); err != nil {
		return nil, err
	}
	args := []any{from, to}
	var bucket strings.Builder
	bucket.WriteString("CASE")
	for i, b := range bounds {
		args = append(args, b)
		fmt.Fprintf(&bucket, " WHEN amount < $%d THEN %d", len(args), i)
	}
	fmt.Fprintf(&bucket, " ELSE %d END", len(bounds))
	if len(bounds) == 0 {
		bucket.Reset()
		bucket.WriteString("0")
	}
	rows, err := db.pool.Query(ctx, `WITH m AS (
			SELECT currency, amount, ROW_NUMBER() OVER w AS rn,
				COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
			FROM reports WHERE created_at >= $1 AND created_at < $2 AND amount > 0 AND currency <> ''
			WINDOW w AS (PARTITION BY currency ORDER BY amount))
		SELECT currency, `+bucket.String()+` AS bucket, COUNT(*), SUM(amount),
			SUM(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN amount ELSE 0 END),
			SUM(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN 1 ELSE 0 END)
		FROM m GROUP BY currency, bucket ORDER BY currency COLLATE "C", bucket`, args...)
	if err != nil {
		return nil, wrap(err, "money lost")
	}
	defer rows.Close()
	var out []hangup.CurrencyLoss
	for rows.Next() {
		var cur string
		var b, n, midCount int
		var sum, midSum float64
		if err := rows.Scan(&cur, &b, &n, &sum, &midSum, &midCount); err != nil {
			return nil, wrap(err, "money lost")
		}
		out = hangup.AddLossRow(out, len(bounds), cur, b, n, sum, midSum, midCount)
	}
	return out, wrap(rows.Err(), "money lost")
}
