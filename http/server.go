// Package http is Hangup's web server: the JSON API, the HTML pages for
// people checking a call, and the adapters for telephony systems. Handlers
// only decode, call an engine and render: every decision lives in the
// engines, so the API, the pages and the CLI give the same answers.
//
// This package holds the Server, its configuration, routes and
// middleware, and the pages and API it answers itself (the call check,
// a report's tracking page, the organisations, the public figures,
// websites and transcripts, signing in). It mounts the handlers of the
// packages under it: reportform (the report form), numbers (a number's
// API answer and pages), alerts (the public alerts' pages, feeds and API), sharing (the
// blocklist, its files and exports), carddav (the blocklist as an address
// book), telephony (call screening for phone systems), portal (the
// organisation portal's pages), orgapi (the organisation API) and staff
// (the analysts' and administrators' pages). Package web under
// http/internal is what they share: errors, JSON, rendering, sessions.
package http

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup/activity"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/carddav"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/numbers"
	"github.com/hangup-org/hangup/http/orgapi"
	"github.com/hangup-org/hangup/http/portal"
	"github.com/hangup-org/hangup/http/reportform"
	"github.com/hangup-org/hangup/http/sharing"
	"github.com/hangup-org/hangup/http/staff"
	"github.com/hangup-org/hangup/http/telephony"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/ratelimit"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/stats"
	"github.com/hangup-org/hangup/webhook"
)

// Config holds the server's own settings. cmd/hangup fills it from flags,
// environment and file.
type Config struct {
	BodyLimit int64   // bytes; bigger request bodies get 413
	RateLimit float64 // requests per second per client address on the API and forms; 0 disables
	RateBurst int
	// TrustedProxies are the operator's own reverse proxies: from them,
	// and only from them, the client address is taken from X-Forwarded-For
	// or Forwarded (the rightmost entry they did not write). Empty: the
	// headers are ignored.
	TrustedProxies clientip.Proxies
	Version        string // shown in the footer and /healthz
	// SecureCookies marks cookies Secure even when the request arrived over
	// plain HTTP (behind a TLS-terminating proxy).
	SecureCookies bool
	// PublicURL is the site's address as people reach it, for links in
	// answers ("https://hangup.example.org"). It is never taken from the
	// request. Empty: links are relative ("/r/…") until SetPublicURL.
	PublicURL string
	// MetricsKey, if set, serves the Prometheus metrics at /metrics to
	// requests with "Authorization: Bearer <MetricsKey>". Empty: /metrics
	// is not served here (the App can serve it on a listener of its own).
	MetricsKey string
	// ReportFormMinTime is the least time between starting the report form
	// and sending it: a faster last step is shown again (people never are
	// that fast; scripts are). 0 switches it off. See docs/security.md.
	ReportFormMinTime time.Duration
	// CallsPerKey is how many live calls (POST /api/v1/calls) one API key
	// keeps at once; clients without a key get the sessions' per-client cap.
	CallsPerKey int
	// ScreenNoKeys switches API keys off for the screening endpoints (local
	// use: a PBX on the same host). Requests are then limited per client
	// address like the rest of the API.
	ScreenNoKeys bool
	// LookupsPerHour and LookupBurst limit the anonymous private lookup
	// (GET /api/v1/lookup/{prefix}) per client, against enumeration of the
	// list. 0: the defaults, 600 an hour with bursts of 60.
	LookupsPerHour float64
	LookupBurst    int
}

// DefaultConfig returns the defaults: 64 KiB bodies, 20 requests a second per
// address with bursts of 40, 500 live calls per API key.
func DefaultConfig() Config {
	return Config{BodyLimit: 64 << 10, RateLimit: 20, RateBurst: 40, Version: "dev", CallsPerKey: 500}
}

// Registry is the part of the registry service the server reads.
type Registry interface {
	Snapshot() *registry.Snapshot
}

// Deps are the engines the server renders.
type Deps struct {
	Checker     hangup.Checker
	Numbers     hangup.NumberService
	Registry    Registry
	Reports     *report.Service
	ReportDB    hangup.ReportStore     // analyst queries
	Reputation  *reputation.Service    // number reputation
	RepDB       hangup.ReputationStore // appeals and the allow-list
	Activity    *activity.Service      // lookups and "this number called me"; nil: none
	Accounts    *account.Service
	Secrets     hangup.SecretStore
	Sites       hangup.SiteChecker          // website checks; nil disables /api/v1/urls
	Pages       hangup.PageChecker          // page checks on /api/v1/urls (serve --fetch-pages); nil: addresses only
	SiteNumbers hangup.SiteNumberStore      // the sites that showed a number, in number lookups; nil: none
	Analyzer    hangup.Analyzer             // transcript analysis; nil disables /api/v1/analyses
	Calls       *analyze.Sessions           // live calls; nil disables /api/v1/calls
	Ready       func(context.Context) error // readiness probe, e.g. a database ping; nil means always ready
	Logger      *slog.Logger
	Screen      *screen.Engine          // call screening; nil answers 503 on the screening endpoints
	ScreenKeys  *screen.Keys            // API keys of screening clients
	Metrics     *metrics.Metrics        // Prometheus metrics at /metrics; nil disables
	Blocklist   *blocklist.Service      // the shared blocklist, exports and CardDAV; nil disables them
	Shares      hangup.SharedCheckStore // short links to check results; nil: results have none
	Stats       *stats.Service          // the public figures (/stats); nil disables them
	// Mailer sends a reporter's confirmation when they give an email
	// address; nil sends nothing. It needs Config.PublicURL: emailed links
	// are absolute and must not come from a request's Host header.
	Mailer hangup.Mailer
	// Portal is the organisation portal (sign-up, claims, published
	// facts, /api/v1/org/); nil disables it.
	Portal *orgportal.Service
	// Alerts are the public alerts about organisations; nil disables the
	// alert pages, feeds and API.
	Alerts *alert.Service
	// Dashboards build organisations' dashboards; nil disables them.
	Dashboards *orgdash.Service
	// Webhooks are organisations' notifications; nil disables their pages.
	Webhooks *webhook.Service
}

// Server serves Hangup over HTTP.
type Server struct {
	cfg     Config
	deps    Deps
	log     *slog.Logger
	mux     *http.ServeMux
	site    *web.Site
	limiter *ratelimit.Keyed
	// lookupLimiter limits private lookups per client, on top of limiter.
	lookupLimiter *ratelimit.Keyed
	handler       http.Handler
	telephony     *telephony.Handler
	orgAPI        *orgapi.Handler
	sharing       *sharing.Handler
	alerts        *alerts.Handler
	portal        *portal.Handler
	numbers       *numbers.Handler
	staff         *staff.Handler
	reportForm    *reportform.Handler
	csrfKey       []byte
	public        atomic.Pointer[string]
}

// SetPublicURL sets the address links are built from. The App calls it
// once it knows where it listens; safe to call while serving.
func (s *Server) SetPublicURL(u string) {
	u = strings.TrimSuffix(u, "/")
	s.public.Store(&u)
}

// PublicURL returns the address links are built from ("" for relative
// links).
func (s *Server) PublicURL() string {
	if u := s.public.Load(); u != nil {
		return *u
	}
	return ""
}

// NewServer builds the server and parses every template, failing fast on a
// broken one.
func NewServer(cfg Config, deps Deps) (*Server, error) {
	if deps.Checker == nil || deps.Numbers == nil || deps.Registry == nil {
		return nil, errors.New("http: Checker, Numbers and Registry are required")
	}
	if deps.Mailer != nil && cfg.PublicURL == "" {
		return nil, errors.New("http: sending email needs the public URL (HANGUP_PUBLIC_URL): links in emails must be absolute")
	}
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = DefaultConfig().BodyLimit
	}
	s := &Server{cfg: cfg, deps: deps, log: deps.Logger, mux: http.NewServeMux()}
	s.SetPublicURL(cfg.PublicURL)
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	s.csrfKey = make([]byte, 32)
	if deps.Secrets != nil {
		if s.csrfKey, err = deps.Secrets.Secret(context.Background(), "csrf-key", func() ([]byte, error) {
			b := make([]byte, 32)
			_, err := rand.Read(b)
			return b, err
		}); err != nil {
			return nil, fmt.Errorf("http: csrf key: %w", err)
		}
	} else if _, err := rand.Read(s.csrfKey); err != nil {
		return nil, err
	}
	if s.site, err = web.NewSite(templateFS, funcs, cfg.Version, s.csrfKey, s.log); err != nil {
		return nil, err
	}
	s.limiter = ratelimit.New(cfg.RateLimit, cfg.RateBurst, maxClients)
	perHour, burst := cfg.LookupsPerHour, cfg.LookupBurst
	if perHour <= 0 {
		perHour = 600
	}
	if burst <= 0 {
		burst = 60
	}
	s.lookupLimiter = ratelimit.New(perHour/3600, burst, maxClients)
	s.telephony = telephony.New(telephony.Config{NoKeys: cfg.ScreenNoKeys}, telephony.Deps{
		Screen: deps.Screen, Keys: deps.ScreenKeys, Metrics: deps.Metrics, Logger: s.log,
		Allow: func(r *http.Request) bool { return s.limiter.Allow(s.clientKey(r), time.Now()) },
	})
	s.orgAPI = orgapi.New(orgapi.Deps{Registry: deps.Registry, Keys: deps.ScreenKeys, Portal: deps.Portal,
		Dashboards: deps.Dashboards, Alerts: deps.Alerts, Webhooks: deps.Webhooks, Logger: s.log})
	s.sharing = sharing.New(sharing.Deps{Blocklist: deps.Blocklist, Keys: deps.ScreenKeys, PublicURL: s.PublicURL, Logger: s.log,
		AllowLookup: func(r *http.Request) bool { return s.lookupLimiter.Allow(s.clientKey(r), time.Now()) }})
	s.alerts = alerts.New(alerts.Deps{Alerts: deps.Alerts, Registry: deps.Registry, Site: s.site, PublicURL: s.PublicURL, Logger: s.log})
	s.portal = portal.New(portal.Deps{Portal: deps.Portal, Webhooks: deps.Webhooks, Dashboards: deps.Dashboards,
		Alerts: deps.Alerts, AlertViews: s.alerts.Views, Registry: deps.Registry, Keys: deps.ScreenKeys,
		Site: s.site, ClientAddr: s.clientAddr, Logger: s.log})
	s.numbers = numbers.New(numbers.Deps{Numbers: deps.Numbers, Registry: deps.Registry, Reputation: deps.Reputation, RepDB: deps.RepDB,
		Activity: deps.Activity, SiteNumbers: deps.SiteNumbers, Reports: deps.Reports, Site: s.site, ClientAddr: s.clientAddr, Logger: s.log})
	s.staff = staff.New(staff.Deps{ReportDB: deps.ReportDB, Accounts: deps.Accounts, RepDB: deps.RepDB, Reputation: deps.Reputation,
		Numbers: deps.Numbers, Number: s.numbers, Site: s.site, Logger: s.log})
	s.reportForm = reportform.New(reportform.Config{MinTime: cfg.ReportFormMinTime}, reportform.Deps{Reports: deps.Reports,
		Mailer: deps.Mailer, Site: s.site, Key: s.csrfKey, ClientAddr: s.clientAddr, TrackingURL: s.trackingURL, Logger: s.log})
	s.routes()
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOrigin))
	s.handler = s.recoverer(s.secureHeaders(cop.Handler(s.identify(s.mux))))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// apiRoutes are every documented endpoint: the server's own and the
// screening ones. The table is what the OpenAPI test compares with
// openapi.json, so the two cannot drift apart.
func (s *Server) apiRoutes() []web.Route {
	return append(s.addressAPIRoutes(), s.screenAPIRoutes()...)
}

// addressAPIRoutes are the API endpoints limited per client address: the
// server's own and those of the numbers, alerts, sharing, website and
// organisation API packages.
func (s *Server) addressAPIRoutes() []web.Route {
	rts := []web.Route{
		{Method: "POST", Path: "/api/v1/checks", Handler: s.apiCheck},
		{Method: "GET", Path: "/api/v1/organisations", Handler: s.apiOrganisations},
		{Method: "GET", Path: "/api/v1/organisations/{id}", Handler: s.apiOrganisation},
		{Method: "POST", Path: "/api/v1/reports", Handler: s.apiReport},
		{Method: "GET", Path: "/api/v1/urls", Handler: s.apiURL},
		{Method: "POST", Path: "/api/v1/analyses", Handler: s.apiAnalysis},
		{Method: "POST", Path: "/api/v1/calls", Handler: s.apiCallCreate},
		{Method: "POST", Path: "/api/v1/calls/{id}/turns", Handler: s.apiCallTurn},
		{Method: "GET", Path: "/api/v1/calls/{id}", Handler: s.apiCallGet},
		{Method: "DELETE", Path: "/api/v1/calls/{id}", Handler: s.apiCallEnd},
		{Method: "GET", Path: "/api/v1/stats", Handler: s.apiStats},
	}
	for _, more := range [][]web.Route{s.numbers.APIRoutes(), s.alerts.APIRoutes(), s.sharing.Routes(), s.websiteRoutes(), s.orgAPI.Routes()} {
		rts = append(rts, more...)
	}
	return rts
}

// screenAPIRoutes are the JSON endpoints of call screening, documented in
// openapi.json with the rest of the API. They are limited per API key.
func (s *Server) screenAPIRoutes() []web.Route {
	var rts []web.Route
	for _, rt := range s.telephony.Routes() {
		if rt.Documented {
			rts = append(rts, web.Route{Method: rt.Method, Path: rt.Path, Handler: rt.Handler.ServeHTTP})
		}
	}
	return rts
}

// missing names the capability an API path needs when the server was built
// without it (the API then answers 404 saying so), or "".
func (s *Server) missing(path string) string {
	switch {
	case path == "/api/v1/reports" && s.deps.Reports == nil:
		return "Reporting"
	case path == "/api/v1/urls" && s.deps.Sites == nil:
		return "Website checking"
	case strings.HasPrefix(path, "/api/v1/websites/") && s.deps.Reputation == nil:
		return "Website reputation"
	case path == "/api/v1/analyses" && s.deps.Analyzer == nil:
		return "Analysis"
	case strings.HasPrefix(path, "/api/v1/alerts") && s.deps.Alerts == nil:
		return "Alerts"
	case strings.HasPrefix(path, "/api/v1/calls") && s.deps.Calls == nil:
		return "Live analysis"
	case strings.HasPrefix(path, "/api/v1/org/dashboard"):
		if s.deps.Dashboards == nil {
			return "The organisation dashboard"
		}
	case strings.HasPrefix(path, "/api/v1/org/alerts"):
		if s.deps.Alerts == nil {
			return "Alerts"
		}
	case strings.HasPrefix(path, "/api/v1/org/webhooks"):
		if s.deps.Webhooks == nil {
			return "Notifications"
		}
	case strings.HasPrefix(path, "/api/v1/org/") && s.deps.Portal == nil:
		return "The organisation portal"
	case path == "/api/v1/stats" && s.deps.Stats == nil:
		return "Public figures"
	case (strings.HasPrefix(path, "/api/v1/blocklist") || strings.HasPrefix(path, "/api/v1/lookup/") ||
		strings.HasPrefix(path, "/api/v1/export/")) && s.deps.Blocklist == nil:
		return "Sharing the blocklist"
	}
	return ""
}

func (s *Server) routes() {
	page := func(pattern string, h http.HandlerFunc) {
		s.mux.Handle(pattern, s.limit(s.bodyLimit(h, s.cfg.BodyLimit), false))
	}

	for _, rt := range s.telephony.Routes() {
		s.mux.Handle(rt.Method+" "+rt.Path, s.bodyLimit(rt.Handler, s.cfg.BodyLimit))
	}
	if s.deps.Metrics != nil && s.cfg.MetricsKey != "" {
		s.mux.Handle("GET /metrics", s.metricsAuth(s.deps.Metrics.Handler()))
	}
	for _, rt := range s.addressAPIRoutes() {
		handler := rt.Handler
		if what := s.missing(rt.Path); what != "" {
			handler = func(w http.ResponseWriter, r *http.Request) {
				s.apiError(w, r, hangup.Errorf(hangup.ENOTFOUND, "%s is not enabled on this server.", what))
			}
		}
		h := s.bodyLimit(handler, s.cfg.BodyLimit)
		if rt.Path == "/api/v1/analyses" {
			// Whole transcripts are bigger than any other request.
			h = s.bodyLimit(handler, max(s.cfg.BodyLimit, maxAnalysisBody))
		}
		s.mux.Handle(rt.Method+" "+rt.Path, s.limit(h, true))
	}
	s.mux.HandleFunc("GET /api/v1/openapi.json", s.apiOpenAPI)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no API endpoint %s %s.", r.Method, r.URL.Path))
	})

	page("GET /{$}", s.webHome)
	page("POST /check", s.webCheck)
	page("GET /check", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/", http.StatusSeeOther) })
	if s.deps.Shares != nil {
		page("GET /c/{id}", s.webShared)
	}
	if s.deps.Sites != nil {
		page("GET /website", s.webSite)
	}
	if s.deps.Analyzer != nil {
		page("GET /said", s.webSaidForm)
		page("POST /said", s.webSaid)
	}
	page("GET /organisations", s.webOrganisations)
	page("GET /organisations/{id}", s.webOrganisation)
	if s.deps.Stats != nil {
		page("GET /stats", s.webStats)
		page("GET /stats/{file}", s.webStatsCSV)
	}
	for _, rt := range s.numbers.Pages() {
		page(rt.Method+" "+rt.Path, rt.Handler)
	}
	if s.deps.Reports != nil {
		for _, rt := range s.reportForm.Pages() {
			page(rt.Method+" "+rt.Path, rt.Handler)
		}
		page("GET /r/{token}", s.webTrack)
		page("GET /r/{token}/summary", s.webSummary)
		page("POST /r/{token}/add", s.webTrackAdd)
		page("POST /r/{token}/delete", s.webTrackDelete)
	}
	if s.deps.Accounts != nil {
		page("GET /login", s.webLoginForm)
		page("POST /login", s.webLogin)
		page("POST /logout", s.webLogout)
	}
	for _, rt := range s.staff.Pages() {
		page(rt.Method+" "+rt.Path, rt.Handler)
	}
	if s.deps.Accounts != nil {
		for _, rt := range s.portal.Pages() {
			page(rt.Method+" "+rt.Path, rt.Handler)
		}
	}
	if s.deps.Alerts != nil {
		for _, rt := range s.alerts.Pages(s.deps.Accounts != nil) {
			page(rt.Method+" "+rt.Path, rt.Handler)
		}
	}
	if s.deps.Blocklist != nil {
		s.mux.Handle("/.well-known/carddav", http.RedirectHandler(carddav.Root, http.StatusMovedPermanently))
		dav := carddav.New(s.deps.Blocklist, s.sharing.Authorize, s.log)
		s.mux.Handle(carddav.Root, s.limit(s.bodyLimit(dav, carddav.MaxBody), false))
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
	})
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.HandleFunc("/", s.site.NotFound)
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.deps.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.deps.Ready(ctx); err != nil {
			s.log.Warn("not ready", "err", err)
			web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// crossOrigin answers a state-changing request another website's page
// made the browser send: refused, in the form the path speaks.
func (s *Server) crossOrigin(w http.ResponseWriter, r *http.Request) {
	s.refuse(w, r, hangup.Errorf(hangup.EFORBIDDEN, "This request came from another website, so it was refused. Nothing was changed."))
}

// refuse answers err as JSON on the API and as a page elsewhere.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.apiError(w, r, err)
	} else {
		s.site.Error(w, r, err)
	}
}

// apiError writes err as the API's JSON error.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	web.APIError(s.log, w, r, err)
}

// metricsAuth lets through requests bearing the metrics key: the figures
// say how many calls each kind of check stopped, which is no one else's
// business.
func (s *Server) metricsAuth(h http.Handler) http.Handler {
	want := []byte("Bearer " + s.cfg.MetricsKey)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="hangup metrics"`)
			http.Error(w, "Metrics need the metrics key: Authorization: Bearer <HANGUP_METRICS_KEY>.", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// bodyLimit caps request bodies before any handler reads them.
func (s *Server) bodyLimit(h http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			s.refuse(w, r, hangup.Errorf(hangup.ETOOLARGE, "The request is larger than %d KiB.", limit>>10))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a 500 and a log line instead of a dropped
// connection. Handlers are written not to panic; this is the backstop.
func (s *Server) recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				err := hangup.Errorf(hangup.EINTERNAL, "Something went wrong on our side.")
				if strings.HasPrefix(r.URL.Path, "/api/") {
					s.apiError(w, r, err)
				} else {
					http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
				}
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// secureHeaders sets a strict content security policy (no inline script or
// style, so injected markup can do nothing) and the usual hardening headers.
// Referrer-Policy no-referrer keeps private tracking links out of other
// sites' logs.
func (s *Server) secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.ServeHTTP(w, r)
	})
}

// clientAddr returns the address of the client behind r, which abuse
// controls key on: the peer, or behind a trusted proxy the address that
// proxy saw (package clientip).
func (s *Server) clientAddr(r *http.Request) string {
	if a, ok := s.cfg.TrustedProxies.Client(r.RemoteAddr, r.Header); ok {
		return a.String()
	}
	return r.RemoteAddr
}

// clientKey is the key of per-client request limits and resources: the
// address (IPv4) or its /64 (IPv6), which one client can fill at will.
func (s *Server) clientKey(r *http.Request) string {
	return clientip.HostOf(s.clientAddr(r))
}

// viaTrustedProxy reports whether r came through one of the operator's
// proxies, whose X-Forwarded-Proto can then be believed.
func (s *Server) viaTrustedProxy(r *http.Request) bool {
	peer, ok := clientip.Peer(r.RemoteAddr)
	return ok && s.cfg.TrustedProxies.Trusts(peer)
}

// maxClients bounds the client addresses the rate limiter remembers.
const maxClients = 100_000

// limit applies the per-address rate limit.
func (s *Server) limit(h http.Handler, api bool) http.Handler {
	if s.limiter == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.limiter.Allow(s.clientKey(r), time.Now()) {
			err := hangup.Errorf(hangup.ERATELIMIT, "Too many requests. Please wait a moment and try again.")
			if api {
				s.apiError(w, r, err)
			} else {
				s.site.Error(w, r, err)
			}
			return
		}
		h.ServeHTTP(w, r)
	})
}
