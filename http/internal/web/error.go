package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/hangup-org/hangup"
)

// statusOf maps application error codes to HTTP status codes: the one table.
var statusOf = map[string]int{
	hangup.EINVALID:      http.StatusBadRequest,
	hangup.ENOTFOUND:     http.StatusNotFound,
	hangup.ECONFLICT:     http.StatusConflict,
	hangup.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	hangup.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	hangup.EUNAUTHORIZED: http.StatusUnauthorized,
	hangup.EFORBIDDEN:    http.StatusForbidden,
	hangup.ERATELIMIT:    http.StatusTooManyRequests,
	hangup.EUNAVAILABLE:  http.StatusServiceUnavailable,
	hangup.EINTERNAL:     http.StatusInternalServerError,
}

// StatusCode returns the HTTP status for err.
func StatusCode(err error) int {
	if s, ok := statusOf[hangup.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail carries the machine code, the human message and per-field
// details.
type ErrorDetail struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Fields  []hangup.FieldError `json:"fields,omitempty"`
}

// LogError logs internal errors only: everything else is the client's
// business and already answered.
func LogError(log *slog.Logger, r *http.Request, err error) {
	// A client that hung up mid-request is not a server error.
	if errors.Is(err, context.Canceled) || r.Context().Err() != nil {
		return
	}
	if code := hangup.ErrorCode(err); code == hangup.EINTERNAL || code == hangup.EUNAVAILABLE {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

// APIError writes err as JSON with its status, logging it as LogError
// does.
func APIError(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	LogError(log, r, err)
	status := StatusCode(err)
	code := hangup.ErrorCode(err)
	SetRetryAfter(w, err)
	WriteJSON(w, status, ErrorBody{Error: ErrorDetail{Code: code, Message: hangup.ErrorMessage(err), Fields: hangup.ErrorFields(err)}})
}

// WriteJSON writes v as the JSON body of a response that no cache keeps.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		slog.Debug("write json", "err", err)
	}
}

// SetRetryAfter tells a refused client when to come back: what the error
// says, else a second for a rate limit.
func SetRetryAfter(w http.ResponseWriter, err error) {
	d := hangup.RetryAfter(err)
	if d <= 0 && StatusCode(err) != http.StatusTooManyRequests {
		return
	}
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(d.Seconds())))))
}
