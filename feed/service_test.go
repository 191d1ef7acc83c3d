package feed_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/safefetch"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/sqlite"
)

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "hangup.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// listServer serves a hosts-format list on loopback with an ETag, counting
// requests and 304 answers; body and status can be changed between fetches.
type listServer struct {
	*httptest.Server
	body     atomic.Value // string
	status   atomic.Int32
	requests atomic.Int32
	notMod   atomic.Int32
}

func newListServer(t *testing.T, body string) *listServer {
	ls := &listServer{}
	ls.body.Store(body)
	ls.status.Store(200)
	ls.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ls.requests.Add(1)
		if s := int(ls.status.Load()); s != 200 {
			http.Error(w, "broken", s)
			return
		}
		b := ls.body.Load().(string)
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(b)))
		if r.Header.Get("If-None-Match") == etag {
			ls.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 01 Jun 2026 10:00:00 GMT")
		fmt.Fprint(w, b)
	}))
	t.Cleanup(ls.Close)
	return ls
}

// loopbackClient may reach the test server: the one relaxation tests make.
func loopbackClient(timeout time.Duration, maxBytes int64, port int) *safefetch.Client {
	return safefetch.New(safefetch.Config{Timeout: timeout, MaxBytes: maxBytes, MaxRedirects: 3, AllowLoopback: true, Ports: []int{port, 80, 443}})
}

func portOf(t *testing.T, u string) int {
	var p int
	if _, err := fmt.Sscanf(u[strings.LastIndexByte(u, ':')+1:], "%d", &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFeedRefreshOnLoopback(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	srv := newListServer(t, "# test list\n0.0.0.0 micros0ft-help-desk.example\n0.0.0.0 quiet-harbour-bakery.co.uk\n")
	now := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	svc := feed.NewService(db, feed.Config{Client: loopbackClient(2*time.Second, 1<<20, portOf(t, srv.URL)), Now: func() time.Time { return now }})
	f := &hangup.Feed{Name: "test-list", URL: srv.URL + "/hosts.txt", Format: hangup.FeedHosts}
	if err := db.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}

	// First fetch: a new copy, and its sites are flagged with the feed.
	if out, err := svc.Refresh(ctx, f); err != nil || out != feed.Updated {
		t.Fatalf("first refresh: %s, %v", out, err)
	}
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	chk, err := site.New(site.Config{Listings: svc})
	if err != nil {
		t.Fatal(err)
	}
	res, err := chk.CheckSite("https://quiet-harbour-bakery.co.uk/pay")
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != hangup.SiteSuspicious || !res.HasFinding(site.CodeListed) || len(res.Listings) != 1 || res.Listings[0].Source != "test-list" ||
		!res.Listings[0].Since.Equal(now) {
		t.Fatalf("listed site: verdict %q, listings %+v, findings %v", res.Verdict, res.Listings, res.Findings)
	}
	if msg := res.Findings[0].Message; !strings.Contains(msg, "listed by test-list since 2 June 2026") {
		t.Errorf("finding %q does not attribute the feed and date", msg)
	}

	// Second fetch: the server answers 304, the copy stands.
	f, _ = db.FindFeed(ctx, "test-list")
	now = now.Add(7 * time.Hour)
	if out, err := svc.Refresh(ctx, f); err != nil || out != feed.NotModified {
		t.Fatalf("second refresh: %s, %v", out, err)
	}
	if srv.notMod.Load() != 1 {
		t.Errorf("server sent %d 304s, want 1", srv.notMod.Load())
	}

	// A failed fetch keeps the last good copy and records why.
	srv.status.Store(500)
	f, _ = db.FindFeed(ctx, "test-list")
	if out, err := svc.Refresh(ctx, f); err == nil || out != feed.Failed || !strings.Contains(err.Error(), "500") {
		t.Fatalf("refresh of a broken server: %s, %v", out, err)
	}
	f, _ = db.FindFeed(ctx, "test-list")
	if f.LastError == "" || f.Entries != 2 {
		t.Errorf("after a failure: entries %d, last error %q", f.Entries, f.LastError)
	}
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if got := svc.SiteListings("micros0ft-help-desk.example"); len(got) != 1 {
		t.Errorf("a failed refresh lost the old copy: %v", got)
	}

	// A new copy replaces the old, keeping first-seen dates.
	srv.status.Store(200)
	srv.body.Store("0.0.0.0 micros0ft-help-desk.example\n0.0.0.0 new-scam.example\n")
	now = now.Add(7 * time.Hour)
	if out, err := svc.Refresh(ctx, f); err != nil || out != feed.Updated {
		t.Fatalf("third refresh: %s, %v", out, err)
	}
	_ = svc.Load(ctx)
	if got := svc.SiteListings("quiet-harbour-bakery.co.uk"); len(got) != 0 {
		t.Errorf("a name dropped by the feed is still listed: %v", got)
	}
	if got := svc.SiteListings("new-scam.example"); len(got) != 1 || !got[0].Since.Equal(now) {
		t.Errorf("new name: %v", got)
	}

	// Disabled feeds are not used.
	if err := db.SetFeedDisabled(ctx, "test-list", true); err != nil {
		t.Fatal(err)
	}
	_ = svc.Load(ctx)
	if got := svc.SiteListings("new-scam.example"); len(got) != 0 {
		t.Errorf("a disabled feed still lists: %v", got)
	}
}

func TestRefreshDueFetchesOncePerInterval(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	srv := newListServer(t, "0.0.0.0 a-scam.example\n")
	now := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	svc := feed.NewService(db, feed.Config{Interval: time.Hour, Client: loopbackClient(2*time.Second, 1<<20, portOf(t, srv.URL)), Now: func() time.Time { return now }})
	for _, n := range []string{"one", "two"} {
		if err := db.CreateFeed(ctx, &hangup.Feed{Name: n, URL: srv.URL + "/" + n, Format: hangup.FeedHosts}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := svc.RefreshDue(ctx); n != 2 || err != nil {
		t.Fatalf("first round: %d, %v", n, err)
	}
	now = now.Add(30 * time.Minute)
	if n, _ := svc.RefreshDue(ctx); n != 0 {
		t.Errorf("within the interval: %d fetched, want 0", n)
	}
	now = now.Add(31 * time.Minute)
	if n, _ := svc.RefreshDue(ctx); n != 2 {
		t.Errorf("after the interval: %d fetched, want 2", n)
	}
	if srv.notMod.Load() != 2 {
		t.Errorf("%d 304s, want 2", srv.notMod.Load())
	}
}

func TestRefreshRefusesHostileFeeds(t *testing.T) {
	ctx := context.Background()
	huge := strings.Repeat("0.0.0.0 big.example\n", 4000)
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, huge) })
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, _ *http.Request) {
		for range 100 {
			fmt.Fprint(w, huge[:2000])
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "0.0.0.0 a.example\n")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<html><body>"+strings.Repeat("<p>sorry, not found</p>\n", 50)+"</body></html>")
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) })
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	port := portOf(t, srv.URL)
	tests := []struct{ path, want string }{
		{"/huge", "larger than"},
		{"/huge-chunked", "larger than"},
		{"/slow", "did not arrive within"},
		{"/html", "hosts format"},
		{"/binary", "binary"},
		{"/metadata", "refused"},
		{"/loop", "refused"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			db := openStore(t)
			svc := feed.NewService(db, feed.Config{Client: loopbackClient(500*time.Millisecond, 64<<10, port)})
			f := &hangup.Feed{Name: "hostile", URL: srv.URL + tt.path, Format: hangup.FeedHosts}
			if err := db.CreateFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out, err := svc.Refresh(ctx, f)
			if out != feed.Failed || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %s, %v; want a failure saying %q", out, err, tt.want)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("refusing took %v", d)
			}
			got, _ := db.FindFeed(ctx, "hostile")
			if got.LastError == "" || got.Entries != 0 {
				t.Errorf("stored: %+v", got)
			}
		})
	}
	// Without the test relaxation, loopback itself is refused, even on an
	// allowed port.
	db := openStore(t)
	svc := feed.NewService(db, feed.Config{Client: safefetch.New(safefetch.Config{Ports: []int{port}})})
	f := &hangup.Feed{Name: "local", URL: srv.URL + "/huge", Format: hangup.FeedHosts}
	if err := db.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if out, err := svc.Refresh(ctx, f); out != feed.Failed || err == nil || !strings.Contains(err.Error(), "not public") {
		t.Errorf("a loopback feed under the production rules: %s, %v", out, err)
	}
}
