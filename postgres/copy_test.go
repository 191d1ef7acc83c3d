package postgres_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/sqlite"
)

// fill puts a little of everything in a store.
func fill(t *testing.T, db interface {
	hangup.OrganisationStore
	hangup.ReportStore
	hangup.ReputationStore
	hangup.UserStore
	hangup.SecretStore
	hangup.APIKeyStore
	hangup.SharedCheckStore
	hangup.SignInStore
	hangup.FeedStore
	hangup.SiteNumberStore
	hangup.OrgPortalStore
}) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 9, 30, 15, 123456000, time.UTC)
	if err := db.ReplaceOrganisations(ctx, []*hangup.Organisation{{ID: "acme", Name: "Acme Bank", Kind: hangup.KindBank, Country: "GB"}}); err != nil {
		t.Fatal(err)
	}
	for i, ref := range []string{"HU-COPY-0001", "HU-COPY-0002", "HU-COPY-0003"} {
		occurred := at.Add(-time.Hour)
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: at.Add(time.Duration(i) * time.Minute),
			UpdatedAt: at, OccurredAt: &occurred, Country: "GB", NumberShownE164: "+449061234567", NumberShown: "0906 123 4567",
			Happened: []hangup.Happened{hangup.HappenedPaid}, Amount: 12.5, Story: "ünïcødé “story”", ReporterKey: "anon:x", ReporterWeight: 0.5,
			IdempotencyKey: "idem-" + ref, HasContact: true, Links: []hangup.Link{{Kind: hangup.LinkDomain, Value: "evil.example"}}}
		ev := []hangup.Evidence{{Number: "+449061234567", ReporterKey: "anon:" + ref, Weight: 0.5, At: r.CreatedAt, ReportRef: ref, Source: "web"}}
		if err := db.CreateReport(ctx, r, &hangup.Contact{Email: "a@example.org", Consent: true}, []byte("tok-"+ref), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetReportStatus(ctx, "HU-COPY-0001", hangup.StatusTriaged, "analyst@example.org", "ok"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteReport(ctx, "HU-COPY-0003", "reporter"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetAllowed(ctx, "+441793781800", true, "admin", "ours"); err != nil {
		t.Fatal(err)
	}
	a := &hangup.Appeal{Number: "+449061234567", Name: "Bob", Statement: "mine"}
	if err := db.CreateAppeal(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideAppeal(ctx, a.ID, hangup.AppealRejected, "analyst", "reports stand"); err != nil {
		t.Fatal(err)
	}
	u := &hangup.User{Email: "admin@example.org", Role: hangup.RoleAdmin, PasswordHash: "$argon2id$h", CreatedAt: at}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSession(ctx, &hangup.Session{TokenHash: []byte("sess"), UserID: u.ID, CreatedAt: at, ExpiresAt: at.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Secret(ctx, "report-key", func() ([]byte, error) { return []byte("0123456789"), nil }); err != nil {
		t.Fatal(err)
	}
	key := &hangup.APIKey{Name: "pbx-london", Prefix: "hk_a", Hash: []byte("0123456789abcdef0123456789abcdef"), CreatedAt: at,
		Policy: hangup.DefaultScreenPolicy(), Allow: []string{"+441632960001"}, Deny: []string{"+449061234567", "+12025550100"}}
	if err := db.CreateAPIKey(ctx, key); err != nil {
		t.Fatal(err)
	}
	shared := &hangup.SharedCheck{ID: "7K3MQ9TXAB", CreatedAt: at, ExpiresAt: at.Add(30 * 24 * time.Hour),
		Request: hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft", Asked: []hangup.Ask{hangup.AskInstall}},
		Result:  hangup.CheckResult{Verdict: hangup.CheckStop, Summary: "“Stop”", Reasons: []hangup.Reason{{Code: "x", Severity: hangup.SeverityHigh, Message: "ünïcødé"}}}}
	if err := db.SaveSharedCheck(ctx, shared); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordSignInFailure(ctx, "admin@example.org", "203.0.113.0/24", at, at.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	f := &hangup.Feed{Name: "scam-list", URL: "https://lists.example.org/hosts.txt", Format: hangup.FeedHosts, CreatedAt: at}
	if err := db.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveFeedFetch(ctx, f.ID, hangup.FeedFetch{At: at, ETag: `"e1"`, Names: []string{"a.example", "b.example"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetFeedDisabled(ctx, "scam-list", true); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordSiteNumbers(ctx, "fix-pc.example", []string{"+448000465678"}, at); err != nil {
		t.Fatal(err)
	}
	orgKey := &hangup.APIKey{Name: "org-acme-sync", Prefix: "hu_org_a", Hash: []byte("abcdef0123456789abcdef0123456789"), CreatedAt: at,
		Policy: hangup.DefaultScreenPolicy(), Scopes: []string{hangup.ScopeOrg}, OrganisationID: "acme"}
	if err := db.CreateAPIKey(ctx, orgKey); err != nil {
		t.Fatal(err)
	}
	verified := at.Add(time.Minute)
	claim := &hangup.OrgClaim{OrganisationID: "acme", OrganisationName: "Acme Bank", Domain: "acme.example", Email: "it@acme.example",
		PasswordHash: "$argon2id$c", Status: hangup.ClaimVerified, TokenHash: []byte("claim-token-hash-0123456789abcdef"),
		Challenge: "hangup-challenge=acme.example:x", ExpiresAt: at.Add(time.Hour), CreatedAt: at, UpdatedAt: at, VerifiedAt: &verified,
		Method: hangup.VerifiedByDNS, UserID: u.ID}
	audit := hangup.AuditEntry{At: at, OrganisationID: "acme", Actor: "it@acme.example", Action: "claim.verified", Detail: "ünïcødé"}
	if err := db.CreateClaim(ctx, claim, audit); err != nil {
		t.Fatal(err)
	}
	fact := &hangup.OrgFact{OrganisationID: "acme", Kind: hangup.FactNumber, Value: "+441131230123", Number: "0113 123 0123",
		Role: hangup.RoleReceivesOnly, Text: "Fraud team", CallBack: true, Status: hangup.FactVerified, Method: hangup.VerifiedByCode,
		CreatedBy: "it@acme.example", CreatedAt: at, UpdatedAt: at, VerifiedAt: &verified, VerifiedBy: "it@acme.example"}
	if err := db.CreateFact(ctx, fact, audit); err != nil {
		t.Fatal(err)
	}
	declared := &hangup.OrgFact{OrganisationID: "acme", Kind: hangup.FactNumber, Value: "+441131230124", Number: "0113 123 0124",
		Role: hangup.RoleCallsOut, Status: hangup.FactDeclared, CreatedBy: "it@acme.example", CreatedAt: at, UpdatedAt: at,
		CodeHash: []byte{1, 2}, CodeExpires: at.Add(10 * time.Minute), CodesSent: 1, CodeWindow: at}
	if err := db.CreateFact(ctx, declared, audit); err != nil {
		t.Fatal(err)
	}
}

func TestCopyFromSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	lite, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	// PostgreSQL keeps microseconds; SQLite's text times keep nanoseconds.
	lite.SetClock(func() time.Time { return time.Now().Truncate(time.Microsecond) })
	fill(t, lite)
	src, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()

	// Every table of both schemas is copied.
	var liteTables []string
	rows, err := src.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'feed_state') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		liteTables = append(liteTables, n)
	}
	rows.Close()
	copied := postgres.CopyTables()
	slices.Sort(copied)
	if !slices.Equal(liteTables, copied) {
		t.Errorf("SQLite has tables %v; copy-data copies %v", liteTables, copied)
	}
	pg := openDB(t)
	var pgTables []string
	prows, err := pg.Pool().Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
		AND tablename NOT IN ('schema_migrations', 'change_versions') ORDER BY tablename`)
	if err != nil {
		t.Fatal(err)
	}
	for prows.Next() {
		var n string
		prows.Scan(&n)
		pgTables = append(pgTables, n)
	}
	prows.Close()
	if !slices.Equal(pgTables, copied) {
		t.Errorf("PostgreSQL has tables %v; copy-data copies %v", pgTables, copied)
	}

	counts, err := pg.CopyFromSQLite(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if counts["reports"] != 2 || counts["reputation_evidence"] != 4 || counts["secrets"] != 1 {
		t.Errorf("copied %v; want 2 reports, 4 evidence rows (3 + 1 withdrawal), 1 secret", counts)
	}
	if _, err := pg.CopyFromSQLite(ctx, src); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("a second copy: %v, want ECONFLICT", err)
	}

	// The same answers from both, through the domain's interfaces.
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\n sqlite   %+v (%v)\n postgres %+v (%v)", what, a, errA, b, errB)
		}
	}
	for _, ref := range []string{"HU-COPY-0001", "HU-COPY-0002"} {
		a, ea := lite.FindReportByToken(ctx, []byte("tok-"+ref))
		b, eb := pg.FindReportByToken(ctx, []byte("tok-"+ref))
		same("report "+ref, a, b, ea, eb)
		ca, ea := lite.ReportContact(ctx, ref)
		cb, eb := pg.ReportContact(ctx, ref)
		same("contact "+ref, ca, cb, ea, eb)
		va, ea := lite.ReportEvents(ctx, ref)
		vb, eb := pg.ReportEvents(ctx, ref)
		same("events "+ref, va, vb, ea, eb)
	}
	evidence := func(s hangup.ReputationStore) ([]hangup.Evidence, error) {
		var out []hangup.Evidence
		err := s.AllEvidence(ctx, func(e hangup.Evidence) error { out = append(out, e); return nil })
		return out, err
	}
	ea, e1 := evidence(lite)
	eb, e2 := evidence(pg)
	same("evidence", ea, eb, e1, e2)
	al, e1 := lite.AllowList(ctx)
	bl, e2 := pg.AllowList(ctx)
	same("allow-list", al, bl, e1, e2)
	ap, e1 := lite.Appeals(ctx, "", "")
	bp, e2 := pg.Appeals(ctx, "", "")
	same("appeals", ap, bp, e1, e2)
	ac, e1 := lite.ReputationChanges(ctx, "", 100)
	bc, e2 := pg.ReputationChanges(ctx, "", 100)
	same("reputation changes", ac, bc, e1, e2)
	au, e1 := lite.ListUsers(ctx)
	bu, e2 := pg.ListUsers(ctx)
	same("users", au, bu, e1, e2)
	_, su, e1 := lite.FindSession(ctx, []byte("sess"), time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))
	_, sv, e2 := pg.FindSession(ctx, []byte("sess"), time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))
	same("session user", su, sv, e1, e2)
	oa, e1 := lite.ListOrganisations(ctx)
	ob, e2 := pg.ListOrganisations(ctx)
	same("organisations", oa, ob, e1, e2)
	ca, e1 := lite.ListClaims(ctx, "", 0)
	cb, e2 := pg.ListClaims(ctx, "", 0)
	same("claims", ca, cb, e1, e2)
	fca, e1 := lite.ListFacts(ctx, "")
	fcb, e2 := pg.ListFacts(ctx, "")
	same("published facts", fca, fcb, e1, e2)
	ua, e1 := lite.ListAudit(ctx, "", 100)
	ub, e2 := pg.ListAudit(ctx, "", 100)
	same("audit", ua, ub, e1, e2)
	ka, e1 := lite.ListAPIKeys(ctx)
	kb, e2 := pg.ListAPIKeys(ctx)
	same("api keys", ka, kb, e1, e2)
	va, e1 := lite.APIKeysVersion(ctx)
	vb, e2 := pg.APIKeysVersion(ctx)
	same("api keys version", va, vb, e1, e2)
	sa, e1 := lite.FindSharedCheck(ctx, "7K3MQ9TXAB", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	sb, e2 := pg.FindSharedCheck(ctx, "7K3MQ9TXAB", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	same("shared check", sa, sb, e1, e2)
	fa, e1 := lite.ListSignInFailures(ctx, time.Time{}, 10)
	fb, e2 := pg.ListSignInFailures(ctx, time.Time{}, 10)
	same("sign-in failures", fa, fb, e1, e2)
	fla, e1 := lite.ListFeeds(ctx)
	flb, e2 := pg.ListFeeds(ctx)
	same("feeds", fla, flb, e1, e2)
	if len(fla) == 1 {
		fea, e1 := lite.FeedEntries(ctx, fla[0].ID)
		feb, e2 := pg.FeedEntries(ctx, flb[0].ID)
		same("feed entries", fea, feb, e1, e2)
	}
	sna, e1 := lite.SitesShowingNumber(ctx, "+448000465678", 10)
	snb, e2 := pg.SitesShowingNumber(ctx, "+448000465678", 10)
	same("site numbers", sna, snb, e1, e2)
	sec, err := pg.Secret(ctx, "report-key", func() ([]byte, error) { return []byte("new"), nil })
	if err != nil || string(sec) != "0123456789" {
		t.Errorf("secret after copy %q, %v; want the copied one", sec, err)
	}
	// New rows get ids above the copied ones.
	r := &hangup.Report{Reference: "HU-COPY-0004", Status: hangup.StatusNew, Source: "web", CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := pg.CreateReport(ctx, r, nil, []byte("tok4"), nil); err != nil || r.ID <= 2 {
		t.Errorf("a new report after the copy: id %d, %v", r.ID, err)
	}
}
