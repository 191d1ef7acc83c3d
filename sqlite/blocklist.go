package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var (
	_ hangup.BlocklistStore = (*DB)(nil)
	_ hangup.SyncStore      = (*DB)(nil)
)

// PublishBlocklist implements hangup.BlocklistStore. SQLite has one
// writer, so the transaction alone serialises publishers.
func (db *DB) PublishBlocklist(ctx context.Context, asOf int64, want []hangup.Listing) (hangup.BlocklistPublish, error) {
	var res hangup.BlocklistPublish
	now := db.now()
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res = hangup.BlocklistPublish{}
		version, stored, _, err := blocklistState(ctx, tx)
		if err != nil {
			return err
		}
		res.Version = version
		if asOf < stored {
			res.Stale = true
			return nil
		}
		current, err := currentListings(ctx, tx)
		if err != nil {
			return err
		}
		changes, err := hangup.DiffListings(current, want)
		if err != nil {
			return err
		}
		for _, c := range changes {
			version++
			if _, err := tx.ExecContext(ctx, `INSERT INTO blocklist_changes (version, number, op, label, at) VALUES (?, ?, ?, ?, ?)`,
				version, c.Number, string(c.Op), string(c.Label), ts(now)); err != nil {
				return fmt.Errorf("sqlite: publish blocklist: %w", classify(err))
			}
			var err error
			switch c.Op {
			case hangup.ListingRemoved:
				res.Removed++
				_, err = tx.ExecContext(ctx, `DELETE FROM blocklist WHERE number = ?`, c.Number)
			default:
				if c.Op == hangup.ListingAdded {
					res.Added++
				} else {
					res.Changed++
				}
				_, err = tx.ExecContext(ctx, `INSERT INTO blocklist (number, label, version) VALUES (?, ?, ?)
					ON CONFLICT (number) DO UPDATE SET label = excluded.label, version = excluded.version`, c.Number, string(c.Label), version)
			}
			if err != nil {
				return fmt.Errorf("sqlite: publish blocklist: %w", classify(err))
			}
		}
		res.Version = version
		_, err = tx.ExecContext(ctx, `INSERT INTO blocklist_state (id, version, as_of, floor) VALUES (1, ?, ?, 0)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version, as_of = excluded.as_of`, version, asOf)
		return classify(err)
	})
	return res, err
}

// blocklistState reads the version, the evidence mark and the floor; all
// zero before the first publication.
func blocklistState(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (version, asOf, floor int64, err error) {
	err = q.QueryRowContext(ctx, `SELECT version, as_of, floor FROM blocklist_state WHERE id = 1`).Scan(&version, &asOf, &floor)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, nil
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("sqlite: blocklist state: %w", classify(err))
	}
	return version, asOf, floor, nil
}

func currentListings(ctx context.Context, tx *sql.Tx) (map[string]hangup.ListingLabel, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number, label FROM blocklist`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: blocklist: %w", classify(err))
	}
	defer rows.Close()
	out := map[string]hangup.ListingLabel{}
	for rows.Next() {
		var n, l string
		if err := rows.Scan(&n, &l); err != nil {
			return nil, fmt.Errorf("sqlite: blocklist: %w", err)
		}
		out[n] = hangup.ListingLabel(l)
	}
	return out, rows.Err()
}

// Blocklist implements hangup.BlocklistStore. The list and its version
// are read in one transaction, so they agree.
func (db *DB) Blocklist(ctx context.Context) ([]hangup.Listing, int64, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: blocklist: %w", classify(err))
	}
	defer tx.Rollback()
	version, _, _, err := blocklistState(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT number, label FROM blocklist ORDER BY number`)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: blocklist: %w", classify(err))
	}
	defer rows.Close()
	out := []hangup.Listing{}
	for rows.Next() {
		var l hangup.Listing
		if err := rows.Scan(&l.Number, &l.Label); err != nil {
			return nil, 0, fmt.Errorf("sqlite: blocklist: %w", err)
		}
		out = append(out, l)
	}
	return out, version, rows.Err()
}

// BlocklistVersion implements hangup.BlocklistStore.
func (db *DB) BlocklistVersion(ctx context.Context) (int64, error) {
	v, _, _, err := blocklistState(ctx, db.read)
	return v, err
}

// BlocklistChanges implements hangup.BlocklistStore.
func (db *DB) BlocklistChanges(ctx context.Context, since int64) ([]hangup.ListingChange, int64, bool, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, false, fmt.Errorf("sqlite: blocklist changes: %w", classify(err))
	}
	defer tx.Rollback()
	version, _, floor, err := blocklistState(ctx, tx)
	if err != nil {
		return nil, 0, false, err
	}
	if since < floor || since > version {
		return nil, version, false, nil
	}
	// The latest change of each number: the one with its highest version.
	rows, err := tx.QueryContext(ctx, `SELECT c.version, c.number, c.op, c.label, c.at FROM blocklist_changes c
		JOIN (SELECT number, max(version) AS v FROM blocklist_changes WHERE version > ? GROUP BY number) l
		  ON l.number = c.number AND l.v = c.version
		ORDER BY c.number`, since)
	if err != nil {
		return nil, 0, false, fmt.Errorf("sqlite: blocklist changes: %w", classify(err))
	}
	defer rows.Close()
	out := []hangup.ListingChange{}
	for rows.Next() {
		var c hangup.ListingChange
		var at string
		if err := rows.Scan(&c.Version, &c.Number, &c.Op, &c.Label, &at); err != nil {
			return nil, 0, false, fmt.Errorf("sqlite: blocklist changes: %w", err)
		}
		c.At = parseTS(at)
		out = append(out, c)
	}
	return out, version, true, rows.Err()
}

// PruneBlocklistChanges implements hangup.BlocklistStore.
func (db *DB) PruneBlocklistChanges(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		var top sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT max(version) FROM blocklist_changes WHERE at < ?`, ts(cutoff)).Scan(&top); err != nil {
			return fmt.Errorf("sqlite: prune blocklist: %w", classify(err))
		}
		if !top.Valid {
			return nil
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM blocklist_changes WHERE version <= ?`, top.Int64)
		if err != nil {
			return fmt.Errorf("sqlite: prune blocklist: %w", classify(err))
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, `INSERT INTO blocklist_state (id, version, as_of, floor) VALUES (1, ?, 0, ?)
			ON CONFLICT (id) DO UPDATE SET floor = max(floor, excluded.floor)`, top.Int64, top.Int64)
		return classify(err)
	})
	return int(n), err
}

// ApplySync implements hangup.SyncStore.
func (db *DB) ApplySync(ctx context.Context, source string, version int64, full bool, changes []hangup.ListingChange) error {
	if err := validSync(source, changes); err != nil {
		return err
	}
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_sources (source, version, synced_at, generation) VALUES (?, 0, ?, 0)
			ON CONFLICT (source) DO NOTHING`, source, ts(now)); err != nil {
			return fmt.Errorf("sqlite: apply sync: %w", classify(err))
		}
		changed := int64(0)
		if full {
			res, err := tx.ExecContext(ctx, `DELETE FROM synced_listings WHERE source = ?`, source)
			if err != nil {
				return fmt.Errorf("sqlite: apply sync: %w", classify(err))
			}
			changed, _ = res.RowsAffected()
		}
		for _, c := range changes {
			var res sql.Result
			var err error
			if c.Op == hangup.ListingRemoved {
				res, err = tx.ExecContext(ctx, `DELETE FROM synced_listings WHERE source = ? AND number = ?`, source, c.Number)
			} else {
				res, err = tx.ExecContext(ctx, `INSERT INTO synced_listings (source, number, label) VALUES (?, ?, ?)
					ON CONFLICT (source, number) DO UPDATE SET label = excluded.label WHERE label <> excluded.label`, source, c.Number, string(c.Label))
			}
			if err != nil {
				return fmt.Errorf("sqlite: apply sync: %w", classify(err))
			}
			n, _ := res.RowsAffected()
			changed += n
		}
		bump := 0
		if changed > 0 {
			bump = 1
		}
		_, err := tx.ExecContext(ctx, `UPDATE sync_sources SET version = ?, synced_at = ?, generation = generation + ? WHERE source = ?`,
			version, ts(now), bump, source)
		return classify(err)
	})
}

// validSync checks what a pull brought before anything is stored.
func validSync(source string, changes []hangup.ListingChange) error {
	if strings.TrimSpace(source) == "" || len(source) > 2048 {
		return hangup.Invalid("The sync source is not valid.", hangup.FieldError{Field: "source", Message: "must be the central Hangup's address"})
	}
	for _, c := range changes {
		if !hangup.ValidSyncChange(c) {
			return hangup.Invalid("The central Hangup sent a listing that is not valid: nothing was stored.",
				hangup.FieldError{Field: "changes", Message: fmt.Sprintf("%q (%s %s) needs an E.164 number, an operation and a label", c.Number, c.Op, c.Label)})
		}
	}
	return nil
}

// SyncStates implements hangup.SyncStore.
func (db *DB) SyncStates(ctx context.Context) ([]hangup.SyncState, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.source, s.version, s.synced_at, (SELECT count(*) FROM synced_listings l WHERE l.source = s.source)
		FROM sync_sources s ORDER BY s.source`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sync states: %w", classify(err))
	}
	defer rows.Close()
	out := []hangup.SyncState{}
	for rows.Next() {
		var s hangup.SyncState
		var at string
		if err := rows.Scan(&s.Source, &s.Version, &at, &s.Listings); err != nil {
			return nil, fmt.Errorf("sqlite: sync states: %w", err)
		}
		s.SyncedAt = parseTS(at)
		out = append(out, s)
	}
	return out, rows.Err()
}

// SyncedListings implements hangup.SyncStore.
func (db *DB) SyncedListings(ctx context.Context) ([]hangup.SyncedListing, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT source, number, label FROM synced_listings ORDER BY number, source`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: synced listings: %w", classify(err))
	}
	defer rows.Close()
	out := []hangup.SyncedListing{}
	for rows.Next() {
		var l hangup.SyncedListing
		if err := rows.Scan(&l.Source, &l.Number, &l.Label); err != nil {
			return nil, fmt.Errorf("sqlite: synced listings: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SyncedVersion implements hangup.SyncStore.
func (db *DB) SyncedVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(sum(generation), 0) FROM sync_sources`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlite: synced version: %w", classify(err))
	}
	return v, nil
}
