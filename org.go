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
	KindBank             OrgKind = "bank"              // banks, building societies and card issuers
	KindPayments         OrgKind = "payments"          // payment firms, card schemes, money transfer
	KindCrypto           OrgKind = "crypto"            // cryptocurrency exchanges
	KindGovernment       OrgKind = "government"        // tax, benefits, licensing, health, courts and other public bodies
	KindPolice           OrgKind = "police"            // police forces and law-enforcement agencies
	KindReportingService OrgKind = "reporting_service" // official places to report fraud
	KindSecurity         OrgKind = "security"          // antivirus and security vendors
	KindRetail           OrgKind = "retail"            // shops, marketplaces and streaming services
	KindDelivery         OrgKind = "delivery"          // couriers and postal services
	KindUtility          OrgKind = "utility"           // energy and water
	KindCharity          OrgKind = "charity"           // charities
	KindOther            OrgKind = "other"
)

// OrgKinds lists every kind, for validation and forms.
var OrgKinds = []OrgKind{KindTechnology, KindITServices, KindISP, KindBank, KindPayments, KindCrypto,
	KindGovernment, KindPolice, KindReportingService, KindSecurity, KindRetail, KindDelivery, KindUtility,
	KindCharity, KindOther}

// Noun returns the kind as people say it in a sentence: "a bank", "an
// internet or phone provider".
func (k OrgKind) Noun() string {
	switch k {
	case KindTechnology:
		return "a technology company"
	case KindITServices:
		return "an IT support company"
	case KindISP:
		return "an internet or phone provider"
	case KindBank:
		return "a bank"
	case KindPayments:
		return "a payment company"
	case KindCrypto:
		return "a cryptocurrency exchange"
	case KindGovernment:
		return "a government body"
	case KindPolice:
		return "the police"
	case KindReportingService:
		return "a fraud reporting service"
	case KindSecurity:
		return "an antivirus or security company"
	case KindRetail:
		return "a shop or online service"
	case KindDelivery:
		return "a delivery company"
	case KindUtility:
		return "an energy or water company"
	case KindCharity:
		return "a charity"
	}
	return "an organisation"
}

// Source says where a fact comes from and when someone last checked it. At
// least one of URL and Document is set; Checked is a date, YYYY-MM-DD.
type Source struct {
	URL      string `json:"url,omitempty"`
	Document string `json:"document,omitempty"`
	Checked  string `json:"checked"`
	// Type is SourceOrganisation for a fact the organisation published
	// itself through Hangup (and verified); empty for the registry's own
	// research. Registry files may not set it.
	Type string `json:"type,omitempty"`
}

// SourceOrganisation marks a fact the organisation published and verified
// through Hangup's organisation portal.
const SourceOrganisation = "organisation"

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
	// CallBack marks the line to give people who want to check a call:
	// when an entry marks one (a number or a contact route), it is used
	// before any other.
	CallBack bool   `json:"callback,omitempty"`
	Source   Source `json:"source"`
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
	PolicyNoBankDetails       PolicyCode = "no_bank_details"      // never asks for bank or card details on a call
	PolicyNoThreats           PolicyCode = "no_threats_of_arrest" // never threatens arrest, prosecution or immediate legal action
	PolicyNoRedeliveryFee     PolicyCode = "no_redelivery_fee"    // never asks for a redelivery or customs fee by phone or text
	PolicyNoPaymentByPhone    PolicyCode = "no_payment_by_phone"  // never demands payment over the phone
	PolicyNoCashCollection    PolicyCode = "no_cash_collection"   // never sends someone to collect cash, cards or valuables
	PolicyNoLinksInTexts      PolicyCode = "no_links_in_texts"    // never sends texts or emails with links asking for details
	PolicyNoPersonalDetails   PolicyCode = "no_personal_details"  // never asks for personal identifiers out of the blue
)

// PolicyCodes lists every policy code, for validation.
var PolicyCodes = []PolicyCode{PolicyNoUnsolicitedCalls, PolicyExistingCustomers, PolicyNoRemoteAccess,
	PolicyNoGiftCardsOrCrypto, PolicyNoPasswords, PolicyNoPremiumRate, PolicyNoSafeAccount,
	PolicyNoNumberInErrors, PolicyNoBankDetails, PolicyNoThreats, PolicyNoRedeliveryFee,
	PolicyNoPaymentByPhone, PolicyNoCashCollection, PolicyNoLinksInTexts, PolicyNoPersonalDetails}

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
	Text     string `json:"text"`
	URL      string `json:"url,omitempty"`
	CallBack bool   `json:"callback,omitempty"` // the route to give people who want to check a call; see OrgNumber.CallBack
	Source   Source `json:"source"`
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
	// Publisher is set, never by a registry file, when the organisation
	// proved control of its domain and publishes its own facts.
	Publisher *Publisher `json:"publisher,omitempty"`
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
	// Note explains, in plain words, how an ambiguous claim was resolved
	// ("the tax office" in the UK is HMRC), or that it could not be.
	Note string `json:"note,omitempty"`
	// Others names the other organisations the claim could also mean.
	Others []string `json:"others,omitempty"`
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
	// MatchOrganisation matches a claim as people say it. Region (ISO
	// 3166-1, or "") is where the call is from or the person is: it resolves
	// claims that name a different organisation in each country ("the tax
	// office"). An empty or unrecognised claim gives Kind MatchUnknown.
	MatchOrganisation(claim, region string) OrgMatch
	// KindPolicies returns the generic entries that speak for every
	// organisation of kind in country (for the UK's banks, UK Finance's Take
	// Five), most specific first: country's own, then international. Their
	// policies apply when an organisation's own are silent.
	KindPolicies(kind OrgKind, country string) []*Organisation
	// OrganisationByID returns the organisation with id.
	OrganisationByID(id string) (*Organisation, bool)
	// OrganisationByNumber returns the organisation publishing the number
	// (E.164) and the entry for it.
	OrganisationByNumber(e164 string) (*Organisation, OrgNumber, bool)
}
