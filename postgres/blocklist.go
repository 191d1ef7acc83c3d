package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var (
	_ hangup.BlocklistStore = (*DB)(nil)
	_ hangup.SyncStore      = (*DB)(nil)
)

// lockBlocklist serialises publications for the rest of the transaction:
// every node publishes, and versions must rise by one per change in commit
// order, so that a client that has read version n never misses a change
// committed later with a version at or below n.
func (db *DB) lockBlocklist(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, db.lockKey("blocklist"))
	return wrap(err, "lock blocklist")
}

// blocklistState reads the version, the evidence mark and the floor; all
// zero before the first publication.
func blocklistState(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (version, asOf, floor int64, err error) {
	err = q.QueryRow(ctx, `SELECT version, as_of, floor FROM blocklist_state WHERE id = 1`).Scan(&version, &asOf, &floor)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, 0, nil
	}
	return version, asOf, floor, wrap(err, "blocklist state")
}

// PublishBlocklist implements hangup.BlocklistStore.
func (db *DB) PublishBlocklist(ctx context.Context, asOf int64, want []hangup.Listing) (hangup.BlocklistPublish, error) {
	var res hangup.BlocklistPublish
	now := db.now().UTC()
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		res = hangup.BlocklistPublish{}
		if err := db.lockBlocklist(ctx, tx); err != nil {
			return err
		}
		version, stored, _, err := blocklistState(ctx, tx)
		if err != nil {
			return err
		}
		res.Version = version
		if asOf < stored {
			res.Stale = true
			return nil
		}
		current := map[string]hangup.ListingLabel{}
		rows, err := tx.Query(ctx, `SELECT number, label FROM blocklist`)
		if err != nil {
			return wrap(err, "blocklist")
		}
		for rows.Next() {
			var n, l string
			if err := rows.Scan(&n, &l); err != nil {
				rows.Close()
				return wrap(err, "blocklist")
			}
			current[n] = hangup.ListingLabel(l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(err, "blocklist")
		}
		changes, err := hangup.DiffListings(current, want)
		if err != nil {
			return err
		}
		if len(changes) > 0 {
			versions := make([]int64, len(changes))
			numbers := make([]string, len(changes))
			ops := make([]string, len(changes))
			labels := make([]string, len(changes))
			for i, c := range changes {
				version++
				versions[i], numbers[i], ops[i], labels[i] = version, c.Number, string(c.Op), string(c.Label)
				switch c.Op {
				case hangup.ListingAdded:
					res.Added++
				case hangup.ListingChanged:
					res.Changed++
				default:
					res.Removed++
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO blocklist_changes (version, number, op, label, at)
				SELECT v, n, o, l, $5 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS c(v, n, o, l)`,
				versions, numbers, ops, labels, now); err != nil {
				return wrap(err, "publish blocklist")
			}
			if _, err := tx.Exec(ctx, `DELETE FROM blocklist b USING unnest($1::text[], $2::text[]) AS c(n, o)
				WHERE b.number = c.n AND c.o = 'remove'`, numbers, ops); err != nil {
				return wrap(err, "publish blocklist")
			}
			if _, err := tx.Exec(ctx, `INSERT INTO blocklist (number, label, version)
				SELECT n, l, v FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS c(v, n, o, l) WHERE o <> 'remove'
				ON CONFLICT (number) DO UPDATE SET label = excluded.label, version = excluded.version`,
				versions, numbers, ops, labels); err != nil {
				return wrap(err, "publish blocklist")
			}
		}
		res.Version = version
		_, err = tx.Exec(ctx, `INSERT INTO blocklist_state (id, version, as_of, floor) VALUES (1, $1, $2, 0)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version, as_of = excluded.as_of`, version, asOf)
		if err != nil {
			return wrap(err, "publish blocklist")
		}
		if len(changes) > 0 {
			return db.bumpInTx(ctx, tx, hangup.TopicBlocklist)
		}
		return nil
	})
	if err == nil && res.Added+res.Changed+res.Removed > 0 {
		db.changed(hangup.TopicBlocklist)
	}
	return res, err
}

// Blocklist implements hangup.BlocklistStore. The list and its version are
// read in one repeatable-read transaction, so they agree.
func (db *DB) Blocklist(ctx context.Context) ([]hangup.Listing, int64, error) {
	var out []hangup.Listing
	var version int64
	err := db.read(ctx, func() error {
		out = []hangup.Listing{}
		tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return wrap(err, "blocklist")
		}
		defer tx.Rollback(context.Background())
		if version, _, _, err = blocklistState(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT number, label FROM blocklist ORDER BY number`)
		if err != nil {
			return wrap(err, "blocklist")
		}
		defer rows.Close()
		for rows.Next() {
			var l hangup.Listing
			if err := rows.Scan(&l.Number, &l.Label); err != nil {
				return wrap(err, "blocklist")
			}
			out = append(out, l)
		}
		return wrap(rows.Err(), "blocklist")
	})
	return out, version, err
}

// BlocklistVersion implements hangup.BlocklistStore.
func (db *DB) BlocklistVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read(ctx, func() error {
		var err error
		v, _, _, err = blocklistState(ctx, db.pool)
		return err
	})
	return v, err
}

// BlocklistChanges implements hangup.BlocklistStore.
func (db *DB) BlocklistChanges(ctx context.Context, since int64) ([]hangup.ListingChange, int64, bool, error) {
	var out []hangup.ListingChange
	var version int64
	complete := false
	err := db.read(ctx, func() error {
		out, complete = []hangup.ListingChange{}, false
		tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return wrap(err, "blocklist changes")
		}
		defer tx.Rollback(context.Background())
		var floor int64
		if version, _, floor, err = blocklistState(ctx, tx); err != nil {
			return err
		}
		if since < floor || since > version {
			return nil
		}
		complete = true
		rows, err := tx.Query(ctx, `SELECT DISTINCT ON (number) version, number, op, label, at FROM blocklist_changes
			WHERE version > $1 ORDER BY number, version DESC`, since)
		if err != nil {
			return wrap(err, "blocklist changes")
		}
		defer rows.Close()
		for rows.Next() {
			var c hangup.ListingChange
			if err := rows.Scan(&c.Version, &c.Number, &c.Op, &c.Label, &c.At); err != nil {
				return wrap(err, "blocklist changes")
			}
			c.At = c.At.UTC()
			out = append(out, c)
		}
		return wrap(rows.Err(), "blocklist changes")
	})
	return out, version, complete, err
}

// PruneBlocklistChanges implements hangup.BlocklistStore.
func (db *DB) PruneBlocklistChanges(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		n = 0
		if err := db.lockBlocklist(ctx, tx); err != nil {
			return err
		}
		var top *int64
		if err := tx.QueryRow(ctx, `SELECT max(version) FROM blocklist_changes WHERE at < $1`, cutoff.UTC()).Scan(&top); err != nil {
			return wrap(err, "prune blocklist")
		}
		if top == nil {
			return nil
		}
		tag, err := tx.Exec(ctx, `DELETE FROM blocklist_changes WHERE version <= $1`, *top)
		if err != nil {
			return wrap(err, "prune blocklist")
		}
		n = tag.RowsAffected()
		_, err = tx.Exec(ctx, `INSERT INTO blocklist_state (id, version, as_of, floor) VALUES (1, $1, 0, $1)
			ON CONFLICT (id) DO UPDATE SET floor = greatest(blocklist_state.floor, excluded.floor)`, *top)
		return wrap(err, "prune blocklist")
	})
	return int(n), err
}

// ApplySync implements hangup.SyncStore.
func (db *DB) ApplySync(ctx context.Context, source string, version int64, full bool, changes []hangup.ListingChange) error {
	if strings.TrimSpace(source) == "" || len(source) > 2048 {
		return hangup.Invalid("The sync source is not valid.", hangup.FieldError{Field: "source", Message: "must be the central Hangup's address"})
	}
	var upNumbers, upLabels, rmNumbers []string
	for _, c := range changes {
		if !hangup.ValidSyncChange(c) {
			return hangup.Invalid("The central Hangup sent a listing that is not valid: nothing was stored.",
				hangup.FieldError{Field: "changes", Message: fmt.Sprintf("%q (%s %s) needs an E.164 number, an operation and a label", c.Number, c.Op, c.Label)})
		}
		if c.Op == hangup.ListingRemoved {
			rmNumbers = append(rmNumbers, c.Number)
		} else {
			upNumbers, upLabels = append(upNumbers, c.Number), append(upLabels, string(c.Label))
		}
	}
	now := db.now().UTC()
	bumped := false
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		bumped = false
		if _, err := tx.Exec(ctx, `INSERT INTO sync_sources (source, version, synced_at, generation) VALUES ($1, 0, $2, 0)
			ON CONFLICT (source) DO NOTHING`, source, now); err != nil {
			return wrap(err, "apply sync")
		}
		var changed int64
		if full {
			tag, err := tx.Exec(ctx, `DELETE FROM synced_listings WHERE source = $1`, source)
			if err != nil {
				return wrap(err, "apply sync")
			}
			changed += tag.RowsAffected()
		}
		if len(rmNumbers) > 0 {
			tag, err := tx.Exec(ctx, `DELETE FROM synced_listings WHERE source = $1 AND number = ANY($2)`, source, rmNumbers)
			if err != nil {
				return wrap(err, "apply sync")
			}
			changed += tag.RowsAffected()
		}
		if len(upNumbers) > 0 {
			// A pull names each number once; the last of any repeats wins.
			tag, err := tx.Exec(ctx, `INSERT INTO synced_listings (source, number, label)
				SELECT DISTINCT ON (n) $1, n, l FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS c(n, l, i) ORDER BY n, i DESC
				ON CONFLICT (source, number) DO UPDATE SET label = excluded.label WHERE synced_listings.label <> excluded.label`,
				source, upNumbers, upLabels)
			if err != nil {
				return wrap(err, "apply sync")
			}
			changed += tag.RowsAffected()
		}
		bump := 0
		if changed > 0 {
			bump = 1
		}
		_, err := tx.Exec(ctx, `UPDATE sync_sources SET version = $1, synced_at = $2, generation = generation + $3 WHERE source = $4`,
			version, now, bump, source)
		if err != nil {
			return wrap(err, "apply sync")
		}
		if bump > 0 {
			bumped = true
			return db.bumpInTx(ctx, tx, hangup.TopicReputation)
		}
		return nil
	})
	if err == nil && bumped {
		db.changed(hangup.TopicReputation)
	}
	return err
}

// SyncStates implements hangup.SyncStore.
func (db *DB) SyncStates(ctx context.Context) ([]hangup.SyncState, error) {
	var out []hangup.SyncState
	err := db.read(ctx, func() error {
		out = []hangup.SyncState{}
		rows, err := db.pool.Query(ctx, `SELECT s.source, s.version, s.synced_at, (SELECT count(*) FROM synced_listings l WHERE l.source = s.source)
			FROM sync_sources s ORDER BY s.source`)
		if err != nil {
			return wrap(err, "sync states")
		}
		defer rows.Close()
		for rows.Next() {
			var s hangup.SyncState
			if err := rows.Scan(&s.Source, &s.Version, &s.SyncedAt, &s.Listings); err != nil {
				return wrap(err, "sync states")
			}
			s.SyncedAt = s.SyncedAt.UTC()
			out = append(out, s)
		}
		return wrap(rows.Err(), "sync states")
	})
	return out, err
}

// SyncedListings implements hangup.SyncStore.
func (db *DB) SyncedListings(ctx context.Context) ([]hangup.SyncedListing, error) {
	var out []hangup.SyncedListing
	err := db.read(ctx, func() error {
		out = []hangup.SyncedListing{}
		rows, err := db.pool.Query(ctx, `SELECT source, number, label FROM synced_listings ORDER BY number, source`)
		if err != nil {
			return wrap(err, "synced listings")
		}
		defer rows.Close()
		for rows.Next() {
			var l hangup.SyncedListing
			if err := rows.Scan(&l.Source, &l.Number, &l.Label); err != nil {
				return wrap(err, "synced listings")
			}
			out = append(out, l)
		}
		return wrap(rows.Err(), "synced listings")
	})
	return out, err
}

// SyncedVersion implements hangup.SyncStore.
func (db *DB) SyncedVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read(ctx, func() error {
		return wrap(db.pool.QueryRow(ctx, `SELECT coalesce(sum(generation), 0)::bigint FROM sync_sources`).Scan(&v), "synced version")
	})
	return v, err
}

// NumberOrganisations implements hangup.ReportStore.
func (db *DB) NumberOrganisations(ctx context.Context, numbers []string) (map[string][]hangup.OrganisationCount, error) {
	if len(numbers) > hangup.MaxNumberOrganisations {
		return nil, hangup.Invalid("Too many numbers.", hangup.FieldError{Field: "numbers", Message: fmt.Sprintf("at most %d at once", hangup.MaxNumberOrganisations)})
	}
	out := map[string][]hangup.OrganisationCount{}
	if len(numbers) == 0 {
		return out, nil
	}
	err := db.read(ctx, func() error {
		clear(out)
		rows, err := db.pool.Query(ctx, `SELECT number, organisation_id, count(*) FROM (
				SELECT id, number_shown_e164 AS number, organisation_id FROM reports WHERE organisation_id <> '' AND number_shown_e164 = ANY($1)
				UNION
				SELECT id, callback_e164, organisation_id FROM reports WHERE organisation_id <> '' AND callback_e164 = ANY($1)
			) r GROUP BY number, organisation_id ORDER BY number, count(*) DESC, organisation_id`, numbers)
		if err != nil {
			return wrap(err, "number organisations")
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			var c hangup.OrganisationCount
			if err := rows.Scan(&n, &c.ID, &c.Reports); err != nil {
				return wrap(err, "number organisations")
			}
			out[n] = append(out[n], c)
		}
		return wrap(rows.Err(), "number organisations")
	})
	return out, err
}
