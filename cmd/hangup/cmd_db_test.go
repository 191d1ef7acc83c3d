package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/postgres/pgtest"
)

func TestCLIMigrate(t *testing.T) {
	dbs := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "m.db") },
		"postgres": func(t *testing.T) string { return pgtest.DSN(t) },
	}
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			dsn := db(t)
			for range 2 { // the second run finds nothing to do
				code, out, errOut := runCLI(t, "", nil, "migrate", "--db", dsn, "--create")
				if code != exitOK || !regexp.MustCompile(`is at schema version [1-9]`).MatchString(out) {
					t.Fatalf("migrate: exit %d %q %q", code, out, errOut)
				}
				if strings.Contains(dsn, "postgres://") && !strings.Contains(out, "postgres://") {
					t.Errorf("migrate output %q does not name the database", out)
				}
			}
		})
	}
	code, _, errOut := runCLI(t, "", nil, "migrate", "--db", "postgres://postgres@127.0.0.1:1/none?connect_timeout=1")
	if code != exitError || !strings.Contains(errOut, "cannot be reached") {
		t.Errorf("migrate against no server: exit %d %q, want 1 and a clear message", code, errOut)
	}
}

func TestCLIBackupRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	code, out, errOut := runCLI(t, "", nil, "report", "--db", db, "--create", "--number-shown", "0906 123 4567", "--story", "Kept in the backup.")
	if code != exitOK {
		t.Fatalf("report: exit %d %s %s", code, out, errOut)
	}
	ref := regexp.MustCompile(`HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(out)
	backup := filepath.Join(dir, "backup.db")
	code, out, errOut = runCLI(t, "", nil, "backup", "--db", db, backup)
	if code != exitOK || !strings.Contains(out, "checked") {
		t.Fatalf("backup: exit %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "backup", "--db", db, backup); code != exitUsage || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: exit %d %q", code, errOut)
	}
	runCLI(t, "", nil, "report", "--db", db, "--number-shown", "0906 123 4567", "--story", "After the backup.")
	code, out, errOut = runCLI(t, "", nil, "restore", "--db", db, backup)
	if code != exitOK {
		t.Fatalf("restore: exit %d %q %q", code, out, errOut)
	}
	a, err := openTestDB(t, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.FindReport(context.Background(), ref); err != nil {
		t.Errorf("report %s missing after restore: %v", ref, err)
	}
	if rs, _ := a.ListReports(context.Background(), hangup.ReportFilter{Text: "After the backup"}); len(rs) != 0 {
		t.Errorf("a report made after the backup survived the restore")
	}
	// Restoring under a running server is refused: it holds the file open.
	if code, _, errOut := runCLI(t, "", nil, "restore", "--db", db, backup); code != exitUsage || !strings.Contains(errOut, "in use") {
		t.Errorf("restore while the database is open: exit %d %q, want 2 and 'in use'", code, errOut)
	}
	for _, cmd := range []string{"backup", "restore"} {
		code, _, errOut := runCLI(t, "", nil, cmd, "--db", "postgres://x@127.0.0.1/db", filepath.Join(dir, "pg.dump"))
		if code != exitUsage || !strings.Contains(errOut, "pg_dump") {
			t.Errorf("%s on PostgreSQL: exit %d %q, want a pointer to pg_dump", cmd, code, errOut)
		}
	}
}

// newTestApp opens an App (not serving) for a test, closed at cleanup.
func newTestApp(t *testing.T, cfg Config) *App {
	t.Helper()
	app, err := NewApp(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	return app
}

// openTestDB opens a database for a test's own checks, closed at cleanup.
func openTestDB(t *testing.T, dsn string) (Database, error) {
	t.Helper()
	db, _, err := openDatabase(context.Background(), dsn)
	if err == nil {
		t.Cleanup(func() { db.Close() })
	}
	return db, err
}

func TestCLICopyData(t *testing.T) {
	dir := t.TempDir()
	lite := filepath.Join(dir, "old.db")
	code, out, errOut := runCLI(t, `{"number_shown":"0906 123 4567","claimed_organisation":"Microsoft","story":"Copied across."}`, nil,
		"report", "--db", lite, "--create", "--json")
	if code != exitOK {
		t.Fatalf("report: %d %s %s", code, out, errOut)
	}
	var made struct {
		Reference   string `json:"reference"`
		TrackingURL string `json:"tracking_url"`
	}
	if err := json.Unmarshal([]byte(out), &made); err != nil {
		t.Fatal(err)
	}
	pg := pgtest.DSN(t)
	code, out, errOut = runCLI(t, "", nil, "copy-data", "--from", lite, "--to", pg)
	if code != exitOK || !regexp.MustCompile(`reports\s+1 rows`).MatchString(out) {
		t.Fatalf("copy-data: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "copy-data", "--from", lite, "--to", pg); code != exitUsage || !strings.Contains(errOut, "already holds data") {
		t.Errorf("a second copy-data: exit %d %q", code, errOut)
	}
	// The registry and the report came across, and the tracking link still
	// opens the report: token hashes and the server secret were copied.
	_, liteReg, _ := runCLI(t, "", nil, "registry", "export", "--db", lite)
	_, pgReg, _ := runCLI(t, "", nil, "registry", "export", "--db", pg)
	if liteReg == "" || liteReg != pgReg {
		t.Errorf("the registries differ after copy-data (%d and %d bytes)", len(liteReg), len(pgReg))
	}
	db, err := postgres.Open(context.Background(), pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.FindReport(context.Background(), made.Reference)
	if err != nil || !strings.Contains(r.Story, "Copied across.") {
		t.Fatalf("the report in PostgreSQL: %+v, %v", r, err)
	}
	token := made.TrackingURL[strings.LastIndex(made.TrackingURL, "/r/")+3:]
	cfg := DefaultConfig()
	cfg.DB, cfg.RateLimit = pg, 0
	app := newTestApp(t, cfg)
	if got, err := app.Reports.ByToken(context.Background(), token); err != nil || got.Reference != made.Reference {
		t.Errorf("the tracking link after copy-data opens %v, %v; want %s", got, err, made.Reference)
	}
	for _, bad := range [][]string{
		{"copy-data", "--from", lite},
		{"copy-data", "--from", lite, "--to", filepath.Join(dir, "x.db")},
		{"copy-data", "--from", filepath.Join(dir, "none.db"), "--to", pg},
	} {
		if code, _, _ := runCLI(t, "", nil, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// TestWritingCommandsNameTheirDatabase: every command other than serve that
// writes the database says which one it opened, and none starts a new
// SQLite file unless asked with --create — run in the wrong directory,
// "apikey add" would otherwise make a key in a database no server reads.
func TestWritingCommandsNameTheirDatabase(t *testing.T) {
	dir := t.TempDir()
	registryFile := filepath.Join(dir, "registry.json")
	if code, out, errOut := runCLI(t, "", nil, "registry", "export", "--db", filepath.Join(dir, "none.db")); code != exitOK {
		t.Fatalf("registry export: %d %s", code, errOut)
	} else if err := os.WriteFile(registryFile, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	backupOf := filepath.Join(dir, "source.db")
	if code, _, errOut := runCLI(t, "", nil, "migrate", "--db", backupOf, "--create"); code != exitOK {
		t.Fatalf("migrate --create: %d %s", code, errOut)
	}
	backup := filepath.Join(dir, "source.backup")
	if code, _, errOut := runCLI(t, "", nil, "backup", "--db", backupOf, backup); code != exitOK {
		t.Fatalf("backup: %d %s", code, errOut)
	}
	ftc := "../../testdata/ftc/dnc_complaint_numbers_2021-07-08.csv"
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"apikey add", "", []string{"apikey", "add", "--name", "kamailio"}},
		{"apikey list", "", []string{"apikey", "list"}},
		{"migrate", "", []string{"migrate"}},
		{"registry import", "", []string{"registry", "import", registryFile}},
		{"report", "", []string{"report", "--number-shown", "0906 123 4567", "--story", "He said I had a virus."}},
		{"import ftc-dnc", "", []string{"import", "ftc-dnc", ftc}},
		{"user add", "a long enough password\n", []string{"user", "add", "--email", "admin@example.org", "--role", "admin"}},
		{"restore", "", []string{"restore", backup}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "hangup.db")
			args := append(append([]string{}, tc.args...), "--db", db)
			code, out, errOut := runCLI(t, tc.stdin, nil, args...)
			if code != exitUsage || !strings.Contains(errOut, "no database at "+db) || !strings.Contains(errOut, "--create") {
				t.Errorf("without a database: exit %d, stderr %q; want %d naming %s and --create", code, errOut, exitUsage, db)
			}
			if strings.TrimSpace(out) != "" {
				t.Errorf("without a database it printed %q", out)
			}
			if _, err := os.Stat(db); err == nil {
				t.Fatalf("a refused %s created %s", tc.name, db)
			}
			code, _, errOut = runCLI(t, tc.stdin, nil, append(args, "--create")...)
			if code != exitOK || !strings.Contains(errOut, "Creating a new database at "+db) {
				t.Fatalf("with --create: exit %d, stderr %q", code, errOut)
			}
			if tc.name == "apikey add" || tc.name == "user add" {
				return // a second run would clash with the first
			}
			code, _, errOut = runCLI(t, tc.stdin, nil, args...)
			if code != exitOK || !strings.Contains(errOut, "Using the database "+db+".") {
				t.Errorf("with the database there: exit %d, stderr %q; want it named", code, errOut)
			}
		})
	}
	// A relative --db is named in full: the operator sees which directory.
	t.Chdir(dir)
	if code, _, errOut := runCLI(t, "", nil, "apikey", "list"); code != exitUsage || !strings.Contains(errOut, filepath.Join(dir, "hangup.db")) {
		t.Errorf("default ./hangup.db: exit %d %q, want the full path", code, errOut)
	}
}
