package hangup

import (
	"context"
	"strings"
	"time"
)

// Ask is something a caller asked the person to do.
type Ask string

// What callers ask for. The values are the one vocabulary of things a caller
// can ask for and a person can do: the CLI's --asked words, the API's
// "asked" array, the check form's values, and (for the things a person can
// have done) the report's "happened" answers. ParseAsk also reads the older
// spellings ("remote-access", "installed_software").
const (
	AskInstall      Ask = "install"       // install software
	AskRemoteAccess Ask = "remote_access" // let them into the computer or phone
	AskWebsite      Ask = "website"       // go to a website
	AskPayment      Ask = "payment"       // pay money
	AskGiftCard     Ask = "gift_card"     // buy gift cards and read out the numbers
	AskCrypto       Ask = "crypto"        // pay in cryptocurrency
	AskBankDetails  Ask = "bank_details"  // give bank account details or log in to online banking
	AskCardDetails  Ask = "card_details"  // give card details
	AskPasswords    Ask = "passwords"     // give passwords, PINs or one-time codes
	AskMoveMoney    Ask = "move_money"    // move money to another ("safe") account
	AskCash         Ask = "cash"          // withdraw cash, or hand cash, cards or valuables to someone
	AskPersonal     Ask = "personal"      // give personal details: date of birth, National Insurance or social security number
)

// Asks lists every Ask in the order forms show them.
var Asks = []Ask{AskInstall, AskRemoteAccess, AskWebsite, AskPayment, AskGiftCard, AskCrypto,
	AskBankDetails, AskCardDetails, AskPasswords, AskMoveMoney, AskCash, AskPersonal}

// askAliases are the other words clients used for the same things: the
// report's older "happened" answers. Hyphenated spellings ("gift-card")
// need no entry: Word folds them.
var askAliases = map[string]Ask{
	"installed_software": AskInstall, "install_software": AskInstall, "installed": AskInstall,
	"visited_site": AskWebsite, "visit_site": AskWebsite,
	"paid": AskPayment, "pay": AskPayment,
	"gift_cards": AskGiftCard, "giftcard": AskGiftCard, "giftcards": AskGiftCard,
	"password": AskPasswords,
}

// ParseAsk reads an Ask as people and older clients write it: any case,
// hyphens or spaces for underscores, and the aliases above. ok is false for
// anything else.
func ParseAsk(s string) (Ask, bool) {
	w := Word(s)
	if a, ok := askAliases[w]; ok {
		return a, true
	}
	for _, a := range Asks {
		if string(a) == w {
			return a, true
		}
	}
	return Ask(s), false
}

// UnmarshalText reads an Ask with ParseAsk. A word it doesn't know is kept
// as given, so validation can name it.
func (a *Ask) UnmarshalText(b []byte) error {
	*a, _ = ParseAsk(string(b))
	return nil
}

// Label is the Ask in the person's words, completing "They asked me to…".
func (a Ask) Label() string {
	switch a {
	case AskInstall:
		return "Install a program or app"
	case AskRemoteAccess:
		return "Let them into my computer or phone (they could see my screen)"
	case AskWebsite:
		return "Go to a website"
	case AskPayment:
		return "Pay money"
	case AskGiftCard:
		return "Buy gift cards or read out gift card numbers"
	case AskCrypto:
		return "Pay in Bitcoin or another cryptocurrency"
	case AskBankDetails:
		return "Give my bank details or log in to my bank"
	case AskCardDetails:
		return "Give my card details"
	case AskPasswords:
		return "Tell them a password, PIN or a code sent to my phone"
	case AskMoveMoney:
		return "Move my money to another account to keep it safe"
	case AskCash:
		return "Take out cash, or hand over cash, cards or valuables"
	case AskPersonal:
		return "Give personal details such as my date of birth or National Insurance number"
	}
	return string(a)
}

// Word folds a word from a form, a flag or an API field to the vocabulary's
// spelling: trimmed, lower case, with hyphens and spaces as underscores.
func Word(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

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
	// Alerts are the live public alerts about the organisation claimed
	// ("Scammers are calling in our name…"), newest first.
	Alerts []*PublicAlert `json:"alerts,omitempty"`
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

// SharedCheck is a check result kept for a short link ("/c/7K3MQ9TXAB"), so
// a person can come back to the answer or show it to someone they trust. It
// holds no personal data: the request without the person's notes, and the
// result without the analysis of the notes (which quotes them); reasons
// found in the notes keep their explanation but not the quoted words.
type SharedCheck struct {
	ID        string       `json:"id"`
	CreatedAt time.Time    `json:"created_at"`
	ExpiresAt time.Time    `json:"expires_at"`
	Request   CheckRequest `json:"request"`
	Result    CheckResult  `json:"result"`
}

// SharedCheckStore keeps shared checks until they expire.
type SharedCheckStore interface {
	// SaveSharedCheck stores c. Returns ECONFLICT if its ID exists.
	SaveSharedCheck(ctx context.Context, c *SharedCheck) error
	// FindSharedCheck returns the shared check with this ID. ENOTFOUND if
	// there is none, or it expired before now.
	FindSharedCheck(ctx context.Context, id string, now time.Time) (*SharedCheck, error)
	// DeleteExpiredSharedChecks deletes the checks that expired before now
	// and returns how many.
	DeleteExpiredSharedChecks(ctx context.Context, now time.Time) (int, error)
}
