package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var _ hangup.ReputationStore = (*DB)(nil)

const evidenceColumns = `seq, number, reporter_key, weight, legit, category, at, report_ref, source, withdrawn`

// AllEvidence implements hangup.ReputationStore.
func (db *DB) AllEvidence(ctx context.Context, fn func(hangup.Evidence) error) error {
	_, err := db.EvidenceSince(ctx, 0, fn)
	return err
}

// EvidenceSince implements hangup.ReputationStore. Evidence IDs here are
// the replay order (the seq column), not the insert order: see
// sequenceEvidence for why the two differ and how seq closes the gap.
func (db *DB) EvidenceSince(ctx context.Context, afterID int64, fn func(hangup.Evidence) error) (int64, error) {
	if err := db.sequenceEvidence(ctx); err != nil {
		return afterID, err
	}
	rows, err := db.pool.Query(ctx, `SELECT `+evidenceColumns+` FROM reputation_evidence WHERE seq > $1 ORDER BY seq`, afterID)
	if err != nil {
		return afterID, wrap(err, "evidence")
	}
	defer rows.Close()
	last := afterID
	for rows.Next() {
		var e hangup.Evidence
		var subject string
		if err := rows.Scan(&e.ID, &subject, &e.ReporterKey, &e.Weight, &e.Legit, &e.Category, &e.At, &e.ReportRef, &e.Source, &e.Withdrawn); err != nil {
			return last, wrap(err, "evidence")
		}
		e.At = e.At.UTC()
		e.SetSubject(subject)
		if err := fn(e); err != nil {
			return last, err
		}
		last = e.ID
	}
	return last, wrap(rows.Err(), "evidence")
}

// sequenceEvidence gives every committed evidence row without a seq the
// next seqs, in id order, in one statement.
//
// Why: ids come from a sequence when a row is inserted, but a row becomes
// visible only when its transaction commits, and transactions commit in
// any order. A reader that replayed up to id 11 and remembered 11 would
// never see a slower transaction's id 10. Seqs, by contrast, are only
// given to rows that are already committed, and each run numbers its rows
// from one above the highest seq its snapshot sees. Two runs that overlap
// (two nodes refreshing at once) both start at that same number, and the
// unique index on seq makes the later one fail and run again on a fresh
// snapshot. So the committed seqs always run 1, 2, … M without a gap, and
// a reader that sees seq n sees every seq below it: "after n" misses
// nothing.
//
// Rows locked by a transaction still in progress (a deletion withdrawing
// them) are skipped and numbered next time. With nothing to number the
// statement writes nothing and costs one index probe.
func (db *DB) sequenceEvidence(ctx context.Context) error {
	var err error
	for range 10 {
		_, err = db.pool.Exec(ctx, `WITH pending AS (
				SELECT id FROM reputation_evidence WHERE seq IS NULL ORDER BY id FOR UPDATE SKIP LOCKED
			), base AS (
				SELECT coalesce(max(seq), 0) AS s FROM reputation_evidence WHERE seq IS NOT NULL
			), numbered AS (
				SELECT p.id, base.s + row_number() OVER (ORDER BY p.id) AS seq FROM pending p, base
			)
			UPDATE reputation_evidence e SET seq = n.seq FROM numbered n WHERE e.id = n.id`)
		var pg *pgconn.PgError
		if !errors.As(err, &pg) || pg.Code != "23505" {
			break // done, or a failure the retry below can't fix
		}
	}
	return wrap(err, "sequence evidence")
}

// HasRecentEvidence implements hangup.ReputationStore.
func (db *DB) HasRecentEvidence(ctx context.Context, number, reporter string, since time.Time) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM reputation_evidence WHERE number = $1 AND reporter_key = $2 AND at > $3)`,
		number, reporter, since.UTC()).Scan(&ok)
	return ok, wrap(err, "recent evidence")
}

// AllowList implements hangup.ReputationStore.
func (db *DB) AllowList(ctx context.Context) (map[string]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT number, reason FROM allow_list`)
	if err != nil {
		return nil, wrap(err, "allow list")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, r string
		if err := rows.Scan(&n, &r); err != nil {
			return nil, wrap(err, "allow list")
		}
		out[n] = r
	}
	return out, wrap(rows.Err(), "allow list")
}

func insertChange(ctx context.Context, tx pgx.Tx, at time.Time, number, actor, action, reason string) error {
	_, err := tx.Exec(ctx, `INSERT INTO reputation_changes (at, number, actor, action, reason) VALUES ($1, $2, $3, $4, $5)`,
		at.UTC(), number, actor, action, reason)
	return wrap(err, "record reputation change")
}

// SetAllowed implements hangup.ReputationStore.
func (db *DB) SetAllowed(ctx context.Context, number string, allowed bool, actor, reason string) error {
	now := db.now()
	changed := false
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		changed = false
		action := "allow"
		var err error
		var n int64
		if allowed {
			tag, e := tx.Exec(ctx, `INSERT INTO allow_list (number, reason, actor, at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (number) DO NOTHING`, number, reason, actor, now.UTC())
			n, err = tag.RowsAffected(), e
		} else {
			action = "unallow"
			tag, e := tx.Exec(ctx, `DELETE FROM allow_list WHERE number = $1`, number)
			n, err = tag.RowsAffected(), e
		}
		if err != nil {
			return wrap(err, "allow list")
		}
		if n == 0 {
			return nil // already so: nothing changed, nothing to record
		}
		changed = true
		if err := insertChange(ctx, tx, now, number, actor, action, reason); err != nil {
			return err
		}
		return db.bumpInTx(ctx, tx, hangup.TopicReputation)
	})
	if err == nil && changed {
		db.changed(hangup.TopicReputation)
	}
	return err
}

// CreateAppeal implements hangup.ReputationStore.
func (db *DB) CreateAppeal(ctx context.Context, a *hangup.Appeal) error {
	a.Status = hangup.AppealOpen
	a.CreatedAt = db.now().UTC()
	return db.withTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO appeals (number, name, email, statement, status, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			a.Number, a.Name, a.Email, a.Statement, string(a.Status), a.CreatedAt).Scan(&a.ID)
		if err != nil {
			return wrap(err, "create appeal")
		}
		return insertChange(ctx, tx, a.CreatedAt, a.Number, "owner", "appeal_opened", a.Statement)
	})
}

const appealColumns = `id, number, name, email, statement, status, created_at, decided_at, decided_by, decision`

func scanAppeal(row pgx.Row) (*hangup.Appeal, error) {
	a := new(hangup.Appeal)
	var status string
	var decided *time.Time
	if err := row.Scan(&a.ID, &a.Number, &a.Name, &a.Email, &a.Statement, &status, &a.CreatedAt, &decided, &a.DecidedBy, &a.Decision); err != nil {
		return nil, err
	}
	a.Status, a.CreatedAt, a.DecidedAt = hangup.AppealStatus(status), a.CreatedAt.UTC(), utcPtr(decided)
	return a, nil
}

// Appeals implements hangup.ReputationStore.
func (db *DB) Appeals(ctx context.Context, number string, status hangup.AppealStatus) ([]*hangup.Appeal, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+appealColumns+` FROM appeals
		WHERE ($1 = '' OR number = $1) AND ($2 = '' OR status = $2) ORDER BY id DESC LIMIT 1000`, number, string(status))
	if err != nil {
		return nil, wrap(err, "appeals")
	}
	defer rows.Close()
	out := []*hangup.Appeal{}
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, wrap(err, "appeals")
		}
		out = append(out, a)
	}
	return out, wrap(rows.Err(), "appeals")
}

// DecideAppeal implements hangup.ReputationStore.
func (db *DB) DecideAppeal(ctx context.Context, id int64, status hangup.AppealStatus, actor, reason string) (*hangup.Appeal, error) {
	if status != hangup.AppealUpheld && status != hangup.AppealRejected {
		return nil, hangup.Invalid("Choose uphold or reject.", hangup.FieldError{Field: "status", Message: "must be upheld or rejected"})
	}
	now := db.now().UTC()
	var out *hangup.Appeal
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		a, err := scanAppeal(tx.QueryRow(ctx, `SELECT `+appealColumns+` FROM appeals WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no such appeal.")
		}
		if err != nil {
			return wrap(err, "decide appeal")
		}
		if a.Status != hangup.AppealOpen {
			return hangup.Errorf(hangup.ECONFLICT, "This appeal was already decided.")
		}
		if _, err := tx.Exec(ctx, `UPDATE appeals SET status = $1, decided_at = $2, decided_by = $3, decision = $4 WHERE id = $5`,
			string(status), now, actor, reason, id); err != nil {
			return wrap(err, "decide appeal")
		}
		if status == hangup.AppealUpheld {
			if _, err := tx.Exec(ctx, `INSERT INTO allow_list (number, reason, actor, at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (number) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
				a.Number, "appeal upheld: "+reason, actor, now); err != nil {
				return wrap(err, "allow list")
			}
			if err := db.bumpInTx(ctx, tx, hangup.TopicReputation); err != nil {
				return err
			}
		}
		if err := insertChange(ctx, tx, now, a.Number, actor, "appeal_"+string(status), reason); err != nil {
			return err
		}
		a.Status, a.DecidedAt, a.DecidedBy, a.Decision = status, &now, actor, reason
		out = a
		return nil
	})
	if err == nil && status == hangup.AppealUpheld {
		db.changed(hangup.TopicReputation)
	}
	return out, err
}

// ReputationChanges implements hangup.ReputationStore.
func (db *DB) ReputationChanges(ctx context.Context, number string, limit int) ([]hangup.ReputationChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.pool.Query(ctx, `SELECT at, number, actor, action, reason FROM reputation_changes
		WHERE ($1 = '' OR number = $1) ORDER BY id DESC LIMIT $2`, number, limit)
	if err != nil {
		return nil, wrap(err, "reputation changes")
	}
	defer rows.Close()
	out := []hangup.ReputationChange{}
	for rows.Next() {
		var c hangup.ReputationChange
		if err := rows.Scan(&c.At, &c.Number, &c.Actor, &c.Action, &c.Reason); err != nil {
			return nil, wrap(err, "reputation changes")
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "reputation changes")
}

// SiteDecisions implements hangup.ReputationStore.
func (db *DB) SiteDecisions(ctx context.Context) (map[string]hangup.SiteDecision, error) {
	rows, err := db.pool.Query(ctx, `SELECT domain, decision, reason, actor, at FROM site_decisions`)
	if err != nil {
		return nil, wrap(err, "site decisions")
	}
	defer rows.Close()
	out := map[string]hangup.SiteDecision{}
	for rows.Next() {
		var d hangup.SiteDecision
		var decision string
		if err := rows.Scan(&d.Domain, &decision, &d.Reason, &d.Actor, &d.At); err != nil {
			return nil, wrap(err, "site decisions")
		}
		d.Decision, d.At = hangup.SiteDecisionKind(decision), d.At.UTC()
		out[d.Domain] = d
	}
	return out, wrap(rows.Err(), "site decisions")
}

// DecideSite implements hangup.ReputationStore.
func (db *DB) DecideSite(ctx context.Context, domain string, decision hangup.SiteDecisionKind, actor, reason string) error {
	action, err := hangup.SiteDecisionAction(decision)
	if err != nil {
		return err
	}
	now := db.now().UTC()
	changed := false
	err = db.withTx(ctx, func(tx pgx.Tx) error {
		changed = false
		// One decision at a time per website, so two analysts deciding at
		// once both get recorded in order.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, db.lockKey("site-decision", domain)); err != nil {
			return wrap(err, "decide site")
		}
		var cur string
		err := tx.QueryRow(ctx, `SELECT decision FROM site_decisions WHERE domain = $1`, domain).Scan(&cur)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return wrap(err, "decide site")
		}
		if cur == string(decision) {
			return nil // already so: nothing changed, nothing to record
		}
		if decision == "" {
			_, err = tx.Exec(ctx, `DELETE FROM site_decisions WHERE domain = $1`, domain)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO site_decisions (domain, decision, reason, actor, at) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (domain) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
				domain, string(decision), reason, actor, now)
		}
		if err != nil {
			return wrap(err, "decide site")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO site_changes (at, domain, actor, action, reason) VALUES ($1, $2, $3, $4, $5)`,
			now, domain, actor, action, reason); err != nil {
			return wrap(err, "record site change")
		}
		changed = true
		return db.bumpInTx(ctx, tx, hangup.TopicReputation)
	})
	if err == nil && changed {
		db.changed(hangup.TopicReputation)
	}
	return err
}

// SiteChanges implements hangup.ReputationStore.
func (db *DB) SiteChanges(ctx context.Context, domain string, limit int) ([]hangup.SiteChange, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.pool.Query(ctx, `SELECT at, domain, actor, action, reason FROM site_changes
		WHERE ($1 = '' OR domain = $1) ORDER BY id DESC LIMIT $2`, domain, limit)
	if err != nil {
		return nil, wrap(err, "site changes")
	}
	defer rows.Close()
	out := []hangup.SiteChange{}
	for rows.Next() {
		var c hangup.SiteChange
		if err := rows.Scan(&c.At, &c.Domain, &c.Actor, &c.Action, &c.Reason); err != nil {
			return nil, wrap(err, "site changes")
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "site changes")
}
