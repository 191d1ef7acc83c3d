package http

import (
	"net/http"
	"slices"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/reputation"
)

// websiteRoutes are the API of websites' reputation: what reports and
// analysts say about a website, and analysts' decisions.
func (s *Server) websiteRoutes() []web.Route {
	return []web.Route{
		{Method: "GET", Path: "/api/v1/websites/{domain}", Handler: s.apiWebsite},
		{Method: "POST", Path: "/api/v1/websites/{domain}/decision", Handler: s.apiWebsiteDecide},
	}
}

// withSiteReputation adds what reports and analysts say about the site a
// check is about.
func (s *Server) withSiteReputation(sc *hangup.SiteCheck) {
	if s.deps.Reputation == nil || sc == nil || sc.EvidenceKey == "" {
		return
	}
	rep := s.deps.Reputation.LookupSite(sc.EvidenceKey)
	sc.Reputation = &rep
}

// apiWebsite answers GET /api/v1/websites/{domain}.
func (s *Server) apiWebsite(w http.ResponseWriter, r *http.Request) {
	key, err := reputation.SiteKey(r.PathValue("domain"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, s.deps.Reputation.LookupSite(key))
}

// WebsiteDecision is the body of POST /api/v1/websites/{domain}/decision.
type WebsiteDecision struct {
	Decision hangup.SiteDecisionKind `json:"decision"` // confirmed, cleared, or "" to withdraw
	Reason   string                  `json:"reason"`
}

// apiWebsiteDecide answers POST /api/v1/websites/{domain}/decision: an
// analyst (signed in, the session cookie) confirms or clears a website.
// JSON only, so another site can't send it from a form.
func (s *Server) apiWebsiteDecide(w http.ResponseWriter, r *http.Request) {
	u := web.UserFrom(r.Context())
	if u == nil {
		s.apiError(w, r, hangup.Errorf(hangup.EUNAUTHORIZED, "Sign in as an analyst first."))
		return
	}
	if u.Disabled || !slices.Contains([]hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst}, u.Role) {
		s.apiError(w, r, hangup.Errorf(hangup.EFORBIDDEN, "Only analysts can decide about websites."))
		return
	}
	var in WebsiteDecision
	if err := web.DecodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if len(in.Reason) > 1000 {
		s.apiError(w, r, hangup.Invalid("The reason is too long.", hangup.FieldError{Field: "reason", Message: "at most 1,000 characters"}))
		return
	}
	rep, err := s.deps.Reputation.DecideSite(r.Context(), r.PathValue("domain"), in.Decision, u.Email, in.Reason)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, rep)
}
