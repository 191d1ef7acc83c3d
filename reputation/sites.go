package reputation

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Websites named in reports are evidence like numbers: one unit per
// reporter (an account, or an anonymous network) per website per
// EvidencePeriod, the same weights, decay and verdict lines, so anonymous
// reports alone make a website suspected at most. An analyst can confirm
// a website (listed whatever the evidence) or clear it (reports no longer
// list it). The official website of a registry organisation or a
// well-known brand is never listed: reports naming it mean a scammer sent
// the person to the real site to make the story look true.

// officialSites says whether a host is an official website, and whose.
// One is shared by every index of a service, so that the website checker
// can be installed after the index is built.
type officialSites struct {
	fn atomic.Pointer[func(host string) (string, bool)]
}

func (o *officialSites) owner(host string) (string, bool) {
	if f := o.fn.Load(); f != nil {
		return (*f)(host)
	}
	return "", false
}

// SetOfficialSites installs the test of official websites: fn(host)
// returns the organisation or brand whose official site host is. The
// website checker's Official method is one.
func (s *Service) SetOfficialSites(fn func(host string) (string, bool)) {
	s.current.Load().official.fn.Store(&fn)
}

// siteCandidates are the names evidence about host may be kept under,
// most specific first: the host and each parent down to its registrable
// domain.
func siteCandidates(host string) []string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	stop, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return []string{host}
	}
	var out []string
	for h := host; ; {
		out = append(out, h)
		if len(h) <= len(stop) {
			return out
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return out
		}
		h = h[i+1:]
	}
}

// LookupSite returns what reports and analysts say about a website: host
// is a host name (or an EvidenceKey); evidence kept under the host or any
// parent down to its registrable domain counts, the most specific first.
func (s *Service) LookupSite(host string) hangup.SiteReputation {
	return s.current.Load().Site(host, s.now())
}

// Site explains a website's standing at now (see LookupSite).
func (ix *Index) Site(host string, now time.Time) hangup.SiteReputation {
	cands := siteCandidates(host)
	key := cands[len(cands)-1]
	var e entry
	has := false
	var dec *hangup.SiteDecision
	for _, c := range cands {
		d, decided := ix.decisions[c]
		e2, ok := ix.sites[c]
		if decided || ok {
			key, e, has = c, e2, ok
			if decided {
				dec = &d
			}
			break
		}
	}
	r := hangup.SiteReputation{Domain: key, Verdict: hangup.RepUnknown, Decision: dec}
	if has {
		var sm sums
		if e.units > 0 {
			sm = e.at(now, ix.cfg)
			first, last := fromMinutes(e.first), fromMinutes(e.last)
			r.FirstSeen, r.LastSeen = &first, &last
		}
		r.Verdict, r.Confidence = ix.cfg.classify(sm)
		r.Confidence = round2(r.Confidence)
		r.Reports = int(max(e.units, 0))
		if r.Verdict == hangup.RepDisputed { // websites get no genuine evidence; kept for safety
			r.Verdict = hangup.RepUnknown
		}
	}
	people := peopleCount(r.Reports)
	if org, ok := ix.official.owner(key); ok {
		r.Verdict, r.Organisation = hangup.RepVerified, org
		r.Summary = fmt.Sprintf("%s is an official website of %s. Reports can never list it as a scam website.", key, org)
		if r.Reports > 0 {
			r.Summary += fmt.Sprintf(" %s named it in scam reports: scammers send people to real websites to make their story look true.", capital(people))
		}
		return r
	}
	switch {
	case dec != nil && dec.Decision == hangup.SiteConfirmed:
		r.Verdict = hangup.RepScam
		r.Summary = fmt.Sprintf("%s is a scam website: this was confirmed by a Hangup analyst.", key)
	case dec != nil && dec.Decision == hangup.SiteCleared:
		r.Verdict = hangup.RepAllowed
		r.Summary = fmt.Sprintf("A Hangup analyst looked into the reports about %s and cleared it: it is not listed as a scam website.", key)
	case r.Verdict == hangup.RepScam:
		r.Summary = fmt.Sprintf("%s is a scam website: it was reported by %s.", key, people)
	case r.Verdict == hangup.RepSuspected:
		r.Summary = fmt.Sprintf("%s may be a scam website: it was reported by %s.", key, people)
	case r.Reports > 0:
		r.Summary = fmt.Sprintf("%s was named in scam reports by %s: too few to be sure either way.", key, people)
	default:
		r.Summary = fmt.Sprintf("Nobody has reported %s to Hangup.", key)
	}
	return r
}

func peopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SiteListings implements hangup.SiteListings for the website checker: a
// website an analyst confirmed, or that reports make suspected or scam, is
// listed; an official or cleared one never is.
func (s *Service) SiteListings(host string) []hangup.SiteListing {
	ix := s.current.Load()
	if len(ix.sites) == 0 && len(ix.decisions) == 0 {
		return nil
	}
	key, ok := ix.siteMatch(host)
	if !ok {
		return nil
	}
	r := ix.Site(key, s.now())
	switch {
	case r.Verdict == hangup.RepScam && r.Decision != nil:
		return []hangup.SiteListing{{Kind: hangup.ListingAnalyst, Source: "analyst", Entry: r.Domain, Since: r.Decision.At, Count: r.Reports}}
	case r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected:
		l := hangup.SiteListing{Kind: hangup.ListingReports, Source: "reports", Entry: r.Domain, Count: r.Reports}
		if r.FirstSeen != nil {
			l.Since = *r.FirstSeen
		}
		return []hangup.SiteListing{l}
	}
	return nil
}

var _ hangup.SiteListings = (*Service)(nil)

// siteMatch finds, without allocating, the most specific name of host
// (lower-case ASCII) or a parent that has evidence or a decision: the
// website checker asks on every check, and almost every answer is none.
// Keys are never public suffixes (SiteKey and the checker refuse them), so
// walking every parent is safe.
func (ix *Index) siteMatch(host string) (string, bool) {
	for h := host; strings.IndexByte(h, '.') > 0; {
		if _, ok := ix.sites[h]; ok {
			return h, true
		}
		if _, ok := ix.decisions[h]; ok {
			return h, true
		}
		h = h[strings.IndexByte(h, '.')+1:]
	}
	return "", false
}

// MaxSiteName caps a website name given to DecideSite.
const MaxSiteName = 253

// SiteKey normalises a website name as an analyst or client types it (a
// host, possibly in Unicode or with a scheme and path) to the lower-case
// ASCII host evidence is kept under. EINVALID when it is not a host name.
func SiteKey(name string) (string, error) {
	n := strings.TrimSpace(name)
	if i := strings.Index(n, "://"); i >= 0 {
		n = n[i+3:]
	}
	if i := strings.IndexAny(n, "/?#"); i >= 0 {
		n = n[:i]
	}
	n = strings.TrimSuffix(n, ".")
	bad := hangup.Invalid("Give a website name such as example.com.", hangup.FieldError{Field: "domain", Message: "Enter the website's name, for example example.com."})
	if n == "" || len(n) > MaxSiteName || !strings.Contains(n, ".") || !utf8.ValidString(n) {
		return "", bad
	}
	ascii, err := idna.Lookup.ToASCII(n)
	if err != nil || len(ascii) > MaxSiteName {
		return "", bad
	}
	ascii = strings.ToLower(ascii)
	if suffix, _ := publicsuffix.PublicSuffix(ascii); suffix == ascii {
		return "", hangup.Invalid("That is an ending shared by many websites, not one website.",
			hangup.FieldError{Field: "domain", Message: ascii + " is an ending shared by many websites (like .co.uk). Enter one website's name, for example example.co.uk."})
	}
	for _, l := range strings.Split(ascii, ".") {
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", bad
		}
	}
	// A name is kept as it reads back: one that doesn't survive a second
	// reading (a label that decodes to nothing valid) is refused.
	if again, err := idna.Lookup.ToASCII(ascii); err != nil || again != ascii {
		return "", bad
	}
	return ascii, nil
}

// DecideSite records an analyst's decision about a website (confirm,
// clear, or "" to withdraw one), audited, and refreshes the index. An
// official website can't be confirmed: it can never be listed.
func (s *Service) DecideSite(ctx context.Context, name string, decision hangup.SiteDecisionKind, actor, reason string) (hangup.SiteReputation, error) {
	key, err := SiteKey(name)
	if err != nil {
		return hangup.SiteReputation{}, err
	}
	if _, err := hangup.SiteDecisionAction(decision); err != nil {
		return hangup.SiteReputation{}, err
	}
	if strings.TrimSpace(reason) == "" {
		return hangup.SiteReputation{}, hangup.Invalid("Say why.", hangup.FieldError{Field: "reason", Message: "Say why you decided this: every decision is recorded with its reason."})
	}
	if org, ok := s.current.Load().official.owner(key); ok && decision == hangup.SiteConfirmed {
		return hangup.SiteReputation{}, hangup.Invalid(key+" is an official website of "+org+": it can never be listed as a scam website.",
			hangup.FieldError{Field: "domain", Message: key + " is an official website of " + org + ": it can never be listed as a scam website."})
	}
	if err := s.store.DecideSite(ctx, key, decision, actor, strings.TrimSpace(reason)); err != nil {
		return hangup.SiteReputation{}, err
	}
	if err := s.Refresh(ctx); err != nil {
		return hangup.SiteReputation{}, err
	}
	return s.LookupSite(key), nil
}

// ReportedSites returns the websites reports name or analysts decided
// about, most reported first (then by name), at most limit of them.
func (s *Service) ReportedSites(limit int) []hangup.SiteReputation {
	ix := s.current.Load()
	now := s.now()
	seen := make(map[string]bool, len(ix.sites)+len(ix.decisions))
	var out []hangup.SiteReputation
	add := func(d string) {
		if seen[d] {
			return
		}
		seen[d] = true
		if r := ix.Site(d, now); r.Reports > 0 || r.Decision != nil {
			out = append(out, r)
		}
	}
	for d := range ix.sites {
		add(d)
	}
	for d := range ix.decisions {
		add(d)
	}
	slices.SortFunc(out, func(a, b hangup.SiteReputation) int {
		if c := cmp.Compare(b.Reports, a.Reports); c != 0 {
			return c
		}
		return strings.Compare(a.Domain, b.Domain)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
