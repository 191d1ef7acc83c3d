package stir

import (
	"net/url"
	"strings"
)

// maxTNDigits bounds a canonical telephone number. E.164 allows 15 digits;
// the extra room admits national forms with trunk or international prefixes
// that some networks sign, without admitting arbitrary strings.
const maxTNDigits = 20

// CanonicalTN reduces a telephone number as it appears in SIP — a bare number,
// a tel: URI, a sip:/sips: URI whose user part is a number, optionally in
// <…> with a display name — to the canonical string RFC 8224 §8.3 compares:
// URI scheme, host and parameters dropped, visual separators ("-", ".", "(",
// ")", spaces) removed, a leading "+" removed. The result holds only digits,
// '*' and '#'. ok is false when nothing number-like remains, so callers never
// compare two empty strings as equal.
//
// It does not add a country code to national numbers: that needs the local
// dialling plan, which the caller of Verify knows and this package does not.
func CanonicalTN(s string) (tn string, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			s = s[i+1 : i+j]
		}
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "tel:"):
		s = s[4:]
	case strings.HasPrefix(lower, "sip:"), strings.HasPrefix(lower, "sips:"):
		s = s[strings.IndexByte(s, ':')+1:]
		user, _, hasHost := strings.Cut(s, "@")
		if !hasHost {
			return "", false
		}
		s = user
	}
	// Parameters (";phone-context=…", ";npdi", ";isub=…") and URI headers
	// are not part of the number.
	if i := strings.IndexAny(s, ";?"); i >= 0 {
		s = s[:i]
	}
	if strings.IndexByte(s, '%') >= 0 {
		u, err := url.PathUnescape(s)
		if err != nil {
			return "", false
		}
		s = u
	}
	s = strings.TrimPrefix(strings.TrimSpace(s), "+") // the E.164 leading '+'
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '*', c == '#':
			b.WriteByte(c)
		case c == '-', c == '.', c == '(', c == ')', c == ' ':
			// visual separators
		default:
			return "", false
		}
	}
	if b.Len() == 0 || b.Len() > maxTNDigits {
		return "", false
	}
	return b.String(), true
}
