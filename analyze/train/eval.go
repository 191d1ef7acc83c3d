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

// judge scores features x with m within the bounds of the evidence, as
// Analyze does.
func judge(m *analyze.Model, x sparse, b analyze.Bounds) (float64, hangup.Verdict) {
	return m.Decide(sigmoid(m.PlattA*(m.Bias+x.dot(m.Weights))+m.PlattB), b)
}

// scoreSet computes metrics of model m on featurized examples.
func scoreSet(name string, fs []featurized, m *analyze.Model) Metrics {
	met := Metrics{Name: name}
	for _, f := range fs {
		_, v := judge(m, f.x, f.bounds)
		met.add(v, f.scam == 1)
		if f.request >= 0 && len(f.turns) > 0 {
			met.WithRequest++
			alert := -1
			for t, x := range f.turns {
				pt, _ := judge(m, x, f.tbounds[t])
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

// The acceptance targets of the held-out evaluation (issue 11): on every
// source that holds scams, recall at least TargetRecall; on every source
// that holds genuine calls, false alarms at most TargetFPR.
const (
	TargetRecall = 0.90
	TargetFPR    = 0.05
)

// SourceResult is one source scored by a model trained on every other
// source: the headline of HoldOut.
type SourceResult struct {
	Source    string `json:"source"`
	Auxiliary bool   `json:"auxiliary"` // reported, not gating (another medium, or not call text)
	// Written is the source's texts as written; Variants their style
	// variants (speech-to-text, no labels, cut short, caller only…).
	Written  Metrics `json:"written"`
	Variants Metrics `json:"variants"`
	// Margin is the distance to the targets on the texts as written: the
	// smaller of recall − TargetRecall (if the source holds scams) and
	// TargetFPR − FPR (if it holds genuine calls). Negative: missed.
	Margin float64 `json:"margin"`
}

// HoldOutReport collects the held-out evaluations.
type HoldOutReport struct {
	// Sources is leave-one-source-out, the gating sources first, each group
	// worst first.
	Sources  []SourceResult `json:"sources"`
	Splits   []SplitReport  `json:"splits"`
	Duration time.Duration  `json:"duration_ns"`
}

// HoldOut evaluates the approach on data the model was not trained on:
//
//	source=S:  leave one source out, the headline: trained on every other
//	           source, scored on S (as written, and its style variants);
//	cv:        5-fold cross-validation over the trained sources, folds by
//	           text (a text and its variants stay together; a robocall
//	           campaign stays together), pooled: the within-source figure;
//	type=T:    with cfg.ByType, trained without any scam of type T (and
//	           without a fold of the genuine calls), scored on both.
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
	names := fz.Names()
	rep := &HoldOutReport{}
	var srcs []string
	for s := range sources {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	// leave one source out
	for _, s := range srcs {
		var tr, te []featurized
		for i := range fs {
			f := &fs[i]
			switch {
			case f.ex.Source == s:
				te = append(te, *f)
			case cfg.trains(f.ex):
				tr = append(tr, *f)
			}
		}
		if len(tr) == 0 || len(te) == 0 {
			continue
		}
		m := fit(tr, names, cfg, true)
		sr := breakdown("source="+s, te, m)
		rep.Splits = append(rep.Splits, sr)
		rep.Sources = append(rep.Sources, sourceResult(s, te, m))
	}
	sort.SliceStable(rep.Sources, func(i, j int) bool {
		a, b := rep.Sources[i], rep.Sources[j]
		if a.Auxiliary != b.Auxiliary {
			return !a.Auxiliary
		}
		return a.Margin < b.Margin
	})
	// cross-validation: every fold in turn, pooled
	{
		var tr []featurized
		for i := range fs {
			if cfg.trains(fs[i].ex) {
				tr = append(tr, fs[i])
			}
		}
		byFold := make([][]featurized, cfg.Folds)
		for i := range tr {
			k := foldOf(tr[i].ex.Group, cfg.Seed+7, cfg.Folds)
			byFold[k] = append(byFold[k], tr[i])
		}
		var parts []SplitReport
		for k := range byFold {
			var fold []featurized
			for j := range byFold {
				if j != k {
					fold = append(fold, byFold[j]...)
				}
			}
			if len(fold) == 0 || len(byFold[k]) == 0 {
				continue
			}
			parts = append(parts, breakdown("cv", byFold[k], fit(fold, names, cfg, true)))
		}
		rep.Splits = append(rep.Splits, mergeSplits("cv", parts))
	}
	if cfg.Blind != "" {
		blind, err := LoadExamplesPath(cfg.Blind)
		if err != nil {
			return nil, err
		}
		var tr []featurized
		for i := range fs {
			if cfg.trains(fs[i].ex) {
				tr = append(tr, fs[i])
			}
		}
		rep.Splits = append(rep.Splits, breakdown("blind", featurize(fz, blind, true), fit(tr, names, cfg, true)))
	}
	if cfg.ByType {
		types := map[hangup.ScamType]bool{}
		for _, ex := range exs {
			if ex.Scam && cfg.trains(&ex) {
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
			var tr, te []featurized
			for i := range fs {
				f := &fs[i]
				if !cfg.trains(f.ex) {
					continue
				}
				held := !f.ex.Scam && foldOf(f.ex.Group, cfg.Seed+11, cfg.Folds) == 0
				switch {
				case f.ex.Scam && ScamTypeOf(f.ex.Type) == t, held:
					te = append(te, *f)
				default:
					tr = append(tr, *f)
				}
			}
			if len(tr) > 0 && len(te) > 0 {
				rep.Splits = append(rep.Splits, breakdown("type="+string(t), te, fit(tr, names, cfg, true)))
			}
		}
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// sourceResult scores a held-out source with m.
func sourceResult(source string, te []featurized, m *analyze.Model) SourceResult {
	var written, variants []featurized
	for _, f := range te {
		if f.ex.Variant == "" {
			written = append(written, f)
		} else {
			variants = append(variants, f)
		}
	}
	r := SourceResult{Source: source, Auxiliary: Auxiliary[source],
		Written: scoreSet("written", written, m), Variants: scoreSet("variants", variants, m)}
	r.Margin = 1
	if w := r.Written; w.TP+w.FN > 0 {
		r.Margin = min(r.Margin, round3(w.Recall-TargetRecall))
	}
	if w := r.Written; w.FP+w.TN > 0 {
		r.Margin = min(r.Margin, round3(TargetFPR-w.FPR))
	}
	return r
}

// FormatSources renders the leave-one-source-out headline as a table.
func FormatSources(rs []SourceResult) string {
	var b strings.Builder
	b.WriteString("== leave one source out (trained on every other source), worst first\n")
	fmt.Fprintf(&b, "%-24s %-9s %6s %6s %6s %6s %7s | %7s %7s %7s\n", "source", "gates", "n", "scams", "recall", "fpr", "margin", "var n", "recall", "fpr")
	for _, r := range rs {
		gates := "yes"
		if r.Auxiliary {
			gates = "auxiliary"
		}
		w, v := r.Written, r.Variants
		fmt.Fprintf(&b, "%-24s %-9s %6d %6d %6s %6s %+7.3f | %7d %7s %7s\n", r.Source, gates, w.N, w.TP+w.FN,
			rate(w.Recall, w.TP+w.FN), rate(w.FPR, w.FP+w.TN), r.Margin, v.N, rate(v.Recall, v.TP+v.FN), rate(v.FPR, v.FP+v.TN))
	}
	return b.String()
}

// rate prints a rate, or "-" when it has no denominator.
func rate(v float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// breakdown scores te with m, overall and per source and style.
func breakdown(name string, te []featurized, m *analyze.Model) SplitReport {
	sr := SplitReport{Name: name, Overall: scoreSet("all", te, m)}
	for _, f := range te {
		p, v := judge(m, f.x, f.bounds)
		if (v != hangup.VerdictNotScam) != f.ex.Scam && len(sr.Errors) < maxErrors {
			sr.Errors = append(sr.Errors, fmt.Sprintf("%s scam=%v p=%.2f", f.ex.ID, f.ex.Scam, p))
		}
	}
	groups := map[string][]featurized{}
	for _, f := range te {
		groups["source="+f.ex.Source] = append(groups["source="+f.ex.Source], f)
		if f.ex.Variant == "" {
			groups["source="+f.ex.Source+" written"] = append(groups["source="+f.ex.Source+" written"], f)
		}
		if f.ex.Split != "" {
			k := "source=" + f.ex.Source + " split=" + f.ex.Split
			groups[k] = append(groups[k], f)
		}
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
