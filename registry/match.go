package registry

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"golang.org/x/text/unicode/norm"
)

// maxTwoTypo is the longest alias (letters run together) matched with two
// typos: longer names are phrases, and a single word of a claim is never
// within two typos of them.
const maxTwoTypo = 16

// maxClaimRunes caps the text a claim is matched on. A claim is a name, not a
// story; notes go to the analysis engine.
const maxClaimRunes = 300

// categoryPhrases are the ways people name a kind of organisation without
// naming one ("your internet provider"), plus well-known names that are not in
// the registry but whose kind is plain (a bank called Barclays is a bank).
// They classify claims; they assert nothing about the organisations. A named
// organisation in the registry always wins over a phrase with the same words.
var categoryPhrases = map[hangup.OrgKind][]string{
	hangup.KindBank: {"bank", "banks", "banking", "building society", "credit card company", "card company",
		"card issuer", "card services", "credit union", "barclays", "lloyds", "natwest", "hsbc", "santander",
		"halifax", "nationwide", "monzo", "starling", "tsb", "metro bank", "first direct", "chase",
		"co operative bank", "bank of scotland", "royal bank of scotland", "rbs", "ulster bank", "virgin money",
		"wells fargo", "bank of america", "citibank", "citi", "capital one"},
	hangup.KindPayments: {"payment company", "payments company", "payment provider", "money transfer company",
		"paypal", "visa", "mastercard", "american express", "amex", "western union", "moneygram", "wise",
		"cash app", "zelle", "venmo", "klarna"},
	hangup.KindCrypto: {"crypto exchange", "cryptocurrency exchange", "bitcoin exchange", "crypto wallet",
		"bitcoin wallet", "coinbase", "binance", "kraken", "crypto com"},
	hangup.KindISP: {"internet provider", "internet service provider", "internet company", "isp", "broadband",
		"broadband provider", "broadband company", "phone company", "telephone company", "network provider",
		"phone provider", "line provider", "mobile provider", "mobile network", "internet", "wifi provider",
		"bt", "british telecom", "openreach", "talktalk", "talk talk", "virgin media", "sky broadband", "plusnet",
		"vodafone", "o2", "three", "ee", "comcast", "xfinity", "at t", "verizon", "spectrum", "cox",
		"centurylink", "frontier", "telstra", "eir"},
	hangup.KindTechnology: {"apple", "apple support", "icloud", "google", "gmail", "dell", "hp", "hewlett packard",
		"lenovo", "facebook", "meta", "computer company", "software company", "tech company", "technology company"},
	hangup.KindSecurity: {"antivirus", "anti virus", "norton", "mcafee", "avast", "avg", "kaspersky", "bitdefender",
		"eset", "malwarebytes", "security company", "virus protection"},
	hangup.KindITServices: {"it company", "it department", "it support", "it helpdesk", "it help desk", "it team",
		"it provider", "it services", "computer repair", "geek squad", "technician", "certified technician",
		"tech support", "technical support", "computer support", "helpdesk", "help desk"},
	hangup.KindGovernment: {"hmrc", "tax office", "taxman", "inland revenue", "revenue and customs", "irs",
		"internal revenue service", "social security", "social security administration", "ssa", "dwp",
		"department for work and pensions", "home office", "immigration", "court", "courts", "council",
		"government", "government department", "government agency", "tax department", "customs",
		"border force", "dvla", "nhs", "medicare", "benefits office", "embassy", "bailiff", "bailiffs",
		"enforcement agent"},
	hangup.KindPolice: {"police", "police officer", "police station", "detective", "fraud squad", "cid",
		"scotland yard", "national crime agency", "nca", "fbi", "interpol", "europol", "marshal", "us marshals",
		"sheriff", "law enforcement", "cyber crime unit", "cybercrime unit"},
	hangup.KindDelivery: {"royal mail", "parcelforce", "dpd", "evri", "hermes", "dhl", "ups", "fedex", "usps",
		"courier", "delivery company", "delivery driver", "parcel company", "postal service", "yodel"},
	hangup.KindRetail: {"amazon", "amazon prime", "ebay", "argos", "currys", "best buy", "walmart", "netflix",
		"online shop", "shop", "store"},
	hangup.KindUtility: {"energy company", "energy supplier", "electricity company", "electric company",
		"power company", "gas company", "water company", "electricity board", "british gas", "octopus energy",
		"eon", "edf", "ovo"},
	hangup.KindCharity:          {"charity", "charities", "red cross", "fundraiser"},
	hangup.KindReportingService: {"action fraud", "report fraud", "fraud reporting"},
}

// leadingFillers are dropped from the start of a name when it is indexed, so
// that "the tax office" and "tax office" are one alias.
var leadingFillers = setOf("the", "your", "my", "a", "an", "our")

// fillerWords are dropped before fuzzy matching: they are how people describe
// a department, not the organisation's name.
var fillerWords = setOf("the", "a", "an", "from", "of", "at", "your", "my", "our", "their", "this", "is", "it's",
	"its", "im", "i", "am", "calling", "called", "call", "company", "team", "department", "dept", "support",
	"technical", "tech", "services", "service", "customer", "customers", "care", "centre", "center", "security",
	"fraud", "official", "uk", "ltd", "limited", "plc", "inc", "corp", "corporation", "group", "head", "office",
	"line", "desk", "help", "helpline", "division", "unit", "says", "said", "claims", "claimed", "they", "he",
	"she", "were", "was", "someone", "somebody", "person", "man", "woman", "lady", "guy", "and", "or")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// alias is one name an organisation goes by, as normalised tokens.
type alias struct {
	tokens  []string
	joined  string               // tokens without spaces, for "micro soft" and fuzzy matching
	name    string               // as written in the registry
	org     *hangup.Organisation // nil for a category phrase
	letters uint32               // letterSet(joined), for aliases indexed in long
	kind    hangup.OrgKind
}

// named reports whether the alias names one organisation (not a category
// phrase or a generic entry).
func (a *alias) named() bool { return a.org != nil && !a.org.Generic }

// Matcher matches claims against the registry. It is built once per registry
// snapshot and is read-only afterwards.
type Matcher struct {
	byFirst   map[string][]*alias // first token → aliases starting with it
	byJoined  map[string][]*alias // single-word form of every alias
	deletions map[string][]*alias // one-deletion neighbourhood of long single-word aliases
	long      map[int][]*alias    // named aliases of 9 to maxTwoTypo letters, by length, for two-typo matching
	generic   map[kindIn]*hangup.Organisation
	anyOfKind map[hangup.OrgKind]*hangup.Organisation // a generic entry of the kind, any country
}

// kindIn is a kind of organisation in one country ("" for international).
type kindIn struct {
	kind    hangup.OrgKind
	country string
}

// NewMatcher indexes the names and aliases of orgs, and the category phrases.
// Generic entries (Organisation.Generic) are matched as their category.
func NewMatcher(orgs []*hangup.Organisation) *Matcher {
	m := &Matcher{
		byFirst:   map[string][]*alias{},
		byJoined:  map[string][]*alias{},
		deletions: map[string][]*alias{},
		long:      map[int][]*alias{},
		generic:   map[kindIn]*hangup.Organisation{},
		anyOfKind: map[hangup.OrgKind]*hangup.Organisation{},
	}
	kinds := make([]hangup.OrgKind, 0, len(categoryPhrases))
	for k := range categoryPhrases {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds) // deterministic index order
	for _, kind := range kinds {
		for _, p := range categoryPhrases[kind] {
			m.add(&alias{tokens: tokens(p), name: p, kind: kind})
		}
	}
	for _, o := range orgs {
		if o.Generic {
			if _, ok := m.generic[kindIn{o.Kind, o.Country}]; !ok {
				m.generic[kindIn{o.Kind, o.Country}] = o
			}
			if _, ok := m.anyOfKind[o.Kind]; !ok {
				m.anyOfKind[o.Kind] = o
			}
		}
		for _, name := range append([]string{o.Name}, o.Aliases...) {
			m.add(&alias{tokens: tokens(name), name: name, org: o, kind: o.Kind})
		}
	}
	return m
}

func (m *Matcher) add(a *alias) {
	for len(a.tokens) > 1 && leadingFillers[a.tokens[0]] {
		a.tokens = a.tokens[1:]
	}
	if len(a.tokens) == 0 {
		return
	}
	a.joined = strings.Join(a.tokens, "")
	m.byFirst[a.tokens[0]] = append(m.byFirst[a.tokens[0]], a)
	m.byJoined[a.joined] = append(m.byJoined[a.joined], a)
	if len(a.joined) >= 5 && a.named() {
		for _, d := range deletes(a.joined) {
			m.deletions[d] = append(m.deletions[d], a)
		}
	}
	// A claim's words are matched one at a time, so only aliases about
	// the length of a word need the two-typo index.
	if len(a.joined) >= 9 && len(a.joined) <= maxTwoTypo && a.named() {
		a.letters = letterSet(a.joined)
		m.long[len(a.joined)] = append(m.long[len(a.joined)], a)
	}
}

// Generic returns the generic entry for kind in country: the country's own,
// else an international one, else none.
func (m *Matcher) Generic(kind hangup.OrgKind, country string) *hangup.Organisation {
	if o := m.generic[kindIn{kind, country}]; o != nil {
		return o
	}
	return m.generic[kindIn{kind, ""}]
}

// MatchOrganisation matches a claim as people say it: aliases, case, spacing,
// punctuation, small typos, "Windows technical department", "your internet
// provider", "the bank". Region (ISO 3166-1 or "") chooses between
// organisations that share a name in different countries ("the tax office" is
// HMRC in GB and the IRS in the US) and picks the generic entry for a kind.
func (m *Matcher) MatchOrganisation(claim, region string) hangup.OrgMatch {
	region = strings.ToUpper(strings.TrimSpace(region))
	toks := tokens(claim)
	if len(toks) == 0 {
		return hangup.OrgMatch{Kind: hangup.MatchUnknown}
	}
	if cands := m.exact(toks); len(cands) > 0 {
		return m.result(cands, 1, region)
	}
	if cands, score := m.fuzzy(toks); len(cands) > 0 {
		return m.result(cands, score, region)
	}
	return hangup.OrgMatch{Kind: hangup.MatchUnknown}
}

// result turns the best aliases (all equally good) into a match, resolving
// ties between organisations by region.
func (m *Matcher) result(cands []*alias, score float64, region string) hangup.OrgMatch {
	if cands[0].named() {
		var orgs []*alias // one alias per distinct organisation
		for _, a := range cands {
			if !slices.ContainsFunc(orgs, func(b *alias) bool { return b.org == a.org }) {
				orgs = append(orgs, a)
			}
		}
		a, note, others := pickByRegion(orgs, region)
		if a != nil {
			return hangup.OrgMatch{Kind: hangup.MatchOrganisation, Organisation: a.org, Category: a.org.Kind,
				Matched: a.name, Score: score, Note: note, Others: others}
		}
		// Several countries' organisations and none is the caller's: say
		// the kind, and who it could be.
		kind := orgs[0].kind
		return hangup.OrgMatch{Kind: hangup.MatchCategory, Organisation: m.Generic(kind, region), Category: kind,
			Matched: orgs[0].name, Score: score * 0.8, Note: note, Others: others}
	}
	a := cands[0]
	if a.org != nil && (a.org.Country == region || a.org.Country == "" || m.Generic(a.kind, region) == nil) {
		return hangup.OrgMatch{Kind: hangup.MatchCategory, Organisation: a.org, Category: a.kind, Matched: a.name, Score: score * 0.8}
	}
	g := m.Generic(a.kind, region)
	if g == nil && region == "" {
		g = m.anyOfKind[a.kind]
	}
	return hangup.OrgMatch{Kind: hangup.MatchCategory, Organisation: g, Category: a.kind, Matched: a.name, Score: score * 0.8}
}

// pickByRegion chooses among organisations that answer to the same name: the
// one in region, else the one international entry, else the only one. With
// no single answer it returns nil and a note naming them.
func pickByRegion(orgs []*alias, region string) (*alias, string, []string) {
	if len(orgs) == 1 {
		return orgs[0], "", nil
	}
	names := func(except *alias) []string {
		var out []string
		for _, a := range orgs {
			if a != except {
				out = append(out, a.org.Name)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, pass := range []string{region, ""} {
		if pass == "" && region == "" {
			break
		}
		var hit []*alias
		for _, a := range orgs {
			if a.org.Country == pass {
				hit = append(hit, a)
			}
		}
		if len(hit) == 1 {
			where := "it is international"
			if pass != "" {
				where = "the call is from " + phone.CountryPhrase(pass)
			}
			return hit[0], fmt.Sprintf("“%s” could mean more than one organisation; we took %s because %s.", orgs[0].name, hit[0].org.Name, where), names(hit[0])
		}
	}
	return nil, fmt.Sprintf("“%s” could mean several organisations (%s). Tell us the country, or check the name on a letter or bill.", orgs[0].name, strings.Join(names(nil), ", ")), names(nil)
}

// exact returns the best aliases whose tokens appear in order in the claim:
// named organisations before categories, then the longest; ties are all
// returned for the caller to resolve by region.
func (m *Matcher) exact(toks []string) []*alias {
	var best []*alias
	consider := func(a *alias) {
		if len(best) == 0 {
			best = append(best, a)
			return
		}
		b := best[0]
		switch {
		case a.named() != b.named():
			if a.named() {
				best = append(best[:0], a)
			}
		case len(a.tokens) > len(b.tokens):
			best = append(best[:0], a)
		case len(a.tokens) == len(b.tokens) && !slices.Contains(best, a):
			// Among categories, a generic entry's own alias beats a phrase.
			if !a.named() && (a.org != nil) != (b.org != nil) {
				if a.org != nil {
					best = append(best[:0], a)
				}
				return
			}
			best = append(best, a)
		}
	}
	for i, t := range toks {
		for _, a := range m.byFirst[t] {
			if len(a.tokens) <= len(toks)-i && equalTokens(a.tokens, toks[i:i+len(a.tokens)]) {
				consider(a)
			}
		}
		// Words run together or split apart: "micro soft", "talk talk".
		if i+1 < len(toks) {
			for _, a := range m.byJoined[t+toks[i+1]] {
				consider(a)
			}
		}
		for _, a := range m.byJoined[t] {
			if len(a.tokens) > 1 {
				consider(a)
			}
		}
	}
	return best
}

// fuzzy tolerates one typo in words of five letters or more, and two in
// words of nine or more, against named organisations only: a typo'd category
// word is too weak a signal to name anyone.
func (m *Matcher) fuzzy(toks []string) ([]*alias, float64) {
	var best []*alias
	bestDist := 3
	for _, t := range toks {
		if len(t) < 5 || fillerWords[t] {
			continue
		}
		cands := map[*alias]bool{}
		for _, d := range append(deletes(t), t) {
			for _, a := range m.deletions[d] {
				cands[a] = true
			}
			for _, a := range m.byJoined[d] {
				if a.named() && len(a.joined) >= 5 {
					cands[a] = true
				}
			}
		}
		if len(t) >= 9 && len(t) <= maxTwoTypo+2 { // two edits: long aliases of about the same length
			// Two edits change at most four letters of the alphabet
			// present: a cheap test that rules out almost every alias.
			lt := letterSet(t)
			for n := len(t) - 2; n <= len(t)+2; n++ {
				for _, a := range m.long[n] {
					if bits.OnesCount32(lt^a.letters) <= 4 {
						cands[a] = true
					}
				}
			}
		}
		for a := range cands {
			// "window" is a word of its own, not a typo of "Windows".
			if t+"s" == a.joined || a.joined+"s" == t {
				continue
			}
			limit := 1
			if len(t) >= 9 && len(a.joined) >= 9 {
				limit = 2
			}
			d := distance(t, a.joined, limit)
			switch {
			case d > limit || d > bestDist:
			case d < bestDist:
				best, bestDist = append(best[:0], a), d
			case !slices.Contains(best, a):
				best = append(best, a)
			}
		}
	}
	if len(best) == 0 {
		return nil, 0
	}
	// Deterministic order whatever the map iteration did.
	slices.SortFunc(best, func(a, b *alias) int {
		return cmp.Or(strings.Compare(a.name, b.name), strings.Compare(a.org.ID, b.org.ID))
	})
	return best, 1 - 0.15*float64(bestDist)
}

// tokens normalises text for matching: NFKC (so full-width and ligature
// letters read as plain ones), lower case, "&" as "and", everything that is
// not a letter or digit as a space.
func tokens(s string) []string {
	if n := len([]rune(s)); n > maxClaimRunes {
		s = string([]rune(s)[:maxClaimRunes])
	}
	s = norm.NFKC.String(s)
	s = strings.ReplaceAll(s, "&", " and ")
	s = strings.ReplaceAll(s, "'", "")
	s = strings.ReplaceAll(s, "\u2019", "")
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func equalTokens(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// deletes returns every string made by deleting one byte of s (the words
// indexed are ASCII brand names; a multi-byte rune only yields non-matches).
func deletes(s string) []string {
	out := make([]string, 0, len(s))
	for i := range len(s) {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// letterSet is the set of letters a-z in s, one bit each; other bytes share
// one bit.
func letterSet(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		} else {
			m |= 1 << 26
		}
	}
	return m
}

// distance is the optimal-string-alignment Damerau-Levenshtein distance
// between a and b, or limit+1 as soon as it must exceed limit.
func distance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	var rows [3][65]int
	var prev2, prev, cur []int
	if len(b) < len(rows[0]) {
		prev2, prev, cur = rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range cur {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
