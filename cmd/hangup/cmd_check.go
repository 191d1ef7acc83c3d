package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/reputation"
)

// engines is what the one-shot commands need: the number engine and a
// registry snapshot. They read the database if it exists, and otherwise the
// registry shipped in the binary, so "hangup check" works on a fresh machine
// without creating files.
type engines struct {
	numbers  *phone.Intel
	registry *registry.Snapshot
	feeds    *feed.Index // the enabled feeds' copies; empty without a database
	haveDB   bool        // the database exists
	// sites is what reports and analysts say about websites, as the
	// server sees it (docs/reputation.md); loaded only when asked for,
	// and nil without a database.
	sites *reputation.Service
}

// loadOption asks loadEngines for more than every command needs.
type loadOption int

// withWebsiteReputation also loads the reputation that reports and
// analysts give websites, from the same database connection.
const withWebsiteReputation loadOption = 1

func loadEngines(ctx context.Context, cfg Config, opts ...loadOption) (*engines, error) {
	p, err := numberIntel(cfg)
	if err != nil {
		return nil, err
	}
	var orgs []*hangup.Organisation
	var snap *registry.Snapshot
	var feeds *feed.Index
	var sites *reputation.Service
	// A PostgreSQL database always exists; a SQLite file may not yet.
	var statErr error
	if !postgres.IsURL(cfg.DB) {
		_, statErr = os.Stat(cfg.DB)
	}
	if statErr == nil {
		db, _, err := openDatabase(ctx, cfg.DB)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		if orgs, err = db.ListOrganisations(ctx); err != nil {
			return nil, err
		}
		if err := registry.Validate(orgs, p); err != nil {
			return nil, err
		}
		// What organisations published and verified counts here too.
		if snap, err = registry.PublishedSnapshot(ctx, db, orgs); err != nil {
			return nil, err
		}
		fsvc := feed.NewService(db, feed.Config{})
		if err := fsvc.Load(ctx); err != nil {
			return nil, err
		}
		feeds = fsvc.Index()
		if slices.Contains(opts, withWebsiteReputation) {
			sites = reputation.New(reputation.DefaultConfig(), db)
			if err := sites.Load(ctx); err != nil {
				return nil, err
			}
		}
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return nil, fmt.Errorf("database %s: %w", cfg.DB, statErr)
	}
	if len(orgs) == 0 {
		if orgs, err = registry.Seed(p); err != nil {
			return nil, err
		}
		snap = registry.NewSnapshot(orgs)
	}
	return &engines{numbers: p, registry: snap, feeds: feeds, haveDB: statErr == nil, sites: sites}, nil
}

// listFlag collects a comma-separated list; the flag may also be repeated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func runCheck(e *env) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	number := fs.String("number", "", "the number shown (empty or \"withheld\" if hidden)")
	claims := fs.String("claims", "", "who the caller said they were")
	started := fs.String("started", "", "how it began: "+strings.Join(startedNames(), ", ")+" (default unsure)")
	unsolicited := fs.Bool("unsolicited", false, "they called out of the blue (the same as --started they_called)")
	notes := fs.String("notes", "", "what they said, in your words (\"-\" reads standard input)")
	website := fs.String("website", "", "a website they told you to visit")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var asked listFlag
	fs.Var(&asked, "asked", "what they asked for, comma-separated: "+strings.Join(askNames(), ", "))
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: hangup check --number N --claims ORG [--started HOW] [--asked LIST] [--notes TEXT] [--website W] [--json]")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q (put text in quotes: --claims \"Microsoft support\")", fs.Args())
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	if *notes == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, 4*check.MaxNotesLen+1))
		if err != nil {
			return err
		}
		*notes = string(b)
	}
	eng, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	req := hangup.CheckRequest{Number: *number, Claims: *claims, Started: hangup.Started(*started), Unsolicited: *unsolicited,
		Notes: *notes, Website: *website}
	for _, a := range asked {
		req.Asked = append(req.Asked, hangup.Ask(a))
	}
	if *unsolicited && req.Started != "" && req.Started != hangup.StartedTheyCalled {
		return usagef("--unsolicited means --started they_called; give one or the other")
	}
	if req.Empty() {
		return usagef("tell Hangup something about the call: the number (--number), who they said they were (--claims), what they asked for (--asked), what they said (--notes) or a website (--website).\nUntil you know more: hang up, and call back on a number you find yourself, on a bill, a card or the organisation's own website.")
	}
	an, err := eng.analyzer()
	if err != nil {
		return err
	}
	res, err := check.New(eng.numbers, eng.registry).WithAnalyzer(an).Check(e.ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, res)
	}
	printCheck(e.stdout, res)
	return nil
}

func startedNames() []string {
	out := make([]string, len(hangup.StartedValues))
	for i, s := range hangup.StartedValues {
		out[i] = string(s)
	}
	return out
}

func askNames() []string {
	out := make([]string, len(hangup.Asks))
	for i, a := range hangup.Asks {
		out[i] = string(a)
	}
	return out
}

func runNumber(e *env) error {
	fs := flag.NewFlagSet("number", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: hangup number NUMBER [--json]")
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(positional) == 0 {
		return usagef("give a number: hangup number \"0906 123 4567\"")
	}
	input := strings.Join(positional, " ")
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	eng, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	n := eng.numbers.ParseNumber(input)
	if n.Unreadable() {
		return hangup.Invalid(n.UnreadableReason())
	}
	owner := ""
	if o, on, ok := eng.registry.OrganisationByNumber(n.LookupKey()); ok {
		owner = fmt.Sprintf("%s: %s (%s)", o.Name, on.Label, on.Role)
	}
	if *asJSON {
		return printJSON(e.stdout, struct {
			hangup.Number
			Organisation string `json:"organisation,omitempty"`
		}{n, owner})
	}
	printNumber(e.stdout, &n, owner)
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
