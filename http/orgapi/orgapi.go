// Package orgapi serves the organisation API (/api/v1/org/): what an
// organisation's own systems use to keep its published facts in step, and
// the rest of the organisation portal (the dashboard, alerts and
// notifications). Every request carries one of the organisation's API
// tokens (scope org, or org_read for reading); the token names the
// organisation, so no path or body can reach another's. Package http
// mounts the routes with the rest of the API.
package orgapi

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/webhook"
)

// Deps are the services the organisation API answers from. Registry is
// required. Package http answers 404 for the endpoints whose service is
// nil, without calling the handlers.
type Deps struct {
	Registry   web.Registry
	Keys       *screen.Keys // the organisations' API tokens; nil refuses every request
	Portal     *orgportal.Service
	Dashboards *orgdash.Service
	Alerts     *alert.Service // nil: dashboards show no alerts
	Webhooks   *webhook.Service
	Logger     *slog.Logger
}

// Handler serves the organisation API.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the organisation API's handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Routes are the organisation API's endpoints, all documented in
// openapi.json.
func (h *Handler) Routes() []web.Route {
	return []web.Route{
		{Method: "GET", Path: "/api/v1/org/facts", Handler: h.apiOrgFacts},
		{Method: "POST", Path: "/api/v1/org/facts", Handler: h.apiOrgFactAdd},
		{Method: "POST", Path: "/api/v1/org/facts/{id}/code", Handler: h.apiOrgFactAction},
		{Method: "POST", Path: "/api/v1/org/facts/{id}/verify", Handler: h.apiOrgFactAction},
		{Method: "POST", Path: "/api/v1/org/facts/{id}/prove", Handler: h.apiOrgFactAction},
		{Method: "POST", Path: "/api/v1/org/facts/{id}/withdraw", Handler: h.apiOrgFactAction},
		{Method: "GET", Path: "/api/v1/org/audit", Handler: h.apiOrgAudit},
		{Method: "GET", Path: "/api/v1/org/dashboard", Handler: h.apiOrgDashboard},
		{Method: "GET", Path: "/api/v1/org/dashboard.csv", Handler: h.apiOrgDashboardCSV},
		{Method: "GET", Path: "/api/v1/org/alerts", Handler: h.apiOrgAlerts},
		{Method: "POST", Path: "/api/v1/org/alerts", Handler: h.apiOrgAlertWrite},
		{Method: "POST", Path: "/api/v1/org/alerts/{id}/withdraw", Handler: h.apiOrgAlertWithdraw},
		{Method: "GET", Path: "/api/v1/org/webhooks", Handler: h.apiOrgWebhooks},
		{Method: "POST", Path: "/api/v1/org/webhooks", Handler: h.apiOrgWebhookAdd},
		{Method: "DELETE", Path: "/api/v1/org/webhooks/{id}", Handler: h.apiOrgWebhookDelete},
		{Method: "POST", Path: "/api/v1/org/webhooks/{id}/test", Handler: h.apiOrgWebhookTest},
	}
}

// orgActor authenticates an organisation's token.
func (h *Handler) orgActor(w http.ResponseWriter, r *http.Request) (orgportal.Actor, bool) {
	refuse := func(err error) (orgportal.Actor, bool) {
		if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="hangup organisation"`)
		}
		web.APIError(h.log, w, r, err)
		return orgportal.Actor{}, false
	}
	const how = "The organisation API needs one of your organisation's API tokens: send it as \"Authorization: Bearer TOKEN\". Your organisation's administrator makes them on its Hangup page."
	if h.deps.Keys == nil {
		return refuse(hangup.Errorf(hangup.EUNAUTHORIZED, "%s", how))
	}
	c, err := h.deps.Keys.Authenticate(web.APIKey(r))
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

func (h *Handler) apiOrgFacts(w http.ResponseWriter, r *http.Request) {
	a, ok := h.orgActor(w, r)
	if !ok {
		return
	}
	facts, err := h.deps.Portal.Facts(r.Context(), a, a.OrganisationID)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	if facts == nil {
		facts = []*hangup.OrgFact{}
	}
	web.WriteJSON(w, http.StatusOK, OrgFactsResponse{Organisation: a.OrganisationID, Facts: facts})
}

func (h *Handler) apiOrgFactAdd(w http.ResponseWriter, r *http.Request) {
	a, ok := h.orgActor(w, r)
	if !ok {
		return
	}
	var in orgportal.FactInput
	if err := web.DecodeJSON(r, &in); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	f, err := h.deps.Portal.Publish(r.Context(), a, a.OrganisationID, in)
	if err != nil {
		web.APIError(h.log, w, r, err)
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

func (h *Handler) apiOrgFactAction(w http.ResponseWriter, r *http.Request) {
	a, ok := h.orgActor(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		web.APIError(h.log, w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such fact for your organisation."))
		return
	}
	var in OrgFactAction
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &in); err != nil {
			web.APIError(h.log, w, r, err)
			return
		}
	}
	ctx := r.Context()
	var f *hangup.OrgFact
	switch action := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]; action {
	case "code":
		if err := h.deps.Portal.SendCode(ctx, a, id); err != nil {
			web.APIError(h.log, w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusAccepted, map[string]string{"status": "calling"})
		return
	case "verify":
		f, err = h.deps.Portal.EnterCode(ctx, a, id, in.Code)
	case "prove":
		f, err = h.deps.Portal.ProveDomain(ctx, a, id)
	default:
		f, err = h.deps.Portal.Withdraw(ctx, a, id, in.Why)
	}
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, f)
}

// OrgAuditResponse is an organisation's record of changes.
type OrgAuditResponse struct {
	Entries []hangup.AuditEntry `json:"entries"`
}

func (h *Handler) apiOrgAudit(w http.ResponseWriter, r *http.Request) {
	a, ok := h.orgActor(w, r)
	if !ok {
		return
	}
	entries, err := h.deps.Portal.Audit(r.Context(), a, a.OrganisationID, 200)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	if entries == nil {
		entries = []hangup.AuditEntry{}
	}
	web.WriteJSON(w, http.StatusOK, OrgAuditResponse{Entries: entries})
}
