package registry

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/data"
)

// LintOptions tunes Lint.
type LintOptions struct {
	// MaxAge is how long a checked fact stays fresh. Zero means 12 months.
	MaxAge time.Duration
	// Today is the date facts are aged against. Zero means now.
	Today time.Time
	// Authorities may be cited for any entry; nil means the shipped list.
	Authorities []Authority
}

// Lint severities: an error makes the registry unfit to ship; a warning is
// work to do (a fact due for re-checking).
const (
	LintError   = "error"
	LintWarning = "warning"
)

// LintFinding is one problem `hangup registry check` reports.
type LintFinding struct {
	Severity string `json:"severity"` // LintError or LintWarning
	Org      string `json:"org"`
	Field    string `json:"field"`
	Message  string `json:"message"`
}

// LintSummary counts what a registry holds.
type LintSummary struct {
	Organisations int `json:"organisations"`
	WithOwnPolicy int `json:"with_own_policy"` // named entries with at least one policy of their own
	WithCallBack  int `json:"with_call_back"`  // entries with a sourced call-back route
	Generic       int `json:"generic"`         // kind-level entries
	Sources       int `json:"sources"`         // facts with a source
	StaleSources  int `json:"stale_sources"`   // sources checked longer ago than MaxAge
	Errors        int `json:"errors"`
	Warnings      int `json:"warnings"`
}

// Lint checks what Validate cannot: that every source is on the entry's own
// domains or an authority's, that facts were checked recently, that no
// source URL is malformed or cited for two organisations, and that every
// entry says how to call it back.
func Lint(orgs []*hangup.Organisation, opts LintOptions) ([]LintFinding, LintSummary) {
	if opts.MaxAge == 0 {
		opts.MaxAge = 365 * 24 * time.Hour
	}
	if opts.Today.IsZero() {
		opts.Today = time.Now().UTC()
	}
	if opts.Authorities == nil {
		opts.Authorities = ShippedAuthorities()
	}
	l := linter{opts: opts, oldest: opts.Today.Add(-opts.MaxAge).Format(time.DateOnly), urlOwner: map[string]string{}}
	for _, o := range orgs {
		l.org(o)
	}
	l.sum.Organisations = len(orgs)
	for _, f := range l.out {
		if f.Severity == LintError {
			l.sum.Errors++
		} else {
			l.sum.Warnings++
		}
	}
	return l.out, l.sum
}

type linter struct {
	opts     LintOptions
	oldest   string            // YYYY-MM-DD: a source checked before this is stale
	urlOwner map[string]string // source URL → the first organisation citing it
	out      []LintFinding
	sum      LintSummary
}

func (l *linter) add(sev string, o *hangup.Organisation, field, format string, args ...any) {
	l.out = append(l.out, LintFinding{Severity: sev, Org: o.ID, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (l *linter) org(o *hangup.Organisation) {
	var own []string
	for _, d := range o.Domains {
		own = append(own, d.Domain)
	}
	if o.Generic {
		l.sum.Generic++
	} else if len(o.Policies) > 0 {
		l.sum.WithOwnPolicy++
	}
	seenNum, seenDom := map[string]bool{}, map[string]bool{}
	for i, d := range o.Domains {
		f := fmt.Sprintf("domains[%d]", i)
		if seenDom[d.Domain] {
			l.add(LintError, o, f, "the domain %s is listed twice", d.Domain)
		}
		seenDom[d.Domain] = true
		l.source(o, f+".source", d.Source, own)
	}
	for i, n := range o.Numbers {
		f := fmt.Sprintf("numbers[%d]", i)
		key := n.E164
		if key == "" {
			key = digits(n.Number)
		}
		if seenNum[key] {
			l.add(LintError, o, f, "the number %s is listed twice", n.Number)
		}
		seenNum[key] = true
		if o.Country == "" && !strings.HasPrefix(strings.TrimSpace(n.Number), "+") && n.E164 != "" {
			l.add(LintError, o, f+".number", "%s is written as a national number, but %s is international: write it with its country code (+44 …) so that every server reads it the same way", n.Number, o.Name)
		}
		l.source(o, f+".source", n.Source, own)
	}
	for i, c := range o.Contacts {
		f := fmt.Sprintf("contacts[%d]", i)
		l.source(o, f+".source", c.Source, own)
		if c.URL != "" && !l.allowedHost(c.URL, own) {
			l.add(LintError, o, f+".url", "%s is not on %s's own domains: a call-back page must be the organisation's own", c.URL, o.Name)
		}
	}
	seenPolicy := map[string]bool{}
	for i, p := range o.Policies {
		f := fmt.Sprintf("policies[%d]", i)
		if k := string(p.Code) + "\x00" + p.Text; seenPolicy[k] {
			l.add(LintError, o, f, "the same policy is listed twice")
		}
		seenPolicy[string(p.Code)+"\x00"+p.Text] = true
		l.source(o, f+".source", p.Source, own)
	}
	if hasCallBack(o) {
		l.sum.WithCallBack++
	} else {
		l.add(LintError, o, "numbers", "%s has no call-back route: add a number people can call (role support) or the organisation's own contact page", o.Name)
	}
}

// hasCallBack reports whether o tells a person how to reach it for real: a
// number to call, or a contact page.
func hasCallBack(o *hangup.Organisation) bool {
	for _, n := range o.Numbers {
		if n.Role == hangup.RoleSupport || n.Role == hangup.RoleReceivesOnly {
			return true
		}
	}
	return slices.ContainsFunc(o.Contacts, func(c hangup.ContactRoute) bool { return c.URL != "" })
}

func (l *linter) source(o *hangup.Organisation, field string, s hangup.Source, own []string) {
	l.sum.Sources++
	if s.Checked != "" && s.Checked < l.oldest {
		l.sum.StaleSources++
		l.add(LintWarning, o, field+".checked", "checked on %s, more than %s ago: check the source again", s.Checked, ageWords(l.opts.MaxAge))
	}
	if s.URL == "" {
		return
	}
	u, err := url.Parse(s.URL)
	switch {
	case err != nil || u.Host == "" || strings.ContainsAny(s.URL, " \t\n\"<>") || u.User != nil:
		l.add(LintError, o, field+".url", "%q is not a well-formed web address", s.URL)
		return
	case u.Scheme != "https":
		l.add(LintWarning, o, field+".url", "%s is not https", s.URL)
	}
	if !l.allowedHost(s.URL, own) {
		l.add(LintError, o, field+".url", "%s is neither on %s's own domains (%s) nor an authority's: facts must come from the organisation itself or a government or regulator",
			u.Hostname(), o.Name, strings.Join(own, ", "))
		return
	}
	key := strings.TrimSuffix(strings.ToLower(s.URL), "/")
	if first, ok := l.urlOwner[key]; ok && first != o.ID && !l.isAuthority(u.Hostname()) {
		l.add(LintError, o, field+".url", "%s is also cited for %q: an organisation's own page can't be the source for another organisation", s.URL, first)
	} else if !ok {
		l.urlOwner[key] = o.ID
	}
}

func (l *linter) allowedHost(raw string, own []string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for _, d := range own {
		if underDomain(host, d) {
			return true
		}
	}
	return l.isAuthority(host)
}

func (l *linter) isAuthority(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, a := range l.opts.Authorities {
		if underDomain(host, a.Domain) {
			return true
		}
	}
	return false
}

// underDomain reports whether host is domain or one of its subdomains.
func underDomain(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

func ageWords(d time.Duration) string {
	months := int(d.Hours() / 24 / 30.4)
	if months >= 1 {
		return fmt.Sprintf("%d months", months)
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// ShippedAuthorities returns the authorities of the registry shipped in the
// binary. A broken shipped file is a build error caught by tests; here it
// yields none.
func ShippedAuthorities() []Authority {
	f, err := data.FS.Open("registry/organisations.json")
	if err != nil {
		return nil
	}
	defer f.Close()
	file, err := DecodeFile(f, nil)
	if err != nil {
		return nil
	}
	return file.Authorities
}
