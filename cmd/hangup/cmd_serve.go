package main

import (
	"flag"
	"log/slog"
)

func newLogger(e *env, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: l}))
}

// runServe runs the web service until interrupted (SIGINT or SIGTERM), then
// drains requests in flight.
func runServe(e *env) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, true)
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	if err := checkPublicURL(cfg.PublicURL, cfg.Addr); err != nil {
		return err
	}
	log := newLogger(e, cfg.LogLevel)
	app, err := NewApp(e.ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	addr, err := app.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("Hangup is running", "url", app.PublicURL(), "listen", addr.String(), "db", displayDB(cfg.DB), "version", version)
	return app.Serve(e.ctx)
}
