package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// sampleShared is a shared check as the web pages keep one.
func sampleShared(id string, at time.Time) *hangup.SharedCheck {
	return &hangup.SharedCheck{ID: id, CreatedAt: at, ExpiresAt: at.Add(30 * 24 * time.Hour),
		Request: hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft", Started: hangup.StartedTheyCalled,
			Asked: []hangup.Ask{hangup.AskInstall, hangup.AskRemoteAccess}, Website: "anydesk.com"},
		Result: hangup.CheckResult{Verdict: hangup.CheckStop, Summary: "This is not how Microsoft behaves.", Started: hangup.StartedTheyCalled,
			NumberStatus: hangup.NumberNotOfficial, NextSteps: []string{"Hang up now."},
			Reasons:  []hangup.Reason{{Code: "check.policy.no_remote_access", Severity: hangup.SeverityHigh, Message: "Microsoft says: “…”", Source: "https://support.microsoft.com/"}},
			CallBack: &hangup.CallBack{URL: "https://support.microsoft.com/contactus", Label: "Contact Microsoft", Organisation: "Microsoft"}}}
}

func testSharedChecks(t *testing.T, open Opener) {
	db := open(t).SharedChecks
	if db == nil {
		t.Skip("this store keeps no shared checks")
	}
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	c := sampleShared("7K3MQ9TXAB", at)
	if err := db.SaveSharedCheck(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindSharedCheck(ctx, c.ID, at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(c.CreatedAt) || !got.ExpiresAt.Equal(c.ExpiresAt) || !reflect.DeepEqual(got.Request, c.Request) || !reflect.DeepEqual(got.Result, c.Result) {
		t.Errorf("FindSharedCheck = %+v\nwant %+v", got, c)
	}
	if err := db.SaveSharedCheck(ctx, sampleShared(c.ID, at)); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("saving the same ID twice: %v, want ECONFLICT", err)
	}
	if _, err := db.FindSharedCheck(ctx, "NOSUCHCHECK", at); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("an unknown ID: %v, want ENOTFOUND", err)
	}
	// Past its 30 days it is gone, whether or not it was deleted yet.
	if _, err := db.FindSharedCheck(ctx, c.ID, c.ExpiresAt); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("an expired check: %v, want ENOTFOUND", err)
	}
	// Saving a newer check deletes the expired ones; so does the sweep.
	later := sampleShared("NEWERCHECK", c.ExpiresAt.Add(time.Minute))
	if err := db.SaveSharedCheck(ctx, later); err != nil {
		t.Fatal(err)
	}
	if n, err := db.DeleteExpiredSharedChecks(ctx, c.ExpiresAt.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("sweep after a save: deleted %d, %v; want 0 (the save removed it)", n, err)
	}
	if n, err := db.DeleteExpiredSharedChecks(ctx, later.ExpiresAt.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("sweep: deleted %d, %v; want 1", n, err)
	}
}
