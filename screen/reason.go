package screen

import (
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/stir"
)

// Reason codes of the screening layers. They are stable: PBX dialplans and
// carriers' routing scripts switch on them. Verification outcomes use the
// stir package's codes (stir.ok, stir.bad_signature…) unchanged.
const (
	CodeEmergency          = "screen.emergency"           // the call is to an emergency number: always put through
	CodeEmergencyCaller    = "screen.emergency_caller"    // the caller ID is an emergency number (a call-back): never blocked
	CodeCustomerAllow      = "screen.customer_allow"      // on the customer's own allow list
	CodeCustomerDeny       = "screen.customer_deny"       // on the customer's own deny list
	CodeWithheld           = "screen.caller_withheld"     // no number: anonymous or withheld
	CodeUnreadable         = "screen.caller_unreadable"   // the caller ID is not a phone number
	CodeInvalid            = "screen.caller_invalid"      // no such number can exist
	CodePremiumRate        = "screen.caller_premium_rate" // a premium-rate number as caller ID
	CodeUnallocated        = "screen.caller_unallocated"  // Ofcom: no provider holds the number's block
	CodeWrongLength        = "screen.caller_wrong_length" // Ofcom: the block's numbers have another length
	CodeDoNotOriginate     = "screen.do_not_originate"    // a receive-only number used as caller ID
	CodeUKFromAbroad       = "screen.uk_number_from_abroad"
	CodeUKMobileFromAbroad = "screen.uk_mobile_from_abroad"
	CodeNoTrustAnchors     = "screen.stir_no_trust_anchors" // Identity headers present, but no STI trust anchors configured
	CodeUpstreamPassed     = "screen.upstream_verstat_passed"
	CodeUpstreamFailed     = "screen.upstream_verstat_failed"
	CodeReputationScam     = "screen.reputation_scam"
	CodeReputationSuspect  = "screen.reputation_suspected"
	CodeReputationDisputed = "screen.reputation_disputed"
	CodeReputationAllowed  = "screen.reputation_allowed"    // cleared by Hangup's administrators
	CodeReputationSpoofed  = "screen.reputation_spoofed"    // a verified organisation's number that scammers fake
	CodeVerifiedOrg        = "screen.verified_organisation" // the registry lists the number as one an organisation calls from
	CodeOrgLine            = "screen.organisation_line"     // the registry lists the number as a line people call an organisation on
)

// finding is one layer's contribution: the reason shown, and the risk
// points it adds (negative for good evidence). A soft finding counts toward
// label and warn but never toward block: it is evidence an attacker can
// manufacture (anonymous reports, reports against a verified number, a
// verified number's failed attestation), so it may warn the person called
// but never takes a number off the phone network.
type finding struct {
	reason hangup.Reason
	points int
	soft   bool
}

func mk(code string, sev hangup.Severity, points int, msg string) finding {
	return finding{reason: hangup.Reason{Code: code, Severity: sev, Message: msg}, points: points}
}

// The layers' findings are built once: the hot path copies them and never
// formats text.
var (
	fEmergencyCall = mk(CodeEmergency, hangup.SeverityInfo, 0,
		"The call is to an emergency number. Emergency calls are never screened or blocked.")
	fEmergencyCaller = mk(CodeEmergencyCaller, hangup.SeverityInfo, 0,
		"The caller ID is an emergency number (an emergency service calling back). Such calls are never blocked.")
	fCustomerAllow = mk(CodeCustomerAllow, hangup.SeverityInfo, 0,
		"The number is on this customer's allow list.")
	fCustomerDeny = mk(CodeCustomerDeny, hangup.SeverityHigh, 100,
		"The number is on this customer's deny list.")
	fWithheld = mk(CodeWithheld, hangup.SeverityLow, 10,
		"The caller withheld their number. Many genuine callers do; on its own it is no reason to block.")
	fUnreadable = mk(CodeUnreadable, hangup.SeverityMedium, 40,
		"The caller ID is not a phone number.")
	fInvalid = mk(CodeInvalid, hangup.SeverityMedium, 50,
		"The caller ID cannot be a real number (wrong length or an unused code): it is faked.")
	fPremium = mk(CodePremiumRate, hangup.SeverityHigh, 80,
		"The caller ID is a premium-rate number. UK rules forbid presenting one as caller ID; scammers use them to get called back at a cost.")
	fUnallocated = mk(CodeUnallocated, hangup.SeverityHigh, 85,
		"Ofcom has not allocated the caller ID's number block to any provider, so no genuine caller can have it: it is faked.")
	fWrongLength = mk(CodeWrongLength, hangup.SeverityMedium, 50,
		"The caller ID has a different number of digits from every number in its Ofcom block: it is faked or mistyped.")
	fDoNotOriginate = mk(CodeDoNotOriginate, hangup.SeverityHigh, 90,
		"The caller ID is a number its organisation only receives calls on and never calls out from (Do-Not-Originate): it is spoofed.")
	fUKFromAbroad = mk(CodeUKFromAbroad, hangup.SeverityHigh, 80,
		"A UK landline or non-geographic caller ID arrived over an international gateway. Genuine calls from these numbers start in the UK.")
	fUKMobileFromAbroad = mk(CodeUKMobileFromAbroad, hangup.SeverityMedium, 40,
		"A UK mobile caller ID arrived over an international gateway. The phone may be roaming, but this is how spoofed UK numbers arrive.")
	fNoTrustAnchors = mk(CodeNoTrustAnchors, hangup.SeverityInfo, 0,
		"The call carries an Identity header, but this server has no STI trust anchors configured (--stir-trust-anchors), so it was not verified.")
	fUpstreamPassed = mk(CodeUpstreamPassed, hangup.SeverityInfo, -10,
		"The upstream network verified the caller ID (TN-Validation-Passed).")
	fUpstreamFailed = mk(CodeUpstreamFailed, hangup.SeverityMedium, 40,
		"The upstream network failed to verify the caller ID (TN-Validation-Failed).")
	fRepDisputed = mk(CodeReputationDisputed, hangup.SeverityLow, 10,
		"People disagree about this number: some report scams, others say it is genuine.")
	fRepAllowed = mk(CodeReputationAllowed, hangup.SeverityInfo, -50,
		"Hangup's administrators have cleared this number after review.")
	fRepSpoofed = soft(mk(CodeReputationSpoofed, hangup.SeverityHigh, 40,
		"This is a verified organisation's number, but people report scam calls showing it: scammers are faking it. Without a verified SHAKEN attestation the call cannot be trusted."))
	fRepSpoofedAttested = mk(CodeReputationSpoofed, hangup.SeverityInfo, 0,
		"Scammers fake this organisation's number, but this call's SHAKEN attestation A verified, so it is genuine.")
)

func soft(f finding) finding {
	f.soft = true
	return f
}

// Reputation findings carry points that grow with confidence, so they are
// kept as templates and their points set per call.
var (
	fRepScam = mk(CodeReputationScam, hangup.SeverityHigh, 0,
		"Many people have independently reported scam calls from this number.")
	fRepSuspect = soft(mk(CodeReputationSuspect, hangup.SeverityMedium, 0,
		"Several people have reported scam calls from this number."))
	fVerifiedOrg = mk(CodeVerifiedOrg, hangup.SeverityInfo, -30,
		"The organisation registry lists this number as one the organisation calls from.")
	fOrgLine = mk(CodeOrgLine, hangup.SeverityLow, 0,
		"This is a line people call the organisation on; the registry doesn't say it calls out from it, and caller ID is easy to fake. Hang up and call back to check.")
)

// stirFinding turns a verification result into a finding. Passing with
// attestation A is good evidence; B and C say less. Failing is a warning
// sign but, alone, not enough to block: signing errors happen.
func stirFinding(r *stir.Result) finding {
	f := finding{reason: hangup.Reason{Code: string(r.Reason), Severity: hangup.SeverityInfo}}
	switch r.Verstat {
	case stir.VerstatPassed:
		switch r.Attestation {
		case "A":
			f.points = -20
			f.reason.Message = "The caller ID was verified with STIR/SHAKEN: the originating provider attests it knows the caller and the number (attestation A)."
		case "B":
			f.points = -10
			f.reason.Message = "The caller ID was verified with STIR/SHAKEN, attestation B: the provider knows the caller but not that they may use this number."
		default:
			f.reason.Message = "The call was signed with STIR/SHAKEN, attestation C: the provider only vouches for where the call entered its network."
		}
	case stir.VerstatFailed:
		f.points = 40
		f.reason.Severity = hangup.SeverityMedium
		f.reason.Message = "STIR/SHAKEN verification failed (" + r.ReasonText + "): " + r.Detail + "."
	default:
		f.reason.Message = "The call carries no STIR/SHAKEN signature. Most calls don't; on its own it is no reason to block."
	}
	return f
}
