// Package turns splits a transcript into speaker turns. Speaker labels
// come in every shape ("Caller:", "A:", "Person A:", "[00:01:23] Bob:",
// "SPEAKER 1:"), at line starts or run together on one line, or not at all.
// It is shared by the runtime analysis (package analyze) and training
// (package analyze/train), so that both see the same turns.
package turns

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is one speaker's turn in the original text: the label as written
// (empty when the text has none) and the byte span [Start, End) of what
// was said.
type Span struct {
	Speaker    string
	Start, End int
}

// Speaker labels come in every shape: "Caller:", "A:", "Person A:",
// "[00:01:23] Bob:", "SPEAKER 1:", labels at line starts or run together
// on one line after a full stop. A colon is a label when the words before it
// are a known role, or the same words label at least two turns. Nothing here
// knows any one data set's speaker names.

// knownRoles are label words that always name a speaker.
var knownRoles = map[string]bool{
	"caller": true, "callee": true, "agent": true, "customer": true, "client": true, "victim": true,
	"scammer": true, "fraudster": true, "suspect": true, "innocent": true, "me": true, "operator": true,
	"rep": true, "representative": true, "support": true, "technician": true, "tech": true, "officer": true,
	"advisor": true, "adviser": true, "user": true, "receiver": true, "recipient": true, "target": true,
	"interviewer": true, "csr": true, "customer service": true, "host": true, "staff": true,
	"mum": true, "mom": true, "dad": true, "grandma": true, "grandpa": true, "nan": true, "granny": true,
	"him": true, "her": true, "them": true, "man": true, "woman": true, "lady": true, "guy": true,
	"speaker": true, "person": true, "employee": true, "banker": true, "pharmacist": true, "doctor": true,
	"nurse": true, "driver": true, "courier": true, "engineer": true, "patient": true, "bank": true,
	"company": true, "the caller": true, "the agent": true, "my mum": true, "my dad": true,
}

// stopLabels are words that end a phrase before a colon without naming a
// speaker ("he said:", "the code is:", "Note:").
var stopLabels = map[string]bool{
	"said": true, "says": true, "asked": true, "told": true, "tells": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "follows": true, "following": true, "note": true, "notes": true, "ps": true,
	"re": true, "subject": true, "date": true, "time": true, "from": true, "to": true, "cc": true, "bcc": true,
	"http": true, "https": true, "www": true, "ref": true, "reference": true, "number": true, "code": true,
	"id": true, "tel": true, "phone": true, "email": true, "address": true, "website": true, "url": true,
	"step": true, "example": true, "warning": true, "update": true, "edit": true, "summary": true,
	"the": true, "a": false, "and": true, "or": true, "of": true, "this": true, "that": true, "it": true,
	"here": true, "there": true, "like": true, "name": true, "amount": true, "total": true, "pin": true,
	"password": true, "account": true, "card": true, "mobile": true, "fax": true, "tip": true, "answer": false,
	"then": true, "later": true, "again": true, "now": true, "also": true, "says this": true, "wrote": true,
}

// labelCand is one possible label before a colon.
type labelCand struct {
	key        string // lower case
	label      string // as written
	start      int    // where the label starts
	prefix     int    // where the line prefix (timestamp) starts; == start when none
	contentPos int    // first byte after the colon
	boundary   bool   // at a line start, after sentence punctuation, or after a wide gap
	lineStart  bool   // at a line start, after an optional timestamp
}

// Split splits text into speaker turns. A text with no labels is one turn
// without a speaker.
func Split(text string) []Span {
	var cands [][]labelCand // per colon: suffixes of 1..3 words, shortest first
	counts := map[string]int{}
	for i := 0; i < len(text); i++ {
		c := text[i]
		colonLen := 0
		if c == ':' {
			colonLen = 1
		} else if c == 0xEF && strings.HasPrefix(text[i:], "：") {
			colonLen = len("：")
		}
		if colonLen == 0 {
			continue
		}
		after := i + colonLen
		if after < len(text) && text[after] != ' ' && text[after] != '\t' && text[after] != '\n' && text[after] != '\r' {
			continue
		}
		cs := labelsBefore(text, i, after)
		if len(cs) == 0 {
			continue
		}
		for _, lc := range cs {
			counts[lc.key]++
		}
		cands = append(cands, cs)
	}
	var acc []labelCand
	done := make([]bool, len(cands))
	lineLabels := 0
	for i, cs := range cands {
		for k := len(cs) - 1; k >= 0; k-- {
			lc := cs[k]
			if acceptLabel(lc, counts[lc.key]) {
				acc = append(acc, lc)
				done[i] = true
				if lc.lineStart {
					lineLabels++
				}
				break
			}
		}
	}
	// Once some lines start with labels, a label seen once at a line start
	// ("B:" answering "A:" twice) is a label too.
	if lineLabels > 0 {
		for i, cs := range cands {
			if done[i] {
				continue
			}
			for k := min(len(cs), 2) - 1; k >= 0; k-- {
				lc := cs[k]
				if lc.lineStart && acceptLabel(lc, 2) {
					acc = append(acc, lc)
					break
				}
			}
		}
	}
	if len(acc) == 0 {
		return []Span{{Start: 0, End: len(text)}}
	}
	sort.Slice(acc, func(i, j int) bool { return acc[i].start < acc[j].start })
	var out []Span
	if pre := strings.TrimSpace(text[:acc[0].prefix]); pre != "" {
		out = append(out, Span{Start: 0, End: acc[0].prefix})
	}
	for n, lc := range acc {
		end := len(text)
		if n+1 < len(acc) {
			end = acc[n+1].prefix
		}
		if end < lc.contentPos {
			end = lc.contentPos
		}
		out = append(out, Span{Speaker: lc.label, Start: lc.contentPos, End: end})
	}
	return out
}

func acceptLabel(lc labelCand, count int) bool {
	words := strings.Fields(lc.key)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if stopLabels[last] || stopLabels[lc.key] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(lc.key)
	if !unicode.IsLetter(r) {
		return false
	}
	known := knownRoles[lc.key] || (len(words) == 2 && knownRoles[words[0]] && len([]rune(words[1])) <= 2)
	switch {
	case known && lc.boundary:
		return true
	case count >= 2 && lc.boundary:
		return true
	case count >= 3:
		return true
	}
	return false
}

// labelsBefore returns the 1-, 2- and 3-word label candidates ending just
// before the colon at text[colon].
func labelsBefore(text string, colon, after int) []labelCand {
	j := colon
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	end := j
	var out []labelCand
	pos := end
	for w := 0; w < 3; w++ {
		// one word of label characters
		k := pos
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:k])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '\'' || r == '-' {
				k -= size
				continue
			}
			break
		}
		if k == pos || pos-k > 24 {
			break
		}
		label := text[k:end]
		if len(label) > 40 {
			break
		}
		boundary, prefix := labelBoundary(text, k)
		out = append(out, labelCand{
			key: strings.ToLower(strings.Join(strings.Fields(label), " ")), label: label,
			start: k, prefix: prefix, contentPos: skipSpace(text, after), boundary: boundary,
			lineStart: prefix == 0 || text[prefix-1] == '\n' || text[prefix-1] == '\r',
		})
		// step over exactly one run of spaces to the previous word
		s := k
		for s > 0 && text[s-1] == ' ' {
			s--
		}
		if s == k || s == 0 || k-s > 2 {
			break
		}
		pos = s
	}
	return out
}

// labelBoundary reports whether a label starting at k begins a turn: at a
// line start (after an optional timestamp), after sentence punctuation, or
// after a wide gap. prefix is where the turn's line prefix begins.
func labelBoundary(text string, k int) (bool, int) {
	j := k
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == 0 || text[j-1] == '\n' || text[j-1] == '\r' {
		return true, j
	}
	// A timestamp before the label: [00:01:23], (0:01), 00:01:23, 12:01 -
	t := j
	if text[t-1] == ']' || text[t-1] == ')' {
		open := strings.LastIndexAny(text[:t-1], "[(")
		if open >= 0 && t-1-open <= 24 && isTimestamp(text[open+1:t-1]) {
			t = open
		}
	} else {
		s := t
		for s > 0 && (text[s-1] >= '0' && text[s-1] <= '9' || text[s-1] == ':' || text[s-1] == '.' || text[s-1] == ',') {
			s--
		}
		if s < t && isTimestamp(text[s:t]) {
			t = s
		}
	}
	if t != j {
		for t > 0 && (text[t-1] == ' ' || text[t-1] == '\t') {
			t--
		}
		return true, t
	}
	switch text[j-1] {
	case '.', '!', '?', '"', ')', ']', '>', '|':
		return j < k, k
	}
	if strings.HasSuffix(text[:j], "…") || strings.HasSuffix(text[:j], "”") {
		return j < k, k
	}
	return k-j >= 2, k
}

func isTimestamp(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || len(s) > 16 || strings.IndexByte(s, ':') < 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == ':' || c == '.' || c == ',') {
			return false
		}
	}
	return true
}

func skipSpace(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
		i++
	}
	return i
}

// Line reads one line of a live transcript as one turn: "Caller: go to
// anydesk dot com" gives the speaker "Caller" and the text after the
// label. A line without a label gives no speaker and the line itself.
// s must already be trimmed of surrounding space.
func Line(s string) (speaker, text string) {
	ts := Split(s)
	if len(ts) >= 1 && ts[0].Speaker != "" && ts[0].Start > 0 {
		// one line, one turn: the first label names the speaker
		return strings.TrimSpace(ts[0].Speaker), s[ts[0].Start:]
	}
	if k := strings.IndexByte(s, ':'); k > 0 && k <= 40 {
		lc := labelsBefore(s, k, k+1)
		for i := len(lc) - 1; i >= 0; i-- {
			if lc[i].boundary && acceptLabel(lc[i], 2) && strings.TrimSpace(s[lc[i].contentPos:]) != "" {
				return lc[i].label, s[lc[i].contentPos:]
			}
		}
	}
	return "", s
}
