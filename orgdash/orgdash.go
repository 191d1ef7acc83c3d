// Package orgdash builds an organisation's dashboard: the impersonation
// aimed at it, from the reports that name it, the website checker and the
// blocklist feeds. Reports over time as a chart, the numbers and call-back
// numbers scammers used, the remote-access tools and payment methods they
// asked for, the websites they named, lookalikes of its own domains, and
// its own numbers shown on scam calls (spoofed). Only counts and the
// scammers' own details: never a reporter's.
package orgdash

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/chart"
	"golang.org/x/net/publicsuffix"
)

// Limits of one dashboard.
const (
	DefaultWeeks  = 12
	MaxWeeks      = 52
	MaxReports    = 20000 // reports read for one dashboard; beyond, Capped is set
	maxRows       = 50    // rows of each table
	maxFeedHits   = 100   // lookalikes from feeds
	maxCandidates = 5000  // feed names checked by the website checker for one organisation
)

// FeedNames is every name on the blocklist feeds (feed.Index).
type FeedNames interface {
	EachName(fn func(name string) bool)
}

// Deps are the sources of a dashboard.
type Deps struct {
	Reports hangup.ReportStore
	Sites   hangup.SiteChecker // nil: no lookalike checks
	// Feeds returns the current feed index; nil: none.
	Feeds func() FeedNames
}

// Service builds dashboards. It is safe for concurrent use.
type Service struct {
	deps Deps
	now  func() time.Time

	mu    sync.Mutex
	cache map[string]feedScan // organisation id → lookalikes on the feeds
}

type feedScan struct {
	index FeedNames
	at    time.Time
	hits  []Lookalike
}

// New returns a service over deps.
func New(deps Deps) *Service {
	return &Service{deps: deps, now: time.Now, cache: map[string]feedScan{}}
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Count is one value and how many reports name it.
type Count struct {
	Value   string `json:"value"`
	Reports int    `json:"reports"`
}

// Lookalike is a website address made to look like one of the
// organisation's own, and where Hangup saw it.
type Lookalike struct {
	Host    string `json:"host"`
	Where   string `json:"where"`   // "reports" or "feed"
	Reports int    `json:"reports"` // reports naming it (Where "reports")
	Summary string `json:"summary"` // the website checker's sentence
}

// Dashboard is what one organisation sees about the impersonation aimed at
// it over a period.
type Dashboard struct {
	Organisation    *hangup.Organisation `json:"-"`
	From            time.Time            `json:"from"`
	To              time.Time            `json:"to"`
	Reports         int                  `json:"reports"` // reports naming it in the period
	Capped          bool                 `json:"capped"`  // more reports than MaxReports: counts cover the newest
	Chart           chart.Chart          `json:"-"`
	Weeks           []Count              `json:"weeks"` // label and reports, oldest first
	NumbersShown    []Count              `json:"numbers_shown"`
	CallbackNumbers []Count              `json:"callback_numbers"`
	Tools           []Count              `json:"tools"`
	PaymentMethods  []Count              `json:"payment_methods"`
	Happened        []Count              `json:"happened"` // what people did: installed, let in, paid…
	Websites        []Count              `json:"websites"`
	Lookalikes      []Lookalike          `json:"lookalikes"`
	Spoofed         []Count              `json:"spoofed"` // its own numbers shown on reported calls
}

// Build returns the dashboard of org over the weeks weeks ending now.
func (s *Service) Build(ctx context.Context, org *hangup.Organisation, weeks int) (*Dashboard, error) {
	if weeks <= 0 {
		weeks = DefaultWeeks
	}
	weeks = min(weeks, MaxWeeks)
	now := s.now().UTC()
	labels, _ := chart.CountByWeek(now, weeks, nil)
	from := weekStart(now).AddDate(0, 0, -7*(weeks-1))
	d := &Dashboard{Organisation: org, From: from, To: now}
	var times []time.Time
	shown, callback, tools, pay, asked, sites := counter{}, counter{}, counter{}, counter{}, counter{}, counter{}
	f := hangup.ReportFilter{OrganisationID: org.ID, From: from, Limit: 1000}
	for {
		rs, err := s.deps.Reports.ListReports(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			times = append(times, r.CreatedAt)
			shown.add(r.NumberShownE164)
			callback.add(r.CallbackE164)
			pay.add(strings.ToLower(strings.TrimSpace(r.PaymentMethod)))
			for _, h := range r.Happened {
				asked.add(h.Label())
			}
			for _, l := range r.Links {
				switch l.Kind {
				case hangup.LinkTool:
					tools.add(l.Value)
				case hangup.LinkDomain:
					sites.add(l.Value)
				}
			}
		}
		if len(rs) < f.Limit {
			break
		}
		if len(times) >= MaxReports {
			d.Capped = true
			break
		}
		f.AfterID = rs[len(rs)-1].ID
	}
	d.Reports = len(times)
	_, values := chart.CountByWeek(now, weeks, times)
	for i, l := range labels {
		d.Weeks = append(d.Weeks, Count{l, int(values[i])})
	}
	d.Chart = chart.Chart{Title: "Reports naming " + org.Name + ", by week", Kind: chart.Bars, Labels: labels,
		Series: []chart.Series{{Name: "Reports", Values: values}}, ID: "dashboard-" + org.ID}
	d.NumbersShown, d.CallbackNumbers, d.Tools, d.PaymentMethods, d.Happened = shown.top(), callback.top(), tools.top(), pay.top(), asked.top()
	d.Websites = sites.top()
	d.Lookalikes = s.lookalikes(org, sites)
	spoofed, err := s.spoofed(ctx, org, from)
	if err != nil {
		return nil, err
	}
	d.Spoofed = spoofed
	return d, nil
}

// spoofed counts the reports, naming anyone, whose caller showed one of
// org's own numbers: a number it calls out from being spoofed, or a
// receive-only number that is never genuine on an incoming call.
func (s *Service) spoofed(ctx context.Context, org *hangup.Organisation, from time.Time) ([]Count, error) {
	c := counter{}
	for i, n := range org.Numbers {
		if n.E164 == "" || i >= 50 {
			continue
		}
		rs, err := s.deps.Reports.ListReports(ctx, hangup.ReportFilter{Number: n.E164, From: from, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if r.NumberShownE164 == n.E164 {
				c.add(n.E164)
			}
		}
	}
	return c.top(), nil
}

// lookalikes checks the websites the reports named and the names on the
// feeds against org's own domains.
func (s *Service) lookalikes(org *hangup.Organisation, named counter) []Lookalike {
	if s.deps.Sites == nil || len(org.Domains) == 0 {
		return []Lookalike{}
	}
	out := []Lookalike{}
	for host, n := range named {
		if sc, ok := s.impersonates(org, host); ok {
			out = append(out, Lookalike{Host: host, Where: "reports", Reports: n, Summary: sc.Summary})
		}
	}
	slices.SortFunc(out, func(a, b Lookalike) int { return cmp.Or(b.Reports-a.Reports, strings.Compare(a.Host, b.Host)) })
	for _, l := range s.feedLookalikes(org) {
		if !slices.ContainsFunc(out, func(x Lookalike) bool { return x.Host == l.Host }) {
			out = append(out, l)
		}
	}
	return out
}

func (s *Service) impersonates(org *hangup.Organisation, host string) (hangup.SiteCheck, bool) {
	sc, err := s.deps.Sites.CheckSite(host)
	return sc, err == nil && sc.Verdict == hangup.SiteImpersonation && sc.OrganisationID == org.ID
}

// feedLookalikes scans the feeds for names that could copy one of org's
// domains (they hold its name, or a name a letter or two from it) and has
// the website checker confirm each. The scan is kept until the feeds
// change, or for ten minutes.
func (s *Service) feedLookalikes(org *hangup.Organisation) []Lookalike {
	if s.deps.Feeds == nil {
		return nil
	}
	ix := s.deps.Feeds()
	if ix == nil {
		return nil
	}
	now := s.now()
	s.mu.Lock()
	c, ok := s.cache[org.ID]
	s.mu.Unlock()
	if ok && c.index == ix && now.Sub(c.at) < 10*time.Minute {
		return c.hits
	}
	labels := brandLabels(org)
	var hits []Lookalike
	checked := 0
	ix.EachName(func(name string) bool {
		if !candidate(name, labels) {
			return true
		}
		checked++
		if sc, ok := s.impersonates(org, name); ok {
			hits = append(hits, Lookalike{Host: name, Where: "feed", Summary: sc.Summary})
		}
		return checked < maxCandidates && len(hits) < maxFeedHits
	})
	slices.SortFunc(hits, func(a, b Lookalike) int { return strings.Compare(a.Host, b.Host) })
	s.mu.Lock()
	s.cache[org.ID] = feedScan{index: ix, at: now, hits: hits}
	s.mu.Unlock()
	return hits
}

// brandLabels are the names of org's domains without their public suffix
// ("microsoft" for microsoft.com), long enough to be told apart.
func brandLabels(org *hangup.Organisation) []string {
	var out []string
	for _, d := range org.Domains {
		reg, err := publicsuffix.EffectiveTLDPlusOne(d.Domain)
		if err != nil {
			continue
		}
		suffix, _ := publicsuffix.PublicSuffix(reg)
		label := strings.TrimSuffix(strings.TrimSuffix(reg, suffix), ".")
		if len(label) >= 4 && !slices.Contains(out, label) {
			out = append(out, label)
		}
	}
	return out
}

// candidate reports whether a feed name could copy a brand label: it holds
// it, or one of its labels is at most two edits from it.
func candidate(name string, labels []string) bool {
	for _, l := range labels {
		if strings.Contains(name, l) {
			return true
		}
		if len(l) < 5 {
			continue
		}
		for part := range strings.SplitSeq(strings.ReplaceAll(name, "-", "."), ".") {
			if d := len(part) - len(l); d >= -2 && d <= 2 && edits(part, l) <= 2 {
				return true
			}
		}
	}
	return false
}

// edits is the Levenshtein distance between a and b (bytes: names are
// ASCII).
func edits(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// counter counts values, ignoring empty ones.
type counter map[string]int

func (c counter) add(v string) {
	if v != "" {
		c[v]++
	}
}

// top returns the most frequent values, most reports first, then by value.
func (c counter) top() []Count {
	out := make([]Count, 0, len(c))
	for v, n := range c {
		out = append(out, Count{v, n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(b.Reports-a.Reports, strings.Compare(a.Value, b.Value)) })
	return out[:min(len(out), maxRows)]
}

// weekStart is the Monday 00:00 UTC of t's week, as chart.CountByWeek
// counts.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}
