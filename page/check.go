package page

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/rmm"
	"github.com/hangup-org/hangup/safefetch"
)

// NumberReputation is what the page check asks about the numbers a page
// shows (reputation.Service provides it).
type NumberReputation interface {
	Lookup(e164 string) hangup.Reputation
}

// Config says how a Checker fetches and reads pages. Zero fields take the
// defaults.
type Config struct {
	// Client fetches; nil: the outbound rules with a 2 MiB cap, an 8 s
	// deadline and up to 5 redirects (each checked like the first).
	Client *safefetch.Client
	// MaxConcurrent bounds the pages fetched at once. Default 4.
	MaxConcurrent int
	// Wait is how long a check waits for a free slot before giving up with
	// EUNAVAILABLE. Default 2 s.
	Wait time.Duration
	// Numbers extracts phone numbers; nil: none are extracted.
	Numbers *phone.Intel
	// Reputation, when set, is asked about each number found.
	Reputation NumberReputation
	// Tools is the remote-access catalogue; nil loads the shipped one.
	Tools *rmm.Catalogue
	// Links, when set, records which numbers each site showed.
	Links hangup.SiteNumberStore
	// Logger gets a line when a link cannot be recorded. Default: discard.
	Logger *slog.Logger
	// Now is the clock for Links. Default time.Now.
	Now func() time.Time
}

// Checker fetches pages and reads them. It is safe for concurrent use.
type Checker struct {
	cfg    Config
	client *safefetch.Client
	tools  *Tools
	slots  chan struct{}
}

var _ hangup.PageChecker = (*Checker)(nil)

// New returns a Checker.
func New(cfg Config) (*Checker, error) {
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 4
	}
	if cfg.Wait <= 0 {
		cfg.Wait = 2 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Tools == nil {
		cat, err := rmm.Default()
		if err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
		cfg.Tools = cat
	}
	client := cfg.Client
	if client == nil {
		client = safefetch.New(safefetch.Config{Timeout: 8 * time.Second, MaxBytes: 2 << 20, MaxRedirects: 5,
			UserAgent: "Mozilla/5.0 (compatible; Hangup page check)"})
	}
	return &Checker{cfg: cfg, client: client, tools: NewTools(cfg.Tools), slots: make(chan struct{}, cfg.MaxConcurrent)}, nil
}

// CheckPage implements hangup.PageChecker.
func (c *Checker) CheckPage(ctx context.Context, rawURL string) (hangup.PageCheck, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(rawURL) > 4096 {
		return hangup.PageCheck{}, hangup.Errorf(hangup.EINVALID, "%q is not a web page address (http:// or https://).", clip(rawURL))
	}
	wait := time.NewTimer(c.cfg.Wait)
	defer wait.Stop()
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-wait.C:
		return hangup.PageCheck{}, hangup.Errorf(hangup.EUNAVAILABLE, "Too many pages are being checked right now. Please try again in a moment.")
	case <-ctx.Done():
		return hangup.PageCheck{}, hangup.Errorf(hangup.EUNAVAILABLE, "The page check was cancelled.")
	}
	pc := hangup.PageCheck{URL: u.String(), Signs: []hangup.Reason{}}
	resp, err := c.client.Get(ctx, u.String(), http.Header{"Accept": {"text/html,application/xhtml+xml,text/plain;q=0.8"}})
	if err != nil {
		return notFetched(pc, c.fetchProblem(err)), nil
	}
	pc.URL, pc.Status = resp.URL, resp.Status
	if !isPage(resp.Header.Get("Content-Type"), resp.Body) {
		return notFetched(pc, "The address is not a web page (it sends "+describeType(resp.Header.Get("Content-Type"))+"), so Hangup did not read it."), nil
	}
	pc.Fetched = true
	if resp.Status >= 400 {
		pc.Error = fmt.Sprintf("The site answered with an error (HTTP status %d); Hangup read what it sent.", resp.Status)
	}
	c.read(&pc, resp.Body)
	c.link(ctx, &pc)
	return pc, nil
}

// link records the numbers the page showed against the host that served
// it (after redirects). A failure is logged: the check itself stands.
func (c *Checker) link(ctx context.Context, pc *hangup.PageCheck) {
	if c.cfg.Links == nil || len(pc.Phones) == 0 {
		return
	}
	u, err := url.Parse(pc.URL)
	if err != nil || u.Hostname() == "" {
		return
	}
	nums := make([]string, 0, len(pc.Phones))
	for _, p := range pc.Phones {
		if len(nums) < hangup.MaxSiteNumbers {
			nums = append(nums, p.Number)
		}
	}
	if err := c.cfg.Links.RecordSiteNumbers(ctx, strings.ToLower(u.Hostname()), nums, c.cfg.Now()); err != nil {
		c.cfg.Logger.Warn("recording the numbers a page showed", "host", u.Hostname(), "err", err)
	}
}

// read fills a PageCheck from a page's body.
func (c *Checker) read(pc *hangup.PageCheck, body []byte) {
	d := Read(body)
	pc.Title = d.Title
	if c.cfg.Numbers != nil {
		for _, n := range c.cfg.Numbers.FindNumbers(d.RawText+"\n"+d.Script, 10) {
			p := hangup.PagePhone{Number: n.E164, Display: n.Input}
			if c.cfg.Reputation != nil {
				r := c.cfg.Reputation.Lookup(n.E164)
				p.Reputation = &r
			}
			pc.Phones = append(pc.Phones, p)
		}
	}
	base, _ := url.Parse(pc.URL)
	pc.Signs, pc.Score, pc.Tools, pc.Scam = Signs(d, base, c.tools, len(pc.Phones))
	if pc.Signs == nil {
		pc.Signs = []hangup.Reason{}
	}
	pc.Summary = summary(pc)
}

func summary(pc *hangup.PageCheck) string {
	switch {
	case pc.Scam && len(pc.Phones) > 0:
		return "This page is a fake warning made to frighten you into calling " + pc.Phones[0].Display + ". Don't call it. Close the page; if it won't close, restart the computer. Nothing is wrong with your computer."
	case pc.Scam:
		return "This page is a fake warning made to frighten you. Close it; if it won't close, restart the computer. Nothing is wrong with your computer."
	case len(pc.Signs) > 0:
		return "This page has some signs of a scam page. Don't call numbers or install anything it shows."
	}
	return ""
}

func notFetched(pc hangup.PageCheck, why string) hangup.PageCheck {
	pc.Error = why
	pc.Signs = []hangup.Reason{{Code: CodeNotFetched, Severity: hangup.SeverityInfo, Message: why}}
	return pc
}

func (c *Checker) fetchProblem(err error) string {
	cfg := c.client.Config()
	switch {
	case errors.Is(err, safefetch.ErrRefused):
		return "Hangup does not visit this address: it is not a public website, or it sent Hangup on to one that isn't (or through too many redirects)."
	case errors.Is(err, safefetch.ErrTooLarge):
		return fmt.Sprintf("The page is larger than %d MiB, so Hangup did not read it.", max(cfg.MaxBytes>>20, 1))
	case errors.Is(err, safefetch.ErrTooSlow):
		return fmt.Sprintf("The page did not load within %v.", cfg.Timeout)
	}
	return "The page could not be loaded (the site may be down or no longer exist)."
}

// isPage reports whether a response is a page to read: HTML or text by its
// declared type, or, with no type, by its first bytes having no NUL.
func isPage(contentType string, body []byte) bool {
	head := body[:min(len(body), 1024)]
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain"
}

func describeType(ct string) string {
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt != "" {
		return mt
	}
	return "binary data"
}

func clip(s string) string {
	if len(s) > 80 {
		return strings.ToValidUTF8(s[:77], "") + "..."
	}
	return s
}

// CodePageScam is the site finding a scam page adds to a website check.
const CodePageScam = "page_tech_support_scam"

// Merge adds a page check to a website check: the page is attached, and a
// scam page makes the verdict at least suspicious, with the page's summary
// first. It is how the CLI and the API combine the two, once.
func Merge(sc *hangup.SiteCheck, pc hangup.PageCheck) {
	sc.Page = &pc
	if !pc.Scam {
		return
	}
	f := hangup.Reason{Code: CodePageScam, Severity: hangup.SeverityHigh, Message: pc.Summary}
	sc.Findings = append([]hangup.Reason{f}, sc.Findings...)
	for i := 1; i < len(sc.Findings); i++ {
		if sc.Findings[i].Code == "no_information" {
			sc.Findings = append(sc.Findings[:i], sc.Findings[i+1:]...)
			break
		}
	}
	if sc.Verdict == hangup.SiteUnknown || sc.Verdict == hangup.SiteOfficial {
		sc.Verdict = hangup.SiteSuspicious
	}
	sc.Summary = pc.Summary
}

// Worth reports whether a website check's page is worth fetching: not for
// a registry organisation's or brand's own site, nor a remote-access tool's.
func Worth(sc hangup.SiteCheck) bool {
	return sc.Verdict != hangup.SiteOfficial && sc.Verdict != hangup.SiteRemoteAccessTool && sc.URL != ""
}
