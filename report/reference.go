package report

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// alphabet is Crockford's base 32: digits and letters without I, L, O and
// U, so a reference read over the phone can't be misheard as another.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewReference returns a fresh reference such as HU-7K3M-Q9TX: seven random
// characters (35 bits) and a check character. It identifies a report; it
// does not open it (that takes the private tracking token).
func NewReference() string {
	var b [7]byte
	rand.Read(b[:])
	var s [8]byte
	for i, x := range b {
		s[i] = alphabet[x&31]
	}
	s[7] = checkChar(s[:7])
	return "HU-" + string(s[:4]) + "-" + string(s[4:])
}

// checkChar is the check character of payload: with each character a value
// of GF(32), it is the sum of the values weighted by successive powers of a
// primitive element α (the check character itself has weight 1). Because
// the weights are distinct and non-zero in a field, it catches every single
// mistyped character and every swap of two neighbouring characters, which a
// Luhn-style sum modulo 32 does not (it misses swapping 0 and Z).
func checkChar(payload []byte) byte {
	var sum, weight byte = 0, 1
	for _, c := range payload {
		weight = gfMul(weight, 2) // α = x
		sum ^= gfMul(weight, byte(strings.IndexByte(alphabet, c)))
	}
	return alphabet[sum]
}

// gfMul multiplies in GF(2^5) modulo the primitive polynomial x^5 + x^2 + 1.
func gfMul(a, b byte) byte {
	var p byte
	for b > 0 {
		if b&1 != 0 {
			p ^= a
		}
		b >>= 1
		a <<= 1
		if a&0x20 != 0 {
			a ^= 0x25
		}
	}
	return p & 31
}

// NormaliseReference reads a reference as people type it: any case, with or
// without "HU" and dashes, O for 0 and I or L for 1. It returns the canonical
// form and whether the check character matches.
func NormaliseReference(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "HU")
	var b []byte
	for _, r := range s {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || strings.IndexByte(alphabet, byte(r)) < 0 {
			return "", false
		}
		b = append(b, byte(r))
	}
	if len(b) != 8 || checkChar(b[:7]) != b[7] {
		return "", false
	}
	return "HU-" + string(b[:4]) + "-" + string(b[4:]), true
}

// secretLen is the length of a tracking link's secret: 8 characters of
// Crockford's base 32, 40 random bits. Together with the 35 bits of the
// reference it opens, a guess is hopeless at any rate the server allows,
// and the link stays short enough to copy from a letter:
// /r/HU-7K3M-Q9TX-4F8P-Z2MK.
const secretLen = 8

// NewTrackingToken returns a fresh private tracking token for a report: its
// reference and a random secret, such as HU-7K3M-Q9TX-4F8P-Z2MK. Only
// HashToken of it is stored.
func NewTrackingToken(reference string) string {
	var b [secretLen]byte
	rand.Read(b[:])
	return TrackingToken(reference, b[:])
}

// TrackingToken builds a tracking token from a reference and the first
// secretLen bytes of random (or derived) material.
func TrackingToken(reference string, material []byte) string {
	var s [secretLen]byte
	for i := range s {
		s[i] = alphabet[material[i]&31]
	}
	return reference + "-" + string(s[:4]) + "-" + string(s[4:])
}

// NormaliseToken reads a tracking token as people type or copy it: any
// case, with or without dashes and spaces, O for 0 and I or L for 1. It
// returns the canonical form, or "" if the token is not one: the reference
// part must carry its check character. Older 43-character tokens come back
// unchanged.
func NormaliseToken(token string) string {
	if isLongToken(token) {
		return token
	}
	if len(token) > 64 {
		return ""
	}
	var b []byte
	for _, r := range strings.ToUpper(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(token)), "HU")) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || strings.IndexByte(alphabet, byte(r)) < 0 {
			return ""
		}
		b = append(b, byte(r))
	}
	if len(b) != 8+secretLen || checkChar(b[:7]) != b[7] {
		return ""
	}
	return "HU-" + string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12]) + "-" + string(b[12:])
}

// NewToken returns an older-style private tracking token (256 random bits,
// URL-safe) and its hash. Reports now get NewTrackingToken; links made with
// these keep working.
func NewToken() (token string, hash []byte) {
	var b [32]byte
	rand.Read(b[:])
	token = base64.RawURLEncoding.EncodeToString(b[:])
	return token, HashToken(token)
}

func isLongToken(token string) bool {
	if len(token) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(token)
	return err == nil
}

// HashToken returns the stored form of a tracking token, short or long.
// Tokens that are not well formed hash to nil, so they match nothing.
func HashToken(token string) []byte {
	if !isLongToken(token) {
		if token = NormaliseToken(token); token == "" {
			return nil
		}
	}
	h := sha256.Sum256([]byte(token))
	return h[:]
}
