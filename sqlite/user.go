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
	_ hangup.UserStore   = (*DB)(nil)
	_ hangup.SecretStore = (*DB)(nil)
)

const userColumns = `id, email, role, organisation_id, password_hash, created_at, disabled`

func scanUser(row scanner) (*hangup.User, error) {
	u := new(hangup.User)
	var role, created string
	var disabled int
	if err := row.Scan(&u.ID, &u.Email, &role, &u.OrganisationID, &u.PasswordHash, &created, &disabled); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt, u.Disabled = hangup.Role(role), parseTS(created), disabled != 0
	return u, nil
}

// CreateUser implements hangup.UserStore.
func (db *DB) CreateUser(ctx context.Context, u *hangup.User) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.now()
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO users (email, role, organisation_id, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?)`,
			u.Email, string(u.Role), u.OrganisationID, u.PasswordHash, ts(u.CreatedAt), b2i(u.Disabled))
		if err != nil {
			if hangup.ErrorCode(classify(err)) == hangup.ECONFLICT {
				return hangup.Errorf(hangup.ECONFLICT, "There is already an account for %s.", u.Email)
			}
			return classify(err)
		}
		u.ID, _ = res.LastInsertId()
		return nil
	})
}

// FindUserByEmail implements hangup.UserStore.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*hangup.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find user: %w", err)
	}
	return u, nil
}

// ListUsers implements hangup.UserStore.
func (db *DB) ListUsers(ctx context.Context) ([]*hangup.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list users: %w", err)
	}
	defer rows.Close()
	return collect(rows, scanUser, "")
}

// SetPassword implements hangup.UserStore.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
		if err != nil {
			return classify(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such account.")
		}
		// A new password signs out every session.
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return classify(err)
	})
}

// CreateSession implements hangup.UserStore.
func (db *DB) CreateSession(ctx context.Context, s *hangup.Session) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ?`, ts(s.CreatedAt)); err != nil {
			return classify(err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			s.TokenHash, s.UserID, ts(s.CreatedAt), ts(s.ExpiresAt))
		return classify(err)
	})
}

// FindSession implements hangup.UserStore.
func (db *DB) FindSession(ctx context.Context, tokenHash []byte, now time.Time) (*hangup.Session, *hangup.User, error) {
	var s hangup.Session
	var created, expires string
	row := db.read.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`, tokenHash, ts(now))
	u := new(hangup.User)
	var role, ucreated string
	var disabled int
	err := row.Scan(&s.TokenHash, &s.UserID, &created, &expires, &u.ID, &u.Email, &role, &u.OrganisationID, &u.PasswordHash, &ucreated, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, hangup.Errorf(hangup.ENOTFOUND, "You are not signed in.")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: find session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt = parseTS(created), parseTS(expires)
	u.Role, u.CreatedAt, u.Disabled = hangup.Role(role), parseTS(ucreated), disabled != 0
	return &s, u, nil
}

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// DeleteSession implements hangup.UserStore.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return classify(err)
	})
}

// Secret implements hangup.SecretStore.
func (db *DB) Secret(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error) {
	var v []byte
	err := db.read.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: secret %s: %w", name, err)
	}
	fresh, err := generate()
	if err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
			name, fresh, ts(db.now())); err != nil {
			return classify(err)
		}
		// Whoever inserted first wins; everyone reads the stored value.
		return tx.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	})
	return v, err
}
