package hangup

// NumberType is the kind of service a phone number belongs to, as
// libphonenumber's metadata classifies it, plus short codes.
type NumberType string

// Number types.
const (
	NumberFixedLine         NumberType = "fixed_line"
	NumberMobile            NumberType = "mobile"
	NumberFixedLineOrMobile NumberType = "fixed_line_or_mobile"
	NumberTollFree          NumberType = "toll_free"
	NumberPremiumRate       NumberType = "premium_rate"
	NumberSharedCost        NumberType = "shared_cost"
	NumberVoIP              NumberType = "voip"
	NumberPersonal          NumberType = "personal_number"
	NumberPager             NumberType = "pager"
	NumberUAN               NumberType = "uan"
	NumberVoicemail         NumberType = "voicemail"
	NumberShortCode         NumberType = "short_code"
	NumberUnknown           NumberType = "unknown"
)

// Number is everything Hangup knows about a phone number taken from what a
// person typed or read out. Parsing never fails hard: an unparseable input
// comes back with Valid false, an empty E164 and a finding that says why.
type Number struct {
	Input         string     `json:"input"`
	E164          string     `json:"e164"`
	Valid         bool       `json:"valid"`  // the number can be a working number: its shape fits the numbering plan and (UK) Ofcom's data doesn't rule it out
	Region        string     `json:"region"` // ISO 3166-1 alpha-2, "" if unknown
	Country       string     `json:"country,omitempty"`
	CountryCode   int        `json:"country_code,omitempty"`
	Type          NumberType `json:"type"`
	National      string     `json:"national,omitempty"`      // formatted for dialling at home
	International string     `json:"international,omitempty"` // formatted for dialling from abroad
	Extension     string     `json:"extension,omitempty"`
	UK            *UKRange   `json:"uk"` // nil unless the number is a UK number
	Findings      []Reason   `json:"findings"`
}

// HasFinding reports whether the number carries the finding with this code.
func (n *Number) HasFinding(code string) bool {
	for _, f := range n.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Unreadable reports whether the input could not be read as a phone number
// at all, as opposed to a readable number that cannot exist (which is
// evidence, not an input error). Why is in Findings[0].
func (n *Number) Unreadable() bool {
	return !n.Valid && n.E164 == "" && n.Type != NumberShortCode
}

// UnreadableReason says in plain words why the input is not a number.
func (n *Number) UnreadableReason() string {
	if len(n.Findings) > 0 {
		return n.Findings[0].Message
	}
	return "We couldn't read this as a phone number."
}

// LookupKey is the form registries and indexes know a number by: E.164, or
// for a short number (159) its digits.
func (n *Number) LookupKey() string {
	if n.E164 != "" {
		return n.E164
	}
	return n.National
}

// UKRange is what Ofcom's numbering data says about a UK number: which range
// of the National Telephone Numbering Plan it falls in and, where the shipped
// block tables cover it, the status of its block and who holds it.
type UKRange struct {
	Range       string `json:"range"`                  // stable code, e.g. "premium_rate", "personal_numbering"
	Description string `json:"description"`            // what the range is, in plain words
	Checked     bool   `json:"checked"`                // false when no shipped table covers the number
	Block       string `json:"block,omitempty"`        // the Ofcom block, national format, e.g. "0906 12"
	Status      string `json:"status,omitempty"`       // e.g. "allocated", "free", "quarantined"
	Provider    string `json:"provider,omitempty"`     // communications provider holding the block
	AllocatedOn string `json:"allocated_on,omitempty"` // YYYY-MM-DD
	Source      string `json:"source,omitempty"`       // which table, with its date
}

// NumberService classifies phone numbers.
type NumberService interface {
	// ParseNumber classifies input (any format people use). It never returns
	// an error for bad input: the result says Valid false and why.
	ParseNumber(input string) Number
}
