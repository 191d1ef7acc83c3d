package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/mail/mailtest"
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
	code, out, errOut = runCLI(t, answers, nil, "report", "--db", db, "--create")
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

// TestCLIReportAsksAgain: the questions accept yes, no and not sure, ask
// again on anything else, and take a pasted story of many lines whole.
func TestCLIReportAsksAgain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	answers := strings.Join([]string{
		"He got into my computer", // not a number from the list: asked again
		"they called",             // the words work too
		"yesterday 14:05",
		"Remove the virus", // not a phone number: asked again
		"020 7946 0000",
		"",
		"Microsoft",
		"maybe", // installed a program: not sure
		"He got into my computer and moved the mouse", "yes",
		"n", "no", "n", "not sure", "no",
		"AnyDesk",
		"He said my computer had a virus.",
		"Then he took control of the screen.",
		"",
	}, "\n") + "\n"
	code, out, errOut := runCLI(t, answers, map[string]string{"HANGUP_PUBLIC_URL": "https://hangup.example.org"}, "report", "--db", db, "--create")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"Please type a number from 1 to", "That doesn't look like a phone number", "Please answer yes, no or not sure",
		"https://hangup.example.org/r/HU-"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	app := openTestApp(t, db)
	rs, err := app.DB.ListReports(t.Context(), hangup.ReportFilter{})
	if err != nil || len(rs) != 1 {
		t.Fatalf("%d reports, %v", len(rs), err)
	}
	r := rs[0]
	if r.Started != hangup.StartedTheyCalled || r.NumberShown != "020 7946 0000" || !r.HasHappened(hangup.HappenedRemoteAccess) ||
		r.HasHappened(hangup.HappenedInstalledSoftware) || r.HasHappened(hangup.HappenedBankDetails) {
		t.Errorf("stored %+v", r)
	}
	for _, want := range []string{"He said my computer had a virus.\nThen he took control of the screen.", "Not sure whether: I installed a program", "Not sure whether: I gave my card details"} {
		if !strings.Contains(r.Story, want) {
			t.Errorf("story %q lacks %q", r.Story, want)
		}
	}
	if strings.Contains(r.Story, "Remove the virus") || r.ClaimedOrganisation != "Microsoft" {
		t.Errorf("an answer that was asked again was stored: story %q, claims %q", r.Story, r.ClaimedOrganisation)
	}
	// Endless answers nobody can read end the questions with exit 2.
	code, _, errOut = runCLI(t, "what\nwhat\nwhat\nwhat\n", nil, "report", "--db", db, "--create")
	if code != exitUsage || !strings.Contains(errOut, "could not be read") {
		t.Errorf("unreadable answers: exit %d %q", code, errOut)
	}
}

// TestCLIReportEmailsTheReporter: with a mail server configured, a report
// with an email address sends one confirmation with the absolute link.
func TestCLIReportEmailsTheReporter(t *testing.T) {
	sink := mailtest.Start(t)
	db := filepath.Join(t.TempDir(), "r.db")
	vars := map[string]string{"HANGUP_PUBLIC_URL": "https://hangup.example.org", "HANGUP_SMTP_HOST": sink.Host(),
		"HANGUP_SMTP_PORT": strconv.Itoa(sink.Port()), "HANGUP_SMTP_FROM": "Hangup <noreply@hangup.example.org>"}
	code, out, errOut := runCLI(t, "", vars, "report", "--db", db, "--create", "--story", "Fake BT engineer.", "--contact-email", "ann@example.org", "--consent")
	if code != exitOK || !strings.Contains(out, "We emailed the reference and the link to ann@example.org") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	link := regexp.MustCompile(`https://hangup\.example\.org/r/HU-[0-9A-Z-]+`).FindString(out)
	msgs := sink.Wait(1, 5*time.Second)
	if len(msgs) != 1 || link == "" || !strings.Contains(msgs[0].Body, link) {
		t.Fatalf("%d emails; link %q", len(msgs), link)
	}
}

func openTestApp(t *testing.T, db string) *App {
	t.Helper()
	cfg := DefaultConfig()
	cfg.DB = db
	app, err := NewApp(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	return app
}
