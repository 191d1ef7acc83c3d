package screen

import "github.com/hangup-org/hangup"

// SIP header names Hangup asks proxies to add to a call that continues
// (and to a 603, for the caller's provider's logs).
const (
	HeaderAction = "X-Hangup-Action"
	HeaderLabel  = "X-Hangup-Label"
	HeaderReason = "X-Hangup-Reason"
)

// BlockReason is the Reason header of a blocked call: ATIS-1000099's "603+"
// asks analytics-based blocking to answer 603 Network Blocked and say so.
const BlockReason = `SIP;cause=603;text="Network Blocked"`

// SIPAnswer maps a decision to SIP: 603 Network Blocked with a Reason header
// for a block; otherwise code 0 ("continue") and the headers to add.
func SIPAnswer(d *hangup.Decision) hangup.SIPAnswer {
	h := make(map[string]string, 3)
	h[HeaderAction] = string(d.Action)
	if d.Label != "" {
		h[HeaderLabel] = d.Label
	}
	if r := d.PrimaryReason(); r != "" {
		h[HeaderReason] = r
	}
	if d.Action == hangup.ActionBlock {
		return hangup.SIPAnswer{Code: 603, Phrase: "Network Blocked", Reason: BlockReason, Headers: h}
	}
	return hangup.SIPAnswer{Headers: h}
}
