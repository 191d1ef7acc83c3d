package postgres

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var (
	_ hangup.UserStore   = (*DB)(nil)
	_ hangup.SecretStore = (*DB)(nil)
)

const userColumns = `id, email, role, organisation_id, password_hash, created_at, disabled`

func scanUser(row pgx.Row) (*hangup.User, error) {
	u := new(hangup.User)
	var role string
	if err := row.Scan(&u.ID, &u.Email, &role, &u.OrganisationID, &u.PasswordHash, &u.CreatedAt, &u.Disabled); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = hangup.Role(role), u.CreatedAt.UTC()
	return u, nil
}

// CreateUser implements hangup.UserStore.
func (db *DB) CreateUser(ctx context.Context, u *hangup.User) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.now()
	}
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO users (email, role, organisation_id, password_hash, created_at, disabled)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			u.Email, string(u.Role), u.OrganisationID, u.PasswordHash, u.CreatedAt.UTC(), u.Disabled).Scan(&u.ID)
		return wrap(err, "create user")
	})
	if hangup.ErrorCode(err) == hangup.ECONFLICT {
		return hangup.Errorf(hangup.ECONFLICT, "There is already an account for %s.", u.Email)
	}
	return err
}

// FindUserByEmail implements hangup.UserStore.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*hangup.User, error) {
	var u *hangup.User
	err := db.read(ctx, func() (err error) {
		u, err = scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, strings.ToLower(strings.TrimSpace(email))))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return nil, wrap(err, "find user")
	}
	return u, nil
}

// ListUsers implements hangup.UserStore.
func (db *DB) ListUsers(ctx context.Context) ([]*hangup.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY email COLLATE "C"`)
	if err != nil {
		return nil, wrap(err, "list users")
	}
	defer rows.Close()
	var out []*hangup.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, wrap(err, "list users")
		}
		out = append(out, u)
	}
	return out, wrap(rows.Err(), "list users")
}

// SetPassword implements hangup.UserStore.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
		if err != nil {
			return wrap(err, "set password")
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such account.")
		}
		// A new password signs out every session.
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return wrap(err, "end sessions")
	})
}

// CreateSession implements hangup.UserStore.
func (db *DB) CreateSession(ctx context.Context, s *hangup.Session) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, s.CreatedAt.UTC()); err != nil {
			return wrap(err, "expire sessions")
		}
		_, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			s.TokenHash, s.UserID, s.CreatedAt.UTC(), s.ExpiresAt.UTC())
		return wrap(err, "create session")
	})
}

// FindSession implements hangup.UserStore.
func (db *DB) FindSession(ctx context.Context, tokenHash []byte, now time.Time) (*hangup.Session, *hangup.User, error) {
	var s hangup.Session
	u := new(hangup.User)
	var role string
	err := db.read(ctx, func() error {
		return db.pool.QueryRow(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at,
			u.id, u.email, u.role, u.organisation_id, u.password_hash, u.created_at, u.disabled
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
			tokenHash, now.UTC()).Scan(&s.TokenHash, &s.UserID, &s.CreatedAt, &s.ExpiresAt,
			&u.ID, &u.Email, &role, &u.OrganisationID, &u.PasswordHash, &u.CreatedAt, &u.Disabled)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, hangup.Errorf(hangup.ENOTFOUND, "You are not signed in.")
	}
	if err != nil {
		return nil, nil, wrap(err, "find session")
	}
	s.CreatedAt, s.ExpiresAt = s.CreatedAt.UTC(), s.ExpiresAt.UTC()
	u.Role, u.CreatedAt = hangup.Role(role), u.CreatedAt.UTC()
	return &s, u, nil
}

// DeleteSession implements hangup.UserStore.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
		return wrap(err, "delete session")
	})
}

// Secret implements hangup.SecretStore. Concurrent first uses, on one node
// or several, all insert-if-absent and then read: the first insert wins and
// everyone reads its value.
func (db *DB) Secret(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error) {
	var v []byte
	err := db.read(ctx, func() error {
		return db.pool.QueryRow(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&v)
	})
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, wrap(err, "secret %s", name)
	}
	fresh, err := generate()
	if err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
			name, fresh, db.now().UTC()); err != nil {
			return wrap(err, "secret %s", name)
		}
		// ON CONFLICT waited for a concurrent inserter to commit; this new
		// statement's snapshot sees the winner's row.
		return wrap(tx.QueryRow(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&v), "secret %s", name)
	})
	return v, err
}
