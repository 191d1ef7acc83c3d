package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

// column kinds in a SQLite table that need converting on the way over.
const (
	asIs    = iota
	stamp   // text timestamp → timestamptz
	boolean // 0/1 → boolean
)

// copyTable describes one table moved by CopyFromSQLite: its columns, in
// the same order on both sides, and how to convert each.
type copyTable struct {
	name     string
	columns  []string
	kinds    map[string]int
	identity bool // has an identity id column whose sequence must move past the copied ids
}

// copyTables lists every table of the schema in an order that satisfies the
// foreign keys. TestCopyFromSQLite fails if a table of either schema is
// missing here.
var copyTables = []copyTable{
	{"organisations", []string{"id", "body", "updated_at"}, map[string]int{"updated_at": stamp}, false},
	{"reports", strings.Fields(`id reference token_hash idempotency_key source source_ref status created_at updated_at occurred_at
		country number_shown number_shown_e164 callback_number callback_e164 claimed_organisation organisation_id started
		happened software website amount currency payment_method story verdict scam_type has_contact reporter_key reporter_weight`),
		map[string]int{"created_at": stamp, "updated_at": stamp, "occurred_at": stamp, "has_contact": boolean}, true},
	{"report_contacts", []string{"report_id", "name", "email", "phone", "consent"}, map[string]int{"consent": boolean}, false},
	{"report_links", []string{"report_id", "kind", "value"}, nil, false},
	{"report_events", []string{"id", "report_id", "at", "actor", "kind", "from_status", "to_status", "note"}, map[string]int{"at": stamp}, true},
	// seq is left NULL: the sequencer numbers the copied rows in id order,
	// which is SQLite's replay order.
	{"reputation_evidence", strings.Fields("id number reporter_key weight legit category at report_ref source withdrawn"),
		map[string]int{"legit": boolean, "at": stamp, "withdrawn": boolean}, true},
	{"allow_list", []string{"number", "reason", "actor", "at"}, map[string]int{"at": stamp}, false},
	{"appeals", strings.Fields("id number name email statement status created_at decided_at decided_by decision"),
		map[string]int{"created_at": stamp, "decided_at": stamp}, true},
	{"reputation_changes", []string{"id", "at", "number", "actor", "action", "reason"}, map[string]int{"at": stamp}, true},
	{"site_decisions", []string{"domain", "decision", "reason", "actor", "at"}, map[string]int{"at": stamp}, false},
	{"site_changes", []string{"id", "at", "domain", "actor", "action", "reason"}, map[string]int{"at": stamp}, true},
	{"users", strings.Fields("id email role organisation_id password_hash created_at disabled"),
		map[string]int{"created_at": stamp, "disabled": boolean}, true},
	{"sessions", []string{"token_hash", "user_id", "created_at", "expires_at"}, map[string]int{"created_at": stamp, "expires_at": stamp}, false},
	{"secrets", []string{"name", "value", "created_at"}, map[string]int{"created_at": stamp}, false},
	{"api_keys", strings.Fields("id name prefix hash created_at disabled rate_limit rate_burst label_at warn_at block_at scopes organisation_id version"),
		map[string]int{"created_at": stamp, "disabled": boolean}, true},
	{"api_key_numbers", []string{"key_id", "list", "number"}, nil, false},
	{"blocklist", []string{"number", "label", "version"}, nil, false},
	{"blocklist_changes", []string{"version", "number", "op", "label", "at"}, map[string]int{"at": stamp}, false},
	{"blocklist_state", []string{"id", "version", "as_of", "floor"}, nil, false},
	{"sync_sources", []string{"source", "version", "synced_at", "generation"}, map[string]int{"synced_at": stamp}, false},
	{"synced_listings", []string{"source", "number", "label"}, nil, false},
	{"shared_checks", []string{"id", "created_at", "expires_at", "body"}, map[string]int{"created_at": stamp, "expires_at": stamp}, false},
	{"signin_failures", []string{"account", "network", "failures", "first_at", "last_at"}, map[string]int{"first_at": stamp, "last_at": stamp}, false},
	{"feeds", strings.Fields("id name url format disabled created_at etag last_modified checked_at updated_at entries last_error"),
		map[string]int{"disabled": boolean, "created_at": stamp, "checked_at": stamp, "updated_at": stamp}, true},
	{"feed_entries", []string{"feed_id", "name", "first_seen"}, map[string]int{"first_seen": stamp}, false},
	{"site_numbers", []string{"host", "number", "first_seen", "last_seen"}, map[string]int{"first_seen": stamp, "last_seen": stamp}, false},
	{"org_claims", strings.Fields(`id organisation_id organisation_name domain email password_hash status queue_reason token_hash challenge
		expires_at created_at updated_at verified_at method decided_by user_id`),
		map[string]int{"expires_at": stamp, "created_at": stamp, "updated_at": stamp, "verified_at": stamp}, true},
	{"org_facts", strings.Fields(`id organisation_id kind value number role text callback status method created_by created_at updated_at
		verified_at verified_by code_hash code_expires code_attempts codes_sent code_window challenge`),
		map[string]int{"callback": boolean, "created_at": stamp, "updated_at": stamp, "verified_at": stamp, "code_expires": stamp, "code_window": stamp}, true},
	{"org_audit", strings.Fields("id at organisation_id actor action subject detail"), map[string]int{"at": stamp}, true},
	{"alerts", strings.Fields("id organisation_id title text author author_kind status created_at updated_at published_at expires_at reviewed_by review_note"),
		map[string]int{"created_at": stamp, "updated_at": stamp, "published_at": stamp, "expires_at": stamp}, true},
	{"alert_events", strings.Fields("id alert_id at actor kind from_status to_status note"), map[string]int{"at": stamp}, true},
	{"org_webhooks", strings.Fields("id organisation_id kind target secret threshold created_by created_at"), map[string]int{"created_at": stamp}, true},
	{"org_webhook_deliveries", strings.Fields(`id webhook_id event_key event payload status attempts next_attempt_at last_attempt_at
		response_status last_error created_at`), map[string]int{"next_attempt_at": stamp, "last_attempt_at": stamp, "created_at": stamp}, true},
	{"number_activity", []string{"number", "kind", "day", "visitor"}, nil, false},
}

// CopyTables returns the names of the tables CopyFromSQLite moves, in order.
func CopyTables() []string {
	out := make([]string, len(copyTables))
	for i, t := range copyTables {
		out[i] = t.name
	}
	return out
}

// CopyFromSQLite moves every row of a Hangup SQLite database into this one,
// which must be empty, keeping ids, token hashes, idempotency keys and
// times, so that tracking links, sessions and secrets keep working. src
// must be at the current SQLite schema (open it with sqlite.Open first).
//
// It is all-or-nothing: one PostgreSQL transaction, read from one SQLite
// read transaction (a consistent snapshot even while the old server runs).
// It returns the rows copied per table, having checked that each count
// matches the source. Returns ECONFLICT if this database holds data.
func (db *DB) CopyFromSQLite(ctx context.Context, src *sql.DB) (map[string]int64, error) {
	stx, err := src.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("copy-data: read the SQLite database: %w", err)
	}
	defer stx.Rollback()
	counts := map[string]int64{}
	err = db.withTx(ctx, func(tx pgx.Tx) error {
		clear(counts)
		for _, t := range copyTables {
			var n int64
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
				return wrap(err, "copy-data: count %s", t.name)
			}
			if n > 0 {
				return hangup.Errorf(hangup.ECONFLICT, "The PostgreSQL database already holds data (%d rows in %s): copy-data only fills an empty database.", n, t.name)
			}
		}
		for _, t := range copyTables {
			n, err := copyOne(ctx, stx, tx, t)
			if err != nil {
				return err
			}
			var want int64
			if err := stx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&want); err != nil {
				return fmt.Errorf("copy-data: count %s in SQLite: %w", t.name, err)
			}
			if n != want {
				return fmt.Errorf("copy-data: %s: copied %d rows of %d", t.name, n, want)
			}
			counts[t.name] = n
			if t.identity {
				// New rows must get ids above the copied ones.
				if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM `+t.name+`), 0) + 1, false)`,
					t.name); err != nil {
					return wrap(err, "copy-data: move the %s id sequence", t.name)
				}
			}
		}
		// Serving nodes reload what they hold in memory.
		for _, topic := range []string{hangup.TopicRegistry, hangup.TopicReputation, hangup.TopicAPIKeys, hangup.TopicBlocklist, hangup.TopicAlerts} {
			if err := db.bumpInTx(ctx, tx, topic); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

func copyOne(ctx context.Context, stx *sql.Tx, tx pgx.Tx, t copyTable) (int64, error) {
	rows, err := stx.QueryContext(ctx, `SELECT `+strings.Join(t.columns, ", ")+` FROM `+t.name+` ORDER BY rowid`)
	if err != nil {
		return 0, fmt.Errorf("copy-data: read %s: %w", t.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var convErr error
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]any, len(vals))
		for i, v := range vals {
			out[i], convErr = convert(v, t.kinds[t.columns[i]])
			if convErr != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.name, t.columns[i], convErr)
			}
		}
		return out, nil
	})
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, src)
	if err != nil {
		return n, wrap(err, "copy-data: write %s", t.name)
	}
	return n, nil
}

// convert turns a SQLite value into what the PostgreSQL column takes.
func convert(v any, kind int) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case stamp:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("timestamp is %T, want text", v)
		}
		if s == "" {
			return nil, nil
		}
		for _, layout := range []string{"2006-01-02T15:04:05.000000000Z", time.RFC3339Nano} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
		return nil, fmt.Errorf("unreadable timestamp %q", s)
	case boolean:
		n, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("flag is %T, want an integer", v)
		}
		return n != 0, nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return v, nil
}
