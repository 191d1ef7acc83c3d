package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

var _ hangup.APIKeyStore = (*DB)(nil)

const apiKeyColumns = `id, name, prefix, hash, created_at, disabled, rate_limit, rate_burst, label_at, warn_at, block_at, scopes, organisation_id`

func scanAPIKey(row scanner) (*hangup.APIKey, error) {
	k := new(hangup.APIKey)
	var created string
	var disabled int
	var scopes string
	if err := row.Scan(&k.ID, &k.Name, &k.Prefix, &k.Hash, &created, &disabled, &k.RateLimit, &k.RateBurst,
		&k.Policy.LabelAt, &k.Policy.WarnAt, &k.Policy.BlockAt, &scopes, &k.OrganisationID); err != nil {
		return nil, err
	}
	k.Scopes = splitScopes(scopes)
	k.CreatedAt, k.Disabled = parseTS(created), disabled != 0
	k.Allow, k.Deny = []string{}, []string{}
	return k, nil
}

// CreateAPIKey implements hangup.APIKeyStore.
func (db *DB) CreateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = db.now()
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO api_keys (name, prefix, hash, created_at, disabled, rate_limit, rate_burst, label_at, warn_at, block_at, scopes, organisation_id, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(version), 0) + 1 FROM api_keys))`,
			k.Name, k.Prefix, k.Hash, ts(k.CreatedAt), b2i(k.Disabled), k.RateLimit, k.RateBurst, k.Policy.LabelAt, k.Policy.WarnAt, k.Policy.BlockAt, joinScopes(k.Scopes), k.OrganisationID)
		if err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already an API key called %q.", k.Name)
			}
			return fmt.Errorf("sqlite: create api key: %w", classify(err))
		}
		k.ID, _ = res.LastInsertId()
		return writeKeyLists(ctx, tx, k)
	})
}

// writeKeyLists replaces a key's allow and deny lists.
func writeKeyLists(ctx context.Context, tx *sql.Tx, k *hangup.APIKey) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM api_key_numbers WHERE key_id = ?`, k.ID); err != nil {
		return fmt.Errorf("sqlite: api key lists: %w", classify(err))
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO api_key_numbers (key_id, list, number) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("sqlite: api key lists: %w", classify(err))
	}
	defer stmt.Close()
	for list, nums := range map[string][]string{"allow": k.Allow, "deny": k.Deny} {
		for _, n := range nums {
			if _, err := stmt.ExecContext(ctx, k.ID, list, n); err != nil {
				return fmt.Errorf("sqlite: api key lists: %w", classify(err))
			}
		}
	}
	return nil
}

// ListAPIKeys implements hangup.APIKeyStore.
func (db *DB) ListAPIKeys(ctx context.Context) ([]*hangup.APIKey, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list api keys: %w", err)
	}
	var keys []*hangup.APIKey
	byID := map[int64]*hangup.APIKey{}
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: list api keys: %w", err)
		}
		keys = append(keys, k)
		byID[k.ID] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list api keys: %w", err)
	}
	if keys == nil {
		return []*hangup.APIKey{}, nil
	}
	nums, err := db.read.QueryContext(ctx, `SELECT key_id, list, number FROM api_key_numbers ORDER BY key_id, list, number`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list api keys: %w", err)
	}
	defer nums.Close()
	for nums.Next() {
		var id int64
		var list, n string
		if err := nums.Scan(&id, &list, &n); err != nil {
			return nil, fmt.Errorf("sqlite: list api keys: %w", err)
		}
		if k := byID[id]; k != nil {
			if list == "allow" {
				k.Allow = append(k.Allow, n)
			} else {
				k.Deny = append(k.Deny, n)
			}
		}
	}
	return keys, nums.Err()
}

// FindAPIKey implements hangup.APIKeyStore.
func (db *DB) FindAPIKey(ctx context.Context, name string) (*hangup.APIKey, error) {
	k, err := scanAPIKey(db.read.QueryRowContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no API key called %q.", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find api key: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT list, number FROM api_key_numbers WHERE key_id = ? ORDER BY list, number`, k.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find api key: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var list, n string
		if err := rows.Scan(&list, &n); err != nil {
			return nil, fmt.Errorf("sqlite: find api key: %w", err)
		}
		if list == "allow" {
			k.Allow = append(k.Allow, n)
		} else {
			k.Deny = append(k.Deny, n)
		}
	}
	return k, rows.Err()
}

// UpdateAPIKey implements hangup.APIKeyStore.
func (db *DB) UpdateAPIKey(ctx context.Context, k *hangup.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET disabled = ?, rate_limit = ?, rate_burst = ?, label_at = ?, warn_at = ?, block_at = ?, scopes = ?,
			version = (SELECT max(version) + 1 FROM api_keys) WHERE id = ?`,
			b2i(k.Disabled), k.RateLimit, k.RateBurst, k.Policy.LabelAt, k.Policy.WarnAt, k.Policy.BlockAt, joinScopes(k.Scopes), k.ID)
		if err != nil {
			return fmt.Errorf("sqlite: update api key: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no API key %d.", k.ID)
		}
		return writeKeyLists(ctx, tx, k)
	})
}

// APIKeysVersion implements hangup.APIKeyStore.
func (db *DB) APIKeysVersion(ctx context.Context) (int64, error) {
	var v sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT max(version) FROM api_keys`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlite: api keys version: %w", err)
	}
	return v.Int64, nil
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
