// Package hangup holds Hangup's domain: the types that describe organisations,
// numbers, checks, analyses, reports and screening decisions, the interfaces of
// the services that store and compute them, and the one error type every layer
// uses. It imports no SQL and no HTTP.
package hangup

import (
	"errors"
	"fmt"
	"time"
)

// Error codes. Each maps to one HTTP status in package http and one CLI exit
// code in cmd/hangup; callers branch on the code, never on the message.
const (
	EINVALID      = "invalid"      // the input is malformed or fails validation
	ENOTFOUND     = "not_found"    // no such entity
	ECONFLICT     = "conflict"     // the change clashes with existing data
	ETOOLARGE     = "too_large"    // the input exceeds a documented cap
	EUNSUPPORTED  = "unsupported"  // e.g. a content type the endpoint does not take
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // credentials fine, permission missing
	ERATELIMIT    = "rate_limited" // too many requests; try later
	EUNAVAILABLE  = "unavailable"  // a dependency (database, network) is down; safe to retry
	EINTERNAL     = "internal"     // a bug or an unexpected failure; logged, never shown in detail
)

// FieldError names one problem with one input field, in words the person who
// typed it can act on.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is Hangup's application error. Code is for machines, Message for
// people; Fields carries per-field details for validation failures. Err, when
// set, is the low-level cause: it is logged, never shown.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Err     error
	// RetryAfter, for ERATELIMIT and EUNAVAILABLE, is how long to wait
	// before trying again (0: not known).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the low-level cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error carrying per-field details. The message
// summarises; fields say what to fix where.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: fields}
}

// ErrorCode returns the code of err: the code of the first *Error in its chain,
// or EINTERNAL for any other non-nil error, or "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err. Errors that are not *Error are
// internal: their text may hold details people must not see, so a generic
// message stands in.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Please try again in a minute."
}

// ErrorFields returns the per-field details of err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// IsInputError reports whether err says the input is wrong (EINVALID or
// ETOOLARGE): the person can fix it, so a form is shown again rather than
// an error page.
func IsInputError(err error) bool {
	c := ErrorCode(err)
	return c == EINVALID || c == ETOOLARGE
}

// FieldErr files an input error under one field, keeping its code and its
// message: "the website address is not one we can read" belongs next to the
// website box. Other errors are returned unchanged.
func FieldErr(field string, err error) error {
	if !IsInputError(err) {
		return err
	}
	var fields []FieldError
	for _, f := range ErrorFields(err) {
		fields = append(fields, FieldError{Field: field, Message: f.Message})
	}
	if len(fields) == 0 {
		fields = []FieldError{{Field: field, Message: ErrorMessage(err)}}
	}
	return &Error{Code: ErrorCode(err), Message: ErrorMessage(err), Fields: fields, Err: err}
}

// RetryAfter returns how long err says to wait before trying again, or 0.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}
