package main

import (
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/codesend"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/safefetch"
	"github.com/hangup-org/hangup/stir"
)

// Config is every setting of the service. Defaults are overlaid by a JSON
// file (--config or HANGUP_CONFIG), then by HANGUP_* environment variables,
// then by flags, and finally validated.
type Config struct {
	DB            string    `json:"db"`             // SQLite file path, or a postgres:// URL
	Addr          string    `json:"addr"`           // listen address
	DefaultRegion string    `json:"default_region"` // country assumed for numbers without a country code
	OfcomDir      string    `json:"ofcom_dir"`      // newer Ofcom S*.csv tables; empty uses the shipped ones
	RateLimit     float64   `json:"rate_limit"`     // requests per second per client address; 0 disables
	RateBurst     int       `json:"rate_burst"`
	BodyLimit     int64     `json:"body_limit"`     // bytes
	TrustProxy    ProxyList `json:"trust_proxy"`    // your own reverse proxies: addresses and CIDR prefixes
	LogLevel      string    `json:"log_level"`      // debug, info, warn, error
	NoSeed        bool      `json:"no_seed"`        // don't seed an empty registry
	PublicURL     string    `json:"public_url"`     // the site's address for links in API answers, e.g. https://hangup.example.org
	SecureCookies bool      `json:"secure_cookies"` // mark cookies Secure behind a TLS-terminating proxy
	FetchPages    bool      `json:"fetch_pages"`    // fetch and read the pages of addresses checked (public addresses only)
	// Prometheus metrics: on a listener of their own (MetricsAddr, e.g.
	// 127.0.0.1:9090, no key needed), and/or at /metrics on the main
	// listener for requests bearing MetricsKey. Neither: no metrics.
	MetricsAddr string `json:"metrics_addr"`
	MetricsKey  string `json:"metrics_key"`

	// Call screening (docs/integrations).
	AGI              string `json:"agi"`                // FastAGI listen address for Asterisk, e.g. ":4573"; empty: off
	ScreenKeys       bool   `json:"screen_keys"`        // require API keys on the screening endpoints (default true)
	StirTrustAnchors string `json:"stir_trust_anchors"` // STI-CA roots: PEM files or directories, comma-separated; empty: no verification

	// Sharing (docs/sharing.md). The blocklist lists scam numbers at or
	// above BlocklistMinConfidence (never below the reputation's scam
	// line, 0.8), and suspected ones too, as warnings, with
	// BlocklistSuspected. The CardDAV address book holds at most
	// AddressBookSize numbers. LookupsPerHour limits the anonymous
	// private lookup per client.
	BlocklistMinConfidence float64 `json:"blocklist_min_confidence"`
	BlocklistSuspected     bool    `json:"blocklist_suspected"`
	AddressBookSize        int     `json:"addressbook_size"`
	LookupsPerHour         float64 `json:"lookups_per_hour"`
	// SyncFrom, with SyncKey (an export-scope key of that Hangup), keeps
	// this Hangup's copy of a central Hangup's blocklist, pulled every
	// SyncEvery (a duration such as "1m"), so that local screening blocks
	// what the central one lists, also while it is out of reach.
	SyncFrom  string `json:"sync_from"`
	SyncKey   string `json:"sync_key"`
	SyncEvery string `json:"sync_every"`

	// Email: a reporter who gives an address gets the reference and the
	// tracking link. Empty SMTPHost sends none. Needs PublicURL.
	SMTPHost     string `json:"smtp_host"`
	SMTPPort     int    `json:"smtp_port"` // default 587 (STARTTLS when offered); 465 is TLS from the start
	SMTPUser     string `json:"smtp_user"`
	SMTPPassword string `json:"smtp_password"` // never logged; HANGUP_SMTP_PASSWORD keeps it out of files
	SMTPFrom     string `json:"smtp_from"`     // e.g. "Hangup <noreply@example.org>"

	// Twilio places the calls that read one-time codes to numbers an
	// organisation publishes (docs/registry.md). Empty: numbers are
	// verified by analysts only.
	TwilioAccountSID string `json:"twilio_account_sid"`
	TwilioAuthToken  string `json:"twilio_auth_token"` // never logged; HANGUP_TWILIO_AUTH_TOKEN keeps it out of files
	TwilioFrom       string `json:"twilio_from"`       // the Twilio number calls come from, E.164
	TwilioAPI        string `json:"twilio_api"`        // default https://api.twilio.com

	// Test hooks, never set from files or flags: the x5u fetcher and the
	// verifier's clock; the caps of live calls (zero: analyze's defaults);
	// anonymous reports per client address an hour (zero: report's
	// default); the least time to fill in the report form; the mail
	// server's certificate roots.
	stirFetcher        stir.Fetcher
	feedClient         *safefetch.Client // fetches feeds; nil: the production rules
	manualFeeds        bool              // no background feed refresher: the test refreshes
	pageClient         *safefetch.Client // fetches pages; nil: the production rules
	stirNow            func() time.Time
	liveCalls          analyze.SessionConfig
	anonReportsPerHour float64
	reportFormMinTime  time.Duration
	// How often the blocklist is published, and the least gap between
	// publications a client's request causes (zero: blocklist's defaults).
	blocklistEvery, blocklistMinGap time.Duration
	smtpTLS                         *tls.Config
	// The organisation portal's code delivery and domain prover (nil:
	// Twilio when configured; the system's DNS and safefetch).
	codeSender hangup.CodeSender
	prover     *orgportal.Prover
}

// mailConfig is the mail settings as package mail takes them.
func (c Config) mailConfig() mail.Config {
	return mail.Config{Host: c.SMTPHost, Port: c.SMTPPort, Username: c.SMTPUser, Password: c.SMTPPassword, From: c.SMTPFrom, TLS: c.smtpTLS}
}

// ReportFormMinTime is the least time between starting the report form and
// sending it (docs/security.md): people take far longer; a script posting
// the last step at once is shown it again.
const ReportFormMinTime = 3 * time.Second

// DefaultConfig returns the defaults: ./hangup.db, localhost:8080 (this
// machine only, so that links can be built without a public URL), GB.
func DefaultConfig() Config {
	return Config{DB: "hangup.db", Addr: "localhost:8080", DefaultRegion: "GB", RateLimit: 20, RateBurst: 40, BodyLimit: 64 << 10, LogLevel: "info", ScreenKeys: true,
		AddressBookSize: 2000, LookupsPerHour: 600, SyncEvery: "1m",
		reportFormMinTime: ReportFormMinTime}
}

// envVars maps each setting to its environment variable.
var envVars = []struct {
	name string
	set  func(*Config, string) error
}{
	{"HANGUP_DB", func(c *Config, v string) error { c.DB = v; return nil }},
	{"HANGUP_ADDR", func(c *Config, v string) error { c.Addr = v; return nil }},
	{"HANGUP_DEFAULT_REGION", func(c *Config, v string) error { c.DefaultRegion = v; return nil }},
	{"HANGUP_OFCOM_DIR", func(c *Config, v string) error { c.OfcomDir = v; return nil }},
	{"HANGUP_RATE_LIMIT", func(c *Config, v string) (err error) { c.RateLimit, err = strconv.ParseFloat(v, 64); return }},
	{"HANGUP_RATE_BURST", func(c *Config, v string) (err error) { c.RateBurst, err = strconv.Atoi(v); return }},
	{"HANGUP_BODY_LIMIT", func(c *Config, v string) (err error) { c.BodyLimit, err = strconv.ParseInt(v, 10, 64); return }},
	{"HANGUP_TRUST_PROXY", func(c *Config, v string) error { c.TrustProxy = ProxyList(v); return nil }},
	{"HANGUP_LOG_LEVEL", func(c *Config, v string) error { c.LogLevel = v; return nil }},
	{"HANGUP_PUBLIC_URL", func(c *Config, v string) error { c.PublicURL = v; return nil }},
	{"HANGUP_METRICS_ADDR", func(c *Config, v string) error { c.MetricsAddr = v; return nil }},
	{"HANGUP_METRICS_KEY", func(c *Config, v string) error { c.MetricsKey = v; return nil }},
	{"HANGUP_SECURE_COOKIES", func(c *Config, v string) (err error) { c.SecureCookies, err = strconv.ParseBool(v); return }},
	{"HANGUP_FETCH_PAGES", func(c *Config, v string) (err error) { c.FetchPages, err = strconv.ParseBool(v); return }},
	{"HANGUP_AGI", func(c *Config, v string) error { c.AGI = v; return nil }},
	{"HANGUP_SCREEN_KEYS", func(c *Config, v string) (err error) { c.ScreenKeys, err = strconv.ParseBool(v); return }},
	{"HANGUP_STIR_TRUST_ANCHORS", func(c *Config, v string) error { c.StirTrustAnchors = v; return nil }},
	{"HANGUP_BLOCKLIST_MIN_CONFIDENCE", func(c *Config, v string) (err error) {
		c.BlocklistMinConfidence, err = strconv.ParseFloat(v, 64)
		return
	}},
	{"HANGUP_BLOCKLIST_SUSPECTED", func(c *Config, v string) (err error) { c.BlocklistSuspected, err = strconv.ParseBool(v); return }},
	{"HANGUP_ADDRESSBOOK_SIZE", func(c *Config, v string) (err error) { c.AddressBookSize, err = strconv.Atoi(v); return }},
	{"HANGUP_LOOKUPS_PER_HOUR", func(c *Config, v string) (err error) { c.LookupsPerHour, err = strconv.ParseFloat(v, 64); return }},
	{"HANGUP_SYNC_FROM", func(c *Config, v string) error { c.SyncFrom = v; return nil }},
	{"HANGUP_SYNC_KEY", func(c *Config, v string) error { c.SyncKey = v; return nil }},
	{"HANGUP_SYNC_EVERY", func(c *Config, v string) error { c.SyncEvery = v; return nil }},
	{"HANGUP_SMTP_HOST", func(c *Config, v string) error { c.SMTPHost = v; return nil }},
	{"HANGUP_SMTP_PORT", func(c *Config, v string) (err error) { c.SMTPPort, err = strconv.Atoi(v); return }},
	{"HANGUP_SMTP_USER", func(c *Config, v string) error { c.SMTPUser = v; return nil }},
	{"HANGUP_SMTP_PASSWORD", func(c *Config, v string) error { c.SMTPPassword = v; return nil }},
	{"HANGUP_SMTP_FROM", func(c *Config, v string) error { c.SMTPFrom = v; return nil }},
	{"HANGUP_TWILIO_ACCOUNT_SID", func(c *Config, v string) error { c.TwilioAccountSID = v; return nil }},
	{"HANGUP_TWILIO_AUTH_TOKEN", func(c *Config, v string) error { c.TwilioAuthToken = v; return nil }},
	{"HANGUP_TWILIO_FROM", func(c *Config, v string) error { c.TwilioFrom = v; return nil }},
	{"HANGUP_TWILIO_API", func(c *Config, v string) error { c.TwilioAPI = v; return nil }},
}

// loadConfig builds the configuration for a command: defaults, file,
// environment, then the flags registered by bind and parsed by the caller.
type configLoader struct {
	cfg        Config
	file       string
	screenKeys string // "" when --screen-keys was not given
	create     bool   // --create: a writing command may start a new database
}

func newConfigLoader() *configLoader {
	return &configLoader{cfg: Config{RateLimit: -1}}
}

// bind registers the flags shared by commands that open the database; the
// serve command adds its own.
func (l *configLoader) bind(fs *flag.FlagSet, serve bool) { l.bindScreening(fs, serve, false) }

// bindWriting is bind for commands other than serve that write the
// database: they also take --create (see checkWritable).
func (l *configLoader) bindWriting(fs *flag.FlagSet) {
	l.bind(fs, false)
	fs.BoolVar(&l.create, "create", false, "create the database if there is none (default: refuse, so that a wrong directory or --db cannot start an empty one)")
}

// writable resolves the configuration of a writing command and checks its
// database with checkWritable.
func (l *configLoader) writable(e *env) (Config, error) {
	cfg, err := l.resolve(e)
	if err != nil {
		return cfg, err
	}
	return cfg, checkWritable(e, cfg.DB, l.create)
}

// openWritable checks the database of a writing command (writable) and
// opens the App over it.
func (l *configLoader) openWritable(e *env) (*App, error) {
	cfg, err := l.writable(e)
	if err != nil {
		return nil, err
	}
	return openApp(e, cfg)
}

// bindScreening is bind for commands that screen calls (serve, screen):
// they also take --stir-trust-anchors.
func (l *configLoader) bindScreening(fs *flag.FlagSet, serve, screening bool) {
	fs.StringVar(&l.file, "config", "", "JSON configuration file (also HANGUP_CONFIG)")
	fs.StringVar(&l.cfg.DB, "db", "", "SQLite database file, or a postgres:// URL (default ./hangup.db; also HANGUP_DB)")
	fs.StringVar(&l.cfg.DefaultRegion, "region", "", "country assumed for numbers without a country code (default GB)")
	fs.StringVar(&l.cfg.OfcomDir, "ofcom-dir", "", "directory of newer Ofcom S*.csv number-block tables")
	if serve {
		fs.StringVar(&l.cfg.Addr, "addr", "", "address to listen on (default localhost:8080; any other than localhost needs --public-url; also HANGUP_ADDR)")
		// A Func flag: its zero value (-1, "not given") must not show as a
		// second default in --help.
		fs.Func("rate-limit", "`N` API and form requests per second per client address; 0 disables (default 20; screening API keys have limits of their own, none unless set)", func(v string) error {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 {
				return fmt.Errorf("must be a number of requests per second, 0 or more")
			}
			l.cfg.RateLimit = f
			return nil
		})
		fs.IntVar(&l.cfg.RateBurst, "rate-burst", 0, "burst allowed above the rate limit (default 40)")
		fs.Func("trust-proxy", "addresses or CIDR prefixes of your own reverse proxies, comma-separated (e.g. 127.0.0.1); "+
			"client addresses are then taken from their X-Forwarded-For or Forwarded headers (also HANGUP_TRUST_PROXY)", func(v string) error {
			l.cfg.TrustProxy = ProxyList(v)
			return nil
		})
		fs.StringVar(&l.cfg.MetricsAddr, "metrics-addr", "", "serve Prometheus metrics on this separate address, e.g. 127.0.0.1:9090 (also HANGUP_METRICS_ADDR)")
		fs.StringVar(&l.cfg.MetricsKey, "metrics-key", "", "serve /metrics on the main address to requests with \"Authorization: Bearer KEY\" (better: HANGUP_METRICS_KEY)")
		fs.StringVar(&l.cfg.LogLevel, "log-level", "", "debug, info, warn or error (default info)")
		fs.BoolVar(&l.cfg.NoSeed, "no-seed", false, "don't fill an empty registry with the shipped organisations")
		fs.StringVar(&l.cfg.PublicURL, "public-url", "", "the site's address for links in answers and emails, e.g. https://hangup.example.org")
		fs.StringVar(&l.cfg.SMTPHost, "smtp-host", "", "mail server for reporters' confirmations (also HANGUP_SMTP_HOST; the password only in HANGUP_SMTP_PASSWORD or the file)")
		fs.IntVar(&l.cfg.SMTPPort, "smtp-port", 0, "mail server port (default 587; 465 for TLS from the start)")
		fs.StringVar(&l.cfg.SMTPUser, "smtp-user", "", "mail server user name")
		fs.StringVar(&l.cfg.SMTPFrom, "smtp-from", "", "the sender of emails, e.g. \"Hangup <noreply@example.org>\"")
		fs.BoolVar(&l.cfg.SecureCookies, "secure-cookies", false, "mark cookies Secure (behind a TLS-terminating proxy)")
		fs.BoolVar(&l.cfg.FetchPages, "fetch-pages", false, "also fetch and read the page at each address checked, for fake virus warnings and numbers to call (public addresses only, 2 MiB, 8 s, 4 at once; scripts never run)")
		fs.StringVar(&l.cfg.AGI, "agi", "", "also serve FastAGI for Asterisk on this address (port 4573 if none given), e.g. :4573")
		fs.StringVar(&l.cfg.SyncFrom, "sync-from", "", "keep a copy of this central Hangup's blocklist, e.g. https://hangup.example.org (also HANGUP_SYNC_FROM)")
		fs.StringVar(&l.cfg.SyncKey, "sync-key", "", "the central Hangup's API key with the export scope (better: HANGUP_SYNC_KEY)")
		fs.StringVar(&l.cfg.SyncEvery, "sync-every", "", "how often to pull the central blocklist (default 1m)")
		fs.Func("screen-keys", "require API keys on the screening endpoints; false only for local use (default true)", func(v string) error {
			if _, err := strconv.ParseBool(v); err != nil {
				return fmt.Errorf("must be true or false")
			}
			l.screenKeys = v
			return nil
		})
	}
	if serve || screening {
		fs.StringVar(&l.cfg.StirTrustAnchors, "stir-trust-anchors", "", "STI-CA root certificates for STIR/SHAKEN: PEM files or directories, comma-separated")
	}
}

// resolve overlays file, environment and the parsed flags on the defaults.
func (l *configLoader) resolve(e *env) (Config, error) {
	cfg := DefaultConfig()
	file := l.file
	if file == "" {
		file = e.getenv("HANGUP_CONFIG")
	}
	if file != "" {
		body, err := os.ReadFile(file)
		if err != nil {
			return cfg, usagef("config file: %v", err)
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			return cfg, usagef("config file %s: %v", file, err)
		}
	}
	for _, ev := range envVars {
		if v := e.getenv(ev.name); v != "" {
			if err := ev.set(&cfg, v); err != nil {
				return cfg, usagef("%s=%q: %v", ev.name, v, err)
			}
		}
	}
	// The flags given win over the file and the environment: a zero
	// value means "not given".
	f := l.cfg
	overlay(&cfg.DB, f.DB)
	overlay(&cfg.Addr, f.Addr)
	overlay(&cfg.DefaultRegion, f.DefaultRegion)
	overlay(&cfg.OfcomDir, f.OfcomDir)
	if f.RateLimit >= 0 {
		cfg.RateLimit = f.RateLimit
	}
	if f.RateBurst > 0 {
		cfg.RateBurst = f.RateBurst
	}
	overlay(&cfg.TrustProxy, f.TrustProxy)
	overlay(&cfg.MetricsAddr, f.MetricsAddr)
	overlay(&cfg.MetricsKey, f.MetricsKey)
	overlay(&cfg.LogLevel, f.LogLevel)
	overlay(&cfg.NoSeed, f.NoSeed)
	overlay(&cfg.PublicURL, f.PublicURL)
	overlay(&cfg.SecureCookies, f.SecureCookies)
	overlay(&cfg.FetchPages, f.FetchPages)
	overlay(&cfg.AGI, f.AGI)
	if l.screenKeys != "" {
		cfg.ScreenKeys, _ = strconv.ParseBool(l.screenKeys)
	}
	overlay(&cfg.StirTrustAnchors, f.StirTrustAnchors)
	overlay(&cfg.SMTPHost, f.SMTPHost)
	overlay(&cfg.SMTPPort, f.SMTPPort)
	overlay(&cfg.SMTPUser, f.SMTPUser)
	overlay(&cfg.SMTPFrom, f.SMTPFrom)
	overlay(&cfg.SyncFrom, f.SyncFrom)
	overlay(&cfg.SyncKey, f.SyncKey)
	overlay(&cfg.SyncEvery, f.SyncEvery)
	if cfg.AGI != "" {
		cfg.AGI = agiAddr(cfg.AGI)
	}
	return cfg, cfg.Validate()
}

// Validate checks the configuration.
func (c Config) Validate() error {
	var fields []hangup.FieldError
	if c.DB == "" {
		fields = append(fields, hangup.FieldError{Field: "db", Message: "is required"})
	} else if !postgres.IsURL(c.DB) {
		if dir := filepath.Dir(c.DB); dir != "" {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				fields = append(fields, hangup.FieldError{Field: "db", Message: fmt.Sprintf("The folder %s does not exist: create it, or give another path.", dir)})
			}
		}
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			fields = append(fields, hangup.FieldError{Field: "addr", Message: fmt.Sprintf("%q is not a listen address such as :8080 or 127.0.0.1:8080.", c.Addr)})
		}
	}
	if c.RateLimit < 0 {
		fields = append(fields, hangup.FieldError{Field: "rate_limit", Message: "must be 0 (off) or more"})
	}
	if c.BodyLimit < 1024 || c.BodyLimit > 64<<20 {
		fields = append(fields, hangup.FieldError{Field: "body_limit", Message: "must be between 1 KiB and 64 MiB"})
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		fields = append(fields, hangup.FieldError{Field: "log_level", Message: fmt.Sprintf("is %q; must be debug, info, warn or error", c.LogLevel)})
	}
	if c.PublicURL != "" && !strings.HasPrefix(c.PublicURL, "https://") && !strings.HasPrefix(c.PublicURL, "http://") {
		fields = append(fields, hangup.FieldError{Field: "public_url", Message: "must start with https:// or http://"})
	}
	if _, err := c.TrustProxy.Parse(); err != nil {
		fields = append(fields, hangup.FieldError{Field: "trust_proxy", Message: err.Error()})
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			fields = append(fields, hangup.FieldError{Field: "metrics_addr", Message: fmt.Sprintf("%q is not a listen address such as 127.0.0.1:9090", c.MetricsAddr)})
		}
	}
	if c.MetricsKey != "" && len(c.MetricsKey) < 16 {
		fields = append(fields, hangup.FieldError{Field: "metrics_key", Message: "must be at least 16 characters: anyone who guesses it reads the metrics"})
	}
	if c.AGI != "" {
		if _, _, err := net.SplitHostPort(c.AGI); err != nil {
			fields = append(fields, hangup.FieldError{Field: "agi", Message: fmt.Sprintf("%q is not a listen address such as :4573 or 127.0.0.1:4573", c.AGI)})
		}
	}
	if c.SMTPHost != "" {
		if c.PublicURL == "" {
			fields = append(fields, hangup.FieldError{Field: "public_url", Message: "Email needs the site's public address for its links: set HANGUP_PUBLIC_URL, e.g. https://hangup.example.org."})
		}
		fields = append(fields, hangup.ErrorFields(c.mailConfig().Validate())...)
	}
	if c.TwilioAccountSID != "" || c.TwilioAuthToken != "" || c.TwilioFrom != "" {
		if _, err := codesend.NewTwilio(codesend.TwilioConfig{AccountSID: c.TwilioAccountSID, AuthToken: c.TwilioAuthToken, From: c.TwilioFrom}); err != nil {
			fields = append(fields, hangup.ErrorFields(err)...)
		}
	}
	if c.BlocklistMinConfidence < 0 || c.BlocklistMinConfidence > 1 {
		fields = append(fields, hangup.FieldError{Field: "blocklist_min_confidence", Message: "must be from 0 to 1 (values below the scam line, 0.8, mean 0.8)"})
	}
	if c.AddressBookSize < 1 || c.AddressBookSize > 100_000 {
		fields = append(fields, hangup.FieldError{Field: "addressbook_size", Message: "must be from 1 to 100,000"})
	}
	if c.LookupsPerHour < 0 {
		fields = append(fields, hangup.FieldError{Field: "lookups_per_hour", Message: "must be 0 (the default, 600) or more"})
	}
	if d, err := time.ParseDuration(c.SyncEvery); err != nil || d < time.Second {
		fields = append(fields, hangup.FieldError{Field: "sync_every", Message: fmt.Sprintf("%q is not a duration of at least a second, such as 1m", c.SyncEvery)})
	}
	if (c.SyncFrom == "") != (c.SyncKey == "") {
		fields = append(fields, hangup.FieldError{Field: "sync_from", Message: "sync_from and sync_key go together: the central Hangup's address and its export API key"})
	}
	if len(fields) > 0 {
		return hangup.Invalid("The configuration is not valid.", fields...)
	}
	return nil
}

// syncEvery returns the validated sync interval.
func (c Config) syncEvery() time.Duration {
	d, err := time.ParseDuration(c.SyncEvery)
	if err != nil {
		return time.Minute
	}
	return d
}

// ProxyList is --trust-proxy: the addresses and CIDR prefixes of the
// operator's own reverse proxies, comma-separated. In a JSON file it may
// also be an array of strings. The old boolean form is refused with a
// message saying what to write instead (clientip.ErrBoolean).
type ProxyList string

// UnmarshalJSON reads a string, an array of strings, or (to refuse it with
// a clear message) the old boolean.
func (p *ProxyList) UnmarshalJSON(b []byte) error {
	var list []string
	var one string
	var old bool
	switch {
	case json.Unmarshal(b, &one) == nil:
		*p = ProxyList(one)
	case json.Unmarshal(b, &list) == nil:
		*p = ProxyList(strings.Join(list, ","))
	case json.Unmarshal(b, &old) == nil:
		if old {
			return clientip.ErrBoolean
		}
		*p = ""
	default:
		return fmt.Errorf("trust_proxy must be a list of proxy addresses such as [\"127.0.0.1\"]")
	}
	return nil
}

// Parse reads the list.
func (p ProxyList) Parse() (clientip.Proxies, error) { return clientip.ParseProxies(string(p)) }

// overlay sets *dst to v unless v is its type's zero value.
func overlay[T comparable](dst *T, v T) {
	var zero T
	if v != zero {
		*dst = v
	}
}
