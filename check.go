package hangup

import (
	"context"
	"strings"
)

// Ask is something a caller asked the person to do.
type Ask string

// What callers ask for. The values are the CLI's --asked words and the API's
// "asked" array elements.
const (
	AskInstall      Ask = "install"       // install software
	AskRemoteAccess Ask = "remote-access" // let them into the computer or phone
	AskWebsite      Ask = "website"       // go to a website
	AskPayment      Ask = "payment"       // pay money
	AskGiftCard     Ask = "gift-card"     // buy gift cards and read out the numbers
	AskCrypto       Ask = "crypto"        // pay in cryptocurrency
	AskBankDetails  Ask = "bank-details"  // give bank account details or log in to online banking
	AskCardDetails  Ask = "card-details"  // give card details
	AskPasswords    Ask = "passwords"     // give passwords, PINs or one-time codes
	AskMoveMoney    Ask = "move-money"    // move money to another ("safe") account
	AskCash         Ask = "cash"          // withdraw cash, or hand cash, cards or valuables to someone
	AskPersonal     Ask = "personal"      // give personal details: date of birth, National Insurance or social security number
)

// Asks lists every Ask in the order forms show them.
var Asks = []Ask{AskInstall, AskRemoteAccess, AskWebsite, AskPayment, AskGiftCard, AskCrypto,
	AskBankDetails, AskCardDetails, AskPasswords, AskMoveMoney, AskCash, AskPersonal}

// CheckRequest is what a person tells Hangup about a call.
type CheckRequest struct {
	Number  string  `json:"number"`  // the number shown or given, as typed; "" or "withheld" if hidden
	Claims  string  `json:"claims"`  // who the caller said they were
	Started Started `json:"started"` // how the contact began; "" means DefaultStarted
	// Unsolicited is the older way to say Started "they_called": true sets
	// it when Started is empty; false says nothing.
	Unsolicited bool   `json:"unsolicited,omitempty"`
	Asked       []Ask  `json:"asked"`   // what they asked for
	Notes       string `json:"notes"`   // what was said, in the person's words
	Website     string `json:"website"` // a website the caller named, if any
}

// HowStarted is the request's Started, with the Unsolicited alias and the
// default applied.
func (r *CheckRequest) HowStarted() Started {
	switch {
	case r.Started != "":
		return r.Started
	case r.Unsolicited:
		return StartedTheyCalled
	}
	return DefaultStarted
}

// Empty reports whether the request says nothing a check could judge.
func (r *CheckRequest) Empty() bool {
	return blank(r.Number) && blank(r.Claims) && len(r.Asked) == 0 && blank(r.Notes) && blank(r.Website)
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// CheckVerdict is the one-word answer of a check.
type CheckVerdict string

// Verdicts.
const (
	CheckStop       CheckVerdict = "stop"         // hang up: this is a scam or behaves exactly like one
	CheckCaution    CheckVerdict = "caution"      // warning signs: check before doing anything
	CheckNoRedFlags CheckVerdict = "no_red_flags" // no warning signs found yet (never "safe": caller ID can be faked)
	CheckNotEnough  CheckVerdict = "not_enough"   // too little to judge: say what to add, and the universal advice
)

// CheckedOrganisation is the registry entry a claim matched, as a check
// result shows it.
type CheckedOrganisation struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	Generic         bool           `json:"generic,omitempty"`
	OfficialNumbers []OrgNumber    `json:"official_numbers"`
	Policies        []Policy       `json:"policies"`
	Contacts        []ContactRoute `json:"contacts,omitempty"`
	Domains         []string       `json:"domains,omitempty"`
}

// CallBack is the genuine number to call back on, always from the registry,
// never from the caller.
type CallBack struct {
	Number       string `json:"number"` // "" when the route is a contact page
	E164         string `json:"e164,omitempty"`
	URL          string `json:"url,omitempty"` // the organisation's own contact page, when it has no number to call
	Label        string `json:"label"`
	Organisation string `json:"organisation"`
	Source       Source `json:"source"`
}

// CheckResult is the answer to a CheckRequest. Its JSON form is a stable API
// contract.
type CheckResult struct {
	Verdict      CheckVerdict         `json:"verdict"`
	Summary      string               `json:"summary"` // the verdict in one plain sentence
	Reasons      []Reason             `json:"reasons"` // most serious first
	Organisation *CheckedOrganisation `json:"organisation"`
	Claim        *OrgMatch            `json:"claim,omitempty"`
	Started      Started              `json:"started"`       // how the contact began, as the check understood it
	NumberStatus NumberStatus         `json:"number_status"` // what the registry makes of the number
	Number       *Number              `json:"number"`
	CallBack     *CallBack            `json:"call_back"`
	NextSteps    []string             `json:"next_steps"`
	Reputation   *Reputation          `json:"reputation,omitempty"` // what reports say about the number shown
	Site         *SiteCheck           `json:"site,omitempty"`       // the website the caller named, checked
	Analysis     *Analysis            `json:"analysis,omitempty"`   // what the notes say, indicator by indicator
}

// NumberStatus says what the registry makes of the number shown or given,
// against the organisation claimed.
type NumberStatus string

// Number statuses.
const (
	NumberNotGiven    NumberStatus = "not_given"    // no number, or withheld
	NumberOfficial    NumberStatus = "official"     // the claimed organisation (or, with no claim, some organisation) publishes it
	NumberNotOfficial NumberStatus = "not_official" // the claimed organisation does not publish it
	NumberOtherOrgs   NumberStatus = "other_org"    // another organisation than the one claimed publishes it
	NumberUnlisted    NumberStatus = "unlisted"     // no organisation in the registry publishes it
)

// ReputationLookup gives a number's reputation from memory.
type ReputationLookup interface {
	// Lookup returns the reputation of an E.164 number; unknown numbers
	// get verdict "unknown".
	Lookup(e164 string) Reputation
}

// Checker checks claims about calls.
type Checker interface {
	// Check validates req and returns the verdict. Returns EINVALID with
	// per-field details for bad input, ETOOLARGE for oversized fields.
	Check(ctx context.Context, req CheckRequest) (*CheckResult, error)
}
