package analyze

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/catalogue"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// TrainConfig configures Train and HoldOut.
type TrainConfig struct {
	// Data is the directory of labelled examples (see LoadExamples), e.g.
	// data/training.
	Data string
	// Seed makes augmentation and fold assignment reproducible. Default 1.
	Seed uint64
	// L2 is the ridge penalty on the general features (stages, pairs,
	// totals). Default 1.
	L2 float64
	// CodeL2 is the ridge penalty on the per-indicator features. It is
	// higher than L2 so that the model leans on type-agnostic evidence and
	// carries over to scam types it has not seen. Default 15.
	CodeL2 float64
	// Folds is the number of cross-validation folds for calibration and
	// evaluation. Default 5.
	Folds int
	// NoAugment turns off the style variants (no labels, speech-to-text,
	// other labels, caller only).
	NoAugment bool
	// SourceWeight weights each source so that every source counts as much
	// as the largest one in the fit. Default on; set NoSourceWeight to
	// weigh every example the same.
	NoSourceWeight bool
}

func (c *TrainConfig) defaults() {
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.L2 == 0 {
		c.L2 = 1
	}
	if c.CodeL2 == 0 {
		c.CodeL2 = 15
	}
	if c.Folds < 2 {
		c.Folds = 5
	}
}

// TrainReport describes a training run.
type TrainReport struct {
	Examples  int            `json:"examples"`  // texts loaded
	Augmented int            `json:"augmented"` // texts after style variants
	Sources   map[string]int `json:"sources"`   // texts per source, before augmentation
	Features  int            `json:"features"`
	Duration  time.Duration  `json:"duration_ns"`
	// InSample is the model's own fit on all data: a sanity check, not an
	// estimate of real performance (see HoldOut).
	InSample Metrics `json:"in_sample"`
	// TopWeights are the largest weights, for reading what the model learnt.
	TopWeights []FeatureWeight `json:"top_weights"`
}

// FeatureWeight is one learnt weight.
type FeatureWeight struct {
	Feature string  `json:"feature"`
	Weight  float64 `json:"weight"`
}

// featurized is one example turned into model input.
type featurized struct {
	ex   *Example
	x    sparse
	scam float64
	// for earliness: per-turn snapshots of scam dialogues
	turns    []sparse
	critical []bool // the turn raised a critical indicator from the caller's side
	request  int    // first turn with a request for access, payment or bank access; -1 none
}

// requestCodes are the indicators of the requests that come right before
// the loss: remote access, payment, bank access (stages S2, S6, S7).
var requestCodes = map[string]bool{
	"remote_tool_install": true, "remote_access_request": true, "access_code_request": true,
	"gift_card_payment": true, "crypto_payment": true, "wire_transfer_request": true, "cash_withdrawal_request": true,
	"courier_collection": true, "cash_in_post": true, "card_details_request": true, "secret_request": true,
	"otp_request": true, "bank_login_request": true, "safe_account": true, "move_money_request": true,
	"money_request": true, "upfront_fee": true, "delivery_fee_request": true, "identity_number_request": true, "buy_gold": true,
}

// featurize runs every example through the analysis pipeline in parallel.
// Results do not depend on the number of workers.
func featurize(e *Engine, exs []Example, withTurns bool) []featurized {
	out := make([]featurized, len(exs))
	var wg sync.WaitGroup
	next := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for i := range next {
				ex := &exs[i]
				f := featurized{ex: ex, request: -1}
				if ex.Scam {
					f.scam = 1
				}
				if checkText(ex.Text) != nil {
					out[i] = f
					continue
				}
				st := newCallState(e)
				rc := &runeCounter{doc: ex.Text, ascii: isASCII(ex.Text)}
				turns := turns.Split(ex.Text)
				snap := withTurns && ex.Scam && len(turns) >= 2
				var buf []float64
				for ti, t := range turns {
					before := len(st.indicators)
					st.addTurn(ex.Text, t.Start, t.End, t.Speaker, sc, rc)
					if snap {
						buf = st.features(buf)
						f.turns = append(f.turns, toSparse(buf))
						crit := false
						for _, in := range st.indicators[before:] {
							if r := e.codeRule[e.codeIndex[in.Code]]; r.Critical && in.Weight >= r.Weight && in.Source == "" {
								crit = true
							}
							if f.request < 0 && requestCodes[in.Code] {
								f.request = ti
							}
						}
						f.critical = append(f.critical, crit)
					}
				}
				buf = st.features(buf)
				f.x = toSparse(buf)
				out[i] = f
			}
		}()
	}
	for i := range exs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// foldOf assigns a group to one of k folds, reproducibly.
func foldOf(group string, seed uint64, k int) int {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s", seed, group)
	return int(h.Sum64() % uint64(k))
}

// sourceWeights gives each example a weight so that every source weighs as
// much as the largest: the hand-written calls are few, but they are the
// only genuine calls that talk about accounts, passwords and software.
func sourceWeights(fs []featurized, on bool) []float64 {
	w := make([]float64, len(fs))
	count := map[string]float64{}
	for _, f := range fs {
		count[f.ex.Source]++
	}
	most := 0.0
	for _, c := range count {
		most = math.Max(most, c)
	}
	for i, f := range fs {
		w[i] = 1
		if on {
			w[i] = math.Min(most/count[f.ex.Source], 10)
		}
	}
	return w
}

// fit trains a model on fs; calibrate fits Platt scaling on out-of-fold
// scores (costs folds extra fits).
func fit(fs []featurized, names []string, cfg TrainConfig, calibrate bool) *Model {
	X := make([]sparse, len(fs))
	y := make([]float64, len(fs))
	for i, f := range fs {
		X[i], y[i] = f.x, f.scam
	}
	sw := sourceWeights(fs, !cfg.NoSourceWeight)
	l2 := penalties(names, cfg)
	w, b := fitSigned(X, names, y, sw, l2)
	m := &Model{Version: 1, Features: names, Weights: w, Bias: b, PlattA: 1, L2: cfg.L2, Seed: int64(cfg.Seed),
		ScamThreshold: DefaultScamThreshold, SuspiciousThreshold: DefaultSuspiciousThreshold, WarnThreshold: DefaultWarnThreshold}
	if !calibrate {
		return m
	}
	z := make([]float64, len(fs))
	for k := 0; k < cfg.Folds; k++ {
		var tx []sparse
		var ty, tw []float64
		for i, f := range fs {
			if foldOf(f.ex.Group, cfg.Seed, cfg.Folds) != k {
				tx, ty, tw = append(tx, X[i]), append(ty, y[i]), append(tw, sw[i])
			}
		}
		fw, fb := fitSigned(tx, names, ty, tw, l2)
		for i, f := range fs {
			if foldOf(f.ex.Group, cfg.Seed, cfg.Folds) == k {
				z[i] = fb + X[i].dot(fw)
			}
		}
	}
	m.PlattA, m.PlattB = fitPlatt(z, y)
	return m
}

// featureSign says which way a feature may push the score: scam behaviour
// only towards scam (+1), genuine behaviour only towards genuine (-1). A
// learnt weight against its sign is a quirk of the training data (the same
// words in long synthetic scam calls), not knowledge, so it is held at 0.
func featureSign(name string) float64 {
	switch {
	case name == "genuine_sum", name == "stage:G":
		return -1
	case strings.HasPrefix(name, "code:"):
		if r, ok := catalogue.RuleByCode(strings.TrimPrefix(name, "code:")); ok && r.Stage == hangup.StageGenuine {
			return -1
		}
	}
	return 1
}

// fitSigned fits the logistic model with each weight held to its sign: an
// active set of features whose weights came out against their sign is
// pinned at zero (by an overwhelming penalty) and the model refitted, until
// no weight breaks its sign.
func fitSigned(X []sparse, names []string, y, sw, l2 []float64) ([]float64, float64) {
	pen := append([]float64(nil), l2...)
	sign := make([]float64, len(names))
	for i, n := range names {
		sign[i] = featureSign(n)
	}
	prior := priors(names)
	var w []float64
	var b float64
	for round := 0; round < 12; round++ {
		w, b = fitLogistic(X, len(names), y, sw, pen, prior, 30)
		changed := false
		for i := range w {
			if w[i]*sign[i] < -1e-6 && pen[i] < 1e8 {
				pen[i], prior[i] = 1e9, 0
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for i := range w {
		if pen[i] >= 1e8 {
			w[i] = 0
		}
	}
	return w, b
}

// priorScale turns a catalogue weight (0..1) into the prior of its code's
// logistic weight.
const priorScale = 3.0

// priors is where the ridge penalty pulls each weight: for an indicator
// code, its catalogue weight times priorScale (negative for genuine
// behaviour); zero for the other features. Without data against it, the
// model keeps what the catalogue says: gift cards, safe accounts and
// coached lies stay strong even though the synthetic genuine calls mention
// them, and a scam type missing from the training data is still scored by
// its indicators.
func priors(names []string) []float64 {
	p := make([]float64, len(names))
	for i, n := range names {
		if !strings.HasPrefix(n, "code:") {
			continue
		}
		if r, ok := catalogue.RuleByCode(strings.TrimPrefix(n, "code:")); ok {
			p[i] = priorScale * r.Weight * featureSign(n)
		}
	}
	return p
}

// penalties returns the L2 penalty of each feature.
func penalties(names []string, cfg TrainConfig) []float64 {
	l2 := make([]float64, len(names))
	for i, n := range names {
		l2[i] = cfg.L2
		if strings.HasPrefix(n, "code:") {
			l2[i] = cfg.CodeL2
		}
	}
	return l2
}

// loadTraining loads and augments the training data.
func loadTraining(cfg TrainConfig) ([]Example, map[string]int, int, error) {
	exs, err := LoadExamplesPath(cfg.Data)
	if err != nil {
		return nil, nil, 0, err
	}
	if len(exs) == 0 {
		return nil, nil, 0, hangup.Errorf(hangup.EINVALID, "no labelled examples under %s", cfg.Data)
	}
	sources := map[string]int{}
	for _, ex := range exs {
		sources[ex.Source]++
	}
	n := len(exs)
	if !cfg.NoAugment {
		exs = Augment(exs, cfg.Seed)
	}
	return exs, sources, n, nil
}

// Train trains the model from the labelled data in cfg.Data: regularised
// logistic regression over the behaviour features, calibrated on
// out-of-fold scores. Training is deterministic for a given seed and data.
func Train(cfg TrainConfig) (*Model, *TrainReport, error) {
	cfg.defaults()
	start := time.Now()
	exs, sources, n, err := loadTraining(cfg)
	if err != nil {
		return nil, nil, err
	}
	e, err := newEngine(Deps{}, nil)
	if err != nil {
		return nil, nil, err
	}
	fs := featurize(e, exs, false)
	m := fit(fs, e.featNames, cfg, true)
	m.Examples = len(exs)
	for s := range sources {
		m.Sources = append(m.Sources, s)
	}
	sort.Strings(m.Sources)
	rep := &TrainReport{Examples: n, Augmented: len(exs), Sources: sources, Features: len(e.featNames)}
	rep.InSample = scoreSet("in-sample", fs, m)
	var fw []FeatureWeight
	for i, name := range m.Features {
		fw = append(fw, FeatureWeight{name, round3(m.Weights[i])})
	}
	sort.SliceStable(fw, func(i, j int) bool { return math.Abs(fw[i].Weight) > math.Abs(fw[j].Weight) })
	if len(fw) > 15 {
		fw = fw[:15]
	}
	rep.TopWeights = fw
	rep.Duration = time.Since(start)
	return m, rep, nil
}

// Metrics are detection figures on one set of examples. A positive
// prediction is a verdict of scam or suspicious: a suspicious verdict on a
// genuine call counts as a false alarm.
type Metrics struct {
	Name       string  `json:"name"`
	N          int     `json:"n"`
	TP         int     `json:"tp"`
	FP         int     `json:"fp"`
	FN         int     `json:"fn"`
	TN         int     `json:"tn"`
	Suspicious int     `json:"suspicious"` // positives that were only "suspicious"
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
	F1         float64 `json:"f1"`
	FPR        float64 `json:"fpr"`
	// Earliness: of the scam dialogues with a request for remote access,
	// payment or bank access, the share warned at or before that turn.
	WithRequest int     `json:"with_request"`
	Early       int     `json:"early"`
	Earliness   float64 `json:"earliness"`
	// StrictEarly counts warnings strictly before the request turn.
	StrictEarly int `json:"strict_early"`
}

func (m *Metrics) add(pred hangup.Verdict, scam bool) {
	m.N++
	pos := pred != hangup.VerdictNotScam
	switch {
	case pos && scam:
		m.TP++
	case pos && !scam:
		m.FP++
	case !pos && scam:
		m.FN++
	default:
		m.TN++
	}
	if pred == hangup.VerdictSuspicious {
		m.Suspicious++
	}
}

func (m *Metrics) finish() {
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return round3(float64(a) / float64(b))
	}
	m.Precision = div(m.TP, m.TP+m.FP)
	m.Recall = div(m.TP, m.TP+m.FN)
	if m.Precision+m.Recall > 0 {
		m.F1 = round3(2 * m.Precision * m.Recall / (m.Precision + m.Recall))
	}
	m.FPR = div(m.FP, m.FP+m.TN)
	m.Earliness = div(m.Early, m.WithRequest)
}

func verdictFor(m *Model, p float64) hangup.Verdict {
	switch {
	case p >= m.ScamThreshold:
		return hangup.VerdictScam
	case p >= m.SuspiciousThreshold:
		return hangup.VerdictSuspicious
	}
	return hangup.VerdictNotScam
}

// scoreSet computes metrics of model m on featurized examples.
func scoreSet(name string, fs []featurized, m *Model) Metrics {
	met := Metrics{Name: name}
	for _, f := range fs {
		p := sigmoid(m.PlattA*(m.Bias+f.x.dot(m.Weights)) + m.PlattB)
		met.add(verdictFor(m, p), f.scam == 1)
		if f.request >= 0 && len(f.turns) > 0 {
			met.WithRequest++
			alert := -1
			for t, x := range f.turns {
				pt := sigmoid(m.PlattA*(m.Bias+x.dot(m.Weights)) + m.PlattB)
				if pt >= m.WarnThreshold || f.critical[t] {
					alert = t
					break
				}
			}
			if alert >= 0 && alert <= f.request {
				met.Early++
			}
			if alert >= 0 && alert < f.request {
				met.StrictEarly++
			}
		}
	}
	met.finish()
	return met
}

// SplitReport is the evaluation of one held-out split: a model trained
// without the held-out part, scored on it, broken down by source and style.
type SplitReport struct {
	Name    string    `json:"name"`
	Overall Metrics   `json:"overall"`
	Parts   []Metrics `json:"parts"`
	// Errors lists misclassified examples (id, label and score), at most
	// maxErrors of them, for reading what goes wrong.
	Errors []string `json:"errors,omitempty"`
}

// maxErrors caps SplitReport.Errors.
const maxErrors = 400

// HoldOutReport collects the held-out evaluations.
type HoldOutReport struct {
	Splits   []SplitReport `json:"splits"`
	Duration time.Duration `json:"duration_ns"`
}

// HoldOut evaluates the approach on held-out data, never on what the model
// was trained on:
//
//	cv:        5-fold cross-validation, folds by original text (its style
//	           variants stay together);
//	source=S:  trained on every source but S, scored on S;
//	type=T:    trained without any scam of type T (and without a fold of
//	           the genuine calls), scored on T's scams and that fold.
func HoldOut(cfg TrainConfig) (*HoldOutReport, error) {
	cfg.defaults()
	start := time.Now()
	exs, sources, _, err := loadTraining(cfg)
	if err != nil {
		return nil, err
	}
	e, err := newEngine(Deps{}, nil)
	if err != nil {
		return nil, err
	}
	fs := featurize(e, exs, true)
	rep := &HoldOutReport{}
	run := func(name string, train, test func(f *featurized) bool) {
		var tr, te []featurized
		for i := range fs {
			f := &fs[i]
			if train(f) {
				tr = append(tr, *f)
			} else if test(f) {
				te = append(te, *f)
			}
		}
		if len(tr) == 0 || len(te) == 0 {
			return
		}
		m := fit(tr, e.featNames, cfg, true)
		rep.Splits = append(rep.Splits, breakdown(name, te, m))
	}
	// cross-validation: every fold in turn, pooled
	{
		var pooled []featurized
		var models []*Model
		for k := 0; k < cfg.Folds; k++ {
			var tr []featurized
			for i := range fs {
				if foldOf(fs[i].ex.Group, cfg.Seed+7, cfg.Folds) != k {
					tr = append(tr, fs[i])
				}
			}
			models = append(models, fit(tr, e.featNames, cfg, true))
		}
		// score each example with the model that did not see it
		byFold := make([][]featurized, cfg.Folds)
		for i := range fs {
			k := foldOf(fs[i].ex.Group, cfg.Seed+7, cfg.Folds)
			byFold[k] = append(byFold[k], fs[i])
		}
		var parts []SplitReport
		for k := range byFold {
			parts = append(parts, breakdown("cv", byFold[k], models[k]))
			pooled = append(pooled, byFold[k]...)
		}
		rep.Splits = append(rep.Splits, mergeSplits("cv", parts))
		_ = pooled
	}
	var srcs []string
	for s := range sources {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		s := s
		run("source="+s, func(f *featurized) bool { return f.ex.Source != s }, func(f *featurized) bool { return true })
	}
	types := map[hangup.ScamType]bool{}
	for _, ex := range exs {
		if ex.Scam {
			types[ScamTypeOf(ex.Type)] = true
		}
	}
	var ts []string
	for t := range types {
		ts = append(ts, string(t))
	}
	sort.Strings(ts)
	for _, t := range ts {
		t := hangup.ScamType(t)
		held := func(f *featurized) bool {
			return !f.ex.Scam && foldOf(f.ex.Group, cfg.Seed+11, cfg.Folds) == 0
		}
		run("type="+string(t),
			func(f *featurized) bool { return !(f.ex.Scam && ScamTypeOf(f.ex.Type) == t) && !held(f) },
			func(f *featurized) bool { return (f.ex.Scam && ScamTypeOf(f.ex.Type) == t) || held(f) })
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// breakdown scores te with m, overall and per source and style.
func breakdown(name string, te []featurized, m *Model) SplitReport {
	sr := SplitReport{Name: name, Overall: scoreSet("all", te, m)}
	for _, f := range te {
		p := sigmoid(m.PlattA*(m.Bias+f.x.dot(m.Weights)) + m.PlattB)
		if (verdictFor(m, p) != hangup.VerdictNotScam) != f.ex.Scam && len(sr.Errors) < maxErrors {
			sr.Errors = append(sr.Errors, fmt.Sprintf("%s scam=%v p=%.2f", f.ex.ID, f.ex.Scam, p))
		}
	}
	groups := map[string][]featurized{}
	for _, f := range te {
		groups["source="+f.ex.Source] = append(groups["source="+f.ex.Source], f)
		groups["style="+f.ex.Style] = append(groups["style="+f.ex.Style], f)
		if !f.ex.Scam {
			groups["genuine type="+f.ex.Type] = append(groups["genuine type="+f.ex.Type], f)
		}
	}
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sr.Parts = append(sr.Parts, scoreSet(k, groups[k], m))
	}
	return sr
}

// mergeSplits adds up the counts of several reports with the same parts.
func mergeSplits(name string, parts []SplitReport) SplitReport {
	out := SplitReport{Name: name}
	acc := map[string]*Metrics{}
	var order []string
	addM := func(dst *Metrics, src Metrics) {
		dst.N += src.N
		dst.TP += src.TP
		dst.FP += src.FP
		dst.FN += src.FN
		dst.TN += src.TN
		dst.Suspicious += src.Suspicious
		dst.WithRequest += src.WithRequest
		dst.Early += src.Early
		dst.StrictEarly += src.StrictEarly
	}
	out.Overall.Name = "all"
	for _, p := range parts {
		out.Errors = append(out.Errors, p.Errors...)
		addM(&out.Overall, p.Overall)
		for _, m := range p.Parts {
			if acc[m.Name] == nil {
				acc[m.Name] = &Metrics{Name: m.Name}
				order = append(order, m.Name)
			}
			addM(acc[m.Name], m)
		}
	}
	out.Overall.finish()
	sort.Strings(order)
	for _, k := range order {
		acc[k].finish()
		out.Parts = append(out.Parts, *acc[k])
	}
	return out
}

// Evaluate scores eng on labelled examples as `hangup eval` does: overall,
// per source and per style, with earliness for dialogues (turns fed one at
// a time, as in a live call). It analyses each text exactly as Analyze
// does.
func Evaluate(ctx context.Context, eng *Engine, exs []Example) (SplitReport, error) {
	if eng.model == nil {
		return SplitReport{}, hangup.Errorf(hangup.EINTERNAL, "analyze: engine has no model")
	}
	if err := ctx.Err(); err != nil {
		return SplitReport{}, err
	}
	fs := featurize(eng, exs, true)
	m := *eng.model
	m.Features = eng.featNames
	m.Weights = eng.weights
	return breakdown("eval", fs, &m), nil
}

// FormatSplit renders a split report as a plain-text table.
func FormatSplit(sr SplitReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", sr.Name)
	fmt.Fprintf(&b, "%-34s %6s %5s %5s %5s %5s %5s %6s %6s %6s %6s %9s\n", "part", "n", "tp", "fp", "fn", "tn", "susp", "prec", "recall", "f1", "fpr", "earliness")
	row := func(m Metrics) {
		early := "-"
		if m.WithRequest > 0 {
			early = fmt.Sprintf("%.3f/%d", m.Earliness, m.WithRequest)
		}
		fmt.Fprintf(&b, "%-34s %6d %5d %5d %5d %5d %5d %6.3f %6.3f %6.3f %6.3f %9s\n", m.Name, m.N, m.TP, m.FP, m.FN, m.TN, m.Suspicious, m.Precision, m.Recall, m.F1, m.FPR, early)
	}
	row(sr.Overall)
	for _, m := range sr.Parts {
		row(m)
	}
	return b.String()
}
