package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.APIKeyStore = (*DB)(nil)

const apiKeyColumns = `id, name, prefix, hash, created_at, disabled, rate_limit, rate_burst, label_at, warn_at, block_at, scopes, organisation_id`

func scanAPIKey(row pgx.Row) (*hangup.APIKey, error) {
	k := new(hangup.APIKey)
	var scopes string
	if err := row.Scan(&k.ID, &k.Name, &k.Prefix, &k.Hash, &k.CreatedAt, &k.Disabled, &k.RateLimit, &k.RateBurst,
		&k.Policy.LabelAt, &k.Policy.WarnAt, &k.Policy.BlockAt, &scopes, &k.OrganisationID); err != nil {
		return nil, err
	}
	k.Scopes = splitScopes(scopes)
	k.CreatedAt = k.CreatedAt.UTC()
	k.Allow, k.Deny = []string{}, []string{}
	return k, nil
}

// lockAPIKeys serialises key changes for the rest of the transaction. The
// version counter must rise in commit order: a server that has read
// version n must never later see a change committed with a version at or
// below n. Key changes are rare, so one at a time costs nothing.
func (db *DB) lockAPIKeys(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, db.lockKey("apikeys"))
	return wrap(err, "lock api keys")
}

// CreateAPIKey implements hangup.APIKeyStore.
func (db *DB) CreateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = db.now()
	}
	return db.withChange(ctx, hangup.TopicAPIKeys, func(tx pgx.Tx) error {
		if err := db.lockAPIKeys(ctx, tx); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO api_keys (name, prefix, hash, created_at, disabled, rate_limit, rate_burst, label_at, warn_at, block_at, scopes, organisation_id, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, (SELECT coalesce(max(version), 0) + 1 FROM api_keys)) RETURNING id`,
			k.Name, k.Prefix, k.Hash, k.CreatedAt.UTC(), k.Disabled, k.RateLimit, k.RateBurst, k.Policy.LabelAt, k.Policy.WarnAt, k.Policy.BlockAt, joinScopes(k.Scopes), k.OrganisationID).Scan(&k.ID)
		if err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already an API key called %q.", k.Name)
			}
			return wrap(err, "create api key")
		}
		return writeKeyLists(ctx, tx, k)
	})
}

// writeKeyLists replaces a key's allow and deny lists.
func writeKeyLists(ctx context.Context, tx pgx.Tx, k *hangup.APIKey) error {
	if _, err := tx.Exec(ctx, `DELETE FROM api_key_numbers WHERE key_id = $1`, k.ID); err != nil {
		return wrap(err, "api key lists")
	}
	lists := make([]string, 0, len(k.Allow)+len(k.Deny))
	numbers := make([]string, 0, len(k.Allow)+len(k.Deny))
	for _, n := range k.Allow {
		lists, numbers = append(lists, "allow"), append(numbers, n)
	}
	for _, n := range k.Deny {
		lists, numbers = append(lists, "deny"), append(numbers, n)
	}
	if len(numbers) == 0 {
		return nil
	}
	// One statement for up to MaxListNumbers entries per list.
	_, err := tx.Exec(ctx, `INSERT INTO api_key_numbers (key_id, list, number)
		SELECT $1, l, n FROM unnest($2::text[], $3::text[]) AS x (l, n) ON CONFLICT DO NOTHING`, k.ID, lists, numbers)
	return wrap(err, "api key lists")
}

// ListAPIKeys implements hangup.APIKeyStore.
func (db *DB) ListAPIKeys(ctx context.Context) ([]*hangup.APIKey, error) {
	// One snapshot for keys and lists: a key changed between the two
	// reads would otherwise come back with another version's lists.
	keys := []*hangup.APIKey{}
	err := db.read(ctx, func() error {
		keys = keys[:0]
		tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		rows, err := tx.Query(ctx, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`)
		if err != nil {
			return err
		}
		byID := map[int64]*hangup.APIKey{}
		for rows.Next() {
			k, err := scanAPIKey(rows)
			if err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
			byID[k.ID] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		nums, err := tx.Query(ctx, `SELECT key_id, list, number FROM api_key_numbers ORDER BY key_id, list, number COLLATE "C"`)
		if err != nil {
			return err
		}
		defer nums.Close()
		for nums.Next() {
			var id int64
			var list, n string
			if err := nums.Scan(&id, &list, &n); err != nil {
				return err
			}
			if k := byID[id]; k != nil {
				if list == "allow" {
					k.Allow = append(k.Allow, n)
				} else {
					k.Deny = append(k.Deny, n)
				}
			}
		}
		return nums.Err()
	})
	if err != nil {
		return nil, wrap(err, "list api keys")
	}
	return keys, nil
}

// FindAPIKey implements hangup.APIKeyStore.
func (db *DB) FindAPIKey(ctx context.Context, name string) (*hangup.APIKey, error) {
	var k *hangup.APIKey
	err := db.read(ctx, func() (err error) {
		k, err = scanAPIKey(db.pool.QueryRow(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE name = $1`, name))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no API key called %q.", name)
	}
	if err != nil {
		return nil, wrap(err, "find api key")
	}
	rows, err := db.pool.Query(ctx, `SELECT list, number FROM api_key_numbers WHERE key_id = $1 ORDER BY list, number COLLATE "C"`, k.ID)
	if err != nil {
		return nil, wrap(err, "find api key")
	}
	defer rows.Close()
	for rows.Next() {
		var list, n string
		if err := rows.Scan(&list, &n); err != nil {
			return nil, wrap(err, "find api key")
		}
		if list == "allow" {
			k.Allow = append(k.Allow, n)
		} else {
			k.Deny = append(k.Deny, n)
		}
	}
	return k, wrap(rows.Err(), "find api key")
}

// UpdateAPIKey implements hangup.APIKeyStore.
func (db *DB) UpdateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	return db.withChange(ctx, hangup.TopicAPIKeys, func(tx pgx.Tx) error {
		if err := db.lockAPIKeys(ctx, tx); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE api_keys SET disabled = $1, rate_limit = $2, rate_burst = $3, label_at = $4, warn_at = $5, block_at = $6, scopes = $8,
			version = (SELECT max(version) + 1 FROM api_keys) WHERE id = $7`,
			k.Disabled, k.RateLimit, k.RateBurst, k.Policy.LabelAt, k.Policy.WarnAt, k.Policy.BlockAt, k.ID, joinScopes(k.Scopes))
		if err != nil {
			return wrap(err, "update api key")
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no API key %d.", k.ID)
		}
		return writeKeyLists(ctx, tx, k)
	})
}

// APIKeysVersion implements hangup.APIKeyStore.
func (db *DB) APIKeysVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read(ctx, func() error {
		return db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM api_keys`).Scan(&v)
	})
	return v, wrap(err, "api keys version")
}

// joinScopes stores a key's scopes as one comma-separated column; no
// scopes is the screening scope, which every key had before scopes.
func joinScopes(scopes []string) string {
	if len(scopes) == 0 {
		return hangup.ScopeScreen
	}
	return strings.Join(scopes, ",")
}

func splitScopes(s string) []string {
	if s == "" {
		return []string{hangup.ScopeScreen}
	}
	return strings.Split(s, ",")
}
