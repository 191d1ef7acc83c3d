package http

import (
	"net/http"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/http/internal/web"
)

// LoginPage is the sign-in form.
type LoginPage struct {
	web.Page
	Email string
	Next  string
	Error string
}

// safeNext keeps redirects after sign-in on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/analyst/reports"
	}
	return next
}

func (s *Server) webLoginForm(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "login", LoginPage{Page: s.site.Page(r, "Sign in"), Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) webLogin(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	email, next := r.PostForm.Get("email"), safeNext(r.PostForm.Get("next"))
	token, _, err := s.deps.Accounts.Login(r.Context(), email, r.PostForm.Get("password"), s.clientAddr(r))
	if err != nil {
		status := web.StatusCode(err)
		if hangup.ErrorCode(err) == hangup.EINTERNAL {
			s.site.Error(w, r, err)
			return
		}
		web.SetRetryAfter(w, err)
		s.site.Render(w, r, status, "login", LoginPage{Page: s.site.Page(r, "Sign in"), Email: email, Next: next, Error: hangup.ErrorMessage(err)})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: token, Path: "/", MaxAge: int(account.SessionLifetime.Seconds()),
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) webLogout(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		s.deps.Accounts.Logout(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
