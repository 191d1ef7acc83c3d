package alert_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
)

// FuzzDraft: any title, text and days either validate into an alert that
// keeps within the limits, or fail with an input error; never a panic.
func FuzzDraft(f *testing.F) {
	f.Add("Scammers are calling in our name", "We never call.\n\nCall us on 01793 781800.", 30)
	f.Fuzz(func(t *testing.T, title, text string, days int) {
		d := alert.Draft{OrganisationID: "imex", Title: title, Text: text, Days: days}
		err := d.Validate()
		if err != nil {
			if !hangup.IsInputError(err) {
				t.Fatalf("Validate = %v, want an input error", err)
			}
			return
		}
		if d.Title == "" || strings.ContainsAny(d.Title, "\n\t") || !utf8.ValidString(d.Title+d.Text) ||
			utf8.RuneCountInString(d.Title) > alert.MaxTitle || utf8.RuneCountInString(d.Text) > alert.MaxText || d.Days < 1 || d.Days > alert.MaxDays {
			t.Errorf("accepted %+v", d)
		}
		for _, p := range alert.Paragraphs(d.Text) {
			if strings.TrimSpace(p) == "" {
				t.Errorf("an empty paragraph from %q", d.Text)
			}
		}
	})
}
