package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testReputation(t *testing.T, open Opener) {
	ctx := context.Background()

	t.Run("one unit per reporter per period", func(t *testing.T) {
		st := open(t)
		num := "+449061234567"
		for i := range 5 {
			r := sampleReport("HU-REPU-TE0"+string(rune('0'+i)), t0.Add(time.Duration(i)*time.Hour))
			ev := []hangup.Evidence{{Number: num, ReporterKey: "anon:same", Weight: 0.5, At: r.CreatedAt, ReportRef: r.Reference, Source: "web"}}
			if err := st.Reports.CreateReport(ctx, r, nil, []byte(r.Reference), ev); err != nil {
				t.Fatal(err)
			}
		}
		// A different reporter counts; the same one after the period counts.
		other := sampleReport("HU-REPU-TE10", t0)
		if err := st.Reports.CreateReport(ctx, other, nil, []byte("o"), []hangup.Evidence{{Number: num, ReporterKey: "anon:other", Weight: 0.5, At: t0, ReportRef: other.Reference}}); err != nil {
			t.Fatal(err)
		}
		later := sampleReport("HU-REPU-TE11", t0.Add(hangup.EvidencePeriod+time.Hour))
		if err := st.Reports.CreateReport(ctx, later, nil, []byte("l"), []hangup.Evidence{{Number: num, ReporterKey: "anon:same", Weight: 0.5, At: later.CreatedAt, ReportRef: later.Reference}}); err != nil {
			t.Fatal(err)
		}
		var got []hangup.Evidence
		last, err := st.Reputation.EvidenceSince(ctx, 0, func(e hangup.Evidence) error { got = append(got, e); return nil })
		if err != nil || len(got) != 3 || last == 0 {
			t.Fatalf("evidence rows %d (last id %d, %v), want 3: %+v", len(got), last, err, got)
		}
		if ok, _ := st.Reputation.HasRecentEvidence(ctx, num, "anon:same", t0.Add(-time.Hour)); !ok {
			t.Error("HasRecentEvidence missed the reporter's evidence")
		}
		if ok, _ := st.Reputation.HasRecentEvidence(ctx, num, "anon:nobody", t0.Add(-time.Hour)); ok {
			t.Error("HasRecentEvidence found evidence of a stranger")
		}
		// Deleting a report withdraws its evidence with a compensating row,
		// and the slot stays used.
		if err := st.Reports.DeleteReport(ctx, other.Reference, "reporter"); err != nil {
			t.Fatal(err)
		}
		var after []hangup.Evidence
		if _, err := st.Reputation.EvidenceSince(ctx, last, func(e hangup.Evidence) error { after = append(after, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(after) != 1 || after[0].Weight != -0.5 || after[0].ReporterKey != "anon:other" || !after[0].At.Equal(t0) {
			t.Errorf("withdrawal rows %+v, want one compensating row of -0.5 at t0", after)
		}
		again := sampleReport("HU-REPU-TE12", t0.Add(time.Hour))
		if err := st.Reports.CreateReport(ctx, again, nil, []byte("a"), []hangup.Evidence{{Number: num, ReporterKey: "anon:other", Weight: 0.5, At: again.CreatedAt, ReportRef: again.Reference}}); err != nil {
			t.Fatal(err)
		}
		n := 0
		st.Reputation.AllEvidence(ctx, func(hangup.Evidence) error { n++; return nil })
		if n != 4 {
			t.Errorf("a deleted vote was cast again: %d rows, want 4", n)
		}
		if changes, _ := st.Reputation.ReputationChanges(ctx, num, 10); len(changes) == 0 || changes[0].Action != "evidence_withdrawn" {
			t.Errorf("changes %+v, want evidence_withdrawn recorded", changes)
		}
	})

	t.Run("allow list", func(t *testing.T) {
		s := open(t).Reputation
		if err := s.SetAllowed(ctx, "+441793781800", true, "admin@example.org", "our own line"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAllowed(ctx, "+441793781800", true, "admin@example.org", "again"); err != nil {
			t.Fatal(err)
		}
		al, _ := s.AllowList(ctx)
		if al["+441793781800"] != "our own line" || len(al) != 1 {
			t.Errorf("allow list %v", al)
		}
		if err := s.SetAllowed(ctx, "+441793781800", false, "admin@example.org", "mistake"); err != nil {
			t.Fatal(err)
		}
		if al, _ := s.AllowList(ctx); len(al) != 0 {
			t.Errorf("after removal: %v", al)
		}
		changes, _ := s.ReputationChanges(ctx, "+441793781800", 10)
		if len(changes) != 2 || changes[0].Action != "unallow" || changes[1].Action != "allow" || changes[1].Actor != "admin@example.org" {
			t.Errorf("changes %+v, want unallow then allow (newest first), idempotent repeats not recorded", changes)
		}
	})

	t.Run("appeals", func(t *testing.T) {
		s := open(t).Reputation
		a := &hangup.Appeal{Number: "+441134960000", Name: "Bob", Email: "bob@example.org", Statement: "This is my shop's number."}
		if err := s.CreateAppeal(ctx, a); err != nil || a.ID == 0 || a.Status != hangup.AppealOpen {
			t.Fatalf("CreateAppeal: %+v %v", a, err)
		}
		open, _ := s.Appeals(ctx, "", hangup.AppealOpen)
		if len(open) != 1 || open[0].Email != "bob@example.org" {
			t.Errorf("open appeals %+v", open)
		}
		if _, err := s.DecideAppeal(ctx, a.ID, "maybe", "x", ""); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("bad decision: %v", err)
		}
		d, err := s.DecideAppeal(ctx, a.ID, hangup.AppealUpheld, "analyst@example.org", "Registered business line, reports were mistaken.")
		if err != nil || d.Status != hangup.AppealUpheld || d.DecidedAt == nil {
			t.Fatalf("DecideAppeal: %+v %v", d, err)
		}
		if _, err := s.DecideAppeal(ctx, a.ID, hangup.AppealRejected, "x", "y"); hangup.ErrorCode(err) != hangup.ECONFLICT {
			t.Errorf("deciding twice: %v", err)
		}
		if _, err := s.DecideAppeal(ctx, 999999, hangup.AppealRejected, "x", "y"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("missing appeal: %v", err)
		}
		if al, _ := s.AllowList(ctx); al["+441134960000"] == "" {
			t.Error("an upheld appeal did not allow the number")
		}
		got, _ := s.Appeals(ctx, "+441134960000", "")
		if len(got) != 1 || got[0].Decision == "" {
			t.Errorf("appeals for the number: %+v", got)
		}
	})
}
