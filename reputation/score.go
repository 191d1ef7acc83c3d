// Package reputation turns reports about phone numbers into a reputation
// that deserves trust: evidence, not verdicts; decay; a lower-bound
// confidence so that a handful of reports reads as "little evidence"; one
// unit per reporter per number per period, so one source cannot blacklist a
// number; verified organisation numbers that can never be listed (reports of
// them mean they are being spoofed); an audited allow-list and appeals.
//
// Lookups are served from an immutable in-memory index swapped atomically,
// never from the database.
package reputation

import (
	"math"
	"time"

	"github.com/hangup-org/hangup"
)

// Config holds the scoring parameters.
type Config struct {
	// HalfLife is how fast evidence for the verdict fades: about four
	// months, so a number reused by a genuine business recovers.
	HalfLife time.Duration
	// Z is the normal quantile of the Wilson lower bound (1.96: 95 %).
	Z float64
	// ScamAt and SuspectAt are the confidence (Wilson lower bound of the
	// share of scam evidence) at which a number is listed as scam or
	// suspected. With weight-1 reporters, 0.8 takes about 16 independent
	// reports and 0.5 about 4; one reporter alone reaches 0.21.
	ScamAt, SuspectAt float64
	// DisputedAt is the evidence on each side above which a number with
	// no clear majority is shown as disputed.
	DisputedAt float64
	// Weights of evidence by reporter kind.
	AccountWeight, AnonymousWeight, ImportWeight float64
}

// DefaultConfig returns the parameters described in docs/reputation.md.
func DefaultConfig() Config {
	return Config{
		HalfLife: 120 * 24 * time.Hour, Z: 1.96,
		ScamAt: 0.8, SuspectAt: 0.5, DisputedAt: 5,
		AccountWeight: 1, AnonymousWeight: 0.5, ImportWeight: 0.5,
	}
}

// wilsonLower is the lower bound of the Wilson score interval for a share p
// observed over n (weighted) trials.
func wilsonLower(p, n, z float64) float64 {
	if n <= 0 {
		return 0
	}
	z2 := z * z
	centre := p + z2/(2*n)
	margin := z * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return max(0, (centre-margin)/(1+z2/n))
}

// classify turns decayed evidence into a verdict and a confidence.
//
// Anonymous evidence corroborates, never decides: a number is scam only
// when the evidence as a whole reaches ScamAt and the evidence of accounts
// and trusted sources alone (without the anonymous part) reaches
// SuspectAt. However many networks an attacker reports from, anonymous
// evidence alone stops at suspected, a warning that never blocks a call.
//
// The same holds the other way: anonymous genuine evidence ("this is a
// genuine number I know") never lowers the confidence, so it can't lift a
// block or a scam verdict; it only counts towards disputed, which sends
// the number to an analyst.
func (c *Config) classify(s sums) (hangup.ReputationVerdict, float64) {
	scam, legit := max(s.scam, 0), max(s.legit, 0)
	counted := max(legit-max(s.anonLegit, 0), 0) // genuine evidence from accounts and trusted sources
	n := scam + counted
	if n < 1e-6 && legit < 1e-6 {
		return hangup.RepUnknown, 0
	}
	conf := 0.0
	if n >= 1e-6 {
		conf = wilsonLower(scam/n, n, c.Z)
	}
	switch {
	case conf >= c.ScamAt && c.trustedConfidence(s) >= c.SuspectAt:
		return hangup.RepScam, conf
	case conf >= c.SuspectAt:
		return hangup.RepSuspected, conf
	case scam >= c.DisputedAt && legit >= c.DisputedAt:
		return hangup.RepDisputed, conf
	}
	return hangup.RepUnknown, conf
}

// trustedConfidence is the confidence from accounts and trusted sources
// alone.
func (c *Config) trustedConfidence(s sums) float64 {
	trusted, legit := max(s.trusted, 0), max(max(s.legit, 0)-max(s.anonLegit, 0), 0)
	if trusted+legit < 1e-6 {
		return 0
	}
	return wilsonLower(trusted/(trusted+legit), trusted+legit, c.Z)
}

// DisputedBy is how many anonymous networks saying a listed number is
// genuine mark it disputed for an analyst; one account saying so does.
const DisputedBy = 2

// decay returns the factor by which evidence of age d has faded.
func decay(d time.Duration, halfLife time.Duration) float64 {
	if d <= 0 {
		return 1
	}
	return math.Exp2(-float64(d) / float64(halfLife))
}
