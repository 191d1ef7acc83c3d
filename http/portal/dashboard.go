package portal

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/orgapi"
	"github.com/hangup-org/hangup/orgdash"
)

// dashboardPages are an organisation's dashboard and its CSV, for its
// members and analysts.
func (h *Handler) dashboardPages() []web.Route {
	if h.deps.Dashboards == nil {
		return nil
	}
	signedIn := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	return []web.Route{
		{Method: "GET", Path: "/organisations/{id}/dashboard", Handler: h.deps.Site.RequireRole(h.webDashboard, signedIn...)},
		{Method: "GET", Path: "/organisations/{id}/dashboard.csv", Handler: h.deps.Site.RequireRole(h.webDashboardCSV, signedIn...)},
	}
}

// DashboardPage is an organisation's dashboard: the impersonation aimed at
// it, for its members and analysts.
type DashboardPage struct {
	web.Page
	Org      *hangup.Organisation
	Dash     *orgdash.Dashboard
	Chart    template.HTML
	Weeks    int
	Periods  []int
	Alerts   []alerts.AlertView // every alert about it, whatever its status
	CanWrite bool               // may write alerts and set up notifications
	Query    string             // weeks=N, for the CSV link
	// HasNotifications: this server sends organisations' notifications.
	HasNotifications bool
}

// dashboardPeriods are the periods offered, in weeks.
var dashboardPeriods = []int{4, 12, 26, 52}

// dashboardOrg is the organisation of a dashboard request, if the
// signed-in account may read its data. Another organisation's member gets
// "not found": one organisation never learns about another's dashboard.
func (h *Handler) dashboardOrg(r *http.Request) (*hangup.Organisation, int, error) {
	o, ok := h.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok || !hangup.MayReadOrganisation(web.UserFrom(r.Context()), o.ID) {
		return nil, 0, hangup.Errorf(hangup.ENOTFOUND, "There is no dashboard here for your account.")
	}
	weeks, err := orgapi.DashboardWeeks(r)
	if err != nil {
		return nil, 0, err
	}
	return o, weeks, nil
}

// dashboard builds the dashboard the page or its CSV asks for.
func (h *Handler) dashboard(r *http.Request) (*hangup.Organisation, int, *orgdash.Dashboard, error) {
	o, weeks, err := h.dashboardOrg(r)
	if err != nil {
		return nil, 0, nil, err
	}
	d, err := h.deps.Dashboards.Build(r.Context(), o, weeks)
	return o, weeks, d, err
}

func (h *Handler) webDashboard(w http.ResponseWriter, r *http.Request) {
	o, weeks, d, err := h.dashboard(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	u := web.UserFrom(r.Context())
	p := DashboardPage{Page: h.deps.Site.Page(r, o.Name+": dashboard"), Org: o, Dash: d, Weeks: weeks, Periods: dashboardPeriods,
		CanWrite: hangup.MayActAsAnalyst(u) || hangup.MayActForOrganisation(u, o.ID), Query: "weeks=" + strconv.Itoa(weeks),
		HasNotifications: h.deps.Webhooks != nil}
	if p.Chart, err = d.Chart.HTML(); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	if h.deps.Alerts != nil {
		as, err := h.deps.Alerts.ForOrganisation(r.Context(), u, o.ID)
		if err != nil {
			h.deps.Site.Error(w, r, err)
			return
		}
		p.Alerts = h.deps.AlertViews(as)
	}
	h.deps.Site.Render(w, r, http.StatusOK, "dashboard", p)
}

func (h *Handler) webDashboardCSV(w http.ResponseWriter, r *http.Request) {
	o, _, d, err := h.dashboard(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	orgapi.WriteDashboardCSV(w, h.log, o, d)
}
