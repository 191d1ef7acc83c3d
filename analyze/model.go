package analyze

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/hangup-org/hangup"
)

// ModelFile is the path of the embedded model inside package analyze;
// `hangup train` writes it.
const ModelFile = "model.json"

//go:embed model.json
var embeddedModel []byte

// Model is a regularised logistic regression over the behaviour features
// (FeatureNames), with Platt calibration fitted on out-of-fold scores and
// the verdict thresholds.
type Model struct {
	Version  int       `json:"version"`
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	Bias     float64   `json:"bias"`
	// PlattA and PlattB map the raw logit z to the calibrated probability
	// 1/(1+exp(-(A z + B))).
	PlattA float64 `json:"platt_a"`
	PlattB float64 `json:"platt_b"`
	// ScamThreshold and SuspiciousThreshold turn the probability into a
	// verdict; WarnThreshold is when a live call raises its alert.
	ScamThreshold       float64  `json:"scam_threshold"`
	SuspiciousThreshold float64  `json:"suspicious_threshold"`
	WarnThreshold       float64  `json:"warn_threshold"`
	L2                  float64  `json:"l2"`
	Seed                int64    `json:"seed"`
	Examples            int      `json:"examples"`
	Sources             []string `json:"sources"`
}

// Default thresholds. A suspicious verdict on a genuine call is a false
// alarm, so the suspicious bar sits at even odds, not below. A live call
// warns when the model is as sure as for a scam verdict, or at once when
// the caller makes a critical request (remote access, gift cards, a safe
// account…), whatever the score.
const (
	DefaultScamThreshold       = 0.8
	DefaultSuspiciousThreshold = 0.5
	DefaultWarnThreshold       = 0.8
)

var (
	embeddedOnce sync.Once
	embedded     *Model
	embeddedErr  error
)

// EmbeddedModel returns the model compiled into the binary.
func EmbeddedModel() (*Model, error) {
	embeddedOnce.Do(func() {
		embedded, embeddedErr = ReadModel(bytes.NewReader(embeddedModel))
		if embeddedErr != nil {
			embeddedErr = fmt.Errorf("analyze: embedded %s: %w", ModelFile, embeddedErr)
		}
	})
	return embedded, embeddedErr
}

// ReadModel decodes a model written by WriteModel.
func ReadModel(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, hangup.Invalid("The model file is not valid JSON: " + err.Error())
	}
	if len(m.Features) == 0 || len(m.Features) != len(m.Weights) {
		return nil, hangup.Invalid(fmt.Sprintf("The model has %d features and %d weights; run `hangup train`.", len(m.Features), len(m.Weights)))
	}
	if m.PlattA == 0 {
		m.PlattA = 1
	}
	if m.ScamThreshold == 0 {
		m.ScamThreshold = DefaultScamThreshold
	}
	if m.SuspiciousThreshold == 0 {
		m.SuspiciousThreshold = DefaultSuspiciousThreshold
	}
	if m.WarnThreshold == 0 {
		m.WarnThreshold = DefaultWarnThreshold
	}
	return &m, nil
}

// WriteModel encodes m as indented JSON, one weight per line, so that a
// retrained model reads well in a diff.
func WriteModel(w io.Writer, m *Model) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// align returns the model's weights in the order of names. Every feature
// must be known to the model and the model must know no other: a mismatch
// means the catalogue changed since training.
func (m *Model) align(names []string) ([]float64, error) {
	idx := make(map[string]int, len(m.Features))
	for i, f := range m.Features {
		idx[f] = i
	}
	w := make([]float64, len(names))
	for i, n := range names {
		j, ok := idx[n]
		if !ok {
			return nil, fmt.Errorf("analyze: the model has no weight for feature %q: the indicator catalogue changed since training; run `hangup train`", n)
		}
		w[i] = m.Weights[j]
	}
	if len(names) != len(m.Features) {
		return nil, fmt.Errorf("analyze: the model has %d features, the catalogue %d; run `hangup train`", len(m.Features), len(names))
	}
	return w, nil
}

// logit is the raw linear score.
func (m *Model) logit(w, x []float64) float64 {
	z := m.Bias
	for i, v := range x {
		if v != 0 {
			z += w[i] * v
		}
	}
	return z
}

// prob is the calibrated probability.
func (m *Model) prob(w, x []float64) float64 {
	return sigmoid(m.PlattA*m.logit(w, x) + m.PlattB)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	ez := math.Exp(z)
	return ez / (1 + ez)
}

// Prob returns the calibrated probability of a scam for features x, given
// in the order of m.Features.
func (m *Model) Prob(x []float64) float64 { return m.prob(m.Weights, x) }

// Verdict maps a probability to a verdict with the model's thresholds.
func (m *Model) Verdict(p float64) hangup.Verdict {
	switch {
	case p >= m.ScamThreshold:
		return hangup.VerdictScam
	case p >= m.SuspiciousThreshold:
		return hangup.VerdictSuspicious
	}
	return hangup.VerdictNotScam
}
