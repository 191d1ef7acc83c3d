package hangup

import "strings"

// Started says how the contact began. One list serves the caller check, the
// report form, the CLI and the API, so the same facts get the same verdict
// wherever they are told.
type Started string

// How contacts start. The values are the API's "started" field and the
// CLI's --started words.
const (
	StartedTheyCalled Started = "they_called" // they rang out of the blue
	StartedICalled    Started = "i_called"    // I called a number I already knew (a card, a statement, the organisation's own site)
	StartedPopup      Started = "popup"       // a pop-up or warning on the screen gave a number to call
	StartedEmail      Started = "email"       // an email gave a number or link
	StartedInvoice    Started = "invoice"     // an unexpected invoice, renewal or order confirmation
	StartedText       Started = "text"        // a text message
	StartedSearch     Started = "search"      // a number found by searching or in an advert
	StartedLetter     Started = "letter"      // a letter
	StartedUnsure     Started = "unsure"      // the person doesn't know or didn't say
)

// StartedValues lists every Started value in the order forms show them.
var StartedValues = []Started{StartedTheyCalled, StartedICalled, StartedPopup, StartedEmail, StartedInvoice,
	StartedText, StartedSearch, StartedLetter, StartedUnsure}

// DefaultStarted is what a check or report assumes when nobody said how the
// contact began: every interface uses it.
const DefaultStarted = StartedUnsure

// startedAliases are other words for the same starts: the older
// "unsolicited" flag's meaning and words people type.
var startedAliases = map[string]Started{
	"unsolicited": StartedTheyCalled, "they_rang": StartedTheyCalled, "cold_call": StartedTheyCalled,
	"i_rang": StartedICalled, "pop_up": StartedPopup, "e_mail": StartedEmail, "sms": StartedText,
	"advert": StartedSearch, "ad": StartedSearch, "not_sure": StartedUnsure, "dont_know": StartedUnsure,
}

// ParseStarted reads a Started value as people and clients write it: any
// case, hyphens or spaces for underscores ("they-called"), and the aliases
// above. ok is false for anything else.
func ParseStarted(s string) (Started, bool) {
	w := strings.ReplaceAll(Word(s), "'", "")
	if v, ok := startedAliases[w]; ok {
		return v, true
	}
	for _, v := range StartedValues {
		if string(v) == w {
			return v, true
		}
	}
	return Started(s), false
}

// UnmarshalText reads a Started value with ParseStarted. A word it doesn't
// know is kept as given, so validation can name it.
func (s *Started) UnmarshalText(b []byte) error {
	*s, _ = ParseStarted(string(b))
	return nil
}

// Label is the value in the person's words, for forms and summaries.
func (s Started) Label() string {
	switch s {
	case StartedTheyCalled:
		return "They called me out of the blue"
	case StartedICalled:
		return "I called a number I already knew (from a card, a statement or their own website)"
	case StartedPopup:
		return "A pop-up or warning on my screen told me to call"
	case StartedEmail:
		return "An email told me to call or click"
	case StartedInvoice:
		return "An invoice, renewal or order I didn't expect"
	case StartedText:
		return "A text message"
	case StartedSearch:
		return "I found the number by searching or in an advert"
	case StartedLetter:
		return "A letter"
	case StartedUnsure:
		return "I'm not sure"
	}
	return string(s)
}

// GaveNumber reports whether the contact began with something that handed
// the person a number to call: a pop-up, an email, an invoice, a text, a
// search result or advert, a letter. Scammers plant numbers in all of them.
func (s Started) GaveNumber() bool {
	switch s {
	case StartedPopup, StartedEmail, StartedInvoice, StartedText, StartedSearch, StartedLetter:
		return true
	}
	return false
}
