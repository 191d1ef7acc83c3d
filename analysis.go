package hangup

import "context"

// Verdict is the outcome of analysing what was said on a call.
type Verdict string

// Verdicts, from least to most worrying. A genuine call that gets Suspicious
// counts as a false alarm: engines keep Suspicious for real warning signs.
const (
	VerdictNotScam    Verdict = "not_scam"
	VerdictSuspicious Verdict = "suspicious"
	VerdictScam       Verdict = "scam"
)

// Label is the verdict in plain words.
func (v Verdict) Label() string {
	switch v {
	case VerdictNotScam:
		return "No signs of a scam"
	case VerdictSuspicious:
		return "Some signs of a scam"
	case VerdictScam:
		return "A scam"
	}
	return string(v)
}

// ScamType names the kind of scam an analysis recognised.
type ScamType string

// Scam types. ScamNone goes with VerdictNotScam.
const (
	ScamNone            ScamType = ""
	ScamTechSupport     ScamType = "tech_support"      // fake Microsoft, ISP or antivirus support
	ScamRefund          ScamType = "refund"            // fake refund or over-refund
	ScamBankImpersonate ScamType = "bank_safe_account" // fake bank fraud team, "safe account"
	ScamGovernment      ScamType = "government"        // tax authority, social security, police threats
	ScamDelivery        ScamType = "delivery_fee"      // parcel held until a fee is paid
	ScamPrize           ScamType = "prize"             // prizes, lotteries, grants
	ScamInvestment      ScamType = "investment"        // crypto and investment schemes
	ScamFamily          ScamType = "family_emergency"  // "hi mum", grandchild in trouble
	ScamOther           ScamType = "other"             // scam behaviour with no clearer type
)

// Label is the scam type in plain words.
func (t ScamType) Label() string {
	switch t {
	case ScamNone:
		return ""
	case ScamTechSupport:
		return "Fake technical support"
	case ScamRefund:
		return "Fake refund"
	case ScamBankImpersonate:
		return "Fake bank or \"safe account\""
	case ScamGovernment:
		return "Fake tax office, benefits or police"
	case ScamDelivery:
		return "Fake parcel delivery fee"
	case ScamPrize:
		return "Fake prize, lottery or grant"
	case ScamInvestment:
		return "Investment or cryptocurrency scam"
	case ScamFamily:
		return "Fake family emergency"
	case ScamOther:
		return "Other scam"
	}
	return string(t)
}

// Stage is a step of the scam as scam-playbook.md describes it (S0 lure to
// S8 persistence). Indicators that speak for a genuine call use StageGenuine.
type Stage string

// Stages of the tech-support scam, shared by the other impersonation scams.
const (
	StageLure        Stage = "S0"
	StageAuthority   Stage = "S1"
	StageRemote      Stage = "S2"
	StageDiagnosis   Stage = "S3"
	StageUrgency     Stage = "S4"
	StageSales       Stage = "S5"
	StagePayment     Stage = "S6"
	StageBankAccess  Stage = "S7"
	StagePersistence Stage = "S8"
	StageGenuine     Stage = "G" // behaviour of genuine organisations
)

// Indicator is one explained piece of evidence found in the text: a stable
// code, the scam stage it belongs to, its weight, the words that raised it
// and a plain-English explanation.
//
// Start and End are offsets in characters (Unicode code points) into the
// original text, so text[Start:End] in a language that indexes by character
// gives Evidence. ByteStart and ByteEnd are the same span in UTF-8 bytes, for
// Go callers.
type Indicator struct {
	Code        string  `json:"code"`
	Stage       Stage   `json:"stage"`
	Weight      float64 `json:"weight"`
	Evidence    string  `json:"evidence"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	ByteStart   int     `json:"byte_start"`
	ByteEnd     int     `json:"byte_end"`
	Explanation string  `json:"explanation"`
	Speaker     string  `json:"speaker,omitempty"` // the speaker label, if the text had one
	Turn        int     `json:"turn"`              // 0-based index of the turn it was found in
	Source      string  `json:"source,omitempty"`  // "" for the text itself; "phone", "registry" or "site" for looked-up facts
}

// Entity kinds extracted from what was said.
const (
	EntityPhone        = "phone"        // a phone number, e.g. a callback number the caller gave
	EntityURL          = "url"          // a web address or domain, written or spoken
	EntityRemoteTool   = "remote_tool"  // a remote-access tool named or linked
	EntityPayment      = "payment"      // a payment instrument: gift card brand, crypto, wire, courier
	EntityAmount       = "amount"       // an amount of money
	EntityCode         = "code"         // a code read aloud or asked for
	EntityOrganisation = "organisation" // an organisation the caller claimed to be
)

// Entity is one thing extracted from the text: a number, a web address, a
// tool, a payment instrument, an amount, a code or a claimed organisation.
// Value is the normalised form ("anydesk.com", "+442079460000", "741852963",
// "GBP 300"). Offsets are as for Indicator.
type Entity struct {
	Kind      string     `json:"kind"`
	Value     string     `json:"value"`
	Evidence  string     `json:"evidence"`
	Start     int        `json:"start"`
	End       int        `json:"end"`
	ByteStart int        `json:"byte_start"`
	ByteEnd   int        `json:"byte_end"`
	Speaker   string     `json:"speaker,omitempty"`
	Number    *Number    `json:"number,omitempty"`   // for phone entities, when a number service is wired
	Org       *OrgMatch  `json:"org,omitempty"`      // for organisation entities, when a registry is wired
	Site      *SiteCheck `json:"site,omitempty"`     // for URL entities, when a site checker is wired
	Amount    float64    `json:"amount,omitempty"`   // for amounts
	Currency  string     `json:"currency,omitempty"` // for amounts: ISO 4217 code, "" when not said
}

// Analysis is the explained result of analysing a transcript or a person's
// notes about a call.
type Analysis struct {
	Verdict    Verdict     `json:"verdict"`
	Score      float64     `json:"score"` // calibrated probability that the call is a scam, 0..1
	ScamType   ScamType    `json:"scam_type"`
	Stages     []Stage     `json:"stages"`              // scam stages seen, in playbook order
	Indicators []Indicator `json:"indicators"`          // in order of appearance
	Reasons    []Reason    `json:"reasons"`             // the top reasons, most serious first
	Entities   []Entity    `json:"entities"`            // in order of appearance
	Turns      int         `json:"turns"`               // how many turns (speaker changes) the text had
	Truncated  bool        `json:"truncated,omitempty"` // true when indicator or entity lists hit their caps
}

// Turn is one contribution to a live call: what one speaker said. Speaker
// is optional; any label works ("caller", "Agent", "A").
type Turn struct {
	Speaker string `json:"speaker,omitempty"`
	Text    string `json:"text"`
}

// Alert is the warning raised the first time a live call crosses the warning
// threshold. Message names the trigger in plain words.
type Alert struct {
	Code     string   `json:"code"` // the code of the indicator that triggered it
	Stage    Stage    `json:"stage"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Evidence string   `json:"evidence"`
	Score    float64  `json:"score"`
	Turn     int      `json:"turn"`
}

// TurnResult is what adding one turn to a live call returns: the running
// risk, the indicators this turn raised, and an alert the first time the call
// crosses the warning threshold.
type TurnResult struct {
	CallID        string      `json:"call_id"`
	Turn          int         `json:"turn"`
	Score         float64     `json:"score"`
	Verdict       Verdict     `json:"verdict"`
	ScamType      ScamType    `json:"scam_type"`
	NewIndicators []Indicator `json:"new_indicators"`
	Alert         *Alert      `json:"alert,omitempty"`
}

// Analyzer analyses what was said on a call.
type Analyzer interface {
	// Analyze analyses a transcript or notes. Returns EINVALID for empty
	// text or binary data, ETOOLARGE past the documented size cap.
	Analyze(ctx context.Context, text string) (*Analysis, error)
}
