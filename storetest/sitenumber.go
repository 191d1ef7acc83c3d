package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testSiteNumbers(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).SiteNumbers
	if s == nil {
		t.Skip("this database has no site-number store")
	}
	const num, other = "+448000465678", "+18445550147"
	t1, t2 := t0, t0.Add(24*time.Hour)
	if err := s.RecordSiteNumbers(ctx, "fix-pc.example", []string{num, other, num}, t1); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordSiteNumbers(ctx, "pc-alert.example", []string{num}, t2); err != nil {
		t.Fatal(err)
	}
	// Seen again later, and an older sighting does not move it back.
	if err := s.RecordSiteNumbers(ctx, "fix-pc.example", []string{num}, t2.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordSiteNumbers(ctx, "fix-pc.example", []string{num}, t1); err != nil {
		t.Fatal(err)
	}
	got, err := s.SitesShowingNumber(ctx, num, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Host != "fix-pc.example" || !got[0].FirstSeen.Equal(t1) || !got[0].LastSeen.Equal(t2.Add(time.Hour)) ||
		got[1].Host != "pc-alert.example" || !got[1].LastSeen.Equal(t2) {
		t.Errorf("SitesShowingNumber = %+v", got)
	}
	if got, _ := s.SitesShowingNumber(ctx, num, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d", len(got))
	}
	if got, err := s.SitesShowingNumber(ctx, "+447700900123", 10); err != nil || got == nil || len(got) != 0 {
		t.Errorf("unknown number: %v %v, want an empty, non-nil list", got, err)
	}
	shown, err := s.NumbersShownBy(ctx, "fix-pc.example")
	if err != nil || len(shown) != 2 || shown[0].Number != num || shown[1].Number != other {
		t.Errorf("NumbersShownBy = %+v, %v", shown, err)
	}
	for _, bad := range []struct {
		host string
		nums []string
	}{{"", []string{num}}, {"x.example", []string{"0800 046 5678"}}, {"x.example", make([]string, hangup.MaxSiteNumbers+1)}} {
		if err := s.RecordSiteNumbers(ctx, bad.host, bad.nums, t1); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("RecordSiteNumbers(%q, %d numbers): %v, want EINVALID", bad.host, len(bad.nums), err)
		}
	}
}
