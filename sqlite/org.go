package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.OrganisationStore = (*DB)(nil)

// ListOrganisations implements hangup.OrganisationStore.
func (db *DB) ListOrganisations(ctx context.Context) ([]*hangup.Organisation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT body FROM organisations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list organisations: %w", err)
	}
	defer rows.Close()
	var out []*hangup.Organisation
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("sqlite: list organisations: %w", err)
		}
		o := new(hangup.Organisation)
		if err := json.Unmarshal([]byte(body), o); err != nil {
			return nil, fmt.Errorf("sqlite: decode organisation: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// FindOrganisation implements hangup.OrganisationStore.
func (db *DB) FindOrganisation(ctx context.Context, id string) (*hangup.Organisation, error) {
	var body string
	err := db.read.QueryRowContext(ctx, `SELECT body FROM organisations WHERE id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no organisation %q in the registry.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find organisation %q: %w", id, err)
	}
	o := new(hangup.Organisation)
	if err := json.Unmarshal([]byte(body), o); err != nil {
		return nil, fmt.Errorf("sqlite: decode organisation %q: %w", id, err)
	}
	return o, nil
}

// ReplaceOrganisations implements hangup.OrganisationStore. Validation is
// the registry's job; the store only guarantees all-or-nothing.
func (db *DB) ReplaceOrganisations(ctx context.Context, orgs []*hangup.Organisation) error {
	now := db.now().UTC().Format(time.RFC3339Nano)
	return db.withTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO organisations (id, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`)
		if err != nil {
			return fmt.Errorf("sqlite: replace organisations: %w", err)
		}
		defer stmt.Close()
		for _, o := range orgs {
			if o == nil || o.ID == "" {
				return hangup.Errorf(hangup.EINVALID, "every organisation needs an id")
			}
			body, err := json.Marshal(o)
			if err != nil {
				return fmt.Errorf("sqlite: encode organisation %q: %w", o.ID, err)
			}
			if _, err := stmt.ExecContext(ctx, o.ID, string(body), now); err != nil {
				return classify(fmt.Errorf("sqlite: save organisation %q: %w", o.ID, err))
			}
		}
		return nil
	})
}

// DeleteOrganisation implements hangup.OrganisationStore.
func (db *DB) DeleteOrganisation(ctx context.Context, id string) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM organisations WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("sqlite: delete organisation %q: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no organisation %q in the registry.", id)
		}
		return nil
	})
}
