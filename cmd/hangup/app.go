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

	"github.com/hangup-org/hangup/check"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/sqlite"
)

// App is a running Hangup: the database, the engines and the HTTP server,
// wired once. Tests start a real App on 127.0.0.1:0.
type App struct {
	cfg      Config
	log      *slog.Logger
	DB       *sqlite.DB
	Numbers  *phone.Intel
	Registry *registry.Service
	Checker  *check.Engine
	Server   *hhttp.Server

	httpServer *http.Server
	listener   net.Listener
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
	if a.DB, err = sqlite.Open(ctx, cfg.DB); err != nil {
		return nil, err
	}
	if a.Registry, err = registry.NewService(ctx, a.DB, a.Numbers, !cfg.NoSeed); err != nil {
		a.DB.Close()
		return nil, err
	}
	a.Checker = check.New(a.Numbers, a.Registry)
	hc := hhttp.DefaultConfig()
	hc.RateLimit, hc.RateBurst, hc.BodyLimit, hc.TrustProxy, hc.Version = cfg.RateLimit, cfg.RateBurst, cfg.BodyLimit, cfg.TrustProxy, version
	a.Server, err = hhttp.NewServer(hc, hhttp.Deps{
		Checker: a.Checker, Numbers: a.Numbers, Registry: a.Registry, Ready: a.DB.Ping, Logger: log,
	})
	if err != nil {
		a.DB.Close()
		return nil, err
	}
	return a, nil
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
	return ln.Addr(), nil
}

// Serve serves until ctx is cancelled, then stops taking new connections and
// lets requests in flight finish (up to 15 s) before returning.
func (a *App) Serve(ctx context.Context) error {
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

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
