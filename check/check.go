// Package check is the claim-check engine: "someone says they're from X,
// calling from N, and wants me to do Y" in, a verdict with its reasons, the
// organisation's real contact route and the next steps out. The CLI, the API
// and the web pages all call Engine.Check and render its result.
package check

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// Input limits. They are part of the API contract (documented in the
// OpenAPI description) and apply to every interface alike.
const (
	MaxNumberLen  = 64
	MaxClaimsLen  = 200
	MaxNotesLen   = 20000 // characters
	MaxWebsiteLen = 2048
)

// Reason codes raised by the engine itself. Number findings keep their own
// codes (package phone), as do site and analysis findings.
const (
	CodeWithheld            = "check.number_withheld"
	CodeSpoofableMatch      = "check.caller_id_can_be_faked"
	CodeNotOfficialNumber   = "check.not_an_official_number"
	CodeReceiveOnlyNumber   = "check.receive_only_number"
	CodeOtherOrgsNumber     = "check.number_of_another_organisation"
	CodeUnsolicitedSupport  = "check.unsolicited_tech_support"
	CodeUnsolicitedUnknown  = "check.unsolicited_unknown_caller"
	CodeGenericISPClaim     = "check.vague_claim"
	CodePolicyPrefix        = "check.policy."
	CodeAskRemoteAccess     = "check.asked.remote_access"
	CodeAskInstall          = "check.asked.install"
	CodeAskGiftCard         = "check.asked.gift_card"
	CodeAskCrypto           = "check.asked.crypto"
	CodeAskPasswords        = "check.asked.passwords"
	CodeAskBankDetails      = "check.asked.bank_details"
	CodeAskCardDetails      = "check.asked.card_details"
	CodeAskPayment          = "check.asked.payment"
	CodeAskWebsite          = "check.asked.website"
	CodeUnknownOrganisation = "check.organisation_unknown"
	CodeAskMoveMoney        = "check.asked.move_money"
	CodeAskCash             = "check.asked.cash"
	CodeAskPersonal         = "check.asked.personal"
	CodeNumberConfirmed     = "check.number_confirmed" // the number given is the organisation's own
	CodeGivenNotOfficial    = "check.given_number_not_official"
	CodeGivenOtherOrgs      = "check.given_number_of_another_organisation"
	CodeGivenUnknown        = "check.given_number_unknown"
	CodePopupNumber         = "check.popup_with_number"
	CodeAmbiguousClaim      = "check.claim_ambiguous"
)

// Engine checks claims. It is safe for concurrent use; all its lookups are
// in memory.
type Engine struct {
	numbers    hangup.NumberService
	region     string // where people using this server are, for claims and numbers without a country
	orgs       hangup.OrganisationMatcher
	reputation hangup.ReputationLookup
	sites      hangup.SiteChecker
	analyzer   hangup.Analyzer
	alerts     hangup.AlertLookup
}

var _ hangup.Checker = (*Engine)(nil)

// New returns an Engine over a number service and the registry. When the
// number service says which country it assumes (phone.Service does), claims
// without a number are read for that country.
func New(numbers hangup.NumberService, orgs hangup.OrganisationMatcher) *Engine {
	e := &Engine{numbers: numbers, orgs: orgs}
	if r, ok := numbers.(interface{ DefaultRegion() string }); ok {
		e.region = r.DefaultRegion()
	}
	return e
}

// WithAnalyzer makes the engine analyse the person's notes of what was said
// (one implementation with the analysis API). It returns e for chaining.
func (e *Engine) WithAnalyzer(a hangup.Analyzer) *Engine {
	e.analyzer = a
	return e
}

// WithSites makes the engine check the website a caller named. It returns e
// for chaining.
func (e *Engine) WithSites(s hangup.SiteChecker) *Engine {
	e.sites = s
	return e
}

// WithAlerts makes the engine quote the live public alerts about the
// organisation a caller claimed to be. It returns e for chaining.
func (e *Engine) WithAlerts(a hangup.AlertLookup) *Engine {
	e.alerts = a
	return e
}

// WithReputation makes the engine weigh what reports say about the number
// shown. It returns e for chaining.
func (e *Engine) WithReputation(r hangup.ReputationLookup) *Engine {
	e.reputation = r
	return e
}

// withheldWords are what people type when no number was shown.
var withheldWords = map[string]bool{"withheld": true, "private": true, "hidden": true, "unknown": true,
	"anonymous": true, "no caller id": true, "number withheld": true, "private number": true,
	"unavailable": true, "no number": true, "none": true}

// Validate checks a request's fields and returns an EINVALID or ETOOLARGE
// error naming each bad field. Forms, the API and the CLI all rely on it.
func Validate(req *hangup.CheckRequest) error {
	var p hangup.Problems
	p.Text("number", req.Number, MaxNumberLen)
	p.Text("claims", req.Claims, MaxClaimsLen)
	p.Text("notes", req.Notes, MaxNotesLen)
	p.Text("website", req.Website, MaxWebsiteLen)
	for i, a := range req.Asked {
		if v, ok := hangup.ParseAsk(string(a)); ok {
			req.Asked[i] = v // older spellings ("remote-access") stay accepted
			continue
		}
		p.Add("asked", fmt.Sprintf("%q is not something Hangup knows a caller to ask for. Use %s.", a, askList()))
	}
	if len(req.Asked) > 2*len(hangup.Asks) {
		p.Add("asked", fmt.Sprintf("What they asked you to do lists too many things. Give each of them once, at most %d.", len(hangup.Asks)))
	}
	if req.Started != "" {
		if v, ok := hangup.ParseStarted(string(req.Started)); ok {
			req.Started = v
		} else {
			p.Add("started", fmt.Sprintf("%q is not a way a call can start that Hangup knows. Use %s.", req.Started, startedList()))
		}
	}
	return p.Err()
}

func startedList() string {
	s := make([]string, len(hangup.StartedValues))
	for i, v := range hangup.StartedValues {
		s[i] = string(v)
	}
	return orList(s)
}

func askList() string {
	s := make([]string, len(hangup.Asks))
	for i, a := range hangup.Asks {
		s[i] = string(a)
	}
	return orList(s)
}

// orList writes "a, b or c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// Check implements hangup.Checker.
func (e *Engine) Check(ctx context.Context, req hangup.CheckRequest) (*hangup.CheckResult, error) {
	if err := Validate(&req); err != nil {
		return nil, err
	}
	c := &call{req: req, asked: map[hangup.Ask]bool{}, started: req.HowStarted(), region: e.region}
	c.theyCalled = c.started == hangup.StartedTheyCalled
	c.unsure = c.started == hangup.StartedUnsure
	for _, a := range req.Asked {
		c.asked[a] = true
	}
	if err := e.number(c); err != nil {
		return nil, err
	}
	e.claim(c)
	if c.req.Started.GaveNumber() || c.started.GaveNumber() {
		e.givenNumber(c)
	} else {
		e.numberVsClaim(c)
	}
	e.reputationOf(c)
	if err := e.website(c); err != nil {
		return nil, err
	}
	if err := e.notes(ctx, c); err != nil {
		return nil, err
	}
	c.policies()
	c.asks()
	c.unsolicited()
	res := c.result()
	res.Alerts = AlertsFor(e.alerts, res.Organisation, time.Now())
	return res, nil
}

// AlertsFor returns the live alerts about a checked organisation (none
// for a generic entry such as "your bank"): what a check result shows, and
// what a shared result shows again when it is opened.
func AlertsFor(alerts hangup.AlertLookup, o *hangup.CheckedOrganisation, now time.Time) []*hangup.PublicAlert {
	if alerts == nil || o == nil || o.Generic {
		return nil
	}
	return alerts.LiveAlerts(o.ID, now)
}

// caller, the subject of sentences about what happened, in the person's
// terms: "The caller" on a call, "They" when the person made the call.
func (c *call) caller() string {
	if c.theyCalled || c.unsure {
		return "The caller"
	}
	return "They"
}

// call holds one check's working state.
type call struct {
	req        hangup.CheckRequest
	started    hangup.Started // with the default and the old alias applied
	theyCalled bool           // they rang out of the blue
	unsure     bool           // the person doesn't know how it began
	region     string         // the number's country, else the server's
	asked      map[hangup.Ask]bool
	status     hangup.NumberStatus
	number     *hangup.Number
	withheld   bool
	match      hangup.OrgMatch
	org        *hangup.Organisation // the claimed organisation (or generic entry)
	owner      *hangup.Organisation // the organisation publishing the number shown
	ownerNum   hangup.OrgNumber
	kindOrgs   []*hangup.Organisation // generic entries that speak for the claimed organisation's kind
	reasons    []hangup.Reason
	rep        *hangup.Reputation
	site       *hangup.SiteCheck
	analysis   *hangup.Analysis
}

func (c *call) add(r hangup.Reason) {
	for _, have := range c.reasons {
		if have.Code == r.Code {
			return
		}
	}
	c.reasons = append(c.reasons, r)
}

func (e *Engine) number(c *call) error {
	in := strings.TrimSpace(c.req.Number)
	c.status = hangup.NumberNotGiven
	if in == "" {
		return nil
	}
	if withheldWords[strings.ToLower(in)] {
		c.withheld = true
		c.add(hangup.Reason{Code: CodeWithheld, Severity: hangup.SeverityLow,
			Message: "The caller hid their number. You can't call a hidden number back, so if you want to check, call the organisation yourself on a number you trust."})
		return nil
	}
	n := e.numbers.ParseNumber(in)
	if n.Unreadable() {
		return hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number", Message: n.UnreadableReason()})
	}
	c.number = &n
	c.status = hangup.NumberUnlisted
	if n.Region != "" {
		c.region = n.Region
	}
	for _, f := range n.Findings {
		if f.Severity != hangup.SeverityInfo {
			c.add(f)
		}
	}
	return nil
}

func (e *Engine) claim(c *call) {
	claim := strings.TrimSpace(c.req.Claims)
	c.match = e.orgs.MatchOrganisation(claim, c.region)
	c.org = c.match.Organisation
	if c.org != nil {
		country := c.org.Country
		if country == "" {
			country = c.region // an international organisation: what its kind says where the person is
		}
		c.kindOrgs = e.orgs.KindPolicies(c.org.Kind, country)
		if c.org.Generic {
			c.kindOrgs = slices.DeleteFunc(c.kindOrgs, func(o *hangup.Organisation) bool { return o == c.org })
		}
	} else if c.match.Kind == hangup.MatchCategory {
		c.kindOrgs = e.orgs.KindPolicies(c.match.Category, c.region)
	} else if c.started == hangup.StartedPopup {
		// A pop-up that names nobody still claims to be a warning from
		// your computer: what technology companies say applies.
		c.kindOrgs = e.orgs.KindPolicies(hangup.KindTechnology, c.region)
	}
	if c.match.Note != "" {
		c.add(hangup.Reason{Code: CodeAmbiguousClaim, Severity: hangup.SeverityInfo, Message: c.match.Note})
	}
	switch {
	case claim == "":
	case c.match.Kind == hangup.MatchUnknown && c.theyCalled:
		// Never green: Hangup knowing nothing about a name is not a reason
		// to trust a call out of the blue in it.
		c.add(hangup.Reason{Code: CodeUnknownOrganisation, Severity: hangup.SeverityMedium,
			Message: fmt.Sprintf("Hangup doesn't know %q, so we can't tell you its real number or what it says it never does. A genuine organisation won't mind you hanging up and calling back on a number you find yourself, on a bill, a letter or its own website.", claim)})
	case c.match.Kind == hangup.MatchUnknown:
		c.add(hangup.Reason{Code: CodeUnknownOrganisation, Severity: hangup.SeverityInfo,
			Message: fmt.Sprintf("Hangup doesn't know %q, so we can't tell you its real number. Find it yourself on a bill, a card or the organisation's own website.", claim)})
	case c.match.Kind == hangup.MatchCategory && (c.org == nil || c.org.Generic) && c.theyCalled:
		c.add(hangup.Reason{Code: CodeGenericISPClaim, Severity: hangup.SeverityMedium,
			Message: fmt.Sprintf("The caller said only %q, not which one. Scammers keep it vague so it fits whoever you use: hang up and call the one you deal with on the number on your bill, card or statement.", claim)})
	}
}

// numberVsClaim compares the number shown with the registry: whose number
// it is, and whether the claimed organisation ever calls from it.
func (e *Engine) numberVsClaim(c *call) {
	if c.number == nil {
		return
	}
	c.lookupOwner(e)
	if c.owner != nil {
		if c.ownerNum.Role == hangup.RoleReceivesOnly {
			c.add(hangup.Reason{Code: CodeReceiveOnlyNumber, Severity: hangup.SeverityHigh,
				Message: fmt.Sprintf("%s is %s's number for people to call in. %s never calls out from it, so a call showing it has a faked caller ID.",
					displayNumber(c.number), c.owner.Name, c.owner.Name),
				Source: c.ownerNum.Source.String()})
		}
		if c.org != nil && !c.org.Generic && c.org.ID != c.owner.ID {
			c.add(hangup.Reason{Code: CodeOtherOrgsNumber, Severity: hangup.SeverityMedium,
				Message: fmt.Sprintf("The number shown belongs to %s, not %s.", c.owner.Name, c.org.Name),
				Source:  c.ownerNum.Source.String()})
		}
		if (c.org == nil || c.org.ID == c.owner.ID) && c.theyCalled {
			c.add(hangup.Reason{Code: CodeSpoofableMatch, Severity: hangup.SeverityMedium,
				Message: fmt.Sprintf("The number shown is %s's real number, but caller ID is easy to fake. A genuine number on a call out of the blue proves nothing.", c.owner.Name),
				Source:  c.ownerNum.Source.String()})
		}
		return
	}
	if c.org != nil && !c.org.Generic && len(c.org.Numbers) > 0 {
		c.add(hangup.Reason{Code: CodeNotOfficialNumber, Severity: hangup.SeverityLow,
			Message: fmt.Sprintf("%s is not one of %s's published numbers.", displayNumber(c.number), c.org.Name)})
	}
}

// lookupOwner finds whose number the number is: the claimed organisation's
// when it publishes it (159 is every UK bank's), else the registry's owner.
func (c *call) lookupOwner(e *Engine) {
	key := c.number.LookupKey()
	if c.org != nil {
		for _, n := range c.org.Numbers {
			if n.E164 == key || n.E164 == "" && digitsOf(n.Number) == digitsOf(key) {
				c.owner, c.ownerNum = c.org, n
				c.setStatus()
				return
			}
		}
	}
	c.owner, c.ownerNum, _ = e.orgs.OrganisationByNumber(key)
	c.setStatus()
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func (c *call) setStatus() {
	switch {
	case c.number == nil:
		c.status = hangup.NumberNotGiven
	case c.owner == nil:
		c.status = hangup.NumberUnlisted
	case c.org == nil || c.org.Generic || c.org.ID == c.owner.ID:
		c.status = hangup.NumberOfficial
	default:
		c.status = hangup.NumberOtherOrgs
	}
	if c.status == hangup.NumberUnlisted && c.org != nil && !c.org.Generic {
		c.status = hangup.NumberNotOfficial
	}
}

// givenNumber checks a number the person was given to call, by a pop-up, an
// email, an invoice, a text, an advert or a letter, before they call it:
// the seed's advice, "never trust a number the caller gives you".
func (e *Engine) givenNumber(c *call) {
	if c.number == nil {
		return
	}
	c.lookupOwner(e)
	where := givenBy(c.started)
	named := c.org != nil && !c.org.Generic
	switch c.status {
	case hangup.NumberOfficial:
		if c.ownerNum.Role == hangup.RoleCallsOut {
			c.add(hangup.Reason{Code: CodeGivenNotOfficial, Severity: hangup.SeverityMedium,
				Message: fmt.Sprintf("%s is a number %s calls people from, not a line to call. Use the number on %s's own website instead.", displayNumber(c.number), c.owner.Name, c.owner.Name),
				Source:  c.ownerNum.Source.String()})
			return
		}
		c.add(hangup.Reason{Code: CodeNumberConfirmed, Severity: hangup.SeverityInfo,
			Message: fmt.Sprintf("%s is %s's own number (%s), as %s publishes it. Calling it reaches %s.", displayNumber(c.number), c.owner.Name, c.ownerNum.Label, c.owner.Name, c.owner.Name),
			Source:  c.ownerNum.Source.String()})
	case hangup.NumberOtherOrgs:
		c.add(hangup.Reason{Code: CodeGivenOtherOrgs, Severity: hangup.SeverityHigh,
			Message: fmt.Sprintf("The number %s gave you, %s, belongs to %s, not %s. Don't call it for %s.", where, displayNumber(c.number), c.owner.Name, c.org.Name, c.org.Name),
			Source:  c.ownerNum.Source.String()})
	case hangup.NumberNotOfficial:
		c.add(hangup.Reason{Code: CodeGivenNotOfficial, Severity: hangup.SeverityHigh,
			Message: fmt.Sprintf("%s is not one of %s's numbers. Don't call it: scammers put their own numbers in pop-ups, emails, invoices, texts, adverts and letters. Find %s's number on its own website or on your statement.", displayNumber(c.number), c.org.Name, c.org.Name)})
	case hangup.NumberUnlisted:
		if c.started == hangup.StartedPopup {
			break // the pop-up rule below says it, with its source
		}
		sev := hangup.SeverityMedium
		if named {
			sev = hangup.SeverityHigh
		}
		c.add(hangup.Reason{Code: CodeGivenUnknown, Severity: sev,
			Message: fmt.Sprintf("Hangup can't confirm that %s belongs to anyone genuine. Don't use the number %s gave you: find the organisation's number yourself, on its own website, a bill or your card, and call that.", displayNumber(c.number), where)})
	}
	if c.started == hangup.StartedPopup && c.status != hangup.NumberOfficial {
		// A warning on the screen with a number to call is the scam itself,
		// whoever it names: quote the organisation (or tech companies).
		if _, _, ok := c.policy(hangup.PolicyNoNumberInErrors); !ok {
			c.add(hangup.Reason{Code: CodePopupNumber, Severity: hangup.SeverityHigh,
				Message: "Real warnings from your computer, phone or security software never ask you to call a phone number. The pop-up is fake: don't call, and close the browser (if it won't close, restart the computer)."})
		}
	}
}

// givenBy names what handed the person the number.
func givenBy(s hangup.Started) string {
	switch s {
	case hangup.StartedPopup:
		return "the pop-up"
	case hangup.StartedEmail:
		return "the email"
	case hangup.StartedInvoice:
		return "the invoice"
	case hangup.StartedText:
		return "the text"
	case hangup.StartedSearch:
		return "the search result or advert"
	case hangup.StartedLetter:
		return "the letter"
	}
	return "they"
}

// reputationOf adds what reports say about the number shown. Reputation
// never makes a call safe: a verified number can be spoofed, and an unknown
// one is simply unknown.
func (e *Engine) reputationOf(c *call) {
	if e.reputation == nil || c.number == nil || c.number.E164 == "" {
		return
	}
	r := e.reputation.Lookup(c.number.E164)
	if r.Verdict == hangup.RepUnknown && r.Reports == 0 {
		return
	}
	c.rep = &r
	for _, reason := range r.Reasons {
		// "Verified" or "cleared" is context, not reassurance: the number
		// can still be spoofed. Only warnings become reasons.
		if reason.Severity != hangup.SeverityInfo {
			c.add(reason)
		}
	}
}

// CodeSitePrefix prefixes the codes of website findings in a check.
const CodeSitePrefix = "site."

// website checks the address the caller named, against the organisation
// they claimed when the claim named one.
func (e *Engine) website(c *call) error {
	addr := strings.TrimSpace(c.req.Website)
	if e.sites == nil || addr == "" {
		return nil
	}
	claimed := ""
	if c.org != nil && !c.org.Generic {
		claimed = c.org.ID
	}
	sc, err := e.sites.CheckSiteFor(addr, claimed)
	if err != nil {
		if code := hangup.ErrorCode(err); code == hangup.EINVALID || code == hangup.ETOOLARGE {
			return hangup.Invalid("Please check the website address.", hangup.FieldError{Field: "website", Message: hangup.ErrorMessage(err)})
		}
		return err
	}
	c.site = &sc
	for _, f := range sc.Findings {
		if f.Severity == hangup.SeverityInfo {
			continue
		}
		// A remote-access tool's site is a warning in itself; on a call the
		// caller started it is a reason to hang up.
		if f.Code == "remote_access_tool" && c.theyCalled {
			f.Severity = hangup.SeverityHigh
		}
		f.Code = CodeSitePrefix + f.Code
		c.add(f)
	}
	return nil
}

// CodeAnalysisPrefix prefixes the codes of reasons found in the notes.
const CodeAnalysisPrefix = "said."

// notes analyses what the person says was said, and adds the analysis's
// top reasons. A scam verdict on the words alone is a reason to hang up.
func (e *Engine) notes(ctx context.Context, c *call) error {
	if e.analyzer == nil || strings.TrimSpace(c.req.Notes) == "" {
		return nil
	}
	a, err := e.analyzer.Analyze(ctx, c.req.Notes)
	if err != nil {
		if code := hangup.ErrorCode(err); code == hangup.EINVALID || code == hangup.ETOOLARGE {
			return &hangup.Error{Code: code, Message: "Please check what you typed.", Fields: []hangup.FieldError{{Field: "notes", Message: hangup.ErrorMessage(err)}}}
		}
		return err
	}
	c.analysis = a
	for _, r := range a.Reasons {
		if r.Severity == hangup.SeverityInfo {
			continue
		}
		if a.Verdict == hangup.VerdictNotScam && r.Severity == hangup.SeverityHigh {
			r.Severity = hangup.SeverityMedium // the model weighed it against the rest
		}
		r.Code = CodeAnalysisPrefix + r.Code
		c.add(r)
	}
	switch a.Verdict {
	case hangup.VerdictScam:
		c.add(hangup.Reason{Code: CodeAnalysisPrefix + "verdict", Severity: hangup.SeverityHigh,
			Message: "What they said follows the pattern of a scam call, step by step (the words are marked below)."})
	case hangup.VerdictSuspicious:
		c.add(hangup.Reason{Code: CodeAnalysisPrefix + "verdict", Severity: hangup.SeverityMedium,
			Message: "Some of what they said is what scammers say (the words are marked below)."})
	}
	return nil
}

// policyCheck pairs a calling-policy statement with the circumstance of the
// call that contradicts it. hit returns how serious the contradiction is, and
// "" when the call doesn't contradict the statement.
type policyCheck struct {
	code hangup.PolicyCode
	hit  func(c *call) hangup.Severity
	what string // what the caller did, after "The caller"
}

const none hangup.Severity = ""

func when(cond bool, sev hangup.Severity) hangup.Severity {
	if cond {
		return sev
	}
	return none
}

var policyChecks = []policyCheck{
	{hangup.PolicyNoUnsolicitedCalls, func(c *call) hangup.Severity {
		if c.unsure {
			return when(c.org != nil, hangup.SeverityMedium)
		}
		return when(c.theyCalled, hangup.SeverityHigh)
	}, "called you out of the blue"},
	{hangup.PolicyExistingCustomers, func(c *call) hangup.Severity { return when(c.theyCalled, hangup.SeverityMedium) }, "called you out of the blue"},
	{hangup.PolicyNoNumberInErrors, func(c *call) hangup.Severity {
		return when(c.started == hangup.StartedPopup && c.status != hangup.NumberOfficial, hangup.SeverityHigh)
	}, "showed a warning on your screen with a phone number to call"},
	{hangup.PolicyNoRemoteAccess, func(c *call) hangup.Severity {
		return when(c.asked[hangup.AskRemoteAccess] || c.asked[hangup.AskInstall], hangup.SeverityHigh)
	}, "asked you to install software or let them into your computer"},
	{hangup.PolicyNoGiftCardsOrCrypto, func(c *call) hangup.Severity {
		return when(c.asked[hangup.AskGiftCard] || c.asked[hangup.AskCrypto], hangup.SeverityHigh)
	}, "asked for payment in gift cards or cryptocurrency"},
	{hangup.PolicyNoSafeAccount, func(c *call) hangup.Severity { return when(c.asked[hangup.AskMoveMoney], hangup.SeverityHigh) }, "asked you to move your money"},
	{hangup.PolicyNoCashCollection, func(c *call) hangup.Severity { return when(c.asked[hangup.AskCash], hangup.SeverityHigh) }, "asked you to take out cash or hand something over"},
	{hangup.PolicyNoPasswords, func(c *call) hangup.Severity { return when(c.asked[hangup.AskPasswords], hangup.SeverityHigh) }, "asked for a password, PIN or code"},
	{hangup.PolicyNoBankDetails, func(c *call) hangup.Severity {
		return when(c.asked[hangup.AskBankDetails] || c.asked[hangup.AskCardDetails], hangup.SeverityHigh)
	}, "asked for your bank or card details"},
	{hangup.PolicyNoPersonalDetails, func(c *call) hangup.Severity {
		return when(c.asked[hangup.AskPersonal] && !c.iCalled(), hangup.SeverityHigh)
	}, "asked for your personal details"},
	{hangup.PolicyNoRedeliveryFee, func(c *call) hangup.Severity {
		return when(c.kind() == hangup.KindDelivery && (c.asked[hangup.AskPayment] || c.asked[hangup.AskCardDetails]), hangup.SeverityHigh)
	}, "asked you to pay a fee for a parcel"},
	{hangup.PolicyNoPaymentByPhone, func(c *call) hangup.Severity {
		return when(!c.iCalled() && (c.asked[hangup.AskPayment] || c.asked[hangup.AskCardDetails] || c.asked[hangup.AskGiftCard]), hangup.SeverityHigh)
	}, "asked you to pay over the phone"},
	{hangup.PolicyNoLinksInTexts, func(c *call) hangup.Severity {
		return when((c.started == hangup.StartedText || c.started == hangup.StartedEmail) && (c.asked[hangup.AskWebsite] || strings.TrimSpace(c.req.Website) != ""), hangup.SeverityMedium)
	}, "sent you a link to follow"},
	{hangup.PolicyNoThreats, func(c *call) hangup.Severity { return when(c.threatened(), hangup.SeverityHigh) }, "threatened you with arrest or legal action"},
	{hangup.PolicyNoPremiumRate, func(c *call) hangup.Severity {
		return when(c.number != nil && (c.number.Type == hangup.NumberPremiumRate || c.number.UK != nil && strings.HasSuffix(c.number.UK.Range, "premium_rate")), hangup.SeverityHigh)
	}, "used a premium-rate number"},
}

// iCalled reports whether the person rang a number they already knew: asking
// who they are is then the organisation's security check, not a trick.
func (c *call) iCalled() bool { return c.started == hangup.StartedICalled }

// kind is the kind of organisation claimed, if any.
func (c *call) kind() hangup.OrgKind {
	if c.org != nil {
		return c.org.Kind
	}
	return c.match.Category
}

// threatCodes are the analysis indicators of a threat of arrest, court or
// legal action.
var threatCodes = map[string]bool{"legal_threat": true, "tax_debt_threat": true, "arrest_threat": true,
	"warrant_threat": true, "identity_misuse_threat": true}

// threatened reports whether the notes show a threat of arrest, legal
// action or being cut off.
func (c *call) threatened() bool {
	if c.analysis == nil {
		return false
	}
	for _, in := range c.analysis.Indicators {
		if threatCodes[in.Code] {
			return true
		}
	}
	return false
}

// policy finds what is said about code: the claimed organisation's own
// statement, else one its kind's generic entries make for every
// organisation of the kind. who says it, in a sentence.
func (c *call) policy(code hangup.PolicyCode) (hangup.Policy, string, bool) {
	// An organisation that says whom it calls has spoken on calling: what
	// its kind says in general does not overrule it.
	if code == hangup.PolicyNoUnsolicitedCalls && c.org != nil && !c.org.Generic {
		if _, ok := c.org.HasPolicy(hangup.PolicyExistingCustomers); ok {
			return hangup.Policy{}, "", false
		}
	}
	if c.org != nil {
		if p, ok := c.org.HasPolicy(code); ok {
			if c.org.Generic {
				return p, kindSpeaker(c.org), true
			}
			return p, c.org.Name, true
		}
	}
	for _, g := range c.kindOrgs {
		if p, ok := g.HasPolicy(code); ok {
			return p, kindSpeaker(g), true
		}
	}
	return hangup.Policy{}, "", false
}

// kindSpeaker says who a generic entry speaks for: "Genuine banks in the UK".
func kindSpeaker(g *hangup.Organisation) string {
	plural := map[hangup.OrgKind]string{
		hangup.KindTechnology: "technology companies", hangup.KindITServices: "IT support companies",
		hangup.KindISP: "internet and phone providers", hangup.KindBank: "banks", hangup.KindPayments: "payment companies",
		hangup.KindCrypto: "cryptocurrency exchanges", hangup.KindGovernment: "government departments",
		hangup.KindPolice: "police forces", hangup.KindSecurity: "security companies", hangup.KindRetail: "shops",
		hangup.KindDelivery: "delivery companies", hangup.KindUtility: "energy companies", hangup.KindCharity: "charities",
	}[g.Kind]
	if plural == "" {
		plural = "organisations"
	}
	if g.Country != "" {
		return fmt.Sprintf("Genuine %s in %s", plural, phone.CountryPhrase(g.Country))
	}
	return "Genuine " + plural
}

// policies quotes what the claimed organisation (or every organisation of
// its kind) says it never does, where the call does exactly that: the
// strongest evidence there is.
func (c *call) policies() {
	if c.org == nil && len(c.kindOrgs) == 0 {
		return
	}
	for _, pc := range policyChecks {
		sev := pc.hit(c)
		if sev == none {
			continue
		}
		p, who, ok := c.policy(pc.code)
		if !ok {
			continue
		}
		what := fmt.Sprintf("%s %s.", c.caller(), pc.what)
		if pc.code == hangup.PolicyNoUnsolicitedCalls && c.unsure {
			what = "If they called you out of the blue:"
		}
		says := "says"
		if strings.HasPrefix(who, "Genuine ") {
			says = "say" // "Genuine banks in the UK say"
		}
		c.add(hangup.Reason{Code: CodePolicyPrefix + string(pc.code), Severity: sev,
			Message: fmt.Sprintf("%s %s %s: “%s”", what, who, says, p.Text),
			Source:  p.Source.String()})
	}
}

// asks explains each request. Remote access, installs, passwords and bank
// details on a call someone else started are scams whoever claims to call;
// gift cards and crypto are scams on any call.
func (c *call) asks() {
	unsol := !c.iCalled()
	sev := func(unsolicited, solicited hangup.Severity) hangup.Severity {
		if unsol {
			return unsolicited
		}
		return solicited
	}
	if c.asked[hangup.AskRemoteAccess] {
		c.add(hangup.Reason{Code: CodeAskRemoteAccess, Severity: sev(hangup.SeverityHigh, hangup.SeverityMedium),
			Message: "They asked to get into your computer or phone. Once in, scammers can see your banking, plant fake problems and take money. No genuine company does this on a call it started."})
	}
	if c.asked[hangup.AskInstall] {
		c.add(hangup.Reason{Code: CodeAskInstall, Severity: sev(hangup.SeverityHigh, hangup.SeverityMedium),
			Message: "They asked you to install software. Scammers use genuine tools such as AnyDesk or TeamViewer to take control of your computer."})
	}
	if c.asked[hangup.AskGiftCard] {
		c.add(hangup.Reason{Code: CodeAskGiftCard, Severity: hangup.SeverityHigh,
			Message: "They asked for gift cards. No genuine company, bank or government takes payment in gift cards: asking for them is a sure sign of a scam."})
	}
	if c.asked[hangup.AskCrypto] {
		c.add(hangup.Reason{Code: CodeAskCrypto, Severity: hangup.SeverityHigh,
			Message: "They asked for cryptocurrency (such as Bitcoin). Payments in crypto can't be stopped or refunded, which is why scammers want them."})
	}
	if c.asked[hangup.AskPasswords] {
		c.add(hangup.Reason{Code: CodeAskPasswords, Severity: sev(hangup.SeverityHigh, hangup.SeverityMedium),
			Message: "They asked for a password, PIN or code. A code sent to your phone lets whoever has it into your account or approves a payment: never read one out to a caller."})
	}
	if c.asked[hangup.AskBankDetails] {
		c.add(hangup.Reason{Code: CodeAskBankDetails, Severity: sev(hangup.SeverityHigh, hangup.SeverityMedium),
			Message: "They asked for your bank details or to log in to your bank. Scammers use this to move your money, often while claiming to give you a refund."})
	}
	if c.asked[hangup.AskCardDetails] {
		c.add(hangup.Reason{Code: CodeAskCardDetails, Severity: sev(hangup.SeverityHigh, hangup.SeverityMedium),
			Message: "They asked for your card details. Don't give card details to anyone who called you."})
	}
	if c.asked[hangup.AskPayment] {
		c.add(hangup.Reason{Code: CodeAskPayment, Severity: sev(hangup.SeverityMedium, hangup.SeverityLow),
			Message: "They asked you to pay. Fake support and refund callers always end up asking for money."})
	}
	if c.asked[hangup.AskMoveMoney] {
		c.add(hangup.Reason{Code: CodeAskMoveMoney, Severity: hangup.SeverityHigh,
			Message: "They asked you to move your money. No bank, police force or government will ever ask you to move money to another account to keep it safe: the \"safe account\" belongs to the scammer."})
	}
	if c.asked[hangup.AskCash] {
		c.add(hangup.Reason{Code: CodeAskCash, Severity: hangup.SeverityHigh,
			Message: "They asked you to take out cash or hand over cash, cards or valuables. The police and banks never send anyone to collect them."})
	}
	if c.asked[hangup.AskPersonal] {
		c.add(hangup.Reason{Code: CodeAskPersonal, Severity: sev(hangup.SeverityMedium, hangup.SeverityLow),
			Message: "They asked for your personal details. With your date of birth or National Insurance or social security number, scammers can take over accounts in your name."})
	}
	if c.asked[hangup.AskWebsite] {
		c.add(hangup.Reason{Code: CodeAskWebsite, Severity: sev(hangup.SeverityMedium, hangup.SeverityLow),
			Message: "They asked you to go to a website. Scammers send people to sites that download remote-access tools or copy a real company's pages."})
	}
}

// techKinds are the organisations tech-support scammers pretend to be.
var techKinds = map[hangup.OrgKind]bool{hangup.KindTechnology: true, hangup.KindITServices: true,
	hangup.KindISP: true, hangup.KindSecurity: true}

func (c *call) unsolicited() {
	if !c.theyCalled {
		return
	}
	if techKinds[c.match.Category] {
		if _, _, policy := c.policy(hangup.PolicyNoUnsolicitedCalls); !policy { // the organisation's own words say it better
			c.add(hangup.Reason{Code: CodeUnsolicitedSupport, Severity: hangup.SeverityMedium,
				Message: "Technology companies and internet providers don't call people out of the blue about viruses or problems with their computer. This is how tech-support scams start."})
		}
	}
}

// severityOrder sorts reasons: most serious first, policy quotes before
// other reasons of the same severity, then in the order found.
func (c *call) sortReasons() {
	slices.SortStableFunc(c.reasons, func(a, b hangup.Reason) int {
		if d := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); d != 0 {
			return d
		}
		return cmp.Compare(policyRank(a), policyRank(b))
	})
}

func policyRank(r hangup.Reason) int {
	if strings.HasPrefix(r.Code, CodePolicyPrefix) {
		return 0
	}
	return 1
}

func (c *call) verdict() hangup.CheckVerdict {
	worst := 0
	for _, r := range c.reasons {
		worst = max(worst, r.Severity.Rank())
	}
	switch {
	case worst >= hangup.SeverityHigh.Rank():
		return hangup.CheckStop
	case worst >= hangup.SeverityMedium.Rank():
		return hangup.CheckCaution
	case c.notEnough():
		return hangup.CheckNotEnough
	}
	return hangup.CheckNoRedFlags
}

// notEnough reports whether the person told too little to say "no warning
// signs": nothing at all, a number on its own with nothing wrong with it, or
// a name Hangup doesn't know and nothing else. Silence is never a green.
func (c *call) notEnough() bool {
	r := c.req
	if len(r.Asked) > 0 || strings.TrimSpace(r.Notes) != "" || strings.TrimSpace(r.Website) != "" {
		return false
	}
	if c.status == hangup.NumberOfficial && c.started.GaveNumber() {
		return false // a number confirmed as the organisation's own is an answer
	}
	return c.match.Kind == hangup.MatchUnknown
}

func displayNumber(n *hangup.Number) string {
	if n.National != "" {
		return n.National
	}
	return n.Input
}
