package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/stir/stirtest"
)

func getStatus(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAPIKeyLifecycle: a key made and revoked by the CLI, a separate
// process in real use, works and stops working on a running server within
// a second.
func TestAPIKeyLifecycle(t *testing.T) {
	base, app := startAppWith(t, nil)
	db := app.cfg.DB
	target := base + "/api/v1/screen?from=%2B449061234567&to=%2B442079460000"
	if code, _ := getStatus(t, target, ""); code != 401 {
		t.Fatalf("without a key: %d, want 401", code)
	}
	code, out, errOut := runCLI(t, "", nil, "apikey", "add", "--db", db, "--name", "pbx-london", "--deny", "07400 123456", "--block-at", "90")
	key := strings.TrimSpace(out)
	if code != exitOK || !strings.HasPrefix(key, "hk_") || !strings.Contains(errOut, "shown only now") {
		t.Fatalf("apikey add: exit %d %q %q", code, out, errOut)
	}
	waitStatus(t, target, key, 200)
	_, body := getStatus(t, base+"/api/v1/screen?from=%2B447400123456&to=%2B442079460000", key)
	if !strings.Contains(body, `"action":"block"`) || !strings.Contains(body, "screen.customer_deny") {
		t.Errorf("the key's deny list was not applied: %s", body)
	}
	code, out, _ = runCLI(t, "", nil, "apikey", "list", "--db", db)
	if code != exitOK || !strings.Contains(out, "pbx-london") || !strings.Contains(out, "20/50/90") || strings.Contains(out, key) {
		t.Errorf("apikey list (exit %d):\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", nil, "apikey", "add", "--db", db, "--name", "pbx-london"); code != exitUsage || !strings.Contains(errOut, "already") {
		t.Errorf("duplicate name: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "apikey", "add", "--db", db, "--name", "x", "--label-at", "90"); code != exitUsage || !strings.Contains(errOut, "policy") {
		t.Errorf("thresholds out of order: exit %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", nil, "apikey", "set", "--db", db, "--name", "pbx-london", "--allow-add", "+447400123456", "--deny", ""); code != exitOK {
		t.Errorf("apikey set: exit %d", code)
	}
	if code, out, _ := runCLI(t, "", nil, "apikey", "revoke", "--db", db, "--name", "pbx-london"); code != exitOK || !strings.Contains(out, "revoked") {
		t.Errorf("apikey revoke: exit %d %s", code, out)
	}
	waitStatus(t, target, key, 401)
	if code, _, errOut := runCLI(t, "", nil, "apikey", "revoke", "--db", db, "--name", "nobody"); code != exitUsage || !strings.Contains(errOut, "no API key") {
		t.Errorf("revoking an unknown key: exit %d %q", code, errOut)
	}
}

func waitStatus(t *testing.T, url, key string, want int) {
	t.Helper()
	start := time.Now()
	for {
		code, body := getStatus(t, url, key)
		if code == want {
			return
		}
		if time.Since(start) > 1500*time.Millisecond {
			t.Fatalf("still %d (%s) %s after the change, want %d", code, body, time.Since(start), want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestScreenEndToEnd: the running server's screening answers, a new
// report reaching screening within a second, keys switched off, and the
// FastAGI server of "serve --agi".
func TestScreenEndToEnd(t *testing.T) {
	const metricsKey = "prometheus-scrapes-with-this"
	base, app := startAppWith(t, func(c *Config) { c.ScreenKeys = false; c.AGI = "127.0.0.1:0"; c.MetricsKey = metricsKey })
	caller := "%2B447400246810"
	target := base + "/api/v1/screen?from=" + caller + "&to=%2B442079460000"
	if code, body := getStatus(t, target, ""); code != 200 || !strings.Contains(body, `"action":"allow"`) {
		t.Fatalf("keys off: %d %s", code, body)
	}
	// Thirty people report the number; screening blocks it within 1 s.
	ctx := context.Background()
	var rs []*hangup.Report
	var evs [][]hangup.Evidence
	now := time.Now()
	for i := range 30 {
		ref := fmt.Sprintf("HU-E2ES-%04d", i)
		rs = append(rs, &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "test", SourceRef: ref, CreatedAt: now, UpdatedAt: now,
			Country: "GB", NumberShown: "+447400246810", NumberShownE164: "+447400246810", Verdict: hangup.VerdictScam, ScamType: hangup.ScamTechSupport,
			ReporterKey: fmt.Sprintf("acct:%d", i), ReporterWeight: 1})
		evs = append(evs, []hangup.Evidence{{Number: "+447400246810", ReporterKey: fmt.Sprintf("acct:%d", i), Weight: 1, At: now, ReportRef: ref, Source: "test"}})
	}
	start := time.Now()
	if _, _, err := app.DB.CreateReports(ctx, rs, evs); err != nil {
		t.Fatal(err)
	}
	for {
		_, body := getStatus(t, target, "")
		if strings.Contains(body, `"action":"block"`) && strings.Contains(body, "screen.reputation_scam") {
			break
		}
		if time.Since(start) > time.Second {
			t.Fatalf("reports did not reach screening within 1 s: %s", body)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Metrics count what was decided.
	if code, body := getStatus(t, base+"/metrics", metricsKey); code != 200 || !strings.Contains(body, `hangup_screen_decisions_total{action="block",reason="screen.reputation_scam"}`) {
		t.Errorf("/metrics: %d\n%.500s", code, body)
	}
	// FastAGI, as Asterisk speaks it.
	c, err := net.DialTimeout("tcp", app.AGIAddr().String(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprint(c, "agi_network: yes\nagi_network_script: screen\nagi_callerid: +447400246810\nagi_dnid: 02079460000\nagi_extension: s\n\n")
	r := bufio.NewReader(c)
	vars := map[string]string{}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			break
		}
		rest, _ := strings.CutPrefix(strings.TrimSpace(line), "SET VARIABLE ")
		k, v, _ := strings.Cut(rest, " ")
		vars[k] = strings.Trim(v, `"`)
		fmt.Fprint(c, "200 result=1\n")
	}
	if vars["HANGUP_ACTION"] != "block" || vars["HANGUP_LABEL"] != "Suspected scam" || vars["HANGUP_REASON"] != "screen.reputation_scam" {
		t.Errorf("FastAGI variables %v", vars)
	}
}

func TestCLIScreen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := runCLI(t, "", nil, "screen", "--db", db, "--from", "0906 123 4567", "--to", "020 7946 0000", "--json")
	var d hangup.Decision
	if code != exitOK || json.Unmarshal([]byte(out), &d) != nil || d.Action != hangup.ActionBlock || d.SIP.Code != 603 {
		t.Fatalf("exit %d %s %s", code, out, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("hangup screen created a database")
	}
	// IMEX's published line is one people call it on: labelled as its
	// line, with the advice to call back, never "(verified)".
	code, out, _ = runCLI(t, "", nil, "screen", "--db", db, "--from", "01793 781800", "--to", "020 7946 0000")
	if code != exitOK || !strings.HasPrefix(out, "LABEL: IMEX line? Call back to check\n") {
		t.Errorf("human output (exit %d):\n%s", code, out)
	}
	// An Identity header without trust anchors: not verified, and says why.
	code, out, _ = runCLI(t, "", nil, "screen", "--db", db, "--from", "+447400123456", "--to", "+442079460000", "--identity", "a.b.c;info=<https://x.example/c.pem>", "--json")
	if code != exitOK || !strings.Contains(out, `"verstat": "No-TN-Validation"`) || !strings.Contains(out, "screen.stir_no_trust_anchors") {
		t.Errorf("identity without anchors (exit %d):\n%s", code, out)
	}
	// With trust anchors, a hostile x5u (loopback) is refused, not fetched.
	dir := t.TempDir()
	ca := stirtest.NewCA(t)
	sp := ca.IssueSP("1", stirtest.SPOptions{})
	anchors := filepath.Join(dir, "anchors.pem")
	os.WriteFile(anchors, ca.PEM(), 0o644)
	hostile := sp.Identity(stirtest.Claims{Orig: "447400123456", Dest: []string{"442079460000"}}, "https://127.0.0.1:8443/cert.pem")
	code, out, _ = runCLI(t, "", nil, "screen", "--db", db, "--stir-trust-anchors", anchors, "--from", "+447400123456", "--to", "+442079460000", "--identity", hostile, "--json")
	if code != exitOK || !strings.Contains(out, `"verstat": "TN-Validation-Failed"`) || !strings.Contains(out, "stir.x5u_refused") {
		t.Errorf("loopback x5u (exit %d):\n%s", code, out)
	}
	private := sp.Identity(stirtest.Claims{Orig: "447400123456", Dest: []string{"442079460000"}}, "https://10.1.2.3/cert.pem")
	code, out, _ = runCLI(t, "", nil, "screen", "--db", db, "--stir-trust-anchors", anchors, "--from", "+447400123456", "--to", "+442079460000", "--identity", private, "--json")
	if code != exitOK || !strings.Contains(out, "stir.x5u_refused") {
		t.Errorf("private-address x5u (exit %d):\n%s", code, out)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing to screen", []string{"screen", "--db", db}, "--from"},
		{"stray argument", []string{"screen", "--db", db, "--from", "1", "2"}, "flags only"},
		{"missing anchors", []string{"screen", "--db", db, "--from", "1", "--stir-trust-anchors", filepath.Join(dir, "nope.pem")}, "stir-trust-anchors"},
		{"anchors without certificates", []string{"screen", "--db", db, "--from", "1", "--stir-trust-anchors", dir + "/empty"}, "stir-trust-anchors"},
		{"bad --agi", []string{"serve", "--db", db, "--agi", "a:b:c"}, "agi"},
		{"bad --screen-keys", []string{"serve", "--db", db, "--screen-keys", "maybe"}, "screen-keys"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "anchors without certificates" {
				os.Mkdir(dir+"/empty", 0o755)
			}
			code, _, errOut := runCLI(t, "", nil, tc.args...)
			if code != exitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

func TestAGIAddr(t *testing.T) {
	for in, want := range map[string]string{":4573": ":4573", "127.0.0.1": "127.0.0.1:4573", "[::1]": "[::1]:4573", "0.0.0.0:5000": "0.0.0.0:5000"} {
		if got := agiAddr(in); got != want {
			t.Errorf("agiAddr(%q) = %q, want %q", in, got, want)
		}
	}
}
