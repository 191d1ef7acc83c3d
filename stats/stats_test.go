package stats_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/stats"
)

// now is a Wednesday; the window's weeks start on Mondays.
var now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// world is a real SQLite database with reports, and a service over it.
type world struct {
	t   *testing.T
	db  *sqlite.DB
	n   int
	svc *stats.Service
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "stats.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &world{t: t, db: db}
	w.svc = stats.New(stats.Config{}, stats.Deps{Store: db, Now: func() time.Time { return now },
		OrgName: func(id string) string { return map[string]string{"hmrc": "HMRC"}[id] }})
	return w
}

// add stores n reports made at, changed by edit.
func (w *world) add(n int, at time.Time, edit func(r *hangup.Report)) {
	w.t.Helper()
	for range n {
		w.n++
		ref := fmt.Sprintf("HU-STAT-%04d", w.n)
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: at, UpdatedAt: at,
			Country: "GB", Happened: []hangup.Happened{}, ReporterKey: "anon:" + ref, ReporterWeight: 0.5}
		if edit != nil {
			edit(r)
		}
		if err := w.db.CreateReport(context.Background(), r, nil, []byte(ref), nil); err != nil {
			w.t.Fatal(err)
		}
	}
}

func (w *world) figures() *stats.Figures {
	w.t.Helper()
	f, err := stats.New(stats.Config{}, stats.Deps{Store: w.db, Now: func() time.Time { return now }}).Figures(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return f
}

func find(cs []stats.Count, key string) (stats.Count, bool) {
	i := slices.IndexFunc(cs, func(c stats.Count) bool { return c.Key == key })
	if i < 0 {
		return stats.Count{}, false
	}
	return cs[i], true
}

func total(cs []stats.Count) int {
	n := 0
	for _, c := range cs {
		n += c.Reports
	}
	return n
}

func TestFourReportsFromACountryAreNotShownFiveAre(t *testing.T) {
	for _, n := range []int{4, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			w := newWorld(t)
			w.add(30, now.AddDate(0, 0, -1), nil)
			w.add(n, now.AddDate(0, 0, -1), func(r *hangup.Report) { r.Country = "US" })
			f := w.figures()
			us, shown := find(f.Countries, "US")
			if n < stats.MinCount && shown {
				t.Errorf("%d reports from the US are shown: %+v", n, us)
			}
			if n >= stats.MinCount && (!shown || us.Reports != n || us.Label != "United States") {
				t.Errorf("%d reports from the US: shown %v as %+v", n, shown, us)
			}
			// The week holds them or not, as the countries do: the two
			// figures add up to the same total, so nothing hidden can be
			// had back by subtracting.
			if total(f.Weeks) != total(f.Countries) {
				t.Errorf("the weeks add up to %d, the countries to %d", total(f.Weeks), total(f.Countries))
			}
			week := f.Weeks[len(f.Weeks)-1]
			if want := 30 + map[bool]int{true: n}[n >= stats.MinCount]; week.Reports != want {
				t.Errorf("this week shows %d reports, want %d", week.Reports, want)
			}
		})
	}
}

func TestSmallWeeksAreSuppressedAndLeftOutOfTheCountries(t *testing.T) {
	w := newWorld(t)
	w.add(20, now.AddDate(0, 0, -1), nil)
	w.add(4, now.AddDate(0, 0, -14), nil) // a small week
	w.add(6, now.AddDate(0, 0, -21), nil) // a week just big enough
	w.add(9, now.AddDate(-1, 0, 0), nil)  // before the window
	w.add(3, now.AddDate(0, 0, 1), nil)   // after now
	f := w.figures()
	if len(f.Weeks) != 26 || !f.Weeks[0].Suppressed || f.From.Weekday() != time.Monday {
		t.Fatalf("weeks %+v from %v: want 26, from a Monday", f.Weeks, f.From)
	}
	small, _ := find(f.Weeks, now.AddDate(0, 0, -16).Format(time.DateOnly)) // Monday 16 Nov
	if !small.Suppressed || small.Reports != 0 {
		t.Errorf("the week of 4 reports: %+v, want suppressed with no number", small)
	}
	six, _ := find(f.Weeks, now.AddDate(0, 0, -23).Format(time.DateOnly))
	if six.Suppressed || six.Reports != 6 {
		t.Errorf("the week of 6 reports: %+v", six)
	}
	gb, _ := find(f.Countries, "GB")
	if gb.Reports != 26 || total(f.Weeks) != 26 {
		t.Errorf("GB shows %d, the weeks %d: want 26 (20 + 6; the small week's 4 in neither)", gb.Reports, total(f.Weeks))
	}
}

// TestNoSuppressedCountIsRecoverable: with random reports, every count
// shown is at least 5 and the weeks and countries add up to the same total.
func TestNoSuppressedCountIsRecoverable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 5 {
		w := newWorld(t)
		countries := []string{"GB", "US", "IE", "CA", "AU", "NZ"}
		for range 120 {
			day := rng.IntN(26 * 7)
			c := countries[min(rng.IntN(9), len(countries)-1)]
			w.add(1, now.AddDate(0, 0, -day), func(r *hangup.Report) { r.Country = c })
		}
		f := w.figures()
		for _, cs := range [][]stats.Count{f.Weeks, f.Countries} {
			for _, c := range cs {
				if !c.Suppressed && c.Reports < stats.MinCount || c.Suppressed && c.Reports != 0 {
					t.Errorf("round %d: %+v", round, c)
				}
			}
		}
		if total(f.Weeks) != total(f.Countries) {
			t.Errorf("round %d: weeks add up to %d, countries to %d", round, total(f.Weeks), total(f.Countries))
		}
	}
}

func TestOrganisationsToolsAndPaymentsBelowFiveAreLeftOut(t *testing.T) {
	w := newWorld(t)
	at := now.AddDate(0, 0, -3)
	w.add(5, at, func(r *hangup.Report) {
		r.OrganisationID, r.PaymentMethod = "hmrc", "Gift cards"
		r.Links = []hangup.Link{{Kind: hangup.LinkTool, Value: "AnyDesk"}}
	})
	w.add(4, at, func(r *hangup.Report) {
		r.OrganisationID, r.PaymentMethod = "microsoft", "paypal"
		r.Links = []hangup.Link{{Kind: hangup.LinkTool, Value: "TeamViewer"}}
	})
	f, err := w.svc.Figures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]stats.Count{"organisations": f.Organisations, "tools": f.Tools, "payments": f.Payments} {
		want := map[string]stats.Count{
			"organisations": {Key: "hmrc", Label: "HMRC", Reports: 5},
			"tools":         {Key: "AnyDesk", Label: "AnyDesk", Reports: 5},
			"payments":      {Key: "gift cards", Label: "Gift cards", Reports: 5},
		}[name]
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s = %+v, want only %+v", name, got, want)
		}
	}
}

// TestMoneyBucketsAndMedian: the total, the median and the buckets of
// known amounts, computed here by sorting; a currency with 4 losses is not
// shown at all.
func TestMoneyBucketsAndMedian(t *testing.T) {
	for _, amounts := range [][]float64{
		{20, 150, 150, 480, 999.99, 1000, 1200, 2500, 7000, 12000, 95, 60, 40, 10, 75},    // odd count
		{20, 150, 150, 480, 999.99, 1000, 1200, 2500, 7000, 12000, 95, 60, 40, 10, 75, 3}, // even count
		{10, 20, 30, 40, 90, 110, 200, 300, 400, 450},                                     // the middle two in different buckets
	} {
		w := newWorld(t)
		for _, a := range amounts {
			w.add(1, now.AddDate(0, 0, -2), func(r *hangup.Report) { r.Amount, r.Currency = a, "GBP" })
		}
		for _, a := range []float64{10, 20, 30, 40} {
			w.add(1, now.AddDate(0, 0, -2), func(r *hangup.Report) { r.Amount, r.Currency = a, "USD" })
		}
		w.add(3, now.AddDate(0, 0, -2), func(r *hangup.Report) { r.Amount, r.Currency = 0, "GBP" }) // nothing lost
		f := w.figures()
		if len(f.Money) != 1 || f.Money[0].Currency != "GBP" {
			t.Fatalf("money %+v: want GBP only (USD has 4 losses)", f.Money)
		}
		m := f.Money[0]
		sorted := slices.Sorted(slices.Values(amounts))
		median := sorted[len(sorted)/2]
		if len(sorted)%2 == 0 {
			median = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
		}
		sum := 0.0
		counts := make([]int, len(stats.MoneyBounds)+1)
		for _, a := range amounts {
			sum += a
			counts[sort(a)]++
		}
		if m.Total != math.Round(sum) || m.Median != math.Round(median) {
			t.Errorf("total %v, median %v; want %v, %v", m.Total, m.Median, math.Round(sum), math.Round(median))
		}
		if len(m.Buckets) != len(counts) {
			t.Fatalf("%d buckets, want %d", len(m.Buckets), len(counts))
		}
		for i, b := range m.Buckets {
			if b.Label != stats.BucketLabel(i, "GBP") {
				t.Errorf("bucket %d is labelled %q", i, b.Label)
			}
			if counts[i] < stats.MinCount {
				if !b.Suppressed || b.Reports != 0 {
					t.Errorf("bucket %q of %d losses: %+v, want suppressed", b.Label, counts[i], b)
				}
			} else if b.Suppressed || b.Reports != counts[i] {
				t.Errorf("bucket %q: %+v, want %d", b.Label, b, counts[i])
			}
		}
		if !slices.ContainsFunc(m.Buckets, func(b stats.Count) bool { return !b.Suppressed }) || !slices.ContainsFunc(m.Buckets, func(b stats.Count) bool { return b.Suppressed }) {
			t.Errorf("the sample should give shown and suppressed buckets: %+v", m.Buckets)
		}
	}
	if got := stats.BucketLabel(1, "GBP"); got != "£100 to under £500" {
		t.Errorf("BucketLabel(1, GBP) = %q", got)
	}
}

// sort finds an amount's bucket by walking the bounds.
func sort(a float64) int {
	i := 0
	for i < len(stats.MoneyBounds) && a >= stats.MoneyBounds[i] {
		i++
	}
	return i
}

// counting counts the store's queries.
type counting struct {
	hangup.FigureStore
	calls atomic.Int64
}

func (c *counting) CountReportsByWeekAndCountry(ctx context.Context, from, to time.Time) ([]hangup.WeekCountryCount, error) {
	c.calls.Add(1)
	return c.FigureStore.CountReportsByWeekAndCountry(ctx, from, to)
}

func TestFiguresAreCachedForAMinute(t *testing.T) {
	w := newWorld(t)
	w.add(7, now.AddDate(0, 0, -1), nil)
	store := &counting{FigureStore: w.db}
	clock := now
	svc := stats.New(stats.Config{}, stats.Deps{Store: store, Now: func() time.Time { return clock }})
	first, err := svc.Figures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w.add(5, now.AddDate(0, 0, -1), nil)
	for range 20 {
		if f, err := svc.Figures(context.Background()); err != nil || f != first {
			t.Fatalf("within the minute: %v, a new computation", err)
		}
	}
	clock = now.Add(61 * time.Second)
	f, err := svc.Figures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if calls := store.calls.Load(); calls != 2 || total(f.Weeks) != 12 {
		t.Errorf("%d queries, %d reports: want 2 queries (one a minute), the 12 reports", calls, total(f.Weeks))
	}
}
