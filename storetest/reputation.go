package storetest

import (
	"context"
	"strings"
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

	t.Run("websites: evidence beside numbers, one unit per reporter, withdrawn on deletion", func(t *testing.T) {
		st := open(t)
		const d = "pc-help-desk.online"
		var refs []string
		for i := range 4 {
			r := sampleReport("HU-SITE-TE0"+string(rune('0'+i)), t0.Add(time.Duration(i)*time.Hour))
			ev := []hangup.Evidence{
				{Number: r.NumberShownE164, ReporterKey: "anon:same", Weight: 0.5, At: r.CreatedAt, ReportRef: r.Reference, Source: "web"},
				{Domain: d, ReporterKey: "anon:same", Weight: 0.5, At: r.CreatedAt, ReportRef: r.Reference, Source: "web", Category: "tech_support"},
			}
			if err := st.Reports.CreateReport(ctx, r, nil, []byte(r.Reference), ev); err != nil {
				t.Fatal(err)
			}
			refs = append(refs, r.Reference)
		}
		other := sampleReport("HU-SITE-TE10", t0)
		if err := st.Reports.CreateReport(ctx, other, nil, []byte("o"), []hangup.Evidence{{Domain: d, ReporterKey: "user:7", Weight: 1, At: t0, ReportRef: other.Reference}}); err != nil {
			t.Fatal(err)
		}
		var got []hangup.Evidence
		last, err := st.Reputation.EvidenceSince(ctx, 0, func(e hangup.Evidence) error { got = append(got, e); return nil })
		if err != nil {
			t.Fatal(err)
		}
		sites, numbers := 0, 0
		for _, e := range got {
			switch {
			case e.Domain == d && e.Number == "":
				sites++
			case e.Number == "+449061234567" && e.Domain == "":
				numbers++
			default:
				t.Errorf("evidence row %+v", e)
			}
		}
		if sites != 2 || numbers != 1 {
			t.Fatalf("%d website and %d number rows, want 2 and 1 (one per reporter): %+v", sites, numbers, got)
		}
		// The number's evidence and the site's are apart: the same reporter
		// about the site doesn't use the number's slot.
		if ok, _ := st.Reputation.HasRecentEvidence(ctx, hangup.SiteSubject(d), "anon:same", t0.Add(-time.Hour)); !ok {
			t.Error("HasRecentEvidence missed the website evidence")
		}
		if err := st.Reports.DeleteReport(ctx, refs[0], "reporter"); err != nil {
			t.Fatal(err)
		}
		var after []hangup.Evidence
		if _, err := st.Reputation.EvidenceSince(ctx, last, func(e hangup.Evidence) error { after = append(after, e); return nil }); err != nil {
			t.Fatal(err)
		}
		withdrawnSite := false
		for _, e := range after {
			withdrawnSite = withdrawnSite || (e.Domain == d && e.Weight == -0.5 && e.Withdrawn)
		}
		if len(after) != 2 || !withdrawnSite {
			t.Errorf("withdrawal rows %+v, want the number's and the website's", after)
		}
		changes, err := st.Reputation.SiteChanges(ctx, d, 0)
		if err != nil || len(changes) != 1 || changes[0].Action != "evidence_withdrawn" || changes[0].Domain != d {
			t.Errorf("website audit after a deletion: %+v %v", changes, err)
		}
	})

	t.Run("analysts' decisions about websites", func(t *testing.T) {
		s := open(t).Reputation
		const d = "fake-bank-login.top"
		if got, err := s.SiteDecisions(ctx); err != nil || len(got) != 0 {
			t.Fatalf("SiteDecisions on an empty store: %v %v", got, err)
		}
		if err := s.DecideSite(ctx, d, "blocked", "a@example.org", "x"); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("an unknown decision: %v", err)
		}
		if err := s.DecideSite(ctx, d, hangup.SiteConfirmed, "a@example.org", "fake login page"); err != nil {
			t.Fatal(err)
		}
		if err := s.DecideSite(ctx, d, hangup.SiteConfirmed, "b@example.org", "again"); err != nil {
			t.Fatal(err)
		}
		got, err := s.SiteDecisions(ctx)
		if err != nil || got[d].Decision != hangup.SiteConfirmed || got[d].Actor != "a@example.org" || got[d].Reason != "fake login page" || got[d].At.IsZero() {
			t.Errorf("after confirming: %+v %v", got, err)
		}
		if err := s.DecideSite(ctx, d, hangup.SiteCleared, "b@example.org", "a real bank's new site"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.SiteDecisions(ctx); got[d].Decision != hangup.SiteCleared || got[d].Actor != "b@example.org" {
			t.Errorf("after clearing: %+v", got)
		}
		if err := s.DecideSite(ctx, d, "", "c@example.org", "let the reports speak"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.SiteDecisions(ctx); len(got) != 0 {
			t.Errorf("after withdrawing the decision: %+v", got)
		}
		if err := s.DecideSite(ctx, "other.example", hangup.SiteCleared, "c@example.org", "x"); err != nil {
			t.Fatal(err)
		}
		changes, err := s.SiteChanges(ctx, d, 0)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, c := range changes {
			actions = append(actions, c.Action+":"+c.Actor)
		}
		if want := "undecide:c@example.org clear:b@example.org confirm:a@example.org"; strings.Join(actions, " ") != want {
			t.Errorf("audit %q, want %q (newest first, a repeat records nothing)", strings.Join(actions, " "), want)
		}
		if all, _ := s.SiteChanges(ctx, "", 0); len(all) != 4 {
			t.Errorf("all website changes: %d, want 4", len(all))
		}
		if two, _ := s.SiteChanges(ctx, "", 2); len(two) != 2 {
			t.Errorf("limit 2 gave %d", len(two))
		}
	})
}
