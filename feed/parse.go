// Package feed keeps the website blocklists an operator subscribes to:
// it reads the common list formats (hosts files, adblock filters, plain
// domain lists, CSV), fetches each feed on a schedule under the outbound
// rules of package safefetch (conditional GET, size and time caps, the last
// good copy kept when a fetch fails), stores the copies through a
// hangup.FeedStore so that every node sees them, and answers from memory
// which feeds list a host (Index, a hangup.SiteListings).
package feed

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
)

// Caps on what Parse accepts.
const (
	// MaxLine is the longest line read; a longer one is malformed.
	MaxLine = 4096
	// DefaultMaxEntries caps the names of one feed.
	DefaultMaxEntries = 1_000_000
	// maxBadShare: a feed with more malformed lines than this share of its
	// non-comment lines is refused whole, since it is probably not in the
	// format it was added with.
	maxBadShare = 0.10
)

// List is a parsed feed.
type List struct {
	Names   []string // normalised hosts and domains, sorted, without repeats
	Skipped int      // lines that are not about a site (other adblock rules, localhost entries)
	Bad     int      // malformed lines, ignored
}

// Parse reads a feed in format f. It accepts a few malformed lines (real
// lists carry some), but refuses a feed with no usable name, with more than
// a tenth of its lines malformed (the wrong format), with a line longer than
// MaxLine, or with more than maxEntries names (0: DefaultMaxEntries).
// Errors are EINVALID or ETOOLARGE and say which line is wrong.
func Parse(r io.Reader, f hangup.FeedFormat, maxEntries int) (*List, error) {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	p := parser{max: maxEntries, seen: map[string]bool{}}
	var err error
	switch f {
	case hangup.FeedHosts, hangup.FeedAdblock, hangup.FeedDomains:
		err = p.lines(r, f)
	case hangup.FeedCSV:
		err = p.csv(r)
	default:
		return nil, hangup.Errorf(hangup.EINVALID, "Unknown feed format %q.", f)
	}
	if err != nil {
		return nil, err
	}
	if len(p.list.Names) == 0 {
		msg := fmt.Sprintf("The feed holds no website names in the %s format.", f)
		if p.firstBad != "" {
			msg += " " + p.firstBad
		}
		return nil, hangup.Errorf(hangup.EINVALID, "%s", msg)
	}
	if total := p.list.Bad + len(p.list.Names) + p.dups; p.list.Bad > 10 && float64(p.list.Bad) > maxBadShare*float64(total) {
		return nil, hangup.Errorf(hangup.EINVALID, "The feed does not look like the %s format: %d of %d lines are malformed. %s", f, p.list.Bad, total, p.firstBad)
	}
	slices.Sort(p.list.Names)
	return &p.list, nil
}

type parser struct {
	list     List
	max      int
	seen     map[string]bool
	dups     int
	firstBad string
}

func (p *parser) bad(n int, line, why string) {
	p.list.Bad++
	if p.firstBad == "" {
		if len(line) > 80 {
			line = line[:80] + "…"
		}
		p.firstBad = fmt.Sprintf("Line %d (%q) %s.", n, strings.ToValidUTF8(line, "?"), why)
	}
}

func (p *parser) add(name string) error {
	if p.seen[name] {
		p.dups++
		return nil
	}
	if len(p.list.Names) >= p.max {
		return hangup.Errorf(hangup.ETOOLARGE, "The feed lists more than %d names.", p.max)
	}
	p.seen[name] = true
	p.list.Names = append(p.list.Names, name)
	return nil
}

// lines parses the line formats: hosts, adblock and domains.
func (p *parser) lines(r io.Reader, f hangup.FeedFormat) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, MaxLine), MaxLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if line == "" || line[0] == '#' || line[0] == '!' || (f == hangup.FeedAdblock && line[0] == '[') {
			continue
		}
		var names []string
		var why string
		switch f {
		case hangup.FeedHosts:
			names, why = hostsLine(line)
		case hangup.FeedAdblock:
			var skip bool
			names, skip, why = adblockLine(line)
			if skip {
				p.list.Skipped++
				continue
			}
		default:
			names, why = domainsLine(line)
		}
		if why != "" {
			p.bad(n, line, why)
			continue
		}
		for _, h := range names {
			name, ok, skip := Normalise(h)
			switch {
			case skip:
				p.list.Skipped++
			case !ok:
				p.bad(n, line, "is not a website name")
			default:
				if err := p.add(name); err != nil {
					return err
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return hangup.Errorf(hangup.EINVALID, "The feed has a line longer than %d bytes: it is not a list of websites.", MaxLine)
		}
		return fmt.Errorf("feed: read: %w", err)
	}
	return nil
}

// hostsLine reads "0.0.0.0 a.example b.example # comment".
func hostsLine(line string) ([]string, string) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return nil, "is not an address followed by a name"
	}
	if _, err := netip.ParseAddr(fields[0]); err != nil {
		return nil, "does not start with an IP address"
	}
	return fields[1:], ""
}

// adblockLine reads "||bad.example^" and "||bad.example^$third-party". Other
// rules (exceptions, element hiding, paths) are skipped: they do not name a
// whole site.
func adblockLine(line string) (names []string, skip bool, why string) {
	if strings.HasPrefix(line, "@@") || strings.Contains(line, "##") || strings.Contains(line, "#@#") || strings.Contains(line, "#?#") {
		return nil, true, ""
	}
	if !strings.HasPrefix(line, "||") {
		return nil, true, ""
	}
	rest := line[2:]
	end := strings.IndexAny(rest, "^$/|*")
	if end < 0 {
		return []string{rest}, false, ""
	}
	if rest[end] == '*' || rest[end] == '/' {
		return nil, true, "" // a pattern or a path: not a whole site
	}
	return []string{rest[:end]}, false, ""
}

// domainsLine reads one domain, "*.domain" or "domain # comment".
func domainsLine(line string) ([]string, string) {
	if i := strings.IndexAny(line, "#!"); i >= 0 {
		line = strings.TrimSpace(line[:i])
	}
	fields := strings.Fields(line)
	if len(fields) != 1 {
		return nil, "holds more than one word"
	}
	return []string{strings.TrimPrefix(fields[0], "*.")}, ""
}

// csv reads a table with a header row.
func (p *parser) csv(r io.Reader) error {
	cr := csv.NewReader(&lineCap{r: bufio.NewReader(r)})
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	col := -1
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, errLineTooLong) {
			return hangup.Errorf(hangup.EINVALID, "The feed has a line longer than %d bytes: it is not a list of websites.", MaxLine)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.bad(n, "", "is not valid CSV")
				continue
			}
			return fmt.Errorf("feed: read: %w", err)
		}
		if col < 0 {
			col = 0
			header := false
			for i, h := range rec {
				switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
				case "url", "domain", "host", "hostname", "fqdn":
					col, header = i, true
				}
				if header {
					break
				}
			}
			if header {
				continue
			}
		}
		if col >= len(rec) || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") {
			continue
		}
		v := strings.TrimSpace(rec[col])
		if v == "" {
			continue
		}
		name, ok, skip := Normalise(hostOf(v))
		switch {
		case skip:
			p.list.Skipped++
		case !ok:
			p.bad(n, v, "is not a website name or address")
		default:
			if err := p.add(name); err != nil {
				return err
			}
		}
	}
}

var errLineTooLong = errors.New("line too long")

// lineCap fails a read once a line exceeds MaxLine, so that a CSV feed
// without newlines cannot make the reader buffer it whole.
type lineCap struct {
	r   *bufio.Reader
	run int
}

func (l *lineCap) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	for _, c := range b[:n] {
		if c == '\n' {
			l.run = 0
		} else if l.run++; l.run > MaxLine {
			return 0, errLineTooLong
		}
	}
	return n, err
}

// hostOf returns the host of a URL, or v itself when it is not one.
func hostOf(v string) string {
	if i := strings.Index(v, "://"); i >= 0 {
		v = v[i+3:]
	}
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		v = v[:i]
	}
	if i := strings.LastIndexByte(v, '@'); i >= 0 {
		v = v[i+1:]
	}
	if strings.HasPrefix(v, "[") {
		if j := strings.IndexByte(v, ']'); j > 0 {
			return v[1:j]
		}
	}
	if i := strings.LastIndexByte(v, ':'); i >= 0 && strings.Count(v, ":") == 1 {
		v = v[:i]
	}
	return v
}

// lookup converts names the way browsers do before lookup.
var lookup = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(false), idna.CheckHyphens(false))

// localNames are the names hosts files map to themselves; they are not
// blocklist entries.
var localNames = map[string]bool{"localhost": true, "localhost.localdomain": true, "local": true, "broadcasthost": true,
	"ip6-localhost": true, "ip6-loopback": true, "ip6-localnet": true, "ip6-mcastprefix": true, "ip6-allnodes": true,
	"ip6-allrouters": true, "ip6-allhosts": true, "0.0.0.0": true}

// Normalise turns a listed name into the form hosts are looked up in:
// lower-case ASCII (punycode), no trailing dot, no leading "*." or "www.".
// ok is false for something that is not a host name or IP address; skip is
// true for names that are not entries (localhost) and for public suffixes
// (com, co.uk, github.io), which are no one's site.
func Normalise(h string) (name string, ok, skip bool) {
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(h), "*."), ".")
	if h == "" || len(h) > 253 {
		return "", false, false
	}
	if ip, err := netip.ParseAddr(h); err == nil {
		if ip.IsUnspecified() || ip.IsLoopback() {
			return "", true, true
		}
		return ip.Unmap().String(), true, false
	}
	lower := strings.ToLower(h)
	if localNames[lower] {
		return "", true, true
	}
	ascii, err := lookup.ToASCII(lower)
	if err != nil || !validHost(ascii) {
		return "", false, false
	}
	ascii = strings.TrimPrefix(ascii, "www.")
	if !strings.Contains(ascii, ".") {
		return "", false, false
	}
	if suffix, _ := publicsuffix.PublicSuffix(ascii); suffix == ascii {
		return "", true, true
	}
	return ascii, true, false
}

func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	label := 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == '.':
			if label == 0 {
				return false
			}
			label = 0
			continue
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
		if label++; label > 63 {
			return false
		}
	}
	return label > 0 && !bytes.ContainsAny([]byte(h[len(h)-label:]), "_")
}
