package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

var _ hangup.ReportStore = (*DB)(nil)

const reportColumns = `id, reference, source, coalesce(source_ref, ''), status, created_at, updated_at, occurred_at,
	country, number_shown, number_shown_e164, callback_number, callback_e164, claimed_organisation,
	organisation_id, started, happened, software, website, amount, currency, payment_method, story,
	verdict, scam_type, has_contact, reporter_key, reporter_weight, coalesce(idempotency_key, '')`

type scanner interface{ Scan(...any) error }

// collect reads every remaining row with scan. A failure is wrapped as
// "sqlite: what: …", or returned as it is when what is empty.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error), what string) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			if what == "" {
				return nil, err
			}
			return nil, fmt.Errorf("sqlite: %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanReport(row scanner) (*hangup.Report, error) {
	r := new(hangup.Report)
	var created, updated, happened, status, started, verdict, scamType string
	var occurred sql.NullString
	var hasContact int
	err := row.Scan(&r.ID, &r.Reference, &r.Source, &r.SourceRef, &status, &created, &updated, &occurred,
		&r.Country, &r.NumberShown, &r.NumberShownE164, &r.CallbackNumber, &r.CallbackE164, &r.ClaimedOrganisation,
		&r.OrganisationID, &started, &happened, &r.Software, &r.Website, &r.Amount, &r.Currency, &r.PaymentMethod, &r.Story,
		&verdict, &scamType, &hasContact, &r.ReporterKey, &r.ReporterWeight, &r.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	r.Status, r.Started = hangup.ReportStatus(status), hangup.Started(started)
	r.Verdict, r.ScamType = hangup.Verdict(verdict), hangup.ScamType(scamType)
	r.CreatedAt, r.UpdatedAt, r.OccurredAt = parseTS(created), parseTS(updated), parseNullTS(occurred)
	r.HasContact = hasContact != 0
	r.Happened = []hangup.Happened{}
	for _, h := range strings.Split(happened, ",") {
		if h != "" {
			r.Happened = append(r.Happened, hangup.Happened(h))
		}
	}
	return r, nil
}

func joinHappened(hs []hangup.Happened) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = string(h)
	}
	return strings.Join(s, ",")
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// insertLinks stores the links that are not held in the report's own
// columns (websites and tools).
func insertLinks(ctx context.Context, tx *sql.Tx, r *hangup.Report) error {
	for _, l := range r.Links {
		if hangup.IsFieldLink(l.Kind) {
			continue // stored and indexed as a column of reports
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO report_links (report_id, kind, value) VALUES (?, ?, ?)`, r.ID, l.Kind, l.Value); err != nil {
			return classify(fmt.Errorf("sqlite: insert link: %w", err))
		}
	}
	return nil
}

// insertEvidence adds evidence unless the same reporter already gave
// evidence about the same number within hangup.EvidencePeriod before it.
func insertEvidence(ctx context.Context, tx *sql.Tx, evs []hangup.Evidence) error {
	for _, e := range evs {
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reputation_evidence WHERE number = ? AND reporter_key = ? AND at > ?`,
			e.Subject(), e.ReporterKey, ts(e.At.Add(-hangup.EvidencePeriod))).Scan(&dup); err != nil {
			return fmt.Errorf("sqlite: evidence dedup: %w", err)
		}
		if dup > 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Subject(), e.ReporterKey, e.Weight, b2i(e.Legit), e.Category, ts(e.At), e.ReportRef, e.Source); err != nil {
			return classify(fmt.Errorf("sqlite: insert evidence: %w", err))
		}
	}
	return nil
}

func insertEvent(ctx context.Context, tx *sql.Tx, reportID int64, at time.Time, actor, kind string, from, to hangup.ReportStatus, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		reportID, ts(at), actor, kind, string(from), string(to), note)
	if err != nil {
		return classify(fmt.Errorf("sqlite: insert event: %w", err))
	}
	return nil
}

// CreateReport implements hangup.ReportStore.
func (db *DB) CreateReport(ctx context.Context, r *hangup.Report, contact *hangup.Contact, tokenHash []byte, evidence []hangup.Evidence) error {
	return db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO reports (`+reportInsertColumns+`) VALUES `+placeholders(1, 29), reportValues(r, tokenHash)...)
		if err != nil {
			return classify(fmt.Errorf("sqlite: insert report: %w", err))
		}
		r.ID, _ = res.LastInsertId()
		if err := insertLinks(ctx, tx, r); err != nil {
			return err
		}
		if contact != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_contacts (report_id, name, email, phone, consent) VALUES (?, ?, ?, ?, ?)`,
				r.ID, contact.Name, contact.Email, contact.Phone, b2i(contact.Consent)); err != nil {
				return classify(fmt.Errorf("sqlite: insert contact: %w", err))
			}
		}
		if err := insertEvent(ctx, tx, r.ID, r.CreatedAt, "reporter", "created", "", r.Status, ""); err != nil {
			return err
		}
		return insertEvidence(ctx, tx, evidence)
	})
}

// importBatch bounds one import transaction: large enough to amortise the
// commit, small enough that a failure loses little work and readers are
// never blocked for long.
const importBatch = 2000

// rowsPerInsert is how many rows one multi-row INSERT carries on imports:
// SQLite's per-statement cost is then paid once per hundred rows.
const rowsPerInsert = 100

const reportInsertColumns = `reference, token_hash, idempotency_key, source, source_ref, status,
	created_at, updated_at, occurred_at, country, number_shown, number_shown_e164, callback_number, callback_e164,
	claimed_organisation, organisation_id, started, happened, software, website, amount, currency, payment_method,
	story, verdict, scam_type, has_contact, reporter_key, reporter_weight`

func reportValues(r *hangup.Report, tokenHash []byte) []any {
	return []any{r.Reference, nullBytes(tokenHash), nullString(r.IdempotencyKey), r.Source, nullString(r.SourceRef), string(r.Status),
		ts(r.CreatedAt), ts(r.UpdatedAt), nullTS(r.OccurredAt), r.Country, r.NumberShown, r.NumberShownE164,
		r.CallbackNumber, r.CallbackE164, r.ClaimedOrganisation, r.OrganisationID, string(r.Started),
		joinHappened(r.Happened), r.Software, r.Website, r.Amount, r.Currency, r.PaymentMethod, r.Story,
		string(r.Verdict), string(r.ScamType), b2i(r.HasContact), r.ReporterKey, r.ReporterWeight}
}

// placeholders returns "(?, ?, ?), (?, ?, ?)" for rows of cols values.
func placeholders(rows, cols int) string {
	one := "(?" + strings.Repeat(", ?", cols-1) + ")"
	return one + strings.Repeat(", "+one, rows-1)
}

// CreateReports implements hangup.ReportStore.
func (db *DB) CreateReports(ctx context.Context, rs []*hangup.Report, evidence [][]hangup.Evidence) (created, skipped int, err error) {
	for start := 0; start < len(rs); start += importBatch {
		end := min(start+importBatch, len(rs))
		c := 0
		err := db.withTx(ctx, func(tx *sql.Tx) error {
			c = 0
			var evArgs []any
			evRows := 0
			flushEvidence := func() error {
				if evRows == 0 {
					return nil
				}
				_, err := tx.ExecContext(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source) VALUES `+
					placeholders(evRows, 8), evArgs...)
				evArgs, evRows = evArgs[:0], 0
				return classify(err)
			}
			for chunk := start; chunk < end; chunk += rowsPerInsert {
				stop := min(chunk+rowsPerInsert, end)
				args := make([]any, 0, (stop-chunk)*29)
				byRef := make(map[string]int, stop-chunk)
				for i := chunk; i < stop; i++ {
					args = append(args, reportValues(rs[i], nil)...)
					byRef[rs[i].Reference] = i
					rs[i].ID = -1 // until the database says it stored it
				}
				// Rows already imported are skipped; RETURNING names the
				// stored ones. Any other clash (a reference drawn twice) is
				// an error the caller retries with new references.
				rows, err := tx.QueryContext(ctx, `INSERT INTO reports (`+reportInsertColumns+`) VALUES `+placeholders(stop-chunk, 29)+
					` ON CONFLICT (source, source_ref) WHERE source_ref IS NOT NULL DO NOTHING RETURNING id, reference`, args...)
				if err != nil {
					return classify(fmt.Errorf("sqlite: import reports: %w", err))
				}
				for rows.Next() {
					var id int64
					var ref string
					if err := rows.Scan(&id, &ref); err != nil {
						rows.Close()
						return err
					}
					if i, ok := byRef[ref]; ok {
						rs[i].ID = id
					}
				}
				if err := rows.Close(); err != nil {
					return classify(err)
				}
				if err := rows.Err(); err != nil {
					return classify(fmt.Errorf("sqlite: import reports: %w", err))
				}
				for i := chunk; i < stop; i++ {
					if rs[i].ID <= 0 {
						continue
					}
					c++
					if err := insertLinks(ctx, tx, rs[i]); err != nil {
						return err
					}
					// Imported evidence skips the per-reporter check: an
					// import's reporter key is the row's own identity, and a
					// row seen before was skipped with its evidence. No
					// "created" event is written per row either: the
					// report's source and time say the same.
					if i < len(evidence) {
						for _, e := range evidence[i] {
							evArgs = append(evArgs, e.Subject(), e.ReporterKey, e.Weight, b2i(e.Legit), e.Category, ts(e.At), e.ReportRef, e.Source)
							evRows++
							if evRows == rowsPerInsert*2 {
								if err := flushEvidence(); err != nil {
									return err
								}
							}
						}
					}
				}
			}
			return flushEvidence()
		})
		if err != nil {
			for i := start; i < end; i++ {
				rs[i].ID = 0 // rolled back: not stored, not skipped
			}
			return created, skipped, err
		}
		created, skipped = created+c, skipped+(end-start-c)
	}
	return created, skipped, nil
}

func (db *DB) findReport(ctx context.Context, where string, arg any) (*hangup.Report, error) {
	r, err := scanReport(db.read.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find report: %w", err)
	}
	if err := db.loadLinks(ctx, []*hangup.Report{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// FindReport implements hangup.ReportStore.
func (db *DB) FindReport(ctx context.Context, reference string) (*hangup.Report, error) {
	return db.findReport(ctx, "reference = ?", reference)
}

// FindReportByToken implements hangup.ReportStore.
func (db *DB) FindReportByToken(ctx context.Context, tokenHash []byte) (*hangup.Report, error) {
	if len(tokenHash) == 0 {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return db.findReport(ctx, "token_hash = ?", tokenHash)
}

// FindReportByIdempotencyKey implements hangup.ReportStore.
func (db *DB) FindReportByIdempotencyKey(ctx context.Context, key string) (*hangup.Report, error) {
	if key == "" {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return db.findReport(ctx, "idempotency_key = ?", key)
}

func (db *DB) loadLinks(ctx context.Context, rs []*hangup.Report) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*hangup.Report, len(rs))
	ids := make([]any, len(rs))
	for i, r := range rs {
		byID[r.ID] = r
		ids[i] = r.ID
		r.Links = r.FieldLinks()
	}
	q := `SELECT report_id, kind, value FROM report_links WHERE report_id IN (?` + strings.Repeat(",?", len(ids)-1) + `) ORDER BY report_id, kind, value`
	rows, err := db.read.QueryContext(ctx, q, ids...)
	if err != nil {
		return fmt.Errorf("sqlite: load links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l hangup.Link
		if err := rows.Scan(&id, &l.Kind, &l.Value); err != nil {
			return err
		}
		byID[id].Links = append(byID[id].Links, l)
	}
	return rows.Err()
}

// ListReports implements hangup.ReportStore.
func (db *DB) ListReports(ctx context.Context, f hangup.ReportFilter) ([]*hangup.Report, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.Number != "" {
		add("(number_shown_e164 = ? OR callback_e164 = ?)", f.Number, f.Number)
	}
	if f.OrganisationID != "" {
		add("organisation_id = ?", f.OrganisationID)
	}
	if f.Tool != "" {
		add("EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = reports.id AND l.kind = 'tool' AND l.value = ?)", f.Tool)
	}
	if f.Domain != "" {
		add("EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = reports.id AND l.kind = 'domain' AND l.value = ?)", f.Domain)
	}
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if !f.From.IsZero() {
		add("created_at >= ?", ts(f.From))
	}
	if !f.To.IsZero() {
		add("created_at < ?", ts(f.To))
	}
	if f.MinLoss > 0 {
		add("amount >= ?", f.MinLoss)
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if f.Text != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(f.Text)) + "%"
		add(`(lower(story) LIKE ? ESCAPE '\' OR lower(claimed_organisation) LIKE ? ESCAPE '\')`, like, like)
	}
	if f.AfterID > 0 {
		add("id < ?", f.AfterID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	q := `SELECT ` + reportColumns + ` FROM reports`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	return db.queryReports(ctx, q, args...)
}

func (db *DB) queryReports(ctx context.Context, q string, args ...any) ([]*hangup.Report, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list reports: %w", err)
	}
	var out []*hangup.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: scan report: %w", err)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.loadLinks(ctx, out)
}

// LinkedReports implements hangup.ReportStore.
func (db *DB) LinkedReports(ctx context.Context, r *hangup.Report, limit int) ([]*hangup.Report, error) {
	if limit <= 0 {
		limit = 50
	}
	var conds []string
	var args []any
	// Numbers link across roles: one report's callback number is another's
	// number shown.
	for _, n := range []string{r.NumberShownE164, r.CallbackE164} {
		if n != "" {
			conds = append(conds, "number_shown_e164 = ?", "callback_e164 = ?")
			args = append(args, n, n)
		}
	}
	for _, l := range r.Links {
		if !hangup.IsFieldLink(l.Kind) {
			conds = append(conds, "id IN (SELECT report_id FROM report_links WHERE kind = ? AND value = ?)")
			args = append(args, l.Kind, l.Value)
		}
	}
	if len(conds) == 0 {
		return []*hangup.Report{}, nil
	}
	q := `SELECT ` + reportColumns + ` FROM reports WHERE (` + strings.Join(conds, " OR ") + `) AND id <> ? ORDER BY id DESC LIMIT ?`
	args = append(args, r.ID, limit)
	return db.queryReports(ctx, q, args...)
}

func (db *DB) reportID(ctx context.Context, tx *sql.Tx, reference string) (int64, hangup.ReportStatus, error) {
	var id int64
	var status string
	err := tx.QueryRowContext(ctx, `SELECT id, status FROM reports WHERE reference = ?`, reference).Scan(&id, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return id, hangup.ReportStatus(status), err
}

// SetReportStatus implements hangup.ReportStore.
func (db *DB) SetReportStatus(ctx context.Context, reference string, status hangup.ReportStatus, actor, note string) error {
	valid := false
	for _, s := range hangup.ReportStatuses {
		valid = valid || s == status
	}
	if !valid {
		return hangup.Invalid("Unknown status.", hangup.FieldError{Field: "status", Message: fmt.Sprintf("%q is not a report status", status)})
	}
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		id, from, err := db.reportID(ctx, tx, reference)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = ?, updated_at = ? WHERE id = ?`, string(status), ts(now), id); err != nil {
			return classify(err)
		}
		return insertEvent(ctx, tx, id, now, actor, "status", from, status, note)
	})
}

// AddReportInfo implements hangup.ReportStore.
func (db *DB) AddReportInfo(ctx context.Context, reference, text string) error {
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		id, _, err := db.reportID(ctx, tx, reference)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET story = CASE WHEN story = '' THEN ? ELSE story || char(10) || char(10) || ? END, updated_at = ? WHERE id = ?`,
			text, "Added "+now.UTC().Format("2 January 2006 15:04")+" UTC: "+text, ts(now), id); err != nil {
			return classify(err)
		}
		return insertEvent(ctx, tx, id, now, "reporter", "info_added", "", "", "")
	})
}

// ReportEvents implements hangup.ReportStore.
func (db *DB) ReportEvents(ctx context.Context, reference string) ([]hangup.ReportEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.at, e.actor, e.kind, e.from_status, e.to_status, e.note
		FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.reference = ? ORDER BY e.id`, reference)
	if err != nil {
		return nil, fmt.Errorf("sqlite: report events: %w", err)
	}
	defer rows.Close()
	out := []hangup.ReportEvent{}
	for rows.Next() {
		var e hangup.ReportEvent
		var at, from, to string
		if err := rows.Scan(&at, &e.Actor, &e.Kind, &from, &to, &e.Note); err != nil {
			return nil, err
		}
		e.At, e.FromStatus, e.ToStatus = parseTS(at), hangup.ReportStatus(from), hangup.ReportStatus(to)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReportContact implements hangup.ReportStore.
func (db *DB) ReportContact(ctx context.Context, reference string) (*hangup.Contact, error) {
	var c hangup.Contact
	var consent int
	err := db.read.QueryRowContext(ctx, `SELECT c.name, c.email, c.phone, c.consent FROM report_contacts c
		JOIN reports r ON r.id = c.report_id WHERE r.reference = ?`, reference).Scan(&c.Name, &c.Email, &c.Phone, &consent)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: report contact: %w", err)
	}
	c.Consent = consent != 0
	return &c, nil
}

// DeleteReport implements hangup.ReportStore.
func (db *DB) DeleteReport(ctx context.Context, reference, actor string) error {
	now := db.now()
	return db.withTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := db.reportID(ctx, tx, reference); err != nil {
			return err
		}
		// Withdraw the report's evidence by appending compensating rows
		// (negative weight, same number, reporter and time), so the evidence
		// log stays append-only for every node replaying it, and the
		// reporter's slot for the period stays used.
		var subjects []string
		rows, err := tx.QueryContext(ctx, `SELECT number, reporter_key, weight, legit, category, at, source FROM reputation_evidence
			WHERE report_ref = ? AND withdrawn = 0 AND weight > 0`, reference)
		if err != nil {
			return err
		}
		var comp [][]any
		for rows.Next() {
			var subject, reporter, category, at, source string
			var weight float64
			var legit int
			if err := rows.Scan(&subject, &reporter, &weight, &legit, &category, &at, &source); err != nil {
				rows.Close()
				return err
			}
			subjects = append(subjects, subject)
			comp = append(comp, []any{subject, reporter, -weight, legit, category, at, reference, source})
		}
		rows.Close()
		if _, err := tx.ExecContext(ctx, `UPDATE reputation_evidence SET withdrawn = 1 WHERE report_ref = ?`, reference); err != nil {
			return classify(err)
		}
		for _, c := range comp {
			if _, err := tx.ExecContext(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source, withdrawn)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, c...); err != nil {
				return classify(err)
			}
		}
		slices.Sort(subjects)
		for _, n := range slices.Compact(subjects) {
			var e hangup.Evidence
			e.SetSubject(n)
			q := `INSERT INTO reputation_changes (at, number, actor, action, reason) VALUES (?, ?, ?, 'evidence_withdrawn', ?)`
			if e.Domain != "" {
				n = e.Domain
				q = `INSERT INTO site_changes (at, domain, actor, action, reason) VALUES (?, ?, ?, 'evidence_withdrawn', ?)`
			}
			if _, err := tx.ExecContext(ctx, q, ts(now), n, actor, "report "+reference+" was deleted"); err != nil {
				return classify(err)
			}
		}
		// Links, contact and events go with the report (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, `DELETE FROM reports WHERE reference = ?`, reference); err != nil {
			return classify(err)
		}
		return nil
	})
}

// NumberOrganisations implements hangup.ReportStore.
func (db *DB) NumberOrganisations(ctx context.Context, numbers []string) (map[string][]hangup.OrganisationCount, error) {
	if len(numbers) > hangup.MaxNumberOrganisations {
		return nil, hangup.Invalid("Too many numbers.", hangup.FieldError{Field: "numbers", Message: fmt.Sprintf("at most %d at once", hangup.MaxNumberOrganisations)})
	}
	out := map[string][]hangup.OrganisationCount{}
	if len(numbers) == 0 {
		return out, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(numbers)), ",")
	args := make([]any, 0, 2*len(numbers))
	for _, n := range numbers {
		args = append(args, n)
	}
	for _, n := range numbers {
		args = append(args, n)
	}
	// A report naming the number both ways counts once.
	rows, err := db.read.QueryContext(ctx, `SELECT number, organisation_id, count(*) FROM (
			SELECT id, number_shown_e164 AS number, organisation_id FROM reports WHERE organisation_id <> '' AND number_shown_e164 IN (`+marks+`)
			UNION
			SELECT id, callback_e164, organisation_id FROM reports WHERE organisation_id <> '' AND callback_e164 IN (`+marks+`)
		) GROUP BY number, organisation_id ORDER BY number, count(*) DESC, organisation_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: number organisations: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		var c hangup.OrganisationCount
		if err := rows.Scan(&n, &c.ID, &c.Reports); err != nil {
			return nil, fmt.Errorf("sqlite: number organisations: %w", err)
		}
		out[n] = append(out[n], c)
	}
	return out, rows.Err()
}
