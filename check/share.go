package check

import (
	"crypto/rand"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// ShareTTL is how long a shared check stays open.
const ShareTTL = 30 * 24 * time.Hour

// shareAlphabet is Crockford's base 32, as report references use: no I, L,
// O or U, so an ID read aloud or copied by hand survives.
const shareAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ShareIDLen is the length of a shared check's ID: 50 random bits. The
// result holds nothing personal, so the ID only has to be hard to guess
// at the rate a server allows.
const ShareIDLen = 10

// NewShareID returns a fresh random ID for a shared check.
func NewShareID() string {
	var b [ShareIDLen]byte
	rand.Read(b[:])
	for i := range b {
		b[i] = shareAlphabet[b[i]&31]
	}
	return string(b[:])
}

// NormaliseShareID reads an ID as people type it (any case, O for 0, I or L
// for 1) and returns it, or "" if it cannot be one.
func NormaliseShareID(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != ShareIDLen {
		return ""
	}
	b := []byte(s)
	for i, c := range b {
		switch c {
		case 'O':
			c = '0'
		case 'I', 'L':
			c = '1'
		}
		if strings.IndexByte(shareAlphabet, c) < 0 {
			return ""
		}
		b[i] = c
	}
	return string(b)
}

// Shared returns what a short link keeps of a check: the request without
// the person's notes, and the result without the analysis of the notes.
// Reasons found in the notes keep their explanation, not the words they
// quote. See hangup.SharedCheck.
func Shared(req hangup.CheckRequest, res *hangup.CheckResult, now time.Time) *hangup.SharedCheck {
	req.Notes = ""
	req.Asked = append([]hangup.Ask(nil), req.Asked...)
	kept := *res
	kept.Analysis = nil
	kept.Alerts = nil // looked up again whenever the link is opened: alerts expire and are withdrawn
	kept.Reasons = make([]hangup.Reason, 0, len(res.Reasons))
	for _, r := range res.Reasons {
		if strings.HasPrefix(r.Code, CodeAnalysisPrefix) {
			r.Message = withoutQuote(r, res.Analysis)
		}
		kept.Reasons = append(kept.Reasons, r)
	}
	kept.NextSteps = append([]string(nil), res.NextSteps...)
	return &hangup.SharedCheck{ID: NewShareID(), CreatedAt: now.UTC(), ExpiresAt: now.UTC().Add(ShareTTL), Request: req, Result: kept}
}

// withoutQuote is a notes reason's message without the person's words: the
// explanation of its indicator, or a plain sentence.
func withoutQuote(r hangup.Reason, a *hangup.Analysis) string {
	code := strings.TrimPrefix(r.Code, CodeAnalysisPrefix)
	if code == "verdict" {
		return strings.Replace(r.Message, " (the words are marked below)", "", 1)
	}
	if a != nil {
		for _, in := range a.Indicators {
			if in.Code == code {
				return in.Explanation
			}
		}
	}
	return "Something in what they said is what scammers say."
}
