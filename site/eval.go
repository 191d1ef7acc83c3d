package site

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/rmm"
)

// Evaluation targets from the website-checker issue: catch at least 95% of
// generated lookalikes while calling at most 1% of held-out popular
// domains suspicious or impersonations.
const (
	TargetCatchRate = 0.95
	TargetFPRate    = 0.01
)

// EvalConfig says how EvalURLs builds its sets.
type EvalConfig struct {
	Data          *Data          // nil: the shipped data
	Tools         *rmm.Catalogue // nil: the shipped catalogue
	Organisations []*hangup.Organisation
	// Seed fixes the random mutations; 0 means 1. The same seed and data
	// give the same sets and figures.
	Seed uint64
	// PerBrand is how many lookalikes are generated per brand; 0 means 4.
	PerBrand int
	// Split is how many of the top Tranco domains the checker under test
	// knows as genuine; the domains ranked below it are held out and serve
	// as genuine sites it has never seen. 0 means half the list.
	Split int
	// PopularBrands is passed to the checker (see Config); 0 means
	// DefaultPopularBrands.
	PopularBrands int
	// Examples is how many misses and false alarms the report lists; 0
	// means 25.
	Examples int
}

// EvalReport holds the measured figures.
type EvalReport struct {
	Seed           uint64
	Brands         int // brands the lookalikes were generated from
	Quiet          int // quiet popular brands, not mutated: their plain lookalikes are not flagged by design
	Lookalikes     int
	Caught         int // verdict impersonation or suspicious
	CatchRate      float64
	Genuine        int // held-out popular domains checked
	FalsePositives int // of those, verdict impersonation or suspicious
	FPRate         float64
	Families       []FamilyScore
	Missed         []EvalCase // a sample of lookalikes not caught
	FalseAlarms    []EvalCase // a sample of genuine domains flagged
	BuildTime      time.Duration
	CheckTime      time.Duration // total time of all checks
	Checks         int
}

// FamilyScore is the catch rate of one mutation family.
type FamilyScore struct {
	Family string
	Total  int
	Caught int
}

// EvalCase is one address of the evaluation and what the checker said.
type EvalCase struct {
	Address string
	Family  string // the mutation family, "" for genuine domains
	Of      string // the brand domain it was made from
	Verdict hangup.SiteVerdict
	Finding string // the checker's most serious finding code
}

// Met reports whether both targets are met.
func (r *EvalReport) Met() bool {
	return r.CatchRate >= TargetCatchRate && r.FPRate <= TargetFPRate
}

// EvalURLs measures the website checker. It builds a checker that knows
// only the top Split popular domains, generates lookalikes of the brands
// that checker protects with its own random mutations (implemented
// independently of the checker's indexes, with a fixed seed, never
// producing a domain of the full popular list), and checks them and the
// held-out popular domains ranked below Split.
func EvalURLs(cfg EvalConfig) (*EvalReport, error) {
	d := cfg.Data
	if d == nil {
		var err error
		if d, err = DefaultData(); err != nil {
			return nil, err
		}
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = 1
	}
	perBrand := cmp.Or(cfg.PerBrand, 4)
	split := cmp.Or(cfg.Split, len(d.Tranco)/2)
	split = min(split, len(d.Tranco))
	examples := cmp.Or(cfg.Examples, 25)
	popularN := cmp.Or(cfg.PopularBrands, DefaultPopularBrands)
	popularN = min(popularN, split)

	known := *d
	known.Tranco = d.Tranco[:split]
	start := time.Now()
	chk, err := New(Config{Organisations: cfg.Organisations, Data: &known, Tools: cfg.Tools, PopularBrands: popularN})
	if err != nil {
		return nil, err
	}
	rep := &EvalReport{Seed: seed, BuildTime: time.Since(start)}

	// Genuine: everything any list or the registry calls genuine, so that
	// no mutation lands on a real domain.
	genuine := map[string]bool{}
	for _, dom := range d.Tranco {
		genuine[dom] = true
	}
	for _, dom := range d.HighTrust {
		genuine[dom] = true
	}
	// The brands are the ones the checker protects: registry organisations,
	// scam-favoured tools, the curated list and the popular brands.
	var brands []string
	seenBrand := map[string]bool{}
	for _, b := range chk.Brands() {
		reg, err := publicsuffix.EffectiveTLDPlusOne(b.Domain)
		if err != nil {
			reg = b.Domain
		}
		genuine[reg] = true
		if b.Quiet {
			rep.Quiet++
			continue
		}
		if !seenBrand[reg] {
			seenBrand[reg] = true
			brands = append(brands, reg)
		}
	}
	rep.Brands = len(brands)

	gen := newMutator(seed, d)
	seen := map[string]bool{}
	var cases []EvalCase
	for _, b := range brands {
		for range perBrand {
			for try := 0; try < 8; try++ {
				fam, m, ok := gen.mutate(b)
				if !ok || seen[m] {
					continue
				}
				reg, err := publicsuffix.EffectiveTLDPlusOne(hostOf(m))
				if err != nil || genuine[reg] || genuine[hostOf(m)] {
					continue
				}
				seen[m] = true
				cases = append(cases, EvalCase{Address: m, Family: fam, Of: b})
				break
			}
		}
	}
	fams := map[string]*FamilyScore{}
	checkStart := time.Now()
	for _, cs := range cases {
		fs := fams[cs.Family]
		if fs == nil {
			fs = &FamilyScore{Family: cs.Family}
			fams[cs.Family] = fs
		}
		fs.Total++
		rep.Lookalikes++
		res, err := chk.CheckSite(cs.Address)
		rep.Checks++
		if err == nil && (res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious) {
			rep.Caught++
			fs.Caught++
			continue
		}
		cs.Verdict, cs.Finding = res.Verdict, topFinding(res, err)
		if len(rep.Missed) < examples {
			rep.Missed = append(rep.Missed, cs)
		}
	}
	for _, dom := range d.Tranco[split:] {
		if seenBrand[dom] {
			continue // a registry or curated brand domain is known to the checker
		}
		rep.Genuine++
		res, err := chk.CheckSite(dom)
		rep.Checks++
		if err != nil || !(res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious) {
			continue
		}
		rep.FalsePositives++
		if len(rep.FalseAlarms) < examples {
			rep.FalseAlarms = append(rep.FalseAlarms, EvalCase{Address: dom, Of: res.Brand, Verdict: res.Verdict, Finding: topFinding(res, nil)})
		}
	}
	rep.CheckTime = time.Since(checkStart)
	if rep.Lookalikes > 0 {
		rep.CatchRate = float64(rep.Caught) / float64(rep.Lookalikes)
	}
	if rep.Genuine > 0 {
		rep.FPRate = float64(rep.FalsePositives) / float64(rep.Genuine)
	}
	for _, f := range fams {
		rep.Families = append(rep.Families, *f)
	}
	slices.SortFunc(rep.Families, func(a, b FamilyScore) int { return cmp.Compare(a.Family, b.Family) })
	return rep, nil
}

func topFinding(res hangup.SiteCheck, err error) string {
	if err != nil {
		return hangup.ErrorCode(err)
	}
	if len(res.Findings) > 0 {
		return res.Findings[0].Code
	}
	return ""
}

func hostOf(addr string) string {
	h := addr
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	return h
}

// WriteText writes the report for people, as `hangup eval-urls` prints it.
func (r *EvalReport) WriteText(w io.Writer) error {
	var b strings.Builder
	status := "NOT MET"
	if r.Met() {
		status = "met"
	}
	fmt.Fprintf(&b, "Website checker evaluation (seed %d)\n", r.Seed)
	fmt.Fprintf(&b, "lookalikes caught: %d of %d = %.2f%% (target >= %.0f%%)\n", r.Caught, r.Lookalikes, 100*r.CatchRate, 100*TargetCatchRate)
	fmt.Fprintf(&b, "false positives:   %d of %d held-out popular domains = %.2f%% (target <= %.0f%%)\n", r.FalsePositives, r.Genuine, 100*r.FPRate, 100*TargetFPRate)
	fmt.Fprintf(&b, "targets: %s\n", status)
	fmt.Fprintf(&b, "brands: %d (and %d quiet popular brands, not mutated); checker built in %v; %d checks in %v\n", r.Brands, r.Quiet, r.BuildTime.Round(time.Millisecond), r.Checks, r.CheckTime.Round(time.Millisecond))
	fmt.Fprintf(&b, "\n%-18s %7s %7s %8s\n", "family", "total", "caught", "rate")
	for _, f := range r.Families {
		fmt.Fprintf(&b, "%-18s %7d %7d %7.2f%%\n", f.Family, f.Total, f.Caught, 100*float64(f.Caught)/float64(max(f.Total, 1)))
	}
	if len(r.Missed) > 0 {
		fmt.Fprintf(&b, "\nmissed (sample):\n")
		for _, c := range r.Missed {
			fmt.Fprintf(&b, "  %-40s %-15s of %-25s -> %s (%s)\n", c.Address, c.Family, c.Of, c.Verdict, c.Finding)
		}
	}
	if len(r.FalseAlarms) > 0 {
		fmt.Fprintf(&b, "\nfalse alarms (sample):\n")
		for _, c := range r.FalseAlarms {
			fmt.Fprintf(&b, "  %-40s -> %s, brand %s (%s)\n", c.Address, c.Verdict, c.Of, c.Finding)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mutator generates lookalike domains with the dnstwist families. It is
// deliberately independent of the checker: its own character tables, its
// own word list, random choices instead of exhaustive neighbourhoods.
type mutator struct {
	rng  *rand.Rand
	tlds []string
	// swapTLDs are the endings of TLD swaps: dnstwist's abused list
	// without com, net, eu and cn, and without country endings, where
	// brands hold their own names (google.rs, amazon.ie are genuine).
	swapTLDs []string
	// families in the order they are drawn, uniformly.
	families []string
}

func newMutator(seed uint64, d *Data) *mutator {
	var tlds []string
	for _, t := range append(slices.Clone(d.CommonTLDs), d.AbusedTLDs...) {
		if !slices.Contains(tlds, t) {
			tlds = append(tlds, t)
		}
	}
	var swap []string
	for _, t := range d.AbusedTLDs {
		if len(t) > 2 && t != "com" && t != "net" {
			swap = append(swap, t)
		}
	}
	return &mutator{
		rng:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		tlds:     tlds,
		swapTLDs: swap,
		families: []string{"addition", "bitsquatting", "homoglyph", "idn_homograph", "hyphenation", "insertion", "omission",
			"repetition", "replacement", "keyboard", "transposition", "vowel_swap", "plural", "tld_swap",
			"subdomain", "combosquatting", "brand_in_subdomain"},
	}
}

// genWords are the words the generator adds to brands. They are written
// here, apart from the checker's vocabulary, from phishing reports.
var genWords = []string{"support", "help", "helpdesk", "secure", "login", "signin", "account", "verify",
	"billing", "refund", "update", "service", "online", "customer", "care", "team", "security", "alert",
	"pay", "payment", "wallet", "recovery", "unlock", "portal", "my", "www", "app", "official", "center",
	"contact", "desk", "tech", "fix", "auth", "id", "mail", "web", "us", "uk", "365", "24", "247"}

// asciiGlyphs are the ASCII substitutions of homoglyph attacks.
var asciiGlyphs = map[byte][]string{
	'o': {"0"}, 'l': {"1", "i"}, 'i': {"1", "l"}, 'm': {"rn", "nn"}, 'w': {"vv"}, 'd': {"cl"},
	'e': {"3"}, 'a': {"4"}, 's': {"5"}, 'g': {"9", "q"}, 'b': {"6"}, 'n': {"r"}, 'u': {"v"}, 'q': {"g"},
}

// unicodeGlyphs are look-alike letters from other scripts and accented
// Latin, as seen in IDN homograph attacks.
var unicodeGlyphs = map[byte][]string{
	'a': {"а", "ɑ", "à", "á", "ä", "α"}, 'b': {"Ь", "ḃ"}, 'c': {"с", "ϲ", "ç"}, 'd': {"ԁ", "ɗ"},
	'e': {"е", "é", "ё", "ė"}, 'g': {"ɡ", "ġ"}, 'h': {"һ", "ḥ"}, 'i': {"і", "í", "ı", "ï"},
	'j': {"ј"}, 'k': {"κ", "ķ"}, 'l': {"ӏ", "ł", "ḷ"}, 'm': {"м", "ṃ"}, 'n': {"ո", "ñ", "ń"},
	'o': {"о", "ο", "ö", "ó", "ø"}, 'p': {"р", "ρ"}, 'q': {"ԛ"}, 'r': {"г", "ŕ"}, 's': {"ѕ", "ś"},
	't': {"т", "ţ"}, 'u': {"υ", "ü", "ú", "ս"}, 'v': {"ν", "ѵ"}, 'w': {"ԝ", "ẁ"}, 'x': {"х", "χ"},
	'y': {"у", "ý"}, 'z': {"ż", "ź"},
}

// qwertyNeighbours lists the keys around each key.
var qwertyNeighbours = map[byte]string{
	'q': "12wa", 'w': "23qeas", 'e': "34wrsd", 'r': "45etdf", 't': "56ryfg", 'y': "67tugh", 'u': "78yihj",
	'i': "89uojk", 'o': "90ipkl", 'p': "0-ol", 'a': "qwsz", 's': "weadzx", 'd': "erfsxc", 'f': "rtdgcv",
	'g': "tyfhvb", 'h': "yugjbn", 'j': "uihknm", 'k': "iojlm", 'l': "opk", 'z': "asx", 'x': "zsdc",
	'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// mutate returns one lookalike of domain (a registrable domain) and its
// family, or false when the drawn family does not apply.
func (m *mutator) mutate(domain string) (string, string, bool) {
	suffix, _ := publicsuffix.PublicSuffix(domain)
	label := strings.TrimSuffix(domain, "."+suffix)
	if label == domain || label == "" {
		return "", "", false
	}
	fam := m.families[m.rng.IntN(len(m.families))]
	n := len(label)
	r := m.rng
	letter := func() byte { return "abcdefghijklmnopqrstuvwxyz"[r.IntN(26)] }
	out := ""
	// One-character typos of short names are mostly other real names (bt,
	// bf, bd): generate them for names of five letters or more.
	typo := n >= 5
	switch fam {
	case "addition":
		if !typo {
			return "", "", false
		}
		out = label + string(letter())
	case "insertion":
		if !typo {
			return "", "", false
		}
		i := 1 + r.IntN(n-1)
		out = label[:i] + string(letter()) + label[i:]
	case "omission":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n)
		out = label[:i] + label[i+1:]
	case "repetition":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n)
		out = label[:i+1] + label[i:]
	case "replacement":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n)
		out = label[:i] + string(letter()) + label[i+1:]
	case "keyboard":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n)
		nb := qwertyNeighbours[label[i]]
		if nb == "" {
			return "", "", false
		}
		out = label[:i] + string(nb[r.IntN(len(nb))]) + label[i+1:]
	case "bitsquatting":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n)
		c := label[i] ^ (1 << r.IntN(8))
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return "", "", false
		}
		out = label[:i] + string(c) + label[i+1:]
	case "transposition":
		if !typo {
			return "", "", false
		}
		i := r.IntN(n - 1)
		if label[i] == label[i+1] {
			return "", "", false
		}
		out = label[:i] + string(label[i+1]) + string(label[i]) + label[i+2:]
	case "vowel_swap":
		if !typo {
			return "", "", false
		}
		var idx []int
		for i := range n {
			if strings.IndexByte("aeiou", label[i]) >= 0 {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return "", "", false
		}
		i := idx[r.IntN(len(idx))]
		v := "aeiou"[r.IntN(5)]
		if v == label[i] {
			return "", "", false
		}
		out = label[:i] + string(v) + label[i+1:]
	case "hyphenation":
		if !typo {
			return "", "", false
		}
		i := 1 + r.IntN(n-1)
		out = label[:i] + "-" + label[i:]
	case "plural":
		if !typo {
			return "", "", false
		}
		out = label + "s"
	case "homoglyph":
		if !typo {
			return "", "", false
		}
		var idx []int
		for i := range n {
			if len(asciiGlyphs[label[i]]) > 0 {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return "", "", false
		}
		i := idx[r.IntN(len(idx))]
		g := asciiGlyphs[label[i]]
		out = label[:i] + g[r.IntN(len(g))] + label[i+1:]
	case "idn_homograph":
		var idx []int
		for i := range n {
			if len(unicodeGlyphs[label[i]]) > 0 {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return "", "", false
		}
		// Replace one to three letters.
		b := []byte(label)
		var sb strings.Builder
		pick := map[int]bool{}
		for range 1 + r.IntN(3) {
			pick[idx[r.IntN(len(idx))]] = true
		}
		for i, c := range b {
			if pick[i] {
				g := unicodeGlyphs[c]
				sb.WriteString(g[r.IntN(len(g))])
			} else {
				sb.WriteByte(c)
			}
		}
		out = sb.String()
	case "tld_swap":
		t := m.swapTLDs[r.IntN(len(m.swapTLDs))]
		if t == suffix {
			return "", "", false
		}
		return fam, label + "." + t, true
	case "subdomain":
		if n < 5 {
			return "", "", false
		}
		i := 2 + r.IntN(n-3)
		return fam, label[:i] + "." + label[i:] + "." + suffix, true
	case "combosquatting":
		w := genWords[r.IntN(len(genWords))]
		sep := ""
		if r.IntN(2) == 0 {
			sep = "-"
		}
		if r.IntN(3) == 0 {
			out = w + sep + label
		} else {
			out = label + sep + w
		}
		if r.IntN(4) == 0 {
			out += sep + genWords[r.IntN(len(genWords))]
		}
		t := suffix
		if r.IntN(2) == 0 {
			t = m.tlds[r.IntN(len(m.tlds))]
		}
		return fam, out + "." + t, true
	case "brand_in_subdomain":
		host := randomName(r) + "." + m.tlds[r.IntN(len(m.tlds))]
		if r.IntN(2) == 0 {
			return fam, domain + "." + host, true
		}
		return fam, label + "-" + genWords[r.IntN(len(genWords))] + "." + host, true
	}
	if out == "" || out == label || strings.HasPrefix(out, "-") || strings.HasSuffix(out, "-") {
		return "", "", false
	}
	return fam, out + "." + suffix, true
}

// randomName makes a pronounceable name that is unlikely to be a brand.
func randomName(r *rand.Rand) string {
	const cons, vows = "bcdfghjklmnprstvz", "aeiou"
	var b strings.Builder
	for range 3 + r.IntN(2) {
		b.WriteByte(cons[r.IntN(len(cons))])
		b.WriteByte(vows[r.IntN(len(vows))])
	}
	return b.String()
}
