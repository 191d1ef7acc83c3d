package analyze

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hangup-org/hangup/analyze/catalogue"
)

// The lexicon maps phrases to concepts ("anydesk", "any desk" → RTOOL with
// the canonical name AnyDesk). All phrases live in one token-level trie,
// built once at load: matching a text walks the trie from each token, so the
// cost grows with the text, not with the number of phrases. Phrases are
// normalised by the same tokenizer as the text, so "don't" in a phrase and
// "dont" in speech-to-text output meet as "do not".

// numWildcard is the vocabulary id of "#num", a slot matching any number.
const numWildcard int32 = 0

// trieNode is one node of the phrase trie.
type trieNode struct {
	kids []trieEdge // sorted by id; the root uses rootKids instead
	num  int32      // child for any number token, or -1
	outs []phraseOut
}

type trieEdge struct {
	id    int32
	child int32
}

// phraseOut is a concept a phrase ending at a node belongs to.
type phraseOut struct {
	concept int16
	canon   string // the canonical value ("AnyDesk"), or ""
}

// lexicon is the compiled phrase trie and the concept names.
type lexicon struct {
	vocab    map[string]int32
	names    []string
	byName   map[string]int16
	nodes    []trieNode
	rootKids []int32 // indexed by vocabulary id
	next     int32   // the next free vocabulary id
}

// newLexicon compiles entries. It fails on malformed entries: the lexicon is
// code, and a typo must stop the program at start-up, not silently match
// nothing.
func newLexicon(entries []catalogue.Concept) (*lexicon, error) {
	lx := &lexicon{vocab: map[string]int32{"#num": numWildcard}, byName: map[string]int16{}, next: numWildcard + 1}
	lx.nodes = append(lx.nodes, trieNode{num: -1})
	z := &tokenizer{}
	type phrase struct {
		seq []string
		out phraseOut
	}
	var phrases []phrase
	words := map[string]bool{}
	for _, e := range entries {
		c := lx.concept(e.Name)
		seen := map[string]bool{}
		for _, line := range e.Phrases {
			canon := ""
			if k := strings.IndexByte(line, '='); k >= 0 {
				canon, line = strings.TrimSpace(line[:k]), line[k+1:]
			}
			for _, ph := range strings.Split(line, ";") {
				ph = strings.TrimSpace(ph)
				if ph == "" {
					continue
				}
				if seen[ph] {
					// a phrase written twice hides which name it is
					// quoted by (the first wins) and grows the trie
					return nil, fmt.Errorf("analyze: lexicon %s: %q is written twice", e.Name, ph)
				}
				seen[ph] = true
				seqs, err := expandPhrase(z, ph)
				if err != nil {
					return nil, fmt.Errorf("analyze: lexicon %s: %q: %w", e.Name, ph, err)
				}
				seqs = otherPersons(seqs, reportedSpeech[e.Name], firstPersonReported[e.Name])
				for _, seq := range seqs {
					cn := canon
					if cn == "" && namedByPhrase[e.Name] {
						cn = titlePhrase(seq)
					}
					for _, w := range seq {
						words[w] = true
					}
					phrases = append(phrases, phrase{seq, phraseOut{concept: c, canon: cn}})
				}
			}
		}
	}
	// Inflections of one word share one vocabulary id ("send", "sends",
	// "sending"; "cancel", "cancelled", "canceled"): a phrase written with
	// one form matches the others.
	base := lemmas(words)
	sorted := make([]string, 0, len(words))
	for w := range words {
		sorted = append(sorted, w)
	}
	sort.Strings(sorted)
	for _, w := range sorted {
		lx.vocab[w] = lx.word(base[w])
	}
	for _, p := range phrases {
		lx.insert(p.seq, p.out)
	}
	lx.rootKids = make([]int32, lx.next)
	for i := range lx.rootKids {
		lx.rootKids[i] = -1
	}
	for _, e := range lx.nodes[0].kids {
		lx.rootKids[e.id] = e.child
	}
	return lx, nil
}

// concept returns the id of a concept, creating it.
func (lx *lexicon) concept(name string) int16 {
	if c, ok := lx.byName[name]; ok {
		return c
	}
	c := int16(len(lx.names))
	lx.names = append(lx.names, name)
	lx.byName[name] = c
	return c
}

func (lx *lexicon) word(w string) int32 {
	if id, ok := lx.vocab[w]; ok {
		return id
	}
	id := lx.next
	lx.next++
	lx.vocab[w] = id
	return id
}

func (lx *lexicon) insert(seq []string, out phraseOut) {
	n := int32(0)
	for _, w := range seq {
		id := lx.word(w)
		if id == numWildcard {
			if lx.nodes[n].num < 0 {
				lx.nodes = append(lx.nodes, trieNode{num: -1})
				lx.nodes[n].num = int32(len(lx.nodes) - 1)
			}
			n = lx.nodes[n].num
			continue
		}
		kids := lx.nodes[n].kids
		k := sort.Search(len(kids), func(i int) bool { return kids[i].id >= id })
		if k < len(kids) && kids[k].id == id {
			n = kids[k].child
			continue
		}
		lx.nodes = append(lx.nodes, trieNode{num: -1})
		child := int32(len(lx.nodes) - 1)
		kids = append(kids, trieEdge{})
		copy(kids[k+1:], kids[k:])
		kids[k] = trieEdge{id: id, child: child}
		lx.nodes[n].kids = kids
		n = child
	}
	for _, o := range lx.nodes[n].outs {
		if o.concept == out.concept {
			return
		}
	}
	lx.nodes[n].outs = append(lx.nodes[n].outs, out)
}

// expandPhrase turns a phrase with slots into token sequences.
func expandPhrase(z *tokenizer, ph string) ([][]string, error) {
	seqs := [][]string{nil}
	for _, slot := range strings.Fields(ph) {
		optional := strings.HasSuffix(slot, "?") && len(slot) > 1
		if optional {
			slot = slot[:len(slot)-1]
		}
		var alts [][]string
		for _, a := range strings.Split(slot, "|") {
			if a == "" {
				return nil, fmt.Errorf("empty alternative in %q", slot)
			}
			if a == "#num" {
				alts = append(alts, []string{"#num"})
				continue
			}
			a = strings.ReplaceAll(a, "_", " ")
			toks := z.tokenize(a, 0, len(a), nil)
			var ws []string
			for _, t := range toks {
				if t.kind == tkComma {
					continue
				}
				ws = append(ws, t.text)
			}
			if len(ws) == 0 {
				return nil, fmt.Errorf("alternative %q has no words", a)
			}
			alts = append(alts, ws)
		}
		if optional {
			alts = append(alts, nil)
		}
		var next [][]string
		for _, s := range seqs {
			for _, a := range alts {
				n := make([]string, 0, len(s)+len(a))
				n = append(append(n, s...), a...)
				next = append(next, n)
			}
		}
		if len(next) > 4096 {
			return nil, fmt.Errorf("expands to more than 4096 phrases")
		}
		seqs = next
	}
	var out [][]string
	for _, s := range seqs {
		if len(s) > 0 {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no words")
	}
	return out, nil
}

// namedByPhrase lists concepts whose phrases name something by themselves
// ("windows technical department"): a match without a canonical name is
// called by its own words in explanations.
var namedByPhrase = map[string]bool{"TECHDEPT": true}

// titlePhrase capitalises the words of a phrase: "the Windows Technical
// Department".
func titlePhrase(seq []string) string {
	var b strings.Builder
	b.WriteString("the")
	for _, w := range seq {
		if w == "#num" {
			return ""
		}
		b.WriteByte(' ')
		if w == "it" || w == "pc" {
			b.WriteString(strings.ToUpper(w))
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// hit is one concept found in a token sequence: tokens [from, to).
type hit struct {
	concept int16
	from    int32
	to      int32
	canon   string
}

// assignIDs sets the vocabulary id of each token.
func (lx *lexicon) assignIDs(ts []token) {
	for i := range ts {
		t := &ts[i]
		if t.kind == tkNum {
			t.id = numWildcard
			if id, ok := lx.vocab[t.text]; ok {
				t.id = id
			}
			continue
		}
		if id, ok := lx.vocab[t.text]; ok {
			t.id = id
		} else {
			t.id = lx.inflected(t.text)
		}
	}
}

// match appends the concepts found in ts to hits: at each start token, every
// phrase of the trie that matches there, the longest per concept.
func (lx *lexicon) match(ts []token, hits []hit) []hit {
	for i := range ts {
		hits = lx.walk(ts, i, 0, i, hits)
	}
	return hits
}

// walk follows the trie from node n at token j for a phrase that started at
// token i. Number tokens follow both their literal edge and the #num edge.
func (lx *lexicon) walk(ts []token, i int, n int32, j int, hits []hit) []hit {
	for j < len(ts) {
		t := ts[j]
		var child int32 = -1
		if t.id > 0 {
			if n == 0 {
				child = lx.rootKids[t.id]
			} else {
				kids := lx.nodes[n].kids
				for _, e := range kids {
					if e.id == t.id {
						child = e.child
						break
					}
					if e.id > t.id {
						break
					}
				}
			}
		}
		if t.kind == tkNum && lx.nodes[n].num >= 0 {
			if child >= 0 {
				// both paths are possible: explore the wildcard one separately
				hits = lx.emit(lx.nodes[n].num, i, j+1, hits)
				hits = lx.walk(ts, i, lx.nodes[n].num, j+1, hits)
			} else {
				child = lx.nodes[n].num
			}
		}
		if child < 0 {
			return hits
		}
		n = child
		j++
		hits = lx.emit(n, i, j, hits)
	}
	return hits
}

func (lx *lexicon) emit(n int32, i, j int, hits []hit) []hit {
	for _, o := range lx.nodes[n].outs {
		// keep the longest match per concept and start
		replaced := false
		for k := len(hits) - 1; k >= 0 && hits[k].from == int32(i); k-- {
			if hits[k].concept == o.concept {
				if hits[k].to < int32(j) {
					hits[k].to = int32(j)
					hits[k].canon = o.canon
				}
				replaced = true
				break
			}
		}
		if !replaced {
			hits = append(hits, hit{concept: o.concept, from: int32(i), to: int32(j), canon: o.canon})
		}
	}
	return hits
}
