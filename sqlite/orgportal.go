package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.OrgPortalStore = (*DB)(nil)

const claimColumns = `id, organisation_id, organisation_name, domain, email, password_hash, status, queue_reason, token_hash,
	challenge, expires_at, created_at, updated_at, verified_at, method, decided_by, user_id`

func scanClaim(row scanner) (*hangup.OrgClaim, error) {
	c := new(hangup.OrgClaim)
	var expires, created, updated string
	var verified sql.NullString
	if err := row.Scan(&c.ID, &c.OrganisationID, &c.OrganisationName, &c.Domain, &c.Email, &c.PasswordHash, &c.Status, &c.QueueReason,
		&c.TokenHash, &c.Challenge, &expires, &created, &updated, &verified, &c.Method, &c.DecidedBy, &c.UserID); err != nil {
		return nil, err
	}
	c.ExpiresAt, c.CreatedAt, c.UpdatedAt, c.VerifiedAt = parseTS(expires), parseTS(created), parseTS(updated), parseNullTS(verified)
	return c, nil
}

func auditInTx(ctx context.Context, tx *sql.Tx, a hangup.AuditEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO org_audit (at, organisation_id, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		ts(a.At), a.OrganisationID, a.Actor, a.Action, a.Subject, a.Detail)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", classify(err))
	}
	return nil
}

// CreateClaim implements hangup.OrgPortalStore.
func (db *DB) CreateClaim(ctx context.Context, c *hangup.OrgClaim, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO org_claims (organisation_id, organisation_name, domain, email, password_hash, status,
			queue_reason, token_hash, challenge, expires_at, created_at, updated_at, verified_at, method, decided_by, user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.OrganisationID, c.OrganisationName, c.Domain, c.Email, c.PasswordHash, c.Status, c.QueueReason, c.TokenHash, c.Challenge,
			ts(c.ExpiresAt), ts(c.CreatedAt), ts(c.UpdatedAt), nullTS(c.VerifiedAt), c.Method, c.DecidedBy, c.UserID)
		if err != nil {
			return fmt.Errorf("sqlite: create claim: %w", classify(err))
		}
		c.ID, _ = res.LastInsertId()
		a.Subject = claimSubject(a.Subject, c.ID)
		return auditInTx(ctx, tx, a)
	})
}

// claimSubject fills in a new claim's id where the subject asks for it.
func claimSubject(s string, id int64) string {
	if s == "" {
		return fmt.Sprintf("claim %d", id)
	}
	return s
}

// FindClaim implements hangup.OrgPortalStore.
func (db *DB) FindClaim(ctx context.Context, id int64) (*hangup.OrgClaim, error) {
	c, err := scanClaim(db.read.QueryRowContext(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE id = ?`, id))
	return c, claimErr(err)
}

// FindClaimByToken implements hangup.OrgPortalStore.
func (db *DB) FindClaimByToken(ctx context.Context, h []byte) (*hangup.OrgClaim, error) {
	c, err := scanClaim(db.read.QueryRowContext(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE token_hash = ?`, h))
	return c, claimErr(err)
}

func claimErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return hangup.Errorf(hangup.ENOTFOUND, "There is no such claim. The link may be mistyped: open the one in the email.")
	}
	if err != nil {
		return fmt.Errorf("sqlite: claim: %w", err)
	}
	return nil
}

// ListClaims implements hangup.OrgPortalStore.
func (db *DB) ListClaims(ctx context.Context, status hangup.ClaimStatus, limit int) ([]*hangup.OrgClaim, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+claimColumns+` FROM org_claims WHERE ? = '' OR status = ? ORDER BY id DESC LIMIT ?`,
		status, status, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list claims: %w", err)
	}
	defer rows.Close()
	return collect(rows, scanClaim, "list claims")
}

// UpdateClaim implements hangup.OrgPortalStore.
func (db *DB) UpdateClaim(ctx context.Context, c *hangup.OrgClaim, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE org_claims SET status = ?, queue_reason = ?, challenge = ?, expires_at = ?, updated_at = ?,
			verified_at = ?, method = ?, decided_by = ?, user_id = ? WHERE id = ?`,
			c.Status, c.QueueReason, c.Challenge, ts(c.ExpiresAt), ts(c.UpdatedAt), nullTS(c.VerifiedAt), c.Method, c.DecidedBy, c.UserID, c.ID)
		if err != nil {
			return fmt.Errorf("sqlite: update claim: %w", classify(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no claim %d.", c.ID)
		}
		return auditInTx(ctx, tx, a)
	})
}

const factColumns = `id, organisation_id, kind, value, number, role, text, callback, status, method, created_by, created_at, updated_at,
	verified_at, verified_by, code_hash, code_expires, code_attempts, codes_sent, code_window, challenge`

func scanFact(row scanner) (*hangup.OrgFact, error) {
	f := new(hangup.OrgFact)
	var created, updated, codeExpires, codeWindow string
	var verified sql.NullString
	if err := row.Scan(&f.ID, &f.OrganisationID, &f.Kind, &f.Value, &f.Number, &f.Role, &f.Text, &f.CallBack, &f.Status, &f.Method,
		&f.CreatedBy, &created, &updated, &verified, &f.VerifiedBy, &f.CodeHash, &codeExpires, &f.CodeAttempts, &f.CodesSent,
		&codeWindow, &f.Challenge); err != nil {
		return nil, err
	}
	f.CreatedAt, f.UpdatedAt, f.VerifiedAt = parseTS(created), parseTS(updated), parseNullTS(verified)
	if codeExpires != "" {
		f.CodeExpires = parseTS(codeExpires)
	}
	if codeWindow != "" {
		f.CodeWindow = parseTS(codeWindow)
	}
	return f, nil
}

func optTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ts(t)
}

// factConflict gives the unique index's refusal its meaning.
func factConflict(err error, f *hangup.OrgFact) error {
	err = classify(err)
	if hangup.ErrorCode(err) == hangup.ECONFLICT {
		return &hangup.Error{Code: hangup.ECONFLICT, Err: err,
			Message: fmt.Sprintf("%s is already verified for another organisation, so it can't be verified for this one. If it is yours, ask Hangup's analysts.", f.Value)}
	}
	return err
}

// CreateFact implements hangup.OrgPortalStore.
func (db *DB) CreateFact(ctx context.Context, f *hangup.OrgFact, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO org_facts (organisation_id, kind, value, number, role, text, callback, status, method,
			created_by, created_at, updated_at, verified_at, verified_by, code_hash, code_expires, code_attempts, codes_sent, code_window, challenge)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.OrganisationID, f.Kind, f.Value, f.Number, f.Role, f.Text, f.CallBack, f.Status, f.Method, f.CreatedBy, ts(f.CreatedAt),
			ts(f.UpdatedAt), nullTS(f.VerifiedAt), f.VerifiedBy, f.CodeHash, optTS(f.CodeExpires), f.CodeAttempts, f.CodesSent,
			optTS(f.CodeWindow), f.Challenge)
		if err != nil {
			return factConflict(fmt.Errorf("sqlite: create fact: %w", err), f)
		}
		f.ID, _ = res.LastInsertId()
		if a.Subject == "" {
			a.Subject = fmt.Sprintf("fact %d", f.ID)
		}
		return auditInTx(ctx, tx, a)
	})
}

// UpdateFact implements hangup.OrgPortalStore.
func (db *DB) UpdateFact(ctx context.Context, f *hangup.OrgFact, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE org_facts SET text = ?, callback = ?, status = ?, method = ?, updated_at = ?, verified_at = ?,
			verified_by = ?, code_hash = ?, code_expires = ?, code_attempts = ?, codes_sent = ?, code_window = ?, challenge = ? WHERE id = ?`,
			f.Text, f.CallBack, f.Status, f.Method, ts(f.UpdatedAt), nullTS(f.VerifiedAt), f.VerifiedBy, f.CodeHash, optTS(f.CodeExpires),
			f.CodeAttempts, f.CodesSent, optTS(f.CodeWindow), f.Challenge, f.ID)
		if err != nil {
			return factConflict(fmt.Errorf("sqlite: update fact: %w", err), f)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no published fact %d.", f.ID)
		}
		return auditInTx(ctx, tx, a)
	})
}

// FindFact implements hangup.OrgPortalStore.
func (db *DB) FindFact(ctx context.Context, id int64) (*hangup.OrgFact, error) {
	f, err := scanFact(db.read.QueryRowContext(ctx, `SELECT `+factColumns+` FROM org_facts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no published fact %d.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find fact: %w", err)
	}
	return f, nil
}

// ListFacts implements hangup.OrgPortalStore.
func (db *DB) ListFacts(ctx context.Context, organisation string) ([]*hangup.OrgFact, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+factColumns+` FROM org_facts WHERE ? = '' OR organisation_id = ? ORDER BY id`,
		organisation, organisation)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list facts: %w", err)
	}
	defer rows.Close()
	return collect(rows, scanFact, "list facts")
}

// AppendAudit implements hangup.OrgPortalStore.
func (db *DB) AppendAudit(ctx context.Context, a hangup.AuditEntry) error {
	return db.withTx(ctx, func(tx *sql.Tx) error { return auditInTx(ctx, tx, a) })
}

// ListAudit implements hangup.OrgPortalStore.
func (db *DB) ListAudit(ctx context.Context, organisation string, limit int) ([]hangup.AuditEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, at, organisation_id, actor, action, subject, detail FROM org_audit
		WHERE ? = '' OR organisation_id = ? ORDER BY id DESC LIMIT ?`, organisation, organisation, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit: %w", err)
	}
	defer rows.Close()
	var out []hangup.AuditEntry
	for rows.Next() {
		var a hangup.AuditEntry
		var at string
		if err := rows.Scan(&a.ID, &at, &a.OrganisationID, &a.Actor, &a.Action, &a.Subject, &a.Detail); err != nil {
			return nil, fmt.Errorf("sqlite: audit: %w", err)
		}
		a.At = parseTS(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
