package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/orgportal"
)

// The organisation API (/api/v1/org/): what an organisation's own systems
// use to keep its published facts in step. Every request carries one of
// the organisation's API tokens (scope org, or org_read for reading); the
// token names the organisation, so no path or body can reach another's.

func (s *Server) orgAPIRoutes() []apiRoute {
	return []apiRoute{
		{"GET", "/api/v1/org/facts", s.apiOrgFacts},
		{"POST", "/api/v1/org/facts", s.apiOrgFactAdd},
		{"POST", "/api/v1/org/facts/{id}/code", s.apiOrgFactAction},
		{"POST", "/api/v1/org/facts/{id}/verify", s.apiOrgFactAction},
		{"POST", "/api/v1/org/facts/{id}/prove", s.apiOrgFactAction},
		{"POST", "/api/v1/org/facts/{id}/withdraw", s.apiOrgFactAction},
		{"GET", "/api/v1/org/audit", s.apiOrgAudit},
		{"GET", "/api/v1/org/dashboard", s.apiOrgDashboard},
		{"GET", "/api/v1/org/dashboard.csv", s.apiOrgDashboardCSV},
		{"GET", "/api/v1/org/alerts", s.apiOrgAlerts},
		{"POST", "/api/v1/org/alerts", s.apiOrgAlertWrite},
		{"POST", "/api/v1/org/alerts/{id}/withdraw", s.apiOrgAlertWithdraw},
		{"GET", "/api/v1/org/webhooks", s.apiOrgWebhooks},
		{"POST", "/api/v1/org/webhooks", s.apiOrgWebhookAdd},
		{"DELETE", "/api/v1/org/webhooks/{id}", s.apiOrgWebhookDelete},
		{"POST", "/api/v1/org/webhooks/{id}/test", s.apiOrgWebhookTest},
	}
}

// orgActor authenticates an organisation's token.
func (s *Server) orgActor(w http.ResponseWriter, r *http.Request) (orgportal.Actor, bool) {
	refuse := func(err error) (orgportal.Actor, bool) {
		if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="hangup organisation"`)
		}
		s.apiError(w, r, err)
		return orgportal.Actor{}, false
	}
	const how = "The organisation API needs one of your organisation's API tokens: send it as \"Authorization: Bearer TOKEN\". Your organisation's administrator makes them on its Hangup page."
	if s.deps.ScreenKeys == nil {
		return refuse(hangup.Errorf(hangup.EUNAUTHORIZED, "%s", how))
	}
	c, err := s.deps.ScreenKeys.Authenticate(web.APIKey(r))
	if err != nil {
		if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
			return refuse(hangup.Errorf(hangup.EUNAUTHORIZED, "%s", how))
		}
		return refuse(err)
	}
	a := orgportal.KeyActor(c.Key)
	if a.OrganisationID == "" {
		return refuse(hangup.Errorf(hangup.EFORBIDDEN, "This API key does not belong to an organisation: it lacks the org or org_read scope."))
	}
	return a, true
}

// OrgFactsResponse is an organisation's published facts.
type OrgFactsResponse struct {
	Organisation string            `json:"organisation"`
	Facts        []*hangup.OrgFact `json:"facts"`
}

func (s *Server) apiOrgFacts(w http.ResponseWriter, r *http.Request) {
	a, ok := s.orgActor(w, r)
	if !ok {
		return
	}
	facts, err := s.deps.Portal.Facts(r.Context(), a, a.OrganisationID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if facts == nil {
		facts = []*hangup.OrgFact{}
	}
	web.WriteJSON(w, http.StatusOK, OrgFactsResponse{Organisation: a.OrganisationID, Facts: facts})
}

func (s *Server) apiOrgFactAdd(w http.ResponseWriter, r *http.Request) {
	a, ok := s.orgActor(w, r)
	if !ok {
		return
	}
	var in orgportal.FactInput
	if err := web.DecodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.deps.Portal.Publish(r.Context(), a, a.OrganisationID, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, f)
}

// OrgFactAction is the body of the fact actions: the code heard (verify)
// or the reason (withdraw).
type OrgFactAction struct {
	Code string `json:"code,omitempty"`
	Why  string `json:"why,omitempty"`
}

func (s *Server) apiOrgFactAction(w http.ResponseWriter, r *http.Request) {
	a, ok := s.orgActor(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.apiError(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such fact for your organisation."))
		return
	}
	var in OrgFactAction
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &in); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	ctx := r.Context()
	var f *hangup.OrgFact
	switch action := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]; action {
	case "code":
		if err := s.deps.Portal.SendCode(ctx, a, id); err != nil {
			s.apiError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusAccepted, map[string]string{"status": "calling"})
		return
	case "verify":
		f, err = s.deps.Portal.EnterCode(ctx, a, id, in.Code)
	case "prove":
		f, err = s.deps.Portal.ProveDomain(ctx, a, id)
	default:
		f, err = s.deps.Portal.Withdraw(ctx, a, id, in.Why)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, f)
}

// OrgAuditResponse is an organisation's record of changes.
type OrgAuditResponse struct {
	Entries []hangup.AuditEntry `json:"entries"`
}

func (s *Server) apiOrgAudit(w http.ResponseWriter, r *http.Request) {
	a, ok := s.orgActor(w, r)
	if !ok {
		return
	}
	entries, err := s.deps.Portal.Audit(r.Context(), a, a.OrganisationID, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if entries == nil {
		entries = []hangup.AuditEntry{}
	}
	web.WriteJSON(w, http.StatusOK, OrgAuditResponse{Entries: entries})
}
