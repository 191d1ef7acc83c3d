package phone

import (
	"strings"

	"github.com/hangup-org/hangup"
)

// FindNumbers returns the valid telephone numbers written in free text (a
// web page, a message), in order and without repeats, at most max (<= 0:
// 20). A run of digits with the spaces, dots, dashes and brackets people
// put in numbers is a candidate; it counts when libphonenumber finds it
// valid, read as written in the default region, or else as a North
// American number (the scam pages that show numbers mostly give US and
// Canadian toll-free ones). Only the first 256 KiB of text are read.
func (p *Intel) FindNumbers(text string, max int) []hangup.Number {
	if max <= 0 {
		max = 20
	}
	if len(text) > 256<<10 {
		text = text[:256<<10]
	}
	var out []hangup.Number
	seen := map[string]bool{}
	for i := 0; i < len(text) && len(out) < max; {
		c := text[i]
		if !(c >= '0' && c <= '9' || c == '+' || c == '(') {
			i++
			continue
		}
		// A number does not start inside a word or another number.
		if i > 0 && isNumberChar(text[i-1]) && text[i-1] != ' ' {
			for i < len(text) && isNumberChar(text[i]) {
				i++
			}
			continue
		}
		j, digits := i, 0
		for j < len(text) && isNumberChar(text[j]) && digits <= 16 {
			if text[j] >= '0' && text[j] <= '9' {
				digits++
			}
			j++
		}
		cand := strings.TrimRight(text[i:j], " .-(")
		i = j
		if digits < 7 || digits > 15 {
			continue
		}
		n := p.ParseNumber(cand)
		if !n.Valid {
			if nn := p.ParseNumberIn(cand, "US"); nn.Valid {
				n = nn
			}
		}
		if !n.Valid || n.E164 == "" || seen[n.E164] {
			continue
		}
		seen[n.E164] = true
		n.Input = cand
		out = append(out, n)
	}
	return out
}

func isNumberChar(c byte) bool {
	return c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'
}
