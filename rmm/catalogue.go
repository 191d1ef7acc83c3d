// Package rmm is Hangup's catalogue of remote-access tools: AnyDesk,
// TeamViewer, Quick Assist and the 300 or so other remote monitoring and
// management (RMM) tools and remote-access programs listed by the LOLRMM
// project. Tech-support scammers get their victims to install one of these
// (stage S2 of the scam), so the website checker uses the catalogue to
// recognise the tools' websites and relays, and the transcript analyser to
// recognise their names in what a caller says.
//
// The catalogue is loaded once from the shipped CSV files; domain patterns
// are compiled at load time into exact and suffix maps plus a few anchored
// regular expressions, so a lookup costs a handful of map probes.
package rmm

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/hangup-org/hangup/data"
)

// Category is LOLRMM's classification of a tool.
type Category string

// Categories used by LOLRMM.
const (
	CategoryRMM Category = "RMM" // remote monitoring and management: remote support, IT management
	CategoryRAT Category = "RAT" // other remote-access software: remote desktop, SSH, tunnels, file sync
)

// Tool is one remote-access tool.
type Tool struct {
	Name     string   `json:"name"` // as LOLRMM names it, e.g. "AnyDesk"
	Category Category `json:"category"`
	Website  string   `json:"website,omitempty"` // the vendor's site or download page, when known
	// Names holds every name and spelling people use for the tool,
	// normalised by NormaliseName: the tool's own name first, then aliases
	// ("any desk", "anydesk"). Names are unique within a tool, not across
	// tools (several ConnectWise products answer to "connectwise").
	Names []string `json:"names"`
	// EverydayNames is the subset of Names that are also everyday words or
	// phrases ("level", "any support"): a transcript should mention them
	// next to other signs before they count.
	EverydayNames []string `json:"everyday_names,omitempty"`
	// Domains holds the tool's domain patterns as LOLRMM writes them
	// (lower-cased, without ports), plus the website's host when the
	// website is the vendor's own home page.
	Domains []string `json:"domains,omitempty"`
	// ScamFavoured is set for the tools that studies and fraud reports name
	// as the ones tech-support scammers ask victims to install.
	ScamFavoured bool `json:"scam_favoured"`
}

// Catalogue is the loaded, indexed set of tools. It is immutable after Load
// and safe for concurrent use.
type Catalogue struct {
	tools []Tool
	// hosts indexes every pattern by a host name, so that a lookup costs
	// one map probe per label of the host.
	hosts map[string]*hostEntry
	names map[string][]int // normalised name → tools
	// skipped records the patterns set aside as shared hosts, for tests and
	// documentation.
	skipped []string
}

// hostEntry holds the patterns filed under one host name.
type hostEntry struct {
	exact  []int       // tools whose pattern is exactly this host
	suffix []int       // tools whose pattern "*.host" covers it and its subdomains
	rx     []rxPattern // patterns with wildcards inside labels, ending in this host
}

// rxPattern is a pattern with a wildcard or character class inside a label,
// compiled once and tried only on hosts ending in its literal suffix.
type rxPattern struct {
	re   *regexp.Regexp
	tool int
}

// Files read by Load, relative to the root of the data file system.
const (
	ToolsFile   = "lolrmm/rmm_tools.csv"
	DomainsFile = "lolrmm/rmm_domains.csv"
)

// Default loads the catalogue shipped in the binary (package data).
func Default() (*Catalogue, error) { return Load(data.FS) }

// Load reads the catalogue from fsys, which holds ToolsFile and DomainsFile
// (data.FS, or a test directory laid out the same way). It fails on missing
// files, malformed CSV or patterns that do not compile: the shipped data is
// part of the program, so a bad file is a bug, not something to skip.
func Load(fsys fs.FS) (*Catalogue, error) {
	toolRows, err := readCSV(fsys, ToolsFile, "name", "category", "website")
	if err != nil {
		return nil, err
	}
	domainRows, err := readCSV(fsys, DomainsFile, "domain_pattern", "tool_name")
	if err != nil {
		return nil, err
	}
	c := &Catalogue{
		hosts: map[string]*hostEntry{},
		names: map[string][]int{},
	}
	byName := map[string]int{} // LOLRMM lists some tools twice; rows merge by name
	for _, r := range toolRows {
		name := strings.TrimSpace(r["name"])
		if name == "" {
			return nil, fmt.Errorf("rmm: %s: a row has no name", ToolsFile)
		}
		key := strings.ToLower(name)
		i, ok := byName[key]
		if !ok {
			i = len(c.tools)
			byName[key] = i
			c.tools = append(c.tools, Tool{Name: name, Category: Category(strings.TrimSpace(r["category"]))})
		}
		t := &c.tools[i]
		if w := strings.TrimSpace(r["website"]); w != "" && t.Website == "" {
			t.Website = w
			if h := homeHost(w); h != "" {
				t.Domains = appendUnique(t.Domains, h)
			}
		}
	}
	for _, r := range domainRows {
		name := strings.ToLower(strings.TrimSpace(r["tool_name"]))
		i, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("rmm: %s: pattern %q names unknown tool %q", DomainsFile, r["domain_pattern"], r["tool_name"])
		}
		p := cleanPattern(r["domain_pattern"])
		if p == "" {
			continue
		}
		c.tools[i].Domains = appendUnique(c.tools[i].Domains, p)
	}
	for i := range c.tools {
		t := &c.tools[i]
		t.ScamFavoured = scamFavoured[strings.ToLower(t.Name)]
		t.Names, t.EverydayNames = namesFor(t.Name)
		for _, n := range t.Names {
			c.names[n] = appendUniqueInt(c.names[n], i)
		}
		kept := t.Domains[:0]
		for _, p := range t.Domains {
			if why, ok := sharedPatterns[p]; ok {
				c.skipped = append(c.skipped, t.Name+": "+p+": "+why)
				continue
			}
			if err := c.addPattern(p, i); err != nil {
				return nil, fmt.Errorf("rmm: tool %q: %w", t.Name, err)
			}
			kept = append(kept, p)
		}
		t.Domains = kept
	}
	// When several tools share a host or a name, the one a scam victim is
	// most likely to meet comes first: a scam-favoured tool, then the tool
	// whose name is the domain's own name (anydesk.com is AnyDesk's), then
	// catalogue order.
	order := func(key string) func(a, b int) int {
		label := firstLabel(key)
		return func(a, b int) int {
			ta, tb := &c.tools[a], &c.tools[b]
			if ta.ScamFavoured != tb.ScamFavoured {
				if ta.ScamFavoured {
					return -1
				}
				return 1
			}
			ma, mb := nameMatches(ta, label), nameMatches(tb, label)
			if ma != mb {
				if ma {
					return -1
				}
				return 1
			}
			return cmp.Compare(a, b)
		}
	}
	for k, e := range c.hosts {
		slices.SortFunc(e.exact, order(k))
		slices.SortFunc(e.suffix, order(k))
	}
	// A name is first the tool that is called exactly that ("LogMeIn" is
	// LogMeIn, not LogMeIn Rescue, which also answers to it).
	for k, v := range c.names {
		byLabel := order(strings.ReplaceAll(k, " ", ""))
		slices.SortFunc(v, func(a, b int) int {
			ea, eb := NormaliseName(baseName(c.tools[a].Name)) == k, NormaliseName(baseName(c.tools[b].Name)) == k
			if ea != eb {
				if ea {
					return -1
				}
				return 1
			}
			return byLabel(a, b)
		})
	}
	return c, nil
}

// Tools returns every tool, in catalogue order. The slice is a copy; the
// tools' own slices are shared and must not be modified.
func (c *Catalogue) Tools() []Tool { return slices.Clone(c.tools) }

// Skipped lists the LOLRMM patterns that Load set aside because they name
// hosts that serve everyone, each with the reason.
func (c *Catalogue) Skipped() []string { return slices.Clone(c.skipped) }

// MatchDomain returns the tool whose website or relay host is host (lower
// case ASCII, no port; a trailing dot is ignored). The most specific pattern
// wins: an exact host before a wildcard on a parent domain. A pattern
// "*.example.com" also covers example.com itself, the vendor's home page.
func (c *Catalogue) MatchDomain(host string) (Tool, bool) {
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return Tool{}, false
	}
	if e, ok := c.hosts[host]; ok && len(e.exact) > 0 {
		return c.tools[e.exact[0]], true
	}
	for h := host; ; {
		if e, ok := c.hosts[h]; ok {
			for _, p := range e.rx {
				if p.re.MatchString(host) {
					return c.tools[p.tool], true
				}
			}
			if len(e.suffix) > 0 {
				return c.tools[e.suffix[0]], true
			}
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return Tool{}, false
		}
		h = h[i+1:]
	}
}

// ByName returns the tool with this name or alias, as a person would say or
// type it: case, spacing and punctuation don't matter ("Any Desk",
// "anydesk", "TEAM-VIEWER"). When several tools answer to the name, the
// scam-favoured one comes first.
func (c *Catalogue) ByName(name string) (Tool, bool) {
	ts, ok := c.names[NormaliseName(name)]
	if !ok {
		return Tool{}, false
	}
	return c.tools[ts[0]], true
}

// NormaliseName lower-cases s, turns every run of characters other than
// letters and digits into one space and trims the ends, so "Team-Viewer",
// "team  viewer" and "TEAM VIEWER" all become "team viewer". The transcript
// analyser normalises text the same way before it looks for Tool.Names.
func NormaliseName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		if isAlnum(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// addPattern files one cleaned pattern under the right index.
func (c *Catalogue) addPattern(p string, tool int) error {
	switch {
	case !strings.ContainsAny(p, "*[]{}"):
		e := c.entry(p)
		e.exact = appendUniqueInt(e.exact, tool)
	case strings.HasPrefix(p, "*.") && !strings.ContainsAny(p[2:], "*[]{}"):
		e := c.entry(p[2:])
		e.suffix = appendUniqueInt(e.suffix, tool)
	default:
		re, lit, err := compilePattern(p)
		if err != nil {
			return err
		}
		e := c.entry(lit)
		e.rx = append(e.rx, rxPattern{re: re, tool: tool})
	}
	return nil
}

func (c *Catalogue) entry(host string) *hostEntry {
	e, ok := c.hosts[host]
	if !ok {
		e = &hostEntry{}
		c.hosts[host] = e
	}
	return e
}

// compilePattern turns a LOLRMM pattern with wildcards inside labels
// ("agents*-cloud.acronis.com", "relay-[a-f0-9]{8}.net.anydesk.com",
// "rescue-list.*.logmein-gateway.com") into an anchored regular expression,
// and returns the pattern's literal suffix (the labels after the last label
// holding a wildcard), under which the expression is filed.
func compilePattern(p string) (*regexp.Regexp, string, error) {
	labels := strings.Split(p, ".")
	last := -1
	var b strings.Builder
	b.WriteString("^")
	for i, l := range labels {
		if i > 0 {
			b.WriteString(`\.`)
		}
		if !strings.ContainsAny(l, "*[]{}") {
			b.WriteString(regexp.QuoteMeta(l))
			continue
		}
		last = i
		if l == "*" {
			// A whole-label wildcard stands for one or more labels.
			b.WriteString(`[a-z0-9_-]+(?:\.[a-z0-9_-]+)*`)
			continue
		}
		for j := 0; j < len(l); j++ {
			switch ch := l[j]; ch {
			case '*':
				b.WriteString(`[a-z0-9_-]*`)
			case '[':
				k := strings.IndexByte(l[j:], ']')
				if k < 0 {
					return nil, "", fmt.Errorf("pattern %q: unclosed [", p)
				}
				b.WriteString(l[j : j+k+1])
				j += k
			case '{':
				k := strings.IndexByte(l[j:], '}')
				if k < 0 {
					return nil, "", fmt.Errorf("pattern %q: unclosed {", p)
				}
				b.WriteString(l[j : j+k+1])
				j += k
			default:
				b.WriteString(regexp.QuoteMeta(string(ch)))
			}
		}
	}
	b.WriteString("$")
	if last == len(labels)-1 {
		return nil, "", fmt.Errorf("pattern %q: wildcard in the last label", p)
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, "", fmt.Errorf("pattern %q: %w", p, err)
	}
	return re, strings.Join(labels[last+1:], "."), nil
}

// cleanPattern lower-cases a LOLRMM pattern and drops its port and any
// trailing dot; it returns "" for patterns that cannot name a host.
func cleanPattern(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	if i := strings.LastIndexByte(p, ':'); i >= 0 && !strings.Contains(p[i:], "]") {
		p = p[:i]
	}
	p = strings.TrimSuffix(p, ".")
	if p == "" || strings.ContainsAny(p, " /<>") {
		return ""
	}
	return p
}

// homeHost returns the host of a tool's website when the website is the
// vendor's own home page (no path beyond a language code), so that the host
// can be matched like a domain pattern. Deep links on other companies'
// sites (apple.com/remotedesktop, github.com/…, web.archive.org) return "":
// matching those hosts would call Apple's or GitHub's whole site a
// remote-access tool.
func homeHost(website string) string {
	u, err := url.Parse(website)
	if err != nil || u.Host == "" {
		return ""
	}
	if !homePath.MatchString(u.Path) || u.RawQuery != "" {
		return ""
	}
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if _, shared := sharedPatterns[h]; shared || h == "web.archive.org" {
		return ""
	}
	return h
}

var homePath = regexp.MustCompile(`^(/|/[A-Za-z]{2}(-[A-Za-z]{2})?(/|/home)?)?$`)

func readCSV(fsys fs.FS, name string, required ...string) ([]map[string]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("rmm: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("rmm: %s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, req := range required {
		if _, ok := col[req]; !ok {
			return nil, fmt.Errorf("rmm: %s: no column %q", name, req)
		}
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("rmm: %s: %w", name, err)
		}
		row := make(map[string]string, len(col))
		for k, i := range col {
			if i < len(rec) {
				row[k] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("rmm: %s: no rows", name)
	}
	return rows, nil
}

func firstLabel(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return s[:i]
	}
	return s
}

// nameMatches reports whether one of the tool's names, without spaces, is
// label (or label is one of its names): the domain is the tool's own.
func nameMatches(t *Tool, label string) bool {
	for _, n := range t.Names {
		if strings.ReplaceAll(n, " ", "") == label {
			return true
		}
	}
	return false
}

func appendUnique(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func appendUniqueInt(s []int, v int) []int {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
