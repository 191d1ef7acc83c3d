package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/agi"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/check"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/site"
)

// App is a running Hangup: the database, the engines and the HTTP server,
// wired once. Tests start a real App on 127.0.0.1:0.
type App struct {
	cfg Config
	log *slog.Logger
	DB  Database // SQLite or PostgreSQL, chosen by Config.DB
	// Changes is the change feed shared by every node on the database.
	// Anything that caches data in memory subscribes to it to follow
	// changes made through other nodes (Change.Local false); see follow.
	Changes    hangup.Changes
	Numbers    *phone.Intel
	Registry   *registry.Service
	Checker    *check.Engine
	Reputation *reputation.Service
	Reports    *report.Service
	Accounts   *account.Service
	Sites      *site.Live
	Analyzer   *analyze.Engine
	Calls      *analyze.Sessions
	Server     *hhttp.Server
	Screen     *screen.Engine   // call screening (cmd_screen.go)
	ScreenKeys *screen.Keys     // screening clients' API keys
	Metrics    *metrics.Metrics // Prometheus metrics at /metrics
	Mailer     hangup.Mailer    // reporters' confirmations; nil when no mail server is configured

	httpServer *http.Server
	listener   net.Listener
	follower   *follower

	agi         *agi.Server // FastAGI for Asterisk, when Config.AGI is set
	agiListener net.Listener
}

// numberIntel builds the phone engine for cfg: the default region and, if
// configured, newer Ofcom tables read from disk.
func numberIntel(cfg Config) (*phone.Intel, error) {
	pc := phone.Config{DefaultRegion: cfg.DefaultRegion}
	if cfg.OfcomDir != "" {
		o, err := phone.LoadOfcom(os.DirFS(cfg.OfcomDir), ".")
		if err != nil {
			return nil, usagef("--ofcom-dir %s: %v", cfg.OfcomDir, err)
		}
		pc.Ofcom = o
	}
	return phone.New(pc)
}

// NewApp opens the database (creating and seeding it on first run) and
// wires the engines and the server.
func NewApp(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	a := &App{cfg: cfg, log: log}
	var err error
	if a.Numbers, err = numberIntel(cfg); err != nil {
		return nil, err
	}
	if a.DB, a.Changes, err = openDatabase(ctx, cfg.DB); err != nil {
		return nil, err
	}
	if a.Registry, err = registry.NewService(ctx, a.DB, a.Numbers, !cfg.NoSeed); err != nil {
		a.DB.Close()
		return nil, err
	}
	if err := a.wire(ctx); err != nil {
		a.DB.Close()
		return nil, err
	}
	return a, nil
}

// wire builds the engines over the open database and the registry.
func (a *App) wire(ctx context.Context) error {
	cfg := a.cfg
	a.Reputation = reputation.New(reputation.DefaultConfig(), a.DB)
	a.Reputation.SetVerified(verifiedNumbers(a.Registry.Snapshot()))
	a.Registry.OnSwap(func(s *registry.Snapshot) { a.Reputation.SetVerified(verifiedNumbers(s)) })
	if err := a.Reputation.Load(ctx); err != nil {
		return err
	}
	checker, err := site.New(site.Config{Organisations: a.Registry.Snapshot().Organisations()})
	if err != nil {
		return err
	}
	a.Sites = site.NewLive(checker)
	// The website checker protects registry organisations' names: rebuild it
	// aside when the registry changes, then swap it in.
	a.Registry.OnSwap(func(s *registry.Snapshot) {
		if c, err := site.New(site.Config{Organisations: s.Organisations()}); err == nil {
			a.Sites.Set(c)
		} else {
			a.log.Error("rebuilding the website checker", "err", err)
		}
	})
	if a.Analyzer, err = analyze.New(analyze.Deps{Numbers: a.Numbers, Orgs: a.Registry, Sites: a.Sites}); err != nil {
		return err
	}
	a.Calls = analyze.NewSessions(a.Analyzer, analyze.SessionConfig{})
	a.Reports, err = report.New(ctx, report.Deps{Store: a.DB, Numbers: a.Numbers, Orgs: a.Registry, Reputation: a.Reputation,
		Secrets: a.DB, Sites: a.Sites, Analyzer: a.Analyzer, Region: a.Numbers.DefaultRegion()})
	if err != nil {
		return err
	}
	a.Accounts = account.New(a.DB)
	a.Checker = check.New(a.Numbers, a.Registry).WithReputation(a.Reputation).WithSites(a.Sites).WithAnalyzer(a.Analyzer)
	if err := a.wireScreening(ctx); err != nil {
		return err
	}
	if cfg.SMTPHost != "" {
		m, err := mail.New(cfg.mailConfig())
		if err != nil {
			return err
		}
		a.Mailer = m
		a.log.Info("reporters' confirmations by email", "mail", cfg.mailConfig())
	}
	hc := hhttp.DefaultConfig()
	hc.RateLimit, hc.RateBurst, hc.BodyLimit, hc.TrustProxy, hc.Version = cfg.RateLimit, cfg.RateBurst, cfg.BodyLimit, cfg.TrustProxy, version
	hc.PublicURL, hc.SecureCookies = cfg.PublicURL, cfg.SecureCookies
	hc.ScreenNoKeys = !cfg.ScreenKeys
	a.Server, err = hhttp.NewServer(hc, hhttp.Deps{
		Checker: a.Checker, Numbers: a.Numbers, Registry: a.Registry, Ready: a.DB.Ping, Logger: a.log,
		Reports: a.Reports, ReportDB: a.DB, Reputation: a.Reputation, RepDB: a.DB, Accounts: a.Accounts, Secrets: a.DB,
		Sites: a.Sites, Analyzer: a.Analyzer, Calls: a.Calls,
		Screen: a.Screen, ScreenKeys: a.ScreenKeys, Metrics: a.Metrics, Shares: a.DB, Mailer: a.Mailer,
	})
	return err
}

// verifiedNumbers lists every number the registry publishes for a named
// organisation: reports can never list them as scams.
func verifiedNumbers(s *registry.Snapshot) map[string]string {
	out := map[string]string{}
	for _, o := range s.Organisations() {
		if o.Generic {
			continue
		}
		for _, n := range o.Numbers {
			if n.E164 != "" {
				out[n.E164] = o.Name
			}
		}
	}
	return out
}

// Listen opens the listening socket (":0" picks a free port).
func (a *App) Listen(addr string) (net.Addr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	a.listener = ln
	a.httpServer = &http.Server{
		Handler:           a.Server,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	if _, err := a.listenAGI(); err != nil {
		ln.Close()
		return nil, err
	}
	return ln.Addr(), nil
}

// Serve serves until ctx is cancelled, then stops taking new connections and
// lets requests in flight finish (up to 15 s) before returning. While it
// serves, the App follows changes made through other nodes.
func (a *App) Serve(ctx context.Context) error {
	if a.follower == nil {
		a.follow()
	}
	defer a.followKeys()()
	defer a.serveAGI()()
	errc := make(chan error, 1)
	go func() { errc <- a.httpServer.Serve(a.listener) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := a.httpServer.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && e != nil {
		err = errors.Join(err, e)
	}
	return err
}

// Close stops following changes and releases the database.
func (a *App) Close() error {
	a.follower.stop()
	return a.DB.Close()
}
