package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// runCLI runs the command line in-process with an empty environment apart
// from the given variables.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), args: args, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return vars[k] }}
	code := run(e)
	return code, out.String(), errb.String()
}

func TestCLICheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := runCLI(t, "", nil, "check", "--db", db, "--number", "0906 123 4567", "--claims", "Microsoft",
		"--unsolicited", "--asked", "install,remote-access", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res hangup.CheckResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if res.Verdict != hangup.CheckStop {
		t.Errorf("verdict %s, want stop", res.Verdict)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("hangup check created a database file")
	}
	code, out, _ = runCLI(t, "", nil, "check", "--db", db, "--number", "0906 123 4567", "--claims", "Microsoft", "--unsolicited")
	if code != exitOK || !strings.HasPrefix(out, "STOP\n") || !strings.Contains(out, "What to do now:") {
		t.Errorf("human output (exit %d):\n%s", code, out)
	}
	// A number given by a pop-up that is not the organisation's: stop.
	code, out, _ = runCLI(t, "", nil, "check", "--db", db, "--number", "0800 046 5678", "--claims", "Microsoft", "--started", "popup", "--json")
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil || res.Verdict != hangup.CheckStop || res.NumberStatus != hangup.NumberNotOfficial {
		t.Errorf("pop-up number (exit %d): %s", code, out)
	}
	// A completed check exits 0 whatever the verdict.
	if code, out, _ := runCLI(t, "", nil, "check", "--db", db, "--number", "01793 781800", "--claims", "IMEX"); code != exitOK || !strings.HasPrefix(out, "NO WARNING") {
		t.Errorf("no red flags: exit %d\n%s", code, out)
	}
}

func TestCLIBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown ask", []string{"check", "--db", db, "--asked", "teleport"}, "teleport"},
		{"nothing to check", []string{"check", "--db", db}, "tell Hangup something"},
		{"only how it started", []string{"check", "--db", db, "--started", "they_called"}, "tell Hangup something"},
		{"unknown start", []string{"check", "--db", db, "--claims", "BT", "--started", "yesterday"}, "yesterday"},
		{"both forms disagree", []string{"check", "--db", db, "--claims", "BT", "--unsolicited", "--started", "popup"}, "they_called"},
		{"bad number", []string{"check", "--db", db, "--number", "call me"}, "number"},
		{"unknown flag", []string{"check", "--nope"}, "nope"},
		{"stray argument", []string{"check", "--db", db, "Microsoft", "support"}, "unexpected"},
		{"notes too long", []string{"check", "--db", db, "--notes", strings.Repeat("x", 20001)}, "too long"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"number missing", []string{"number"}, "give a number"},
		{"unreadable number", []string{"number", "hello"}, "digits"},
		{"bad region", []string{"number", "--region", "XX", "0906 123 4567"}, "XX"},
		{"bad config env", []string{"check", "--db", db}, "HANGUP_RATE_LIMIT"},
		{"older ask words still read, unknown ones not", []string{"check", "--db", db, "--asked", "installed_software,remote-access,abducted"}, "abducted"},
		{"unknown verstat", []string{"screen", "--db", db, "--from", "07400123456", "--to", "02071234567", "--verstat", "bogus"}, "verstat"},
		{"a folder to analyse", []string{"analyze", "--db", db, os.TempDir()}, "not a file"},
		{"a missing file to analyse", []string{"analyze", "--db", db, "/no/such/file"}, "no such file"},
		{"batch and stream at once", []string{"analyze", "--db", db, "--jsonl", "--stream"}, "not both"},
		{"a database in a missing folder", []string{"migrate", "--db", "/no/such/folder/x.db"}, "does not exist"},
		{"a bad listen address", []string{"serve", "--db", db, "--addr", "bogus"}, "listen address"},
		{"email without a public address", []string{"serve", "--db", db, "--smtp-host", "smtp.example.org", "--smtp-from", "noreply@example.org"}, "HANGUP_PUBLIC_URL"},
		{"version with arguments", []string{"version", "now"}, "no arguments"},
		{"report: unknown way it started", []string{"report", "--db", db, "--create", "--story", "x", "--started", "yesterday"}, "started"},
		{"report: a date nobody can read", []string{"report", "--db", db, "--create", "--story", "x", "--occurred-at", "soon"}, "occurred_at"},
		{"url without an address", []string{"url"}, "give an address"},
		{"registry import of a folder", []string{"registry", "import", "--db", db, "--create", os.TempDir()}, "registry"},
		{"eval without data", []string{"eval"}, "give the data"},
		{"backup onto a folder", []string{"backup", "--db", db, os.TempDir()}, "exists"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{}
			if tc.name == "bad config env" {
				vars["HANGUP_RATE_LIMIT"] = "lots"
			}
			code, _, errOut := runCLI(t, "", vars, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitUsage, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q lacks %q", errOut, tc.want)
			}
		})
	}
}

func TestCLINumber(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, _ := runCLI(t, "", nil, "number", "--db", db, "0906", "123", "4567", "--json")
	var n hangup.Number
	if code != exitOK || json.Unmarshal([]byte(out), &n) != nil || n.E164 != "+449061234567" || n.UK == nil || n.UK.Range != "premium_rate" {
		t.Errorf("exit %d: %s", code, out)
	}
	code, out, _ = runCLI(t, "", nil, "number", "--db", db, "01793 781800")
	if code != exitOK || !strings.Contains(out, "Registry: IMEX") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestRegistryImportExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "reg.db")
	code, out, errOut := runCLI(t, "", nil, "registry", "export", "--db", db)
	if code != exitOK || !strings.Contains(out, `"schema": "hangup-registry/1"`) {
		t.Fatalf("export: exit %d %s", code, errOut)
	}
	// Add an organisation and import the file back.
	var f struct {
		Schema        string           `json:"schema"`
		Organisations []map[string]any `json:"organisations"`
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	f.Organisations = append(f.Organisations, map[string]any{"id": "acme-isp", "name": "Acme Broadband", "kind": "isp", "country": "GB"})
	good, _ := json.Marshal(f)
	goodPath := filepath.Join(dir, "good.json")
	os.WriteFile(goodPath, good, 0o644)
	code, out, errOut = runCLI(t, "", nil, "registry", "import", "--db", db, "--create", goodPath)
	if code != exitOK || !strings.Contains(out, "1 new") {
		t.Fatalf("import: exit %d out %q err %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "", nil, "check", "--db", db, "--claims", "Acme Broadband", "--json"); code != exitOK || !strings.Contains(out, `"acme-isp"`) {
		t.Errorf("the imported organisation is not matched: %s", out)
	}
	// A bad file names the entry and field and changes nothing.
	f.Organisations = append(f.Organisations, map[string]any{"id": "bad", "name": "Bad", "kind": "pirate"})
	f.Organisations[len(f.Organisations)-2]["name"] = "Acme Renamed"
	bad, _ := json.Marshal(f)
	badPath := filepath.Join(dir, "bad.json")
	os.WriteFile(badPath, bad, 0o644)
	code, _, errOut = runCLI(t, "", nil, "registry", "import", "--db", db, badPath)
	if code != exitUsage || !strings.Contains(errOut, `"bad".kind`) {
		t.Errorf("bad import: exit %d, stderr %q", code, errOut)
	}
	if _, out, _ := runCLI(t, "", nil, "registry", "export", "--db", db); strings.Contains(out, "Acme Renamed") {
		t.Error("a failed import changed the registry")
	}
}

// startApp runs the real program's App on a free loopback port.
func startApp(t *testing.T) (string, *App) { return startAppWith(t, nil) }

// startAppWith runs the real App, with the default configuration changed by
// mutate, on free loopback ports, and stops it (checking that it drains and
// returns) at the end of the test.
func startAppWith(tb testing.TB, mutate func(*Config)) (string, *App) {
	tb.Helper()
	cfg := DefaultConfig()
	cfg.DB = filepath.Join(tb.TempDir(), "app.db")
	cfg.RateLimit = 0
	if mutate != nil {
		mutate(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := NewApp(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	addr, err := app.Listen("127.0.0.1:0")
	if err != nil {
		cancel()
		app.Close()
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx) }()
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("Serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			tb.Error("Serve did not return after cancel")
		}
		app.Close()
	})
	return "http://" + addr.String(), app
}

func TestServeEndToEnd(t *testing.T) {
	base, _ := startApp(t)
	resp, err := http.Post(base+"/api/v1/checks", "application/json",
		strings.NewReader(`{"number":"0906 123 4567","claims":"Microsoft","unsolicited":true,"asked":["install"]}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res hangup.CheckResult
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != 200 || res.Verdict != hangup.CheckStop {
		t.Fatalf("POST /api/v1/checks: %d %v %+v", resp.StatusCode, err, res)
	}
	home, err := http.Get(base + "/")
	if err != nil || home.StatusCode != 200 {
		t.Fatalf("GET /: %v %v", home, err)
	}
	home.Body.Close()
}

// TestServeHelpShowsEachDefaultOnce: flags whose zero value means "not
// given" must not print it as a second default.
func TestServeHelpShowsEachDefaultOnce(t *testing.T) {
	code, _, errOut := runCLI(t, "", nil, "serve", "-h")
	if code != exitOK || !strings.Contains(errOut, "-rate-limit") {
		t.Fatalf("serve -h: exit %d\n%s", code, errOut)
	}
	for _, line := range strings.Split(errOut, "\n") {
		if strings.Count(line, "(default") > 1 {
			t.Errorf("two defaults on one line: %q", line)
		}
		if strings.Contains(line, "(default -1)") {
			t.Errorf("an internal 'not given' value shown as the default: %q", line)
		}
	}
	if code, _, errOut := runCLI(t, "", nil, "serve", "--rate-limit", "-5"); code != exitUsage || !strings.Contains(errOut, "rate-limit") {
		t.Errorf("--rate-limit -5: exit %d %q", code, errOut)
	}
}
