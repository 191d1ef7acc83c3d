package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/postgres/pgtest"
)

// TestAlertPublishedOnOneNodeShowsOnAnother: two nodes on one PostgreSQL
// database; an alert IMEX wrote is published and later withdrawn through
// node A, and node B's checks naming IMEX quote it, then drop it, within a
// second each (the change feed, not a periodic reload).
func TestAlertPublishedOnOneNodeShowsOnAnother(t *testing.T) {
	dsn := pgtest.DSN(t)
	_, a := startNode(t, dsn)
	baseB, b := startNode(t, dsn)
	ctx := context.Background()
	member := &hangup.User{Email: "it@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"}
	analyst := &hangup.User{Email: "analyst@hangup.example", Role: hangup.RoleAnalyst}
	al, err := a.Alerts.Write(ctx, member, alert.Draft{OrganisationID: "imex", Title: "Two-node test: calls in our name", Text: "We never call about viruses."})
	if err != nil {
		t.Fatal(err)
	}
	checkB := func() []*hangup.PublicAlert {
		res, err := b.Checker.Check(ctx, hangup.CheckRequest{Claims: "IMEX", Started: hangup.StartedTheyCalled})
		if err != nil {
			t.Fatal(err)
		}
		return res.Alerts
	}
	if got := checkB(); len(got) != 0 {
		t.Fatalf("node B quotes an unreviewed alert: %v", got)
	}
	start := time.Now()
	if _, err := a.Alerts.Review(ctx, analyst, al.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	d := within(t, "publication", start, func() bool { got := checkB(); return len(got) == 1 && got[0].ID == al.ID })
	t.Logf("node B quoted the published alert after %v", d)
	resp, err := http.Get(baseB + "/organisations/imex")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "We never call about viruses.") {
		t.Error("node B's organisation page does not show the alert")
	}
	start = time.Now()
	if _, err := a.Alerts.Withdraw(ctx, member, al.ID, "over"); err != nil {
		t.Fatal(err)
	}
	within(t, "withdrawal", start, func() bool { return len(checkB()) == 0 })
}
