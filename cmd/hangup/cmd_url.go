package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/page"
	"github.com/hangup-org/hangup/site"
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
	eng, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	scfg := site.Config{Organisations: eng.registry.Organisations()}
	if eng.feeds.Len() > 0 {
		scfg.Listings = eng.feeds
	}
	chk, err := site.New(scfg)
	if err != nil {
		return err
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

// runEvalURLs measures the website checker on generated lookalikes and
// held-out popular domains, and fails when a target is missed.
func runEvalURLs(e *env) error {
	fs := flag.NewFlagSet("eval-urls", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	seed := fs.Uint64("seed", 1, "seed of the lookalike generator")
	popular := fs.Int("popular-brands", 0, "how many top popular domains the checker protects (default: the checker's default)")
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
	rep, err := site.EvalURLs(site.EvalConfig{Organisations: eng.registry.Organisations(), Seed: *seed, PopularBrands: *popular})
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
