package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/jackc/pgx/v5"
)

var _ hangup.ReportStore = (*DB)(nil)

const reportColumns = `id, reference, source, coalesce(source_ref, ''), status, created_at, updated_at, occurred_at,
	country, number_shown, number_shown_e164, callback_number, callback_e164, claimed_organisation,
	organisation_id, started, happened, software, website, amount, currency, payment_method, story,
	verdict, scam_type, has_contact, reporter_key, reporter_weight, coalesce(idempotency_key, '')`

const reportInsertColumns = `reference, token_hash, idempotency_key, source, source_ref, status,
	created_at, updated_at, occurred_at, country, number_shown, number_shown_e164, callback_number, callback_e164,
	claimed_organisation, organisation_id, started, happened, software, website, amount, currency, payment_method,
	story, verdict, scam_type, has_contact, reporter_key, reporter_weight`

const reportInsertCount = 29

func scanReport(row pgx.Row) (*hangup.Report, error) {
	r := new(hangup.Report)
	var happened, status, started, verdict, scamType string
	var occurred *time.Time
	err := row.Scan(&r.ID, &r.Reference, &r.Source, &r.SourceRef, &status, &r.CreatedAt, &r.UpdatedAt, &occurred,
		&r.Country, &r.NumberShown, &r.NumberShownE164, &r.CallbackNumber, &r.CallbackE164, &r.ClaimedOrganisation,
		&r.OrganisationID, &started, &happened, &r.Software, &r.Website, &r.Amount, &r.Currency, &r.PaymentMethod, &r.Story,
		&verdict, &scamType, &r.HasContact, &r.ReporterKey, &r.ReporterWeight, &r.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	r.Status, r.Started = hangup.ReportStatus(status), hangup.Started(started)
	r.Verdict, r.ScamType = hangup.Verdict(verdict), hangup.ScamType(scamType)
	r.CreatedAt, r.UpdatedAt, r.OccurredAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC(), utcPtr(occurred)
	r.Happened = []hangup.Happened{}
	for _, h := range strings.Split(happened, ",") {
		if h != "" {
			r.Happened = append(r.Happened, hangup.Happened(h))
		}
	}
	return r, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func joinHappened(hs []hangup.Happened) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = string(h)
	}
	return strings.Join(s, ",")
}

// nullString stores "" as NULL, for the columns whose partial unique
// indexes skip NULLs (idempotency key, source ref).
func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nullBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func reportValues(r *hangup.Report, tokenHash []byte) []any {
	return []any{r.Reference, nullBytes(tokenHash), nullString(r.IdempotencyKey), r.Source, nullString(r.SourceRef), string(r.Status),
		r.CreatedAt.UTC(), r.UpdatedAt.UTC(), utcPtr(r.OccurredAt), r.Country, r.NumberShown, r.NumberShownE164,
		r.CallbackNumber, r.CallbackE164, r.ClaimedOrganisation, r.OrganisationID, string(r.Started),
		joinHappened(r.Happened), r.Software, r.Website, r.Amount, r.Currency, r.PaymentMethod, r.Story,
		string(r.Verdict), string(r.ScamType), r.HasContact, r.ReporterKey, r.ReporterWeight}
}

// placeholders returns "($1, $2, $3), ($4, $5, $6)" for rows of cols
// values, numbering from start+1.
func placeholders(start, rows, cols int) string {
	var b strings.Builder
	n := start
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(')')
	}
	return b.String()
}

func tableLinks(r *hangup.Report) (kinds, values []string) {
	for _, l := range r.Links {
		if !hangup.IsFieldLink(l.Kind) {
			kinds, values = append(kinds, l.Kind), append(values, l.Value)
		}
	}
	return kinds, values
}

// createReportSQL writes a report, its contact, its table links and its
// "created" event in one statement: one round trip instead of four.
var createReportSQL = `WITH r AS (
	INSERT INTO reports (` + reportInsertColumns + `) VALUES ` + placeholders(0, 1, reportInsertCount) + ` RETURNING id
), c AS (
	INSERT INTO report_contacts (report_id, name, email, phone, consent)
	SELECT id, $30, $31, $32, $33 FROM r WHERE $34::boolean
), l AS (
	INSERT INTO report_links (report_id, kind, value)
	SELECT DISTINCT r.id, k.kind, k.value FROM r, unnest($35::text[], $36::text[]) AS k (kind, value)
), e AS (
	INSERT INTO report_events (report_id, at, actor, kind, to_status) SELECT id, $7, 'reporter', 'created', $6 FROM r
)
SELECT id FROM r`

// CreateReport implements hangup.ReportStore.
func (db *DB) CreateReport(ctx context.Context, r *hangup.Report, contact *hangup.Contact, tokenHash []byte, evidence []hangup.Evidence) error {
	args := reportValues(r, tokenHash)
	c := hangup.Contact{}
	if contact != nil {
		c = *contact
	}
	kinds, values := tableLinks(r)
	args = append(args, c.Name, c.Email, c.Phone, c.Consent, contact != nil, kinds, values)
	err := db.batchTx(ctx, func() *pgx.Batch {
		b := &pgx.Batch{}
		b.Queue(createReportSQL, args...).QueryRow(func(row pgx.Row) error { return row.Scan(&r.ID) })
		db.queueEvidence(b, evidence, true)
		return b
	})
	if err != nil {
		return err
	}
	if len(evidence) > 0 {
		db.changedAsync(hangup.TopicReputation)
	}
	return nil
}

// queueEvidence adds evidence rows to a batch. With dedup, a row is added
// only if its reporter gave no evidence about its number within
// hangup.EvidencePeriod before it: the batch first takes a transaction
// advisory lock per (number, reporter), in a fixed order so that two
// reports naming the same numbers the other way round cannot deadlock,
// and each check runs after the locks are held, so two nodes taking the
// same person's reports at once still count them once.
func (db *DB) queueEvidence(b *pgx.Batch, evs []hangup.Evidence, dedup bool) {
	if dedup {
		keys := make([]string, 0, len(evs))
		for _, e := range evs {
			keys = append(keys, db.lockKey("evidence", e.Subject(), e.ReporterKey))
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, k)
		}
	}
	for _, e := range evs {
		q := `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
		args := []any{e.Subject(), e.ReporterKey, e.Weight, e.Legit, e.Category, e.At.UTC(), e.ReportRef, e.Source}
		if dedup {
			q = `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source)
				SELECT $1, $2, $3, $4, $5, $6, $7, $8
				WHERE NOT EXISTS (SELECT 1 FROM reputation_evidence WHERE number = $1 AND reporter_key = $2 AND at > $9)`
			args = append(args, e.At.Add(-hangup.EvidencePeriod).UTC())
		}
		b.Queue(q, args...)
	}
}

// importBatch bounds one import transaction: large enough to amortise the
// commit, small enough that a failure loses little work.
const importBatch = 2000

// rowsPerInsert is how many rows one multi-row INSERT carries on imports.
const rowsPerInsert = 100

// CreateReports implements hangup.ReportStore.
func (db *DB) CreateReports(ctx context.Context, rs []*hangup.Report, evidence [][]hangup.Evidence) (created, skipped int, err error) {
	defer func() {
		if created > 0 {
			db.changedAsync(hangup.TopicReputation)
		}
	}()
	for start := 0; start < len(rs); start += importBatch {
		end := min(start+importBatch, len(rs))
		c := 0
		err := db.withTx(ctx, func(tx pgx.Tx) error {
			c = 0
			for chunk := start; chunk < end; chunk += rowsPerInsert {
				stop := min(chunk+rowsPerInsert, end)
				args := make([]any, 0, (stop-chunk)*reportInsertCount)
				byRef := make(map[string]int, stop-chunk)
				for i := chunk; i < stop; i++ {
					args = append(args, reportValues(rs[i], nil)...)
					byRef[rs[i].Reference] = i
					rs[i].ID = -1 // until the database says it stored it
				}
				// Rows already imported are skipped; RETURNING names the
				// stored ones. Any other clash (a reference drawn twice) is
				// an error the caller retries with new references.
				rows, err := tx.Query(ctx, `INSERT INTO reports (`+reportInsertColumns+`) VALUES `+placeholders(0, stop-chunk, reportInsertCount)+
					` ON CONFLICT (source, source_ref) WHERE source_ref IS NOT NULL DO NOTHING RETURNING id, reference`, args...)
				if err != nil {
					return wrap(err, "import reports")
				}
				for rows.Next() {
					var id int64
					var ref string
					if err := rows.Scan(&id, &ref); err != nil {
						rows.Close()
						return wrap(err, "import reports")
					}
					if i, ok := byRef[ref]; ok {
						rs[i].ID = id
					}
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return wrap(err, "import reports")
				}
				var linkArgs, evArgs []any
				for i := chunk; i < stop; i++ {
					if rs[i].ID <= 0 {
						continue
					}
					c++
					for _, l := range rs[i].Links {
						if !hangup.IsFieldLink(l.Kind) {
							linkArgs = append(linkArgs, rs[i].ID, l.Kind, l.Value)
						}
					}
					// Imported evidence skips the per-reporter check: an
					// import's reporter key is the row's own identity, and a
					// row seen before was skipped with its evidence.
					if i < len(evidence) {
						for _, e := range evidence[i] {
							evArgs = append(evArgs, e.Subject(), e.ReporterKey, e.Weight, e.Legit, e.Category, e.At.UTC(), e.ReportRef, e.Source)
						}
					}
				}
				if len(linkArgs) > 0 {
					if _, err := tx.Exec(ctx, `INSERT INTO report_links (report_id, kind, value) VALUES `+placeholders(0, len(linkArgs)/3, 3)+
						` ON CONFLICT DO NOTHING`, linkArgs...); err != nil {
						return wrap(err, "import links")
					}
				}
				for len(evArgs) > 0 {
					n := min(len(evArgs)/8, 2*rowsPerInsert)
					if _, err := tx.Exec(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source) VALUES `+
						placeholders(0, n, 8), evArgs[:n*8]...); err != nil {
						return wrap(err, "import evidence")
					}
					evArgs = evArgs[n*8:]
				}
			}
			return nil
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
	var r *hangup.Report
	err := db.read(ctx, func() (err error) {
		r, err = scanReport(db.pool.QueryRow(ctx, `SELECT `+reportColumns+` FROM reports WHERE `+where, arg))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	if err != nil {
		return nil, wrap(err, "find report")
	}
	if err := db.loadLinks(ctx, []*hangup.Report{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// FindReport implements hangup.ReportStore.
func (db *DB) FindReport(ctx context.Context, reference string) (*hangup.Report, error) {
	return db.findReport(ctx, "reference = $1", reference)
}

// FindReportByToken implements hangup.ReportStore.
func (db *DB) FindReportByToken(ctx context.Context, tokenHash []byte) (*hangup.Report, error) {
	if len(tokenHash) == 0 {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return db.findReport(ctx, "token_hash = $1", tokenHash)
}

// FindReportByIdempotencyKey implements hangup.ReportStore.
func (db *DB) FindReportByIdempotencyKey(ctx context.Context, key string) (*hangup.Report, error) {
	if key == "" {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return db.findReport(ctx, "idempotency_key = $1", key)
}

func (db *DB) loadLinks(ctx context.Context, rs []*hangup.Report) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*hangup.Report, len(rs))
	ids := make([]int64, len(rs))
	for i, r := range rs {
		byID[r.ID] = r
		ids[i] = r.ID
		r.Links = r.FieldLinks()
	}
	rows, err := db.pool.Query(ctx, `SELECT report_id, kind, value FROM report_links WHERE report_id = ANY($1)
		ORDER BY report_id, kind COLLATE "C", value COLLATE "C"`, ids)
	if err != nil {
		return wrap(err, "load links")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l hangup.Link
		if err := rows.Scan(&id, &l.Kind, &l.Value); err != nil {
			return wrap(err, "load links")
		}
		byID[id].Links = append(byID[id].Links, l)
	}
	return wrap(rows.Err(), "load links")
}

// query builds a statement with numbered placeholders.
type query struct {
	where []string
	args  []any
}

// arg adds a value and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

// ListReports implements hangup.ReportStore.
func (db *DB) ListReports(ctx context.Context, f hangup.ReportFilter) ([]*hangup.Report, error) {
	var q query
	add := func(cond string) { q.where = append(q.where, cond) }
	if f.Number != "" {
		p := q.arg(f.Number)
		add("(number_shown_e164 = " + p + " OR callback_e164 = " + p + ")")
	}
	if f.OrganisationID != "" {
		add("organisation_id = " + q.arg(f.OrganisationID))
	}
	if f.Tool != "" {
		add("EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = reports.id AND l.kind = 'tool' AND l.value = " + q.arg(f.Tool) + ")")
	}
	if f.Domain != "" {
		add("EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = reports.id AND l.kind = 'domain' AND l.value = " + q.arg(f.Domain) + ")")
	}
	if f.Status != "" {
		add("status = " + q.arg(string(f.Status)))
	}
	if !f.From.IsZero() {
		add("created_at >= " + q.arg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		add("created_at < " + q.arg(f.To.UTC()))
	}
	if f.MinLoss > 0 {
		add("amount >= " + q.arg(f.MinLoss))
	}
	if f.Source != "" {
		add("source = " + q.arg(f.Source))
	}
	if f.Text != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(f.Text)) + "%"
		p := q.arg(like)
		add(`(lower(story) LIKE ` + p + ` ESCAPE '\' OR lower(claimed_organisation) LIKE ` + p + ` ESCAPE '\')`)
	}
	if f.AfterID > 0 {
		add("id < " + q.arg(f.AfterID))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	s := `SELECT ` + reportColumns + ` FROM reports`
	if len(q.where) > 0 {
		s += " WHERE " + strings.Join(q.where, " AND ")
	}
	s += " ORDER BY id DESC LIMIT " + q.arg(limit)
	return db.queryReports(ctx, s, q.args...)
}

func (db *DB) queryReports(ctx context.Context, q string, args ...any) ([]*hangup.Report, error) {
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, wrap(err, "list reports")
	}
	var out []*hangup.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, wrap(err, "scan report")
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "list reports")
	}
	return out, db.loadLinks(ctx, out)
}

// LinkedReports implements hangup.ReportStore.
func (db *DB) LinkedReports(ctx context.Context, r *hangup.Report, limit int) ([]*hangup.Report, error) {
	if limit <= 0 {
		limit = 50
	}
	var q query
	var conds []string
	// Numbers link across roles: one report's callback number is another's
	// number shown.
	for _, n := range []string{r.NumberShownE164, r.CallbackE164} {
		if n != "" {
			p := q.arg(n)
			conds = append(conds, "number_shown_e164 = "+p, "callback_e164 = "+p)
		}
	}
	for _, l := range r.Links {
		if !hangup.IsFieldLink(l.Kind) {
			conds = append(conds, "id IN (SELECT report_id FROM report_links WHERE kind = "+q.arg(l.Kind)+" AND value = "+q.arg(l.Value)+")")
		}
	}
	if len(conds) == 0 {
		return []*hangup.Report{}, nil
	}
	s := `SELECT ` + reportColumns + ` FROM reports WHERE (` + strings.Join(conds, " OR ") + `) AND id <> ` + q.arg(r.ID) +
		` ORDER BY id DESC LIMIT ` + q.arg(limit)
	return db.queryReports(ctx, s, q.args...)
}

func reportID(ctx context.Context, tx pgx.Tx, reference string) (int64, hangup.ReportStatus, error) {
	var id int64
	var status string
	// FOR UPDATE: a status change and a deletion of the same report wait
	// for each other instead of interleaving.
	err := tx.QueryRow(ctx, `SELECT id, status FROM reports WHERE reference = $1 FOR UPDATE`, reference).Scan(&id, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, "", hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	if err != nil {
		return 0, "", wrap(err, "find report")
	}
	return id, hangup.ReportStatus(status), nil
}

func insertEvent(ctx context.Context, tx pgx.Tx, reportID int64, at time.Time, actor, kind string, from, to hangup.ReportStatus, note string) error {
	_, err := tx.Exec(ctx, `INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		reportID, at.UTC(), actor, kind, string(from), string(to), note)
	return wrap(err, "insert event")
}

// SetReportStatus implements hangup.ReportStore.
func (db *DB) SetReportStatus(ctx context.Context, reference string, status hangup.ReportStatus, actor, note string) error {
	if !slices.Contains(hangup.ReportStatuses, status) {
		return hangup.Invalid("Unknown status.", hangup.FieldError{Field: "status", Message: fmt.Sprintf("%q is not a report status", status)})
	}
	now := db.now()
	return db.withTx(ctx, func(tx pgx.Tx) error {
		id, from, err := reportID(ctx, tx, reference)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE reports SET status = $1, updated_at = $2 WHERE id = $3`, string(status), now.UTC(), id); err != nil {
			return wrap(err, "set status")
		}
		return insertEvent(ctx, tx, id, now, actor, "status", from, status, note)
	})
}

// AddReportInfo implements hangup.ReportStore.
func (db *DB) AddReportInfo(ctx context.Context, reference, text string) error {
	now := db.now()
	return db.withTx(ctx, func(tx pgx.Tx) error {
		id, _, err := reportID(ctx, tx, reference)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE reports SET story = CASE WHEN story = '' THEN $1 ELSE story || E'\n\n' || $2 END, updated_at = $3 WHERE id = $4`,
			text, "Added "+now.UTC().Format("2 January 2006 15:04")+" UTC: "+text, now.UTC(), id); err != nil {
			return wrap(err, "add info")
		}
		return insertEvent(ctx, tx, id, now, "reporter", "info_added", "", "", "")
	})
}

// ReportEvents implements hangup.ReportStore.
func (db *DB) ReportEvents(ctx context.Context, reference string) ([]hangup.ReportEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT e.at, e.actor, e.kind, e.from_status, e.to_status, e.note
		FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.reference = $1 ORDER BY e.id`, reference)
	if err != nil {
		return nil, wrap(err, "report events")
	}
	defer rows.Close()
	out := []hangup.ReportEvent{}
	for rows.Next() {
		var e hangup.ReportEvent
		var from, to string
		if err := rows.Scan(&e.At, &e.Actor, &e.Kind, &from, &to, &e.Note); err != nil {
			return nil, wrap(err, "report events")
		}
		e.At, e.FromStatus, e.ToStatus = e.At.UTC(), hangup.ReportStatus(from), hangup.ReportStatus(to)
		out = append(out, e)
	}
	return out, wrap(rows.Err(), "report events")
}

// ReportContact implements hangup.ReportStore.
func (db *DB) ReportContact(ctx context.Context, reference string) (*hangup.Contact, error) {
	var c hangup.Contact
	err := db.pool.QueryRow(ctx, `SELECT c.name, c.email, c.phone, c.consent FROM report_contacts c
		JOIN reports r ON r.id = c.report_id WHERE r.reference = $1`, reference).Scan(&c.Name, &c.Email, &c.Phone, &c.Consent)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err, "report contact")
	}
	return &c, nil
}

// DeleteReport implements hangup.ReportStore.
func (db *DB) DeleteReport(ctx context.Context, reference, actor string) error {
	now := db.now()
	withdrew := false
	err := db.withTx(ctx, func(tx pgx.Tx) error {
		withdrew = false
		id, _, err := reportID(ctx, tx, reference)
		if err != nil {
			return err
		}
		// Withdraw the report's evidence by appending compensating rows
		// (negative weight, same subject, reporter and time), so the
		// evidence log stays append-only for every node replaying it, and
		// the reporter's slot for the period stays used.
		rows, err := tx.Query(ctx, `UPDATE reputation_evidence SET withdrawn = true
			WHERE report_ref = $1 AND report_ref <> '' AND NOT withdrawn
			RETURNING number, reporter_key, weight, legit, category, at, source`, reference)
		if err != nil {
			return wrap(err, "withdraw evidence")
		}
		var comp [][]any
		var subjects []string
		for rows.Next() {
			var subject, reporter, category, source string
			var weight float64
			var legit bool
			var at time.Time
			if err := rows.Scan(&subject, &reporter, &weight, &legit, &category, &at, &source); err != nil {
				rows.Close()
				return wrap(err, "withdraw evidence")
			}
			if weight > 0 {
				subjects = append(subjects, subject)
				comp = append(comp, []any{subject, reporter, -weight, legit, category, at, reference, source})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(err, "withdraw evidence")
		}
		for _, c := range comp {
			if _, err := tx.Exec(ctx, `INSERT INTO reputation_evidence (number, reporter_key, weight, legit, category, at, report_ref, source, withdrawn)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)`, c...); err != nil {
				return wrap(err, "withdraw evidence")
			}
		}
		slices.Sort(subjects)
		for _, n := range slices.Compact(subjects) {
			var e hangup.Evidence
			e.SetSubject(n)
			q := `INSERT INTO reputation_changes (at, number, actor, action, reason) VALUES ($1, $2, $3, 'evidence_withdrawn', $4)`
			if e.Domain != "" {
				n = e.Domain
				q = `INSERT INTO site_changes (at, domain, actor, action, reason) VALUES ($1, $2, $3, 'evidence_withdrawn', $4)`
			}
			if _, err := tx.Exec(ctx, q, now.UTC(), n, actor, "report "+reference+" was deleted"); err != nil {
				return wrap(err, "record withdrawal")
			}
		}
		withdrew = len(comp) > 0
		// Links, contact and events go with the report (ON DELETE CASCADE).
		_, err = tx.Exec(ctx, `DELETE FROM reports WHERE id = $1`, id)
		return wrap(err, "delete report")
	})
	if err == nil && withdrew {
		db.changedAsync(hangup.TopicReputation)
	}
	return err
}
