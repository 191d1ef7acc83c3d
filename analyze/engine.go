package analyze

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/catalogue"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// MaxTextLen is the longest text Analyze accepts, in characters. A
// 30-minute call transcribed is about 40,000 characters; 200,000 leaves room
// for long notes and whole-day logs. Longer input gives ETOOLARGE.
const MaxTextLen = 200_000

// Deps are the optional services that enrich an analysis. Each may be nil:
// the core (normalising, indicators, the model) needs none of them, and the
// model's features never depend on them, so a score is the same with or
// without them. What they add are entities' facts and extra indicators
// marked with a Source.
type Deps struct {
	Numbers hangup.NumberService       // classifies phone numbers the caller gave
	Orgs    hangup.OrganisationMatcher // matches organisations the caller claimed
	Sites   hangup.SiteChecker         // checks web addresses the caller gave
	// Model overrides the model embedded in the binary (tests, experiments).
	Model *Model
}

// Engine analyses what was said on calls. It is immutable after New and
// safe for concurrent use.
type Engine struct {
	m         *matcher
	deps      Deps
	model     *Model
	weights   []float64 // aligned with featNames
	codes     []string  // unique indicator codes, catalogue order
	codeIndex map[string]int
	codeStage []int
	codeRule  []*rule
	codeElem  []catalogue.Element
	featNames []string
	pool      sync.Pool
}

var _ hangup.Analyzer = (*Engine)(nil)

var (
	compiledOnce sync.Once
	compiled     *matcher
	compileErr   error
)

// sharedMatcher compiles the catalogue once per process.
func sharedMatcher() (*matcher, error) {
	compiledOnce.Do(func() { compiled, compileErr = newMatcher(catalogue.Concepts, catalogue.Rules) })
	return compiled, compileErr
}

// New returns an Engine using the embedded model unless d.Model is set.
// It fails if the model does not fit the indicator catalogue (run
// `hangup train` after changing the catalogue).
func New(d Deps) (*Engine, error) {
	model := d.Model
	if model == nil {
		var err error
		if model, err = EmbeddedModel(); err != nil {
			return nil, err
		}
	}
	e, err := newEngine(d, model)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// newEngine builds an engine; model may be nil for feature extraction only
// (training).
func newEngine(d Deps, model *Model) (*Engine, error) {
	m, err := sharedMatcher()
	if err != nil {
		return nil, err
	}
	e := &Engine{m: m, deps: d, model: model, codeIndex: map[string]int{}}
	for i := range m.rules {
		r := &m.rules[i]
		if _, ok := e.codeIndex[r.Code]; ok {
			continue
		}
		e.codeIndex[r.Code] = len(e.codes)
		e.codes = append(e.codes, r.Code)
		e.codeStage = append(e.codeStage, stageIndex(r.Stage))
		e.codeRule = append(e.codeRule, r)
		e.codeElem = append(e.codeElem, r.Element)
	}
	e.featNames = FeatureNames()
	e.pool.New = func() any { return &scratch{} }
	if model != nil {
		w, err := model.align(e.featNames)
		if err != nil {
			return nil, err
		}
		e.weights = w
	}
	return e, nil
}

// FeatureNames lists the model's input features in order: one per
// indicator code, one per stage, the number of distinct stages, stage pairs
// and the catalogue's weights summed. None is a word, an n-gram or a length:
// the model scores behaviour, not topics or style.
func FeatureNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range catalogue.Rules {
		if !seen[r.Code] {
			seen[r.Code] = true
			names = append(names, "code:"+r.Code)
		}
	}
	for _, s := range stageOrder {
		names = append(names, "stage:"+string(s))
	}
	names = append(names, "stages_distinct")
	for _, p := range stagePairs {
		names = append(names, "pair:"+string(stageOrder[p[0]])+string(stageOrder[p[1]]))
	}
	names = append(names, "prior_sum", "prior_max", "genuine_sum", "critical_n")
	for _, el := range catalogue.Elements {
		names = append(names, "elem:"+el.String())
	}
	names = append(names, "elems_n")
	for a := 0; a < len(catalogue.Elements); a++ {
		for b := a + 1; b < len(catalogue.Elements); b++ {
			names = append(names, "elems:"+catalogue.Elements[a].String()+"+"+catalogue.Elements[b].String())
		}
	}
	return names
}

// Codes returns the indicator codes of the catalogue with their stage and
// explanation template, for documentation and API clients.
func Codes() []CodeInfo {
	var out []CodeInfo
	seen := map[string]bool{}
	for _, r := range catalogue.Rules {
		if seen[r.Code] {
			continue
		}
		seen[r.Code] = true
		out = append(out, CodeInfo{Code: r.Code, Stage: r.Stage, Weight: r.Weight, Types: r.Types, Explanation: r.Explain})
	}
	return out
}

// CodeInfo describes one indicator code.
type CodeInfo struct {
	Code        string            `json:"code"`
	Stage       hangup.Stage      `json:"stage"`
	Weight      float64           `json:"weight"`
	Types       []hangup.ScamType `json:"types,omitempty"`
	Explanation string            `json:"explanation"`
}

// checkText validates text for analysis.
func checkText(text string) error {
	if len(text) > 4*MaxTextLen || utf8.RuneCountInString(text) > MaxTextLen {
		return &hangup.Error{Code: hangup.ETOOLARGE, Message: fmt.Sprintf("The text is too long to analyse: the limit is %d characters.", MaxTextLen)}
	}
	if strings.TrimSpace(text) == "" {
		return hangup.Invalid("There is no text to analyse.", hangup.FieldError{Field: "text", Message: "Paste the transcript or your notes about the call."})
	}
	if looksBinary(text) {
		return hangup.Invalid("This looks like a binary file, not text.", hangup.FieldError{Field: "text", Message: "Paste the words of the call as text."})
	}
	return nil
}

// looksBinary reports whether text is mostly not text: NUL bytes, many
// control characters or many invalid UTF-8 bytes.
func looksBinary(text string) bool {
	n := len(text)
	if n > 4096 {
		n = 4096
	}
	sample := text[:n]
	bad := 0
	for i := 0; i < len(sample); {
		r, size := utf8.DecodeRuneInString(sample[i:])
		switch {
		case r == 0:
			return true
		case r == utf8.RuneError && size == 1:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		}
		i += size
	}
	return bad*10 > len(sample) // more than 10% garbage
}

// Analyze analyses a transcript or a person's notes about a call. Speaker
// labels of any kind, or none, are accepted. Returns EINVALID for empty or
// binary input and ETOOLARGE past MaxTextLen characters.
func (e *Engine) Analyze(ctx context.Context, text string) (*hangup.Analysis, error) {
	if err := checkText(text); err != nil {
		return nil, err
	}
	if e.model == nil {
		return nil, hangup.Errorf(hangup.EINTERNAL, "analyze: engine has no model")
	}
	st, err := e.run(ctx, text)
	if err != nil {
		return nil, err
	}
	return e.result(st), nil
}

// run feeds the turns of text through a fresh call state.
func (e *Engine) run(ctx context.Context, text string) (*callState, error) {
	sc := e.pool.Get().(*scratch)
	defer e.pool.Put(sc)
	st := newCallState(e)
	rc := &runeCounter{doc: text, ascii: isASCII(text)}
	for i, t := range turns.Split(text) {
		if i%64 == 63 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		st.addTurn(text, t.Start, t.End, t.Speaker, sc, rc)
	}
	return st, nil
}

// score returns the score and verdict for the state: the model's
// calibrated probability, kept within the bounds of the evidence (floor.go).
func (e *Engine) score(st *callState) (float64, hangup.Verdict) {
	var buf [256]float64
	x := st.features(buf[:0])
	b, _ := st.bounds()
	return e.model.Decide(e.model.prob(e.weights, x), b)
}

// result assembles the Analysis of a finished state.
func (e *Engine) result(st *callState) *hangup.Analysis {
	p, v := e.score(st)
	// Looked-up facts (a lookalike website, a remote-access site) can raise a
	// clean verdict to suspicious; they never change the score.
	if v == hangup.VerdictNotScam {
		for _, in := range st.indicators {
			if in.Source != "" && in.Weight >= 0.8 {
				v = hangup.VerdictSuspicious
				break
			}
		}
	}
	a := &hangup.Analysis{
		Verdict:    v,
		Score:      round3(p),
		Indicators: st.indicators,
		Entities:   st.entities,
		Turns:      st.turns,
		Truncated:  st.truncated,
		Stages:     []hangup.Stage{},
		Reasons:    []hangup.Reason{},
	}
	if a.Indicators == nil {
		a.Indicators = []hangup.Indicator{}
	}
	if a.Entities == nil {
		a.Entities = []hangup.Entity{}
	}
	if v != hangup.VerdictNotScam {
		a.ScamType = st.scamType()
	}
	seen := map[hangup.Stage]bool{}
	for _, in := range st.indicators {
		if in.Stage != hangup.StageGenuine && !seen[in.Stage] {
			seen[in.Stage] = true
		}
	}
	for _, s := range stageOrder {
		if seen[s] {
			a.Stages = append(a.Stages, s)
		}
	}
	a.Reasons = e.reasons(st, v)
	return a
}

// maxReasons is how many reasons an analysis lists.
const maxReasons = 5

// reasons picks the indicators that moved the score most: for a scam or
// suspicious verdict the combination the playbook's floor found first, then
// the strongest warning signs; for a genuine call the reassuring signs
// first.
func (e *Engine) reasons(st *callState, v hangup.Verdict) []hangup.Reason {
	type cand struct {
		in    *hangup.Indicator
		score float64
	}
	out := []hangup.Reason{}
	first := map[string]bool{}
	if v != hangup.VerdictNotScam {
		if floor, idx := st.floor(); floor != hangup.VerdictNotScam {
			if r, ok := combinationReason(st, floor, idx); ok {
				out = append(out, r)
			}
			for _, i := range idx {
				if i >= 0 {
					first[st.indicators[i].Code] = true
				}
			}
		}
	}
	var cs []cand
	seen := map[string]bool{}
	for i := range st.indicators {
		in := &st.indicators[i]
		if seen[in.Code] {
			continue
		}
		seen[in.Code] = true
		w := in.Weight
		if ci, ok := e.codeIndex[in.Code]; ok && e.weights != nil {
			w = in.Weight * (1 + e.weights[ci])
		}
		if first[in.Code] {
			w += 100
		}
		if in.Stage == hangup.StageGenuine {
			if v != hangup.VerdictNotScam {
				continue
			}
			w = 10 + in.Weight
		}
		cs = append(cs, cand{in, w})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	for _, c := range cs {
		if len(out) >= maxReasons {
			break
		}
		out = append(out, hangup.Reason{
			Code:     c.in.Code,
			Severity: severity(c.in),
			Message:  c.in.Explanation + " They said: “" + c.in.Evidence + "”.",
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity.Rank() > out[j].Severity.Rank() })
	return out
}

// CodeCombination is the reason code of the playbook's floor: a request
// made together with a pretext, a hook, pressure or a lure.
const CodeCombination = "playbook_combination"

// elementWords say what each element is, for people.
var elementWords = map[catalogue.Element]string{
	catalogue.Pretext:  "a claim to be someone official",
	catalogue.Hook:     "a threat, a problem or an offer that needs action",
	catalogue.Pressure: "pressure to act at once or keep it quiet",
	catalogue.Request:  "a request for money, details, codes or access",
	catalogue.Lure:     "an automated call, a pop-up or an unexpected message",
}

// combinationReason explains the floor in plain English, quoting the words
// of each element.
func combinationReason(st *callState, floor hangup.Verdict, idx []int) (hangup.Reason, bool) {
	var parts []string
	for _, i := range idx {
		if i < 0 {
			continue
		}
		in := &st.indicators[i]
		r := st.e.codeRule[st.e.codeIndex[in.Code]]
		parts = append(parts, elementWords[r.Element]+" (“"+in.Evidence+"”)")
	}
	if len(parts) < 2 {
		// a sure sign on its own explains itself
		return hangup.Reason{}, false
	}
	sev := hangup.SeverityMedium
	if floor == hangup.VerdictScam {
		sev = hangup.SeverityHigh
	}
	msg := "The call put together " + joinAnd(parts) + ". Together, that is how scam calls work, whoever the caller says they are."
	return hangup.Reason{Code: CodeCombination, Severity: sev, Message: msg}, true
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func severity(in *hangup.Indicator) hangup.Severity {
	switch {
	case in.Stage == hangup.StageGenuine:
		return hangup.SeverityInfo
	case in.Weight >= 0.8:
		return hangup.SeverityHigh
	case in.Weight >= 0.5:
		return hangup.SeverityMedium
	}
	return hangup.SeverityLow
}
