package staff

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/http/internal/web"
)

// SignInsPage shows administrators the failed sign-ins that slow down
// attempts now, by account and client network, and lets them clear one.
type SignInsPage struct {
	web.Page
	Throttles []account.Throttle
	Cleared   string // what was just cleared, for the confirmation
	Problem   string
}

func (h *Handler) webSignIns(w http.ResponseWriter, r *http.Request) {
	h.renderSignIns(w, r, http.StatusOK, r.URL.Query().Get("cleared"), "")
}

func (h *Handler) renderSignIns(w http.ResponseWriter, r *http.Request, status int, cleared, problem string) {
	list, err := h.deps.Accounts.Throttles(r.Context(), 200)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	if len(cleared) > 400 {
		cleared = ""
	}
	h.deps.Site.Render(w, r, status, "admin_signins", SignInsPage{Page: h.deps.Site.Page(r, "Sign-in throttles"), Throttles: list, Cleared: cleared, Problem: problem})
}

// webSignInsClear clears the failed sign-ins of an account from a network,
// of an account from everywhere, or of a network on every account.
func (h *Handler) webSignInsClear(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	acct, network := r.PostForm.Get("account"), r.PostForm.Get("network")
	if acct == "" && network == "" && r.PostForm.Get("all") != "yes" {
		h.renderSignIns(w, r, http.StatusBadRequest, "", "Say which account or network to clear.")
		return
	}
	n, err := h.deps.Accounts.ClearThrottles(r.Context(), acct, network)
	if err != nil {
		if hangup.ErrorCode(err) == hangup.EINVALID {
			h.renderSignIns(w, r, http.StatusBadRequest, "", hangup.ErrorMessage(err))
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	h.log.Info("sign-in throttles cleared", "by", web.UserFrom(r.Context()).Email, "account", acct, "network", network, "rows", n)
	http.Redirect(w, r, "/admin/signins?cleared="+url.QueryEscape(plural(n, "throttle")), http.StatusSeeOther)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
