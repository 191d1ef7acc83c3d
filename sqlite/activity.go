package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.ActivityStore = (*DB)(nil)

const dayLayout = "2006-01-02"

// activityKept is how long activity rows are kept.
const activityKept = 366 * 24 * time.Hour

// RecordActivity implements hangup.ActivityStore.
func (db *DB) RecordActivity(ctx context.Context, number string, kind hangup.ActivityKind, visitor string, at time.Time) (bool, error) {
	var added bool
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO number_activity (number, kind, day, visitor) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			number, string(kind), at.UTC().Format(dayLayout), visitor)
		if err != nil {
			return classify(fmt.Errorf("sqlite: record activity: %w", err))
		}
		n, _ := res.RowsAffected()
		added = n > 0
		if _, err := tx.ExecContext(ctx, `DELETE FROM number_activity WHERE number = ? AND kind = ? AND day < ?`,
			number, string(kind), at.Add(-activityKept).UTC().Format(dayLayout)); err != nil {
			return classify(fmt.Errorf("sqlite: prune activity: %w", err))
		}
		return nil
	})
	return added, err
}

// NumberActivity implements hangup.ActivityStore.
func (db *DB) NumberActivity(ctx context.Context, number string, from, to time.Time) ([]hangup.DayActivity, error) {
	fromDay, toDay := from.UTC().Format(dayLayout), to.UTC().Format(dayLayout)
	days := map[string]*hangup.DayActivity{}
	get := func(d string) *hangup.DayActivity {
		if days[d] == nil {
			days[d] = &hangup.DayActivity{Day: d}
		}
		return days[d]
	}
	rows, err := db.read.QueryContext(ctx, `SELECT day, kind, count(*) FROM number_activity
		WHERE number = ? AND kind IN ('lookup', 'called') AND day >= ? AND day <= ? GROUP BY day, kind`, number, fromDay, toDay)
	if err != nil {
		return nil, fmt.Errorf("sqlite: number activity: %w", err)
	}
	for rows.Next() {
		var d, kind string
		var n int
		if err := rows.Scan(&d, &kind, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if hangup.ActivityKind(kind) == hangup.ActivityLookup {
			get(d).Lookups = n
		} else {
			get(d).Called = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Reports by the day they were made; a report naming the number twice
	// counts once.
	rows, err = db.read.QueryContext(ctx, `SELECT substr(created_at, 1, 10) AS d, count(*) FROM reports
		WHERE (number_shown_e164 = ? OR callback_e164 = ?) AND created_at >= ? AND created_at < ? GROUP BY d`,
		number, number, fromDay, ts(dayStart(to).Add(24*time.Hour)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: number reports by day: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, err
		}
		get(d).Reports = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return sortedDays(days), nil
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func sortedDays(days map[string]*hangup.DayActivity) []hangup.DayActivity {
	out := make([]hangup.DayActivity, 0, len(days))
	for _, d := range days {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b hangup.DayActivity) int { return strings.Compare(a.Day, b.Day) })
	return out
}
