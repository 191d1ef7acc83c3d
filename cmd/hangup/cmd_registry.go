package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/registry"
)

func runRegistry(e *env) error {
	if len(e.args) == 0 {
		return usagef("usage: hangup registry import FILE | hangup registry export [--out FILE] | hangup registry check [FILE]")
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "import":
		return registryImport(e)
	case "export":
		return registryExport(e)
	case "check":
		return registryCheck(e)
	}
	return usagef("unknown registry command %q: use import, export or check", sub)
}

// registryImport validates a registry file and applies it all-or-nothing.
// --shipped imports the registry shipped in this binary: how an existing
// installation takes up a newer release's organisations.
func registryImport(e *env) error {
	fs := flag.NewFlagSet("registry import", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	shipped := fs.Bool("shipped", false, "import the registry shipped with this version of Hangup")
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if *shipped && len(args) != 0 || !*shipped && len(args) != 1 {
		return usagef("usage: hangup registry import FILE (\"-\" reads standard input) | hangup registry import --shipped")
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	p, err := numberIntel(cfg)
	if err != nil {
		return err
	}
	var orgs []*hangup.Organisation
	if *shipped {
		if orgs, err = registry.Seed(p); err != nil {
			return err
		}
	} else {
		in := e.stdin
		if name := args[0]; name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return usagef("%v", err)
			}
			defer f.Close()
			in = f
		}
		if orgs, err = registry.Decode(bufio.NewReader(in), p); err != nil {
			return err
		}
	}
	db, _, err := openDatabase(e.ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := registry.NewService(e.ctx, db, p, !cfg.NoSeed)
	if err != nil {
		return err
	}
	before := len(svc.Snapshot().Organisations())
	conflicts, err := svc.Conflicts(e.ctx, orgs)
	if err != nil {
		return err
	}
	if err := svc.Import(e.ctx, orgs); err != nil {
		return err
	}
	// Facts organisations published themselves are never overwritten by a
	// file: say where the file disagrees, and how an analyst settles it.
	for _, c := range conflicts {
		fmt.Fprintf(e.stderr, "Kept published fact %d: %s.\n", c.Fact, c.Message)
	}
	if len(conflicts) > 0 {
		fmt.Fprintf(e.stderr, "%d published fact(s) disagree with the file and were kept (docs/registry.md, \"Which wins\").\n"+
			"To let the file's version stand, withdraw the published fact: hangup org facts withdraw --id ID --reason TEXT.\n", len(conflicts))
	}
	after := len(svc.Snapshot().Organisations())
	fmt.Fprintf(e.stdout, "Imported %d organisations into %s (%d new, %d replaced). The registry now holds %d.\n",
		len(orgs), displayDB(cfg.DB), after-before, len(orgs)-(after-before), after)
	return nil
}

// registryExport writes the registry as a registry file.
func registryExport(e *env) error {
	fs := flag.NewFlagSet("registry export", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	out := fs.String("out", "", "write to this file instead of standard output")
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
	w := e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return usagef("%v", err)
		}
		defer f.Close()
		w = f
	}
	return registry.Encode(w, eng.registry.Imported()) // published facts stay the organisations' own
}

// registryCheck lints a registry: the shipped one, a file, or (with --db) the
// database's. It exits 1 when any fact breaks a rule (a source that is not
// the organisation's own or an authority's, no call-back route, a malformed
// or misattributed source URL); facts due for re-checking are listed as
// warnings, and fail the check only with --strict.
func registryCheck(e *env) error {
	fs := flag.NewFlagSet("registry check", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	maxAge := fs.Int("max-age", 12, "months after which a source is due for re-checking")
	strict := fs.Bool("strict", false, "fail on warnings too (sources due for re-checking, plain http)")
	fromDB := fs.Bool("from-db", false, "check the registry in the database instead of a file")
	asJSON := fs.Bool("json", false, "print the findings and counts as JSON")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 1 || *fromDB && fs.NArg() == 1 {
		return usagef("usage: hangup registry check [FILE | --from-db] [--max-age MONTHS] [--strict] [--json]")
	}
	if *maxAge < 1 || *maxAge > 120 {
		return usagef("--max-age must be between 1 and 120 months")
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	p, err := numberIntel(cfg)
	if err != nil {
		return err
	}
	var orgs []*hangup.Organisation
	var authorities []registry.Authority // nil: the shipped list
	what := "the registry shipped with Hangup"
	switch {
	case *fromDB:
		eng, err := loadEngines(e.ctx, cfg)
		if err != nil {
			return err
		}
		orgs = eng.registry.Imported()
		what = "the registry in " + displayDB(cfg.DB)
	case fs.NArg() == 1:
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return usagef("%v", err)
		}
		defer f.Close()
		file, err := registry.DecodeFile(bufio.NewReader(f), p)
		if err != nil {
			return err
		}
		orgs, authorities, what = file.Organisations, file.Authorities, fs.Arg(0)
	default:
		if orgs, err = registry.Seed(p); err != nil {
			return err
		}
	}
	findings, sum := registry.Lint(orgs, registry.LintOptions{MaxAge: time.Duration(*maxAge) * 30 * 24 * time.Hour, Authorities: authorities})
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Summary  registry.LintSummary   `json:"summary"`
			Findings []registry.LintFinding `json:"findings"`
		}{sum, findings}); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintf(e.stdout, "%-7s %s %s: %s\n", f.Severity, f.Org, f.Field, f.Message)
		}
		fmt.Fprintf(e.stdout, "\n%s: %d organisations (%d kind-level), %d with a policy of their own, %d with a call-back route; %d sourced facts, %d due for re-checking; %d errors, %d warnings.\n",
			what, sum.Organisations, sum.Generic, sum.WithOwnPolicy, sum.WithCallBack, sum.Sources, sum.StaleSources, sum.Errors, sum.Warnings)
	}
	if sum.Errors > 0 || *strict && sum.Warnings > 0 {
		return errors.New("the registry check found problems")
	}
	return nil
}
