package site

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Skeletons follow the idea of Unicode TS #39 (section 4, "confusable
// detection"): two strings that look alike map to the same skeleton. The
// full confusables.txt has over 6,000 mappings to any script; a website
// name is lower case after IDNA mapping and the brands it copies are Latin,
// so this compact table maps the lower-case Latin lookalikes from Cyrillic,
// Greek, Armenian, IPA and Latin extensions, plus the digit and letter-pair
// tricks that work in plain ASCII (0 for o, 1 for l, rn or nn for m, vv for w),
// onto the Latin letters they imitate. Accents are removed by NFD
// decomposition first (é → e).

// confusables maps single characters to the Latin they imitate.
var confusables = map[rune]string{
	// Cyrillic: the lower-case letters that read as Latin ones (the set
	// browsers use for whole-script checks), not the small-capital shapes
	// (н, т, к, м) that only resemble upper case.
	'а': "a", 'ԁ': "d", 'е': "e", 'ё': "e", 'ѐ': "e", 'һ': "h", 'і': "i", 'ї': "i", 'ј': "j", 'ӏ': "l",
	'о': "o", 'р': "p", 'ԛ': "q", 'ѕ': "s", 'у': "y", 'ў': "y", 'ԝ': "w", 'х': "x", 'ь': "b", 'ъ': "b",
	'ҽ': "e", 'п': "n", 'г': "r", 'ѵ': "v", 'ѡ': "w", 'ԍ': "g", 'ү': "y", 'ҫ': "c", 'с': "c", 'ӧ': "o",
	'ӓ': "a", 'ӑ': "a", 'ӱ': "y", 'є': "e",
	// Greek
	'α': "a", 'ά': "a", 'β': "b", 'γ': "y", 'δ': "d", 'ε': "e", 'έ': "e", 'η': "n", 'ή': "n", 'ι': "i",
	'ί': "i", 'ϊ': "i", 'ΐ': "i", 'κ': "k", 'ν': "v", 'ο': "o", 'ό': "o", 'ρ': "p", 'ϲ': "c", 'σ': "o",
	'τ': "t", 'υ': "u", 'ύ': "u", 'ϋ': "u", 'χ': "x", 'ω': "w", 'ώ': "w", 'ϳ': "j", 'ϱ': "p", 'ς': "s",
	'μ': "u", 'π': "n",
	// Armenian
	'ա': "w", 'գ': "q", 'զ': "q", 'հ': "h", 'ո': "n", 'ս': "u", 'ց': "g", 'օ': "o", 'ք': "p", 'ի': "h",
	'ռ': "n", 'ւ': "l",
	// Latin extensions and IPA that NFD does not reduce
	'ı': "i", 'ȷ': "j", 'ɑ': "a", 'ɒ': "a", 'ɐ': "a", 'ƅ': "b", 'ɓ': "b", 'ƀ': "b", 'ƈ': "c", 'ɕ': "c",
	'đ': "d", 'ɗ': "d", 'ɖ': "d", 'ƌ': "d", 'ɛ': "e", 'ə': "e", 'ɘ': "e", 'ƒ': "f", 'ɠ': "g", 'ǥ': "g",
	'ħ': "h", 'ɦ': "h", 'ɨ': "i", 'ɩ': "i", 'ɪ': "i", 'ʝ': "j", 'ƙ': "k", 'ł': "l", 'ɫ': "l", 'ɬ': "l",
	'ɭ': "l", 'ƚ': "l", 'ŀ': "l", 'ɱ': "m", 'ɲ': "n", 'ɳ': "n", 'ŋ': "n", 'ƞ': "n", 'ø': "o", 'ɵ': "o",
	'ɔ': "o", 'ƥ': "p", 'ʠ': "q", 'ɋ': "q", 'ɍ': "r", 'ɽ': "r", 'ɾ': "r", 'ʂ': "s", 'ȿ': "s", 'ƭ': "t",
	'ʈ': "t", 'ŧ': "t", 'ʉ': "u", 'ʋ': "v", 'ʌ': "v", 'ⱱ': "v", 'ʍ': "w", 'ⱳ': "w", 'ƴ': "y", 'ɏ': "y",
	'ƶ': "z", 'ȥ': "z", 'ʐ': "z", 'ʑ': "z", 'ɀ': "z", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ĳ': "ij",
	'ꜱ': "s", 'ᴄ': "c", 'ᴏ': "o", 'ᴠ': "v", 'ᴡ': "w", 'ᴢ': "z", 'ᴜ': "u",
	// ASCII tricks
	'0': "o", '1': "l", '|': "l",
}

// pairs are ASCII letter pairs that read as one letter at a glance.
var pairs = [...]struct{ from, to string }{{"rn", "m"}, {"nn", "m"}, {"vv", "w"}, {"cl", "d"}}

// skeleton returns the lookalike skeleton of one lower-case label (Unicode
// or ASCII): each character replaced by the Latin letter it imitates,
// accents removed, letter pairs folded. Hyphens and other digits are kept.
// buf is scratch space that may be reused; the result may alias it.
func skeleton(label string, buf []byte) []byte {
	buf = buf[:0]
	ascii := true
	for i := 0; i < len(label); i++ {
		if label[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(label); i++ {
			c := label[i]
			switch c {
			case '0':
				c = 'o'
			case '1', '|':
				c = 'l'
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return foldPairs(buf)
	}
	for _, r := range norm.NFD.String(label) {
		if unicode.Is(unicode.Mn, r) {
			continue // combining accent: é was split into e + ◌́
		}
		r = unicode.ToLower(r)
		if s, ok := confusables[r]; ok {
			buf = append(buf, s...)
			continue
		}
		buf = utf8.AppendRune(buf, r)
	}
	return foldPairs(buf)
}

// foldPairs rewrites letter pairs in place.
func foldPairs(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	w := 0
	for r := 0; r < len(b); r++ {
		if c := b[r]; r+1 < len(b) && (c == 'r' || c == 'n' || c == 'v' || c == 'c') {
			folded := false
			for _, p := range pairs {
				if b[r] == p.from[0] && b[r+1] == p.from[1] {
					b[w] = p.to[0]
					w++
					r++
					folded = true
					break
				}
			}
			if folded {
				continue
			}
		}
		b[w] = b[r]
		w++
	}
	return b[:w]
}

// Script is the writing system of a label's letters, for mixed-script
// detection.
type script uint8

const (
	scriptNone script = 1 << iota // digits, hyphens
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptOther
)

// scripts returns the set of scripts the letters of label use.
func scripts(label string) script {
	var s script
	for _, r := range label {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				s |= scriptLatin
			} else {
				s |= scriptNone
			}
		case unicode.Is(unicode.Latin, r):
			s |= scriptLatin
		case unicode.Is(unicode.Cyrillic, r):
			s |= scriptCyrillic
		case unicode.Is(unicode.Greek, r):
			s |= scriptGreek
		case unicode.IsLetter(r):
			s |= scriptOther
		default:
			s |= scriptNone
		}
	}
	return s
}

// mixedScript reports whether a label mixes Latin letters with Cyrillic or
// Greek ones: genuine names almost never do, lookalikes often do
// ("pаypal" with a Cyrillic а).
func mixedScript(label string) bool {
	s := scripts(label)
	return s&scriptLatin != 0 && s&(scriptCyrillic|scriptGreek) != 0
}

// wholeScriptConfusable reports whether a non-Latin label is written
// entirely in letters that look Latin: "аррӏе" (all Cyrillic) reads as
// "apple". It returns the Latin reading.
func wholeScriptConfusable(label string, buf []byte) (string, bool) {
	s := scripts(label)
	if s&(scriptCyrillic|scriptGreek) == 0 || s&(scriptLatin|scriptOther) != 0 {
		return "", false
	}
	sk := skeleton(label, buf)
	for _, c := range sk {
		if c >= utf8.RuneSelf {
			return "", false
		}
	}
	return string(sk), strings.ContainsAny(string(sk), "abcdefghijklmnopqrstuvwxyz")
}
