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

	"github.com/hangup-org/hangup"
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
)

// Engine checks claims. It is safe for concurrent use; all its lookups are
// in memory.
type Engine struct {
	numbers    hangup.NumberService
	orgs       hangup.OrganisationMatcher
	reputation hangup.ReputationLookup
	sites      hangup.SiteChecker
	analyzer   hangup.Analyzer
}

var _ hangup.Checker = (*Engine)(nil)

// New returns an Engine over a number service and the registry.
func New(numbers hangup.NumberService, orgs hangup.OrganisationMatcher) *Engine {
	return &Engine{numbers: numbers, orgs: orgs}
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
	for _, a := range req.Asked {
		if !slices.Contains(hangup.Asks, a) {
			p.Add("asked", fmt.Sprintf("%q is not one of: %s", a, askList()))
		}
	}
	if len(req.Asked) > 2*len(hangup.Asks) {
		p.Add("asked", "lists too many things")
	}
	return p.Err()
}

func askList() string {
	s := make([]string, len(hangup.Asks))
	for i, a := range hangup.Asks {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}

// Check implements hangup.Checker.
func (e *Engine) Check(ctx context.Context, req hangup.CheckRequest) (*hangup.CheckResult, error) {
	if err := Validate(&req); err != nil {
		return nil, err
	}
	c := &call{req: req, asked: map[hangup.Ask]bool{}}
	for _, a := range req.Asked {
		c.asked[a] = true
	}
	if err := e.number(c); err != nil {
		return nil, err
	}
	e.claim(c)
	e.numberVsClaim(c)
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
	return c.result(), nil
}

// call holds one check's working state.
type call struct {
	req      hangup.CheckRequest
	asked    map[hangup.Ask]bool
	number   *hangup.Number
	withheld bool
	match    hangup.OrgMatch
	org      *hangup.Organisation // the claimed organisation (or generic entry)
	owner    *hangup.Organisation // the organisation publishing the number shown
	ownerNum hangup.OrgNumber
	reasons  []hangup.Reason
	rep      *hangup.Reputation
	site     *hangup.SiteCheck
	analysis *hangup.Analysis
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
	if in == "" || withheldWords[strings.ToLower(in)] {
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
	for _, f := range n.Findings {
		if f.Severity != hangup.SeverityInfo {
			c.add(f)
		}
	}
	return nil
}

func (e *Engine) claim(c *call) {
	c.match = e.orgs.MatchOrganisation(c.req.Claims)
	c.org = c.match.Organisation
	if strings.TrimSpace(c.req.Claims) != "" && c.match.Kind == hangup.MatchUnknown {
		c.add(hangup.Reason{Code: CodeUnknownOrganisation, Severity: hangup.SeverityInfo,
			Message: fmt.Sprintf("%q is not in Hangup's registry, so we can't tell you its real number. Find it yourself on a bill, a card or the organisation's own website.", strings.TrimSpace(c.req.Claims))})
	}
	if c.match.Kind == hangup.MatchCategory && c.org == nil && c.req.Unsolicited {
		c.add(hangup.Reason{Code: CodeGenericISPClaim, Severity: hangup.SeverityLow,
			Message: fmt.Sprintf("The caller named only %q, not a company. Scammers keep it vague so it fits whoever you use.", strings.TrimSpace(c.req.Claims))})
	}
}

// numberVsClaim compares the number shown with the registry: whose number
// it is, and whether the claimed organisation ever calls from it.
func (e *Engine) numberVsClaim(c *call) {
	if c.number == nil {
		return
	}
	c.owner, c.ownerNum, _ = e.orgs.OrganisationByNumber(c.number.LookupKey())
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
		if (c.org == nil || c.org.ID == c.owner.ID) && c.req.Unsolicited {
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
		if f.Code == "remote_access_tool" && c.req.Unsolicited {
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

// policyChecks pairs each calling-policy statement with the circumstance of
// the call that contradicts it.
var policyChecks = []struct {
	code hangup.PolicyCode
	hit  func(c *call) bool
	sev  hangup.Severity
	what string
}{
	{hangup.PolicyNoUnsolicitedCalls, func(c *call) bool { return c.req.Unsolicited }, hangup.SeverityHigh, "called you out of the blue"},
	{hangup.PolicyExistingCustomers, func(c *call) bool { return c.req.Unsolicited }, hangup.SeverityMedium, "called you out of the blue"},
	{hangup.PolicyNoRemoteAccess, func(c *call) bool { return c.asked[hangup.AskRemoteAccess] || c.asked[hangup.AskInstall] }, hangup.SeverityHigh, "asked you to install software or let them into your computer"},
	{hangup.PolicyNoGiftCardsOrCrypto, func(c *call) bool { return c.asked[hangup.AskGiftCard] || c.asked[hangup.AskCrypto] }, hangup.SeverityHigh, "asked for payment in gift cards or cryptocurrency"},
	{hangup.PolicyNoPasswords, func(c *call) bool { return c.asked[hangup.AskPasswords] }, hangup.SeverityHigh, "asked for a password, PIN or code"},
	{hangup.PolicyNoBankDetails, func(c *call) bool { return c.asked[hangup.AskBankDetails] || c.asked[hangup.AskCardDetails] }, hangup.SeverityHigh, "asked for your bank or card details"},
	{hangup.PolicyNoPremiumRate, func(c *call) bool {
		return c.number != nil && (c.number.Type == hangup.NumberPremiumRate || c.number.UK != nil && strings.HasSuffix(c.number.UK.Range, "premium_rate"))
	}, hangup.SeverityHigh, "used a premium-rate number"},
}

// policies quotes the claimed organisation's own statements where the call
// contradicts them: the strongest evidence there is.
func (c *call) policies() {
	if c.org == nil {
		return
	}
	for _, pc := range policyChecks {
		p, ok := c.org.HasPolicy(pc.code)
		if !ok || !pc.hit(c) {
			continue
		}
		who := c.org.Name
		if c.org.Generic {
			who = "Your bank"
			if c.org.Kind != hangup.KindBank {
				who = "A genuine " + string(c.org.Kind)
			}
		}
		c.add(hangup.Reason{Code: CodePolicyPrefix + string(pc.code), Severity: pc.sev,
			Message: fmt.Sprintf("The caller %s. %s says: “%s”", pc.what, who, p.Text),
			Source:  p.Source.String()})
	}
}

// asks explains each request. Remote access, installs, passwords and bank
// details on a call someone else started are scams whoever claims to call;
// gift cards and crypto are scams on any call.
func (c *call) asks() {
	unsol := c.req.Unsolicited
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
	if c.asked[hangup.AskWebsite] {
		c.add(hangup.Reason{Code: CodeAskWebsite, Severity: sev(hangup.SeverityMedium, hangup.SeverityLow),
			Message: "They asked you to go to a website. Scammers send people to sites that download remote-access tools or copy a real company's pages."})
	}
}

// techKinds are the organisations tech-support scammers pretend to be.
var techKinds = map[hangup.OrgKind]bool{hangup.KindTechnology: true, hangup.KindITServices: true,
	hangup.KindISP: true, hangup.KindSecurity: true}

func (c *call) unsolicited() {
	if !c.req.Unsolicited {
		return
	}
	if techKinds[c.match.Category] {
		policy := false
		if c.org != nil {
			_, policy = c.org.HasPolicy(hangup.PolicyNoUnsolicitedCalls)
		}
		if !policy { // the organisation's own words say it better
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
	}
	return hangup.CheckNoRedFlags
}

func displayNumber(n *hangup.Number) string {
	if n.National != "" {
		return n.National
	}
	return n.Input
}
