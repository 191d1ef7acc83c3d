package phone

import (
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

// ukRange describes one range of the UK National Telephone Numbering Plan.
type ukRange struct {
	code        string
	description string
	finding     *hangup.Reason
}

var (
	rangeGeographic = ukRange{"geographic", "UK landline (geographic) number", &hangup.Reason{Code: CodeUKGeographic, Severity: hangup.SeverityInfo,
		Message: "This is a UK landline number. Hangup does not hold Ofcom's table of landline number blocks, so whether it is in use has not been checked."}}
	rangeUKWide = ukRange{"uk_wide", "UK-wide number (03), charged like a landline", &hangup.Reason{Code: CodeUKWide, Severity: hangup.SeverityInfo,
		Message: "Numbers starting 03 cost the same as calling a landline and are used by many genuine organisations. Scammers can use them too, so the number alone proves nothing."}}
	rangeCorporate = ukRange{"corporate", "corporate or internet-phone number (055/056)", &hangup.Reason{Code: CodeUKCorporate, Severity: hangup.SeverityLow,
		Message: "Numbers starting 055 or 056 are corporate or internet-phone numbers. They can be used from anywhere in the world."}}
	rangeOther5   = ukRange{"other", "number starting 05", nil}
	rangePersonal = ukRange{"personal_numbering", "personal number (070)", &hangup.Reason{Code: CodeUKPersonal, Severity: hangup.SeverityMedium,
		Message: "070 numbers look like mobile numbers but are personal numbers that can be forwarded anywhere and cost more to call."}}
	rangePager = ukRange{"pager", "pager number (076)", &hangup.Reason{Code: CodeUKPager, Severity: hangup.SeverityMedium,
		Message: "Numbers starting 076 are pager numbers, not mobiles, and can cost more to call. A real person rarely calls from one."}}
	rangeMobile    = ukRange{"mobile", "UK mobile number", nil}
	rangeFreephone = ukRange{"freephone", "freephone number (080)", &hangup.Reason{Code: CodeUKFreephone, Severity: hangup.SeverityInfo,
		Message: "Numbers starting 080 are free to call from UK phones."}}
	rangeServiceCharge = ukRange{"service_charge", "service-charge number (084/087)", &hangup.Reason{Code: CodeUKServiceCharge, Severity: hangup.SeverityMedium,
		Message: "Numbers starting 084 or 087 add a service charge to the call, and part of what you pay goes to whoever runs the line."}}
	rangeOther8  = ukRange{"other", "special-services number starting 08", nil}
	rangePremium = ukRange{"premium_rate", "premium-rate number (09)", &hangup.Reason{Code: CodeUKPremiumRate, Severity: hangup.SeverityHigh,
		Message: "Numbers starting 09 are premium rate: a call can cost several pounds a minute and the money goes to whoever runs the line. Genuine companies don't ask you to call one about a problem, and UK rules forbid showing an 09 number as caller ID."}}
	rangeAdult = ukRange{"adult_premium_rate", "premium-rate number for adult services (098)", &hangup.Reason{Code: CodeUKAdultPremiumRate, Severity: hangup.SeverityHigh,
		Message: "Numbers starting 098 are premium-rate lines for adult entertainment and are among the most expensive to call. No genuine company uses one for support."}}
	rangeUnknown = ukRange{"other", "UK number", nil}
)

// classifyUK returns the numbering-plan range of a UK national significant
// number (the digits after the leading 0).
func classifyUK(nsn string) ukRange {
	switch {
	case nsn == "":
		return rangeUnknown
	case nsn[0] == '1' || nsn[0] == '2':
		return rangeGeographic
	case nsn[0] == '3':
		return rangeUKWide
	case strings.HasPrefix(nsn, "55"), strings.HasPrefix(nsn, "56"):
		return rangeCorporate
	case nsn[0] == '5':
		return rangeOther5
	case strings.HasPrefix(nsn, "70"):
		return rangePersonal
	case strings.HasPrefix(nsn, "7624"): // Isle of Man mobiles sit inside 076
		return rangeMobile
	case strings.HasPrefix(nsn, "76"):
		return rangePager
	case nsn[0] == '7':
		return rangeMobile
	case strings.HasPrefix(nsn, "80"):
		return rangeFreephone
	case strings.HasPrefix(nsn, "84"), strings.HasPrefix(nsn, "87"):
		return rangeServiceCharge
	case nsn[0] == '8':
		return rangeOther8
	case strings.HasPrefix(nsn, "98"):
		return rangeAdult
	case nsn[0] == '9':
		return rangePremium
	}
	return rangeUnknown
}

// ukFacts adds the numbering-plan range and, where the shipped tables cover
// it, Ofcom's block facts to a +44 number.
func (p *Intel) ukFacts(n *hangup.Number, nsn string) {
	r := classifyUK(nsn)
	uk := &hangup.UKRange{Range: r.code, Description: r.description}
	n.UK = uk
	// The range's own meaning first (premium rate, 070…): it matters most.
	if r.finding != nil {
		n.Findings = append(n.Findings, *r.finding)
	}
	if r.code == "geographic" || !p.ofcom.Covers(nsn) {
		if !n.Valid {
			n.Findings = append(n.Findings, finding(CodeInvalid, hangup.SeverityMedium,
				"This is not a valid UK number: it has the wrong number of digits or an unused code. A caller ID that cannot be a real number is faked."))
		}
		return
	}
	uk.Checked = true
	b, ok := p.ofcom.Lookup(nsn)
	if !ok {
		uk.Status = "not_listed"
		uk.Source = "Ofcom numbering data"
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKNotListed, Severity: hangup.SeverityHigh,
			Message: "This number is not in any block of Ofcom's list of UK numbers, so no phone company can have given it out. A call showing it has a faked caller ID.",
			Source:  uk.Source})
		return
	}
	uk.Block = "0" + spaceBlock(b.Prefix)
	uk.Status = b.Status
	uk.Provider = b.Provider
	uk.AllocatedOn = b.AllocatedOn
	uk.Source = "Ofcom numbering data, table " + b.Table
	switch {
	case b.Status == "protected" && strings.HasPrefix(nsn, "77009"):
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKDramaRange, Severity: hangup.SeverityHigh,
			Message: "This number is in a range Ofcom keeps for TV and radio dramas. It is not a real number, so a call showing it has a faked caller ID.",
			Source:  uk.Source})
	case !strings.HasPrefix(b.Status, "allocated"):
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKUnallocated, Severity: hangup.SeverityHigh,
			Message: fmt.Sprintf("Ofcom has not given this block of numbers (%s) to any phone company: its status is %q. No genuine caller can have this number, so the caller ID is faked.",
				uk.Block, strings.ReplaceAll(b.Status, "_", " ")),
			Source: uk.Source})
	case b.Length > 0 && b.Length != len(nsn):
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKWrongLength, Severity: hangup.SeverityMedium,
			Message: fmt.Sprintf("Numbers in this block have %d digits after the 0, but this one has %d. Check it was written down correctly.", b.Length, len(nsn)),
			Source:  uk.Source})
	case !n.Valid:
		n.Findings = append(n.Findings, finding(CodeInvalid, hangup.SeverityMedium,
			"This is not a valid UK number: it has the wrong number of digits or an unused code. A caller ID that cannot be a real number is faked."))
	}
}

// spaceBlock writes a block prefix the way Ofcom and people do: "906123" →
// "906 123" becomes "0906 123" once the leading 0 is added.
func spaceBlock(prefix string) string {
	if len(prefix) <= 3 {
		return prefix
	}
	return prefix[:3] + " " + prefix[3:]
}
