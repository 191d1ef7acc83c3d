package http

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/reputation"
	"golang.org/x/net/publicsuffix"
)

// AnalystSitesPage is the analysts' list of websites named in reports,
// with their decisions and the audit trail.
type AnalystSitesPage struct {
	web.Page
	Sites    []hangup.SiteReputation
	Changes  []hangup.SiteChange
	Problem  string
	Domain   string // as typed, kept with a problem
	Reason   string
	Decided  string // the website just decided, for the confirmation line
	Selected *hangup.SiteReputation
	Reports  []*hangup.Report // reports naming Selected's registrable domain
}

// siteVerdictLabel says a website's standing in plain words.
func siteVerdictLabel(v hangup.ReputationVerdict) string {
	switch v {
	case hangup.RepScam:
		return "Scam website"
	case hangup.RepSuspected:
		return "Suspected scam website"
	case hangup.RepVerified:
		return "Official website: never listed"
	case hangup.RepAllowed:
		return "Cleared by an analyst"
	}
	return "Not listed"
}

func (s *Server) webAnalystSites(w http.ResponseWriter, r *http.Request) {
	s.renderAnalystSites(w, r, http.StatusOK, "")
}

func (s *Server) renderAnalystSites(w http.ResponseWriter, r *http.Request, status int, problem string) {
	p := AnalystSitesPage{Page: s.site.Page(r, "Reported websites"), Problem: problem, Decided: r.URL.Query().Get("decided")}
	if problem != "" && r.PostForm != nil {
		p.Domain, p.Reason = r.PostForm.Get("domain"), r.PostForm.Get("reason")
	}
	p.Sites = s.deps.Reputation.ReportedSites(200)
	if d := r.URL.Query().Get("domain"); d != "" && problem == "" {
		if key, err := reputation.SiteKey(d); err == nil {
			rep := s.deps.Reputation.LookupSite(key)
			p.Selected, p.Domain = &rep, rep.Domain
			p.Reports, _ = s.deps.ReportDB.ListReports(r.Context(), hangup.ReportFilter{Domain: registrable(rep.Domain), Limit: 50})
		}
	}
	var err error
	if p.Changes, err = s.deps.RepDB.SiteChanges(r.Context(), "", 50); err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.site.Render(w, r, status, "analyst_websites", p)
}

// registrable is the registrable domain of a website name, as report
// links hold it.
func registrable(host string) string {
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

func (s *Server) webAnalystSiteDecide(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if len(reason) > 1000 {
		s.renderAnalystSites(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 1,000 characters or fewer.")
		return
	}
	decision := hangup.SiteDecisionKind(r.PostForm.Get("decision"))
	if decision == "undecide" {
		decision = ""
	}
	u := web.UserFrom(r.Context())
	rep, err := s.deps.Reputation.DecideSite(r.Context(), r.PostForm.Get("domain"), decision, u.Email, reason)
	if err != nil {
		if hangup.ErrorCode(err) == hangup.EINVALID {
			s.renderAnalystSites(w, r, http.StatusBadRequest, web.ProblemText(err))
			return
		}
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/websites?"+url.Values{"domain": {rep.Domain}, "decided": {rep.Domain}}.Encode(), http.StatusSeeOther)
}
