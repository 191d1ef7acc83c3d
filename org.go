package hangup

import "context"

// OrgKind is the broad category of an organisation. People often claim a
// category rather than a name ("your internet provider", "the bank").
type OrgKind string

// Organisation kinds.
const (
	KindTechnology       OrgKind = "technology"        // software and device makers
	KindITServices       OrgKind = "it_services"       // IT support and managed-service companies
	KindISP              OrgKind = "isp"               // internet and phone providers
	KindBank             OrgKind = "bank"              // banks and card issuers
	KindGovernment       OrgKind = "government"        // tax, benefits, police and other public bodies
	KindReportingService OrgKind = "reporting_service" // official places to report fraud
	KindSecurity         OrgKind = "security"          // antivirus and security vendors
	KindRetail           OrgKind = "retail"            // shops and marketplaces
	KindDelivery         OrgKind = "delivery"          // couriers and postal services
	KindUtility          OrgKind = "utility"           // energy and water
	KindOther            OrgKind = "other"
)

// OrgKinds lists every kind, for validation and forms.
var OrgKinds = []OrgKind{KindTechnology, KindITServices, KindISP, KindBank, KindGovernment,
	KindReportingService, KindSecurity, KindRetail, KindDelivery, KindUtility, KindOther}

// Source says where a fact comes from and when someone last checked it. At
// least one of URL and Document is set; Checked is a date, YYYY-MM-DD.
type Source struct {
	URL      string `json:"url,omitempty"`
	Document string `json:"document,omitempty"`
	Checked  string `json:"checked"`
}

// String returns the URL, or the document name when there is no URL.
func (s Source) String() string {
	if s.URL != "" {
		return s.URL
	}
	return s.Document
}

// NumberRole says how an organisation uses one of its numbers.
type NumberRole string

// Number roles.
const (
	RoleCallsOut     NumberRole = "calls_out"     // the organisation calls people from it
	RoleReceivesOnly NumberRole = "receives_only" // it never calls out from it (Do-Not-Originate)
	RoleSupport      NumberRole = "support"       // a line people call; it may or may not call out
)

// OrgNumber is one published number of an organisation.
type OrgNumber struct {
	Number string     `json:"number"` // as published, e.g. "01793 781800"
	E164   string     `json:"e164"`   // filled in from Number on load
	Role   NumberRole `json:"role"`
	Label  string     `json:"label"` // what the line is for, e.g. "Head office"
	Source Source     `json:"source"`
}

// OrgDomain is one website domain an organisation owns.
type OrgDomain struct {
	Domain string `json:"domain"` // registrable domain or host, lower case, e.g. "microsoft.com"
	Source Source `json:"source"`
}

// PolicyCode names one calling-policy statement. The set is fixed so that
// engines can reason about it; the organisation's own words go in Policy.Text.
type PolicyCode string

// Calling-policy statements an organisation can make about itself.
const (
	PolicyNoUnsolicitedCalls  PolicyCode = "no_unsolicited_calls" // never makes unsolicited calls
	PolicyExistingCustomers   PolicyCode = "calls_existing_customers_only"
	PolicyNoRemoteAccess      PolicyCode = "no_remote_access"        // never asks you to install remote-access software
	PolicyNoGiftCardsOrCrypto PolicyCode = "no_gift_cards_or_crypto" // never asks for payment by gift card or cryptocurrency
	PolicyNoPasswords         PolicyCode = "no_passwords_or_codes"   // never asks for passwords, PINs or codes
	PolicyNoPremiumRate       PolicyCode = "no_premium_rate"         // operates no premium-rate numbers
	PolicyNoSafeAccount       PolicyCode = "no_safe_account"         // never asks you to move money to a "safe account"
	PolicyNoNumberInErrors    PolicyCode = "no_number_in_error_messages"
	PolicyNoBankDetails       PolicyCode = "no_bank_details" // never asks for bank or card details on a call
)

// PolicyCodes lists every policy code, for validation.
var PolicyCodes = []PolicyCode{PolicyNoUnsolicitedCalls, PolicyExistingCustomers, PolicyNoRemoteAccess,
	PolicyNoGiftCardsOrCrypto, PolicyNoPasswords, PolicyNoPremiumRate, PolicyNoSafeAccount,
	PolicyNoNumberInErrors, PolicyNoBankDetails}

// Policy is one calling-policy statement with the organisation's words (quoted
// or closely paraphrased) and its source.
type Policy struct {
	Code   PolicyCode `json:"code"`
	Text   string     `json:"text"`
	Source Source     `json:"source"`
}

// ContactRoute is a genuine way to reach the organisation other than a phone
// number: a web page, an app, a form.
type ContactRoute struct {
	Text   string `json:"text"`
	URL    string `json:"url,omitempty"`
	Source Source `json:"source"`
}

// Organisation is one entry of the registry: who an organisation is, how to
// reach it for real, and what it says it never does. Every number, domain,
// route and policy carries its source.
type Organisation struct {
	ID      string   `json:"id"` // stable slug, e.g. "microsoft"
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Country string   `json:"country"` // ISO 3166-1 alpha-2, or "" for international
	Kind    OrgKind  `json:"kind"`
	// Generic entries stand for every organisation of their kind in their
	// country ("your bank"): they carry the statements all of them make.
	Generic     bool           `json:"generic,omitempty"`
	Description string         `json:"description,omitempty"`
	Domains     []OrgDomain    `json:"domains,omitempty"`
	Numbers     []OrgNumber    `json:"numbers,omitempty"`
	Contacts    []ContactRoute `json:"contacts,omitempty"`
	Policies    []Policy       `json:"policies,omitempty"`
}

// HasPolicy returns the policy with code c, if the organisation states it.
func (o *Organisation) HasPolicy(c PolicyCode) (Policy, bool) {
	for _, p := range o.Policies {
		if p.Code == c {
			return p, true
		}
	}
	return Policy{}, false
}

// CallBackNumbers returns the numbers a person can call to reach the
// organisation: support lines and receive-only lines first, then numbers it
// calls out from.
func (o *Organisation) CallBackNumbers() []OrgNumber {
	var out []OrgNumber
	for _, pass := range []func(NumberRole) bool{
		func(r NumberRole) bool { return r == RoleSupport || r == RoleReceivesOnly },
		func(r NumberRole) bool { return r == RoleCallsOut },
	} {
		for _, n := range o.Numbers {
			if pass(n.Role) {
				out = append(out, n)
			}
		}
	}
	return out
}

// MatchKind says how precisely a claim was matched.
type MatchKind string

// Match kinds.
const (
	MatchOrganisation MatchKind = "organisation" // a named organisation in the registry
	MatchCategory     MatchKind = "category"     // a generic claim: "your bank", "your internet provider"
	MatchUnknown      MatchKind = "unknown"      // nothing recognised
)

// OrgMatch is the result of matching what someone claimed ("Windows technical
// department") against the registry.
type OrgMatch struct {
	Kind         MatchKind     `json:"kind"`
	Organisation *Organisation `json:"organisation,omitempty"` // set when Kind is MatchOrganisation
	Category     OrgKind       `json:"category,omitempty"`     // set for organisations and categories
	Matched      string        `json:"matched,omitempty"`      // the name or alias that matched
	Score        float64       `json:"score"`                  // 1 is exact; lower means a fuzzier match
}

// OrganisationStore persists the registry. Implementations live in the
// database packages and must pass storetest.
type OrganisationStore interface {
	// ListOrganisations returns every organisation, ordered by ID.
	ListOrganisations(ctx context.Context) ([]*Organisation, error)
	// FindOrganisation returns one organisation. Returns ENOTFOUND if there
	// is no organisation with that ID.
	FindOrganisation(ctx context.Context, id string) (*Organisation, error)
	// ReplaceOrganisations applies orgs all-or-nothing: each is inserted or
	// replaced whole by ID; organisations not named are kept. Returns
	// EINVALID (nothing changed) if any entry fails validation.
	ReplaceOrganisations(ctx context.Context, orgs []*Organisation) error
	// DeleteOrganisation removes one organisation. Returns ENOTFOUND if there
	// is none with that ID.
	DeleteOrganisation(ctx context.Context, id string) error
}

// OrganisationMatcher matches claims and looks up registry facts from memory.
type OrganisationMatcher interface {
	// MatchOrganisation matches a claim as people say it. An empty or
	// unrecognised claim gives Kind MatchUnknown.
	MatchOrganisation(claim string) OrgMatch
	// OrganisationByNumber returns the organisation publishing the number
	// (E.164) and the entry for it.
	OrganisationByNumber(e164 string) (*Organisation, OrgNumber, bool)
}
