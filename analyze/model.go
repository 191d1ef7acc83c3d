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

// sparse is a feature vector stored as its non-zero entries.
type sparse []sparseEntry

type sparseEntry struct {
	i int32
	v float64
}

func toSparse(x []float64) sparse {
	var s sparse
	for i, v := range x {
		if v != 0 {
			s = append(s, sparseEntry{int32(i), v})
		}
	}
	return s
}

func (s sparse) dot(w []float64) float64 {
	z := 0.0
	for _, e := range s {
		z += w[e.i] * e.v
	}
	return z
}

// fitLogistic fits weights and bias by Newton's method (iteratively
// reweighted least squares) with an L2 penalty per weight (l2[i]) pulling
// it towards prior[i] (zero when prior is nil), none on the bias.
// It is deterministic: no random initialisation, no data order effects.
// d is the number of features; sw are sample weights.
func fitLogistic(X []sparse, d int, y []float64, sw []float64, l2, prior []float64, iters int) ([]float64, float64) {
	p := d + 1 // last coordinate is the bias
	beta := make([]float64, p)
	H := make([][]float64, p)
	for i := range H {
		H[i] = make([]float64, p)
	}
	g := make([]float64, p)
	for it := 0; it < iters; it++ {
		for i := range H {
			for j := range H[i] {
				H[i][j] = 0
			}
			g[i] = 0
		}
		for n, x := range X {
			z := beta[d] + x.dot(beta)
			mu := sigmoid(z)
			wgt := sw[n]
			r := (mu - y[n]) * wgt
			s := mu * (1 - mu) * wgt
			if s < 1e-9 {
				s = 1e-9
			}
			for a, ea := range x {
				g[ea.i] += r * ea.v
				for _, eb := range x[a:] {
					H[ea.i][eb.i] += s * ea.v * eb.v
				}
				H[ea.i][d] += s * ea.v
			}
			g[d] += r
			H[d][d] += s
		}
		for i := 0; i < d; i++ {
			p := 0.0
			if prior != nil {
				p = prior[i]
			}
			g[i] += l2[i] * (beta[i] - p)
			H[i][i] += l2[i]
		}
		H[d][d] += 1e-6
		for i := 0; i < p; i++ {
			for j := 0; j < i; j++ {
				H[i][j] = H[j][i]
			}
		}
		step, ok := solveCholesky(H, g)
		if !ok {
			break
		}
		maxStep := 0.0
		for i := range beta {
			beta[i] -= step[i]
			maxStep = math.Max(maxStep, math.Abs(step[i]))
		}
		if maxStep < 1e-7 {
			break
		}
	}
	return beta[:d], beta[d]
}

// solveCholesky solves A x = b for a symmetric positive definite A.
func solveCholesky(A [][]float64, b []float64) ([]float64, bool) {
	n := len(A)
	L := make([][]float64, n)
	for i := range L {
		L[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			sum := A[i][j]
			for k := 0; k < j; k++ {
				sum -= L[i][k] * L[j][k]
			}
			if i == j {
				if sum <= 0 {
					return nil, false
				}
				L[i][i] = math.Sqrt(sum)
			} else {
				L[i][j] = sum / L[j][j]
			}
		}
	}
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= L[i][k] * y[k]
		}
		y[i] = s / L[i][i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= L[k][i] * x[k]
		}
		x[i] = s / L[i][i]
	}
	return x, true
}

// fitPlatt fits A and B of sigmoid(A z + B) to labelled raw scores, with
// Platt's smoothed targets to avoid overconfidence.
func fitPlatt(z, y []float64) (float64, float64) {
	var pos, neg float64
	for _, v := range y {
		if v > 0.5 {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	X := make([]sparse, len(z))
	t := make([]float64, len(z))
	w := make([]float64, len(z))
	for i := range z {
		X[i] = sparse{{0, z[i]}}
		if y[i] > 0.5 {
			t[i] = hi
		} else {
			t[i] = lo
		}
		w[i] = 1
	}
	a, b := fitLogistic(X, 1, t, w, []float64{1e-3}, nil, 50)
	if a[0] <= 0 {
		return 1, 0
	}
	return a[0], b
}
