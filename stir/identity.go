package stir

import (
	"strings"
)

// MaxIdentitySize caps one Identity header value. Real SHAKEN values are
// 500–900 bytes; the cap keeps a hostile peer from making the verifier decode
// megabytes of base64 and JSON on the call-setup path.
const MaxIdentitySize = 8 << 10

// Identity is one parsed Identity header value (RFC 8224 §4.1): the PASSporT
// in full form plus the header parameters that travel beside it. Parsing
// checks syntax only; nothing in it is trusted until Verify has checked the
// signature and the certificate.
type Identity struct {
	Info     string   // the URI inside ;info=<…>, the certificate location
	Alg      string   // the alg parameter, "" if absent
	PPT      string   // the ppt parameter, "" if absent
	PASSporT PASSporT // the decoded token
}

// ParseIdentity parses one Identity header value. It accepts what real
// stacks send — surrounding whitespace, a leading "Identity:" header name,
// folded lines, quoted parameter values, spaces around ';' and '=' — and
// rejects anything else with an *Error: ReasonTooLarge or ReasonMalformed
// (438) when the token or the parameters are not well formed, and
// ReasonMissingInfo (436) when the token is fine but ;info=<…> is absent.
//
// The token is decoded before the parameters are looked at, so garbage is
// reported as garbage (438) rather than as a missing info parameter.
func ParseIdentity(value string) (*Identity, error) {
	if len(value) > MaxIdentitySize {
		return nil, fail(ReasonTooLarge, "Identity header is %d bytes, above the %d-byte cap", len(value), MaxIdentitySize)
	}
	v := strings.TrimSpace(unfold(value))
	if len(v) >= 9 && strings.EqualFold(v[:9], "identity:") {
		v = strings.TrimSpace(v[9:])
	}
	token, params, _ := strings.Cut(v, ";")
	token = strings.TrimSpace(token)
	if len(token) >= 2 && token[0] == '"' && token[len(token)-1] == '"' {
		token = token[1 : len(token)-1]
	}
	pp, err := parsePASSporT(token)
	if err != nil {
		return nil, err
	}
	id := &Identity{PASSporT: *pp}
	seen := map[string]bool{}
	for _, p := range splitParams(params) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		name, val, hasEq := strings.Cut(p, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		val = strings.TrimSpace(val)
		if name == "" || !hasEq && (name == "info" || name == "alg" || name == "ppt") {
			return nil, fail(ReasonMalformed, "Identity parameter %q has no value", p)
		}
		if seen[name] && (name == "info" || name == "alg" || name == "ppt") {
			return nil, fail(ReasonMalformed, "Identity parameter %q appears twice", name)
		}
		seen[name] = true
		switch name {
		case "info":
			u, err := parseInfo(val)
			if err != nil {
				return nil, err
			}
			id.Info = u
		case "alg":
			id.Alg = unquote(val)
		case "ppt":
			id.PPT = unquote(val)
		}
		// Other parameters (RFC 8224 allows extensions) are ignored.
	}
	if id.Info == "" {
		return nil, fail(ReasonMissingInfo, "Identity header has no ;info=<…> parameter")
	}
	return id, nil
}

// unfold turns SIP line folding and stray control whitespace into spaces, so a
// value copied from a trace with CRLFs still parses.
func unfold(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', '\t':
			return ' '
		}
		return r
	}, s)
}

// splitParams splits the parameter part on ';', except inside <…> or "…",
// because an info URI may itself contain ';'.
func splitParams(s string) []string { return splitOutside(s, ';') }

// splitOutside splits s at sep, except inside <…> or "…".
func splitOutside(s string, sep byte) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '<':
			depth++
		case c == '>' && depth > 0:
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// parseInfo extracts the URI from an info parameter value. RFC 8224 requires
// <…>; a quoted "<…>" or a bare absolute URI is accepted because stacks have
// sent both and the URI must equal the signed x5u anyway. Anything after the
// closing '>' — such as a missing ';' before the next parameter — is an error.
func parseInfo(val string) (string, error) {
	v := unquote(val)
	if strings.HasPrefix(v, "<") {
		end := strings.IndexByte(v, '>')
		if end < 0 {
			return "", fail(ReasonMalformed, "info parameter has no closing '>'")
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" {
			return "", fail(ReasonMalformed, "unexpected %q after the info URI (missing ';'?)", clip(rest, 32))
		}
		v = strings.TrimSpace(v[1:end])
	} else if strings.ContainsAny(v, "<> ") {
		return "", fail(ReasonMalformed, "info parameter is not a <URI>")
	}
	if v == "" {
		return "", fail(ReasonMissingInfo, "info parameter is empty")
	}
	return v, nil
}

// unquote removes one pair of surrounding double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// clip shortens s for inclusion in an error detail, so attacker-controlled
// input cannot flood logs.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// splitIdentityValues splits a header value that a SIP stack may have built by
// joining repeated Identity headers with commas. Commas inside <…> or "…"
// (part of an info URI) do not split; base64url tokens contain none.
func splitIdentityValues(s string) []string {
	if !strings.Contains(s, ",") {
		return []string{s}
	}
	return splitOutside(s, ',')
}
