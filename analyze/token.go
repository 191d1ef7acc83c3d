package analyze

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies tokens.
type tokKind uint8

const (
	tkWord  tokKind = iota // letters: a word after folding
	tkNum                  // a number: digits as written or spoken ("seven four one" → "741")
	tkStop                 // a clause boundary: . ? ! ; or a line break
	tkComma                // a comma: a weak boundary
	tkSym                  // a symbol that matters: $ £ € @ / : + # % &
	tkDot                  // a dot inside a word sequence ("anydesk.com"), or "dot" said aloud
)

// token is one normalised word, number or symbol. Start and End are byte
// offsets into the ORIGINAL text: evidence is always quoted from there.
type token struct {
	text       string
	start, end int
	kind       tokKind
	id         int32 // vocabulary id from the lexicon; -1 when the word is in no phrase
	spoken     bool  // a number said in words
	space      bool  // whitespace (or nothing) separated it from the previous token
}

// fillers are speech-to-text noise words dropped before matching.
var fillers = map[string]bool{
	"um": true, "umm": true, "uh": true, "uhh": true, "uhm": true, "er": true, "erm": true,
	"ah": true, "ahh": true, "hmm": true, "hm": true, "mm": true, "mhm": true, "mmm": true,
}

// contractions lists expansions of words that carry no apostrophe in
// speech-to-text output or that the generic rules get wrong.
var contractions = map[string][]string{
	"dont": {"do", "not"}, "doesnt": {"does", "not"}, "didnt": {"did", "not"}, "cant": {"can", "not"},
	"cannot": {"can", "not"}, "wont": {"will", "not"}, "isnt": {"is", "not"}, "arent": {"are", "not"},
	"wasnt": {"was", "not"}, "werent": {"were", "not"}, "havent": {"have", "not"}, "hasnt": {"has", "not"},
	"shouldnt": {"should", "not"}, "wouldnt": {"would", "not"}, "couldnt": {"could", "not"},
	"mustnt": {"must", "not"}, "aint": {"is", "not"}, "im": {"i", "am"}, "youre": {"you", "are"},
	"ive": {"i", "have"}, "youve": {"you", "have"}, "weve": {"we", "have"}, "theyre": {"they", "are"},
	"thats": {"that", "is"}, "whats": {"what", "is"}, "lets": {"let", "us"}, "youll": {"you", "will"},
	"theyll": {"they", "will"}, "itll": {"it", "will"}, "gonna": {"going", "to"}, "wanna": {"want", "to"},
	"gotta": {"got", "to"}, "ya": {"you"}, "u": {"you"}, "ur": {"your"}, "pls": {"please"}, "plz": {"please"},
	"won't": {"will", "not"}, "can't": {"can", "not"}, "shan't": {"shall", "not"}, "let's": {"let", "us"},
	"ok": {"okay"}, "o.k": {"okay"}, "mom": {"mum"}, "mommy": {"mum"}, "mummy": {"mum"},
	"e-mail": {"email"}, "log-in": {"login"}, "licence": {"license"}, "cheque": {"check"},
	"organisation": {"organization"}, "authorised": {"authorized"}, "unauthorised": {"unauthorized"},
	"recognise": {"recognize"}, "centre": {"center"}, "programme": {"program"},
}

// afterWould lists words that follow "I'd" and never an identifier, so that
// speech-to-text's "id be happy to" reads as iWould.
var afterWould = map[string]bool{"be": true, "like": true, "love": true, "have": true, "rather": true,
	"say": true, "suggest": true, "recommend": true, "better": true, "prefer": true, "hate": true,
	"appreciate": true, "imagine": true, "never": true, "also": true, "really": true, "just": true,
	"probably": true, "definitely": true, "certainly": true, "gladly": true, "need": true, "want": true}

var iWould = []string{"i", "would"}

// isPronounS lists words whose "'s" means "is" rather than a possessive.
var isPronounS = map[string]bool{"it": true, "that": true, "what": true, "there": true, "here": true,
	"he": true, "she": true, "who": true, "where": true, "how": true, "this": true}

// rawToken is a token before the word-level passes.
type rawToken struct {
	text       string
	start, end int
	kind       tokKind
	space      bool
}

// tokenizer turns text into tokens. It holds reusable buffers: one per
// goroutine, never shared.
type tokenizer struct {
	raw []rawToken
	buf []byte
	tmp []token
}

// tokenize appends the tokens of text[from:to] to out. Offsets are relative
// to text, which is the whole original document.
func (z *tokenizer) tokenize(text string, from, to int, out []token) []token {
	z.raw = z.raw[:0]
	z.scan(text, from, to)
	z.tmp = z.tmp[:0]
	z.words()
	return z.numbers(out)
}

// scan splits text[from:to] into raw tokens, folding each rune.
func (z *tokenizer) scan(text string, from, to int) {
	buf := z.buf[:0]
	cur := tkWord
	curStart, curEnd := -1, -1
	space := true
	pendingSpace := true
	flush := func() {
		if curStart >= 0 && len(buf) > 0 {
			z.raw = append(z.raw, rawToken{text: string(buf), start: curStart, end: curEnd, kind: cur, space: pendingSpace})
			pendingSpace = false
		}
		buf = buf[:0]
		curStart, curEnd = -1, -1
	}
	emit := func(s string, k tokKind, st, en int) {
		flush()
		z.raw = append(z.raw, rawToken{text: s, start: st, end: en, kind: k, space: pendingSpace})
		pendingSpace = false
	}
	for i := from; i < to; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:to])
		}
		var folded string
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				// fast path: common letters and digits fold to themselves
				k := tkWord
				if c <= '9' {
					k = tkNum
				}
				if curStart >= 0 && cur != k {
					flush()
				}
				if curStart < 0 {
					curStart, cur = i, k
				}
				buf = append(buf, c)
				curEnd = i + 1
				i++
				continue
			case c >= 'A' && c <= 'Z':
				folded = string(rune(c + 'a' - 'A'))
			default:
				folded = foldRune(r)
			}
		} else {
			folded = foldRune(r)
		}
		start, end := i, i+size
		i += size
		for _, c := range folded {
			switch {
			case unicode.IsLetter(c) || unicode.IsDigit(c):
				k := tkWord
				if c >= '0' && c <= '9' || unicode.IsDigit(c) {
					k = tkNum
					if c > '9' {
						c = '0' + rune(digitValue(c))
					}
				}
				if curStart >= 0 && cur != k {
					flush()
				}
				if curStart < 0 {
					curStart, cur = start, k
				}
				buf = utf8.AppendRune(buf, c)
				curEnd = end
			case c == '\'':
				// Keep apostrophes inside words ("don't"); elsewhere they are quotes.
				if curStart >= 0 && cur == tkWord && i < to && isWordByte(text[i]) {
					buf = append(buf, '\'')
					curEnd = end
					continue
				}
				flush()
			case c == '.':
				next := byte(' ')
				if i < to {
					next = text[i]
				}
				if curStart >= 0 && cur == tkNum && next >= '0' && next <= '9' {
					buf = append(buf, '.') // decimal point
					curEnd = end
					continue
				}
				if curStart >= 0 && isWordByte(next) {
					emit(".", tkDot, start, end)
					continue
				}
				emit(".", tkStop, start, end)
			case c == ',':
				if curStart >= 0 && cur == tkNum && i+3 <= to && isDigit3(text[i:]) {
					curEnd = end // thousands separator: 1,000
					continue
				}
				emit(",", tkComma, start, end)
			case c == '?', c == '!', c == ';', c == '\n':
				emit(string(c), tkStop, start, end)
			case c == '$', c == '£', c == '€', c == '@', c == '/', c == ':', c == '+', c == '#', c == '%', c == '&':
				emit(string(c), tkSym, start, end)
			default:
				// spaces, hyphens, brackets, quotes and other symbols separate tokens
				flush()
				space = true
			}
			if space {
				pendingSpace = true
				space = false
			}
		}
	}
	flush()
	z.buf = buf
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isDigit3(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	// Other decimal digits (Arabic-Indic, full-width…) sit in blocks of ten.
	for _, base := range []rune{0x660, 0x6F0, 0x966, 0x9E6, 0xFF10} {
		if r >= base && r < base+10 {
			return int(r - base)
		}
	}
	return 0
}

// words applies the word-level passes to z.raw: fillers, letters spelled out,
// contractions. Results go to z.tmp.
func (z *tokenizer) words() {
	raw := z.raw
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		if t.kind != tkWord {
			z.tmp = append(z.tmp, token{text: t.text, start: t.start, end: t.end, kind: t.kind, space: t.space, id: -1})
			continue
		}
		if fillers[t.text] {
			continue
		}
		// Letters spelled out: "w w w", "a n y d e s k", "i.r.s".
		if utf8.RuneCountInString(t.text) == 1 {
			j, n := i, 0
			var b strings.Builder
			for j < len(raw) {
				if raw[j].kind == tkWord && utf8.RuneCountInString(raw[j].text) == 1 {
					b.WriteString(raw[j].text)
					n++
					j++
					continue
				}
				if raw[j].kind == tkDot && j+1 < len(raw) && raw[j+1].kind == tkWord && utf8.RuneCountInString(raw[j+1].text) == 1 {
					j++
					continue
				}
				break
			}
			if n >= 3 {
				z.tmp = append(z.tmp, token{text: b.String(), start: t.start, end: raw[j-1].end, kind: tkWord, space: t.space, id: -1})
				i = j - 1
				continue
			}
		}
		exp, ok := contractions[t.text]
		if t.text == "id" && i+1 < len(raw) && raw[i+1].kind == tkWord && afterWould[raw[i+1].text] {
			exp, ok = iWould, true // "id be happy", "id like to": speech-to-text's I'd, not an ID
		}
		if ok {
			for k, w := range exp {
				z.tmp = append(z.tmp, token{text: w, start: t.start, end: t.end, kind: tkWord, space: t.space || k > 0, id: -1})
			}
			continue
		}
		if strings.IndexByte(t.text, '\'') >= 0 {
			z.expandApostrophe(t)
			continue
		}
		z.tmp = append(z.tmp, token{text: t.text, start: t.start, end: t.end, kind: tkWord, space: t.space, id: -1})
	}
}

func (z *tokenizer) expandApostrophe(t rawToken) {
	add := func(ws ...string) {
		for k, w := range ws {
			if w == "" {
				continue
			}
			z.tmp = append(z.tmp, token{text: w, start: t.start, end: t.end, kind: tkWord, space: t.space || k > 0, id: -1})
		}
	}
	s := t.text
	switch {
	case strings.HasSuffix(s, "n't"):
		add(s[:len(s)-3], "not")
	case strings.HasSuffix(s, "'re"):
		add(s[:len(s)-3], "are")
	case strings.HasSuffix(s, "'ve"):
		add(s[:len(s)-3], "have")
	case strings.HasSuffix(s, "'ll"):
		add(s[:len(s)-3], "will")
	case strings.HasSuffix(s, "'d"):
		add(s[:len(s)-2], "would")
	case strings.HasSuffix(s, "'m"):
		add(s[:len(s)-2], "am")
	case strings.HasSuffix(s, "'s"):
		base := s[:len(s)-2]
		if isPronounS[base] {
			add(base, "is")
		} else {
			add(base)
		}
	default:
		add(strings.ReplaceAll(s, "'", ""))
	}
}

// Spoken numbers.
var (
	unitWords = map[string]int{"zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
		"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
		"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
	tensWords = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90}
	scaleWords = map[string]int{"hundred": 100, "thousand": 1000, "grand": 1000, "million": 1000000, "billion": 1000000000}
)

func isNumberWord(s string) bool {
	if _, ok := unitWords[s]; ok {
		return true
	}
	if _, ok := tensWords[s]; ok {
		return true
	}
	_, ok := scaleWords[s]
	return ok && s != "grand"
}

// numbers merges runs of number words and digits in z.tmp into number
// tokens, drops immediately repeated words, and appends the result to out.
func (z *tokenizer) numbers(out []token) []token {
	ts := z.tmp
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if t.kind == tkWord && (isNumberWord(t.text) || t.text == "double" || t.text == "triple" || t.text == "a" || t.text == "oh") {
			if j, digits := spokenRun(ts, i); j > i {
				out = append(out, token{text: digits, start: t.start, end: ts[j-1].end, kind: tkNum, spoken: true, space: t.space, id: -1})
				i = j - 1
				continue
			}
		}
		// Web addresses said aloud: "anydesk dot com", "www dot", "slash".
		if t.kind == tkWord && len(out) > 0 && i+1 < len(ts) && (ts[i+1].kind == tkWord || ts[i+1].kind == tkNum) {
			p := out[len(out)-1]
			if p.kind == tkWord || p.kind == tkNum {
				switch t.text {
				case "dot":
					if isTLD(ts[i+1].text) || p.text == "www" || (i+3 < len(ts) && ts[i+2].text == "dot") {
						out = append(out, token{text: ".", start: t.start, end: t.end, kind: tkDot, space: true, id: -1})
						continue
					}
				case "slash":
					out = append(out, token{text: "/", start: t.start, end: t.end, kind: tkSym, space: true, id: -1})
					continue
				}
			}
		}
		if t.kind == tkWord && len(out) > 0 {
			p := out[len(out)-1]
			if p.kind == tkWord && p.text == t.text && !p.spoken {
				continue // "the the": speech-to-text stutter
			}
		}
		out = append(out, t)
	}
	return out
}

// spokenRun reads a run of spoken number words starting at ts[i]. It returns
// the index after the run and its digits, or i when there is no number.
func spokenRun(ts []token, i int) (int, string) {
	type item struct {
		word  string
		digit bool // a single digit said alone, or digits written
		val   string
	}
	var items []item
	j := i
	for j < len(ts) {
		t := ts[j]
		if t.kind == tkNum && !t.spoken && len(items) > 0 {
			items = append(items, item{word: t.text, digit: true, val: t.text})
			j++
			continue
		}
		if t.kind != tkWord {
			break
		}
		w := t.text
		next := ""
		if j+1 < len(ts) && ts[j+1].kind == tkWord {
			next = ts[j+1].text
		}
		switch {
		case w == "double" || w == "triple":
			if u, ok := unitWords[next]; ok && u < 10 {
				n := 2
				if w == "triple" {
					n = 3
				}
				d := strconv.Itoa(u)
				items = append(items, item{word: w, digit: true, val: strings.Repeat(d, n)})
				j += 2
				continue
			}
		case w == "a":
			if _, ok := scaleWords[next]; ok && next != "grand" && len(items) == 0 {
				items = append(items, item{word: "one", val: "1"})
				j++
				continue
			}
		case w == "oh":
			// "oh" is zero only among other digits: "oh one two one"
			_, nextUnit := unitWords[next]
			if nextUnit || next == "double" || next == "triple" || len(items) > 0 {
				items = append(items, item{word: "zero", digit: true, val: "0"})
				j++
				continue
			}
		case w == "and":
			if len(items) > 0 && j+1 < len(ts) && isNumberWord(next) {
				if _, ok := scaleWords[items[len(items)-1].word]; ok {
					j++
					continue
				}
			}
		case isNumberWord(w):
			u, isUnit := unitWords[w]
			items = append(items, item{word: w, digit: isUnit && u < 10, val: ""})
			j++
			continue
		case w == "grand" && len(items) > 0:
			items = append(items, item{word: w})
			j++
			continue
		}
		break
	}
	// Drop a trailing "oh" that turned out not to be a digit run.
	if len(items) == 0 {
		return i, ""
	}
	allDigits := len(items) >= 2
	for _, it := range items {
		if !it.digit {
			allDigits = false
			break
		}
	}
	if allDigits {
		var b strings.Builder
		for _, it := range items {
			if it.val != "" {
				b.WriteString(it.val)
			} else {
				b.WriteString(strconv.Itoa(unitWords[it.word]))
			}
		}
		return j, b.String()
	}
	// Cardinal reading, split into chunks where the grammar restarts
	// ("twenty twenty four" → 20|24 → "2024", "nine eighty" → "980").
	var b strings.Builder
	total, cur, last := 0, 0, 0 // last: magnitude of the previous word (1 units, 10 tens, 100+ scale)
	started := false
	flushChunk := func() {
		if started {
			b.WriteString(strconv.Itoa(total + cur))
		}
		total, cur, last, started = 0, 0, 0, false
	}
	for _, it := range items {
		if it.val != "" && it.digit {
			flushChunk()
			b.WriteString(it.val)
			continue
		}
		if u, ok := unitWords[it.word]; ok {
			if started && (last == 1 || last == 11 || (last == 10 && u >= 10)) {
				flushChunk()
			}
			cur += u
			started = true
			last = 1
			if u >= 10 {
				last = 11
			}
			continue
		}
		if t, ok := tensWords[it.word]; ok {
			if started && (last == 1 || last == 10 || last == 11) {
				flushChunk()
			}
			cur += t
			started = true
			last = 10
			continue
		}
		s := scaleWords[it.word]
		if total+cur > 1e12 {
			flushChunk() // "billion billion billion": never overflow
		}
		if !started {
			cur = 1
			started = true
		}
		if s == 100 {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		} else {
			if cur == 0 && total == 0 {
				cur = 1
			}
			total += cur * s
			cur = 0
		}
		last = s
	}
	flushChunk()
	if b.Len() == 0 || b.Len() > 40 {
		return i, ""
	}
	return j, b.String()
}
