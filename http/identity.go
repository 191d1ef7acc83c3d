package http

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/hangup-org/hangup"
)

// Cookies. The browser cookie identifies a browser (not a person) for
// anonymous reporter limits and form tokens; the session cookie is a
// signed-in account.
const (
	browserCookie = "hu_b"
	sessionCookie = "hu_s"
)

type ctxKey int

const (
	userKey ctxKey = iota
	browserKey
)

// userFrom returns the signed-in user of a request, or nil.
func userFrom(ctx context.Context) *hangup.User {
	u, _ := ctx.Value(userKey).(*hangup.User)
	return u
}

func browserFrom(ctx context.Context) string {
	b, _ := ctx.Value(browserKey).(string)
	return b
}

func (s *Server) secure(r *http.Request) bool {
	if r.TLS != nil || s.cfg.SecureCookies {
		return true
	}
	return s.viaTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// newBrowserID returns a fresh browser id signed by the server: 16 random
// bytes and an HMAC of them, so a client can't invent ids (each one costs a
// request to the site, and ids count for nothing in reputation: reporters
// are counted per network, see package report).
func (s *Server) newBrowserID() string {
	raw := make([]byte, 16)
	rand.Read(raw)
	id := base64.RawURLEncoding.EncodeToString(raw)
	return id + "." + s.browserMAC(id)
}

func (s *Server) browserMAC(id string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte("browser-id\x00"))
	m.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// validBrowserID reports whether v is an id this server issued.
func (s *Server) validBrowserID(v string) bool {
	id, mac, ok := strings.Cut(v, ".")
	if !ok || len(id) != 22 || len(mac) != 22 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(mac), []byte(s.browserMAC(id))) == 1
}

// identify attaches the browser id (setting the cookie on a first visit, or
// replacing one the server did not sign) and, when a valid session cookie
// is present, the signed-in user.
func (s *Server) identify(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		b := ""
		if c, err := r.Cookie(browserCookie); err == nil && s.validBrowserID(c.Value) {
			b = c.Value
		}
		if b == "" && !strings.HasPrefix(r.URL.Path, "/api/") && !strings.HasPrefix(r.URL.Path, "/static/") && !isFeed(r.URL.Path) {
			b = s.newBrowserID()
			http.SetCookie(w, &http.Cookie{Name: browserCookie, Value: b, Path: "/", MaxAge: 400 * 24 * 3600,
				HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
		}
		ctx = context.WithValue(ctx, browserKey, b)
		if s.deps.Accounts != nil {
			if c, err := r.Cookie(sessionCookie); err == nil {
				if u, err := s.deps.Accounts.Session(ctx, c.Value); err == nil {
					ctx = context.WithValue(ctx, userKey, u)
				}
			}
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// csrfToken returns the form token for this request's browser or session.
// It is an HMAC of the binding, so it needs no storage and a token from one
// browser is worthless in another.
func (s *Server) csrfToken(r *http.Request) string {
	binding := "b:" + browserFrom(r.Context())
	if c, err := r.Cookie(sessionCookie); err == nil && userFrom(r.Context()) != nil {
		binding = "s:" + c.Value
	}
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkCSRF verifies the form token of a POST. Call after ParseForm.
func (s *Server) checkCSRF(r *http.Request) error {
	got := r.PostForm.Get("csrf")
	if browserFrom(r.Context()) == "" {
		return hangup.Errorf(hangup.EFORBIDDEN, "Your browser must accept cookies from this site to send forms. Please allow cookies and try again.")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.csrfToken(r))) != 1 {
		return hangup.Errorf(hangup.EFORBIDDEN, "This form has expired or came from another website. Please go back, reload the page and try again. Nothing was sent.")
	}
	return nil
}

// requireRole lets through only signed-in users with one of roles; anyone
// else goes to the sign-in page (pages) or gets 401/403.
func (s *Server) requireRole(h http.HandlerFunc, roles ...hangup.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		if u == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.webError(w, r, hangup.Errorf(hangup.EUNAUTHORIZED, "Please sign in first."))
			return
		}
		for _, role := range roles {
			if u.Role == role && !u.Disabled {
				h(w, r)
				return
			}
		}
		s.webError(w, r, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't open this page."))
	}
}

// isFeed reports whether path is a feed: it has no forms, so it sets no
// browser cookie, and a shared cache may keep it.
func isFeed(path string) bool { return path == "/alerts.atom" || path == "/alerts.json" }
