package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// figureReports are reports spread over weeks, countries, organisations,
// tools, payment methods and amounts by simple formulas, so that the
// expected figures are computed here by plain loops, independently of SQL.
func figureReports() []*hangup.Report {
	countries := []string{"GB", "GB", "US", "GB", "IE", "US", "GB"}
	orgs := []string{"microsoft", "hmrc", "", "microsoft", "bt", "microsoft", "hmrc", "amazon"}
	tools := []string{"AnyDesk", "TeamViewer", "", "AnyDesk", "UltraViewer"}
	payments := []string{"gift cards", "Gift cards", "bank transfer", "", " PayPal", "paypal", "Bank Transfer"}
	currencies := []string{"GBP", "GBP", "USD", "GBP", "EUR", ""}
	// Monday 2 November 2026, 00:00 UTC.
	start := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	var rs []*hangup.Report
	for i := range 61 {
		// Every 17 hours, and one report exactly on a Monday midnight and
		// one a nanosecond... a microsecond before it.
		at := start.Add(time.Duration(i) * 17 * time.Hour)
		switch i {
		case 10:
			at = start.AddDate(0, 0, 7)
		case 11:
			at = start.AddDate(0, 0, 7).Add(-time.Microsecond)
		}
		r := sampleReport(fmt.Sprintf("HU-FIGS-%04d", i), at)
		r.Country = countries[i%len(countries)]
		r.OrganisationID = orgs[i%len(orgs)]
		r.PaymentMethod = payments[i%len(payments)]
		r.Currency = currencies[i%len(currencies)]
		r.Amount = 0
		if i%4 != 0 {
			r.Amount = float64((i*37)%900) + 0.5*float64(i%2)
		}
		r.Links = nil
		if t := tools[i%len(tools)]; t != "" {
			r.Links = []hangup.Link{{Kind: hangup.LinkTool, Value: t}}
			if i%10 == 3 { // a second tool
				r.Links = append(r.Links, hangup.Link{Kind: hangup.LinkTool, Value: "TeamViewer"})
			}
		}
		r.Links = append(r.Links, hangup.Link{Kind: hangup.LinkDomain, Value: "anydesk.com"})
		rs = append(rs, r)
	}
	return rs
}

func testFigures(t *testing.T, open Opener) {
	stores := open(t)
	s := stores.Figures
	if s == nil {
		t.Skip("the store has no public figures")
	}
	ctx := context.Background()
	all := figureReports()
	for _, r := range all {
		if err := stores.Reports.CreateReport(ctx, r, nil, []byte(r.Reference), nil); err != nil {
			t.Fatal(err)
		}
	}
	// The window leaves out the first three reports and the last two.
	from, to := all[3].CreatedAt, all[len(all)-2].CreatedAt
	var in []*hangup.Report
	for _, r := range all {
		if !r.CreatedAt.Before(from) && r.CreatedAt.Before(to) {
			in = append(in, r)
		}
	}

	t.Run("by week and country", func(t *testing.T) {
		got, err := s.CountReportsByWeekAndCountry(ctx, from, to)
		if err != nil {
			t.Fatal(err)
		}
		count := map[hangup.WeekCountryCount]int{}
		for _, r := range in {
			d := time.Date(r.CreatedAt.Year(), r.CreatedAt.Month(), r.CreatedAt.Day(), 0, 0, 0, 0, time.UTC)
			monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
			count[hangup.WeekCountryCount{Week: monday, Country: r.Country}]++
		}
		var want []hangup.WeekCountryCount
		for k, n := range count {
			k.Reports = n
			want = append(want, k)
		}
		slices.SortFunc(want, func(a, b hangup.WeekCountryCount) int {
			return cmp.Or(a.Week.Compare(b.Week), strings.Compare(a.Country, b.Country))
		})
		if len(want) < 10 {
			t.Fatalf("the sample gives only %d cells", len(want))
		}
		if !slices.EqualFunc(got, want, func(a, b hangup.WeekCountryCount) bool {
			return a.Week.Equal(b.Week) && a.Week.Location() == time.UTC && a.Country == b.Country && a.Reports == b.Reports
		}) {
			t.Errorf("CountReportsByWeekAndCountry =\n%v\nwant\n%v", got, want)
		}
	})

	t.Run("by dimension", func(t *testing.T) {
		values := map[hangup.FigureDimension]func(r *hangup.Report) []string{
			hangup.FigureOrganisation: func(r *hangup.Report) []string { return []string{r.OrganisationID} },
			hangup.FigurePayment: func(r *hangup.Report) []string {
				return []string{strings.ToLower(strings.TrimSpace(r.PaymentMethod))}
			},
			hangup.FigureTool: func(r *hangup.Report) []string {
				var v []string
				for _, l := range r.Links {
					if l.Kind == hangup.LinkTool && !slices.Contains(v, l.Value) {
						v = append(v, l.Value)
					}
				}
				return v
			},
		}
		for dim, of := range values {
			count := map[string]int{}
			for _, r := range in {
				for _, v := range of(r) {
					if v != "" {
						count[v]++
					}
				}
			}
			var want []hangup.ValueCount
			for v, n := range count {
				want = append(want, hangup.ValueCount{Value: v, Reports: n})
			}
			slices.SortFunc(want, func(a, b hangup.ValueCount) int {
				return cmp.Or(b.Reports-a.Reports, strings.Compare(a.Value, b.Value))
			})
			if len(want) < 3 {
				t.Fatalf("%s: the sample gives only %d values", dim, len(want))
			}
			got, err := s.CountReportsBy(ctx, hangup.FigureQuery{Dimension: dim, From: from, To: to})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s = %v, want %v", dim, got, want)
			}
			// Min leaves out the values below it; Limit keeps the first.
			min := want[1].Reports
			var atLeast []hangup.ValueCount
			for _, c := range want {
				if c.Reports >= min {
					atLeast = append(atLeast, c)
				}
			}
			got, err = s.CountReportsBy(ctx, hangup.FigureQuery{Dimension: dim, From: from, To: to, Min: min})
			if err != nil || !slices.Equal(got, atLeast) {
				t.Errorf("%s with Min %d = %v, %v; want %v", dim, min, got, err, atLeast)
			}
			got, err = s.CountReportsBy(ctx, hangup.FigureQuery{Dimension: dim, From: from, To: to, Limit: 2})
			if err != nil || !slices.Equal(got, want[:2]) {
				t.Errorf("%s with Limit 2 = %v, %v; want %v", dim, got, err, want[:2])
			}
		}
		for _, q := range []hangup.FigureQuery{{Dimension: "reporter", From: from, To: to}, {Dimension: "", From: from, To: to},
			{Dimension: hangup.FigureTool, Min: -1}, {Dimension: hangup.FigureTool, Limit: -1}} {
			if _, err := s.CountReportsBy(ctx, q); hangup.ErrorCode(err) != hangup.EINVALID {
				t.Errorf("CountReportsBy(%+v): %v, want EINVALID", q, err)
			}
		}
		// An empty window counts nothing.
		if got, err := s.CountReportsBy(ctx, hangup.FigureQuery{Dimension: hangup.FigureOrganisation, From: to.AddDate(1, 0, 0), To: to.AddDate(2, 0, 0)}); err != nil || len(got) != 0 {
			t.Errorf("an empty window: %v, %v", got, err)
		}
	})

	t.Run("money lost", func(t *testing.T) {
		bounds := []float64{100, 259.5, 500} // 259.5 is report 7's amount
		amounts := map[string][]float64{}
		for _, r := range in {
			if r.Amount > 0 && r.Currency != "" {
				amounts[r.Currency] = append(amounts[r.Currency], r.Amount)
			}
		}
		var want []hangup.CurrencyLoss
		for cur, as := range amounts {
			c := hangup.CurrencyLoss{Currency: cur, Reports: len(as), Buckets: make([]int, len(bounds)+1), Sums: make([]float64, len(bounds)+1)}
			for _, a := range as {
				b := 0
				for b < len(bounds) && a >= bounds[b] {
					b++
				}
				c.Buckets[b]++
				c.Sums[b] += a
				c.Sum += a
			}
			sorted := slices.Sorted(slices.Values(as))
			if n := len(sorted); n%2 == 1 {
				c.Median = sorted[n/2]
			} else {
				c.Median = (sorted[n/2-1] + sorted[n/2]) / 2
			}
			want = append(want, c)
		}
		slices.SortFunc(want, func(a, b hangup.CurrencyLoss) int { return strings.Compare(a.Currency, b.Currency) })
		if len(want) != 3 || want[0].Reports < 3 {
			t.Fatalf("the sample gives %d currencies", len(want))
		}
		got, err := s.MoneyLost(ctx, from, to, bounds)
		if err != nil {
			t.Fatal(err)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
		if !slices.EqualFunc(got, want, func(a, b hangup.CurrencyLoss) bool {
			return a.Currency == b.Currency && a.Reports == b.Reports && near(a.Sum, b.Sum) && near(a.Median, b.Median) &&
				slices.Equal(a.Buckets, b.Buckets) && slices.EqualFunc(a.Sums, b.Sums, near)
		}) {
			t.Errorf("MoneyLost =\n%+v\nwant\n%+v", got, want)
		}
		// An amount exactly on a bound falls in the bucket above it.
		onBound := false
		for _, as := range amounts {
			onBound = onBound || slices.Contains(as, 259.5)
		}
		if !onBound {
			t.Error("no amount of the sample lies on a bound")
		}
		for _, bad := range [][]float64{{0, 100}, {100, 100}, {500, 100}, {-1}, {math.NaN()}, make([]float64, hangup.MaxMoneyBuckets+1)} {
			if _, err := s.MoneyLost(ctx, from, to, bad); hangup.ErrorCode(err) != hangup.EINVALID {
				t.Errorf("bounds %v: %v, want EINVALID", bad, err)
			}
		}
		if got, err := s.MoneyLost(ctx, from, to, nil); err != nil || len(got) != 3 || len(got[0].Buckets) != 1 {
			t.Errorf("no bounds: %+v, %v; want one bucket per currency", got, err)
		}
	})

	t.Run("deleted reports are not counted", func(t *testing.T) {
		count := func(org string) int {
			t.Helper()
			got, err := s.CountReportsBy(ctx, hangup.FigureQuery{Dimension: hangup.FigureOrganisation, From: from, To: to})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range got {
				if c.Value == org {
					return c.Reports
				}
			}
			return 0
		}
		r := in[len(in)/2]
		before := count(r.OrganisationID)
		if r.OrganisationID == "" || before == 0 {
			t.Fatalf("report %s names no organisation", r.Reference)
		}
		if err := stores.Reports.DeleteReport(ctx, r.Reference, "reporter"); err != nil {
			t.Fatal(err)
		}
		if after := count(r.OrganisationID); after != before-1 {
			t.Errorf("%s: %d reports after deleting one of %d", r.OrganisationID, after, before)
		}
	})
}
