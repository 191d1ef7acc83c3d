package check_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/sqlite"
)

// TestCheckQuotesTheLiveAlertAboutTheClaimedOrganisation: a check naming
// Microsoft carries Microsoft's published alert, a check naming HMRC does
// not, and a shared result keeps no copy of it.
func TestCheckQuotesTheLiveAlertAboutTheClaimedOrganisation(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "alerts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	alerts := alert.New(alert.Deps{Store: db})
	author := &hangup.User{Email: "sec@microsoft.example", Role: hangup.RoleOrgAdmin, OrganisationID: "microsoft"}
	a, err := alerts.Write(ctx, author, alert.Draft{OrganisationID: "microsoft", Title: "Fake Microsoft refund calls", Text: "We never call about refunds."})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t).WithAlerts(alerts)
	req := hangup.CheckRequest{Claims: "Microsoft", Started: hangup.StartedTheyCalled}
	if res := run(t, e, req); len(res.Alerts) != 0 {
		t.Errorf("an alert waiting for review shows on a check: %v", res.Alerts)
	}
	if _, err := alerts.Review(ctx, &hangup.User{Email: "analyst@example.org", Role: hangup.RoleAnalyst}, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	res := run(t, e, req)
	if len(res.Alerts) != 1 || res.Alerts[0].ID != a.ID || res.Alerts[0].Title != a.Title {
		t.Fatalf("alerts on a check naming Microsoft = %v, want the published one", res.Alerts)
	}
	if got := run(t, e, hangup.CheckRequest{Claims: "HMRC", Started: hangup.StartedTheyCalled}); len(got.Alerts) != 0 {
		t.Errorf("Microsoft's alert shows on a check naming HMRC: %v", got.Alerts)
	}
	if sh := check.Shared(req, res, time.Now()); len(sh.Result.Alerts) != 0 {
		t.Errorf("a shared result keeps a copy of the alert: %v", sh.Result.Alerts)
	}
}
