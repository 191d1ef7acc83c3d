package alerts

import (
	"net/http"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/http/internal/web"
)

// AlertList is the answer of GET /api/v1/alerts.
type AlertList struct {
	Alerts []*hangup.PublicAlert `json:"alerts"`
}

// apiAlerts lists the alerts in force, newest first; ?organisation=ID
// keeps one organisation's.
func (h *Handler) apiAlerts(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	var l []*hangup.PublicAlert
	if org := r.URL.Query().Get("organisation"); org != "" {
		l = h.deps.Alerts.LiveAlerts(org, now)
	} else {
		l = h.deps.Alerts.Live(now)
	}
	if l == nil {
		l = []*hangup.PublicAlert{}
	}
	web.WriteJSON(w, http.StatusOK, AlertList{Alerts: l})
}

// apiAlert returns one published alert (also once it expired or was
// withdrawn: its status says so). Alerts never published are not found.
func (h *Handler) apiAlert(w http.ResponseWriter, r *http.Request) {
	id, err := ID(r)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	a, err := h.deps.Alerts.Find(r.Context(), nil, id)
	if err == nil && !alert.Public(a) {
		err = hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
	}
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, a)
}
