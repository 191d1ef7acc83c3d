package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCLIReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	code, out, errOut := runCLI(t, "", nil, "report", "--db", db, "--create", "--number-shown", "0906 123 4567", "--claims", "Microsoft",
		"--happened", "remote_access,paid", "--amount", "£200", "--payment-method", "gift cards", "--story", "He said I had a virus.")
	if code != exitOK || !regexp.MustCompile(`Reference: HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).MatchString(out) || !strings.Contains(out, "/r/") {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "Disconnect the computer") || !strings.Contains(out, "Call your bank") {
		t.Errorf("guidance missing:\n%s", out)
	}
	// --json in, JSON out.
	code, out, errOut = runCLI(t, `{"number_shown":"020 7946 0000","story":"Fake bank called.","happened":["bank_details"]}`, nil,
		"report", "--db", db, "--json", "--public-url", "https://hangup.example.org")
	var got struct {
		Reference   string `json:"reference"`
		TrackingURL string `json:"tracking_url"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &got) != nil || !strings.HasPrefix(got.TrackingURL, "https://hangup.example.org/r/") {
		t.Fatalf("--json: exit %d %s %s", code, out, errOut)
	}
	// Interactive: answers on standard input.
	answers := "1\n2026-11-27 14:05\n0906 123 4567\n\nMicrosoft\ny\ny\nn\nn\nn\nn\nn\nAnyDesk\nThey said my computer had a virus\n"
	code, out, errOut = runCLI(t, answers, nil, "report", "--db", db)
	if code != exitOK || !strings.Contains(out, "How did it start?") || !strings.Contains(out, "Reference: HU-") {
		t.Fatalf("interactive: exit %d\n%s\n%s", code, out, errOut)
	}
	// Bad input: exit 2 naming the field; nothing stored.
	code, _, errOut = runCLI(t, "", nil, "report", "--db", db, "--story", "x", "--happened", "abducted")
	if code != exitUsage || !strings.Contains(errOut, "happened") {
		t.Errorf("bad happened: exit %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, `{"story":`, nil, "report", "--db", db, "--json")
	if code != exitUsage || !strings.Contains(errOut, "JSON") {
		t.Errorf("bad JSON: exit %d %q", code, errOut)
	}
}

func TestCLIImportAndUser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "i.db")
	file := "../../testdata/ftc/dnc_complaint_numbers_2021-07-08.csv"
	code, out, errOut := runCLI(t, "", nil, "import", "ftc-dnc", file, "--db", db, "--create")
	if code != exitOK || !strings.Contains(out, "13191 imported") || !strings.Contains(out, "line 5:") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "import", "ftc-dnc", file, "--db", db)
	if code != exitOK || !strings.Contains(out, "0 imported") {
		t.Errorf("second import: %s", out)
	}
	code, _, errOut = runCLI(t, "", nil, "import", "ftc-dnc", file, "--db", filepath.Join(t.TempDir(), "s.db"), "--create", "--strict")
	if code != exitUsage || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("strict: exit %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", nil, "import", "ftc-dnc", "/no/such/file", "--db", db)
	if code != exitUsage {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	code, out, errOut = runCLI(t, "a long enough password\n", nil, "user", "add", "--db", db, "--email", "admin@example.org", "--role", "admin")
	if code != exitOK || !strings.Contains(out, "Created admin account") {
		t.Fatalf("user add: %d %s %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "short\n", nil, "user", "add", "--db", db, "--email", "b@example.org", "--role", "analyst")
	if code != exitUsage || !strings.Contains(errOut, "password") {
		t.Errorf("short password: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "a long enough password\n", nil, "user", "add", "--db", db, "--email", "admin@example.org", "--role", "admin")
	if code != exitUsage || !strings.Contains(errOut, "already") {
		t.Errorf("duplicate: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "a long enough password\n", nil, "user", "add", "--db", db, "--email", "m@example.org", "--role", "member", "--org", "nobody")
	if code != exitUsage || !strings.Contains(errOut, "registry") {
		t.Errorf("unknown org: %d %q", code, errOut)
	}
}
