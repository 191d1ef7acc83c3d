package registry

import (
	"strings"
	"unicode"

	"github.com/hangup-org/hangup"
	"golang.org/x/text/unicode/norm"
)

// maxClaimRunes caps the text a claim is matched on. A claim is a name, not a
// story; notes go to the analysis engine.
const maxClaimRunes = 300

// categoryPhrases are the ways people name a kind of organisation without
// naming one ("your internet provider"), plus well-known names that are not in
// the registry but whose kind is plain (a bank called Barclays is a bank).
// They classify claims; they assert nothing about the organisations.
var categoryPhrases = map[hangup.OrgKind][]string{
	hangup.KindBank: {"bank", "banks", "banking", "building society", "credit card company", "card company",
		"card issuer", "card services", "visa", "mastercard", "american express", "amex",
		"barclays", "lloyds", "natwest", "hsbc", "santander", "halifax", "nationwide", "monzo", "starling",
		"tsb", "metro bank", "first direct", "revolut", "chase", "co operative bank", "bank of scotland",
		"royal bank of scotland", "rbs", "ulster bank", "virgin money", "wells fargo", "bank of america",
		"citibank", "citi", "capital one", "paypal"},
	hangup.KindISP: {"internet provider", "internet service provider", "internet company", "isp", "broadband",
		"broadband provider", "broadband company", "phone company", "telephone company", "network provider",
		"phone provider", "line provider", "internet", "wifi provider", "bt", "british telecom", "openreach",
		"talktalk", "talk talk", "virgin media", "sky broadband", "plusnet", "vodafone", "o2", "three", "ee",
		"comcast", "xfinity", "at t", "verizon", "spectrum", "cox", "centurylink", "frontier"},
	hangup.KindTechnology: {"apple", "apple support", "icloud", "google", "gmail", "dell", "hp", "hewlett packard",
		"lenovo", "facebook", "meta", "computer company", "software company"},
	hangup.KindSecurity: {"antivirus", "anti virus", "norton", "mcafee", "avast", "avg", "kaspersky", "bitdefender",
		"eset", "malwarebytes", "security company", "virus protection"},
	hangup.KindITServices: {"it company", "it department", "it support", "it helpdesk", "it help desk", "it team",
		"it provider", "it services", "computer repair", "geek squad", "technician", "certified technician",
		"tech support", "technical support", "computer support", "helpdesk", "help desk"},
	hangup.KindGovernment: {"hmrc", "tax office", "inland revenue", "revenue and customs", "irs", "internal revenue service",
		"social security", "social security administration", "ssa", "dwp", "department for work and pensions",
		"police", "national crime agency", "fbi", "home office", "immigration", "court", "council", "government",
		"tax department", "customs", "border force", "dvla", "nhs", "medicare"},
	hangup.KindDelivery: {"royal mail", "parcelforce", "dpd", "evri", "hermes", "dhl", "ups", "fedex", "usps",
		"post office", "courier", "delivery company"},
	hangup.KindRetail: {"amazon", "amazon prime", "ebay", "argos", "currys", "best buy", "walmart"},
	hangup.KindUtility: {"energy company", "electricity company", "gas company", "water company", "british gas",
		"octopus energy", "eon", "edf", "ovo"},
}

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
	tokens []string
	joined string // tokens without spaces, for "micro soft" and fuzzy matching
	name   string // as written in the registry
	org    *hangup.Organisation
	kind   hangup.OrgKind
}

// Matcher matches claims against the registry. It is built once per registry
// snapshot and is read-only afterwards.
type Matcher struct {
	byFirst   map[string][]*alias // first token → aliases starting with it
	byJoined  map[string]*alias   // single-word form of every alias
	deletions map[string][]*alias // one-deletion neighbourhood of long single-word aliases
	generic   map[hangup.OrgKind]*hangup.Organisation
}

// NewMatcher indexes the names and aliases of orgs, and the category phrases.
// Generic entries (Organisation.Generic) are matched as their category.
func NewMatcher(orgs []*hangup.Organisation) *Matcher {
	m := &Matcher{
		byFirst:   map[string][]*alias{},
		byJoined:  map[string]*alias{},
		deletions: map[string][]*alias{},
		generic:   map[hangup.OrgKind]*hangup.Organisation{},
	}
	for kind, phrases := range categoryPhrases {
		for _, p := range phrases {
			m.add(&alias{tokens: tokens(p), name: p, kind: kind})
		}
	}
	for _, o := range orgs {
		if o.Generic {
			if _, ok := m.generic[o.Kind]; !ok {
				m.generic[o.Kind] = o
			}
		}
		for _, name := range append([]string{o.Name}, o.Aliases...) {
			m.add(&alias{tokens: tokens(name), name: name, org: o, kind: o.Kind})
		}
	}
	return m
}

func (m *Matcher) add(a *alias) {
	if len(a.tokens) == 0 {
		return
	}
	a.joined = strings.Join(a.tokens, "")
	m.byFirst[a.tokens[0]] = append(m.byFirst[a.tokens[0]], a)
	// Named organisations win over category phrases for the same words.
	if prev, ok := m.byJoined[a.joined]; !ok || (prev.org == nil && a.org != nil) {
		m.byJoined[a.joined] = a
	}
	if len(a.joined) >= 5 && a.org != nil {
		for _, d := range deletes(a.joined) {
			m.deletions[d] = append(m.deletions[d], a)
		}
	}
}

// MatchOrganisation matches a claim as people say it: aliases, case, spacing,
// punctuation, small typos, "Windows technical department", "your internet
// provider", "the bank".
func (m *Matcher) MatchOrganisation(claim string) hangup.OrgMatch {
	toks := tokens(claim)
	if len(toks) == 0 {
		return hangup.OrgMatch{Kind: hangup.MatchUnknown}
	}
	if a := m.exact(toks); a != nil {
		return m.result(a, 1)
	}
	if a, score := m.fuzzy(toks); a != nil {
		return m.result(a, score)
	}
	return hangup.OrgMatch{Kind: hangup.MatchUnknown}
}

func (m *Matcher) result(a *alias, score float64) hangup.OrgMatch {
	if a.org != nil && !a.org.Generic {
		return hangup.OrgMatch{Kind: hangup.MatchOrganisation, Organisation: a.org, Category: a.org.Kind, Matched: a.name, Score: score}
	}
	return hangup.OrgMatch{Kind: hangup.MatchCategory, Organisation: m.generic[a.kind], Category: a.kind, Matched: a.name, Score: score * 0.8}
}

// exact finds the longest alias whose tokens appear in order in the claim,
// preferring named organisations to categories on ties.
func (m *Matcher) exact(toks []string) *alias {
	var best *alias
	better := func(a *alias) bool {
		if best == nil || len(a.tokens) > len(best.tokens) {
			return true
		}
		return len(a.tokens) == len(best.tokens) && best.org == nil && a.org != nil
	}
	for i, t := range toks {
		for _, a := range m.byFirst[t] {
			if len(a.tokens) <= len(toks)-i && equalTokens(a.tokens, toks[i:i+len(a.tokens)]) && better(a) {
				best = a
			}
		}
		// Words run together or split apart: "micro soft", "talk talk".
		if i+1 < len(toks) {
			if a, ok := m.byJoined[t+toks[i+1]]; ok && better(a) {
				best = a
			}
		}
		if a, ok := m.byJoined[t]; ok && len(a.tokens) > 1 && better(a) {
			best = a
		}
	}
	// A named organisation anywhere in the claim beats a category phrase
	// ("Microsoft from your internet provider" is a Microsoft claim).
	if best != nil && best.org == nil {
		for i, t := range toks {
			for _, a := range m.byFirst[t] {
				if a.org != nil && len(a.tokens) <= len(toks)-i && equalTokens(a.tokens, toks[i:i+len(a.tokens)]) {
					return a
				}
			}
		}
	}
	return best
}

// fuzzy tolerates one typo in words of five letters or more, and two in
// words of nine or more, against named organisations only: a typo'd category
// word is too weak a signal to name anyone.
func (m *Matcher) fuzzy(toks []string) (*alias, float64) {
	var best *alias
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
			if a, ok := m.byJoined[d]; ok && a.org != nil && len(a.joined) >= 5 {
				cands[a] = true
			}
		}
		if len(t) >= 9 { // two edits: scan long aliases of similar length
			for j, a := range m.byJoined {
				if a.org != nil && len(j) >= 9 && abs(len(j)-len(t)) <= 2 {
					cands[a] = true
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
			if d := distance(t, a.joined, limit); d <= limit && (d < bestDist || d == bestDist && a.name < best.name) {
				best, bestDist = a, d
			}
		}
	}
	if best == nil {
		return nil, 0
	}
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

// distance is the optimal-string-alignment Damerau-Levenshtein distance
// between a and b, or limit+1 as soon as it must exceed limit.
func distance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
