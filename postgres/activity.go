package postgres

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.ActivityStore = (*DB)(nil)

const dayLayout = "2006-01-02"

// activityKept is how long activity rows are kept.
const activityKept = 366 * 24 * time.Hour

// RecordActivity implements hangup.ActivityStore.
func (db *DB) RecordActivity(ctx context.Context, number string, kind hangup.ActivityKind, visitor string, at time.Time) (bool, error) {
	added := false
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO number_activity (number, kind, day, visitor) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
			number, string(kind), at.UTC().Format(dayLayout), visitor)
		if err != nil {
			return wrap(err, "record activity")
		}
		added = tag.RowsAffected() > 0
		_, err = tx.Exec(ctx, `DELETE FROM number_activity WHERE number = $1 AND kind = $2 AND day < $3`,
			number, string(kind), at.Add(-activityKept).UTC().Format(dayLayout))
		return wrap(err, "prune activity")
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
	rows, err := db.pool.Query(ctx, `SELECT day, kind, count(*) FROM number_activity
		WHERE number = $1 AND kind IN ('lookup', 'called') AND day >= $2 AND day <= $3 GROUP BY day, kind`, number, fromDay, toDay)
	if err != nil {
		return nil, wrap(err, "number activity")
	}
	for rows.Next() {
		var d, kind string
		var n int
		if err := rows.Scan(&d, &kind, &n); err != nil {
			rows.Close()
			return nil, wrap(err, "number activity")
		}
		if hangup.ActivityKind(kind) == hangup.ActivityLookup {
			get(d).Lookups = n
		} else {
			get(d).Called = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "number activity")
	}
	start, _ := time.Parse(dayLayout, fromDay)
	end, _ := time.Parse(dayLayout, toDay)
	rows, err = db.pool.Query(ctx, `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d, count(*) FROM reports
		WHERE (number_shown_e164 = $1 OR callback_e164 = $1) AND created_at >= $2 AND created_at < $3 GROUP BY d`,
		number, start, end.Add(24*time.Hour))
	if err != nil {
		return nil, wrap(err, "number reports by day")
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, wrap(err, "number reports by day")
		}
		get(d).Reports = n
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "number reports by day")
	}
	out := make([]hangup.DayActivity, 0, len(days))
	for _, d := range days {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b hangup.DayActivity) int { return strings.Compare(a.Day, b.Day) })
	return out, nil
}

// AddEvidence implements hangup.ReputationStore.
func (db *DB) AddEvidence(ctx context.Context, e hangup.Evidence) (bool, error) {
	added := false
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		added = false
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, db.lockKey("evidence", e.Subject(), e.ReporterKey)); err != nil {
			return wrap(err, "add evidence")
		}
		tag, err := tx.Exec(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source)
			SELECT $1, $2, $3, $4, $5, $6, $7, $8
			WHERE NOT EXISTS (SELECT 1 FROM reputation_evidence WHERE number = $1 AND reporter_key = $2 AND at > $9)`,
			e.Subject(), e.ReporterKey, e.Weight, e.Legit, e.Category, e.At.UTC(), e.ReportRef, e.Source, e.At.Add(-hangup.EvidencePeriod).UTC())
		if err != nil {
			return wrap(err, "add evidence")
		}
		added = tag.RowsAffected() > 0
		return nil
	})
	if err == nil && added {
		db.changedAsync(hangup.TopicReputation)
	}
	return added, err
}
