package analyze

import (
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
)

// tlds are the top-level domains accepted when a dot is said aloud or
// written between words. The list is short on purpose: "dot" and "." join
// words into a web address only before a real, common suffix.
var tlds = map[string]bool{
	"com": true, "net": true, "org": true, "info": true, "biz": true, "co": true, "uk": true, "us": true,
	"io": true, "me": true, "tv": true, "ly": true, "app": true, "online": true, "site": true, "support": true,
	"help": true, "live": true, "shop": true, "store": true, "xyz": true, "top": true, "club": true, "link": true,
	"click": true, "pro": true, "tech": true, "ca": true, "au": true, "de": true, "fr": true, "in": true, "ru": true,
	"cn": true, "eu": true, "nz": true, "ie": true, "gov": true, "edu": true, "ws": true, "cc": true, "gg": true,
	"to": true, "es": true, "it": true, "nl": true, "be": true, "ch": true, "at": true, "se": true, "no": true,
	"website": true, "space": true, "services": true, "solutions": true, "network": true, "cloud": true,
}

func isTLD(s string) bool { return tlds[s] }

// isGovHost reports whether host (with an optional path) is under a public
// authority's own suffix, which only governments can register: gov,
// gov.uk, nhs.uk, police.uk, mil, gc.ca, gov.au.
func isGovHost(host string) bool {
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
	}
	for _, suf := range []string{".gov", ".gov.uk", ".nhs.uk", ".police.uk", ".mil", ".gc.ca", ".gov.au"} {
		if strings.HasSuffix(host, suf) || host == suf[1:] && strings.Contains(suf[1:], ".") {
			return true // "on gov.uk": the government's own portal
		}
	}
	return false
}

// currencyWords maps words said after an amount to ISO 4217 codes.
var currencyWords = map[string]string{
	"dollars": "USD", "dollar": "USD", "bucks": "USD", "usd": "USD", "pounds": "GBP", "pound": "GBP",
	"quid": "GBP", "gbp": "GBP", "euros": "EUR", "euro": "EUR", "eur": "EUR",
}

var currencySymbols = map[string]string{"$": "USD", "£": "GBP", "€": "EUR"}

// rawEntity is an entity found in one turn, by token span.
type rawEntity struct {
	kind     string
	value    string
	from, to int32 // tokens
	amount   float64
	currency string
	claim    string // for organisations: the words to match against the registry
}

// extract finds numbers, codes, web addresses and amounts in ts, appends
// their synthetic concept hits to hits and returns the entities.
func (m *matcher) extract(text string, ts []token, hits []hit, ents []rawEntity) ([]hit, []rawEntity) {
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch {
		case t.kind == tkNum && isDigits(t.text):
			j, digits, plus := digitRun(ts, i)
			// amounts: "$300", "300 dollars", "five hundred pounds"
			if cur, amt, end, ok := amountAt(ts, i); ok {
				hits = append(hits, hit{concept: m.synth[conceptAmount], from: int32(i - boolInt(i > 0 && ts[i-1].kind == tkSym && currencySymbols[ts[i-1].text] != "")), to: int32(end)})
				ents = append(ents, rawEntity{kind: hangup.EntityAmount, value: formatAmount(cur, amt), from: hits[len(hits)-1].from, to: int32(end), amount: amt, currency: cur})
				i = end - 1
				continue
			}
			n := len(digits)
			from := int32(i)
			if plus {
				from--
			}
			switch {
			case n >= 10 && n <= 15 || plus && n >= 8 && n <= 15 || n == 9 && digits[0] == '0':
				hits = append(hits, hit{concept: m.synth[conceptPhone], from: from, to: int32(j)})
				v := digits
				if plus {
					v = "+" + digits
				}
				ents = append(ents, rawEntity{kind: hangup.EntityPhone, value: v, from: from, to: int32(j)})
			case n >= 4 && n <= 12 && (n >= 6 || j-i >= 2):
				hits = append(hits, hit{concept: m.synth[conceptDigitCode], from: from, to: int32(j)})
				ents = append(ents, rawEntity{kind: hangup.EntityCode, value: digits, from: from, to: int32(j)})
			}
			i = j - 1
		case t.kind == tkSym && currencySymbols[t.text] != "" && i+1 < len(ts) && ts[i+1].kind == tkNum:
			if cur, amt, end, ok := amountAt(ts, i+1); ok {
				hits = append(hits, hit{concept: m.synth[conceptAmount], from: int32(i), to: int32(end)})
				ents = append(ents, rawEntity{kind: hangup.EntityAmount, value: formatAmount(cur, amt), from: int32(i), to: int32(end), amount: amt, currency: cur})
				i = end - 1
			}
		case t.kind == tkWord || t.kind == tkNum:
			if end, host, ok := domainAt(ts, i); ok {
				from := i
				// hyphenated names: "fixmypc-support.com", "fixmypc dash support dot com"
				for from > 0 && len(host) < 200 {
					p := ts[from-1]
					if (p.kind == tkWord || p.kind == tkNum) && p.end+1 == ts[from].start && text[p.end] == '-' {
						host = p.text + "-" + host
						from--
						continue
					}
					if from > 1 && p.kind == tkWord && (p.text == "dash" || p.text == "hyphen") && (ts[from-2].kind == tkWord || ts[from-2].kind == tkNum) {
						host = ts[from-2].text + "-" + host
						from -= 2
						continue
					}
					break
				}
				concept := m.synth[conceptDomain]
				if isGovHost(host) {
					concept = m.synth[conceptGovDomain]
				}
				hits = append(hits, hit{concept: concept, from: int32(from), to: int32(end)})
				ents = append(ents, rawEntity{kind: hangup.EntityURL, value: host, from: int32(from), to: int32(end)})
				i = end - 1
			}
		}
	}
	return hits, ents
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitRun joins number tokens said or written in groups ("741 852 963",
// "seven four one, eight five two", "+44 20 7946 0000").
func digitRun(ts []token, i int) (int, string, bool) {
	var b strings.Builder
	plus := i > 0 && ts[i-1].kind == tkSym && ts[i-1].text == "+"
	j := i
	for j < len(ts) && b.Len() <= 16 {
		t := ts[j]
		if t.kind == tkNum && isDigits(t.text) {
			b.WriteString(t.text)
			j++
			continue
		}
		// a comma between short groups, as people read codes out
		if t.kind == tkComma && j+1 < len(ts) && ts[j+1].kind == tkNum && isDigits(ts[j+1].text) &&
			len(ts[j-1].text) <= 4 && len(ts[j+1].text) <= 4 {
			j++
			continue
		}
		break
	}
	return j, b.String(), plus
}

// amountAt reads an amount of money from number token i: preceded by a
// currency symbol, or followed by a currency word.
func amountAt(ts []token, i int) (string, float64, int, bool) {
	cur := ""
	if i > 0 && ts[i-1].kind == tkSym {
		cur = currencySymbols[ts[i-1].text]
	}
	v, err := strconv.ParseFloat(ts[i].text, 64)
	if err != nil {
		return "", 0, 0, false
	}
	end := i + 1
	if end < len(ts) && ts[end].kind == tkWord {
		switch ts[end].text {
		case "k", "grand", "thousand":
			v *= 1000
			end++
		case "million":
			v *= 1e6
			end++
		}
	}
	if end < len(ts) && ts[end].kind == tkWord {
		if c, ok := currencyWords[ts[end].text]; ok {
			cur = c
			end++
		}
	}
	if cur == "" {
		return "", 0, 0, false
	}
	return cur, v, end, true
}

func formatAmount(cur string, v float64) string {
	return cur + " " + strconv.FormatFloat(v, 'f', -1, 64)
}

// domainAt reads a web address starting at token i: labels joined by dots
// (written or said), ending in a known top-level domain, with an optional
// scheme, "www" and path.
func domainAt(ts []token, i int) (int, string, bool) {
	j := i
	// scheme: http : / /
	if (ts[j].text == "http" || ts[j].text == "https") && j+3 < len(ts) && ts[j+1].text == ":" && ts[j+2].text == "/" && ts[j+3].text == "/" {
		j += 4
	}
	if j >= len(ts) || (ts[j].kind != tkWord && ts[j].kind != tkNum) {
		return 0, "", false
	}
	labels := []string{ts[j].text}
	j++
	for j+1 < len(ts) && ts[j].kind == tkDot && (ts[j+1].kind == tkWord || ts[j+1].kind == tkNum) && len(labels) < 8 {
		labels = append(labels, ts[j+1].text)
		j += 2
	}
	if len(labels) < 2 || !isTLD(labels[len(labels)-1]) {
		// "co.uk" style endings are covered: "uk" is a TLD
		return 0, "", false
	}
	host := strings.Join(labels, ".")
	// path: / segment …
	var path strings.Builder
	for j+1 < len(ts) && ts[j].kind == tkSym && ts[j].text == "/" && !ts[j].space && (ts[j+1].kind == tkWord || ts[j+1].kind == tkNum) {
		path.WriteString("/" + ts[j+1].text)
		j += 2
		for j+1 < len(ts) && ts[j].kind == tkDot && (ts[j+1].kind == tkWord || ts[j+1].kind == tkNum) {
			path.WriteString("." + ts[j+1].text)
			j += 2
		}
	}
	return j, host + path.String(), true
}

// claimStop ends the words of an organisation claim.
var claimStop = map[string]bool{
	"we": true, "i": true, "you": true, "he": true, "she": true, "they": true, "and": true, "to": true,
	"about": true, "regarding": true, "because": true, "for": true, "today": true, "this": true, "is": true,
	"are": true, "was": true, "have": true, "has": true, "had": true, "calling": true, "call": true, "just": true,
	"so": true, "that": true, "with": true, "on": true, "at": true, "who": true, "here": true, "now": true,
	"how": true, "can": true, "will": true, "would": true, "there": true, "sir": true, "madam": true, "ma'am": true,
	"please": true, "it": true, "your": false, "the": false, "my": true, "am": true, "not": true, "yes": true, "no": true,
}

// orgConcepts are the concepts that name an organisation.
var orgConcepts = []string{"TECHBRAND", "SERVICEBRAND", "TECHDEPT", "ISP", "BANKORG", "FRAUDDEPT", "GOVORG"}

// claims finds the organisations a speaker claimed to be: "calling from
// <words>", "I'm from <words>", or a known organisation name after "this
// is". The claim text goes to the registry matcher when one is wired.
func (m *matcher) claims(ts []token, hits []hit, text string, ents []rawEntity) []rawEntity {
	claimFrom := m.lex.byName["CLAIMFROM"]
	isOrg := map[int16]bool{}
	for _, n := range orgConcepts {
		isOrg[m.lex.byName[n]] = true
	}
	for _, h := range hits {
		if h.concept != claimFrom {
			continue
		}
		lastWord := ts[h.to-1].text
		weak := lastWord == "is" || lastWord == "the" || lastWord == "your" // "this is", "my name is", "from the"
		// a known organisation within a few tokens
		var org *hit
		for k := range hits {
			o := &hits[k]
			if isOrg[o.concept] && o.from >= h.to && o.from <= h.to+3 {
				if org == nil || o.to > org.to {
					org = o
				}
			}
		}
		if org != nil && deniedClaim(ts, h.from, org.from) {
			continue // "this isn't actually Microsoft", "we're not calling from the bank"
		}
		if org != nil {
			ents = append(ents, rawEntity{kind: hangup.EntityOrganisation, value: claimName(org.canon, ts, org.from, org.to), from: h.to, to: org.to, claim: spanText(text, ts, h.to, org.to)})
			continue
		}
		if weak {
			continue
		}
		// unknown organisation: up to four words
		j := h.to
		for j < int32(len(ts)) && j < h.to+4 && ts[j].kind == tkWord && !claimStop[ts[j].text] {
			j++
		}
		if j > h.to && !(j == h.to+1 && (ts[h.to].text == "the" || ts[h.to].text == "your")) {
			ents = append(ents, rawEntity{kind: hangup.EntityOrganisation, value: joinTokens(ts, h.to, j), from: h.to, to: j, claim: spanText(text, ts, h.to, j)})
		}
	}
	return ents
}

// deniedClaim reports whether a claim that starts at token from and names
// an organisation at token org is negated: "not" or "never" just before the
// claim words or between them and the name.
func deniedClaim(ts []token, from, org int32) bool {
	if from > 0 && (ts[from-1].text == "not" || ts[from-1].text == "never") {
		return true
	}
	for k := from; k < org && k < int32(len(ts)); k++ {
		if ts[k].text == "not" || ts[k].text == "never" {
			return true
		}
	}
	return false
}

func claimName(canon string, ts []token, from, to int32) string {
	if canon != "" {
		return canon
	}
	return joinTokens(ts, from, to)
}

func joinTokens(ts []token, from, to int32) string {
	var b strings.Builder
	for k := from; k < to; k++ {
		if k > from && ts[k].kind != tkDot && ts[k-1].kind != tkDot {
			b.WriteByte(' ')
		}
		b.WriteString(ts[k].text)
	}
	return b.String()
}

// spanText is the original text of tokens [from, to).
func spanText(text string, ts []token, from, to int32) string {
	if from >= to {
		return ""
	}
	return text[ts[from].start:ts[to-1].end]
}
