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
// no control characters but line breaks and tabs. Its messages are
// sentences that name the field and say what to do.
func (p *Problems) Text(field, v string, limit int) {
	name := FieldName(field)
	switch {
	case !utf8.ValidString(v):
		p.Add(field, name+" has characters we can't read. Type it again, or paste it as plain text.")
	case utf8.RuneCountInString(v) > limit:
		p.TooLarge = true
		p.Add(field, fmt.Sprintf("%s is too long. Shorten it to %s characters or fewer.", name, thousands(limit)))
	case strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f }):
		p.Add(field, name+" has characters we can't read. Type it again, or paste it as plain text.")
	}
}

// fieldNames name the fields of the domain's requests for sentences about
// them. One list, so the API, the pages and the CLI say the same.
var fieldNames = map[string]string{
	"number":               "The phone number",
	"claims":               "The name of who they said they were",
	"notes":                "What they said",
	"website":              "The website address",
	"address":              "The website address",
	"asked":                "What they asked you to do",
	"started":              "How it started",
	"number_shown":         "The number that called",
	"callback_number":      "The number they gave you to call",
	"claimed_organisation": "The name of who they said they were",
	"happened":             "What happened",
	"software":             "The program or app",
	"amount":               "The amount",
	"currency":             "The currency",
	"payment_method":       "How you paid",
	"occurred_at":          "The date",
	"story":                "What happened",
	"contact.name":         "Your name",
	"contact.email":        "Your email address",
	"contact.phone":        "Your phone number",
	"text":                 "The text",
	"title":                "The title",
	"note":                 "The reason",
}

// FieldName names a field for the start of a sentence: "The phone number".
func FieldName(field string) string {
	if n, ok := fieldNames[field]; ok {
		return n
	}
	return "What you typed"
}

// thousands writes n with thousands separators: 20000 → "20,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Err returns nil when nothing was recorded, else an ETOOLARGE error (when a
// field is over its cap) or an EINVALID one, carrying every field.
func (p *Problems) Err() error {
	switch {
	case len(p.Fields) == 0:
		return nil
	case p.TooLarge:
		return &Error{Code: ETOOLARGE, Message: "Some of what you typed is too long. Shorten it and try again.", Fields: p.Fields}
	}
	return Invalid("There is a problem with what you typed.", p.Fields...)
}
