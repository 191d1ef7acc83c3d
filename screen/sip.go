package screen

import (
	"sync"

	"github.com/hangup-org/hangup"
)

// SIP header names Hangup asks proxies to add to a call that continues
// (and to a 603, for the caller's provider's logs).
const (
	HeaderAction = "X-Hangup-Action"
	HeaderLabel  = "X-Hangup-Label"
	HeaderReason = "X-Hangup-Reason"
)

// A call the proxy could not have screened — Hangup down, too slow, or
// refusing the request — is put through marked "X-Hangup-Action:
// unscreened" with one of these reasons in X-Hangup-Reason, so that a PBX
// can tell it from a call Hangup judged (which may carry the label
// "Unverified"). Hangup never decides "unscreened" itself: the proxy, the
// dialplan or, for a refused FastAGI session, the AGI server sets it.
const (
	ActionUnscreened       = "unscreened"
	UnscreenedTimeout      = "unscreened.timeout"      // no answer within the proxy's timeout (Hangup stalled, or the network)
	UnscreenedUnreachable  = "unscreened.unreachable"  // no connection (Hangup down)
	UnscreenedRateLimited  = "unscreened.rate_limited" // refused: the key's rate limit (HTTP 429, error code rate_limited)
	UnscreenedUnauthorized = "unscreened.unauthorized" // refused: the key is missing, wrong or revoked (HTTP 401)
	UnscreenedError        = "unscreened.error"        // any other refusal or an unreadable answer
)

// UnscreenedReason returns the unscreened reason for a refusal with
// Hangup's error code (hangup.ErrorCode).
func UnscreenedReason(code string) string {
	switch code {
	case hangup.ERATELIMIT:
		return UnscreenedRateLimited
	case hangup.EUNAUTHORIZED:
		return UnscreenedUnauthorized
	}
	return UnscreenedError
}

// BlockReason is the Reason header of a blocked call: ATIS-1000099's "603+"
// asks analytics-based blocking to answer 603 Network Blocked and say so.
const BlockReason = `SIP;cause=603;text="Network Blocked"`

// SIPAnswer maps a decision to SIP: 603 Network Blocked with a Reason header
// for a block; otherwise code 0 ("continue") and the headers to add. The
// Headers map is shared between decisions with the same action, label and
// primary reason: callers must not modify it.
func SIPAnswer(d *hangup.Decision) hangup.SIPAnswer {
	h := sipHeaders(d.Action, d.Label, d.PrimaryReason())
	if d.Action == hangup.ActionBlock {
		return hangup.SIPAnswer{Code: 603, Phrase: "Network Blocked", Reason: BlockReason, Headers: h}
	}
	return hangup.SIPAnswer{Headers: h}
}

type headerKey struct{ action, label, reason string }

// headerMaps holds one immutable header map per combination seen. The
// combinations are bounded — four actions, the labels (fixed ones and one
// per registry organisation) and the reason codes — and building a map
// per call was a third of a decision's cost.
var headerMaps sync.Map // headerKey → map[string]string

func sipHeaders(action hangup.ScreenAction, label, reason string) map[string]string {
	k := headerKey{string(action), label, reason}
	if h, ok := headerMaps.Load(k); ok {
		return h.(map[string]string)
	}
	h := make(map[string]string, 3)
	h[HeaderAction] = string(action)
	if label != "" {
		h[HeaderLabel] = label
	}
	if reason != "" {
		h[HeaderReason] = reason
	}
	v, _ := headerMaps.LoadOrStore(k, h)
	return v.(map[string]string)
}
