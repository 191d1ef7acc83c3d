package site

import (
	"strings"
)

// candidates finds the strings in text that may be website addresses:
// words that already look like one ("micros0ft-support.com",
// "https://x.example/fix") and addresses said out loud ("anydesk dot com",
// "w w w dot micro soft dot com slash fix"), which it writes out. The
// results are unvalidated; the caller parses them.
func candidates(text string) []string {
	toks := spokenTokens(text)
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.sep != 0 {
			continue
		}
		if i+2 < len(toks) && toks[i+1].sep != 0 && toks[i+1].sep != ':' && toks[i+2].sep == 0 {
			// A spoken address starts here, or a few words back: people say
			// "any desk dot com" for anydesk.com.
			var b strings.Builder
			b.WriteString(joinBefore(toks, i))
			b.WriteString(t.word)
			j := i
			for j+2 < len(toks) && toks[j+1].sep != 0 && toks[j+2].sep == 0 {
				b.WriteByte(toks[j+1].sep)
				b.WriteString(toks[j+2].word)
				j += 2
			}
			out = append(out, b.String())
			i = j
			continue
		}
		if looksLikeAddress(t.word) {
			out = append(out, t.word)
		}
	}
	return out
}

// token is a word of the text, or a separator said as a word ("dot").
type token struct {
	word string // the word, when sep is 0
	sep  byte   // '.', '-', '/', ':' or '_' for a spoken separator
}

// spokenSeparators maps the words people say for the punctuation of an
// address to that punctuation.
var spokenSeparators = map[string]byte{
	"dot": '.', "period": '.', "point": '.', "dash": '-', "hyphen": '-', "minus": '-',
	"slash": '/', "colon": ':', "underscore": '_',
}

// spokenTokens splits text into words, turning spoken punctuation into
// separators and spoken "www" ("w w w", "triple w", "double u double u
// double u", "dub dub dub") into the word www.
func spokenTokens(text string) []token {
	fields := strings.Fields(text)
	toks := make([]token, 0, len(fields))
	for i := 0; i < len(fields); i++ {
		w := strings.TrimRight(fields[i], ",;!?\"')”’")
		w = strings.TrimLeft(w, "\"'(“‘")
		lw := strings.ToLower(w)
		switch {
		case lw == "":
			continue
		case spokenSeparators[lw] != 0 && !looksLikeAddress(w):
			// "forward slash" is one separator; drop the "forward".
			if lw == "slash" && len(toks) > 0 && toks[len(toks)-1].word == "forward" {
				toks = toks[:len(toks)-1]
			}
			toks = append(toks, token{sep: spokenSeparators[lw]})
			continue
		case lw == "w" && i+2 < len(fields) && strings.EqualFold(fields[i+1], "w") && strings.EqualFold(strings.TrimRight(fields[i+2], ","), "w"):
			w, i = "www", i+2
		case (lw == "triple" || lw == "treble") && i+1 < len(fields) && strings.EqualFold(fields[i+1], "w"):
			w, i = "www", i+1
		case lw == "double" && i+5 < len(fields) && strings.EqualFold(fields[i+1], "u") && strings.EqualFold(fields[i+3], "u") && strings.EqualFold(fields[i+5], "u"):
			w, i = "www", i+5
		case lw == "dub" && i+2 < len(fields) && strings.EqualFold(fields[i+1], "dub") && strings.EqualFold(fields[i+2], "dub"):
			w, i = "www", i+2
		}
		// A sentence's full stop after a spoken address ends it.
		w = strings.TrimRight(w, ".")
		if w != "" {
			toks = append(toks, token{word: w})
		}
	}
	return toks
}

// joinBefore returns the words just before toks[i] that belong to the same
// spoken name: up to three ordinary words ("micro soft support dot com"),
// or any run of single letters ("m i c r o soft dot com"), stopping at
// words that introduce an address ("go to", "the website", "type in").
func joinBefore(toks []token, i int) string {
	start := i
	letters := len(toks[i].word) == 1
	for start > 0 {
		p := toks[start-1]
		if p.sep != 0 || looksLikeAddress(p.word) {
			break
		}
		lw := strings.ToLower(p.word)
		if len(lw) == 1 && isAlnumByte(lw[0]) && (letters || start == i) {
			letters = true
			start--
			continue
		}
		if letters || stopWords[lw] || i-start >= 3 || !isWordy(lw) {
			break
		}
		start--
	}
	var b strings.Builder
	for _, t := range toks[start:i] {
		b.WriteString(t.word)
	}
	return b.String()
}

// stopWords are words that come before a spoken address but are not part of
// it.
var stopWords = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq(`a an the to go goes going visit visiting open opening type typing
		enter entering write put in into on onto at of for from by with and or but then now please just
		you your me my i we us our it its it's is are was be been this that that's there there's here
		called named name website web site page address browser link url search bar box click tap press
		follow download install get log sign so ok okay right yes no first next can could will would
		should need want have has do does did see let's say says said saying spelled spelt following
		um uh er well also again see just simply quickly straight use using find look see www.`) {
		stopWords[w] = true
	}
}

// isWordy reports whether a word can be part of a spoken host: letters,
// digits and hyphens only.
func isWordy(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isAlnumByte(w[i]) && w[i] != '-' {
			return false
		}
	}
	return w != ""
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// looksLikeAddress reports whether a written word may be an address: it has
// a scheme, or a dot followed by a last host label that is a plausible
// ending (letters or punycode, or a number for IP addresses).
func looksLikeAddress(w string) bool {
	lw := strings.ToLower(w)
	if strings.HasPrefix(lw, "http://") || strings.HasPrefix(lw, "https://") || strings.HasPrefix(lw, "www.") {
		return true
	}
	host := lw
	if i := strings.IndexAny(host, `/\?#`); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	host = strings.TrimRight(host, ".")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	tld := host[dot+1:]
	if isIPNumber(tld) {
		return strings.Count(host, ".") == 3
	}
	if strings.HasPrefix(tld, "xn--") {
		return true
	}
	letters := 0
	for _, r := range tld {
		switch {
		case r >= 'a' && r <= 'z' || r > 0x7f:
			letters++
		default:
			return false
		}
	}
	return letters >= 2
}
