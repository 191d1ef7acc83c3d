package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"

	"github.com/hangup-org/hangup"
)

// Cookies. The browser cookie identifies a browser (not a person) for
// anonymous reporter limits and form tokens; the session cookie is a
// signed-in account.
const (
	BrowserCookie = "hu_b"
	SessionCookie = "hu_s"
)

type ctxKey int

const (
	userKey ctxKey = iota
	browserKey
)

// WithUser returns ctx carrying the signed-in user.
func WithUser(ctx context.Context, u *hangup.User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFrom returns the signed-in user of a request, or nil.
func UserFrom(ctx context.Context) *hangup.User {
	u, _ := ctx.Value(userKey).(*hangup.User)
	return u
}

// WithBrowser returns ctx carrying the browser id ("" for none).
func WithBrowser(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, browserKey, id)
}

// BrowserFrom returns the browser id of a request, or "".
func BrowserFrom(ctx context.Context) string {
	b, _ := ctx.Value(browserKey).(string)
	return b
}

// CSRFToken returns the form token for this request's browser or session.
// It is an HMAC of the binding, so it needs no storage and a token from one
// browser is worthless in another.
func (s *Site) CSRFToken(r *http.Request) string {
	binding := "b:" + BrowserFrom(r.Context())
	if c, err := r.Cookie(SessionCookie); err == nil && UserFrom(r.Context()) != nil {
		binding = "s:" + c.Value
	}
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// PostedForm reads a submitted page form and checks its CSRF token: the
// first thing every form handler does. On a problem it has already shown
// the error page and returns false.
func (s *Site) PostedForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		s.Error(w, r, FormError(err))
		return false
	}
	if err := s.checkCSRF(r); err != nil {
		s.Error(w, r, err)
		return false
	}
	return true
}

// checkCSRF verifies the form token of a POST. Call after ParseForm.
func (s *Site) checkCSRF(r *http.Request) error {
	got := r.PostForm.Get("csrf")
	if BrowserFrom(r.Context()) == "" {
		return hangup.Errorf(hangup.EFORBIDDEN, "Your browser must accept cookies from this site to send forms. Please allow cookies and try again.")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRFToken(r))) != 1 {
		return hangup.Errorf(hangup.EFORBIDDEN, "This form has expired or came from another website. Please go back, reload the page and try again. Nothing was sent.")
	}
	return nil
}

// FormError is the error of a form that could not be read: too large, or
// not a form.
func FormError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return hangup.Errorf(hangup.ETOOLARGE, "That was more text than we can take. Shorten it and try again.")
	}
	return hangup.Errorf(hangup.EINVALID, "We couldn't read the form. Go back, reload the page and try again.")
}

// RequireRole lets through only signed-in users with one of roles; anyone
// else goes to the sign-in page (pages) or gets 401/403.
func (s *Site) RequireRole(h http.HandlerFunc, roles ...hangup.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := UserFrom(r.Context())
		if u == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.Error(w, r, hangup.Errorf(hangup.EUNAUTHORIZED, "Please sign in first."))
			return
		}
		for _, role := range roles {
			if u.Role == role && !u.Disabled {
				h(w, r)
				return
			}
		}
		s.Error(w, r, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't open this page."))
	}
}
