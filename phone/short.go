package phone

import (
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/nyaruka/phonenumbers"
)

type shortResult struct {
	digits  string
	finding hangup.Reason
}

// ukShort are UK short numbers people meet around scams, with what they are.
var ukShort = map[string]hangup.Reason{
	"999": {Code: CodeShortEmergency, Severity: hangup.SeverityInfo,
		Message: "999 is the UK emergency number (police, fire, ambulance, coastguard). It is never a scam number and is never blocked."},
	"112": {Code: CodeShortEmergency, Severity: hangup.SeverityInfo,
		Message: "112 is the emergency number across Europe, including the UK. It is never a scam number and is never blocked."},
	"159": {Code: CodeShortBankFraud, Severity: hangup.SeverityInfo,
		Message: "159 connects you safely to your own bank's fraud team in the UK. Use it if you think someone is pretending to be your bank. Banks never call you from 159.",
		Source:  "Stop Scams UK, 159 service"},
	"7726": {Code: CodeShortScamText, Severity: hangup.SeverityInfo,
		Message: "7726 is the free UK number for reporting scam text messages: forward the text to 7726 (it spells SPAM on the keypad). Nobody calls you from it."},
	"101": {Code: CodeShortService, Severity: hangup.SeverityInfo,
		Message: "101 is the UK police number for things that are not an emergency."},
	"111": {Code: CodeShortService, Severity: hangup.SeverityInfo,
		Message: "111 is the NHS number for urgent medical help that is not an emergency."},
	"105": {Code: CodeShortService, Severity: hangup.SeverityInfo,
		Message: "105 is the UK number to report a power cut."},
}

var directoryFinding = hangup.Reason{Code: CodeShortDirectory, Severity: hangup.SeverityMedium,
	Message: "Numbers starting 118 are directory enquiry services. They are among the most expensive numbers to call in the UK: a short call can cost several pounds. Don't call one back on a caller's say-so."}

// shortNumber recognises short numbers, which libphonenumber's full-number
// parser rejects: emergency numbers, 159, 7726, 118xxx and the short numbers
// of the default region.
func (p *Intel) shortNumber(s string) (shortResult, bool) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == ' ' || r == '-' || r == '.':
			return -1
		}
		return 'x'
	}, s)
	if len(digits) < 3 || len(digits) > 6 || strings.ContainsRune(digits, 'x') {
		return shortResult{}, false
	}
	if p.region == "GB" {
		if f, ok := ukShort[digits]; ok {
			return shortResult{digits, f}, true
		}
		if len(digits) == 6 && strings.HasPrefix(digits, "118") {
			return shortResult{digits, directoryFinding}, true
		}
	}
	if phonenumbers.IsEmergencyNumber(digits, p.region) {
		return shortResult{digits, hangup.Reason{Code: CodeShortEmergency, Severity: hangup.SeverityInfo,
			Message: digits + " is an emergency number. It is never a scam number and is never blocked."}}, true
	}
	num, err := phonenumbers.Parse(digits, p.region)
	if err == nil && phonenumbers.IsValidShortNumberForRegion(num, p.region) {
		return shortResult{digits, hangup.Reason{Code: CodeShortOther, Severity: hangup.SeverityInfo,
			Message: digits + " is a short number that only works inside " + CountryPhrase(p.region) + ". Check what it is before calling: some short numbers are charged at a high rate."}}, true
	}
	return shortResult{}, false
}

// IsEmergency reports whether digits (a dialled number as it arrives in a
// call: "999", "112", "911", "+44999") is an emergency number in region or,
// for safety, any of the commonly used ones. Screening uses it to make sure
// such calls are never blocked.
func IsEmergency(digits, region string) bool {
	d := strings.TrimPrefix(strings.TrimSpace(digits), "+")
	switch d {
	case "999", "112", "911", "44999", "44112", "1911":
		return true
	}
	return phonenumbers.IsEmergencyNumber(d, region)
}
