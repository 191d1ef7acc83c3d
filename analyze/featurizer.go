package analyze

import (
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// Featurizer runs texts through the analysis pipeline, without a model and
// without the optional services, and returns the model's input features
// (FeatureNames): the seam between the runtime and training (package
// analyze/train). It sees exactly what Analyze sees, turn by turn, so a
// model trained on its features scores texts as Analyze does. Safe for
// concurrent use.
type Featurizer struct {
	e *Engine
}

// NewFeaturizer returns a Featurizer over the compiled catalogue.
func NewFeaturizer() (*Featurizer, error) {
	e, err := newEngine(Deps{}, nil)
	if err != nil {
		return nil, err
	}
	return &Featurizer{e: e}, nil
}

// Names returns the feature names, in the order of the vectors Features
// returns.
func (f *Featurizer) Names() []string { return f.e.featNames }

// Features returns the features of text after all its turns and the
// bounds the evidence sets on its verdict (see Model.Decide). When each is
// not nil it is called after every turn with the features and bounds so
// far and the indicators that turn added; the slices are reused once each
// returns. It returns the input errors of Analyze (EINVALID, ETOOLARGE).
func (f *Featurizer) Features(text string, each func(x []float64, b Bounds, added []hangup.Indicator)) ([]float64, Bounds, error) {
	if err := checkText(text); err != nil {
		return nil, Bounds{}, err
	}
	e := f.e
	sc := e.pool.Get().(*scratch)
	defer e.pool.Put(sc)
	st := newCallState(e)
	rc := &runeCounter{doc: text, ascii: isASCII(text)}
	var x []float64
	for _, t := range turns.Split(text) {
		before := len(st.indicators)
		st.addTurn(text, t.Start, t.End, t.Speaker, sc, rc)
		if each != nil {
			x = st.features(x)
			b, _ := st.bounds()
			each(x, b, st.indicators[before:])
		}
	}
	b, _ := st.bounds()
	return st.features(nil), b, nil
}

// Model returns the engine's model with its weights in the order of
// FeatureNames, for scoring feature vectors from a Featurizer.
func (e *Engine) Model() *Model {
	if e.model == nil {
		return nil
	}
	m := *e.model
	m.Features = e.featNames
	m.Weights = e.weights
	return &m
}
