// Package stats computes Hangup's public figures (/stats): reports per week
// and by country, the organisations callers claim to be, the remote-access
// tools and ways of paying they ask for, and the money people lost. Counts
// smaller than MinCount are suppressed so that nobody can be picked out,
// and in a way that no total or other figure gives them back (see Figures).
// Results are cached briefly, so the public page can't be used to load the
// database.
package stats

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// MinCount is the smallest count published. Anything smaller is shown as
// "fewer than 5" or left out.
const MinCount = 5

// FewerThan is what a suppressed count says instead of its number.
const FewerThan = "fewer than 5"

// MoneyBounds are the limits of the money buckets, in any currency's
// units: under 100, 100 to under 500, and so on, 5,000 or more.
var MoneyBounds = []float64{100, 500, 1000, 5000}

// Config sets the window and the cache.
type Config struct {
	Weeks    int           // weeks counted, this one included; default 26
	CacheFor time.Duration // how long figures are reused; default a minute
	Top      int           // organisations, tools and payment methods shown; default 10
}

// Deps are what the service reads.
type Deps struct {
	Store hangup.FigureStore
	// OrgName names a registry organisation by id; nil or "" shows the id.
	OrgName func(id string) string
	Now     func() time.Time // default time.Now
}

// Count is one published count. Suppressed counts have Reports 0.
type Count struct {
	Key        string `json:"key"`               // the week's Monday (2026-11-30), the country code, the organisation id…
	Label      string `json:"label"`             // in words: "w/c 30 Nov", "United Kingdom", "HMRC"
	Reports    int    `json:"reports,omitempty"` // absent when suppressed
	Suppressed bool   `json:"suppressed,omitempty"`
}

// Money is what reports say was lost in one currency. Only currencies
// with at least MinCount reports of a loss are published; their total and
// median are rounded to whole units.
type Money struct {
	Currency string  `json:"currency"`
	Total    float64 `json:"total"`
	Median   float64 `json:"median"`
	Buckets  []Count `json:"buckets"` // every bucket, in order; small ones suppressed
}

// Figures are the public figures of one window.
type Figures struct {
	From          time.Time `json:"from"` // the first week's Monday, 00:00 UTC
	To            time.Time `json:"to"`   // the time they were computed (exclusive end)
	Weeks         []Count   `json:"weeks"`
	Countries     []Count   `json:"countries"`     // most reports first; small ones left out
	Organisations []Count   `json:"organisations"` // the most impersonated, up to Top
	Tools         []Count   `json:"tools"`
	Payments      []Count   `json:"payments"`
	Money         []Money   `json:"money"`
}

// Service computes and caches the figures.
type Service struct {
	cfg  Config
	deps Deps

	mu      sync.Mutex // held while computing: one query set at a time
	cached  *Figures
	expires time.Time
}

// New returns a service with cfg's zero fields set to the defaults.
func New(cfg Config, deps Deps) *Service {
	if cfg.Weeks <= 0 {
		cfg.Weeks = 26
	}
	if cfg.CacheFor <= 0 {
		cfg.CacheFor = time.Minute
	}
	if cfg.Top <= 0 {
		cfg.Top = 10
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Service{cfg: cfg, deps: deps}
}

// Figures returns the figures, computed at most once per CacheFor (or 20
// times the last computation's time, if longer): callers arriving while
// they are computed wait for that computation, so there is never more than
// one at a time. Errors are not cached.
func (s *Service) Figures(ctx context.Context) (*Figures, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.deps.Now().UTC()
	if s.cached != nil && now.Before(s.expires) {
		return s.cached, nil
	}
	started := time.Now()
	f, err := s.compute(ctx, now)
	if err != nil {
		return nil, err
	}
	// A big database takes longer: the figures are then kept at least 20
	// times as long as they took, so that computing them never costs more
	// than a twentieth of the database's time.
	s.cached, s.expires = f, now.Add(max(s.cfg.CacheFor, 20*time.Since(started)))
	return f, nil
}

func monday(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func (s *Service) compute(ctx context.Context, now time.Time) (*Figures, error) {
	from := monday(now).AddDate(0, 0, -7*(s.cfg.Weeks-1))
	f := &Figures{From: from, To: now}
	cells, err := s.deps.Store.CountReportsByWeekAndCountry(ctx, from, now)
	if err != nil {
		return nil, err
	}
	weeks := make([]time.Time, s.cfg.Weeks)
	for i := range weeks {
		weeks[i] = from.AddDate(0, 0, 7*i)
	}
	f.Weeks, f.Countries = weeksAndCountries(weeks, cells)
	for i := range f.Countries {
		f.Countries[i].Label = countryName(f.Countries[i].Key)
	}
	for _, d := range []struct {
		dim   hangup.FigureDimension
		to    *[]Count
		label func(string) string
	}{
		{hangup.FigureOrganisation, &f.Organisations, s.orgName},
		{hangup.FigureTool, &f.Tools, func(v string) string { return v }},
		{hangup.FigurePayment, &f.Payments, paymentLabel},
	} {
		// Values below MinCount never leave the database.
		vs, err := s.deps.Store.CountReportsBy(ctx, hangup.FigureQuery{Dimension: d.dim, From: from, To: now, Min: MinCount, Limit: s.cfg.Top})
		if err != nil {
			return nil, err
		}
		*d.to = []Count{}
		for _, v := range vs {
			*d.to = append(*d.to, Count{Key: v.Value, Label: d.label(v.Value), Reports: v.Reports})
		}
	}
	losses, err := s.deps.Store.MoneyLost(ctx, from, now, MoneyBounds)
	if err != nil {
		return nil, err
	}
	f.Money = money(losses)
	return f, nil
}

// weeksAndCountries publishes the two figures that count every report, and
// so add up to the same total: a suppressed week could be had back by
// subtracting the weeks shown from the countries shown, and the other way
// round. So both count the same reports: those of weeks and countries that
// have at least MinCount of them, where dropping a small country can make a
// week small and the other way round, until nothing changes. The figures
// then add up to the same total, and every report left out is left out of
// both.
func weeksAndCountries(weeks []time.Time, cells []hangup.WeekCountryCount) ([]Count, []Count) {
	kept := slices.Clone(cells)
	for {
		byWeek, byCountry := map[time.Time]int{}, map[string]int{}
		for _, c := range kept {
			byWeek[c.Week] += c.Reports
			byCountry[c.Country] += c.Reports
		}
		n := len(kept)
		kept = slices.DeleteFunc(kept, func(c hangup.WeekCountryCount) bool {
			return byWeek[c.Week] < MinCount || byCountry[c.Country] < MinCount
		})
		if len(kept) == n {
			break
		}
	}
	byWeek, byCountry := map[time.Time]int{}, map[string]int{}
	for _, c := range kept {
		byWeek[c.Week] += c.Reports
		byCountry[c.Country] += c.Reports
	}
	ws := make([]Count, 0, len(weeks))
	for _, w := range weeks {
		c := Count{Key: w.Format(time.DateOnly), Label: "w/c " + w.Format("2 Jan"), Reports: byWeek[w]}
		if c.Reports < MinCount {
			c.Reports, c.Suppressed = 0, true
		}
		ws = append(ws, c)
	}
	cs := []Count{}
	for k, n := range byCountry {
		cs = append(cs, Count{Key: k, Reports: n})
	}
	slices.SortFunc(cs, func(a, b Count) int { return cmp.Or(b.Reports-a.Reports, strings.Compare(a.Key, b.Key)) })
	return ws, cs
}

// money publishes the currencies with at least MinCount losses: the total
// and median in whole units, and each bucket's count unless small.
func money(losses []hangup.CurrencyLoss) []Money {
	out := []Money{}
	for _, l := range losses {
		if l.Reports < MinCount {
			continue
		}
		m := Money{Currency: l.Currency, Total: math.Round(l.Sum), Median: math.Round(l.Median)}
		for i, n := range l.Buckets {
			c := Count{Key: bucketKey(i), Label: BucketLabel(i, l.Currency), Reports: n}
			if n < MinCount {
				c.Reports, c.Suppressed = 0, true
			}
			m.Buckets = append(m.Buckets, c)
		}
		out = append(out, m)
	}
	return out
}

// bucketKey names bucket i by its lower bound: "0", "100", "500"…
func bucketKey(i int) string {
	if i == 0 {
		return "0"
	}
	return strconv.FormatFloat(MoneyBounds[i-1], 'f', -1, 64)
}

// BucketLabel says bucket i in words: "Under £100", "£100 to under £500",
// "£5,000 or more".
func BucketLabel(i int, currency string) string {
	switch {
	case len(MoneyBounds) == 0:
		return "Any amount"
	case i == 0:
		return "Under " + report.FormatMoney(MoneyBounds[0], currency)
	case i >= len(MoneyBounds):
		return report.FormatMoney(MoneyBounds[len(MoneyBounds)-1], currency) + " or more"
	}
	return report.FormatMoney(MoneyBounds[i-1], currency) + " to under " + report.FormatMoney(MoneyBounds[i], currency)
}

func (s *Service) orgName(id string) string {
	if s.deps.OrgName != nil {
		if n := s.deps.OrgName(id); n != "" {
			return n
		}
	}
	return id
}

// countryName names a country in English ("United Kingdom"), or says its
// code when unknown.
func countryName(code string) string {
	if code == "" {
		return "Not known"
	}
	if r, err := language.ParseRegion(code); err == nil {
		if n := display.English.Regions().Name(r); n != "" {
			return n
		}
	}
	return code
}

// paymentLabel writes a way of paying, stored in lower case, with a
// capital: "Gift cards"; a few names keep their own spelling.
func paymentLabel(v string) string {
	if n, ok := map[string]string{"paypal": "PayPal", "western union": "Western Union", "moneygram": "MoneyGram", "apple pay": "Apple Pay", "google pay": "Google Pay"}[v]; ok {
		return n
	}
	if v == "" {
		return v
	}
	r := []rune(v)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
