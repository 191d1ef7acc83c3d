package stir

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// PASSporT types (the ppt header and parameter) this package verifies.
const (
	PPTShaken = "shaken" // ATIS-1000074 / RFC 8588: the originating attestation
	PPTDiv    = "div"    // RFC 8946: a retargeted (diverted) call
)

// PASSporT is a decoded Personal Assertion Token (RFC 8225) in compact JWS
// form. The signature is kept, not checked: Verify checks it once the signing
// certificate is known and trusted.
type PASSporT struct {
	Header Header
	Claims Claims

	signingInput string // "header.payload" exactly as received: what was signed
	signature    []byte // decoded third part
}

// Header is the JOSE header of a PASSporT.
type Header struct {
	Typ string // "passport"
	Alg string // "ES256"
	PPT string // "shaken", "div", … ; "" for a base PASSporT
	X5U string // where the signing certificate is published

	// Extra holds the names of any other header parameters. SHAKEN defines
	// none; "crit" and "b64" among them make Verify reject the token because
	// they change how the signature must be processed.
	Extra []string
}

// Claims are the PASSporT claims this package understands. Presence is
// recorded separately from value so that a missing claim (438 "missing") is
// told apart from a present-but-wrong one (438 "bad claim").
type Claims struct {
	Attest  string   // "A", "B" or "C"
	OrigID  string   // opaque origination identifier, a UUID in practice
	IAT     int64    // issued-at, Unix seconds
	OrigTN  string   // orig.tn as signed (not canonicalised)
	DestTNs []string // dest.tn as signed
	DivTN   string   // div.tn (ppt "div" only)
	RCD     *RCD     // rcd claim, RFC 9795; nil if absent

	raw map[string]json.RawMessage // every claim, for certificate claim constraints
}

// RCD is the part of an RFC 9795 rich-call-data claim this package evaluates.
type RCD struct {
	Name string // nam: the display name the signer asserts
}

// has reports whether the named claim was present in the payload.
func (c *Claims) has(name string) bool { _, ok := c.raw[name]; return ok }

// parsePASSporT decodes a compact JWS "header.payload.signature" and the
// claim shapes SHAKEN needs. Every failure is a 438: ReasonMalformed for
// broken structure, ReasonBadClaim for a claim of the wrong JSON type (for
// instance orig or dest sent as a JSON string, an old libstirshaken bug).
func parsePASSporT(token string) (*PASSporT, error) {
	if token == "" {
		return nil, fail(ReasonMalformed, "Identity header has no PASSporT")
	}
	h64, rest, ok1 := strings.Cut(token, ".")
	p64, s64, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(s64, ".") {
		return nil, fail(ReasonMalformed, "PASSporT is not three dot-separated parts")
	}
	if h64 == "" || s64 == "" {
		return nil, fail(ReasonMalformed, "PASSporT has an empty header or signature")
	}
	if p64 == "" {
		// RFC 8224 compact form: the payload would be rebuilt from SIP
		// headers. SHAKEN uses full form only.
		return nil, fail(ReasonMalformed, "compact-form PASSporT (empty payload) is not supported")
	}
	hb, err := b64(h64)
	if err != nil {
		return nil, fail(ReasonMalformed, "PASSporT header is not base64url")
	}
	pb, err := b64(p64)
	if err != nil {
		return nil, fail(ReasonMalformed, "PASSporT payload is not base64url")
	}
	sig, err := b64(s64)
	if err != nil {
		return nil, fail(ReasonMalformed, "PASSporT signature is not base64url")
	}
	p := &PASSporT{signingInput: token[:len(h64)+1+len(p64)], signature: sig}
	if err := p.Header.decode(hb); err != nil {
		return nil, err
	}
	if err := p.Claims.decode(pb); err != nil {
		return nil, err
	}
	return p, nil
}

// b64 decodes unpadded base64url, tolerating padding that some signers add.
func b64(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// jsonObject decodes a JSON object into its members. Decoding into a map
// rather than a struct keeps member names exact: encoding/json would match
// struct fields case-insensitively, and "X5U" must not stand in for "x5u".
func jsonObject(b []byte) (map[string]json.RawMessage, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil, false
	}
	return m, true
}

// jsonString decodes a JSON string member; ok is false for any other type.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	// raw was validated by the enclosing decode, so a string without
	// escapes is its own content; only escaped strings need the decoder.
	if body := raw[1 : len(raw)-1]; bytes.IndexByte(body, '\\') < 0 && raw[len(raw)-1] == '"' && utf8.Valid(body) {
		return string(body), true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func (h *Header) decode(b []byte) error {
	m, ok := jsonObject(b)
	if !ok {
		return fail(ReasonMalformed, "PASSporT header is not a JSON object")
	}
	for name, raw := range m {
		var dst *string
		switch name {
		case "typ":
			dst = &h.Typ
		case "alg":
			dst = &h.Alg
		case "ppt":
			dst = &h.PPT
		case "x5u":
			dst = &h.X5U
		default:
			h.Extra = append(h.Extra, name)
			continue
		}
		s, ok := jsonString(raw)
		if !ok {
			return fail(ReasonBadHeader, "PASSporT header %q is not a string", name)
		}
		*dst = s
	}
	sort.Strings(h.Extra) // map order is random; details should not be
	return nil
}

func (c *Claims) decode(b []byte) error {
	m, ok := jsonObject(b)
	if !ok {
		return fail(ReasonMalformed, "PASSporT payload is not a JSON object")
	}
	c.raw = m
	var ok2 bool
	if raw, ok := m["attest"]; ok {
		if c.Attest, ok2 = jsonString(raw); !ok2 {
			return fail(ReasonBadClaim, "attest is not a string")
		}
	}
	if raw, ok := m["origid"]; ok {
		if c.OrigID, ok2 = jsonString(raw); !ok2 {
			return fail(ReasonBadClaim, "origid is not a string")
		}
	}
	if raw, ok := m["iat"]; ok {
		// NumericDate, but SHAKEN signers send whole seconds; a string or a
		// fraction is a signer bug we do not paper over.
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return fail(ReasonBadClaim, "iat is not an integer number of seconds")
		}
		c.IAT = n
	}
	if raw, ok := m["orig"]; ok {
		tn, err := tnObject("orig", raw)
		if err != nil {
			return err
		}
		if tn != nil {
			if c.OrigTN, ok2 = jsonString(tn); !ok2 {
				return fail(ReasonBadClaim, "orig.tn is not a string")
			}
		}
	}
	if raw, ok := m["dest"]; ok {
		tn, err := tnObject("dest", raw)
		if err != nil {
			return err
		}
		if tn != nil {
			if len(tn) == 0 || tn[0] != '[' {
				return fail(ReasonBadClaim, "dest.tn is not an array")
			}
			var tns []json.RawMessage
			if json.Unmarshal(tn, &tns) != nil {
				return fail(ReasonBadClaim, "dest.tn is not an array")
			}
			for _, t := range tns {
				s, ok := jsonString(t)
				if !ok {
					return fail(ReasonBadClaim, "dest.tn holds a non-string")
				}
				c.DestTNs = append(c.DestTNs, s)
			}
		}
	}
	if raw, ok := m["div"]; ok {
		tn, err := tnObject("div", raw)
		if err != nil {
			return err
		}
		if tn != nil {
			if c.DivTN, ok2 = jsonString(tn); !ok2 {
				return fail(ReasonBadClaim, "div.tn is not a string")
			}
		}
	}
	if raw, ok := m["rcd"]; ok {
		obj, ok := jsonObject(raw)
		if !ok {
			return fail(ReasonBadClaim, "rcd is not a JSON object")
		}
		c.RCD = &RCD{}
		if nam, ok := obj["nam"]; ok {
			if c.RCD.Name, ok2 = jsonString(nam); !ok2 {
				return fail(ReasonBadClaim, "rcd.nam is not a string")
			}
		}
	}
	return nil
}

// tnObject returns the "tn" member of an orig/dest/div claim, or nil if the
// object has none (it may carry a "uri" instead). A JSON string in place of
// the object is the legacy libstirshaken encoding and is rejected by name.
func tnObject(claim string, raw json.RawMessage) (json.RawMessage, error) {
	obj, ok := jsonObject(raw)
	if !ok {
		if len(raw) > 0 && raw[0] == '"' {
			return nil, fail(ReasonBadClaim, "%s is a JSON string, not an object (legacy encoding)", claim)
		}
		return nil, fail(ReasonBadClaim, "%s is not a JSON object", claim)
	}
	return obj["tn"], nil
}
