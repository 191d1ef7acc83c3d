package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/page"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/site/siteeval"
)

// runURL checks website addresses: one on the command line, or a batch of
// JSON lines on standard input.
func runURL(e *env) error {
	fs := flag.NewFlagSet("url", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	batch := fs.Bool("jsonl", false, `read {"id": …, "text": …} lines from standard input and write one result line each`)
	claims := fs.String("claims", "", "registry id of the organisation the caller claimed (e.g. microsoft)")
	fetchPages := fs.Bool("fetch-pages", false, "also fetch and read the page for fake warnings and numbers to call (public addresses only; scripts never run)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: hangup url ADDRESS [--claims ORG-ID] [--fetch-pages] [--json]\n       hangup url --jsonl < lines.jsonl")
		fs.PrintDefaults()
	}
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	eng, err := loadEngines(e.ctx, cfg, withWebsiteReputation)
	if err != nil {
		return err
	}
	scfg := site.Config{Organisations: eng.registry.Organisations()}
	rep := eng.sites
	switch {
	case rep != nil && eng.feeds.Len() > 0:
		scfg.Listings = site.Listings(eng.feeds, rep)
	case rep != nil:
		scfg.Listings = rep
	case eng.feeds.Len() > 0:
		scfg.Listings = eng.feeds
	}
	chk, err := site.New(scfg)
	if err != nil {
		return err
	}
	if rep != nil {
		rep.SetOfficialSites(chk.Official)
	}
	if *batch {
		if len(args) > 0 {
			return usagef("--jsonl reads standard input; don't give an address too")
		}
		return site.CheckJSONL(e.stdin, e.stdout, chk)
	}
	if len(args) == 0 {
		return usagef("give an address: hangup url anydesk.com")
	}
	sc, err := chk.CheckSiteFor(strings.Join(args, " "), *claims)
	if err != nil {
		return err
	}
	if *fetchPages && page.Worth(sc) {
		pages, err := page.New(page.Config{Client: cfg.pageClient, Numbers: eng.numbers, MaxConcurrent: 1})
		if err != nil {
			return err
		}
		pc, err := pages.CheckPage(e.ctx, sc.URL)
		if err != nil {
			return err
		}
		page.Merge(&sc, pc)
	}
	if *asJSON {
		return printJSON(e.stdout, sc)
	}
	words := map[hangup.SiteVerdict]string{hangup.SiteOfficial: "OFFICIAL", hangup.SiteRemoteAccessTool: "REMOTE-ACCESS TOOL",
		hangup.SiteImpersonation: "IMPERSONATION", hangup.SiteSuspicious: "SUSPICIOUS", hangup.SiteUnknown: "UNKNOWN"}
	head := words[sc.Verdict]
	if sc.Brand != "" {
		head += " (" + sc.Brand + ")"
	}
	fmt.Fprintf(e.stdout, "%s  %s\n%s\n", head, sc.Host, wrap(sc.Summary, ""))
	for _, f := range sc.Findings {
		fmt.Fprintln(e.stdout, wrap(fmt.Sprintf("- [%s] %s", severityWords[f.Severity], f.Message), "  "))
	}
	if p := sc.Page; p != nil {
		head := "The page"
		if p.Title != "" {
			head += " (" + p.Title + ")"
		}
		fmt.Fprintln(e.stdout, "\n"+head+":")
		for _, s := range p.Signs {
			fmt.Fprintln(e.stdout, wrap(fmt.Sprintf("- [%s] %s", severityWords[s.Severity], s.Message), "  "))
		}
		if len(p.Signs) == 0 {
			fmt.Fprintln(e.stdout, "- No signs of a fake warning page.")
		}
		for _, ph := range p.Phones {
			fmt.Fprintf(e.stdout, "- Phone number shown: %s (%s)\n", ph.Display, ph.Number)
		}
	}
	return nil
}

// runEvalURLs measures the website checker: on generated lookalikes and
// held-out popular domains (the default), on the shared phishing and scam
// lists' held-out part (--lists DIR), or on anyone's labelled JSON lines
// (--data FILE).
func runEvalURLs(e *env) error {
	fs := flag.NewFlagSet("eval-urls", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	seed := fs.Uint64("seed", 1, "seed of the lookalike generator")
	popular := fs.Int("popular-brands", 0, "how many top popular domains the checker protects (default: the checker's default)")
	data := fs.String("data", "", `a JSON-lines file of {"text": ADDRESS, "label": "scam"|"genuine"} to score the checker on`)
	lists := fs.String("lists", "", "the shared data directory: score the held-out part of the phishing and scam lists against held-out popular domains")
	part := fs.String("part", "test", "with --lists: the part to score: test (held out), fit (what the name analysis was tuned on) or fit-other (fit, with its other half of popular domains held out)")
	writeData := fs.String("write-data", "", "with --lists: also write the part's hosts as JSON lines for --data")
	writeTargets := fs.String("write-targets", "", "with --lists: write the popular domains the fit part's scam hosts copy (the shipped data/phished/brands.txt) and stop")
	var feedFiles listFlag
	fs.Var(&feedFiles, "feed-file", "with --lists or --data: load a local blocklist into the checker as a feed, PATH=FORMAT (hosts, adblock, domains or csv); repeatable")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	eng, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	orgs := eng.registry.Organisations()
	var listings hangup.SiteListings
	if len(feedFiles) > 0 {
		ix, err := localFeeds(feedFiles)
		if err != nil {
			return err
		}
		listings = ix
	} else if eng.feeds.Len() > 0 {
		listings = eng.feeds
	}
	switch {
	case *data != "":
		f, err := os.Open(*data)
		if err != nil {
			return usagef("--data: %v", err)
		}
		defer f.Close()
		chk, err := site.New(site.Config{Organisations: orgs, Listings: listings})
		if err != nil {
			return err
		}
		rep, err := siteeval.EvalData(f, chk)
		if err != nil {
			return err
		}
		return rep.WriteText(e.stdout)
	case *lists != "":
		d, err := site.DefaultData()
		if err != nil {
			return err
		}
		shared, err := siteeval.LoadShared(*lists, append(append([]string{}, d.FreeHosts...), d.SiteBuilders...))
		if err != nil {
			return usagef("--lists: %v", err)
		}
		p := siteeval.Part(*part)
		if !p.Valid() {
			return usagef("--part must be test, fit or fit-other")
		}
		if *writeTargets != "" {
			return writeTargetList(*writeTargets, siteeval.Config{Shared: shared, Organisations: orgs, PopularBrands: *popular})
		}
		if *writeData != "" {
			if err := writeLabelled(*writeData, shared, p); err != nil {
				return err
			}
		}
		rep, err := siteeval.Evaluate(siteeval.Config{Shared: shared, Part: p, Organisations: orgs, Listings: listings, PopularBrands: *popular})
		if err != nil {
			return err
		}
		return rep.WriteText(e.stdout)
	}
	rep, err := site.EvalURLs(site.EvalConfig{Organisations: orgs, Seed: *seed, PopularBrands: *popular})
	if err != nil {
		return err
	}
	if err := rep.WriteText(e.stdout); err != nil {
		return err
	}
	if !rep.Met() {
		return fmt.Errorf("a target was missed (see above)")
	}
	return nil
}

// localFeeds reads blocklist files (PATH=FORMAT) as feeds, for
// evaluations; each is named after its file.
func localFeeds(specs []string) (*feed.Index, error) {
	var sources []feed.Source
	for _, spec := range specs {
		path, format, ok := strings.Cut(spec, "=")
		if !ok {
			return nil, usagef("--feed-file %s: want PATH=FORMAT, e.g. hosts.txt=hosts", spec)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, usagef("--feed-file: %v", err)
		}
		l, err := feed.Parse(f, hangup.FeedFormat(format), 0)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("--feed-file %s: %w", path, err)
		}
		es := make([]hangup.FeedEntry, len(l.Names))
		for i, n := range l.Names {
			es[i] = hangup.FeedEntry{Name: n}
		}
		sources = append(sources, feed.Source{Feed: filepath.Base(path), Entries: es})
	}
	return feed.NewIndex(sources), nil
}

// writeLabelled writes a part of the shared lists as {"text", "label"}
// lines: held-out popular domains and the part's other hosts.
func writeLabelled(path string, s *siteeval.Shared, p siteeval.Part) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	p = p.Hosts()
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, h := range s.Hosts {
		if h.Part != p {
			continue
		}
		if err := enc.Encode(map[string]string{"text": h.Host, "label": string(h.Label), "source": h.Source}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeTargetList writes siteeval.PhishedTargets, one domain a line, under
// a header that says how it was made.
func writeTargetList(path string, cfg siteeval.Config) error {
	doms, err := siteeval.PhishedTargets(cfg)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# Popular domains that phishing and scam hosts were seen copying: the fit part of the\n")
	b.WriteString("# Phishing.Database community lists and the durablenapkin scam blocklist (MIT), as\n")
	b.WriteString("# found by: hangup eval-urls --lists ../shared/data --write-targets data/phished/brands.txt\n")
	for _, d := range doms {
		b.WriteString(d + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
