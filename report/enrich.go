package report

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/site"
)

// build turns validated input into a report: numbers in E.164, the claimed
// organisation matched to the registry, the story analysed, and the links
// that join it to other reports. Fields the person left empty are filled
// from what their story names.
func (s *Service) build(ctx context.Context, c *cleaned, now time.Time) *hangup.Report {
	in := c.in
	var analysis *hangup.Analysis
	if s.deps.Analyzer != nil && strings.TrimSpace(in.Story) != "" {
		if a, err := s.deps.Analyzer.Analyze(ctx, in.Story); err == nil {
			analysis = a
			// A stored report takes what the story names only where the
			// person said nothing, and never ticks "what happened" for
			// them: that is for them to confirm on a form.
			happened := in.Happened
			if f := s.fill(&in, a); f.amount > 0 && c.amount == 0 {
				c.amount, c.currency = f.amount, f.currency
			}
			in.Happened = happened
		}
	}
	r := &hangup.Report{
		Status: hangup.StatusNew, CreatedAt: now, UpdatedAt: now, OccurredAt: c.occurredAt, Country: s.deps.Region,
		NumberShown: strings.TrimSpace(in.NumberShown), CallbackNumber: strings.TrimSpace(in.CallbackNumber),
		ClaimedOrganisation: strings.TrimSpace(in.ClaimedOrganisation), Started: in.Started, Happened: in.Happened,
		Software: strings.TrimSpace(in.Software), Website: strings.TrimSpace(in.Website), Amount: c.amount,
		Currency: c.currency, PaymentMethod: strings.TrimSpace(in.PaymentMethod), Story: strings.TrimSpace(in.Story),
		Links: []hangup.Link{},
	}
	if r.Happened == nil {
		r.Happened = []hangup.Happened{}
	}
	if analysis != nil {
		r.Verdict, r.ScamType = analysis.Verdict, analysis.ScamType
	}
	if r.Currency == "" && r.Amount > 0 {
		r.Currency = map[string]string{"GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "IE": "EUR"}[r.Country]
	}
	link := func(kind, value string) {
		if value == "" {
			return
		}
		for _, l := range r.Links {
			if l.Kind == kind && l.Value == value {
				return
			}
		}
		r.Links = append(r.Links, hangup.Link{Kind: kind, Value: value})
	}
	if r.NumberShown != "" {
		if n := s.deps.Numbers.ParseNumber(r.NumberShown); n.E164 != "" {
			r.NumberShownE164 = n.E164
			link(hangup.LinkNumberShown, n.E164)
		}
	}
	if r.CallbackNumber != "" {
		if n := s.deps.Numbers.ParseNumber(r.CallbackNumber); n.E164 != "" {
			r.CallbackE164 = n.E164
			link(hangup.LinkCallbackNumber, n.E164)
		}
	}
	if r.ClaimedOrganisation != "" && s.deps.Orgs != nil {
		if m := s.deps.Orgs.MatchOrganisation(r.ClaimedOrganisation, r.Country); m.Organisation != nil {
			r.OrganisationID = m.Organisation.ID
			link(hangup.LinkOrganisation, m.Organisation.ID)
		}
	}
	if r.Website != "" {
		if d, tool, key := s.site(r.Website); d != "" {
			r.SiteKey = key
			link(hangup.LinkDomain, d)
			if tool != "" {
				link(hangup.LinkTool, tool)
			}
		}
	}
	if r.Software != "" {
		link(hangup.LinkTool, s.toolName(r.Software))
	}
	return r
}

// Suggestion is a report in progress with the answers its story names
// filled in, and the names of the fields that were filled (the API's field
// names), so a form can ask the person to confirm exactly those.
type Suggestion struct {
	Input  hangup.ReportInput
	Filled []string
}

// Suggest analyses the story of a report in progress and fills the fields
// the person left empty with what the story names: the number that called
// and the number they gave to call back (told apart by the words around
// them), the organisation, websites, tools, how they paid and how much (as
// "£199.99"), and what happened. It never changes an answer the person
// gave. Without a story or an analyzer, the input comes back unchanged.
func (s *Service) Suggest(ctx context.Context, in hangup.ReportInput) Suggestion {
	if s.deps.Analyzer == nil || strings.TrimSpace(in.Story) == "" {
		return Suggestion{Input: in}
	}
	a, err := s.deps.Analyzer.Analyze(ctx, in.Story)
	if err != nil {
		return Suggestion{Input: in}
	}
	f := s.fill(&in, a)
	if f.amount > 0 {
		// "£199.99" as people write it; a currency without a symbol
		// travels in its own field, so the amount reads back as typed.
		in.Amount = FormatMoney(f.amount, "")
		if _, ok := currencySymbols[f.currency]; ok {
			in.Amount = FormatMoney(f.amount, f.currency)
		}
		if strings.TrimSpace(in.Currency) == "" {
			in.Currency = f.currency
		}
	}
	return Suggestion{Input: in, Filled: f.fields}
}

// filled is what fill found: the fields it wrote and an amount, which is
// returned rather than written because the answer is text and the report
// keeps it parsed.
type filled struct {
	fields   []string
	amount   float64
	currency string
}

// fill copies what the story names into the answers left empty.
func (s *Service) fill(in *hangup.ReportInput, a *hangup.Analysis) filled {
	var f filled
	shown := ""
	if in.NumberShown != "" {
		shown = s.deps.Numbers.ParseNumber(in.NumberShown).E164
	}
	set := func(field string, to *string, v string) {
		if strings.TrimSpace(*to) == "" && strings.TrimSpace(v) != "" {
			*to = v
			if !slices.Contains(f.fields, field) {
				f.fields = append(f.fields, field)
			}
		}
	}
	happened := func(h hangup.Happened) {
		if !in.HasHappened(h) {
			in.Happened = append(in.Happened, h)
			if !slices.Contains(f.fields, "happened") {
				f.fields = append(f.fields, "happened")
			}
		}
	}
	story := in.Story
	for _, e := range a.Entities {
		switch e.Kind {
		case hangup.EntityPhone:
			if e.Number == nil || e.Number.E164 == "" || e.Number.E164 == shown {
				continue
			}
			written := strings.TrimSpace(e.Evidence)
			if written == "" {
				written = e.Value
			}
			if numberRole(story, e.ByteStart) == roleShown {
				set("number_shown", &in.NumberShown, written)
				shown = e.Number.E164
			} else {
				set("callback_number", &in.CallbackNumber, written)
			}
		case hangup.EntityURL:
			set("website", &in.Website, e.Value)
		case hangup.EntityRemoteTool:
			set("software", &in.Software, e.Value)
		case hangup.EntityOrganisation:
			set("claimed_organisation", &in.ClaimedOrganisation, e.Value)
		case hangup.EntityPayment:
			set("payment_method", &in.PaymentMethod, e.Value)
		case hangup.EntityAmount:
			if strings.TrimSpace(in.Amount) == "" && f.amount == 0 && e.Amount > 0 {
				f.amount, f.currency = e.Amount, e.Currency
				if !slices.Contains(f.fields, "amount") {
					f.fields = append(f.fields, "amount")
				}
			}
		}
	}
	if m := paymentMethod(story); m != "" {
		set("payment_method", &in.PaymentMethod, m)
	}
	for _, d := range didPatterns {
		if d.re.MatchString(story) {
			happened(d.happened)
		}
	}
	if in.Software != "" && slices.Contains(f.fields, "software") && installedPattern.MatchString(story) {
		happened(hangup.HappenedInstalledSoftware)
	}
	if in.Website != "" && slices.Contains(f.fields, "website") {
		happened(hangup.HappenedVisitedSite)
	}
	if f.amount > 0 || slices.Contains(f.fields, "payment_method") {
		happened(hangup.HappenedPaid)
	}
	return f
}

// numberRoles say which number a story means: the one that called, or one
// given to call back.
type numberRoleKind int

const (
	roleCallback numberRoleKind = iota // the default: numbers in stories are mostly ones the caller gave
	roleShown
)

var (
	// shownBefore are words just before a number that make it the number
	// that called: "called back from 020…", "rang me from", "the number
	// was", "it came up as".
	shownBefore = regexp.MustCompile(`(?i)(\bfrom(\s+(the|a|this|number|no\.?))*|\b(number|caller id)\s+(was|showed|shown|displayed)|came up( as)?|showed( up)?( as)?|caller id( of)?|display(ed)?( as)?)\s*[:,]?\s*$`)
	// callbackBefore are words just before a number that make it one to
	// call: "call him back on", "told me to ring", "gave me".
	callbackBefore = regexp.MustCompile(`(?i)(\b(call|ring|phone|dial|text|contact)\b[^.!?]{0,30}|\bgave (me|us)( (a|the|his|her|their))?( number)?|\bnumber to call( back)?( was| is)?|\b(on|at))\s*[:,]?\s*$`)
)

// numberRole reads the words just before a number in a story (within its
// sentence, at most 60 bytes back) to tell the number that called from a
// number given to call. "He called back from 020 7946 0000" is the number
// that called; "call him back on 0800 …" is one he gave.
func numberRole(story string, at int) numberRoleKind {
	if at < 0 || at > len(story) {
		return roleCallback
	}
	start := max(0, at-60)
	for start < at && !utf8.RuneStart(story[start]) {
		start++
	}
	before := story[start:at]
	if k := strings.LastIndexAny(before, ".!?\n"); k >= 0 {
		before = before[k+1:]
	}
	switch {
	case shownBefore.MatchString(before):
		return roleShown
	case callbackBefore.MatchString(before):
		return roleCallback
	}
	return roleCallback
}

// paymentWords are ways of paying as people write them, most specific
// first, each with the words to store.
var paymentWords = []struct {
	re   *regexp.Regexp
	name string
}{
	{regexp.MustCompile(`(?i)\bdebit card\b`), "debit card"},
	{regexp.MustCompile(`(?i)\bcredit card\b`), "credit card"},
	{regexp.MustCompile(`(?i)\b(bank transfer|transferred|faster payment|wire transfer|wired)\b`), "bank transfer"},
	{regexp.MustCompile(`(?i)\bpaypal\b`), "PayPal"},
	{regexp.MustCompile(`(?i)\b(apple pay|google pay)\b`), "mobile payment"},
	{regexp.MustCompile(`(?i)\b(western union|moneygram)\b`), "money transfer service"},
	{regexp.MustCompile(`(?i)\bcheque\b`), "cheque"},
	{regexp.MustCompile(`(?i)\b(my|the|a|by|with) card\b`), "card"},
}

// paymentMethod returns how the story says the person paid, or "".
func paymentMethod(story string) string {
	if !paidPattern.MatchString(story) {
		return ""
	}
	for _, w := range paymentWords {
		if w.re.MatchString(story) {
			return w.name
		}
	}
	return ""
}

var (
	paidPattern      = regexp.MustCompile(`(?i)\b(pa(y|id)|charged?|took|sent|transferred|bought)\b`)
	installedPattern = regexp.MustCompile(`(?i)\b(installed|downloaded|put|set up)\b`)
	// didPatterns are things a story says happened, in the person's words.
	didPatterns = []struct {
		re       *regexp.Regexp
		happened hangup.Happened
	}{
		{regexp.MustCompile(`(?i)\b(got into|took (over|control of)|controlled|(was|were) (in|on) )\s*(my|the)\s+(computer|laptop|pc|phone|screen)|\bmov(ed|ing) (my|the) (mouse|cursor)|\b(gave|let) (him|her|them) (remote )?access`), hangup.HappenedRemoteAccess},
		{regexp.MustCompile(`(?i)\b(logged (in|on)(to)? (to )?my (online )?bank(ing)?|gave (him|her|them) my (bank|account) details|sort code)`), hangup.HappenedBankDetails},
		{regexp.MustCompile(`(?i)\b(gave (him|her|them) my card|card (number|details))`), hangup.HappenedCardDetails},
		{regexp.MustCompile(`(?i)\b((gave|told|read( out)?) (him|her|them) (the|my) (code|password|pin)|read out the code)`), hangup.HappenedPasswords},
	}
)

// site returns the registrable domain of a website, the remote-access
// tool it belongs to, if any, and the name reports of it count against as
// evidence (hangup.SiteCheck.EvidenceKey): the website checker's reading
// when there is one, else the same parser and tool catalogue without the
// lookalike checks (and without knowing free hosts that the public suffix
// list doesn't name).
func (s *Service) site(addr string) (domain, tool, key string) {
	if s.deps.Sites != nil {
		if sc, err := s.deps.Sites.CheckSite(addr); err == nil {
			return sc.Domain, sc.Tool, sc.EvidenceKey
		}
		return "", "", ""
	}
	a, err := site.Parse(addr)
	if err != nil {
		return "", "", ""
	}
	if t, ok := s.tools.MatchDomain(a.Host); ok {
		return a.Domain, t.Name, ""
	}
	return a.Domain, "", a.Domain
}

// toolName gives the catalogue's name for a tool as people write it ("any
// desk", "Teamviewer", "AnyDesk 7"), so reports link with each other and
// with websites the checker attributes to the same tool. A name the
// catalogue doesn't know is kept as written.
func (s *Service) toolName(written string) string {
	words := strings.Fields(written)
	if t, ok := s.tools.ByName(written); ok {
		return t.Name
	}
	for n := 2; n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			if t, ok := s.tools.ByName(strings.Join(words[i:i+n], " ")); ok {
				return t.Name
			}
		}
	}
	return strings.Join(words, " ")
}
