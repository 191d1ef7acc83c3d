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

// dramaRanges are the blocks Ofcom keeps for TV, radio and film, so that a
// number on screen never rings a real person: each is a national significant
// number prefix (the digits after the 0) followed by its last three or four
// digits. Source: Ofcom, "TV, radio and theatre numbers" (numbers for drama).
var dramaRanges = []string{
	"1134960", // 0113 496 0xxx Leeds
	"1144960", // 0114 496 0xxx Sheffield
	"1154960", // 0115 496 0xxx Nottingham
	"1164960", // 0116 496 0xxx Leicester
	"1174960", // 0117 496 0xxx Bristol
	"1184960", // 0118 496 0xxx Reading
	"1214960", // 0121 496 0xxx Birmingham
	"1314960", // 0131 496 0xxx Edinburgh
	"1414960", // 0141 496 0xxx Glasgow
	"1514960", // 0151 496 0xxx Liverpool
	"1614960", // 0161 496 0xxx Manchester
	"1914980", // 0191 498 0xxx Tyneside
	"2079460", // 020 7946 0xxx London
	"2896496", // 028 9649 6xxx Northern Ireland
	"2920180", // 029 2018 0xxx Cardiff
	"1632960", // 01632 960xxx no area
	"7700900", // 07700 900xxx mobile
	"8081570", // 08081 570xxx freephone
	"9098790", // 0909 879 0xxx premium rate
	"3069990", // 03069 990xxx UK-wide
}

// isDrama reports whether a UK national significant number is in one of
// Ofcom's drama ranges.
func isDrama(nsn string) bool {
	for _, p := range dramaRanges {
		if strings.HasPrefix(nsn, p) {
			return true
		}
	}
	return false
}

// ukFacts adds the numbering-plan range and, where the shipped tables cover
// it, Ofcom's block facts to a +44 number. A number Ofcom's facts rule out
// (a drama number, a block no provider holds, the wrong length) is not
// Valid: it can't be a working number, whatever its shape.
func (p *Intel) ukFacts(n *hangup.Number, nsn string) {
	r := classifyUK(nsn)
	uk := &hangup.UKRange{Range: r.code, Description: r.description}
	n.UK = uk
	// The range's own meaning first (premium rate, 070…): it matters most.
	if r.finding != nil {
		n.Findings = append(n.Findings, *r.finding)
	}
	if isDrama(nsn) {
		n.Valid = false
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKDramaRange, Severity: hangup.SeverityHigh,
			Message: "This number is in a range Ofcom keeps for TV and radio dramas. It is not a real number, so a call showing it has a faked caller ID.",
			Source:  "Ofcom: telephone numbers for TV, radio and film"})
		if p.ofcom.Covers(nsn) {
			uk.Checked, uk.Status, uk.Source = true, "protected", "Ofcom numbering data"
			if b, ok := p.ofcom.Lookup(nsn); ok {
				uk.Block, uk.Status, uk.Source = "0"+spaceBlock(b.Prefix), b.Status, "Ofcom numbering data, table "+b.Table
			}
		}
		return
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
		n.Valid = false
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
	case !strings.HasPrefix(b.Status, "allocated"):
		n.Valid = false
		n.Findings = append(n.Findings, hangup.Reason{Code: CodeUKUnallocated, Severity: hangup.SeverityHigh,
			Message: fmt.Sprintf("Ofcom has not given this block of numbers (%s) to any phone company: its status is %q. No genuine caller can have this number, so the caller ID is faked.",
				uk.Block, strings.ReplaceAll(b.Status, "_", " ")),
			Source: uk.Source})
	case b.Length > 0 && b.Length != len(nsn):
		n.Valid = false
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
