package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding turns each rune of the original text into zero or more plain
// lower-case runes, so that "ＡnyDеsk" (full-width A, Cyrillic е) and
// "anydesk" tokenise the same. Folding is per rune, which keeps the offset
// map trivial: every folded rune points back at the original rune it came
// from.

// confusables maps letters that look like Latin letters to them. It covers
// the Cyrillic and Greek look-alikes used to dodge keyword filters; NFKD
// already handles full-width, mathematical and ligature forms.
var confusables = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'һ': 'h',
	'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ɡ': 'g', 'ı': 'i', 'ℓ': 'l',
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'γ': 'y', 'ω': 'w',
	'ß': 's', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'æ': 'a', 'œ': 'o',
	// Typographic variants of the punctuation the tokeniser cares about.
	'‘': '\'', '’': '\'', 'ʼ': '\'', '`': '\'', '´': '\'', '′': '\'',
	'‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
	'“': '"', '”': '"', '„': '"', '«': '"', '»': '"',
	'…': '.', '。': '.', '：': ':', '，': ',', '？': '?', '！': '!',
	'£': '£', '€': '€',
}

// foldTable caches the folding of the runes below foldTableSize, computed
// once at start-up; rarer runes are folded on the fly.
const foldTableSize = 0x3000

var foldTable = func() []string {
	t := make([]string, foldTableSize)
	for r := rune(0); r < foldTableSize; r++ {
		t[r] = foldSlow(r)
	}
	return t
}()

// foldRune returns the folded form of r: "" to drop it (zero-width and other
// format characters, combining marks), otherwise lower-case runes.
func foldRune(r rune) string {
	if r >= 0 && r < foldTableSize {
		return foldTable[r]
	}
	return foldSlow(r)
}

func foldSlow(r rune) string {
	if r == utf8.RuneError {
		return " "
	}
	if c, ok := confusables[r]; ok {
		return string(c)
	}
	if c, ok := confusables[unicode.ToLower(r)]; ok {
		return string(c)
	}
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return string(r + 'a' - 'A')
		}
		if r < 0x20 && r != '\n' {
			return " "
		}
		if r == 0x7f {
			return " "
		}
		return string(r)
	case r == 0x00AD, r == 0x034F, r == 0x180E, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F, r == 0xFEFF:
		return "" // zero-width and direction marks hide inside words: drop them
	case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return ""
	case unicode.IsSpace(r):
		if r == 0x2028 || r == 0x2029 || r == 0x85 {
			return "\n"
		}
		return " "
	case unicode.IsControl(r):
		return " "
	}
	d := norm.NFKD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if m, ok := confusables[c]; ok {
			c = m
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}
