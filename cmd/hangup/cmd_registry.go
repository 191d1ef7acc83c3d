package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/hangup-org/hangup/registry"
)

func runRegistry(e *env) error {
	if len(e.args) == 0 {
		return usagef("usage: hangup registry import FILE | hangup registry export [--out FILE]")
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "import":
		return registryImport(e)
	case "export":
		return registryExport(e)
	}
	return usagef("unknown registry command %q: use import or export", sub)
}

// registryImport validates a registry file and applies it all-or-nothing.
func registryImport(e *env) error {
	fs := flag.NewFlagSet("registry import", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("usage: hangup registry import FILE (\"-\" reads standard input)")
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	p, err := numberIntel(cfg)
	if err != nil {
		return err
	}
	in := e.stdin
	if name := args[0]; name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return usagef("%v", err)
		}
		defer f.Close()
		in = f
	}
	orgs, err := registry.Decode(bufio.NewReader(in), p)
	if err != nil {
		return err
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
	if err := svc.Import(e.ctx, orgs); err != nil {
		return err
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
	return registry.Encode(w, eng.registry.Organisations())
}
