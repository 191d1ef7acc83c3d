package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// sampleAlert is an alert as an organisation writes one.
func sampleAlert(org string, at time.Time) *hangup.PublicAlert {
	return &hangup.PublicAlert{OrganisationID: org, Title: "Scammers are calling in our name",
		Text:   "People are being called by someone saying they are from us.\n\nWe never call to ask for remote access.",
		Author: "it@imex.example", AuthorKind: hangup.AuthorOrganisation, Status: hangup.AlertPending,
		CreatedAt: at, UpdatedAt: at, ExpiresAt: at.Add(30 * 24 * time.Hour)}
}

func testAlerts(t *testing.T, open Opener) {
	db := open(t).Alerts
	if db == nil {
		t.Skip("this store keeps no alerts")
	}
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	a := sampleAlert("imex", at)
	if err := db.CreateAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 {
		t.Fatal("CreateAlert set no ID")
	}
	other := sampleAlert("hmrc", at.Add(time.Minute))
	if err := db.CreateAlert(ctx, other); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindAlert(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.Text != a.Text || got.Author != a.Author || got.AuthorKind != a.AuthorKind || got.Status != hangup.AlertPending ||
		!got.CreatedAt.Equal(at) || !got.ExpiresAt.Equal(a.ExpiresAt) || got.PublishedAt != nil || got.OrganisationID != "imex" {
		t.Errorf("FindAlert = %+v, want %+v", got, a)
	}
	if _, err := db.FindAlert(ctx, a.ID+1000); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("an unknown alert: %v, want ENOTFOUND", err)
	}

	// Nothing is live before an analyst publishes it.
	if live, err := db.ListAlerts(ctx, hangup.AlertFilter{LiveAt: at}); err != nil || len(live) != 0 {
		t.Errorf("live alerts before review = %d, %v; want none", len(live), err)
	}
	pub := at.Add(time.Hour)
	if err := db.SetAlertStatus(ctx, a.ID, hangup.AlertPending, hangup.AlertPublished, "analyst@example.org", "checked with IMEX", pub); err != nil {
		t.Fatal(err)
	}
	// A second reviewer acting on the old status is told someone else did.
	if err := db.SetAlertStatus(ctx, a.ID, hangup.AlertPending, hangup.AlertRejected, "other@example.org", "", pub); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("reviewing a published alert as pending: %v, want ECONFLICT", err)
	}
	if err := db.SetAlertStatus(ctx, 99999, hangup.AlertPending, hangup.AlertPublished, "x", "", pub); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("reviewing an unknown alert: %v, want ENOTFOUND", err)
	}
	got, _ = db.FindAlert(ctx, a.ID)
	if got.Status != hangup.AlertPublished || got.PublishedAt == nil || !got.PublishedAt.Equal(pub) || got.ReviewedBy != "analyst@example.org" || !got.Live(pub) {
		t.Errorf("after publishing: %+v", got)
	}
	live, err := db.ListAlerts(ctx, hangup.AlertFilter{LiveAt: pub})
	if err != nil || len(live) != 1 || live[0].ID != a.ID {
		t.Errorf("live alerts = %v, %v; want only %d", live, err, a.ID)
	}
	if live, _ := db.ListAlerts(ctx, hangup.AlertFilter{LiveAt: a.ExpiresAt}); len(live) != 0 {
		t.Errorf("live alerts at the expiry = %d, want none", len(live))
	}
	if l, _ := db.ListAlerts(ctx, hangup.AlertFilter{OrganisationID: "hmrc"}); len(l) != 1 || l[0].ID != other.ID {
		t.Errorf("HMRC's alerts = %v, want only %d", l, other.ID)
	}
	if l, _ := db.ListAlerts(ctx, hangup.AlertFilter{Status: hangup.AlertPending}); len(l) != 1 || l[0].ID != other.ID {
		t.Errorf("pending alerts = %v, want only %d", l, other.ID)
	}
	if l, _ := db.ListAlerts(ctx, hangup.AlertFilter{}); len(l) != 2 || l[0].ID != a.ID {
		t.Errorf("all alerts = %v, want 2, the published one first (newest publication)", l)
	}
	wd := pub.Add(time.Hour)
	if err := db.SetAlertStatus(ctx, a.ID, hangup.AlertPublished, hangup.AlertWithdrawn, "it@imex.example", "the wave is over", wd); err != nil {
		t.Fatal(err)
	}
	if live, _ := db.ListAlerts(ctx, hangup.AlertFilter{LiveAt: wd}); len(live) != 0 {
		t.Errorf("live alerts after withdrawal = %d, want none", len(live))
	}
	ev, err := db.AlertEvents(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 3 || ev[0].Kind != "created" || ev[0].Actor != "it@imex.example" || ev[1].ToStatus != hangup.AlertPublished ||
		ev[1].Actor != "analyst@example.org" || ev[1].Note != "checked with IMEX" || ev[2].FromStatus != hangup.AlertPublished ||
		ev[2].ToStatus != hangup.AlertWithdrawn || !ev[2].At.Equal(wd) {
		t.Errorf("history = %+v", ev)
	}
}

func testWebhooks(t *testing.T, open Opener) {
	db := open(t).Webhooks
	if db == nil {
		t.Skip("this store keeps no webhooks")
	}
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	w := &hangup.Webhook{OrganisationID: "imex", Kind: hangup.WebhookURL, Target: "https://hooks.imex.example/hangup", Secret: "c2VjcmV0",
		Threshold: 5, CreatedBy: "it@imex.example", CreatedAt: at}
	if err := db.CreateWebhook(ctx, w); err != nil || w.ID == 0 {
		t.Fatalf("CreateWebhook: id %d, %v", w.ID, err)
	}
	mail := &hangup.Webhook{OrganisationID: "hmrc", Kind: hangup.WebhookEmail, Target: "fraud@hmrc.example", Threshold: 10, CreatedBy: "x@hmrc.example", CreatedAt: at}
	if err := db.CreateWebhook(ctx, mail); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindWebhook(ctx, w.ID)
	if err != nil || got.Target != w.Target || got.Secret != w.Secret || got.Threshold != 5 || got.Kind != hangup.WebhookURL || !got.CreatedAt.Equal(at) {
		t.Errorf("FindWebhook = %+v, %v", got, err)
	}
	if l, _ := db.ListWebhooks(ctx, "imex"); len(l) != 1 || l[0].ID != w.ID {
		t.Errorf("IMEX's webhooks = %v", l)
	}
	if l, _ := db.ListWebhooks(ctx, ""); len(l) != 2 {
		t.Errorf("every webhook = %d, want 2", len(l))
	}
	d := &hangup.WebhookDelivery{WebhookID: w.ID, EventKey: "number:+442034567895", Event: hangup.EventNewNumber,
		Payload: []byte(`{"event":"number.impersonating"}`), NextAttemptAt: at, CreatedAt: at}
	if ok, err := db.EnqueueDelivery(ctx, d); !ok || err != nil || d.ID == 0 {
		t.Fatalf("EnqueueDelivery = %v, %v (id %d)", ok, err, d.ID)
	}
	// The same event again (another node found it too) stores nothing.
	again := *d
	again.ID = 0
	if ok, err := db.EnqueueDelivery(ctx, &again); ok || err != nil {
		t.Errorf("enqueueing the same event twice = %v, %v; want false, nil", ok, err)
	}
	if c, _ := db.ClaimDeliveries(ctx, at.Add(-time.Second), time.Minute, 10); len(c) != 0 {
		t.Errorf("claimed %d deliveries before they were due", len(c))
	}
	claimed, err := db.ClaimDeliveries(ctx, at, time.Minute, 10)
	if err != nil || len(claimed) != 1 || string(claimed[0].Payload) != string(d.Payload) || claimed[0].Status != hangup.DeliveryPending {
		t.Fatalf("ClaimDeliveries = %v, %v", claimed, err)
	}
	// Claimed: another node does not get it within the lease.
	if c, _ := db.ClaimDeliveries(ctx, at.Add(30*time.Second), time.Minute, 10); len(c) != 0 {
		t.Errorf("a claimed delivery was claimed again within its lease")
	}
	c := claimed[0]
	last := at.Add(time.Second)
	c.Attempts, c.Status, c.ResponseStatus, c.LastError, c.LastAttemptAt, c.NextAttemptAt = 1, hangup.DeliveryPending, 503, "HTTP 503", &last, at.Add(10*time.Second)
	if err := db.RecordDeliveryAttempt(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.ClaimDeliveries(ctx, at.Add(10*time.Second), time.Minute, 10); len(c) != 1 || c[0].Attempts != 1 {
		t.Errorf("the retry was not claimable when due: %v", c)
	}
	c.Status, c.Attempts, c.ResponseStatus, c.LastError = hangup.DeliveryDelivered, 2, 200, ""
	if err := db.RecordDeliveryAttempt(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.ClaimDeliveries(ctx, at.Add(time.Hour), time.Minute, 10); len(c) != 0 {
		t.Errorf("a delivered notice was claimed again")
	}
	log, err := db.ListDeliveries(ctx, w.ID, 10)
	if err != nil || len(log) != 1 || log[0].Status != hangup.DeliveryDelivered || log[0].Attempts != 2 || log[0].ResponseStatus != 200 || log[0].LastAttemptAt == nil {
		t.Errorf("delivery log = %+v, %v", log, err)
	}
	if err := db.RecordDeliveryAttempt(ctx, &hangup.WebhookDelivery{ID: 99999, NextAttemptAt: at}); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("recording an unknown delivery: %v, want ENOTFOUND", err)
	}
	if err := db.DeleteWebhook(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteWebhook(ctx, w.ID); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("deleting twice: %v, want ENOTFOUND", err)
	}
	if log, _ := db.ListDeliveries(ctx, w.ID, 10); len(log) != 0 {
		t.Errorf("the delivery log outlived its webhook: %d rows", len(log))
	}
}
