package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

// TestCLIURL is the acceptance trio on the command line.
func TestCLIURL(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, tc := range []struct {
		addr    string
		verdict hangup.SiteVerdict
		brand   string
	}{
		{"go to micros0ft-support dot com", hangup.SiteImpersonation, "Microsoft"},
		{"anydesk.com", hangup.SiteRemoteAccessTool, ""},
		{"support.microsoft.com", hangup.SiteOfficial, "Microsoft"},
	} {
		code, out, errOut := runCLI(t, "", nil, "url", "--db", db, tc.addr, "--json")
		var sc hangup.SiteCheck
		if code != exitOK || json.Unmarshal([]byte(out), &sc) != nil || sc.Verdict != tc.verdict || (tc.brand != "" && sc.Brand != tc.brand) {
			t.Errorf("%s: exit %d %s %s (%s)", tc.addr, code, sc.Verdict, sc.Brand, errOut)
		}
	}
	code, out, _ := runCLI(t, "", nil, "url", "--db", db, "anydesk.com")
	if code != exitOK || !strings.HasPrefix(out, "REMOTE-ACCESS TOOL") {
		t.Errorf("human output: %s", out)
	}
	in := `{"id":"a","text":"anydesk.com"}` + "\n" + `not json` + "\n" + `{"id":"c","text":"support.microsoft.com"}` + "\n"
	code, out, _ = runCLI(t, in, nil, "url", "--db", db, "--jsonl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 || !strings.Contains(lines[1], `"error"`) || !strings.Contains(lines[2], `"official"`) {
		t.Errorf("--jsonl: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", nil, "url", "--db", db, "http://exa mple\x00.com"); code != exitUsage {
		t.Errorf("bad address: exit %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "eval-urls", "--db", db)
	if code != exitOK || !strings.Contains(out, "targets: met") {
		t.Errorf("eval-urls: exit %d\n%s", code, out)
	}
}

// TestCLIURLSaysWhatReportsSay: `hangup url` reads what reports and
// analysts say about websites from the database, in plain words.
func TestCLIURLSaysWhatReportsSay(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sites.db")
	app := openTestApp(t, db)
	const reported, confirmed = "tech-help-desk.online", "secure-refund-portal.top"
	for i := range 10 {
		if _, err := app.Reports.Submit(t.Context(), hangup.ReportInput{Website: "https://" + reported + "/"},
			report.Reporter{Address: fmt.Sprintf("198.51.%d.9", i), Source: "cli"}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := app.Reputation.DecideSite(t.Context(), confirmed, hangup.SiteConfirmed, "ana@example.org", "fake refund page"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", nil, "url", "--db", db, reported)
	if code != exitOK || !strings.HasPrefix(out, "SUSPICIOUS") || !strings.Contains(out, "reported by 10 people") {
		t.Errorf("reported site: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", nil, "url", "--db", db, "https://login."+confirmed+"/")
	if code != exitOK || !strings.HasPrefix(out, "SUSPICIOUS") || !strings.Contains(out, "by a Hangup analyst") {
		t.Errorf("confirmed site: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "url", "--db", db, "--json", reported)
	var sc hangup.SiteCheck
	if code != exitOK || json.Unmarshal([]byte(out), &sc) != nil || len(sc.Listings) != 1 || sc.Listings[0].Kind != hangup.ListingReports {
		t.Errorf("--json: exit %d %s", code, out)
	}
}
