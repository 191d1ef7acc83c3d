// Package train trains and evaluates the model of package analyze: it
// loads labelled examples (LoadExamples), adds style variants (Augment),
// fits the sign-constrained logistic regression and its calibration (Fit)
// and measures it on held-out data (HoldOut, Evaluate). It reaches texts
// only through analyze.Featurizer, so what it learns from is exactly what
// the runtime sees. It is imported by cmd/hangup and tests, never by the
// runtime.
package train
