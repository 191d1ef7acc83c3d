package train

import (
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/analyze/catalogue"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// Config configures Fit and HoldOut.
type Config struct {
	// Data is the directory of labelled examples (see LoadExamples), e.g.
	// data/training.
	Data string
	// Shared is the shared data directory (see LoadShared), e.g.
	// ../shared/data; "" trains on Data alone.
	Shared string
	// NoTrain names sources that are loaded and scored but not trained on.
	// The FTC complaint subjects are never trained on.
	NoTrain []string
	// CodeCap bounds the weight of each scam indicator code at CodeCap times
	// its catalogue weight, so that no single phrase a source happens to
	// repeat ("press 1", a number to call back) can carry a verdict. Default
	// 2; negative: no bound.
	CodeCap float64
	// Suspicious overrides the suspicious threshold (experiments).
	Suspicious float64
	// NoCodes pins the weights of the scam indicator codes at zero: the
	// model scores the playbook's elements, stages and totals only.
	NoCodes bool
	// ByType adds the held-out-by-scam-type splits to HoldOut.
	ByType bool
	// Blind is a directory of labelled texts that HoldOut scores with the
	// model trained on everything (never trained on, never tuned on): the
	// blind development set.
	Blind string
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

func (c *Config) defaults() {
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
	if c.CodeCap == 0 {
		c.CodeCap = 2
	}
}

// neverTrain are sources that are scored, never trained on: category
// strings, not call text.
var neverTrain = map[string]bool{SourceComplaints: true}

// trains reports whether ex is training data under c. Windows (a piece
// of a call, Augment) are scored, never trained on: most hold no sign of a
// scam either way, and would teach the model to guess.
func (c *Config) trains(ex *Example) bool {
	if neverTrain[ex.Source] || ex.Variant == "window" {
		return false
	}
	for _, s := range c.NoTrain {
		if s == ex.Source {
			return false
		}
	}
	return true
}

// Report describes a training run.
type Report struct {
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
	bounds   analyze.Bounds // the verdicts the evidence allows (analyze.Model.Decide)
	turns    []sparse
	tbounds  []analyze.Bounds
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
func featurize(fz *analyze.Featurizer, exs []Example, withTurns bool) []featurized {
	out := make([]featurized, len(exs))
	var wg sync.WaitGroup
	next := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ex := &exs[i]
				f := featurized{ex: ex, request: -1}
				if ex.Scam {
					f.scam = 1
				}
				snap := withTurns && ex.Scam && len(turns.Split(ex.Text)) >= 2
				var each func(x []float64, b analyze.Bounds, added []hangup.Indicator)
				if snap {
					ti := 0
					each = func(x []float64, b analyze.Bounds, added []hangup.Indicator) {
						f.turns = append(f.turns, toSparse(x))
						f.tbounds = append(f.tbounds, b)
						crit := false
						for _, in := range added {
							if r, ok := criticalRules[in.Code]; ok && in.Weight >= r.Weight && in.Source == "" {
								crit = true
							}
							if f.request < 0 && requestCodes[in.Code] {
								f.request = ti
							}
						}
						f.critical = append(f.critical, crit)
						ti++
					}
				}
				x, b, err := fz.Features(ex.Text, each)
				if err == nil {
					f.x, f.bounds = toSparse(x), b
				}
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

// criticalRules are the catalogue's critical rules by code (the first rule
// of each code, as the analysis counts them).
var criticalRules = func() map[string]catalogue.Rule {
	out := map[string]catalogue.Rule{}
	seen := map[string]bool{}
	for _, r := range catalogue.Rules {
		if seen[r.Code] {
			continue
		}
		seen[r.Code] = true
		if r.Critical {
			out[r.Code] = r
		}
	}
	return out
}()

// foldOf assigns a group to one of k folds, reproducibly.
func foldOf(group string, seed uint64, k int) int {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s", seed, group)
	return int(h.Sum64() % uint64(k))
}

// sourceWeights gives each example a weight so that every source weighs as
// much as the largest (at most ten times its own size): the hand-written
// calls are few, but they are the only genuine calls that talk about
// accounts, passwords and software. Within a source, the copies of one
// text (a robocall campaign recorded many times, an SMS sent to many
// people) share one text's weight, so that what a campaign says counts once.
func sourceWeights(fs []featurized, on bool) []float64 {
	w := make([]float64, len(fs))
	if !on {
		for i := range w {
			w[i] = 1
		}
		return w
	}
	texts := map[string]float64{} // originals per group
	for _, f := range fs {
		if f.ex.Variant == "" {
			texts[f.ex.Group]++
		}
	}
	count := map[string]float64{} // weighted examples per source
	for i, f := range fs {
		w[i] = 1 / math.Max(texts[f.ex.Group], 1)
		count[f.ex.Source] += w[i]
	}
	most := 0.0
	for _, c := range count {
		most = math.Max(most, c)
	}
	for i, f := range fs {
		w[i] *= math.Min(most/count[f.ex.Source], 10)
	}
	return w
}

// fit trains a model on fs; calibrate fits Platt scaling on out-of-fold
// scores (costs folds extra fits).
func fit(fs []featurized, names []string, cfg Config, calibrate bool) *analyze.Model {
	X := make([]sparse, len(fs))
	y := make([]float64, len(fs))
	for i, f := range fs {
		X[i], y[i] = f.x, f.scam
	}
	sw := sourceWeights(fs, !cfg.NoSourceWeight)
	l2 := penalties(names, cfg)
	caps := weightCaps(names, cfg)
	w, b := fitSigned(X, names, y, sw, l2, caps)
	m := &analyze.Model{Version: 1, Features: names, Weights: w, Bias: b, PlattA: 1, L2: cfg.L2, Seed: int64(cfg.Seed),
		ScamThreshold: analyze.DefaultScamThreshold, SuspiciousThreshold: analyze.DefaultSuspiciousThreshold, WarnThreshold: analyze.DefaultWarnThreshold}
	if cfg.Suspicious > 0 {
		m.SuspiciousThreshold = cfg.Suspicious
	}
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
		fw, fb := fitSigned(tx, names, ty, tw, l2, caps)
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
func fitSigned(X []sparse, names []string, y, sw, l2, caps []float64) ([]float64, float64) {
	pen := append([]float64(nil), l2...)
	sign := make([]float64, len(names))
	for i, n := range names {
		sign[i] = featureSign(n)
	}
	prior := priors(names)
	for i := range caps {
		if caps[i] == 0 {
			pen[i], prior[i] = 1e9, 0
		}
	}
	var w []float64
	var b float64
	for round := 0; round < 12; round++ {
		w, b = fitLogistic(X, len(names), y, sw, pen, prior, 30)
		changed := false
		for i := range w {
			if pen[i] >= 1e8 {
				continue
			}
			if w[i]*sign[i] < -1e-6 {
				pen[i], prior[i] = 1e9, 0
				changed = true
			} else if caps != nil && caps[i] > 0 && w[i] > caps[i]+1e-6 {
				pen[i], prior[i] = 1e9, caps[i]
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for i := range w {
		if pen[i] >= 1e8 {
			w[i] = prior[i]
		}
	}
	return w, b
}

// weightCaps returns the upper bound of each scam code's weight:
// cfg.CodeCap times its catalogue weight (0 pins it at zero with
// cfg.NoCodes); -1 for features without a bound.
func weightCaps(names []string, cfg Config) []float64 {
	if cfg.CodeCap <= 0 && !cfg.NoCodes {
		return nil
	}
	caps := make([]float64, len(names))
	for i, n := range names {
		caps[i] = -1
		if !strings.HasPrefix(n, "code:") || featureSign(n) < 0 {
			continue
		}
		r, ok := catalogue.RuleByCode(strings.TrimPrefix(n, "code:"))
		switch {
		case cfg.NoCodes:
			caps[i] = 0
		case ok:
			caps[i] = cfg.CodeCap * r.Weight
		}
	}
	return caps
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
func penalties(names []string, cfg Config) []float64 {
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
func loadTraining(cfg Config) ([]Example, map[string]int, int, error) {
	exs, err := LoadExamplesPath(cfg.Data)
	if err != nil {
		return nil, nil, 0, err
	}
	if len(exs) == 0 {
		return nil, nil, 0, hangup.Errorf(hangup.EINVALID, "no labelled examples under %s", cfg.Data)
	}
	if cfg.Shared != "" {
		shared, err := LoadShared(cfg.Shared)
		if err != nil {
			return nil, nil, 0, err
		}
		exs = append(exs, shared...)
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

// Fit trains the model from the labelled data in cfg.Data: regularised
// logistic regression over the behaviour features, calibrated on
// out-of-fold scores. Training is deterministic for a given seed and data.
func Fit(cfg Config) (*analyze.Model, *Report, error) {
	cfg.defaults()
	start := time.Now()
	exs, sources, n, err := loadTraining(cfg)
	if err != nil {
		return nil, nil, err
	}
	fz, err := analyze.NewFeaturizer()
	if err != nil {
		return nil, nil, err
	}
	var tr []Example
	for i := range exs {
		if cfg.trains(&exs[i]) {
			tr = append(tr, exs[i])
		}
	}
	fs := featurize(fz, tr, false)
	m := fit(fs, fz.Names(), cfg, true)
	m.Examples = len(tr)
	for s := range sources {
		if cfg.trains(&Example{Source: s}) {
			m.Sources = append(m.Sources, s)
		}
	}
	sort.Strings(m.Sources)
	rep := &Report{Examples: n, Augmented: len(tr), Sources: sources, Features: len(fz.Names())}
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

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
