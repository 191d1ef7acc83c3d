// Package alerts serves the public alerts about organisations: their
// pages (the alerts in force, one alert with its history, the forms to
// write, review and withdraw one, the analysts' queue), the feeds (Atom
// and JSON Feed) and the public API (/api/v1/alerts). The alert service
// decides who may do what; package http mounts the routes.
package alerts

import (
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/http/internal/web"
)

// Deps are what the alert pages, feeds and API read.
type Deps struct {
	Alerts   *alert.Service // required
	Registry web.Registry   // required
	Site     *web.Site      // renders the pages and refuses in them
	// PublicURL returns the site's address, for the feeds' links and ids
	// ("" for relative links).
	PublicURL func() string
	Logger    *slog.Logger
}

// Handler serves the alert pages, feeds and API.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the alert handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Pages are the alert pages and feeds: public ones for everybody and,
// when the server has accounts, the writing, review and withdrawal forms
// for accounts that may use them (the alert service decides who may do
// what).
func (h *Handler) Pages(accounts bool) []web.Route {
	rts := []web.Route{
		{Method: "GET", Path: "/alerts", Handler: h.webAlerts},
		{Method: "GET", Path: "/alerts/{id}", Handler: h.webAlert},
		{Method: "GET", Path: "/alerts.atom", Handler: h.alertsAtom},
		{Method: "GET", Path: "/alerts.json", Handler: h.alertsJSONFeed},
	}
	if !accounts {
		return rts
	}
	signedIn := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	return append(rts,
		web.Route{Method: "GET", Path: "/organisations/{id}/alerts/new", Handler: h.deps.Site.RequireRole(h.webAlertForm, signedIn...)},
		web.Route{Method: "POST", Path: "/organisations/{id}/alerts", Handler: h.deps.Site.RequireRole(h.webAlertWrite, signedIn...)},
		web.Route{Method: "POST", Path: "/alerts/{id}/review", Handler: h.deps.Site.RequireRole(h.webAlertReview, hangup.RoleAdmin, hangup.RoleAnalyst)},
		web.Route{Method: "POST", Path: "/alerts/{id}/withdraw", Handler: h.deps.Site.RequireRole(h.webAlertWithdraw, signedIn...)},
		web.Route{Method: "GET", Path: "/analyst/alerts", Handler: h.deps.Site.RequireRole(h.webAlertQueue, hangup.RoleAdmin, hangup.RoleAnalyst)},
	)
}

// APIRoutes are the alert API's endpoints, documented in openapi.json.
func (h *Handler) APIRoutes() []web.Route {
	return []web.Route{
		{Method: "GET", Path: "/api/v1/alerts", Handler: h.apiAlerts},
		{Method: "GET", Path: "/api/v1/alerts/{id}", Handler: h.apiAlert},
	}
}

func (h *Handler) publicURL() string {
	if h.deps.PublicURL == nil {
		return ""
	}
	return h.deps.PublicURL()
}

// AlertView is an alert as pages show it.
type AlertView struct {
	*hangup.PublicAlert
	Organisation string   // the organisation's name
	Paragraphs   []string // the text, paragraph by paragraph
	Live         bool
}

// By says who published the alert, in the page's words.
func (v AlertView) By() string {
	if v.AuthorKind == hangup.AuthorOrganisation {
		return v.Organisation
	}
	return "Hangup's analysts"
}

func (h *Handler) alertView(a *hangup.PublicAlert, now time.Time) AlertView {
	name := a.OrganisationID
	if o, ok := h.deps.Registry.Snapshot().Organisation(a.OrganisationID); ok {
		name = o.Name
	}
	return AlertView{PublicAlert: a, Organisation: name, Paragraphs: alert.Paragraphs(a.Text), Live: a.Live(now)}
}

// Views are alerts as pages show them.
func (h *Handler) Views(as []*hangup.PublicAlert) []AlertView {
	now := time.Now()
	out := make([]AlertView, len(as))
	for i, a := range as {
		out[i] = h.alertView(a, now)
	}
	return out
}

// AlertsPage lists the alerts in force.
type AlertsPage struct {
	web.Page
	Alerts []AlertView
}

func (h *Handler) webAlerts(w http.ResponseWriter, r *http.Request) {
	h.deps.Site.Render(w, r, http.StatusOK, "alerts", AlertsPage{Page: h.deps.Site.Page(r, "Scam alerts"), Alerts: h.Views(h.deps.Alerts.Live(time.Now()))})
}

// AlertPage is one alert: public once published; with its status, history
// and the forms for who may act on it.
type AlertPage struct {
	web.Page
	Alert       AlertView
	Events      []hangup.AlertEvent // for readers of the organisation's data
	CanReview   bool
	CanWithdraw bool
	Problem     string
	Note        string // as typed, kept with a problem
}

// ID is the {id} of an alert's path; ENOTFOUND when it is not a
// positive number. The organisation API reads its alert paths with it too.
func ID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert. Check the link was copied in full.")
	}
	return id, nil
}

func (h *Handler) webAlert(w http.ResponseWriter, r *http.Request) {
	h.renderAlert(w, r, http.StatusOK, "")
}

func (h *Handler) renderAlert(w http.ResponseWriter, r *http.Request, status int, problem string) {
	id, err := ID(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	u := web.UserFrom(r.Context())
	a, err := h.deps.Alerts.Find(r.Context(), u, id)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	p := AlertPage{Page: h.deps.Site.Page(r, a.Title), Alert: h.alertView(a, time.Now()), Problem: problem}
	if problem != "" && r.PostForm != nil {
		p.Note = r.PostForm.Get("note")
	}
	if hangup.MayReadOrganisation(u, a.OrganisationID) {
		if p.Events, err = h.deps.Alerts.History(r.Context(), u, a); err != nil {
			h.deps.Site.Error(w, r, err)
			return
		}
		p.CanReview = a.Status == hangup.AlertPending && hangup.MayActAsAnalyst(u) && !strings.EqualFold(a.Author, u.Email)
		p.CanWithdraw = (a.Status == hangup.AlertPending || a.Status == hangup.AlertPublished) &&
			(hangup.MayActAsAnalyst(u) || hangup.MayActForOrganisation(u, a.OrganisationID))
	}
	if !alert.Public(a) {
		w.Header().Set("X-Robots-Tag", "noindex")
	}
	h.deps.Site.Render(w, r, status, "alert", p)
}

// AlertFormPage is the form to write an alert.
type AlertFormPage struct {
	web.Page
	Organisation *hangup.Organisation
	Form         alert.Draft
	Problems     web.Problems
	MaxDays      int
}

func (h *Handler) alertOrganisation(r *http.Request) (*hangup.Organisation, error) {
	o, ok := h.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry.")
	}
	u := web.UserFrom(r.Context())
	if !hangup.MayActAsAnalyst(u) && !hangup.MayActForOrganisation(u, o.ID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't write alerts about this organisation.")
	}
	return o, nil
}

func (h *Handler) webAlertForm(w http.ResponseWriter, r *http.Request) {
	o, err := h.alertOrganisation(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.deps.Site.Render(w, r, http.StatusOK, "alert_form", AlertFormPage{Page: h.deps.Site.Page(r, "Write an alert about "+o.Name), Organisation: o,
		Form: alert.Draft{Days: alert.DefaultDays}, MaxDays: alert.MaxDays})
}

func (h *Handler) webAlertWrite(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	o, err := h.alertOrganisation(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	d := alert.Draft{OrganisationID: o.ID, Title: r.PostForm.Get("title"), Text: r.PostForm.Get("text")}
	days := strings.TrimSpace(r.PostForm.Get("days"))
	if days != "" {
		if d.Days, err = strconv.Atoi(days); err != nil {
			d.Days = -1 // validation names it
		}
	}
	a, err := h.deps.Alerts.Write(r.Context(), web.UserFrom(r.Context()), d)
	if err != nil {
		if hangup.IsInputError(err) {
			if len(d.Title) > 4*alert.MaxTitle {
				d.Title = d.Title[:4*alert.MaxTitle]
			}
			h.deps.Site.Render(w, r, web.StatusCode(err), "alert_form", AlertFormPage{Page: h.deps.Site.Page(r, "Write an alert about "+o.Name), Organisation: o,
				Form: d, MaxDays: alert.MaxDays, Problems: web.FormProblems(err, []string{"title", "text", "days"}, nil)})
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

func (h *Handler) webAlertReview(w http.ResponseWriter, r *http.Request) {
	h.alertAction(w, r, func(u *hangup.User, id int64, note string) error {
		_, err := h.deps.Alerts.Review(r.Context(), u, id, r.PostForm.Get("decision") == "publish", note)
		return err
	})
}

func (h *Handler) webAlertWithdraw(w http.ResponseWriter, r *http.Request) {
	h.alertAction(w, r, func(u *hangup.User, id int64, note string) error {
		_, err := h.deps.Alerts.Withdraw(r.Context(), u, id, note)
		return err
	})
}

// alertAction runs a review or a withdrawal from a form on the alert's
// page: a problem the person can fix shows the page again with it.
func (h *Handler) alertAction(w http.ResponseWriter, r *http.Request, act func(*hangup.User, int64, string) error) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	id, err := ID(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	if err := act(web.UserFrom(r.Context()), id, r.PostForm.Get("note")); err != nil {
		if c := hangup.ErrorCode(err); hangup.IsInputError(err) || c == hangup.ECONFLICT {
			h.renderAlert(w, r, web.StatusCode(err), web.ProblemText(err))
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// AlertQueuePage lists the alerts waiting for an analyst.
type AlertQueuePage struct {
	web.Page
	Alerts []AlertView
}

func (h *Handler) webAlertQueue(w http.ResponseWriter, r *http.Request) {
	l, err := h.deps.Alerts.Pending(r.Context(), web.UserFrom(r.Context()))
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.deps.Site.Render(w, r, http.StatusOK, "analyst_alerts", AlertQueuePage{Page: h.deps.Site.Page(r, "Alerts to review"), Alerts: h.Views(l)})
}

// alertURL is an alert's page, absolute when the public address is known.
func (h *Handler) alertURL(a *hangup.PublicAlert) string {
	return h.publicURL() + "/alerts/" + url.PathEscape(strconv.FormatInt(a.ID, 10))
}
