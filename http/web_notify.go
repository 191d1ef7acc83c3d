package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/webhook"
)

func (s *Server) notifyRoutes(page func(string, http.HandlerFunc)) {
	if s.deps.Webhooks == nil || s.deps.Accounts == nil {
		return
	}
	signedIn := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	page("GET /organisations/{id}/notifications", s.site.RequireRole(s.webNotifications, signedIn...))
	page("POST /organisations/{id}/notifications", s.site.RequireRole(s.webNotificationAdd, signedIn...))
	page("POST /organisations/{id}/notifications/{wid}/test", s.site.RequireRole(s.webNotificationTest, signedIn...))
	page("POST /organisations/{id}/notifications/{wid}/delete", s.site.RequireRole(s.webNotificationDelete, signedIn...))
}

// NotificationView is one webhook or email address with its recent
// deliveries.
type NotificationView struct {
	*hangup.Webhook
	Deliveries []*hangup.WebhookDelivery
}

// NotificationsPage is where an organisation says how it wants to be told.
type NotificationsPage struct {
	web.Page
	Org           *hangup.Organisation
	Notifications []NotificationView
	CanChange     bool
	EmailEnabled  bool
	Problems      web.Problems
	Form          NotificationForm
	NewSecret     string // shown once, right after a webhook is added
	NewID         int64
	Tested        *hangup.WebhookDelivery
}

// NotificationForm is the add form as typed.
type NotificationForm struct {
	Kind, Target, Threshold string
}

func (s *Server) notifyOrg(r *http.Request) (*hangup.Organisation, error) {
	o, ok := s.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok || !hangup.MayReadOrganisation(web.UserFrom(r.Context()), o.ID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is nothing here for your account.")
	}
	return o, nil
}

func (s *Server) webNotifications(w http.ResponseWriter, r *http.Request) {
	o, err := s.notifyOrg(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.renderNotifications(w, r, http.StatusOK, NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}})
}

func (s *Server) renderNotifications(w http.ResponseWriter, r *http.Request, status int, p NotificationsPage) {
	u := web.UserFrom(r.Context())
	ws, log, err := s.deps.Webhooks.List(r.Context(), u, p.Org.ID)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p.Page = s.site.Page(r, p.Org.Name+": notifications")
	p.CanChange = hangup.MayActForOrganisation(u, p.Org.ID)
	p.EmailEnabled = s.deps.Webhooks.EmailEnabled()
	for _, x := range ws {
		p.Notifications = append(p.Notifications, NotificationView{Webhook: x, Deliveries: log[x.ID]})
	}
	if p.Form.Threshold == "" {
		p.Form.Threshold = strconv.Itoa(webhook.DefaultThreshold)
	}
	s.site.Render(w, r, status, "notifications", p)
}

func (s *Server) notifyForm(w http.ResponseWriter, r *http.Request) (*hangup.Organisation, bool) {
	if !s.site.PostedForm(w, r) {
		return nil, false
	}
	o, err := s.notifyOrg(r)
	if err != nil {
		s.site.Error(w, r, err)
		return nil, false
	}
	return o, true
}

func (s *Server) webNotificationAdd(w http.ResponseWriter, r *http.Request) {
	o, ok := s.notifyForm(w, r)
	if !ok {
		return
	}
	form := NotificationForm{Kind: r.PostForm.Get("kind"), Target: strings.TrimSpace(r.PostForm.Get("target")), Threshold: strings.TrimSpace(r.PostForm.Get("threshold"))}
	reg := webhook.Registration{Kind: hangup.WebhookKind(form.Kind), Target: form.Target}
	var err error
	if form.Threshold != "" {
		if reg.Threshold, err = strconv.Atoi(form.Threshold); err != nil {
			reg.Threshold = -1 // validation names it
		}
	}
	wh, err := s.deps.Webhooks.Register(r.Context(), web.UserFrom(r.Context()), o.ID, reg)
	if err != nil {
		if hangup.IsInputError(err) {
			if len(form.Target) > 2048 {
				form.Target = form.Target[:2048]
			}
			s.renderNotifications(w, r, web.StatusCode(err), NotificationsPage{Org: o, Form: form,
				Problems: web.FormProblems(err, []string{"kind", "target", "threshold"}, nil)})
			return
		}
		s.site.Error(w, r, err)
		return
	}
	p := NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}, NewID: wh.ID}
	if wh.Kind == hangup.WebhookURL {
		p.NewSecret = wh.Secret
	}
	s.renderNotifications(w, r, http.StatusOK, p)
}

func webhookID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("wid"), 10, 64)
	return id
}

func (s *Server) webNotificationTest(w http.ResponseWriter, r *http.Request) {
	o, ok := s.notifyForm(w, r)
	if !ok {
		return
	}
	d, err := s.deps.Webhooks.Test(r.Context(), web.UserFrom(r.Context()), o.ID, webhookID(r))
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.renderNotifications(w, r, http.StatusOK, NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}, Tested: d})
}

func (s *Server) webNotificationDelete(w http.ResponseWriter, r *http.Request) {
	o, ok := s.notifyForm(w, r)
	if !ok {
		return
	}
	if err := s.deps.Webhooks.Delete(r.Context(), web.UserFrom(r.Context()), o.ID, webhookID(r)); err != nil {
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/organisations/"+o.ID+"/notifications", http.StatusSeeOther)
}
