package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/http/internal/web"
)

// alertRoutes registers the alert pages: public ones for everybody, the
// writing, review and withdrawal forms for accounts that may use them
// (the alert service decides who may do what).
func (s *Server) alertRoutes(page func(string, http.HandlerFunc)) {
	if s.deps.Alerts == nil {
		return
	}
	page("GET /alerts", s.webAlerts)
	page("GET /alerts/{id}", s.webAlert)
	page("GET /alerts.atom", s.alertsAtom)
	page("GET /alerts.json", s.alertsJSONFeed)
	if s.deps.Accounts == nil {
		return
	}
	signedIn := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	page("GET /organisations/{id}/alerts/new", s.site.RequireRole(s.webAlertForm, signedIn...))
	page("POST /organisations/{id}/alerts", s.site.RequireRole(s.webAlertWrite, signedIn...))
	page("POST /alerts/{id}/review", s.site.RequireRole(s.webAlertReview, hangup.RoleAdmin, hangup.RoleAnalyst))
	page("POST /alerts/{id}/withdraw", s.site.RequireRole(s.webAlertWithdraw, signedIn...))
	page("GET /analyst/alerts", s.site.RequireRole(s.webAlertQueue, hangup.RoleAdmin, hangup.RoleAnalyst))
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

func (s *Server) alertView(a *hangup.PublicAlert, now time.Time) AlertView {
	name := a.OrganisationID
	if o, ok := s.deps.Registry.Snapshot().Organisation(a.OrganisationID); ok {
		name = o.Name
	}
	return AlertView{PublicAlert: a, Organisation: name, Paragraphs: alert.Paragraphs(a.Text), Live: a.Live(now)}
}

func (s *Server) alertViews(as []*hangup.PublicAlert) []AlertView {
	now := time.Now()
	out := make([]AlertView, len(as))
	for i, a := range as {
		out[i] = s.alertView(a, now)
	}
	return out
}

// AlertsPage lists the alerts in force.
type AlertsPage struct {
	web.Page
	Alerts []AlertView
}

func (s *Server) webAlerts(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "alerts", AlertsPage{Page: s.site.Page(r, "Scam alerts"), Alerts: s.alertViews(s.deps.Alerts.Live(time.Now()))})
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

func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert. Check the link was copied in full.")
	}
	return id, nil
}

func (s *Server) webAlert(w http.ResponseWriter, r *http.Request) {
	s.renderAlert(w, r, http.StatusOK, "")
}

func (s *Server) renderAlert(w http.ResponseWriter, r *http.Request, status int, problem string) {
	id, err := alertID(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	u := web.UserFrom(r.Context())
	a, err := s.deps.Alerts.Find(r.Context(), u, id)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p := AlertPage{Page: s.site.Page(r, a.Title), Alert: s.alertView(a, time.Now()), Problem: problem}
	if problem != "" && r.PostForm != nil {
		p.Note = r.PostForm.Get("note")
	}
	if hangup.MayReadOrganisation(u, a.OrganisationID) {
		if p.Events, err = s.deps.Alerts.History(r.Context(), u, a); err != nil {
			s.site.Error(w, r, err)
			return
		}
		p.CanReview = a.Status == hangup.AlertPending && hangup.MayActAsAnalyst(u) && !strings.EqualFold(a.Author, u.Email)
		p.CanWithdraw = (a.Status == hangup.AlertPending || a.Status == hangup.AlertPublished) &&
			(hangup.MayActAsAnalyst(u) || hangup.MayActForOrganisation(u, a.OrganisationID))
	}
	if !alert.Public(a) {
		w.Header().Set("X-Robots-Tag", "noindex")
	}
	s.site.Render(w, r, status, "alert", p)
}

// AlertFormPage is the form to write an alert.
type AlertFormPage struct {
	web.Page
	Organisation *hangup.Organisation
	Form         alert.Draft
	Problems     web.Problems
	MaxDays      int
}

func (s *Server) alertOrganisation(r *http.Request) (*hangup.Organisation, error) {
	o, ok := s.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry.")
	}
	u := web.UserFrom(r.Context())
	if !hangup.MayActAsAnalyst(u) && !hangup.MayActForOrganisation(u, o.ID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't write alerts about this organisation.")
	}
	return o, nil
}

func (s *Server) webAlertForm(w http.ResponseWriter, r *http.Request) {
	o, err := s.alertOrganisation(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.site.Render(w, r, http.StatusOK, "alert_form", AlertFormPage{Page: s.site.Page(r, "Write an alert about "+o.Name), Organisation: o,
		Form: alert.Draft{Days: alert.DefaultDays}, MaxDays: alert.MaxDays})
}

func (s *Server) webAlertWrite(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	o, err := s.alertOrganisation(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	d := alert.Draft{OrganisationID: o.ID, Title: r.PostForm.Get("title"), Text: r.PostForm.Get("text")}
	days := strings.TrimSpace(r.PostForm.Get("days"))
	if days != "" {
		if d.Days, err = strconv.Atoi(days); err != nil {
			d.Days = -1 // validation names it
		}
	}
	a, err := s.deps.Alerts.Write(r.Context(), web.UserFrom(r.Context()), d)
	if err != nil {
		if hangup.IsInputError(err) {
			if len(d.Title) > 4*alert.MaxTitle {
				d.Title = d.Title[:4*alert.MaxTitle]
			}
			s.site.Render(w, r, web.StatusCode(err), "alert_form", AlertFormPage{Page: s.site.Page(r, "Write an alert about "+o.Name), Organisation: o,
				Form: d, MaxDays: alert.MaxDays, Problems: web.FormProblems(err, []string{"title", "text", "days"}, nil)})
			return
		}
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

func (s *Server) webAlertReview(w http.ResponseWriter, r *http.Request) {
	s.alertAction(w, r, func(u *hangup.User, id int64, note string) error {
		_, err := s.deps.Alerts.Review(r.Context(), u, id, r.PostForm.Get("decision") == "publish", note)
		return err
	})
}

func (s *Server) webAlertWithdraw(w http.ResponseWriter, r *http.Request) {
	s.alertAction(w, r, func(u *hangup.User, id int64, note string) error {
		_, err := s.deps.Alerts.Withdraw(r.Context(), u, id, note)
		return err
	})
}

// alertAction runs a review or a withdrawal from a form on the alert's
// page: a problem the person can fix shows the page again with it.
func (s *Server) alertAction(w http.ResponseWriter, r *http.Request, act func(*hangup.User, int64, string) error) {
	if !s.site.PostedForm(w, r) {
		return
	}
	id, err := alertID(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	if err := act(web.UserFrom(r.Context()), id, r.PostForm.Get("note")); err != nil {
		if c := hangup.ErrorCode(err); hangup.IsInputError(err) || c == hangup.ECONFLICT {
			s.renderAlert(w, r, web.StatusCode(err), web.ProblemText(err))
			return
		}
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// AlertQueuePage lists the alerts waiting for an analyst.
type AlertQueuePage struct {
	web.Page
	Alerts []AlertView
}

func (s *Server) webAlertQueue(w http.ResponseWriter, r *http.Request) {
	l, err := s.deps.Alerts.Pending(r.Context(), web.UserFrom(r.Context()))
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.site.Render(w, r, http.StatusOK, "analyst_alerts", AlertQueuePage{Page: s.site.Page(r, "Alerts to review"), Alerts: s.alertViews(l)})
}

// alertURL is an alert's page, absolute when the public address is known.
func (s *Server) alertURL(a *hangup.PublicAlert) string {
	return s.PublicURL() + "/alerts/" + url.PathEscape(strconv.FormatInt(a.ID, 10))
}
