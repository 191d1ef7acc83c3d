package report

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

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
			if amount, currency, ok := s.fill(&in, a); ok && c.amount == 0 {
				c.amount, c.currency = amount, currency
			}
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
		if d, tool := s.site(r.Website); d != "" {
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

// Suggest analyses the story of a report in progress and fills the fields
// the person left empty with what the story names (numbers, websites, tools,
// payment, amount), so a form can show them for confirmation. It returns the
// input unchanged when there is no story or no analyzer.
func (s *Service) Suggest(ctx context.Context, in hangup.ReportInput) hangup.ReportInput {
	if s.deps.Analyzer == nil || strings.TrimSpace(in.Story) == "" {
		return in
	}
	a, err := s.deps.Analyzer.Analyze(ctx, in.Story)
	if err != nil {
		return in
	}
	if amount, currency, ok := s.fill(&in, a); ok {
		in.Amount = strconv.FormatFloat(math.Round(amount*100)/100, 'f', -1, 64)
		if in.Currency == "" {
			in.Currency = currency
		}
	}
	return in
}

// fill copies what the story names into the answers left empty. An amount
// is returned rather than written, because the answer is text and the
// report keeps it parsed; ok is false when the amount was answered or the
// story names none.
func (s *Service) fill(in *hangup.ReportInput, a *hangup.Analysis) (amount float64, currency string, ok bool) {
	shown := ""
	if in.NumberShown != "" {
		shown = s.deps.Numbers.ParseNumber(in.NumberShown).E164
	}
	set := func(field *string, v string) {
		if strings.TrimSpace(*field) == "" {
			*field = v
		}
	}
	for _, e := range a.Entities {
		switch e.Kind {
		case hangup.EntityPhone:
			// A number the caller gave that isn't the one they called from
			// is the callback number.
			if e.Number != nil && e.Number.E164 != "" && e.Number.E164 != shown {
				set(&in.CallbackNumber, e.Number.E164)
			}
		case hangup.EntityURL:
			set(&in.Website, e.Value)
		case hangup.EntityRemoteTool:
			set(&in.Software, e.Value)
		case hangup.EntityOrganisation:
			set(&in.ClaimedOrganisation, e.Value)
		case hangup.EntityPayment:
			set(&in.PaymentMethod, e.Value)
		case hangup.EntityAmount:
			if strings.TrimSpace(in.Amount) == "" && !ok && e.Amount > 0 {
				amount, currency, ok = e.Amount, e.Currency, true
			}
		}
	}
	return amount, currency, ok
}

// site returns the registrable domain of a website and the remote-access
// tool it belongs to, if any: the website checker's reading when there is
// one, else the same parser and tool catalogue without the lookalike checks.
func (s *Service) site(addr string) (domain, tool string) {
	if s.deps.Sites != nil {
		if sc, err := s.deps.Sites.CheckSite(addr); err == nil {
			return sc.Domain, sc.Tool
		}
		return "", ""
	}
	a, err := site.Parse(addr)
	if err != nil {
		return "", ""
	}
	if t, ok := s.tools.MatchDomain(a.Host); ok {
		tool = t.Name
	}
	return a.Domain, tool
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
