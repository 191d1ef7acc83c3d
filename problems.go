package hangup

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problems collects what is wrong with a request, field by field, so that a
// form or an API answer can name every problem at once.
type Problems struct {
	Fields   []FieldError
	TooLarge bool // a field is over its cap: the error is ETOOLARGE
}

// Add records a problem with one field.
func (p *Problems) Add(field, message string) {
	p.Fields = append(p.Fields, FieldError{Field: field, Message: message})
}

// Text checks a free-text field: valid UTF-8, at most limit characters, and
// no control characters but line breaks and tabs.
func (p *Problems) Text(field, v string, limit int) {
	switch {
	case !utf8.ValidString(v):
		p.Add(field, "contains characters that are not valid text")
	case utf8.RuneCountInString(v) > limit:
		p.TooLarge = true
		p.Add(field, fmt.Sprintf("is too long: at most %d characters", limit))
	case strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f }):
		p.Add(field, "contains control characters")
	}
}

// Err returns nil when nothing was recorded, else an ETOOLARGE error (when a
// field is over its cap) or an EINVALID one, carrying every field.
func (p *Problems) Err() error {
	switch {
	case len(p.Fields) == 0:
		return nil
	case p.TooLarge:
		return &Error{Code: ETOOLARGE, Message: "Some of what you typed is too long.", Fields: p.Fields}
	}
	return Invalid("Please check what you typed.", p.Fields...)
}
