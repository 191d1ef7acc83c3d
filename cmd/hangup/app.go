package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/hangup-org/hangup/activity"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/agi"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/codesend"
	"github.com/hangup-org/hangup/feed"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/page"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/stats"
	"github.com/hangup-org/hangup/webhook"
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
	Activity   *activity.Service
	Accounts   *account.Service
	Sites      *site.Live
	Feeds      *feed.Service // blocklist feeds: fetched on schedule while serving, listed in site checks
	Pages      *page.Checker // page checks, with --fetch-pages; nil otherwise
	Analyzer   *analyze.Engine
	Calls      *analyze.Sessions
	Server     *hhttp.Server
	Screen     *screen.Engine     // call screening (cmd_screen.go)
	ScreenKeys *screen.Keys       // screening clients' API keys
	Metrics    *metrics.Metrics   // Prometheus metrics at /metrics
	Blocklist  *blocklist.Service // the shared blocklist, its sync and exports
	Syncer     *blocklist.Syncer  // pulls a central Hangup's blocklist, when Config.SyncFrom is set
	Mailer     hangup.Mailer      // reporters' confirmations; nil when no mail server is configured
	Portal     *orgportal.Service // organisations' claims and published facts
	Alerts     *alert.Service     // public alerts about organisations, live ones in memory
	Dashboards *orgdash.Service   // organisations' dashboards
	Webhooks   *webhook.Service   // organisations' notifications, scanned and sent while serving

	httpServer *http.Server
	listener   net.Listener
	follower   *follower

	metricsServer   *http.Server // Prometheus on Config.MetricsAddr, when set
	metricsListener net.Listener

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
	a.Reputation.FollowSynced(a.DB)
	a.Reputation.SetVerified(verifiedNumbers(a.Registry.Snapshot()))
	a.Registry.OnSwap(func(s *registry.Snapshot) { a.Reputation.SetVerified(verifiedNumbers(s)) })
	if err := a.Reputation.Load(ctx); err != nil {
		return err
	}
	a.Feeds = feed.NewService(a.DB, feed.Config{Client: cfg.feedClient, Logger: a.log})
	if err := a.Feeds.Load(ctx); err != nil {
		return err
	}
	// Websites are listed by feeds and by what reports and analysts say
	// (docs/reputation.md); reports never list an official website.
	listings := site.Listings(a.Feeds, a.Reputation)
	checker, err := site.New(site.Config{Organisations: a.Registry.Snapshot().Organisations(), Listings: listings})
	if err != nil {
		return err
	}
	a.Sites = site.NewLive(checker)
	a.Reputation.SetOfficialSites(a.Sites.Official)
	// The website checker protects registry organisations' names: rebuild it
	// aside when the registry changes, then swap it in.
	a.Registry.OnSwap(func(s *registry.Snapshot) {
		if c, err := site.New(site.Config{Organisations: s.Organisations(), Listings: listings}); err == nil {
			a.Sites.Set(c)
		} else {
			a.log.Error("rebuilding the website checker", "err", err)
		}
	})
	if a.Analyzer, err = analyze.New(analyze.Deps{Numbers: a.Numbers, Orgs: a.Registry, Sites: a.Sites}); err != nil {
		return err
	}
	if cfg.FetchPages {
		if a.Pages, err = page.New(page.Config{Client: cfg.pageClient, Numbers: a.Numbers, Reputation: a.Reputation, Links: a.DB, Logger: a.log}); err != nil {
			return err
		}
	}
	a.Calls = analyze.NewSessions(a.Analyzer, cfg.liveCalls)
	a.Reports, err = report.New(ctx, report.Deps{Store: a.DB, Evidence: a.DB, Numbers: a.Numbers, Orgs: a.Registry, Reputation: a.Reputation,
		Secrets: a.DB, Sites: a.Sites, Analyzer: a.Analyzer, Region: a.Numbers.DefaultRegion(),
		AnonymousPerHour: cfg.anonReportsPerHour, Logger: a.log})
	if err != nil {
		return err
	}
	a.Accounts = account.New(a.DB)
	a.Alerts = alert.New(alert.Deps{Store: a.DB, Logger: a.log, Known: func(id string) bool {
		_, ok := a.Registry.Snapshot().Organisation(id)
		return ok
	}})
	if err := a.Alerts.Reload(ctx); err != nil {
		return fmt.Errorf("loading the alerts: %w", err)
	}
	a.Dashboards = orgdash.New(orgdash.Deps{Reports: a.DB, Sites: a.Sites, Feeds: func() orgdash.FeedNames { return a.Feeds.Index() }})
	a.Checker = check.New(a.Numbers, a.Registry).WithReputation(a.Reputation).WithSites(a.Sites).WithAnalyzer(a.Analyzer).WithAlerts(a.Alerts)
	if a.Activity, err = activity.New(ctx, a.DB, a.DB); err != nil {
		return err
	}
	if err := a.wireScreening(ctx); err != nil {
		return err
	}
	if err := a.wireSharing(ctx); err != nil {
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
	if err := a.wirePortal(); err != nil {
		return err
	}
	a.Webhooks = webhook.New(webhook.Config{}, webhook.Deps{Store: a.DB, Reports: a.DB, Mailer: a.Mailer, Logger: a.log,
		Organisation: func(id string) (*hangup.Organisation, bool) { return a.Registry.Snapshot().Organisation(id) },
		PublicURL:    func() string { return a.Server.PublicURL() }})
	hc := hhttp.DefaultConfig()
	hc.RateLimit, hc.RateBurst, hc.BodyLimit, hc.Version = cfg.RateLimit, cfg.RateBurst, cfg.BodyLimit, version
	if hc.TrustedProxies, err = cfg.TrustProxy.Parse(); err != nil {
		return usagef("%v", err)
	}
	hc.PublicURL, hc.SecureCookies, hc.MetricsKey = cfg.PublicURL, cfg.SecureCookies, cfg.MetricsKey
	hc.ReportFormMinTime = cfg.reportFormMinTime
	hc.ScreenNoKeys = !cfg.ScreenKeys
	hc.LookupsPerHour = cfg.LookupsPerHour
	a.Server, err = hhttp.NewServer(hc, hhttp.Deps{
		Checker: a.Checker, Numbers: a.Numbers, Registry: a.Registry, Ready: a.DB.Ping, Logger: a.log,
		Reports: a.Reports, ReportDB: a.DB, Reputation: a.Reputation, RepDB: a.DB, Accounts: a.Accounts, Secrets: a.DB,
		Sites: a.Sites, Analyzer: a.Analyzer, Calls: a.Calls, Pages: pageChecker(a.Pages), SiteNumbers: a.DB,
		Screen: a.Screen, ScreenKeys: a.ScreenKeys, Metrics: a.Metrics, Blocklist: a.Blocklist, Shares: a.DB, Mailer: a.Mailer,
		Portal: a.Portal,
		Alerts: a.Alerts, Dashboards: a.Dashboards, Webhooks: a.Webhooks,
		Stats:    stats.New(stats.Config{}, stats.Deps{Store: a.DB, OrgName: a.orgName}),
		Activity: a.Activity,
	})
	return err
}

// wirePortal builds the organisation portal: codes by Twilio when it is
// configured, domains proven through the system's DNS and the SSRF-safe
// fetcher.
func (a *App) wirePortal() error {
	codes := a.cfg.codeSender
	if codes == nil && a.cfg.TwilioAccountSID != "" {
		tw, err := codesend.NewTwilio(codesend.TwilioConfig{AccountSID: a.cfg.TwilioAccountSID, AuthToken: a.cfg.TwilioAuthToken,
			From: a.cfg.TwilioFrom, BaseURL: a.cfg.TwilioAPI})
		if err != nil {
			return err
		}
		codes = tw
	}
	prover := a.cfg.prover
	if prover == nil {
		prover = orgportal.NewProver()
	}
	var err error
	a.Portal, err = orgportal.New(orgportal.Config{}, orgportal.Deps{Store: a.DB, Users: a.DB, Keys: a.DB, Registry: a.Registry,
		Numbers: a.Numbers, Mailer: a.Mailer, Codes: codes, Prover: prover, Logger: a.log,
		PublicURL: func() string {
			if a.Server == nil {
				return a.cfg.PublicURL
			}
			return a.Server.PublicURL()
		}})
	return err
}

// orgName names a registry organisation for the public figures.
func (a *App) orgName(id string) string {
	if o, ok := a.Registry.Snapshot().OrganisationByID(id); ok {
		return o.Name
	}
	return ""
}

// pageChecker keeps a nil *page.Checker a nil interface for http.Deps.
func pageChecker(p *page.Checker) hangup.PageChecker {
	if p == nil {
		return nil
	}
	return p
}

// wireSharing builds the blocklist service (docs/sharing.md) and, when
// this Hangup follows a central one, the syncer.
func (a *App) wireSharing(ctx context.Context) error {
	bc := blocklist.DefaultConfig()
	bc.MinConfidence, bc.Suspected, bc.AddressBookSize = a.cfg.BlocklistMinConfidence, a.cfg.BlocklistSuspected, a.cfg.AddressBookSize
	if a.cfg.blocklistEvery > 0 {
		bc.Every = a.cfg.blocklistEvery
	}
	if a.cfg.blocklistMinGap > 0 {
		bc.MinGap = a.cfg.blocklistMinGap
	}
	var err error
	if a.Blocklist, err = blocklist.New(bc, blocklist.Deps{Reputation: a.Reputation, Store: a.DB, Reports: a.DB, Orgs: a.Registry, Logger: a.log}); err != nil {
		return err
	}
	if err := a.Blocklist.Reload(ctx); err != nil {
		return fmt.Errorf("loading the blocklist: %w", err)
	}
	if a.cfg.SyncFrom != "" {
		if a.Syncer, err = blocklist.NewSyncer(blocklist.SyncConfig{From: a.cfg.SyncFrom, Key: a.cfg.SyncKey}, a.DB, a.log); err != nil {
			return err
		}
		a.Syncer.Changed = func(ctx context.Context) error {
			a.Reputation.SyncedChanged()
			return a.Reputation.Refresh(ctx)
		}
	}
	return nil
}

// runSharing publishes the blocklist on its interval and, when set, pulls
// the central one, until the returned function is called.
func (a *App) runSharing() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); a.Blocklist.Run(ctx) }()
	if a.Syncer != nil {
		wg.Add(1)
		go func() { defer wg.Done(); a.Syncer.Run(ctx, a.cfg.syncEvery()) }()
	}
	return func() { cancel(); wg.Wait() }
}

// verifiedNumbers lists every number the registry publishes for a named
// organisation: reports can never list them as scams.
func verifiedNumbers(s *registry.Snapshot) map[string]reputation.Verified {
	out := map[string]reputation.Verified{}
	for _, o := range s.Organisations() {
		if o.Generic {
			continue
		}
		for _, n := range o.Numbers {
			if n.E164 != "" {
				out[n.E164] = reputation.Verified{Organisation: o.Name, Number: n.Number}
			}
		}
	}
	return out
}

// Listen opens the listening socket (":0" picks a free port). Links the
// server writes (tracking links, Location headers) are built from
// Config.PublicURL or, when that is unset and addr is on this machine only
// (loopback), from the address listened on; any other address without a
// public URL is refused, saying what to set.
func (a *App) Listen(addr string) (net.Addr, error) {
	if err := checkPublicURL(a.cfg.PublicURL, addr); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	a.listener = ln
	if a.cfg.PublicURL == "" {
		a.Server.SetPublicURL(loopbackURL(addr, ln.Addr()))
	}
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
	if err := a.listenMetrics(); err != nil {
		ln.Close()
		return nil, err
	}
	return ln.Addr(), nil
}

// checkPublicURL refuses to serve on an address other machines can reach
// without a public URL: the server would otherwise have to build links from
// the Host header, which the client writes.
func checkPublicURL(publicURL, addr string) error {
	if publicURL != "" {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("%q is not a listen address such as localhost:8080", addr)
	}
	if host == "localhost" {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.Unmap().IsLoopback() {
		return nil
	}
	return usagef("--addr %s accepts connections from other machines, so Hangup must be told the address people use "+
		"to reach it (it is written into tracking links): set --public-url or HANGUP_PUBLIC_URL, e.g. https://hangup.example.org "+
		"(or listen on this machine only, e.g. --addr localhost:8080)", addr)
}

// loopbackURL is the public address of a server listening on loopback:
// "http://localhost:8080" when asked for localhost, else the address itself.
func loopbackURL(asked string, got net.Addr) string {
	host, _, _ := net.SplitHostPort(asked)
	_, port, _ := net.SplitHostPort(got.String())
	if host != "localhost" {
		host, _, _ = net.SplitHostPort(got.String())
	}
	return "http://" + net.JoinHostPort(host, port)
}

// PublicURL returns the address links are built from.
func (a *App) PublicURL() string { return a.Server.PublicURL() }

// listenMetrics opens the separate Prometheus listener, if configured.
func (a *App) listenMetrics() error {
	if a.cfg.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("metrics: listen on %s: %w", a.cfg.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	a.metricsListener = ln
	a.metricsServer = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn)}
	a.log.Info("Prometheus metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return nil
}

// MetricsAddr returns the metrics listener's address, or nil.
func (a *App) MetricsAddr() net.Addr {
	if a.metricsListener == nil {
		return nil
	}
	return a.metricsListener.Addr()
}

// serveMetrics serves the metrics listener until the returned function is
// called.
func (a *App) serveMetrics() (stop func()) {
	if a.metricsServer == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := a.metricsServer.Serve(a.metricsListener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("metrics server stopped", "err", err)
		}
	}()
	return func() { a.metricsServer.Close(); <-done }
}

// Serve serves until ctx is cancelled, then stops taking new connections and
// lets requests in flight finish (up to 15 s) before returning. While it
// serves, the App follows changes made through other nodes.
func (a *App) Serve(ctx context.Context) error {
	if a.follower == nil {
		a.follow()
	}
	defer a.followKeys()()
	defer a.runSharing()()
	defer a.serveAGI()()
	defer a.refreshFeeds()()
	defer a.runWebhooks()()
	defer a.serveMetrics()()
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

// FeedTick is how often a serving node looks for feeds due a refresh and
// reloads the feeds' copies if another node changed them.
var FeedTick = time.Minute

// refreshFeeds fetches due feeds in the background while the App serves;
// the returned function stops it and waits.
func (a *App) refreshFeeds() func() {
	if a.cfg.manualFeeds {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.Feeds.Run(ctx, FeedTick)
	}()
	return func() { cancel(); <-done }
}

// runWebhooks scans for organisations' events and sends their notices
// until the returned function is called.
func (a *App) runWebhooks() func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.Webhooks.Run(ctx)
	}()
	return func() { cancel(); <-done }
}

// Close stops following changes and releases the database.
func (a *App) Close() error {
	a.follower.stop()
	return a.DB.Close()
}
