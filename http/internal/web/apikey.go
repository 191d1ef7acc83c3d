package web

import (
	"net/http"
	"strings"
)

// APIKey returns the API key a client sent, or "". Keys are taken from
// "Authorization: Bearer KEY", HTTP Basic (the password, or the user name
// when there is no password: Twilio sends credentials written in a webhook
// URL this way, and CardDAV clients only know Basic), the X-API-Key header,
// or the key query parameter (for clients such as mod_cidlookup that can
// only set a URL).
func APIKey(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		if len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
			return strings.TrimSpace(a[7:])
		}
		if user, pass, ok := r.BasicAuth(); ok {
			if pass != "" {
				return pass
			}
			return user
		}
	}
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	return r.URL.Query().Get("key")
}
