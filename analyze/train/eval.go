package train

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
)

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

func verdictFor(m *analyze.Model, p float64) hangup.Verdict {
	switch {
	case p >= m.ScamThreshold:
		return hangup.VerdictScam
	case p >= m.SuspiciousThreshold:
		return hangup.VerdictSuspicious
	}
	return hangup.VerdictNotScam
}

// scoreSet computes metrics of model m on featurized examples.
func scoreSet(name string, fs []featurized, m *analyze.Model) Metrics {
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
func HoldOut(cfg Config) (*HoldOutReport, error) {
	cfg.defaults()
	start := time.Now()
	exs, sources, _, err := loadTraining(cfg)
	if err != nil {
		return nil, err
	}
	fz, err := analyze.NewFeaturizer()
	if err != nil {
		return nil, err
	}
	fs := featurize(fz, exs, true)
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
		m := fit(tr, fz.Names(), cfg, true)
		rep.Splits = append(rep.Splits, breakdown(name, te, m))
	}
	// cross-validation: every fold in turn, pooled
	{
		var pooled []featurized
		var models []*analyze.Model
		for k := 0; k < cfg.Folds; k++ {
			var tr []featurized
			for i := range fs {
				if foldOf(fs[i].ex.Group, cfg.Seed+7, cfg.Folds) != k {
					tr = append(tr, fs[i])
				}
			}
			models = append(models, fit(tr, fz.Names(), cfg, true))
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
func breakdown(name string, te []featurized, m *analyze.Model) SplitReport {
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
func Evaluate(ctx context.Context, eng *analyze.Engine, exs []Example) (SplitReport, error) {
	m := eng.Model()
	if m == nil {
		return SplitReport{}, hangup.Errorf(hangup.EINTERNAL, "train: engine has no model")
	}
	if err := ctx.Err(); err != nil {
		return SplitReport{}, err
	}
	fz, err := analyze.NewFeaturizer()
	if err != nil {
		return SplitReport{}, err
	}
	fs := featurize(fz, exs, true)
	return breakdown("eval", fs, m), nil
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
