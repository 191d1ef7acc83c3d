package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/safefetch"
)

func TestFeedsCommandManagesFeeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feeds.db")
	if code, out, errOut := runCLI(t, "", nil, "feeds", "add", "scam-list", "https://lists.example.org/hosts.txt", "--format", "hosts", "--no-fetch", "--db", db); code != exitOK ||
		!strings.Contains(out, `Added feed "scam-list"`) {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "feeds", "add", "scam-list", "https://other.example.org/x", "--format", "domains", "--no-fetch", "--db", db); code == exitOK ||
		!strings.Contains(errOut, "already a feed") {
		t.Errorf("the same name twice: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "feeds", "add", "rss", "https://x.example/feed", "--format", "rss", "--no-fetch", "--db", db); code != exitUsage ||
		!strings.Contains(errOut, "format") {
		t.Errorf("an unknown format: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", nil, "feeds", "add", "local", "file:///etc/hosts", "--format", "hosts", "--no-fetch", "--db", db); code != exitUsage ||
		!strings.Contains(errOut, "http") {
		t.Errorf("a file URL: exit %d, %s", code, errOut)
	}
	if code, out, _ := runCLI(t, "", nil, "feeds", "disable", "scam-list", "--db", db); code != exitOK || !strings.Contains(out, "disabled") {
		t.Errorf("disable: exit %d %s", code, out)
	}
	code, out, _ := runCLI(t, "", nil, "feeds", "list", "--json", "--db", db)
	var feeds []hangup.Feed
	if code != exitOK || json.Unmarshal([]byte(out), &feeds) != nil || len(feeds) != 1 || !feeds[0].Disabled || feeds[0].Format != hangup.FeedHosts {
		t.Errorf("list: exit %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "", nil, "feeds", "enable", "scam-list", "--db", db); code != exitOK || !strings.Contains(out, "enabled") {
		t.Errorf("enable: exit %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "", nil, "feeds", "list", "--db", db); code != exitOK || !strings.Contains(out, "scam-list") || !strings.Contains(out, "never") {
		t.Errorf("list: exit %d %s", code, out)
	}
	// A feed that cannot be fetched (no such host here) is reported, and
	// the command does not fail: the last good copy would stay.
	if code, out, _ := runCLI(t, "", nil, "feeds", "refresh", "scam-list", "--db", db); code != exitOK || !strings.Contains(out, "could not be fetched") {
		t.Errorf("refresh of an unreachable feed: exit %d %s", code, out)
	}
	if code, _, errOut := runCLI(t, "", nil, "feeds", "refresh", "nobody", "--db", db); code == exitOK || !strings.Contains(errOut, "no feed") {
		t.Errorf("refresh of a missing feed: exit %d %s", code, errOut)
	}
	if code, out, _ := runCLI(t, "", nil, "feeds", "remove", "scam-list", "--db", db); code != exitOK || !strings.Contains(out, "removed") {
		t.Errorf("remove: exit %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "", nil, "feeds", "remove", "scam-list", "--db", db); code == exitOK {
		t.Error("removing twice succeeded")
	}
	if code, _, _ := runCLI(t, "", nil, "feeds", "frobnicate", "--db", db); code != exitUsage {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

// TestServedFeedFlagsSitesWithAttribution runs the whole refresh against a
// list served on loopback: added, fetched by the serving App, its sites
// flagged by the API with the feed's name, a second fetch answered 304, a
// failed one keeping the copy.
func TestServedFeedFlagsSitesWithAttribution(t *testing.T) {
	var notModified, failing atomic.Int32
	list := "# a test list\n0.0.0.0 quiet-harbour-bakery.co.uk\n0.0.0.0 pc-fix-desk.example.net\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() == 1 {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, list)
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	base, app := startAppWith(t, func(c *Config) {
		c.feedClient = safefetch.New(safefetch.Config{AllowLoopback: true, Ports: []int{port}, Timeout: 2 * time.Second})
		// The test drives every refresh: the background refresher's first
		// pass could otherwise fetch the new feed before RefreshDue does.
		c.manualFeeds = true
	})
	ctx := context.Background()
	f := &hangup.Feed{Name: "loopback-list", URL: srv.URL + "/hosts.txt", Format: hangup.FeedHosts}
	if err := app.DB.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if n, err := app.Feeds.RefreshDue(ctx); n != 1 || err != nil {
		t.Fatalf("RefreshDue: %d, %v", n, err)
	}
	if err := app.Feeds.Load(ctx); err != nil {
		t.Fatal(err)
	}
	var sc hangup.SiteCheck
	if st := getJSON(t, base+"/api/v1/urls?u=quiet-harbour-bakery.co.uk", &sc); st != 200 {
		t.Fatalf("status %d", st)
	}
	if sc.Verdict != hangup.SiteSuspicious || len(sc.Listings) != 1 || sc.Listings[0].Source != "loopback-list" || !sc.HasFinding("listed_by_feed") {
		t.Fatalf("listed site: %+v", sc)
	}
	if !strings.Contains(sc.Summary, "loopback-list") {
		t.Errorf("summary %q does not name the feed", sc.Summary)
	}
	f, _ = app.DB.FindFeed(ctx, "loopback-list")
	if out, err := app.Feeds.Refresh(ctx, f); out != feed.NotModified || err != nil || notModified.Load() != 1 {
		t.Errorf("second fetch: %s, %v, %d 304s", out, err, notModified.Load())
	}
	failing.Store(1)
	if out, _ := app.Feeds.Refresh(ctx, f); out != feed.Failed {
		t.Errorf("fetch from a failing server: %s", out)
	}
	_ = app.Feeds.Load(ctx)
	getJSON(t, base+"/api/v1/urls?u=pc-fix-desk.example.net", &sc)
	if len(sc.Listings) != 1 {
		t.Errorf("the copy was lost after a failed fetch: %+v", sc.Listings)
	}
	// The command line reads the same copy from the database.
	code, out, _ := runCLI(t, "", nil, "url", "quiet-harbour-bakery.co.uk", "--db", app.cfg.DB)
	if code != exitOK || !strings.Contains(out, "listed by loopback-list since") {
		t.Errorf("hangup url: exit %d\n%s", code, out)
	}
}
