package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/stir"
)

// Config is every setting of the service. Defaults are overlaid by a JSON
// file (--config or HANGUP_CONFIG), then by HANGUP_* environment variables,
// then by flags, and finally validated.
type Config struct {
	DB            string  `json:"db"`             // SQLite file path, or a postgres:// URL
	Addr          string  `json:"addr"`           // listen address
	DefaultRegion string  `json:"default_region"` // country assumed for numbers without a country code
	OfcomDir      string  `json:"ofcom_dir"`      // newer Ofcom S*.csv tables; empty uses the shipped ones
	RateLimit     float64 `json:"rate_limit"`     // requests per second per client address; 0 disables
	RateBurst     int     `json:"rate_burst"`
	BodyLimit     int64   `json:"body_limit"` // bytes
	TrustProxy    bool    `json:"trust_proxy"`
	LogLevel      string  `json:"log_level"`      // debug, info, warn, error
	NoSeed        bool    `json:"no_seed"`        // don't seed an empty registry
	PublicURL     string  `json:"public_url"`     // the site's address for links in API answers, e.g. https://hangup.example.org
	SecureCookies bool    `json:"secure_cookies"` // mark cookies Secure behind a TLS-terminating proxy

	// Call screening (docs/integrations).
	AGI              string `json:"agi"`                // FastAGI listen address for Asterisk, e.g. ":4573"; empty: off
	ScreenKeys       bool   `json:"screen_keys"`        // require API keys on the screening endpoints (default true)
	StirTrustAnchors string `json:"stir_trust_anchors"` // STI-CA roots: PEM files or directories, comma-separated; empty: no verification

	// Test hooks, never set from files or flags: the x5u fetcher and the
	// verifier's clock.
	stirFetcher stir.Fetcher
	stirNow     func() time.Time
}

// DefaultConfig returns the defaults: ./hangup.db, :8080, GB.
func DefaultConfig() Config {
	return Config{DB: "hangup.db", Addr: ":8080", DefaultRegion: "GB", RateLimit: 20, RateBurst: 40, BodyLimit: 64 << 10, LogLevel: "info", ScreenKeys: true}
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
	{"HANGUP_TRUST_PROXY", func(c *Config, v string) (err error) { c.TrustProxy, err = strconv.ParseBool(v); return }},
	{"HANGUP_LOG_LEVEL", func(c *Config, v string) error { c.LogLevel = v; return nil }},
	{"HANGUP_PUBLIC_URL", func(c *Config, v string) error { c.PublicURL = v; return nil }},
	{"HANGUP_SECURE_COOKIES", func(c *Config, v string) (err error) { c.SecureCookies, err = strconv.ParseBool(v); return }},
	{"HANGUP_AGI", func(c *Config, v string) error { c.AGI = v; return nil }},
	{"HANGUP_SCREEN_KEYS", func(c *Config, v string) (err error) { c.ScreenKeys, err = strconv.ParseBool(v); return }},
	{"HANGUP_STIR_TRUST_ANCHORS", func(c *Config, v string) error { c.StirTrustAnchors = v; return nil }},
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

// bindScreening is bind for commands that screen calls (serve, screen):
// they also take --stir-trust-anchors.
func (l *configLoader) bindScreening(fs *flag.FlagSet, serve, screening bool) {
	fs.StringVar(&l.file, "config", "", "JSON configuration file (also HANGUP_CONFIG)")
	fs.StringVar(&l.cfg.DB, "db", "", "SQLite database file, or a postgres:// URL (default ./hangup.db; also HANGUP_DB)")
	fs.StringVar(&l.cfg.DefaultRegion, "region", "", "country assumed for numbers without a country code (default GB)")
	fs.StringVar(&l.cfg.OfcomDir, "ofcom-dir", "", "directory of newer Ofcom S*.csv number-block tables")
	if serve {
		fs.StringVar(&l.cfg.Addr, "addr", "", "address to listen on (default :8080; also HANGUP_ADDR)")
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
		fs.BoolVar(&l.cfg.TrustProxy, "trust-proxy", false, "take client addresses from X-Forwarded-For (only behind your own proxy)")
		fs.StringVar(&l.cfg.LogLevel, "log-level", "", "debug, info, warn or error (default info)")
		fs.BoolVar(&l.cfg.NoSeed, "no-seed", false, "don't fill an empty registry with the shipped organisations")
		fs.StringVar(&l.cfg.PublicURL, "public-url", "", "the site's address for links in answers, e.g. https://hangup.example.org")
		fs.BoolVar(&l.cfg.SecureCookies, "secure-cookies", false, "mark cookies Secure (behind a TLS-terminating proxy)")
		fs.StringVar(&l.cfg.AGI, "agi", "", "also serve FastAGI for Asterisk on this address (port 4573 if none given), e.g. :4573")
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
	f := l.cfg
	if f.DB != "" {
		cfg.DB = f.DB
	}
	if f.Addr != "" {
		cfg.Addr = f.Addr
	}
	if f.DefaultRegion != "" {
		cfg.DefaultRegion = f.DefaultRegion
	}
	if f.OfcomDir != "" {
		cfg.OfcomDir = f.OfcomDir
	}
	if f.RateLimit >= 0 {
		cfg.RateLimit = f.RateLimit
	}
	if f.RateBurst > 0 {
		cfg.RateBurst = f.RateBurst
	}
	if f.TrustProxy {
		cfg.TrustProxy = true
	}
	if f.LogLevel != "" {
		cfg.LogLevel = f.LogLevel
	}
	if f.NoSeed {
		cfg.NoSeed = true
	}
	if f.PublicURL != "" {
		cfg.PublicURL = f.PublicURL
	}
	if f.SecureCookies {
		cfg.SecureCookies = true
	}
	if f.AGI != "" {
		cfg.AGI = f.AGI
	}
	if l.screenKeys != "" {
		cfg.ScreenKeys, _ = strconv.ParseBool(l.screenKeys)
	}
	if f.StirTrustAnchors != "" {
		cfg.StirTrustAnchors = f.StirTrustAnchors
	}
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
	if c.AGI != "" {
		if _, _, err := net.SplitHostPort(c.AGI); err != nil {
			fields = append(fields, hangup.FieldError{Field: "agi", Message: fmt.Sprintf("%q is not a listen address such as :4573 or 127.0.0.1:4573", c.AGI)})
		}
	}
	if len(fields) > 0 {
		return hangup.Invalid("The configuration is not valid.", fields...)
	}
	return nil
}
