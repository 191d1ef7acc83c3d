package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/webhook"
)

// notifyPages are an organisation's notification pages.
func (h *Handler) notifyPages() []web.Route {
	if h.deps.Webhooks == nil {
		return nil
	}
	signedIn := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	site := h.deps.Site
	return []web.Route{
		{Method: "GET", Path: "/organisations/{id}/notifications", Handler: site.RequireRole(h.webNotifications, signedIn...)},
		{Method: "POST", Path: "/organisations/{id}/notifications", Handler: site.RequireRole(h.webNotificationAdd, signedIn...)},
		{Method: "POST", Path: "/organisations/{id}/notifications/{wid}/test", Handler: site.RequireRole(h.webNotificationTest, signedIn...)},
		{Method: "POST", Path: "/organisations/{id}/notifications/{wid}/delete", Handler: site.RequireRole(h.webNotificationDelete, signedIn...)},
	}
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

func (h *Handler) notifyOrg(r *http.Request) (*hangup.Organisation, error) {
	o, ok := h.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok || !hangup.MayReadOrganisation(web.UserFrom(r.Context()), o.ID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is nothing here for your account.")
	}
	return o, nil
}

func (h *Handler) webNotifications(w http.ResponseWriter, r *http.Request) {
	o, err := h.notifyOrg(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.renderNotifications(w, r, http.StatusOK, NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}})
}

func (h *Handler) renderNotifications(w http.ResponseWriter, r *http.Request, status int, p NotificationsPage) {
	u := web.UserFrom(r.Context())
	ws, log, err := h.deps.Webhooks.List(r.Context(), u, p.Org.ID)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	p.Page = h.deps.Site.Page(r, p.Org.Name+": notifications")
	p.CanChange = hangup.MayActForOrganisation(u, p.Org.ID)
	p.EmailEnabled = h.deps.Webhooks.EmailEnabled()
	for _, x := range ws {
		p.Notifications = append(p.Notifications, NotificationView{Webhook: x, Deliveries: log[x.ID]})
	}
	if p.Form.Threshold == "" {
		p.Form.Threshold = strconv.Itoa(webhook.DefaultThreshold)
	}
	h.deps.Site.Render(w, r, status, "notifications", p)
}

func (h *Handler) notifyForm(w http.ResponseWriter, r *http.Request) (*hangup.Organisation, bool) {
	if !h.deps.Site.PostedForm(w, r) {
		return nil, false
	}
	o, err := h.notifyOrg(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return nil, false
	}
	return o, true
}

func (h *Handler) webNotificationAdd(w http.ResponseWriter, r *http.Request) {
	o, ok := h.notifyForm(w, r)
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
	wh, err := h.deps.Webhooks.Register(r.Context(), web.UserFrom(r.Context()), o.ID, reg)
	if err != nil {
		if hangup.IsInputError(err) {
			if len(form.Target) > 2048 {
				form.Target = form.Target[:2048]
			}
			h.renderNotifications(w, r, web.StatusCode(err), NotificationsPage{Org: o, Form: form,
				Problems: web.FormProblems(err, []string{"kind", "target", "threshold"}, nil)})
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	p := NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}, NewID: wh.ID}
	if wh.Kind == hangup.WebhookURL {
		p.NewSecret = wh.Secret
	}
	h.renderNotifications(w, r, http.StatusOK, p)
}

func webhookID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("wid"), 10, 64)
	return id
}

func (h *Handler) webNotificationTest(w http.ResponseWriter, r *http.Request) {
	o, ok := h.notifyForm(w, r)
	if !ok {
		return
	}
	d, err := h.deps.Webhooks.Test(r.Context(), web.UserFrom(r.Context()), o.ID, webhookID(r))
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.renderNotifications(w, r, http.StatusOK, NotificationsPage{Org: o, Form: NotificationForm{Kind: string(hangup.WebhookURL)}, Tested: d})
}

func (h *Handler) webNotificationDelete(w http.ResponseWriter, r *http.Request) {
	o, ok := h.notifyForm(w, r)
	if !ok {
		return
	}
	if err := h.deps.Webhooks.Delete(r.Context(), web.UserFrom(r.Context()), o.ID, webhookID(r)); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/organisations/"+o.ID+"/notifications", http.StatusSeeOther)
}
