package stir

import (
	"encoding/asn1"
	"math/big"
	"strings"
)

// OIDTNAuthList identifies the TNAuthList certificate extension (RFC 8226 §9,
// id-pe-TNAuthList): which service provider, numbers or ranges a STIR
// certificate may sign for.
var OIDTNAuthList = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 26}

// tnAuthList is a parsed TNAuthorizationList:
//
//	TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry
//	TNEntry ::= CHOICE {
//	  spc   [0] ServiceProviderCode,   -- IA5String
//	  range [1] TelephoneNumberRange,  -- SEQUENCE { start TelephoneNumber, count INTEGER }
//	  one   [2] TelephoneNumber }      -- IA5String (SIZE (1..15)) FROM ("0123456789#*")
//
// The ASN.1 module uses EXPLICIT tags (DER "a0 03 16 01 31" is SPC "1");
// implicitly tagged entries, which some CAs have issued, are accepted too.
type tnAuthList struct {
	SPCs   []string
	TNs    []string
	Ranges []tnRange
}

// tnRange is count consecutive numbers of the same length starting at Start.
type tnRange struct {
	Start string
	Count *big.Int
}

// parseTNAuthList decodes the extension value. It fails on anything that is
// not a well-formed TNAuthorizationList: an IA5String URL in its place (as in
// some test certificates), text, trailing bytes or an empty list.
func parseTNAuthList(der []byte) (*tnAuthList, *Error) {
	var entries []asn1.RawValue
	rest, err := asn1.Unmarshal(der, &entries)
	if err != nil {
		return nil, fail(ReasonBadTNAuthList, "TNAuthList is not a DER SEQUENCE of TNEntry")
	}
	if len(rest) > 0 {
		return nil, fail(ReasonBadTNAuthList, "TNAuthList has trailing bytes")
	}
	if len(entries) == 0 {
		return nil, fail(ReasonBadTNAuthList, "TNAuthList is empty")
	}
	l := &tnAuthList{}
	for _, e := range entries {
		if e.Class != asn1.ClassContextSpecific {
			return nil, fail(ReasonBadTNAuthList, "TNAuthList entry is not a tagged TNEntry")
		}
		switch e.Tag {
		case 0:
			s, ok := taggedIA5(e)
			if !ok || !validSPC(s) {
				return nil, fail(ReasonBadTNAuthList, "TNAuthList SPC entry is malformed")
			}
			l.SPCs = append(l.SPCs, s)
		case 1:
			r, ok := taggedRange(e)
			if !ok {
				return nil, fail(ReasonBadTNAuthList, "TNAuthList range entry is malformed")
			}
			l.Ranges = append(l.Ranges, r)
		case 2:
			s, ok := taggedIA5(e)
			if !ok || !validTN(s) {
				return nil, fail(ReasonBadTNAuthList, "TNAuthList number entry is malformed")
			}
			l.TNs = append(l.TNs, s)
		default:
			return nil, fail(ReasonBadTNAuthList, "TNAuthList entry has unknown tag [%d]", e.Tag)
		}
	}
	return l, nil
}

// taggedIA5 reads an IA5String under an explicit or implicit context tag.
func taggedIA5(e asn1.RawValue) (string, bool) {
	if !e.IsCompound {
		return string(e.Bytes), isIA5(e.Bytes)
	}
	var s string
	rest, err := asn1.UnmarshalWithParams(e.Bytes, &s, "ia5")
	return s, err == nil && len(rest) == 0
}

// taggedRange reads a TelephoneNumberRange under an explicit or implicit tag.
func taggedRange(e asn1.RawValue) (tnRange, bool) {
	if !e.IsCompound {
		return tnRange{}, false
	}
	body := e.Bytes
	var inner asn1.RawValue
	// Explicit tagging wraps a universal SEQUENCE; implicit tagging puts the
	// SEQUENCE's members directly under the context tag.
	if rest, err := asn1.Unmarshal(body, &inner); err == nil && len(rest) == 0 &&
		inner.Class == asn1.ClassUniversal && inner.Tag == asn1.TagSequence {
		body = inner.Bytes
	}
	var start string
	rest, err := asn1.UnmarshalWithParams(body, &start, "ia5")
	if err != nil || !validTN(start) {
		return tnRange{}, false
	}
	// The type is extensible ("..."): members after count are ignored.
	count := new(big.Int)
	if _, err = asn1.Unmarshal(rest, &count); err != nil || count.Cmp(big.NewInt(2)) < 0 {
		return tnRange{}, false
	}
	return tnRange{Start: start, Count: count}, true
}

func isIA5(b []byte) bool {
	for _, c := range b {
		if c > 0x7f {
			return false
		}
	}
	return true
}

// validSPC accepts the short printable codes service providers are assigned
// (e.g. "567J", "1"); anything with controls or spaces is a broken encoding.
func validSPC(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// validTN checks RFC 8226's TelephoneNumber: 1 to 15 of "0123456789#*".
func validTN(s string) bool {
	if s == "" || len(s) > 15 {
		return false
	}
	return strings.Trim(s, "0123456789#*") == ""
}

// covers reports whether the list's number entries authorise tn (canonical
// form). A list with no number entries — the usual SHAKEN certificate, which
// names only an SPC — leaves number authority to the SPC and covers every tn.
func (l *tnAuthList) covers(tn string) bool {
	if len(l.TNs) == 0 && len(l.Ranges) == 0 {
		return true
	}
	for _, t := range l.TNs {
		if t == tn {
			return true
		}
	}
	n, ok := new(big.Int).SetString(tn, 10)
	if !ok {
		return false
	}
	for _, r := range l.Ranges {
		if len(r.Start) != len(tn) {
			continue
		}
		start, ok := new(big.Int).SetString(r.Start, 10)
		if !ok {
			continue
		}
		end := new(big.Int).Add(start, r.Count)
		if n.Cmp(start) >= 0 && n.Cmp(end) < 0 {
			return true
		}
	}
	return false
}
