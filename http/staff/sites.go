package staff

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

func (h *Handler) webAnalystSites(w http.ResponseWriter, r *http.Request) {
	h.renderAnalystSites(w, r, http.StatusOK, "")
}

func (h *Handler) renderAnalystSites(w http.ResponseWriter, r *http.Request, status int, problem string) {
	p := AnalystSitesPage{Page: h.deps.Site.Page(r, "Reported websites"), Problem: problem, Decided: r.URL.Query().Get("decided")}
	if problem != "" && r.PostForm != nil {
		p.Domain, p.Reason = r.PostForm.Get("domain"), r.PostForm.Get("reason")
	}
	p.Sites = h.deps.Reputation.ReportedSites(200)
	if d := r.URL.Query().Get("domain"); d != "" && problem == "" {
		if key, err := reputation.SiteKey(d); err == nil {
			rep := h.deps.Reputation.LookupSite(key)
			p.Selected, p.Domain = &rep, rep.Domain
			p.Reports, _ = h.deps.ReportDB.ListReports(r.Context(), hangup.ReportFilter{Domain: registrable(rep.Domain), Limit: 50})
		}
	}
	var err error
	if p.Changes, err = h.deps.RepDB.SiteChanges(r.Context(), "", 50); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.deps.Site.Render(w, r, status, "analyst_websites", p)
}

// registrable is the registrable domain of a website name, as report
// links hold it.
func registrable(host string) string {
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

func (h *Handler) webAnalystSiteDecide(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if len(reason) > 1000 {
		h.renderAnalystSites(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 1,000 characters or fewer.")
		return
	}
	decision := hangup.SiteDecisionKind(r.PostForm.Get("decision"))
	if decision == "undecide" {
		decision = ""
	}
	u := web.UserFrom(r.Context())
	rep, err := h.deps.Reputation.DecideSite(r.Context(), r.PostForm.Get("domain"), decision, u.Email, reason)
	if err != nil {
		if hangup.ErrorCode(err) == hangup.EINVALID {
			h.renderAnalystSites(w, r, http.StatusBadRequest, web.ProblemText(err))
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/websites?"+url.Values{"domain": {rep.Domain}, "decided": {rep.Domain}}.Encode(), http.StatusSeeOther)
}
