package hangup

// Severity says how much a finding should worry the person reading it.
type Severity string

// Severities, from least to most serious. Engines order reasons by severity
// first, then by their own weight.
const (
	SeverityInfo   Severity = "info"   // context, not a warning
	SeverityLow    Severity = "low"    // worth knowing
	SeverityMedium Severity = "medium" // a warning sign
	SeverityHigh   Severity = "high"   // on its own, a reason to hang up
)

// Rank orders severities: higher is more serious; unknown values rank lowest.
func (s Severity) Rank() int {
	switch s {
	case SeverityLow:
		return 1
	case SeverityMedium:
		return 2
	case SeverityHigh:
		return 3
	}
	return 0
}

// Reason is one explained finding: a stable machine code, how serious it is, a
// plain-English message for the person at risk, and where the fact comes from
// (a URL or a document name) when it rests on a published source.
//
// Codes are stable: integrations switch on them. Messages may be reworded.
type Reason struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Source   string   `json:"source,omitempty"`
}
