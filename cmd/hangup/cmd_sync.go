package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/hangup-org/hangup/blocklist"
)

const syncUsage = "usage: hangup sync --from URL --key KEY [--every 1m] [--once] (or HANGUP_SYNC_FROM, HANGUP_SYNC_KEY)"

// runSync keeps this Hangup's copy of a central Hangup's blocklist: a PBX's
// own Hangup then blocks what the central one lists, and goes on doing so
// while the central one is out of reach. A serving node on the same
// database picks the listings up within its refresh interval.
func runSync(e *env) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	fs.StringVar(&l.cfg.SyncFrom, "from", "", "the central Hangup's address, e.g. https://hangup.example.org")
	fs.StringVar(&l.cfg.SyncKey, "key", "", "its API key with the export scope (better: HANGUP_SYNC_KEY, which ps doesn't show)")
	fs.StringVar(&l.cfg.SyncEvery, "every", "", "how often to pull (default 1m)")
	once := fs.Bool("once", false, "pull once and exit")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q\n%s", fs.Args(), syncUsage)
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	if cfg.SyncFrom == "" {
		return usagef("--from and --key are required\n%s", syncUsage)
	}
	app, err := NewApp(e.ctx, cfg, newLogger(e, "info"))
	if err != nil {
		return err
	}
	defer app.Close()
	report := func(res blocklist.SyncResult) {
		switch {
		case res.NotModified:
			fmt.Fprintf(e.stdout, "Blocklist from %s: unchanged at version %d.\n", app.Syncer.Source(), res.Version)
		case res.Snapshot:
			fmt.Fprintf(e.stdout, "Blocklist from %s: whole list at version %d, %d numbers.\n", app.Syncer.Source(), res.Version, res.Changes)
		default:
			fmt.Fprintf(e.stdout, "Blocklist from %s: %d changes, now at version %d.\n", app.Syncer.Source(), res.Changes, res.Version)
		}
	}
	if *once {
		res, err := app.Syncer.Once(e.ctx)
		if err != nil {
			return err
		}
		report(res)
		return nil
	}
	every := cfg.syncEvery()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if res, err := app.Syncer.Once(e.ctx); err != nil {
			fmt.Fprintf(e.stderr, "hangup: %v (the listings held here stay in force; trying again in %s)\n", err, every)
		} else if !res.NotModified {
			report(res)
		}
		select {
		case <-e.ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
