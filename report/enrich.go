package report

import (
	"context"
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
	if s.deps.Analyzer != nil && r.Story != "" {
		if a, err := s.deps.Analyzer.Analyze(ctx, r.Story); err == nil {
			r.Verdict, r.ScamType = a.Verdict, a.ScamType
			s.prefill(r, a)
		}
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
		if m := s.deps.Orgs.MatchOrganisation(r.ClaimedOrganisation); m.Organisation != nil {
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
	r := &hangup.Report{NumberShown: in.NumberShown, CallbackNumber: in.CallbackNumber, Website: in.Website,
		Software: in.Software, ClaimedOrganisation: in.ClaimedOrganisation, PaymentMethod: in.PaymentMethod}
	if in.Amount != "" {
		r.Amount = -1 // keep what the person typed
	}
	s.prefill(r, a)
	in.CallbackNumber, in.Website, in.Software = r.CallbackNumber, r.Website, r.Software
	in.ClaimedOrganisation, in.PaymentMethod = r.ClaimedOrganisation, r.PaymentMethod
	if in.Amount == "" && r.Amount > 0 {
		in.Amount = strconv.FormatFloat(r.Amount, 'f', -1, 64)
		if in.Currency == "" {
			in.Currency = r.Currency
		}
	}
	return in
}

// prefill copies what the story names into fields left empty.
func (s *Service) prefill(r *hangup.Report, a *hangup.Analysis) {
	shown := ""
	if r.NumberShown != "" {
		shown = s.deps.Numbers.ParseNumber(r.NumberShown).E164
	}
	for _, e := range a.Entities {
		switch e.Kind {
		case hangup.EntityPhone:
			// A number the caller gave that isn't the one they called from
			// is the callback number.
			if r.CallbackNumber == "" && e.Number != nil && e.Number.E164 != "" && e.Number.E164 != shown {
				r.CallbackNumber = e.Number.E164
			}
		case hangup.EntityURL:
			if r.Website == "" {
				r.Website = e.Value
			}
		case hangup.EntityRemoteTool:
			if r.Software == "" {
				r.Software = e.Value
			}
		case hangup.EntityOrganisation:
			if r.ClaimedOrganisation == "" {
				r.ClaimedOrganisation = e.Value
			}
		case hangup.EntityPayment:
			if r.PaymentMethod == "" {
				r.PaymentMethod = e.Value
			}
		case hangup.EntityAmount:
			if r.Amount == 0 && e.Amount > 0 {
				r.Amount, r.Currency = e.Amount, e.Currency
			}
		}
	}
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
