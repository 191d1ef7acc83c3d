package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, "", nil, args...)
}

// TestImportFTCByDateRangeFromALoopbackServer downloads three days from a
// server on loopback standing in for the FTC: two files and a day with
// none. Running it again imports nothing new.
func TestImportFTCByDateRangeFromALoopbackServer(t *testing.T) {
	const head = "Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall\n"
	files := map[string]string{
		"/DNC_Complaint_Numbers_2026-11-01.csv": head + "2025550143,2026-10-31 09:00:00,,,Ohio,614,Computer & technical support,Y\n2025550144,2026-10-31 10:00:00,,,Ohio,614,Other,N\n",
		"/DNC_Complaint_Numbers_2026-11-03.csv": head + "2025550145,2026-11-02 09:00:00,,,Ohio,614,Other,\nnot-a-number,2026-11-02,,,,,Other,\n",
	}
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		if body, ok := files[r.URL.Path]; ok {
			io.WriteString(w, body)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "ftc.db")
	args := []string{"import", "ftc-dnc", "--db", db, "--create", "--from", "2026-11-01", "--to", "2026-11-03", "--url", srv.URL + "/DNC_Complaint_Numbers_{date}.csv", "--allow-private"}
	code, out, errb := cli(t, args...)
	if code != 0 || len(asked) != 3 || !strings.Contains(out, "2026-11-02: no file") || strings.Count(out, "could not be read") != 2 || !strings.Contains(out, "line 3") {
		t.Fatalf("exit %d, asked %v\n%s%s", code, asked, out, errb)
	}
	if !strings.Contains(out, "2 imported") || !strings.Contains(out, "1 imported") {
		t.Errorf("imports: %s", out)
	}
	code, out, _ = cli(t, args...)
	if code != 0 || strings.Contains(out, " 1 imported") || strings.Contains(out, " 2 imported") || strings.Count(out, "already present") != 2 {
		t.Errorf("a second run imported again: %s", out)
	}
	// Without --allow-private the loopback address is refused.
	if code, _, errb := cli(t, "import", "ftc-dnc", "--db", db, "--from", "2026-11-01", "--url", srv.URL+"/{date}.csv"); code == 0 || !strings.Contains(errb, "refused") {
		t.Errorf("loopback without --allow-private: exit %d %s", code, errb)
	}
	if code, _, _ := cli(t, "import", "ftc-dnc", "--db", db, "--from", "2026-11-03", "--to", "2026-11-01", "--url", srv.URL+"/{date}.csv", "--allow-private"); code != exitUsage {
		t.Errorf("a backwards range: exit %d", code)
	}
}

// TestImportCSVAsATrustedSource loads a bank's fraud numbers with a
// mapping: bad rows are named by line, the import is idempotent, the
// evidence is trusted (with enough weight a number is scam and blocked),
// and a verified organisation's number still never is.
func TestImportCSVAsATrustedSource(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bank.db")
	csvFile := filepath.Join(dir, "fraud.csv")
	body := "Reported,Type,Claimed,Caller\n" +
		"2026-11-30,bank impersonation,Barclays,0121 654 9876\n" +
		"2026-11-29,bank impersonation,,../../etc/passwd\n" +
		"someday,tech,,0121 654 9877\n" +
		"2026-11-28,refund,,01793 781800\n"
	if err := os.WriteFile(csvFile, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", "csv", "--db", db, "--create", "--map", "number=Caller,date=Reported,category=Type,organisation=Claimed", "--source", "acme-bank", "--weight", "16", csvFile}
	code, out, errb := cli(t, args...)
	if code != 0 || !strings.Contains(out, "4 rows") || !strings.Contains(out, "2 imported") || !strings.Contains(out, "line 3") || !strings.Contains(out, "line 4") {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	if code, out, _ := cli(t, args...); code != 0 || !strings.Contains(out, "0 imported, 2 already present") {
		t.Errorf("a second import: %s", out)
	}
	for _, bad := range [][]string{
		{"import", "csv", "--db", db, "--map", "date=col1", "--source", "acme-bank", csvFile},
		{"import", "csv", "--db", db, "--map", "number=col4", "--source", "Acme Bank!", csvFile},
		{"import", "csv", "--db", db, "--map", "number=col4", "--source", "acme-bank", "--weight", "500", csvFile},
		{"import", "csv", "--db", db, "--map", "number=col4", "--source", "acme-bank", "--strict", "--header", csvFile},
	} {
		if code, _, _ := cli(t, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, exitUsage)
		}
	}
	cfg := DefaultConfig()
	cfg.DB = db
	app, err := NewApp(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	now := time.Now()
	if v, _ := app.Reputation.Index().Score("+441216549876", now); v != hangup.RepScam {
		t.Errorf("a row of weight 16 from a trusted source: %s, want scam", v)
	}
	if a := screenAction(t, app, "+441216549876"); a != hangup.ActionBlock {
		t.Errorf("screening the imported number: %s, want block", a)
	}
	if v, _ := app.Reputation.Index().Score("+441793781800", now); v != hangup.RepVerified {
		t.Errorf("IMEX's verified number after an import: %s, want verified", v)
	}
	rs, _ := app.DB.ListReports(context.Background(), hangup.ReportFilter{Source: "csv:acme-bank"})
	if len(rs) != 2 || rs[0].Links == nil {
		t.Fatalf("reports %d", len(rs))
	}
}
