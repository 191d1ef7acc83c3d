package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/agi"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/stir"
)

// agiAddr adds the FastAGI default port to an address that names none:
// "127.0.0.1" → "127.0.0.1:4573", ":4573" stays.
func agiAddr(a string) string {
	if _, _, err := net.SplitHostPort(a); err == nil {
		return a
	}
	host := strings.Trim(a, "[]")
	if strings.Contains(host, ":") && net.ParseIP(host) == nil {
		return a // not a host: left for Validate to reject
	}
	return net.JoinHostPort(host, strconv.Itoa(agi.DefaultPort))
}

// newVerifier builds the STIR/SHAKEN verifier: the configured trust anchors
// and an HTTPS fetcher with its certificate cache. Without trust anchors
// it returns nil, and Identity headers get No-TN-Validation with a reason
// saying why.
func newVerifier(cfg Config) (*stir.Verifier, error) {
	if strings.TrimSpace(cfg.StirTrustAnchors) == "" {
		return nil, nil
	}
	var paths []string
	for _, p := range strings.Split(cfg.StirTrustAnchors, ",") {
		if p = strings.TrimSpace(p); p != "" {
			paths = append(paths, p)
		}
	}
	pool, err := stir.LoadTrustAnchors(paths...)
	if err != nil {
		return nil, usagef("--stir-trust-anchors: %v", err)
	}
	fetcher := cfg.stirFetcher
	if fetcher == nil {
		fetcher = stir.NewHTTPFetcher(stir.HTTPFetcherConfig{})
	}
	return stir.NewVerifier(stir.Config{TrustAnchors: pool, Fetcher: fetcher, Now: cfg.stirNow})
}

// newEngine builds a screening engine over a registry snapshot and a
// reputation index.
func newEngine(cfg Config, numbers screen.Config, reg *registry.Snapshot, rep *reputation.Index) (*screen.Engine, error) {
	v, err := newVerifier(cfg)
	if err != nil {
		return nil, err
	}
	numbers.Verifier = v
	e, err := screen.New(numbers)
	if err != nil {
		return nil, err
	}
	e.SetRegistry(reg)
	if rep != nil {
		e.SetReputation(rep)
	}
	return e, nil
}

// wireScreening builds the screening engine, its metrics and the API key
// set, and keeps the engine's snapshot in step with the registry and the
// reputation index: both call back synchronously after each swap, so a
// change reaches screening as soon as it is in memory.
func (a *App) wireScreening(ctx context.Context) error {
	a.Metrics = metrics.New()
	var err error
	a.Screen, err = newEngine(a.cfg, screen.Config{Numbers: a.Numbers, Reputation: a.Reputation.Config(), Observer: a.Metrics},
		a.Registry.Snapshot(), a.Reputation.Index())
	if err != nil {
		return err
	}
	a.Registry.OnSwap(a.Screen.SetRegistry)
	a.Reputation.OnSwap(a.Screen.SetReputation)
	a.ScreenKeys = screen.NewKeys(a.DB, screen.KeysConfig{Logger: a.log, RateLimited: a.Metrics.RateLimited})
	if err := a.ScreenKeys.Reload(ctx); err != nil {
		return fmt.Errorf("loading API keys: %w", err)
	}
	if a.cfg.ScreenKeys && a.ScreenKeys.Len() == 0 {
		a.log.Info("no screening API keys yet: make one with \"hangup apikey add --name NAME\" (or serve with --screen-keys=false for local use)")
	}
	return nil
}

// KeysInterval is how often a serving node checks whether API keys changed
// in another process: one cheap query, so a key made with "hangup apikey
// add" works within a second.
var KeysInterval = time.Second

// followKeys reloads API keys on change notices and every KeysInterval,
// until the returned function is called.
func (a *App) followKeys() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	kick := make(chan struct{}, 1)
	unsub := a.Changes.Subscribe(func(c hangup.Change) {
		if c.Topic == hangup.TopicAPIKeys {
			select {
			case kick <- struct{}{}:
			default:
			}
		}
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(KeysInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-kick:
			case <-t.C:
			}
			if err := a.ScreenKeys.Reload(ctx); err != nil && !errors.Is(err, context.Canceled) {
				a.log.Log(ctx, logLevel(err), "reloading API keys", "err", err)
			}
		}
	}()
	return func() { unsub(); cancel(); <-done }
}

// listenAGI opens the FastAGI listener if one is configured.
func (a *App) listenAGI() (net.Addr, error) {
	if a.cfg.AGI == "" {
		return nil, nil
	}
	srv, err := agi.New(agi.Config{Screen: a.Screen, Keys: a.ScreenKeys, NoKeys: !a.cfg.ScreenKeys, Requests: a.Metrics.Request, Logger: a.log})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", a.cfg.AGI)
	if err != nil {
		return nil, fmt.Errorf("FastAGI: listen on %s: %w", a.cfg.AGI, err)
	}
	a.agi, a.agiListener = srv, ln
	a.log.Info("FastAGI for Asterisk", "url", "agi://"+ln.Addr().String()+"/screen", "keys", a.cfg.ScreenKeys)
	return ln.Addr(), nil
}

// AGIAddr returns the FastAGI listener's address, or nil.
func (a *App) AGIAddr() net.Addr {
	if a.agiListener == nil {
		return nil
	}
	return a.agiListener.Addr()
}

// serveAGI serves FastAGI until the returned function is called.
func (a *App) serveAGI() (stop func()) {
	if a.agi == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := a.agi.Serve(a.agiListener); err != nil {
			a.log.Error("FastAGI server stopped", "err", err)
		}
	}()
	return func() { a.agi.Close(); <-done }
}

// runScreen screens one call from the command line with the same engine the
// server uses: the registry and reputation from the database if it exists
// (the shipped registry otherwise), and STIR/SHAKEN verification when trust
// anchors are given.
func runScreen(e *env) error {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindScreening(fs, false, true)
	var req hangup.ScreenRequest
	var identity listFlag
	fs.StringVar(&req.From, "from", "", "the calling number (any SIP form; empty if withheld)")
	fs.StringVar(&req.To, "to", "", "the called number")
	fs.Func("identity", "an Identity header value (repeat for several)", func(v string) error { identity = append(identity, v); return nil })
	fs.StringVar(&req.Verstat, "verstat", "", "verification status set upstream, e.g. TN-Validation-Passed")
	fs.BoolVar(&req.International, "international", false, "the call came in over an international gateway")
	asJSON := fs.Bool("json", false, "print the decision as JSON")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("screen takes flags only, got %q (quote numbers with spaces)", fs.Args())
	}
	if req.From == "" && req.To == "" {
		return usagef("give the call: --from N --to N")
	}
	if !knownVerstat(req.Verstat) {
		return usagef("--verstat %q is not a verification status: use TN-Validation-Passed (optionally -A, -B or -C), TN-Validation-Failed or No-TN-Validation", req.Verstat)
	}
	req.Identity = identity
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	en, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	rep, err := loadReputation(e.ctx, cfg, en.registry)
	if err != nil {
		return err
	}
	eng, err := newEngine(cfg, screen.Config{Numbers: en.numbers}, en.registry, rep)
	if err != nil {
		return err
	}
	d, err := eng.Screen(e.ctx, req, nil)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	printDecision(e, d)
	return nil
}

// knownVerstat reports whether v is empty or a verification status as
// networks write it (any case): what --verstat takes.
func knownVerstat(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "", "tn-validation-passed", "tn-validation-failed", "no-tn-validation",
		"tn-validation-passed-a", "tn-validation-passed-b", "tn-validation-passed-c":
		return true
	}
	return false
}

// loadReputation reads the reputation index from the database if it exists,
// without creating one: nil when there is none yet.
func loadReputation(ctx context.Context, cfg Config, reg *registry.Snapshot) (*reputation.Index, error) {
	if !databaseExists(cfg.DB) {
		return nil, nil
	}
	db, _, err := openDatabase(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rep := reputation.New(reputation.DefaultConfig(), db)
	rep.SetVerified(verifiedNumbers(reg))
	if err := rep.Load(ctx); err != nil {
		return nil, err
	}
	return rep.Index(), nil
}

func printDecision(e *env, d *hangup.Decision) {
	words := map[hangup.ScreenAction]string{hangup.ActionAllow: "ALLOW", hangup.ActionLabel: "LABEL", hangup.ActionWarn: "WARN", hangup.ActionBlock: "BLOCK"}
	fmt.Fprint(e.stdout, words[d.Action])
	if d.Label != "" {
		fmt.Fprintf(e.stdout, ": %s", d.Label)
	}
	fmt.Fprintf(e.stdout, "\n  Risk: %d/100\n  Verstat: %s", d.Score, d.Verstat)
	if d.Attestation != "" {
		fmt.Fprintf(e.stdout, " (attestation %s)", d.Attestation)
	}
	fmt.Fprintln(e.stdout)
	if d.Caller != "" {
		fmt.Fprintf(e.stdout, "  Caller: %s", d.Caller)
		if d.Organisation != "" {
			fmt.Fprintf(e.stdout, " (%s)", d.Organisation)
		}
		fmt.Fprintln(e.stdout)
	}
	if d.SIP.Code != 0 {
		fmt.Fprintf(e.stdout, "  SIP: %d %s, Reason: %s\n", d.SIP.Code, d.SIP.Phrase, d.SIP.Reason)
	}
	for _, r := range d.Reasons {
		fmt.Fprintln(e.stdout, wrap(fmt.Sprintf("- %s [%s] %s", r.Code, severityWords[r.Severity], r.Message), "  "))
	}
}

// databaseExists reports whether the database is there to read: a
// PostgreSQL URL always is; a SQLite file may not be yet.
func databaseExists(dsn string) bool {
	if postgres.IsURL(dsn) {
		return true
	}
	_, err := os.Stat(dsn)
	return err == nil
}
