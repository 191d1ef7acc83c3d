package phone

import (
	"fmt"

	"github.com/hangup-org/hangup"
)

// nanpDomestic are the regions of country code +1 that are the United States,
// Canada or US territories: calls between them are domestic for North
// American callers. Every other +1 region is a foreign country.
var nanpDomestic = map[string]bool{"US": true, "CA": true, "PR": true, "VI": true, "GU": true, "AS": true, "MP": true}

// nanpFacts flags +1 numbers in foreign Caribbean and Atlantic countries
// (876 Jamaica, 809/829/849 Dominican Republic, 268 Antigua…), which look
// like US or Canadian numbers but cost international rates: the classic
// one-ring callback fraud.
func nanpFacts(n *hangup.Number) {
	if n.Region == "" || nanpDomestic[n.Region] {
		return
	}
	area := ""
	if len(n.E164) >= 5 {
		area = n.E164[2:5]
	}
	n.Findings = append(n.Findings, finding(CodeNANPForeign, hangup.SeverityHigh, fmt.Sprintf(
		"The area code %s is in %s, not the United States or Canada. It looks like a domestic number but calling it back is an expensive international call: a common trick to make people ring back after a missed call.",
		area, CountryPhrase(n.Region))))
}
