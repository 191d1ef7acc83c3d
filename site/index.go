package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/rmm"
)

// DefaultPopularBrands is how many of the most popular domains (Tranco
// ranks) the checker protects from lookalikes by default. Every domain in
// Data.Tranco counts as genuine; only the top ones are brands worth
// copying, and protecting fewer keeps the lookalike net from catching real
// but less popular sites.
const DefaultPopularBrands = 500

// loudRank: the most visited sites, up to this rank, are every phisher's
// targets whether or not the phishing lists Hangup learned from happen to
// copy them (icloud.com, reddit.com): they are never quiet brands.
const loudRank = 100

// Config says what a Checker is built from.
type Config struct {
	// Organisations are the registry's organisations. Their domains are
	// official; their names are protected from lookalikes.
	Organisations []*hangup.Organisation
	// Data is the reference data; nil loads the shipped copy.
	Data *Data
	// Tools is the remote-access tool catalogue; nil loads the shipped copy.
	Tools *rmm.Catalogue
	// PopularBrands is how many of the top Data.Tranco domains are protected
	// from lookalikes; 0 means DefaultPopularBrands, a negative value none.
	PopularBrands int
	// Listings, when set, says which blocklists (feeds) name a host; a
	// listed site is flagged with the list's name and date. It is asked on
	// every check and must answer from memory.
	Listings hangup.SiteListings
}

// brandKind orders where a brand comes from, most trusted first.
type brandKind uint8

const (
	kindRegistry  brandKind = iota // an organisation in Hangup's registry
	kindTool                       // a scam-favoured remote-access tool's own domain
	kindHighTrust                  // a brand's own domain on the curated high-trust list, or a scam target
	kindPopular                    // a top domain of the Tranco ranking
)

// brand is one protected domain and who it belongs to.
type brand struct {
	name   string // display name: the organisation's or tool's name, else the domain
	poss   string // name with the English possessive, made once: "Microsoft's"
	domain string // the genuine registrable domain, e.g. microsoft.com
	suffix string // its public suffix, e.g. com, found once when indexing
	label  string // its site label, e.g. microsoft
	skel   string // the label's lookalike skeleton
	org    *hangup.Organisation
	kind   brandKind
	rank   int  // Tranco rank, 0 if not ranked
	combo  bool // may be combined with words (combosquatting)
	solo   bool // distinctive enough to spot inside a run-together name (securepaypallogin)
	// generic: a popular site whose name many popular names are made of
	// (forms, nic): alone it says nothing about the brand
	generic bool
	// countries: the brand runs sites under its name on several country
	// endings (google.de, amazon.fr): its name on another one is most
	// likely its own too
	countries bool
	// family: several popular names are the brand's name followed by more
	// (cloudflareinsights, cloudflare-dns): the brand names its own
	// services that way
	family bool
	// wordTail: the name is one letter in front of a word many popular
	// names hold (icloud: cloud); another letter there makes another name
	wordTail bool
	swap     bool // may be matched on another ending (TLD swap)
	edit     bool // protected from one-character typos
	// quiet: a popular site that phishing hosts have not been seen copying
	// (Data.Phished): a name like it counts as a lookalike only with a
	// scam word, on an ending scammers favour or on free hosting. Another
	// popular site one letter from it (ozon.ru, ozone.ru) or named after it
	// and a plain word (samsungapis.com) is most often a site of its own.
	quiet bool
}

// Checker is the website checker: one engine for the caller check, the
// transcript analysis, incident reports, the CLI, the API and the web
// pages. Build it once with New; it is immutable and safe for concurrent
// use, and a lookup costs a few dozen map probes whatever the number of
// brands.
type Checker struct {
	brands   []brand
	orgs     map[string]*hangup.Organisation
	official map[string]int32 // official domain or host → brand
	popular  map[string]int32 // popular genuine domain → Tranco rank
	labels   map[string][]int32
	skels    map[string][]int32
	// near is the typo index: for each string, the edit-eligible brands
	// whose skeleton or typed name it is, and those it is one deletion of
	// (symmetric delete), so that one probe per deletion of a name finds
	// every brand one edit away.
	near       map[string]*nearPosting
	lengths    uint64 // bit n set: some edit-eligible brand name has n bytes
	maxHyphens int    // the most hyphens in an edit-eligible brand name
	words      map[string]bool
	// common are strings of 3 to 12 letters that at least genericCount
	// popular names contain after their first letter (cloud, space, share):
	// ordinary words of the web, not brand names.
	common map[string]bool
	// dict holds the English dictionary, sorted (Data.Dictionary).
	dict      []string
	wordTrie  trie              // words, forwards
	wordRev   trie              // words, backwards
	platforms map[string]string // shortener, site builder or free host → its finding code
	susTLD    map[string]bool   // Sublime Security's list: a weak sign on its own
	abused    map[string]bool   // generic endings favoured by abuse: promote brand matches
	// brandTLDs are top-level domains a brand owns (.microsoft, .google),
	// with the brand: every name under them is the brand's.
	brandTLDs map[string]int32
	tools     *rmm.Catalogue
	listings  hangup.SiteListings
	signals   *signalIndex
}

var _ hangup.SiteChecker = (*Checker)(nil)

// Label lengths below which a lookalike family is not tried: a one-letter
// change to a short name mostly gives another real name (bt.com, bf.com,
// bd.com are all genuine), so typo matching needs longer names, and a brand
// name inside a longer name ("bt" in "subtitle") needs at least three
// letters unless the organisation is in the registry.
const (
	minEditRegistry = 4
	// minEditShortRegistry: below it, a one-letter change to a registry
	// name counts only on an ending scammers favour.
	minEditShortRegistry = 6
	minEditBrand         = 5
	minEditPopular       = 5
	minComboLabel        = 3
	minSkelLabel         = 3
	// genericCount is how many popular names must contain a brand's name,
	// not at their start, for the name to count as an ordinary word (home
	// in myhome, smarthome…): such a name inside a run-together name says
	// nothing.
	genericCount = 3
	// minCountryEndings: a brand whose name is popular on at least this
	// many country endings runs sites across countries.
	minCountryEndings = 3
)

// New builds a Checker. It fails only when the shipped data cannot be
// loaded.
func New(cfg Config) (*Checker, error) {
	d := cfg.Data
	if d == nil {
		var err error
		if d, err = DefaultData(); err != nil {
			return nil, err
		}
	}
	tools := cfg.Tools
	if tools == nil {
		var err error
		if tools, err = rmm.Default(); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
	}
	popularN := cfg.PopularBrands
	if popularN == 0 {
		popularN = DefaultPopularBrands
	}
	c := &Checker{
		orgs:      map[string]*hangup.Organisation{},
		official:  map[string]int32{},
		popular:   make(map[string]int32, len(d.Tranco)),
		labels:    map[string][]int32{},
		skels:     map[string][]int32{},
		near:      map[string]*nearPosting{},
		words:     map[string]bool{},
		common:    map[string]bool{},
		platforms: map[string]string{},
		susTLD:    set(d.SuspiciousTLDs),
		abused:    abusedTLDs(d),
		brandTLDs: map[string]int32{},
		tools:     tools,
		listings:  cfg.Listings,
		signals:   newSignalIndex(),
		dict:      d.Dictionary,
	}
	if !slices.IsSorted(c.dict) {
		c.dict = slices.Clone(c.dict)
		slices.Sort(c.dict)
	}
	for _, w := range append(slices.Clone(d.Words), scamWords...) {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && !strings.ContainsAny(w, " .") && !infraWords[w] {
			c.words[w] = true
		}
	}
	// One map for the three platform lists, so a host costs one probe per
	// label; a host on several lists is a shortener first, then a builder.
	for _, l := range []struct {
		hosts []string
		code  string
	}{{d.FreeHosts, CodeFreeHosting}, {d.SiteBuilders, CodeSiteBuilder}, {d.Shorteners, CodeShortener}} {
		for _, h := range l.hosts {
			c.platforms[h] = l.code
		}
	}
	for w := range c.words {
		c.wordTrie.add(w)
		c.wordRev.add(reverse(w))
	}
	for i, dom := range d.Tranco {
		if _, ok := c.popular[dom]; !ok {
			c.popular[dom] = int32(i + 1)
		}
	}
	regBrand := map[string]int32{}    // registrable domain → its brand
	brandLabels := map[string]int32{} // labels of registrable brand domains, to spot brand endings
	add := func(b brand, official bool) {
		if b.label == "" {
			return
		}
		reg := registrable(b.domain)
		b.suffix = publicSuffixOf(b.domain)
		id, seen := regBrand[reg]
		if !seen || b.kind == kindRegistry {
			if r, ok := c.popular[reg]; ok && b.rank == 0 {
				b.rank = int(r)
			}
			id = int32(len(c.brands))
			c.brands = append(c.brands, b)
			if _, ok := brandLabels[b.label]; !ok && reg != b.suffix {
				brandLabels[b.label] = id
			}
			if !seen {
				regBrand[reg] = id
			}
		}
		if _, ok := c.official[b.domain]; official && !ok {
			c.official[b.domain] = id
		}
	}
	for _, o := range cfg.Organisations {
		if o == nil || o.ID == "" {
			continue
		}
		c.orgs[o.ID] = o
		for _, od := range o.Domains {
			dom := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(od.Domain)), ".")
			if dom == "" {
				continue
			}
			add(brand{name: o.Name, domain: dom, label: siteLabel(registrable(dom)), org: o, kind: kindRegistry}, true)
		}
		// The organisation's name and aliases are brand names too: HMRC's
		// site is under gov.uk, but hmrc-tax-refund.uk copies "HMRC".
		if main := mainDomain(o, ""); main != "" {
			for _, n := range append([]string{o.Name}, o.Aliases...) {
				if l := aliasLabel(n); l != "" && l != siteLabel(registrable(main)) {
					add(brand{name: o.Name, domain: main, label: l, org: o, kind: kindRegistry}, false)
				}
			}
		}
	}
	for _, t := range tools.Tools() {
		if !t.ScamFavoured {
			continue
		}
		for _, p := range t.Domains {
			p = strings.TrimPrefix(p, "*.")
			if strings.ContainsAny(p, "*[]{}") || registrable(p) != p {
				continue
			}
			add(brand{name: t.Name, domain: p, label: siteLabel(p), kind: kindTool}, false)
		}
	}
	for _, dom := range d.HighTrust {
		add(brand{name: dom, domain: dom, label: siteLabel(dom), kind: kindHighTrust}, true)
	}
	for _, dom := range scamTargets {
		if _, ok := c.popular[dom]; !ok {
			c.popular[dom] = 0 // genuine, unranked
		}
		add(brand{name: dom, domain: dom, label: siteLabel(dom), kind: kindHighTrust}, false)
	}
	phished := set(d.Phished)
	for i, dom := range d.Tranco {
		if i >= popularN {
			break
		}
		if !brandLike(dom) {
			continue
		}
		add(brand{name: dom, domain: dom, label: siteLabel(dom), kind: kindPopular, rank: i + 1, quiet: d.Phished != nil && !phished[dom] && i >= loudRank}, false)
	}
	// Names under a brand's own top-level domain (cloud.microsoft,
	// signin.aws) belong to the brand that owns the ending: their label is
	// the ending, not the ordinary word in front of it.
	ordinaryTLD := set(append(append(slices.Clone(d.CommonTLDs), d.AbusedTLDs...), d.SuspiciousTLDs...))
	for i := range c.brands {
		b := &c.brands[i]
		suffix, icann := publicsuffix.PublicSuffix(b.domain)
		if !icann || strings.Contains(suffix, ".") || len(suffix) < 3 || suffix == b.label || ordinaryTLD[suffix] {
			continue
		}
		if owner, ok := brandLabels[dotBrands[suffix]]; ok && c.brands[owner].kind <= kindHighTrust {
			b.label = suffix
			c.brandTLDs[suffix] = owner
		}
	}
	// A brand's own top-level domain (google, microsoft, barclays) is the
	// brand's even when no listed domain uses it: only the brand registers
	// names under it (share.google). Only endings known to be a brand's
	// count: many brand names are also open endings anyone can buy under
	// (house.gov's name is the open ending .house).
	for tld, ownerLabel := range dotBrands {
		owner, ok := brandLabels[ownerLabel]
		if _, taken := c.brandTLDs[tld]; taken || !ok || c.brands[owner].kind > kindHighTrust {
			continue
		}
		if suffix, icann := publicsuffix.PublicSuffix("x." + tld); icann && suffix == tld {
			c.brandTLDs[tld] = owner
		}
	}
	// Count how many popular names contain each short string after their
	// first letter, to tell ordinary words (home in myhome, mega in omega)
	// from distinctive names: a brand's own family of domains starts with
	// its name (adobelogin, amazonaws) and does not count.
	contains := map[string]int{}
	// starts counts the popular names that start with a brand's name, or
	// with its name but the first letter.
	starts := map[string]int{}
	for i := range c.brands {
		if l := c.brands[i].label; len(l) >= minEditPopular && len(l) <= 12 {
			starts[l], starts[l[1:]] = 0, 0
		}
	}
	family := map[string]int{}
	for i := range c.brands {
		if l := c.brands[i].label; len(l) >= minEditRegistry {
			family[l] = 0
		}
	}
	// countryEndings counts the country endings each name is popular
	// under (google.de, google.co.uk): a brand that runs sites across
	// countries holds its name on country endings.
	countryEndings := map[string]int{}
	for _, dom := range d.Tranco {
		l := siteLabel(dom)
		if suffix, icann := publicsuffix.PublicSuffix(dom); icann && len(lastLabel(suffix)) == 2 && suffix != dom {
			countryEndings[l]++
		}
		for k := minEditRegistry; k < len(l) && k <= MaxLabel; k++ {
			if _, ok := family[l[:k]]; ok {
				family[l[:k]]++
			}
		}
		for k := minEditPopular - 1; k <= len(l) && k <= 12; k++ {
			if _, ok := starts[l[:k]]; ok {
				starts[l[:k]]++
			}
		}
		seenSub := map[string]bool{}
		for i := 1; i < len(l); i++ {
			for j := i + 3; j <= len(l) && j-i <= 12; j++ {
				if j-i == len(l) {
					continue
				}
				sub := l[i:j]
				if !seenSub[sub] {
					seenSub[sub] = true
					contains[sub]++
				}
			}
		}
	}
	for sub, n := range contains {
		if n >= genericCount {
			c.common[sub] = true
		}
	}
	// Index the brands. Postings are sorted so that the first brand under a
	// key is the one to report: registry first, then tools, the curated
	// list, and popular domains by rank.
	var buf []byte
	for i := range c.brands {
		b := &c.brands[i]
		b.poss = possessive(b.name)
		b.combo, b.swap, b.edit = c.eligible(b)
		// A registry name is distinctive from six letters (barclays in
		// barclaysloginuk); shorter ones (sky, ee, cash) only when few
		// popular names contain them (not sky in skyscanner).
		b.solo = b.combo && (b.kind == kindRegistry && len(b.label) >= minEditShortRegistry || len(b.label) >= minComboLabel && !c.common[b.label])
		b.generic = b.kind == kindPopular && c.common[b.label]
		b.countries = countryEndings[b.label] >= minCountryEndings
		b.family = family[b.label] >= genericCount
		// A name one letter in front of a word many popular names hold
		// after another letter or at their start (cloud in tencentcloud,
		// myqcloud, for icloud; not oogle in googleapis, for google).
		// The names holding the word after the brand's first letter are
		// those holding the brand's whole name.
		if l := b.label; len(l) >= minEditPopular && len(l) <= 12 {
			b.wordTail = contains[l[1:]]+starts[l[1:]]-contains[l]-starts[l] >= genericCount
		}
		id := int32(i)
		if len(b.label) >= 2 {
			c.labels[b.label] = append(c.labels[b.label], id)
		}
		if len(b.label) < 2 {
			continue
		}
		buf = skeleton(b.label, buf)
		sk := string(buf)
		b.skel = sk
		c.skels[sk] = append(c.skels[sk], id)
		if !b.edit {
			continue
		}
		c.maxHyphens = max(c.maxHyphens, strings.Count(b.label, "-"))
		forms := []string{sk}
		c.nearAt(sk).exact = append(c.nearAt(sk).exact, id)
		if b.label != sk {
			// Folding letter pairs moves a typo (circleci → cirdeci, but
			// cirsleci stays): typos are looked for in both forms.
			forms = append(forms, b.label)
			c.nearAt(b.label).exact = append(c.nearAt(b.label).exact, id)
		}
		for _, f := range forms {
			if len(f) < 64 {
				c.lengths |= 1 << len(f)
			}
			for j := range len(f) {
				if j > 0 && f[j] == f[j-1] {
					continue // same deletion as the previous position
				}
				del := f[:j] + f[j+1:]
				c.nearAt(del).del = append(c.nearAt(del).del, id)
			}
		}
	}
	less := func(a, b int32) int {
		x, y := &c.brands[a], &c.brands[b]
		if x.kind != y.kind {
			return cmp.Compare(x.kind, y.kind)
		}
		return cmp.Compare(rankOrMax(x.rank), rankOrMax(y.rank))
	}
	for _, m := range []map[string][]int32{c.labels, c.skels} {
		for k, v := range m {
			slices.SortFunc(v, less)
			m[k] = slices.Compact(v)
		}
	}
	for _, p := range c.near {
		slices.SortFunc(p.exact, less)
		p.exact = slices.Compact(p.exact)
		slices.SortFunc(p.del, less)
		p.del = slices.Compact(p.del)
	}
	return c, nil
}

// BrandInfo describes one protected brand domain.
type BrandInfo struct {
	Name           string `json:"name"`                      // registry or tool name, else the domain
	Domain         string `json:"domain"`                    // the genuine domain
	OrganisationID string `json:"organisation_id,omitempty"` // registry ID, for registry brands
	Source         string `json:"source"`                    // "registry", "remote_access_tool", "curated" or "popular"
	// Quiet: a popular site phishing hosts have not been seen copying; a
	// name like it is a lookalike only with a scam word, on an ending
	// scammers favour, on free hosting or in front of another site.
	Quiet bool `json:"quiet,omitempty"`
}

// Brands lists the brands the checker protects from lookalikes, most
// trusted source first.
func (c *Checker) Brands() []BrandInfo {
	out := make([]BrandInfo, 0, len(c.brands))
	for _, b := range c.brands {
		bi := BrandInfo{Name: b.name, Domain: b.domain, Source: [...]string{"registry", "remote_access_tool", "curated", "popular"}[b.kind], Quiet: b.quiet}
		if b.org != nil {
			bi.OrganisationID = b.org.ID
		}
		out = append(out, bi)
	}
	slices.SortStableFunc(out, func(x, y BrandInfo) int { return cmp.Compare(sourceOrder(x.Source), sourceOrder(y.Source)) })
	return out
}

func sourceOrder(s string) int {
	return map[string]int{"registry": 0, "remote_access_tool": 1, "curated": 2, "popular": 3}[s]
}

// eligible decides which lookalike families a brand takes part in.
// Combosquatting and TLD swaps need a name that is not itself one of the
// words scammers add ("secure.com" must not make every "secure-…" address
// an impersonation); typo matching needs a long enough name.
func (c *Checker) eligible(b *brand) (combo, swap, edit bool) {
	n := len(b.label)
	minCombo := minComboLabel
	if b.kind == kindRegistry {
		minCombo = 2
	}
	swap = n >= 2 && !c.words[b.label]
	combo = n >= minCombo && swap && !strings.Contains(b.label, "-")
	minEdit := minEditPopular
	switch b.kind {
	case kindRegistry:
		minEdit = minEditRegistry
	case kindTool, kindHighTrust:
		minEdit = minEditBrand
	}
	edit = n >= minEdit
	return combo, swap, edit
}

// aliasLabel turns an organisation's name or alias into the label a
// website would use for it: "HM Revenue & Customs" → "hmrevenuecustoms",
// "HMRC" → "hmrc". It returns "" for names that cannot be a label (other
// scripts, too short or too long).
func aliasLabel(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 0x80:
			return ""
		}
	}
	if len(b) < 2 || len(b) > MaxLabel {
		return ""
	}
	return string(b)
}

// brandLike reports whether a popular domain names a brand people could be
// lured to, rather than infrastructure that browsers fetch by themselves
// (cdnhwc1.com, t-msedge.net, awsdns-56.net): brands rarely put digits or
// hyphens in their names, infrastructure often does. Infrastructure domains
// stay genuine; they are just not protected from lookalikes, since nobody
// is told to visit them and their names crowd real ones.
func brandLike(domain string) bool {
	l := siteLabel(domain)
	if len(l) < 2 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if l[i] >= '0' && l[i] <= '9' || l[i] == '-' {
			return false
		}
	}
	for _, w := range infraParts {
		if strings.Contains(l, w) {
			return false
		}
	}
	return true
}

// infraParts are name parts that mark infrastructure domains.
var infraParts = []string{"cdn", "dns", "edge", "static", "cache", "server", "tracker", "analytics",
	"metrics", "telemetry", "adserv", "adsystem", "syndication", "usercontent", "assets", "msft"}

// abusedTLDs picks the endings where a brand's name is an impersonation, not
// the brand's own local site: the generic endings of Sublime Security's
// suspicious list and dnstwist's abused list, and the formerly free Freenom
// endings. Country endings are left out (real businesses in Russia or
// Colombia use .ru and .co), and so are com, net and org, where brands hold
// their names, and the developer and business endings.
func abusedTLDs(d *Data) map[string]bool {
	m := map[string]bool{"tk": true, "ml": true, "ga": true, "cf": true, "gq": true}
	for _, t := range append(slices.Clone(d.SuspiciousTLDs), d.AbusedTLDs...) {
		switch {
		case len(t) <= 2 || strings.Contains(t, "."):
		case t == "com" || t == "net" || t == "org":
		case t == "dev" || t == "pro" || t == "biz" || t == "tech":
			// Endings companies pick for their developer and business
			// sites (spotify.dev): not a sign on their own.
		default:
			m[t] = true
		}
	}
	return m
}

func rankOrMax(r int) int {
	if r == 0 {
		return 1 << 30
	}
	return r
}

// registrable returns the registrable domain of a host, or the host itself
// when it is a public suffix (gov.uk, github.io).
func registrable(host string) string {
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// siteLabel returns the label of a registrable domain that names the site:
// "microsoft" for microsoft.com, "hsbc" for hsbc.co.uk, "github" for the
// suffix github.io itself.
func siteLabel(domain string) string {
	suffix, _ := publicsuffix.PublicSuffix(domain)
	if suffix == domain {
		return firstLabel(domain)
	}
	return firstLabel(strings.TrimSuffix(domain, "."+suffix))
}

func firstLabel(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return s[:i]
	}
	return s
}

// nearPosting is one entry of the typo index.
type nearPosting struct {
	exact []int32 // brands whose skeleton or typed name is the key
	del   []int32 // brands the key is one deletion of
}

func (c *Checker) nearAt(k string) *nearPosting {
	p, ok := c.near[k]
	if !ok {
		p = &nearPosting{}
		c.near[k] = p
	}
	return p
}

func publicSuffixOf(domain string) string {
	s, _ := publicsuffix.PublicSuffix(domain)
	return s
}

func set(vals []string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

func reverse(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// trie is a byte trie over lower-case words, for segmenting a name into
// words without trying every substring.
type trie struct {
	nodes []trieNode
}

type trieNode struct {
	next [38]int32 // a–z, 0–9, '-', '_'; 0 means none (node 0 is the root)
	end  bool
}

func trieIndex(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= '0' && c <= '9':
		return 26 + int(c-'0')
	case c == '-':
		return 36
	case c == '_':
		return 37
	}
	return -1
}

func (t *trie) add(w string) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	n := int32(0)
	for i := 0; i < len(w); i++ {
		k := trieIndex(w[i])
		if k < 0 {
			return
		}
		if t.nodes[n].next[k] == 0 {
			t.nodes = append(t.nodes, trieNode{})
			t.nodes[n].next[k] = int32(len(t.nodes) - 1)
		}
		n = t.nodes[n].next[k]
	}
	t.nodes[n].end = true
}

// dotBrands are top-level domains that a brand holds for itself under
// ICANN's brand terms (Specification 13 of the registry agreement, listed
// in IANA's root zone database, https://www.iana.org/domains/root/db), with
// the label of the owner's main site. Nobody else can register a name
// under them. Endings that were given up drop out on their own: the public
// suffix list no longer has them.
var dotBrands = map[string]string{
	"aarp": "aarp", "aetna": "aetna", "allstate": "allstate", "ally": "ally", "amazon": "amazon",
	"americanexpress": "americanexpress", "amex": "americanexpress", "android": "google", "apple": "apple",
	"audible": "amazon", "auspost": "auspost", "aws": "aws", "azure": "microsoft", "banamex": "banamex",
	"barclaycard": "barclays", "barclays": "barclays", "bbva": "bbva", "bestbuy": "bestbuy", "bing": "microsoft",
	"bloomberg": "bloomberg", "bofa": "bofa", "booking": "booking", "capitalone": "capitalone", "chase": "chase",
	"chrome": "google", "cisco": "cisco", "citi": "citi", "dell": "dell", "deloitte": "deloitte",
	"delta": "delta", "discover": "discover", "fedex": "fedex", "fidelity": "fidelity", "flickr": "flickr",
	"gmail": "google", "godaddy": "godaddy", "google": "google", "hdfcbank": "hdfcbank", "homedepot": "homedepot",
	"hotmail": "microsoft", "hsbc": "hsbc", "hyatt": "hyatt", "intuit": "intuit", "jpmorgan": "jpmorgan",
	"kindle": "amazon", "kpmg": "kpmg", "marriott": "marriott", "microsoft": "microsoft", "natwest": "natwest",
	"netflix": "netflix", "norton": "norton", "office": "microsoft", "oracle": "oracle", "prime": "amazon",
	"prudential": "prudential", "rbs": "rbs", "read": "amazon", "samsclub": "samsclub", "santander": "santander",
	"sharp": "sharp", "skype": "microsoft", "sony": "sony", "statefarm": "statefarm", "target": "target",
	"visa": "visa", "walmart": "walmart", "windows": "microsoft", "xbox": "microsoft", "youtube": "google",
}
