package siteeval

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/rmm"
	"github.com/hangup-org/hangup/site"
)

// Targets of the website issue for real hostnames, on the held-out part.
const (
	TargetSubsetRecall = 0.85  // hosts whose name carries a brand or scam word
	TargetFalseAlarms  = 0.005 // held-out popular domains flagged
)

// Config says what to score.
type Config struct {
	Shared *Shared
	// Part is the part scored: Test (the default) or Fit.
	Part          Part
	Organisations []*hangup.Organisation
	Data          *site.Data     // nil: the shipped data
	Tools         *rmm.Catalogue // nil: the shipped catalogue
	// Listings, when set, is loaded into the checker (blocklist feeds).
	Listings hangup.SiteListings
	Examples int // misses and false alarms listed; 0 means 30
	// PopularBrands is passed to the checker (site.Config); 0: the default.
	PopularBrands int
}

// Report holds the figures of one run.
type Report struct {
	Part           Part
	Scam           int // scam hosts scored
	ScamCaught     int // of those, with a warning verdict
	Subset         int // scam hosts whose name holds a subset word
	SubsetCaught   int
	Popular        int // held-out popular domains scored
	PopularFlagged int // of those, impersonation or suspicious
	Hard           int // other genuine hosts: known false positives, Hangup's own list
	HardFlagged    int
	Sources        []SourceScore
	Missed         []Case // a sample of scam hosts not caught (subset first)
	FalseAlarms    []Case // every held-out popular domain flagged, then hard negatives
	// Findings counts, by the first finding of a flagged host, the scam
	// hosts it caught and the held-out popular domains it flagged: which
	// rules earn their false alarms.
	Findings  []FindingScore
	IndexSize int // popular domains the checker knew
	Checks    int
	Elapsed   time.Duration
}

// SourceScore is the figure of one list.
type SourceScore struct {
	Source  string
	Label   Label
	Total   int
	Flagged int
}

// FindingScore is what one finding code flagged.
type FindingScore struct {
	Code    string
	Scam    int // scam hosts caught with it first
	Popular int // held-out popular domains flagged with it first
}

// Case is one host and what the checker said.
type Case struct {
	Host    string
	Source  string
	Verdict hangup.SiteVerdict
	Brand   string
	Finding string
}

// Rate is n/d, 0 when d is 0.
func Rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Met reports whether the two name targets are met.
func (r *Report) Met() bool {
	return Rate(r.SubsetCaught, r.Subset) >= TargetSubsetRecall && Rate(r.PopularFlagged, r.Popular) <= TargetFalseAlarms
}

// holdSalt picks, within the Fit part, the half of the popular domains held
// out of the index when the Fit part is scored, so that false alarms are
// always measured on domains the checker does not know.
const holdSalt = "fit-holdout:"

// heldOut reports whether a popular domain is held out of the index when
// part p is scored.
func heldOut(dom string, p Part) bool {
	part := PartOf(dom)
	switch p {
	case Test:
		return part == Test
	case FitOther:
		return part == Fit && PartOf(holdSalt+dom) != Test
	}
	return part == Fit && PartOf(holdSalt+dom) == Test
}

// Evaluate builds a checker whose popular-domain index holds only the
// popular domains not held out for the part, and scores the part's hosts:
// every scam host, the held-out popular domains, and the other genuine
// hosts. Genuine hosts that the registry or the curated list of brands'
// domains already name are left out: the checker knows them by other means.
func Evaluate(cfg Config) (*Report, error) {
	if cfg.Shared == nil {
		return nil, fmt.Errorf("siteeval: no data")
	}
	part := cmp.Or(cfg.Part, Test)
	examples := cmp.Or(cfg.Examples, 30)
	d := cfg.Data
	if d == nil {
		var err error
		if d, err = site.DefaultData(); err != nil {
			return nil, err
		}
	}
	known := *d
	known.Tranco = nil
	held := map[string]bool{}
	for _, dom := range cfg.Shared.Tranco {
		if heldOut(dom, part) {
			held[dom] = true
		} else {
			known.Tranco = append(known.Tranco, dom)
		}
	}
	chk, err := site.New(site.Config{Organisations: cfg.Organisations, Data: &known, Tools: cfg.Tools, Listings: cfg.Listings, PopularBrands: cfg.PopularBrands})
	if err != nil {
		return nil, err
	}
	other := map[string]bool{}
	for _, b := range chk.Brands() {
		if b.Source != "popular" {
			other[b.Domain] = true
		}
	}
	hostPart := part.Hosts()
	rep := &Report{Part: part, IndexSize: len(known.Tranco)}
	src := map[string]*SourceScore{}
	start := time.Now()
	var missedSubset, missedOther, hardAlarms []Case
	byFinding := map[string]*FindingScore{}
	count := func(code string, scam bool) {
		f := byFinding[code]
		if f == nil {
			f = &FindingScore{Code: code}
			byFinding[code] = f
		}
		if scam {
			f.Scam++
		} else {
			f.Popular++
		}
	}
	for _, h := range cfg.Shared.Hosts {
		popular := h.Source == SourceTranco
		if popular && !held[h.Host] || !popular && h.Part != hostPart {
			continue
		}
		if h.Label == Genuine {
			reg, err := publicsuffix.EffectiveTLDPlusOne(h.Host)
			if err != nil || other[reg] || other[h.Host] {
				continue
			}
		}
		res, err := chk.CheckSite(h.Host)
		rep.Checks++
		flagged := err == nil && (res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious)
		if h.Label == Scam {
			flagged = err == nil && res.Verdict.Warning()
		}
		s := src[h.Source]
		if s == nil {
			s = &SourceScore{Source: h.Source, Label: h.Label}
			src[h.Source] = s
		}
		s.Total++
		if flagged {
			s.Flagged++
		}
		c := Case{Host: h.Host, Source: h.Source, Verdict: res.Verdict, Brand: res.Brand}
		if len(res.Findings) > 0 {
			c.Finding = res.Findings[0].Code
		}
		switch {
		case h.Label == Scam:
			rep.Scam++
			if h.Subset {
				rep.Subset++
			}
			if flagged {
				rep.ScamCaught++
				count(c.Finding, true)
				if h.Subset {
					rep.SubsetCaught++
				}
			} else if h.Subset {
				missedSubset = append(missedSubset, c)
			} else {
				missedOther = append(missedOther, c)
			}
		case popular:
			rep.Popular++
			if flagged {
				rep.PopularFlagged++
				count(c.Finding, false)
				rep.FalseAlarms = append(rep.FalseAlarms, c)
			}
		default:
			rep.Hard++
			if flagged {
				rep.HardFlagged++
				hardAlarms = append(hardAlarms, c)
			}
		}
	}
	rep.Elapsed = time.Since(start)
	rep.FalseAlarms = append(rep.FalseAlarms, hardAlarms...)
	rep.Missed = append(sample(missedSubset, examples), sample(missedOther, examples/3)...)
	for _, f := range byFinding {
		rep.Findings = append(rep.Findings, *f)
	}
	slices.SortFunc(rep.Findings, func(a, b FindingScore) int {
		return cmp.Or(cmp.Compare(b.Popular, a.Popular), cmp.Compare(b.Scam, a.Scam), cmp.Compare(a.Code, b.Code))
	})
	for _, s := range src {
		rep.Sources = append(rep.Sources, *s)
	}
	slices.SortFunc(rep.Sources, func(a, b SourceScore) int {
		return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.Source, b.Source))
	})
	return rep, nil
}

// sample takes n cases spread evenly over cs, so the sample does not
// follow the lists' order.
func sample(cs []Case, n int) []Case {
	if len(cs) <= n {
		return cs
	}
	out := make([]Case, 0, n)
	for i := range n {
		out = append(out, cs[i*len(cs)/n])
	}
	return out
}

// WriteText writes the report for people, as `hangup eval-urls --lists`
// prints it.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	status := "NOT MET"
	if r.Met() {
		status = "met"
	}
	fmt.Fprintf(&b, "Website checker on the shared lists, %s part (popular domains held out of the index: %d known)\n", r.Part, r.IndexSize)
	fmt.Fprintf(&b, "scam hosts with a brand or scam word in the name: %d of %d caught = %.1f%% (target >= %.0f%%)\n",
		r.SubsetCaught, r.Subset, 100*Rate(r.SubsetCaught, r.Subset), 100*TargetSubsetRecall)
	fmt.Fprintf(&b, "all scam hosts:                                   %d of %d caught = %.1f%%\n", r.ScamCaught, r.Scam, 100*Rate(r.ScamCaught, r.Scam))
	fmt.Fprintf(&b, "held-out popular domains flagged:                 %d of %d = %.2f%% (target <= %.1f%%)\n",
		r.PopularFlagged, r.Popular, 100*Rate(r.PopularFlagged, r.Popular), 100*TargetFalseAlarms)
	fmt.Fprintf(&b, "other genuine hosts flagged (hard negatives):     %d of %d = %.1f%%\n", r.HardFlagged, r.Hard, 100*Rate(r.HardFlagged, r.Hard))
	fmt.Fprintf(&b, "targets: %s; %d checks in %v\n\n", status, r.Checks, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "%-36s %-8s %7s %8s %7s\n", "source", "label", "hosts", "flagged", "rate")
	for _, s := range r.Sources {
		fmt.Fprintf(&b, "%-36s %-8s %7d %8d %6.1f%%\n", s.Source, s.Label, s.Total, s.Flagged, 100*Rate(s.Flagged, s.Total))
	}
	if len(r.Findings) > 0 {
		fmt.Fprintf(&b, "\n%-36s %10s %16s\n", "first finding of a flagged host", "scam hosts", "popular domains")
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "%-36s %10d %16d\n", f.Code, f.Scam, f.Popular)
		}
	}
	if len(r.FalseAlarms) > 0 {
		fmt.Fprintf(&b, "\nfalse alarms:\n")
		for _, c := range r.FalseAlarms {
			fmt.Fprintf(&b, "  %-45s %-14s %-13s %s %s\n", c.Host, c.Source, c.Verdict, c.Finding, c.Brand)
		}
	}
	if len(r.Missed) > 0 {
		fmt.Fprintf(&b, "\nmissed (sample, subset first):\n")
		for _, c := range r.Missed {
			fmt.Fprintf(&b, "  %-55s %-28s %s\n", c.Host, c.Source, c.Verdict)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PhishedTargets returns the popular domains that the fit part's scam
// hosts copy, found by a checker with the whole popular index that
// protects every popular domain alike: the list shipped as
// site.PhishedFile. Only the fit part's scam hosts are read, so the test
// part's scam hosts stay held out; a held-out popular domain on the list
// changes nothing when the test part is scored, as it is then no brand at
// all. The list is sorted.
func PhishedTargets(cfg Config) ([]string, error) {
	if cfg.Shared == nil {
		return nil, fmt.Errorf("siteeval: no data")
	}
	d := cfg.Data
	if d == nil {
		var err error
		if d, err = site.DefaultData(); err != nil {
			return nil, err
		}
	}
	known := *d
	known.Phished = nil
	chk, err := site.New(site.Config{Organisations: cfg.Organisations, Data: &known, Tools: cfg.Tools, PopularBrands: cfg.PopularBrands})
	if err != nil {
		return nil, err
	}
	popular := map[string]bool{}
	for _, b := range chk.Brands() {
		if b.Source == "popular" {
			popular[b.Name] = true
		}
	}
	seen := map[string]bool{}
	for _, h := range cfg.Shared.Hosts {
		if h.Label != Scam || h.Part != Fit {
			continue
		}
		res, err := chk.CheckSite(h.Host)
		if err == nil && popular[res.Brand] && (res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious) {
			seen[res.Brand] = true
		}
	}
	return slices.Sorted(maps.Keys(seen)), nil
}
