package orgportal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/safefetch"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// ChallengeLabel is the DNS name under the domain that carries the TXT
// record; ChallengePath is the file on the domain's website.
const (
	ChallengeLabel = "_hangup-challenge"
	ChallengePath  = "/.well-known/hangup-challenge"
	challengeTag   = "hangup-challenge="
)

// domainName is two or more labels of letters, digits and inner hyphens.
var domainName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// freeMail are email providers anyone can get an address at: an address
// there proves nothing about any organisation.
var freeMail = []string{
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk", "msn.com",
	"yahoo.com", "yahoo.co.uk", "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
	"gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "yandex.com", "yandex.ru", "zoho.com", "tutanota.com",
	"fastmail.com", "btinternet.com", "qq.com", "163.com", "mail.ru",
}

// freeHosting are website builders and hosts whose customers get names
// under the host's own domain, where the public suffix list does not
// already say so.
var freeHosting = []string{
	"wixsite.com", "weebly.com", "wordpress.com", "blogspot.com", "sites.google.com", "000webhostapp.com",
	"webflow.io", "carrd.co", "godaddysites.com", "square.site", "jimdosite.com", "strikingly.com",
}

// CheckDomain normalises a domain an organisation says it controls and
// refuses the ones that can't belong to one organisation: a public suffix
// (co.uk), a name under a hosting service's suffix (github.io, a free
// website builder) or a free email provider.
func CheckDomain(field, raw string) (string, error) {
	bad := func(msg string) error {
		return hangup.Invalid("That domain can't be used.", hangup.FieldError{Field: field, Message: msg})
	}
	d := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(raw)), ".")
	if d == "" {
		return "", bad("Enter your organisation's domain, for example example.com.")
	}
	if len(d) > 253 || !utf8.ValidString(d) {
		return "", bad("That is not a domain name.")
	}
	ascii, err := idna.Lookup.ToASCII(d)
	if err != nil || !domainName.MatchString(ascii) || len(ascii) > 253 {
		return "", bad("That is not a domain name such as example.com.")
	}
	suffix, icann := publicsuffix.PublicSuffix(ascii)
	if suffix == ascii {
		return "", bad(fmt.Sprintf("%s is a public suffix, shared by many organisations: use your organisation's own domain.", ascii))
	}
	if !icann && strings.Contains(suffix, ".") {
		return "", bad(fmt.Sprintf("Names under %s belong to a hosting service, not to one organisation: use your organisation's own domain.", suffix))
	}
	for _, h := range freeHosting {
		if ascii == h || strings.HasSuffix(ascii, "."+h) {
			return "", bad(fmt.Sprintf("Names under %s belong to a free website service, not to one organisation: use your organisation's own domain.", h))
		}
	}
	if reg, err := publicsuffix.EffectiveTLDPlusOne(ascii); err == nil && slices.Contains(freeMail, reg) {
		return "", bad(fmt.Sprintf("%s is a free email service anyone can use: sign up with an address at your organisation's own domain.", reg))
	}
	return ascii, nil
}

// Resolver looks up TXT records: net.DefaultResolver in production, a
// resolver pointed at a loopback DNS server in tests.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
}

// Fetcher fetches a URL under the outbound rules: safefetch.Client in
// production (public addresses only, no redirects, a capped body).
type Fetcher interface {
	Get(ctx context.Context, rawURL string, hdr http.Header) (*safefetch.Response, error)
}

// Prover checks that a domain carries a challenge.
type Prover struct {
	Resolver Resolver
	Fetcher  Fetcher
}

// NewProver returns the production prover: the system's DNS and an
// HTTPS-only safefetch client.
func NewProver() *Prover {
	return &Prover{Resolver: net.DefaultResolver,
		Fetcher: safefetch.New(safefetch.Config{Schemes: []string{"https"}, Ports: []int{443}, MaxBytes: 4 << 10, UserAgent: "Hangup domain check"})}
}

// ErrOtherDomain marks a challenge record made for another domain.
var ErrOtherDomain = errors.New("the record is for another domain")

// Check looks for challenge at _hangup-challenge.<domain> (TXT) and then
// at https://<domain>/.well-known/hangup-challenge, and returns the method
// that found it. A record carrying a challenge for another domain is
// refused as such.
func (p *Prover) Check(ctx context.Context, domain, challenge string) (string, error) {
	var seen []string
	if p.Resolver != nil {
		txts, err := p.Resolver.LookupTXT(ctx, ChallengeLabel+"."+domain)
		if err == nil {
			for _, t := range txts {
				t = strings.TrimSpace(t)
				if t == challenge {
					return hangup.VerifiedByDNS, nil
				}
				seen = append(seen, t)
			}
		}
	}
	if p.Fetcher != nil {
		resp, err := p.Fetcher.Get(ctx, "https://"+domain+ChallengePath, nil)
		if err == nil && resp.Status == http.StatusOK {
			for _, line := range strings.Split(string(resp.Body), "\n") {
				line = strings.TrimSpace(line)
				if line == challenge {
					return hangup.VerifiedByHTTPS, nil
				}
				if line != "" {
					seen = append(seen, line)
				}
			}
		}
	}
	for _, s := range seen {
		if d, ok := challengeDomain(s); ok && d != domain {
			return "", fmt.Errorf("%w: the challenge found was made for %s, not %s", ErrOtherDomain, d, domain)
		}
	}
	return "", errors.New("no challenge found")
}

// challengeDomain reads the domain a challenge value names.
func challengeDomain(v string) (string, bool) {
	rest, ok := strings.CutPrefix(v, challengeTag)
	if !ok {
		return "", false
	}
	d, _, ok := strings.Cut(rest, ":")
	return d, ok && d != ""
}

// newChallenge makes the value to publish for domain:
// "hangup-challenge=<domain>:<random>".
func newChallenge(domain string) string {
	return challengeTag + domain + ":" + randomToken(20)
}
