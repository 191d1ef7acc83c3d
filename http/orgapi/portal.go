package orgapi

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/webhook"
)

// The rest of the organisation portal through the organisation API: the
// dashboard, alerts and notifications. The handlers call the same services
// as the pages, and those services decide with the same rules
// (hangup.MayReadOrganisation, hangup.MayActForOrganisation): a token acts
// as its organisation's org_admin (scope org) or org_member (org_read),
// for its own organisation only.

// tokenUser is the account an organisation token stands for when it asks
// the alert and notification services, which decide by account.
func tokenUser(a orgportal.Actor) *hangup.User {
	return &hangup.User{Email: a.Name, Role: a.Role, OrganisationID: a.OrganisationID}
}

// orgTokenUser authenticates an organisation token and returns the account
// it stands for and its organisation, which must be in the registry.
// write: the request changes something, so a read-only token is refused
// (403) before its body is read.
func (h *Handler) orgTokenUser(w http.ResponseWriter, r *http.Request, write bool) (*hangup.User, *hangup.Organisation, bool) {
	a, ok := h.orgActor(w, r)
	if !ok {
		return nil, nil, false
	}
	u := tokenUser(a)
	o, found := h.deps.Registry.Snapshot().Organisation(a.OrganisationID)
	if !found || !hangup.MayReadOrganisation(u, o.ID) {
		web.APIError(h.log, w, r, hangup.Errorf(hangup.ENOTFOUND, "Your organisation is not in Hangup's registry."))
		return nil, nil, false
	}
	if write && !hangup.MayActForOrganisation(u, o.ID) {
		web.APIError(h.log, w, r, hangup.Errorf(hangup.EFORBIDDEN, "This token may only read (scope org_read). Your organisation's administrator can make a token with the org scope."))
		return nil, nil, false
	}
	return u, o, true
}

// OrgDashboardResponse is what an organisation's dashboard shows: the
// reports naming it over the period, and its alerts.
type OrgDashboardResponse struct {
	Organisation string `json:"organisation"`
	Period       int    `json:"period_weeks"`
	*orgdash.Dashboard
	Alerts []*OrgAlert `json:"alerts"`
}

func (h *Handler) orgDashboard(w http.ResponseWriter, r *http.Request) (*hangup.User, *hangup.Organisation, *orgdash.Dashboard, int, bool) {
	u, o, ok := h.orgTokenUser(w, r, false)
	if !ok {
		return nil, nil, nil, 0, false
	}
	weeks, err := DashboardWeeks(r)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return nil, nil, nil, 0, false
	}
	d, err := h.deps.Dashboards.Build(r.Context(), o, weeks)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return nil, nil, nil, 0, false
	}
	return u, o, d, weeks, true
}

func (h *Handler) apiOrgDashboard(w http.ResponseWriter, r *http.Request) {
	u, o, d, weeks, ok := h.orgDashboard(w, r)
	if !ok {
		return
	}
	out := OrgDashboardResponse{Organisation: o.ID, Period: weeks, Dashboard: d, Alerts: []*OrgAlert{}}
	if h.deps.Alerts != nil {
		as, err := h.deps.Alerts.ForOrganisation(r.Context(), u, o.ID)
		if err != nil {
			web.APIError(h.log, w, r, err)
			return
		}
		out.Alerts = orgAlerts(as)
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) apiOrgDashboardCSV(w http.ResponseWriter, r *http.Request) {
	_, o, d, _, ok := h.orgDashboard(w, r)
	if !ok {
		return
	}
	WriteDashboardCSV(w, h.log, o, d)
}

// OrgAlert is an alert as its own organisation sees it: with the
// analyst's reason when it was rejected or withdrawn.
type OrgAlert struct {
	*hangup.PublicAlert
	ReviewNote string `json:"review_note,omitempty"`
}

func orgAlerts(as []*hangup.PublicAlert) []*OrgAlert {
	out := make([]*OrgAlert, len(as))
	for i, a := range as {
		out[i] = &OrgAlert{PublicAlert: a, ReviewNote: a.ReviewNote}
	}
	return out
}

// OrgAlertsResponse is every alert about the organisation, whatever its
// status, newest first.
type OrgAlertsResponse struct {
	Organisation string      `json:"organisation"`
	Alerts       []*OrgAlert `json:"alerts"`
}

func (h *Handler) apiOrgAlerts(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, false)
	if !ok {
		return
	}
	as, err := h.deps.Alerts.ForOrganisation(r.Context(), u, o.ID)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, OrgAlertsResponse{Organisation: o.ID, Alerts: orgAlerts(as)})
}

// OrgAlertInput is an alert an organisation writes about itself; an
// analyst reviews it before it is public.
type OrgAlertInput struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	Days  int    `json:"days,omitempty"` // days until it expires; 0: alert.DefaultDays
}

func (h *Handler) apiOrgAlertWrite(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, true)
	if !ok {
		return
	}
	var in OrgAlertInput
	if err := web.DecodeJSON(r, &in); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	a, err := h.deps.Alerts.Write(r.Context(), u, alert.Draft{OrganisationID: o.ID, Title: in.Title, Text: in.Text, Days: in.Days})
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, &OrgAlert{PublicAlert: a})
}

// OrgAlertWithdrawal is the optional body of a withdrawal.
type OrgAlertWithdrawal struct {
	Note string `json:"note,omitempty"`
}

func (h *Handler) apiOrgAlertWithdraw(w http.ResponseWriter, r *http.Request) {
	u, _, ok := h.orgTokenUser(w, r, true)
	if !ok {
		return
	}
	id, err := alerts.ID(r)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	var in OrgAlertWithdrawal
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &in); err != nil {
			web.APIError(h.log, w, r, err)
			return
		}
	}
	a, err := h.deps.Alerts.Withdraw(r.Context(), u, id, in.Note)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, &OrgAlert{PublicAlert: a, ReviewNote: a.ReviewNote})
}

// OrgWebhook is one of the organisation's notifications with its recent
// deliveries, newest first.
type OrgWebhook struct {
	*hangup.Webhook
	Deliveries []*hangup.WebhookDelivery `json:"deliveries"`
}

// OrgWebhooksResponse is the organisation's notifications.
type OrgWebhooksResponse struct {
	Organisation string        `json:"organisation"`
	EmailEnabled bool          `json:"email_enabled"` // this server can send notices by email
	Webhooks     []*OrgWebhook `json:"webhooks"`
}

func (h *Handler) apiOrgWebhooks(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, false)
	if !ok {
		return
	}
	ws, log, err := h.deps.Webhooks.List(r.Context(), u, o.ID)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	out := OrgWebhooksResponse{Organisation: o.ID, EmailEnabled: h.deps.Webhooks.EmailEnabled(), Webhooks: []*OrgWebhook{}}
	for _, x := range ws {
		ds := log[x.ID]
		if ds == nil {
			ds = []*hangup.WebhookDelivery{}
		}
		out.Webhooks = append(out.Webhooks, &OrgWebhook{Webhook: x, Deliveries: ds})
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, out)
}

// OrgWebhookInput registers a notification: a webhook URL (the default)
// or an email address.
type OrgWebhookInput struct {
	Kind      hangup.WebhookKind `json:"kind,omitempty"`
	Target    string             `json:"target"`
	Threshold int                `json:"threshold,omitempty"` // 0: webhook.DefaultThreshold
}

// OrgWebhookCreated is a new notification; a webhook's signing secret is
// in this answer and never again.
type OrgWebhookCreated struct {
	*hangup.Webhook
	Secret string `json:"secret,omitempty"`
}

func (h *Handler) apiOrgWebhookAdd(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, true)
	if !ok {
		return
	}
	var in OrgWebhookInput
	if err := web.DecodeJSON(r, &in); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	if in.Kind == "" {
		in.Kind = hangup.WebhookURL
	}
	wh, err := h.deps.Webhooks.Register(r.Context(), u, o.ID, webhook.Registration{Kind: in.Kind, Target: in.Target, Threshold: in.Threshold})
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	out := OrgWebhookCreated{Webhook: wh}
	if wh.Kind == hangup.WebhookURL {
		out.Secret = wh.Secret
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusCreated, out)
}

// orgWebhookID is the {id} of a webhook path; ENOTFOUND when it is not a
// positive number.
func orgWebhookID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
	}
	return id, nil
}

func (h *Handler) apiOrgWebhookDelete(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, true)
	if !ok {
		return
	}
	id, err := orgWebhookID(r)
	if err == nil {
		err = h.deps.Webhooks.Delete(r.Context(), u, o.ID, id)
	}
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// OrgWebhookTestResponse is the test notice as attempted: delivered, or
// pending a retry with the error.
type OrgWebhookTestResponse struct {
	Delivery *hangup.WebhookDelivery `json:"delivery"`
}

func (h *Handler) apiOrgWebhookTest(w http.ResponseWriter, r *http.Request) {
	u, o, ok := h.orgTokenUser(w, r, true)
	if !ok {
		return
	}
	id, err := orgWebhookID(r)
	var d *hangup.WebhookDelivery
	if err == nil {
		d, err = h.deps.Webhooks.Test(r.Context(), u, o.ID, id)
	}
	if err == nil && d == nil {
		err = hangup.Errorf(hangup.ECONFLICT, "A test notice was sent to this notification a moment ago; try again.")
	}
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, OrgWebhookTestResponse{Delivery: d})
}

// DashboardWeeks is the period a dashboard request asks for (?weeks=N).
// The dashboard page reads its period with it too.
func DashboardWeeks(r *http.Request) (int, error) {
	v := r.URL.Query().Get("weeks")
	if v == "" {
		return orgdash.DefaultWeeks, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > orgdash.MaxWeeks {
		return 0, hangup.Errorf(hangup.EINVALID, "Choose a period from 1 to %d weeks.", orgdash.MaxWeeks)
	}
	return n, nil
}

// WriteDashboardCSV sends a dashboard as the CSV file its page and the
// organisation API offer.
func WriteDashboardCSV(w http.ResponseWriter, log *slog.Logger, o *hangup.Organisation, d *orgdash.Dashboard) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="hangup-`+o.ID+`-dashboard.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := orgdash.WriteCSV(w, d); err != nil {
		log.Warn("dashboard csv", "err", err)
	}
}
