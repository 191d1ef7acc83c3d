package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func sampleFeed(name string) *hangup.Feed {
	return &hangup.Feed{Name: name, URL: "https://lists.example.org/" + name + ".txt", Format: hangup.FeedHosts}
}

func entryNames(es []hangup.FeedEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func testFeeds(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).Feeds
	if s == nil {
		t.Skip("this database has no feed store")
	}
	v0, err := s.FeedsVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fs, err := s.ListFeeds(ctx); err != nil || fs == nil || len(fs) != 0 {
		t.Errorf("empty store: %v %v, want an empty, non-nil list", fs, err)
	}
	f := sampleFeed("scam-list")
	f.CreatedAt = t0
	if err := s.CreateFeed(ctx, f); err != nil || f.ID == 0 {
		t.Fatalf("CreateFeed: id %d, %v", f.ID, err)
	}
	v1, _ := s.FeedsVersion(ctx)
	if v1 == v0 {
		t.Errorf("version %d unchanged after a create", v1)
	}
	if err := s.CreateFeed(ctx, sampleFeed("scam-list")); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("same name twice: %v, want ECONFLICT", err)
	}
	bad := sampleFeed("bad")
	bad.URL = "file:///etc/passwd"
	if err := s.CreateFeed(ctx, bad); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a file: URL: %v, want EINVALID", err)
	}
	bad = sampleFeed("bad")
	bad.Format = "rss"
	if err := s.CreateFeed(ctx, bad); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("an unknown format: %v, want EINVALID", err)
	}
	got, err := s.FindFeed(ctx, "scam-list")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != f.ID || got.URL != f.URL || got.Format != f.Format || !got.CreatedAt.Equal(t0) || got.Disabled ||
		!got.CheckedAt.IsZero() || !got.UpdatedAt.IsZero() || got.Entries != 0 {
		t.Errorf("FindFeed = %+v, want %+v", got, f)
	}
	if _, err := s.FindFeed(ctx, "nobody"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("missing feed: %v, want ENOTFOUND", err)
	}

	// A first fetch stores the copy; a second keeps the first-seen time of
	// names still listed, dates new ones, and drops names gone.
	t1, t2 := t0.Add(time.Hour), t0.Add(48*time.Hour)
	if err := s.SaveFeedFetch(ctx, f.ID, hangup.FeedFetch{At: t1, ETag: `"v1"`, LastModified: "Mon, 01 Jun 2026 10:00:00 GMT",
		Names: []string{"b.example", "a.example"}}); err != nil {
		t.Fatal(err)
	}
	es, err := s.FeedEntries(ctx, f.ID)
	if err != nil || !slices.Equal(entryNames(es), []string{"a.example", "b.example"}) || !es[0].FirstSeen.Equal(t1) {
		t.Fatalf("entries after the first fetch: %+v, %v", es, err)
	}
	v2, _ := s.FeedsVersion(ctx)
	if v2 == v1 {
		t.Error("version unchanged after a fetch")
	}
	if err := s.SaveFeedFetch(ctx, f.ID, hangup.FeedFetch{At: t2, ETag: `"v2"`, Names: []string{"b.example", "c.example"}}); err != nil {
		t.Fatal(err)
	}
	es, _ = s.FeedEntries(ctx, f.ID)
	if !slices.Equal(entryNames(es), []string{"b.example", "c.example"}) || !es[0].FirstSeen.Equal(t1) || !es[1].FirstSeen.Equal(t2) {
		t.Errorf("entries after the second fetch: %+v; want b first seen %v, c %v", es, t1, t2)
	}
	got, _ = s.FindFeed(ctx, "scam-list")
	if got.ETag != `"v2"` || got.LastModified != "" || got.Entries != 2 || !got.UpdatedAt.Equal(t2) || !got.CheckedAt.Equal(t2) || got.LastError != "" {
		t.Errorf("feed after the second fetch: %+v", got)
	}

	// A failure keeps the copy and says why; a 304 clears the error.
	t3 := t2.Add(time.Hour)
	if err := s.SaveFeedCheck(ctx, f.ID, t3, "the feed took too long to answer"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindFeed(ctx, "scam-list")
	if got.LastError == "" || !got.CheckedAt.Equal(t3) || !got.UpdatedAt.Equal(t2) || got.Entries != 2 {
		t.Errorf("feed after a failure: %+v", got)
	}
	if es, _ := s.FeedEntries(ctx, f.ID); len(es) != 2 {
		t.Errorf("a failure changed the entries: %v", es)
	}
	t4 := t3.Add(time.Hour)
	if err := s.SaveFeedCheck(ctx, f.ID, t4, ""); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindFeed(ctx, "scam-list")
	if got.LastError != "" || !got.UpdatedAt.Equal(t4) || got.ETag != `"v2"` {
		t.Errorf("feed after a 304: %+v", got)
	}
	if err := s.SaveFeedCheck(ctx, 99999, t4, ""); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("check of a missing feed: %v, want ENOTFOUND", err)
	}
	if err := s.SaveFeedFetch(ctx, 99999, hangup.FeedFetch{At: t4}); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("fetch of a missing feed: %v, want ENOTFOUND", err)
	}

	// Disable, enable, delete.
	if err := s.SetFeedDisabled(ctx, "scam-list", true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindFeed(ctx, "scam-list"); !got.Disabled {
		t.Error("feed not disabled")
	}
	if err := s.SetFeedDisabled(ctx, "nobody", true); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("disable a missing feed: %v, want ENOTFOUND", err)
	}
	other := sampleFeed("other")
	if err := s.CreateFeed(ctx, other); err != nil {
		t.Fatal(err)
	}
	if fs, _ := s.ListFeeds(ctx); len(fs) != 2 || fs[0].Name != "scam-list" || fs[1].Name != "other" {
		t.Errorf("ListFeeds: %v, want scam-list then other", fs)
	}
	vBefore, _ := s.FeedsVersion(ctx)
	if err := s.DeleteFeed(ctx, "scam-list"); err != nil {
		t.Fatal(err)
	}
	if vAfter, _ := s.FeedsVersion(ctx); vAfter == vBefore {
		t.Error("version unchanged after a delete")
	}
	if es, err := s.FeedEntries(ctx, f.ID); err != nil || len(es) != 0 {
		t.Errorf("entries of a deleted feed: %v %v", es, err)
	}
	if err := s.DeleteFeed(ctx, "scam-list"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("delete twice: %v, want ENOTFOUND", err)
	}
}
