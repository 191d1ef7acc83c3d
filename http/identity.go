package http

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/hangup-org/hangup/http/internal/web"
)

// secure reports whether cookies set on r must be marked Secure: the
// request came over TLS, directly or through a trusted proxy, or the
// operator says so.
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
		if c, err := r.Cookie(web.BrowserCookie); err == nil && s.validBrowserID(c.Value) {
			b = c.Value
		}
		if b == "" && !strings.HasPrefix(r.URL.Path, "/api/") && !strings.HasPrefix(r.URL.Path, "/static/") && !isFeed(r.URL.Path) {
			b = s.newBrowserID()
			http.SetCookie(w, &http.Cookie{Name: web.BrowserCookie, Value: b, Path: "/", MaxAge: 400 * 24 * 3600,
				HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
		}
		ctx = web.WithBrowser(ctx, b)
		if s.deps.Accounts != nil {
			if c, err := r.Cookie(web.SessionCookie); err == nil {
				if u, err := s.deps.Accounts.Session(ctx, c.Value); err == nil {
					ctx = web.WithUser(ctx, u)
				}
			}
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// isFeed reports whether path is a feed: it has no forms, so it sets no
// browser cookie, and a shared cache may keep it.
func isFeed(path string) bool { return path == "/alerts.atom" || path == "/alerts.json" }
