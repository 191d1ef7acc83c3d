package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.ReputationStore = (*DB)(nil)

func scanEvidence(rows *sql.Rows) (hangup.Evidence, int64, error) {
	var e hangup.Evidence
	var id int64
	var at string
	var legit, withdrawn int
	var subject string
	err := rows.Scan(&id, &subject, &e.ReporterKey, &e.Weight, &legit, &e.Category, &at, &e.ReportRef, &e.Source, &withdrawn)
	e.ID, e.At, e.Legit, e.Withdrawn = id, parseTS(at), legit != 0, withdrawn != 0
	e.SetSubject(subject)
	return e, id, err
}

const evidenceColumns = `id, number, reporter_key, weight, legit, category, at, report_ref, source, withdrawn`

// AllEvidence implements hangup.ReputationStore.
func (db *DB) AllEvidence(ctx context.Context, fn func(hangup.Evidence) error) error {
	_, err := db.EvidenceSince(ctx, 0, fn)
	return err
}

// EvidenceSince implements hangup.ReputationStore.
func (db *DB) EvidenceSince(ctx context.Context, afterID int64, fn func(hangup.Evidence) error) (int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM reputation_evidence WHERE id > ? ORDER BY id`, afterID)
	if err != nil {
		return afterID, fmt.Errorf("sqlite: evidence: %w", err)
	}
	defer rows.Close()
	last := afterID
	for rows.Next() {
		e, id, err := scanEvidence(rows)
		if err != nil {
			return last, err
		}
		if err := fn(e); err != nil {
			return last, err
		}
		last = id
	}
	return last, rows.Err()
}

// HasRecentEvidence implements hangup.ReputationStore.
func (db *DB) HasRecentEvidence(ctx context.Context, number, reporter string, since time.Time) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM reputation_evidence WHERE number = ? AND reporter_key = ? AND at > ?`,
		number, reporter, ts(since)).Scan(&n)
	return n > 0, err
}

// AllowList implements hangup.ReputationStore.
func (db *DB) AllowList(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT number, reason FROM allow_list`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: allow list: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, r string
		if err := rows.Scan(&n, &r); err != nil {
			return nil, err
		}
		out[n] = r
	}
	return out, rows.Err()
}

func insertChange(ctx context.Context, tx *sql.Tx, at time.Time, number, actor, action, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO reputation_changes (at, number, actor, action, reason) VALUES (?, ?, ?, ?, ?)`,
		ts(at), number, actor, action, reason)
	return classify(err)
}

// SetAllowed implements hangup.ReputationStore.
func (db *DB) SetAllowed(ctx context.Context, number string, allowed bool, actor, reason string) error {
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		action := "allow"
		if allowed {
			res, err = tx.ExecContext(ctx, `INSERT INTO allow_list (number, reason, actor, at) VALUES (?, ?, ?, ?)
				ON CONFLICT (number) DO NOTHING`, number, reason, actor, ts(now))
		} else {
			action = "unallow"
			res, err = tx.ExecContext(ctx, `DELETE FROM allow_list WHERE number = ?`, number)
		}
		if err != nil {
			return classify(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // already so: nothing changed, nothing to record
		}
		return insertChange(ctx, tx, now, number, actor, action, reason)
	})
}

// CreateAppeal implements hangup.ReputationStore.
func (db *DB) CreateAppeal(ctx context.Context, a *hangup.Appeal) error {
	a.Status = hangup.AppealOpen
	a.CreatedAt = db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO appeals (number, name, email, statement, status, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.Number, a.Name, a.Email, a.Statement, string(a.Status), ts(a.CreatedAt))
		if err != nil {
			return classify(err)
		}
		a.ID, _ = res.LastInsertId()
		return insertChange(ctx, tx, a.CreatedAt, a.Number, "owner", "appeal_opened", a.Statement)
	})
}

const appealColumns = `id, number, name, email, statement, status, created_at, decided_at, decided_by, decision`

func scanAppeal(row scanner) (*hangup.Appeal, error) {
	a := new(hangup.Appeal)
	var status, created string
	var decided sql.NullString
	if err := row.Scan(&a.ID, &a.Number, &a.Name, &a.Email, &a.Statement, &status, &created, &decided, &a.DecidedBy, &a.Decision); err != nil {
		return nil, err
	}
	a.Status, a.CreatedAt, a.DecidedAt = hangup.AppealStatus(status), parseTS(created), parseNullTS(decided)
	return a, nil
}

// Appeals implements hangup.ReputationStore.
func (db *DB) Appeals(ctx context.Context, number string, status hangup.AppealStatus) ([]*hangup.Appeal, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+appealColumns+` FROM appeals
		WHERE (? = '' OR number = ?) AND (? = '' OR status = ?) ORDER BY id DESC LIMIT 1000`, number, number, string(status), string(status))
	if err != nil {
		return nil, fmt.Errorf("sqlite: appeals: %w", err)
	}
	defer rows.Close()
	out := []*hangup.Appeal{}
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DecideAppeal implements hangup.ReputationStore.
func (db *DB) DecideAppeal(ctx context.Context, id int64, status hangup.AppealStatus, actor, reason string) (*hangup.Appeal, error) {
	if status != hangup.AppealUpheld && status != hangup.AppealRejected {
		return nil, hangup.Invalid("Choose uphold or reject.", hangup.FieldError{Field: "status", Message: "must be upheld or rejected"})
	}
	now := db.now()
	var out *hangup.Appeal
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		a, err := scanAppeal(tx.QueryRowContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such appeal.")
		}
		if err != nil {
			return err
		}
		if a.Status != hangup.AppealOpen {
			return hangup.Errorf(hangup.ECONFLICT, "This appeal was already decided.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET status = ?, decided_at = ?, decided_by = ?, decision = ? WHERE id = ?`,
			string(status), ts(now), actor, reason, id); err != nil {
			return classify(err)
		}
		if status == hangup.AppealUpheld {
			if _, err := tx.ExecContext(ctx, `INSERT INTO allow_list (number, reason, actor, at) VALUES (?, ?, ?, ?)
				ON CONFLICT (number) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
				a.Number, "appeal upheld: "+reason, actor, ts(now)); err != nil {
				return classify(err)
			}
		}
		if err := insertChange(ctx, tx, now, a.Number, actor, "appeal_"+string(status), reason); err != nil {
			return err
		}
		a.Status, a.DecidedAt, a.DecidedBy, a.Decision = status, &now, actor, reason
		out = a
		return nil
	})
	return out, err
}

// ReputationChanges implements hangup.ReputationStore.
func (db *DB) ReputationChanges(ctx context.Context, number string, limit int) ([]hangup.ReputationChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.read.QueryContext(ctx, `SELECT at, number, actor, action, reason FROM reputation_changes
		WHERE (? = '' OR number = ?) ORDER BY id DESC LIMIT ?`, number, number, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reputation changes: %w", err)
	}
	defer rows.Close()
	out := []hangup.ReputationChange{}
	for rows.Next() {
		var c hangup.ReputationChange
		var at string
		if err := rows.Scan(&at, &c.Number, &c.Actor, &c.Action, &c.Reason); err != nil {
			return nil, err
		}
		c.At = parseTS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SiteDecisions implements hangup.ReputationStore.
func (db *DB) SiteDecisions(ctx context.Context) (map[string]hangup.SiteDecision, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT domain, decision, reason, actor, at FROM site_decisions`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: site decisions: %w", err)
	}
	defer rows.Close()
	out := map[string]hangup.SiteDecision{}
	for rows.Next() {
		var d hangup.SiteDecision
		var decision, at string
		if err := rows.Scan(&d.Domain, &decision, &d.Reason, &d.Actor, &at); err != nil {
			return nil, err
		}
		d.Decision, d.At = hangup.SiteDecisionKind(decision), parseTS(at)
		out[d.Domain] = d
	}
	return out, rows.Err()
}

// DecideSite implements hangup.ReputationStore.
func (db *DB) DecideSite(ctx context.Context, domain string, decision hangup.SiteDecisionKind, actor, reason string) error {
	action, err := hangup.SiteDecisionAction(decision)
	if err != nil {
		return err
	}
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT decision FROM site_decisions WHERE domain = ?`, domain).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return classify(err)
		}
		if cur == string(decision) {
			return nil // already so: nothing changed, nothing to record
		}
		if decision == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM site_decisions WHERE domain = ?`, domain)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO site_decisions (domain, decision, reason, actor, at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (domain) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
				domain, string(decision), reason, actor, ts(now))
		}
		if err != nil {
			return classify(err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO site_changes (at, domain, actor, action, reason) VALUES (?, ?, ?, ?, ?)`,
			ts(now), domain, actor, action, reason)
		return classify(err)
	})
}

// SiteChanges implements hangup.ReputationStore.
func (db *DB) SiteChanges(ctx context.Context, domain string, limit int) ([]hangup.SiteChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.read.QueryContext(ctx, `SELECT at, domain, actor, action, reason FROM site_changes
		WHERE (? = '' OR domain = ?) ORDER BY id DESC LIMIT ?`, domain, domain, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: site changes: %w", err)
	}
	defer rows.Close()
	out := []hangup.SiteChange{}
	for rows.Next() {
		var c hangup.SiteChange
		var at string
		if err := rows.Scan(&at, &c.Domain, &c.Actor, &c.Action, &c.Reason); err != nil {
			return nil, err
		}
		c.At = parseTS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddEvidence implements hangup.ReputationStore.
func (db *DB) AddEvidence(ctx context.Context, e hangup.Evidence) (bool, error) {
	added := false
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reputation_evidence WHERE number = ? AND reporter_key = ? AND at > ?`,
			e.Subject(), e.ReporterKey, ts(e.At.Add(-hangup.EvidencePeriod))).Scan(&dup); err != nil {
			return fmt.Errorf("sqlite: evidence dedup: %w", err)
		}
		if dup > 0 {
			return nil
		}
		if err := insertEvidence(ctx, tx, []hangup.Evidence{e}); err != nil {
			return err
		}
		added = true
		return nil
	})
	return added, err
}
