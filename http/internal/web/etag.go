package web

import (
	"net/http"
	"strings"
)

// ETagMatch reports whether If-None-Match names etag (or is "*").
func ETagMatch(r *http.Request, etag string) bool {
	for _, v := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == etag || v == "*" {
			return true
		}
	}
	return false
}
