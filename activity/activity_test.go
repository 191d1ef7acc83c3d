package activity_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/activity"
	"github.com/hangup-org/hangup/sqlite"
)

func TestCountsAndChart(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc, err := activity.New(ctx, db, db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	clock := now.AddDate(0, 0, -40)
	svc.SetClock(func() time.Time { return clock })
	const num = "+441632960123"
	svc.Looked(ctx, num, activity.Visitor{Browser: "old"}) // 40 days ago: outside the period
	clock = now.AddDate(0, 0, -29)                         // the first day counted
	svc.Looked(ctx, num, activity.Visitor{Browser: "a"})
	clock = now
	for _, b := range []string{"a", "b", "b", ""} {
		if err := svc.Looked(ctx, num, activity.Visitor{Browser: b, Address: "192.0.2.7"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, addr := range []string{"192.0.2.7", "192.0.2.99", "198.51.100.1"} {
		if _, err := svc.Called(ctx, num, addr); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Called(ctx, "", "192.0.2.7"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("called for no number: %v", err)
	}
	a, err := svc.Counts(ctx, num)
	if err != nil {
		t.Fatal(err)
	}
	if a.Days != 30 || len(a.Daily) != 30 || a.Daily[0].Day != "2026-11-03" || a.Daily[29].Day != "2026-12-02" {
		t.Fatalf("days %d, %d entries, from %s to %s", a.Days, len(a.Daily), a.Daily[0].Day, a.Daily[len(a.Daily)-1].Day)
	}
	// Today: browsers a, b and one without a browser (its network); the
	// first day: a. Called: two networks.
	if a.Lookups != 4 || a.Daily[29].Lookups != 3 || a.Daily[0].Lookups != 1 || a.Called != 2 || a.Reports != 0 {
		t.Errorf("counts %+v", a)
	}
	c := activity.Chart(a, "01632 960123")
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "<svg") || strings.Count(string(svg), "<rect") < 60 || !strings.Contains(string(c.Table()), "3 Nov") {
		t.Errorf("chart:\n%s", svg)
	}
}
