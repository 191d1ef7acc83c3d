package alert_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/sqlite"
)

var (
	imexMember = &hangup.User{Email: "it@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"}
	hmrcMember = &hangup.User{Email: "fraud@hmrc.example", Role: hangup.RoleOrgAdmin, OrganisationID: "hmrc"}
	analyst    = &hangup.User{Email: "analyst@hangup.example", Role: hangup.RoleAnalyst}
	analyst2   = &hangup.User{Email: "second@hangup.example", Role: hangup.RoleAnalyst}
)

func newService(t *testing.T) (*alert.Service, *sqlite.DB, *time.Time) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "alert.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	s := alert.New(alert.Deps{Store: db, Known: func(id string) bool { return id == "imex" || id == "hmrc" }})
	s.SetClock(func() time.Time { return now })
	return s, db, &now
}

func draft() alert.Draft {
	return alert.Draft{OrganisationID: "imex", Title: "Scammers are calling in our name",
		Text: "People are called by someone who says they are from IMEX.\n\nWe never ask for remote access. Call us on 01234 567890.", Days: 10}
}

func TestAlertIsPublicOnlyFromReviewToExpiry(t *testing.T) {
	ctx := context.Background()
	s, _, now := newService(t)
	a, err := s.Write(ctx, imexMember, draft())
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != hangup.AlertPending || a.AuthorKind != hangup.AuthorOrganisation {
		t.Errorf("a new alert is %s by %s, want pending by the organisation", a.Status, a.AuthorKind)
	}
	if got := s.LiveAlerts("imex", *now); len(got) != 0 {
		t.Fatalf("an alert waiting for review is live: %v", got)
	}
	if _, err := s.Find(ctx, nil, a.ID); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("the public found a pending alert: %v", err)
	}
	if _, err := s.Review(ctx, imexMember, a.ID, true, ""); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("the author's organisation published its own alert: %v", err)
	}
	if _, err := s.Review(ctx, analyst, a.ID, false, ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a rejection without a reason: %v, want EINVALID", err)
	}
	*now = now.Add(2 * time.Hour)
	if a, err = s.Review(ctx, analyst, a.ID, true, "Called IMEX's switchboard to confirm"); err != nil {
		t.Fatal(err)
	}
	if a.PublishedAt == nil || !a.PublishedAt.Equal(*now) {
		t.Errorf("published at %v, want %v", a.PublishedAt, *now)
	}
	if got := s.LiveAlerts("imex", *now); len(got) != 1 || got[0].ID != a.ID {
		t.Fatalf("live alerts about IMEX = %v, want the published one", got)
	}
	if got := s.LiveAlerts("hmrc", *now); len(got) != 0 {
		t.Errorf("IMEX's alert shows for HMRC: %v", got)
	}
	if _, err := s.Find(ctx, nil, a.ID); err != nil {
		t.Errorf("the public can't open a published alert: %v", err)
	}
	// It expires on its own, days after it was written.
	if got := s.LiveAlerts("imex", a.ExpiresAt); len(got) != 0 {
		t.Errorf("an expired alert is live: %v", got)
	}
	if got := s.Live(a.ExpiresAt.Add(-time.Second)); len(got) != 1 {
		t.Errorf("just before its expiry, %d live alerts, want 1", len(got))
	}
}

func TestAlertWithdrawnByItsOrganisationLeavesAtOnce(t *testing.T) {
	ctx := context.Background()
	s, db, now := newService(t)
	a, _ := s.Write(ctx, imexMember, draft())
	if _, err := s.Review(ctx, analyst, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	// Another organisation can neither see its history nor withdraw it.
	if _, err := s.Withdraw(ctx, hmrcMember, a.ID, "not ours"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("HMRC withdrew IMEX's alert: %v, want ENOTFOUND", err)
	}
	if _, err := s.History(ctx, hmrcMember, a); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("HMRC read IMEX's alert history: %v", err)
	}
	if _, err := s.ForOrganisation(ctx, hmrcMember, "imex"); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("HMRC listed IMEX's alerts: %v", err)
	}
	*now = now.Add(time.Hour)
	if _, err := s.Withdraw(ctx, imexMember, a.ID, "The wave is over"); err != nil {
		t.Fatal(err)
	}
	if got := s.LiveAlerts("imex", *now); len(got) != 0 {
		t.Errorf("a withdrawn alert is live: %v", got)
	}
	if _, err := s.Withdraw(ctx, imexMember, a.ID, ""); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("withdrawing twice: %v, want ECONFLICT", err)
	}
	ev, err := s.History(ctx, imexMember, a)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range ev {
		steps = append(steps, e.Actor+" "+e.Label())
	}
	want := "it@imex.example Written and sent for review|analyst@hangup.example Published|it@imex.example Withdrawn"
	if got := strings.Join(steps, "|"); got != want {
		t.Errorf("history = %s\nwant      %s", got, want)
	}
	// A second service on the same database (another node) sees the same.
	other := alert.New(alert.Deps{Store: db})
	if err := other.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if got := other.Live(time.Now()); len(got) != 0 {
		t.Errorf("another node shows a withdrawn alert: %v", got)
	}
}

func TestAnalystAlertNeedsASecondAnalyst(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newService(t)
	a, err := s.Write(ctx, analyst, draft())
	if err != nil {
		t.Fatal(err)
	}
	if a.AuthorKind != hangup.AuthorAnalyst {
		t.Errorf("an analyst's alert is by %s", a.AuthorKind)
	}
	if _, err := s.Review(ctx, analyst, a.ID, true, ""); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("an analyst published their own alert: %v, want ECONFLICT", err)
	}
	if _, err := s.Review(ctx, analyst2, a.ID, false, "Not confirmed yet"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, analyst2, a.ID, true, ""); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("publishing a rejected alert: %v, want ECONFLICT", err)
	}
	if _, err := s.Find(ctx, nil, a.ID); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("the public found a rejected alert: %v", err)
	}
}

func TestAlertWriteRefusesBadInputAndStrangers(t *testing.T) {
	ctx := context.Background()
	s, db, _ := newService(t)
	for _, tc := range []struct {
		name string
		u    *hangup.User
		edit func(*alert.Draft)
		code string
	}{
		{"nobody signed in", nil, nil, hangup.EFORBIDDEN},
		{"a member of another organisation", hmrcMember, nil, hangup.EFORBIDDEN},
		{"a disabled member", &hangup.User{Email: "x@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex", Disabled: true}, nil, hangup.EFORBIDDEN},
		{"an organisation not in the registry", analyst, func(d *alert.Draft) { d.OrganisationID = "imex-support" }, hangup.ENOTFOUND},
		{"no title", imexMember, func(d *alert.Draft) { d.Title = "  " }, hangup.EINVALID},
		{"a title on two lines", imexMember, func(d *alert.Draft) { d.Title = "Scam\nwave" }, hangup.EINVALID},
		{"a title too long", imexMember, func(d *alert.Draft) { d.Title = strings.Repeat("a", alert.MaxTitle+1) }, hangup.ETOOLARGE},
		{"no text", imexMember, func(d *alert.Draft) { d.Text = "" }, hangup.EINVALID},
		{"text too long", imexMember, func(d *alert.Draft) { d.Text = strings.Repeat("word ", alert.MaxText) }, hangup.ETOOLARGE},
		{"invalid UTF-8", imexMember, func(d *alert.Draft) { d.Text = "bad \xff byte" }, hangup.EINVALID},
		{"a control character", imexMember, func(d *alert.Draft) { d.Title = "bell\x07" }, hangup.EINVALID},
		{"too many days", imexMember, func(d *alert.Draft) { d.Days = alert.MaxDays + 1 }, hangup.EINVALID},
		{"negative days", imexMember, func(d *alert.Draft) { d.Days = -3 }, hangup.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := draft()
			if tc.edit != nil {
				tc.edit(&d)
			}
			if _, err := s.Write(ctx, tc.u, d); hangup.ErrorCode(err) != tc.code {
				t.Errorf("Write = %v, want %s", err, tc.code)
			}
		})
	}
	if l, _ := db.ListAlerts(ctx, hangup.AlertFilter{}); len(l) != 0 {
		t.Errorf("refused drafts left %d alerts", len(l))
	}
}
