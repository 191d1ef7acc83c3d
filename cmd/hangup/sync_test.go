package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/screen"
)

// exportKey makes an API key with the export scope on app's database.
func exportKey(t *testing.T, app *App) string {
	t.Helper()
	secret, prefix, hash, err := screen.NewKeySecret()
	if err != nil {
		t.Fatal(err)
	}
	k := &hangup.APIKey{Name: "sync", Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy(), Scopes: []string{hangup.ScopeExport}}
	if err := app.DB.CreateAPIKey(context.Background(), k); err != nil {
		t.Fatal(err)
	}
	if err := app.ScreenKeys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

// screenAction screens a call from number on app, as a PBX would.
func screenAction(t *testing.T, app *App, number string) hangup.ScreenAction {
	t.Helper()
	d, err := app.Screen.Screen(context.Background(), hangup.ScreenRequest{From: number, To: "+441632960999"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d.Action
}

// TestSecondHangupBlocksWhatTheFirstListsAndKeepsBlockingWhenItStops runs
// two real Hangups on loopback. The second follows the first (sync_from):
// after reports from accounts make a number scam on the first, the second
// blocks it within one sync interval, and goes on blocking it after the
// first has stopped, also after a restart of its own.
func TestSecondHangupBlocksWhatTheFirstListsAndKeepsBlockingWhenItStops(t *testing.T) {
	const number = "+441216549876"
	const every = 300 * time.Millisecond
	ctx, stopFirst := context.WithCancel(context.Background())
	cfg := DefaultConfig()
	cfg.DB, cfg.RateLimit = filepath.Join(t.TempDir(), "central.db"), 0
	cfg.blocklistMinGap = 10 * time.Millisecond
	first, err := NewApp(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	addr, err := first.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- first.Serve(ctx) }()
	defer func() { stopFirst(); first.Close() }()
	key := exportKey(t, first)

	secondDB := filepath.Join(t.TempDir(), "pbx.db")
	_, second := startAppWith(t, func(c *Config) {
		c.DB, c.SyncFrom, c.SyncKey, c.SyncEvery = secondDB, "http://"+addr.String(), key, every.String()
	})
	if a := screenAction(t, second, number); a == hangup.ActionBlock {
		t.Fatalf("the number is blocked before anyone reported it (%s)", a)
	}
	// Sixteen accounts report it on the first: scam there.
	for i := range 16 {
		r := &hangup.Report{Reference: fmt.Sprintf("HU-SYNC-TE%02d", i), Status: hangup.StatusNew, Source: "web",
			CreatedAt: time.Now(), UpdatedAt: time.Now(), NumberShownE164: number, ReporterKey: fmt.Sprintf("user:%d", i), ReporterWeight: 1}
		ev := []hangup.Evidence{{Number: number, ReporterKey: r.ReporterKey, Weight: 1, At: time.Now(), ReportRef: r.Reference, Source: "web", Category: "tech_support"}}
		if err := first.DB.CreateReport(context.Background(), r, nil, []byte(r.Reference), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Reputation.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if v, _ := first.Reputation.Index().Score(number, time.Now()); v != hangup.RepScam {
		t.Fatalf("16 accounts made the number %s on the first Hangup, want scam", v)
	}
	start := time.Now()
	for screenAction(t, second, number) != hangup.ActionBlock {
		if time.Since(start) > every+every/2 {
			t.Fatalf("the second Hangup did not block the number within one sync interval (%s)", every)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("blocked on the second Hangup %s after the first listed it (sync interval %s)", time.Since(start).Round(time.Millisecond), every)
	rep := second.Reputation.Lookup(number)
	if rep.Listed != "http://"+addr.String() || rep.Verdict != hangup.RepScam {
		t.Errorf("the second Hangup's reputation: %+v", rep)
	}

	// The first stops: the second keeps blocking, sync failing quietly.
	stopFirst()
	if err := <-served; err != nil {
		t.Errorf("first Serve: %v", err)
	}
	time.Sleep(3 * every)
	if a := screenAction(t, second, number); a != hangup.ActionBlock {
		t.Errorf("with the first Hangup stopped the second says %s, want block", a)
	}
	if _, err := second.Syncer.Once(context.Background()); hangup.ErrorCode(err) != hangup.EUNAVAILABLE {
		t.Errorf("a pull from the stopped Hangup: %v, want EUNAVAILABLE", err)
	}
	// And a fresh process over the second's database blocks it from the start.
	cfg2 := DefaultConfig()
	cfg2.DB = secondDB + ".copy"
	if err := second.DB.(*announcing).Database.(interface {
		Backup(context.Context, string) error
	}).Backup(context.Background(), cfg2.DB); err != nil {
		t.Skipf("no backup to restart from: %v", err)
	}
	again, err := NewApp(context.Background(), cfg2, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if a := screenAction(t, again, number); a != hangup.ActionBlock {
		t.Errorf("after a restart, with the central Hangup down: %s, want block", a)
	}
}

// TestSyncCommandPullsOnce runs "hangup sync --once" against a serving
// Hangup and checks what it stored.
func TestSyncCommandPullsOnce(t *testing.T) {
	base, central := startAppWith(t, func(c *Config) { c.blocklistMinGap = time.Millisecond })
	key := exportKey(t, central)
	db := filepath.Join(t.TempDir(), "local.db")
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"sync", "--db", db, "--from", base, "--key", key, "--once"}, strings.NewReader(""), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "whole list at version") {
		t.Fatalf("hangup sync --once: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	code = Run(context.Background(), []string{"sync", "--db", db, "--from", base, "--key", "hk_wrong", "--once"}, strings.NewReader(""), &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), "export scope") {
		t.Errorf("a wrong key: exit %d %s", code, errb.String())
	}
	code = Run(context.Background(), []string{"sync", "--db", db, "--once"}, strings.NewReader(""), &out, &errb)
	if code != exitUsage {
		t.Errorf("without --from: exit %d", code)
	}
	// The blocklist answers the sync with JSON the client reads.
	req, _ := http.NewRequest("GET", base+"/api/v1/blocklist", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || v["snapshot"] != true {
		t.Errorf("blocklist answer %v %v", v, err)
	}
}
