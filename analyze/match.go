package analyze

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup/analyze/catalogue"
)

// Synthetic concepts: found by the extractors, not by phrases.
const (
	conceptPhone     = "PHONE"
	conceptDigitCode = "DIGITCODE"
	conceptDomain    = "DOMAIN"
	conceptAmount    = "AMOUNT"
	conceptGovDomain = "GOVDOMAIN"
)

// defaultGap is how many tokens may stand between two steps of a rule.
const defaultGap = 4

// negWindow is how many tokens may stand between a negation and the start of
// what it negates ("never ask you to install").
const negWindow = 3

type step struct {
	concepts []int16
	gap      int // tokens allowed between the previous step and this one
}

// rule is a compiled catalogue.Rule.
type rule struct {
	*catalogue.Rule
	id   int // index in catalogue.Rules
	alts [][]step
}

type ruleStart struct {
	rule int
	alt  int
}

// matcher holds the compiled catalogue: the lexicon trie and the rules
// indexed by the concept of their first step.
type matcher struct {
	lex     *lexicon
	rules   []rule
	byCode  map[string]int
	byFirst [][]ruleStart // indexed by concept
	neg     int16
	negx    int16
	never   int16
	person  int16
	synth   map[string]int16
}

// newMatcher compiles the catalogue.
func newMatcher(entries []catalogue.Concept, defs []catalogue.Rule) (*matcher, error) {
	all := append([]catalogue.Concept(nil), entries...)
	// Literal steps in rules become anonymous concepts.
	lits := map[string]string{}
	for _, d := range defs {
		for _, alt := range strings.Split(d.Pattern, "||") {
			for _, f := range strings.Fields(alt) {
				_ = f
			}
			for _, lit := range literals(alt) {
				if _, ok := lits[lit]; !ok {
					name := "lit:" + lit
					lits[lit] = name
					all = append(all, catalogue.Concept{Name: name, Phrases: []string{strings.ReplaceAll(lit, "|", ";")}})
				}
			}
		}
	}
	lx, err := newLexicon(all)
	if err != nil {
		return nil, err
	}
	m := &matcher{lex: lx, byCode: map[string]int{}, synth: map[string]int16{}}
	for _, s := range []string{conceptPhone, conceptDigitCode, conceptDomain, conceptAmount, conceptGovDomain} {
		m.synth[s] = lx.concept(s)
	}
	m.neg, m.negx, m.person, m.never = lx.byName["NEG"], lx.byName["NEGX"], lx.byName["PERSONCUE"], lx.byName["NEVERASK"]
	for i := range defs {
		d := &defs[i]
		r := rule{Rule: d, id: i}
		for _, alt := range strings.Split(d.Pattern, "||") {
			steps, err := m.compileAlt(alt)
			if err != nil {
				return nil, fmt.Errorf("analyze: rule %s: %w", d.Code, err)
			}
			r.alts = append(r.alts, steps)
		}
		if _, ok := m.byCode[d.Code]; ok {
			// one code, one rule: a second rule of the same code would
			// share its feature weight and its explanation unseen
			return nil, fmt.Errorf("analyze: rule %s: the code is used by an earlier rule: add the pattern there", d.Code)
		}
		m.byCode[d.Code] = len(m.rules)
		m.rules = append(m.rules, r)
	}
	for _, r := range m.rules {
		if r.OnNeg != "" {
			if _, ok := m.byCode[r.OnNeg]; !ok {
				return nil, fmt.Errorf("analyze: rule %s: negated code %s is no rule", r.Code, r.OnNeg)
			}
		}
	}
	m.byFirst = make([][]ruleStart, len(lx.names))
	for ri, r := range m.rules {
		for ai, alt := range r.alts {
			for _, c := range alt[0].concepts {
				m.byFirst[c] = append(m.byFirst[c], ruleStart{rule: ri, alt: ai})
			}
		}
	}
	return m, nil
}

// literals returns the bracketed literal steps of a pattern.
func literals(p string) []string {
	var out []string
	for {
		i := strings.IndexByte(p, '[')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(p[i:], ']')
		if j < 0 {
			return out
		}
		out = append(out, p[i+1:i+j])
		p = p[i+j+1:]
	}
}

func (m *matcher) compileAlt(alt string) ([]step, error) {
	// Protect spaces inside literals before splitting into fields.
	var b strings.Builder
	depth := 0
	for _, r := range alt {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == ' ' && depth > 0:
			r = '\x00'
		}
		b.WriteRune(r)
	}
	var steps []step
	gap := defaultGap
	for _, f := range strings.Fields(b.String()) {
		f = strings.ReplaceAll(f, "\x00", " ")
		if strings.HasPrefix(f, "~") {
			n, err := strconv.Atoi(f[1:])
			if err != nil || n < 0 || n > 30 {
				return nil, fmt.Errorf("bad gap %q", f)
			}
			gap = n
			continue
		}
		var st step
		st.gap = gap
		gap = defaultGap
		if strings.HasPrefix(f, "[") {
			c, ok := m.lex.byName["lit:"+strings.Trim(f, "[]")]
			if !ok {
				return nil, fmt.Errorf("literal %s not compiled", f)
			}
			st.concepts = []int16{c}
		} else {
			for _, name := range strings.Split(f, "|") {
				c, ok := m.lex.byName[name]
				if !ok {
					return nil, fmt.Errorf("unknown concept %q", name)
				}
				st.concepts = append(st.concepts, c)
			}
		}
		steps = append(steps, st)
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	return steps, nil
}

// ruleMatch is one rule matched in one turn: tokens [from, to).
type ruleMatch struct {
	rule    int
	from    int32
	to      int32
	canon   string
	negated bool
	// never is set when the negation was a "never" statement ("we will
	// never ask you to…"): only then does a negated request count as
	// genuine behaviour; a plain "not" just drops it.
	never bool
}

// matchScratch holds per-goroutine buffers for matching.
type matchScratch struct {
	byConcept [][]int32 // hit indices per concept
	touched   []int16
	matches   []ruleMatch
}

// matchRules finds the rules matched by hits over tokens ts. hits must be
// sorted by start.
func (m *matcher) matchRules(ts []token, hits []hit, sc *matchScratch) []ruleMatch {
	if len(sc.byConcept) < len(m.lex.names) {
		sc.byConcept = make([][]int32, len(m.lex.names))
	}
	for _, c := range sc.touched {
		sc.byConcept[c] = sc.byConcept[c][:0]
	}
	sc.touched = sc.touched[:0]
	for i, h := range hits {
		if len(sc.byConcept[h.concept]) == 0 {
			sc.touched = append(sc.touched, h.concept)
		}
		sc.byConcept[h.concept] = append(sc.byConcept[h.concept], int32(i))
	}
	out := sc.matches[:0]
	for hi, h := range hits {
		for _, rs := range m.byFirst[h.concept] {
			r := &m.rules[rs.rule]
			alt := r.alts[rs.alt]
			to := h.to
			canon := h.canon
			ok := true
			for _, st := range alt[1:] {
				best := int32(-1)
				for _, c := range st.concepts {
					for _, k := range sc.byConcept[c] {
						n := hits[k]
						if n.from < to {
							continue
						}
						if n.from > to+int32(st.gap) {
							break
						}
						if best < 0 || n.from < hits[best].from || n.from == hits[best].from && n.to > hits[best].to {
							best = k
						}
						break
					}
				}
				if best < 0 {
					ok = false
					break
				}
				to = hits[best].to
				if canon == "" {
					canon = hits[best].canon
				}
			}
			if !ok {
				continue
			}
			_ = hi
			// one match per rule per overlapping span; a later, tighter match
			// ending no further replaces a loose one ("your internet provider
			// that your computer has a virus" → "your computer has a virus")
			dup := false
			for k := len(out) - 1; k >= 0; k-- {
				if out[k].rule == rs.rule && out[k].to > h.from {
					if to <= out[k].to {
						out[k] = ruleMatch{rule: rs.rule, from: h.from, to: to, canon: canon}
					}
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			out = append(out, ruleMatch{rule: rs.rule, from: h.from, to: to, canon: canon})
		}
	}
	// Negation: a negation cue just before a match or between its steps, in
	// the same clause, or a "we will never ask you to" shortly before.
	for i := range out {
		r := &m.rules[out[i].rule]
		if r.NoNeg {
			continue
		}
		neg, never := m.negatedAt(ts, hits, sc, r, out[i].from, out[i].to)
		if m.neverBefore(ts, hits, sc, out[i].from) {
			neg, never = true, true
		}
		out[i].negated, out[i].never = neg, never
	}
	// A negated match silences weaker matches inside it ("we will never ask
	// you to install AnyDesk" is no AnyDesk mention); a match inside a
	// stronger match of the same stage and playbook element is left out for
	// clarity (matches of different elements are all kept: the floor needs them).
	keep := out[:0]
	for i, a := range out {
		drop := false
		for j, b := range out {
			if i == j || a.from < b.from || a.to > b.to {
				continue
			}
			if b.negated && !a.negated {
				drop = true
				break
			}
			ra, rb := &m.rules[a.rule], &m.rules[b.rule]
			if ra.Stage == rb.Stage && ra.Element == rb.Element && !a.negated && !b.negated && (rb.Weight > ra.Weight || rb.Weight == ra.Weight && (b.to-b.from > a.to-a.from || j < i)) && ra.Code != rb.Code {
				drop = true
				break
			}
		}
		if !drop {
			keep = append(keep, a)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return keep[i].from < keep[j].from })
	sc.matches = keep
	return keep
}

// negatedAt reports whether a negation cue ends at most negWindow tokens
// before token from, with no clause boundary between, and is not part of an
// idiom that does not negate ("why don't you", "don't worry").
func (m *matcher) negatedAt(ts []token, hits []hit, sc *matchScratch, r *rule, from, to int32) (negated, never bool) {
	// A polite request starts a clause of its own: "my card hasn't arrived
	// can you transfer 800" negates nothing after "can".
	politeStart := politeWords[ts[from].text]
	for _, k := range sc.byConcept[m.neg] {
		n := hits[k]
		if n.from >= to-1 {
			break
		}
		if n.to <= from && (from-n.to > negWindow || politeStart) {
			continue
		}
		if n.to > from {
			// a negation inside the match ("please don't share your
			// password"), unless it belongs to the rule's own words ("no
			// risk", "don't tell mum")
			if !m.idiom(hits, sc, n) && !ownWords(hits, r, n) {
				return true, ts[n.from].text == "never"
			}
			continue
		}
		boundary := false
		for t := n.to; t < from; t++ {
			if ts[t].kind == tkStop || ts[t].kind == tkComma || ts[t].text == "but" {
				boundary = true
				break
			}
			// Speech-to-text has no full stops: a new "I" or "we" after
			// the negated words starts a clause of its own ("we can't
			// release it I just need your card number").
			if t > n.to && (ts[t].text == "i" || ts[t].text == "we") {
				boundary = true
				break
			}
		}
		if boundary {
			continue
		}
		if !m.idiom(hits, sc, n) {
			return true, ts[n.from].text == "never"
		}
	}
	return false, false
}

// politeWords open a request: a negation before them belongs to another
// clause.
var politeWords = map[string]bool{"can": true, "could": true, "please": true, "would": true, "kindly": true}

// ownWords reports whether negation hit n lies inside a hit of one of the
// concepts of rule r's steps.
func ownWords(hits []hit, r *rule, n hit) bool {
	for _, h := range hits {
		if h.from > n.from {
			break
		}
		if h.to < n.to {
			continue
		}
		for _, alt := range r.alts {
			for _, st := range alt {
				for _, c := range st.concepts {
					if c == h.concept {
						return true
					}
				}
			}
		}
	}
	return false
}

// idiom reports whether negation hit n is part of an idiom that does not
// negate ("why don't you", "don't worry").
func (m *matcher) idiom(hits []hit, sc *matchScratch, n hit) bool {
	for _, x := range sc.byConcept[m.negx] {
		h := hits[x]
		if h.from <= n.from && h.to >= n.to {
			return true
		}
	}
	return false
}

// neverWindow is how far a "we will never ask you to" reaches forward.
const neverWindow = 10

// neverBefore reports whether a genuine organisation's "never" statement
// ("the bank would never call and ask you to move money to a safe account")
// ends shortly before token from, in the same sentence.
func (m *matcher) neverBefore(ts []token, hits []hit, sc *matchScratch, from int32) bool {
	for _, k := range sc.byConcept[m.never] {
		n := hits[k]
		if n.to > from {
			break
		}
		if from-n.to > neverWindow {
			continue
		}
		stop := false
		for t := n.to; t < from; t++ {
			if ts[t].kind == tkStop {
				stop = true
				break
			}
		}
		if !stop {
			return true
		}
	}
	return false
}
