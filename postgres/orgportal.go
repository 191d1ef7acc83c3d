package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.OrgPortalStore = (*DB)(nil)

// Writes that can change what the registry snapshot shows (a claim decided,
// a fact changed) bump the registry topic in their own transaction, so that
// every node reloads its snapshot as after a registry import.

const claimColumns = `id, organisation_id, organisation_name, domain, email, password_hash, status, queue_reason, token_hash,
	challenge, expires_at, created_at, updated_at, verified_at, method, decided_by, user_id`

func scanClaim(row pgx.Row) (*hangup.OrgClaim, error) {
	c := new(hangup.OrgClaim)
	if err := row.Scan(&c.ID, &c.OrganisationID, &c.OrganisationName, &c.Domain, &c.Email, &c.PasswordHash, &c.Status, &c.QueueReason,
		&c.TokenHash, &c.Challenge, &c.ExpiresAt, &c.CreatedAt, &c.UpdatedAt, &c.VerifiedAt, &c.Method, &c.DecidedBy, &c.UserID); err != nil {
		return nil, err
	}
	c.ExpiresAt, c.CreatedAt, c.UpdatedAt = c.ExpiresAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if c.VerifiedAt != nil {
		t := c.VerifiedAt.UTC()
		c.VerifiedAt = &t
	}
	return c, nil
}

func auditInTx(ctx context.Context, tx pgx.Tx, a hangup.AuditEntry) error {
	_, err := tx.Exec(ctx, `INSERT INTO org_audit (at, organisation_id, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
		a.At.UTC(), a.OrganisationID, a.Actor, a.Action, a.Subject, a.Detail)
	return wrap(err, "audit")
}

func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// CreateClaim implements hangup.OrgPortalStore.
func (db *DB) CreateClaim(ctx context.Context, c *hangup.OrgClaim, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO org_claims (organisation_id, organisation_name, domain, email, password_hash, status,
			queue_reason, token_hash, challenge, expires_at, created_at, updated_at, verified_at, method, decided_by, user_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			c.OrganisationID, c.OrganisationName, c.Domain, c.Email, c.PasswordHash, c.Status, c.QueueReason, c.TokenHash, c.Challenge,
			c.ExpiresAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC(), utcPtr(c.VerifiedAt), c.Method, c.DecidedBy, c.UserID).Scan(&c.ID)
		if err != nil {
			return wrap(err, "create claim")
		}
		if a.Subject == "" {
			a.Subject = fmt.Sprintf("claim %d", c.ID)
		}
		return auditInTx(ctx, tx, a)
	})
}

func claimErr(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return hangup.Errorf(hangup.ENOTFOUND, "There is no such claim. The link may be mistyped: open the one in the email.")
	}
	return wrap(err, "claim")
}

// FindClaim implements hangup.OrgPortalStore.
func (db *DB) FindClaim(ctx context.Context, id int64) (*hangup.OrgClaim, error) {
	var c *hangup.OrgClaim
	err := db.read(ctx, func() (err error) {
		c, err = scanClaim(db.pool.QueryRow(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE id = $1`, id))
		return err
	})
	return c, claimErr(err)
}

// FindClaimByToken implements hangup.OrgPortalStore.
func (db *DB) FindClaimByToken(ctx context.Context, h []byte) (*hangup.OrgClaim, error) {
	var c *hangup.OrgClaim
	err := db.read(ctx, func() (err error) {
		c, err = scanClaim(db.pool.QueryRow(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE token_hash = $1`, h))
		return err
	})
	return c, claimErr(err)
}

// ListClaims implements hangup.OrgPortalStore.
func (db *DB) ListClaims(ctx context.Context, status hangup.ClaimStatus, limit int) ([]*hangup.OrgClaim, error) {
	var lim any
	if limit > 0 {
		lim = limit
	}
	var out []*hangup.OrgClaim
	err := db.read(ctx, func() error {
		out = nil
		rows, err := db.pool.Query(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE $1 = '' OR status = $1 ORDER BY id DESC LIMIT $2`,
			string(status), lim)
		if err != nil {
			return err
		}
		defer rows.Close()
		out, err = collect(rows, scanClaim)
		return err
	})
	return out, wrap(err, "list claims")
}

// UpdateClaim implements hangup.OrgPortalStore.
func (db *DB) UpdateClaim(ctx context.Context, c *hangup.OrgClaim, a hangup.AuditEntry) error {
	return db.withChange(ctx, hangup.TopicRegistry, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE org_claims SET status = $1, queue_reason = $2, challenge = $3, expires_at = $4, updated_at = $5,
			verified_at = $6, method = $7, decided_by = $8, user_id = $9 WHERE id = $10`,
			c.Status, c.QueueReason, c.Challenge, c.ExpiresAt.UTC(), c.UpdatedAt.UTC(), utcPtr(c.VerifiedAt), c.Method, c.DecidedBy, c.UserID, c.ID)
		if err != nil {
			return wrap(err, "update claim")
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no claim %d.", c.ID)
		}
		return auditInTx(ctx, tx, a)
	})
}

const factColumns = `id, organisation_id, kind, value, number, role, text, callback, status, method, created_by, created_at, updated_at,
	verified_at, verified_by, code_hash, code_expires, code_attempts, codes_sent, code_window, challenge`

func scanFact(row pgx.Row) (*hangup.OrgFact, error) {
	f := new(hangup.OrgFact)
	var codeExpires, codeWindow *time.Time
	if err := row.Scan(&f.ID, &f.OrganisationID, &f.Kind, &f.Value, &f.Number, &f.Role, &f.Text, &f.CallBack, &f.Status, &f.Method,
		&f.CreatedBy, &f.CreatedAt, &f.UpdatedAt, &f.VerifiedAt, &f.VerifiedBy, &f.CodeHash, &codeExpires, &f.CodeAttempts, &f.CodesSent,
		&codeWindow, &f.Challenge); err != nil {
		return nil, err
	}
	f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
	if f.VerifiedAt != nil {
		t := f.VerifiedAt.UTC()
		f.VerifiedAt = &t
	}
	if codeExpires != nil {
		f.CodeExpires = codeExpires.UTC()
	}
	if codeWindow != nil {
		f.CodeWindow = codeWindow.UTC()
	}
	return f, nil
}

// factConflict gives the unique index's refusal its meaning.
func factConflict(err error, f *hangup.OrgFact) error {
	if hangup.ErrorCode(err) == hangup.ECONFLICT {
		return &hangup.Error{Code: hangup.ECONFLICT, Err: err,
			Message: fmt.Sprintf("%s is already verified for another organisation, so it can't be verified for this one. If it is yours, ask Hangup's analysts.", f.Value)}
	}
	return err
}

// CreateFact implements hangup.OrgPortalStore.
func (db *DB) CreateFact(ctx context.Context, f *hangup.OrgFact, a hangup.AuditEntry) error {
	err := db.withChange(ctx, hangup.TopicRegistry, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO org_facts (organisation_id, kind, value, number, role, text, callback, status, method,
			created_by, created_at, updated_at, verified_at, verified_by, code_hash, code_expires, code_attempts, codes_sent, code_window, challenge)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
			f.OrganisationID, f.Kind, f.Value, f.Number, f.Role, f.Text, f.CallBack, f.Status, f.Method, f.CreatedBy, f.CreatedAt.UTC(),
			f.UpdatedAt.UTC(), utcPtr(f.VerifiedAt), f.VerifiedBy, f.CodeHash, optTime(f.CodeExpires), f.CodeAttempts, f.CodesSent,
			optTime(f.CodeWindow), f.Challenge).Scan(&f.ID)
		if err != nil {
			return wrap(err, "create fact")
		}
		if a.Subject == "" {
			a.Subject = fmt.Sprintf("fact %d", f.ID)
		}
		return auditInTx(ctx, tx, a)
	})
	return factConflict(err, f)
}

// UpdateFact implements hangup.OrgPortalStore.
func (db *DB) UpdateFact(ctx context.Context, f *hangup.OrgFact, a hangup.AuditEntry) error {
	err := db.withChange(ctx, hangup.TopicRegistry, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE org_facts SET text = $1, callback = $2, status = $3, method = $4, updated_at = $5, verified_at = $6,
			verified_by = $7, code_hash = $8, code_expires = $9, code_attempts = $10, codes_sent = $11, code_window = $12, challenge = $13 WHERE id = $14`,
			f.Text, f.CallBack, f.Status, f.Method, f.UpdatedAt.UTC(), utcPtr(f.VerifiedAt), f.VerifiedBy, f.CodeHash, optTime(f.CodeExpires),
			f.CodeAttempts, f.CodesSent, optTime(f.CodeWindow), f.Challenge, f.ID)
		if err != nil {
			return wrap(err, "update fact")
		}
		if tag.RowsAffected() == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no published fact %d.", f.ID)
		}
		return auditInTx(ctx, tx, a)
	})
	return factConflict(err, f)
}

// FindFact implements hangup.OrgPortalStore.
func (db *DB) FindFact(ctx context.Context, id int64) (*hangup.OrgFact, error) {
	var f *hangup.OrgFact
	err := db.read(ctx, func() (err error) {
		f, err = scanFact(db.pool.QueryRow(ctx, `SELECT `+factColumns+` FROM org_facts WHERE id = $1`, id))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no published fact %d.", id)
	}
	return f, wrap(err, "find fact")
}

// ListFacts implements hangup.OrgPortalStore.
func (db *DB) ListFacts(ctx context.Context, organisation string) ([]*hangup.OrgFact, error) {
	var out []*hangup.OrgFact
	err := db.read(ctx, func() error {
		out = nil
		rows, err := db.pool.Query(ctx, `SELECT `+factColumns+` FROM org_facts WHERE $1 = '' OR organisation_id = $1 ORDER BY id`, organisation)
		if err != nil {
			return err
		}
		defer rows.Close()
		out, err = collect(rows, scanFact)
		return err
	})
	return out, wrap(err, "list facts")
}

// AppendAudit implements hangup.OrgPortalStore.
func (db *DB) AppendAudit(ctx context.Context, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx pgx.Tx) error { return auditInTx(ctx, tx, a) })
}

// ListAudit implements hangup.OrgPortalStore.
func (db *DB) ListAudit(ctx context.Context, organisation string, limit int) ([]hangup.AuditEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []hangup.AuditEntry
	err := db.read(ctx, func() error {
		out = nil
		rows, err := db.pool.Query(ctx, `SELECT id, at, organisation_id, actor, action, subject, detail FROM org_audit
			WHERE $1 = '' OR organisation_id = $1 ORDER BY id DESC LIMIT $2`, organisation, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a hangup.AuditEntry
			if err := rows.Scan(&a.ID, &a.At, &a.OrganisationID, &a.Actor, &a.Action, &a.Subject, &a.Detail); err != nil {
				return err
			}
			a.At = a.At.UTC()
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, wrap(err, "audit")
}
