package report_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
)

const listedNumber = "+449061234567"

func (f *fixture) scamReports(t *testing.T, accounts, networks int) {
	t.Helper()
	in := hangup.ReportInput{NumberShown: "0906 123 4567", Story: "They said my computer had a virus."}
	for i := range accounts {
		if _, err := f.svc.Submit(context.Background(), in, report.Reporter{User: &hangup.User{ID: int64(1000 + i)}}, ""); err != nil {
			t.Fatal(err)
		}
	}
	for i := range networks {
		if _, err := f.svc.Submit(context.Background(), in, report.Reporter{Address: fmt.Sprintf("10.%d.%d.1", i/250, i%250)}, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *fixture) genuine(t *testing.T, who report.Reporter) bool {
	t.Helper()
	ok, err := f.svc.Genuine(context.Background(), "0906 123 4567", who)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestAnonymousGenuineNeverLiftsAListing: however many networks say a
// scam number is genuine, it stays scam (and blocks); they mark it
// disputed for an analyst. Accounts saying so can lift it.
func TestAnonymousGenuineNeverLiftsAListing(t *testing.T) {
	f := newFixture(t)
	f.scamReports(t, 16, 0)
	if r := f.rep.Lookup(listedNumber); r.Verdict != hangup.RepScam || r.Disputed {
		t.Fatalf("16 accounts: %+v", r)
	}
	for i := range 500 {
		if !f.genuine(t, report.Reporter{Address: fmt.Sprintf("172.16.%d.%d", i/200, i%200*1), Browser: "x"}) && i%200 == 0 {
			t.Fatalf("genuine from a new network %d did not count", i)
		}
	}
	r := f.rep.Lookup(listedNumber)
	if v, _ := f.rep.Index().Score(listedNumber, time.Now()); r.Verdict != hangup.RepScam || v != hangup.RepScam {
		t.Errorf("after anonymous genuine evidence: Lookup %s, Score %s; want scam", r.Verdict, v)
	}
	if !r.Disputed || r.Genuine != 3 {
		t.Errorf("disputed %v, genuine %d; want disputed by the 3 networks (/24s) that said genuine", r.Disputed, r.Genuine)
	}
	// A fresh index built from the database (a restart, another node) agrees.
	again := reputation.New(reputation.DefaultConfig(), f.db)
	if err := again.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if a := again.Lookup(listedNumber); a.Verdict != hangup.RepScam || !a.Disputed || a.Genuine != 3 {
		t.Errorf("after a reload: %+v", a)
	}
	// Accounts are people Hangup knows: thirty of them saying genuine lift it.
	for i := range 30 {
		f.genuine(t, report.Reporter{User: &hangup.User{ID: int64(5000 + i)}})
	}
	if r := f.rep.Lookup(listedNumber); r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected {
		t.Errorf("16 scam accounts and 30 genuine accounts: %s, want not listed", r.Verdict)
	}
}

// TestGenuineFollowsTheReporterRules: one network is one voice however
// many cookies; a reporter who reported the number can't also vouch for it
// in the period; suspected numbers are disputed from two networks.
func TestGenuineFollowsTheReporterRules(t *testing.T) {
	f := newFixture(t)
	f.scamReports(t, 0, 10)
	if r := f.rep.Lookup(listedNumber); r.Verdict != hangup.RepSuspected {
		t.Fatalf("10 networks: %+v", r)
	}
	counted := 0
	for i := range 40 {
		if f.genuine(t, report.Reporter{Address: fmt.Sprintf("198.51.100.%d", i+1), Browser: fmt.Sprint("cookie-", i)}) {
			counted++
		}
	}
	r := f.rep.Lookup(listedNumber)
	if counted != 1 || r.Genuine != 1 || r.Disputed || r.Verdict != hangup.RepSuspected {
		t.Errorf("40 clicks from one network: %d counted, %+v; want 1, suspected, not yet disputed", counted, r)
	}
	if f.genuine(t, report.Reporter{Address: "10.0.3.9"}) {
		t.Error("a network that reported the number as a scam vouched for it in the same period")
	}
	f.genuine(t, report.Reporter{Address: "203.0.113.5"})
	if r := f.rep.Lookup(listedNumber); !r.Disputed || r.Verdict != hangup.RepSuspected || r.Genuine != 2 {
		t.Errorf("two networks vouching: %+v, want suspected and disputed", r)
	}
	if _, err := f.svc.Genuine(context.Background(), "hello", report.Reporter{Address: "203.0.113.6"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("genuine for %q: %v", "hello", err)
	}
}
