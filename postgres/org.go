package postgres

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.OrganisationStore = (*DB)(nil)

// ListOrganisations implements hangup.OrganisationStore.
func (db *DB) ListOrganisations(ctx context.Context) ([]*hangup.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT body FROM organisations ORDER BY id COLLATE "C"`)
	if err != nil {
		return nil, wrap(err, "list organisations")
	}
	defer rows.Close()
	var out []*hangup.Organisation
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return nil, wrap(err, "list organisations")
		}
		o := new(hangup.Organisation)
		if err := json.Unmarshal(body, o); err != nil {
			return nil, wrap(err, "decode organisation")
		}
		out = append(out, o)
	}
	return out, wrap(rows.Err(), "list organisations")
}

// FindOrganisation implements hangup.OrganisationStore.
func (db *DB) FindOrganisation(ctx context.Context, id string) (*hangup.Organisation, error) {
	var body []byte
	err := db.read(ctx, func() error {
		return db.pool.QueryRow(ctx, `SELECT body FROM organisations WHERE id = $1`, id).Scan(&body)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no organisation %q in the registry.", id)
	}
	if err != nil {
		return nil, wrap(err, "find organisation %q", id)
	}
	o := new(hangup.Organisation)
	if err := json.Unmarshal(body, o); err != nil {
		return nil, wrap(err, "decode organisation %q", id)
	}
	return o, nil
}

// ReplaceOrganisations implements hangup.OrganisationStore. Validation is
// the registry's job; the store only guarantees all-or-nothing.
func (db *DB) ReplaceOrganisations(ctx context.Context, orgs []*hangup.Organisation) error {
	bodies := make([][]byte, len(orgs))
	for i, o := range orgs {
		if o == nil || o.ID == "" {
			return hangup.Errorf(hangup.EINVALID, "every organisation needs an id")
		}
		var err error
		if bodies[i], err = json.Marshal(o); err != nil {
			return wrap(err, "encode organisation %q", o.ID)
		}
	}
	now := db.now().UTC()
	return db.withChange(ctx, hangup.TopicRegistry, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i, o := range orgs {
			b.Queue(`INSERT INTO organisations (id, body, updated_at) VALUES ($1, $2, $3)
				ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, o.ID, string(bodies[i]), now)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return wrap(err, "save organisations")
		}
		return nil
	})
}

// DeleteOrganisation implements hangup.OrganisationStore.
func (db *DB) DeleteOrganisation(ctx context.Context, id string) error {
	return db.withChange(ctx, hangup.TopicRegistry, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM organisations WHERE id = $1`, id)
		if err != nil {
			return wrap(err, "delete organisation %q", id)
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no organisation %q in the registry.", id)
		}
		return nil
	})
}
