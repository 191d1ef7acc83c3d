package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testActivity(t *testing.T, open Opener) {
	ctx := context.Background()

	t.Run("one per visitor a day, reports by day", func(t *testing.T) {
		st := open(t)
		if st.Activity == nil {
			t.Skip("no activity store")
		}
		a := st.Activity
		num := "+449061234567"
		day1 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		day2 := day1.Add(24 * time.Hour)
		record := func(kind hangup.ActivityKind, visitor string, at time.Time) bool {
			t.Helper()
			ok, err := a.RecordActivity(ctx, num, kind, visitor, at)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !record(hangup.ActivityLookup, "v1", day1) || record(hangup.ActivityLookup, "v1", day1.Add(3*time.Hour)) {
			t.Error("a visitor's second lookup of the day counted, or the first did not")
		}
		record(hangup.ActivityLookup, "v2", day1)
		if !record(hangup.ActivityLookup, "v1", day2) {
			t.Error("a visitor's lookup the next day did not count")
		}
		record(hangup.ActivityCalled, "v1", day2)
		// Another number's activity stays apart.
		if _, err := a.RecordActivity(ctx, "+442079460000", hangup.ActivityLookup, "v9", day1); err != nil {
			t.Fatal(err)
		}
		// Two reports naming the number on day 1 (one as the callback), one
		// on day 2 naming another number.
		r1 := sampleReport("HU-ACTV-TE01", day1)
		r2 := sampleReport("HU-ACTV-TE02", day1.Add(time.Hour))
		r2.NumberShownE164, r2.CallbackE164 = "+441134960000", num
		r3 := sampleReport("HU-ACTV-TE03", day2)
		r3.NumberShownE164, r3.CallbackE164 = "+441134960000", ""
		for _, r := range []*hangup.Report{r1, r2, r3} {
			if err := st.Reports.CreateReport(ctx, r, nil, []byte(r.Reference), nil); err != nil {
				t.Fatal(err)
			}
		}
		got, err := a.NumberActivity(ctx, num, day1.Add(-48*time.Hour), day2)
		if err != nil {
			t.Fatal(err)
		}
		want := []hangup.DayActivity{{Day: "2026-11-20", Lookups: 2, Reports: 2}, {Day: "2026-11-21", Lookups: 1, Called: 1}}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("NumberActivity = %+v, want %+v", got, want)
		}
		// Deleted reports don't count.
		if err := st.Reports.DeleteReport(ctx, r1.Reference, "reporter"); err != nil {
			t.Fatal(err)
		}
		got, _ = a.NumberActivity(ctx, num, day1, day1)
		if len(got) != 1 || got[0].Reports != 1 {
			t.Errorf("after a deletion: %+v, want 1 report on day 1", got)
		}
		// Rows older than a year go as new ones arrive.
		record(hangup.ActivityLookup, "v3", day1.AddDate(1, 1, 0))
		if old, _ := a.NumberActivity(ctx, num, day1, day1); len(old) != 1 || old[0].Lookups != 0 {
			t.Errorf("a year later day 1 still has lookups: %+v", old)
		}
	})

	t.Run("genuine evidence outside a report, one per reporter", func(t *testing.T) {
		st := open(t)
		num := "+449061234567"
		e := hangup.Evidence{Number: num, ReporterKey: "anon:net", Weight: 0.5, Legit: true, At: t0, Source: "web"}
		if ok, err := st.Reputation.AddEvidence(ctx, e); !ok || err != nil {
			t.Fatalf("first genuine evidence: %v %v", ok, err)
		}
		e.At = t0.Add(time.Hour)
		if ok, err := st.Reputation.AddEvidence(ctx, e); ok || err != nil {
			t.Errorf("the same reporter again within the period: %v %v", ok, err)
		}
		e.At = t0.Add(hangup.EvidencePeriod + time.Hour)
		if ok, _ := st.Reputation.AddEvidence(ctx, e); !ok {
			t.Error("the same reporter after the period did not count")
		}
		var got []hangup.Evidence
		if _, err := st.Reputation.EvidenceSince(ctx, 0, func(e hangup.Evidence) error { got = append(got, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[0].Legit || got[0].Number != num || got[0].Weight != 0.5 {
			t.Errorf("evidence %+v", got)
		}
	})
}
