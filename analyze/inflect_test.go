package analyze

import (
	"slices"
	"testing"
)

// TestInflectionBases pins the base forms a word not in the catalogue is
// tried as, and the words that must keep their own meaning.
func TestInflectionBases(t *testing.T) {
	vocab := map[string]bool{"send": true, "text": true, "charge": true, "stop": true, "cancel": true, "code": true, "box": true,
		"reply": true, "authorize": true, "license": true, "center": true, "not": true, "the": true, "window": true, "fee": true, "com": true}
	tests := []struct {
		word, want string
	}{
		{"texting", "text"}, {"sends", "send"}, {"charged", "charge"}, {"charging", "charge"},
		{"stopped", "stop"}, {"stopping", "stop"}, {"cancelled", "cancel"}, {"codes", "code"},
		{"boxes", "box"}, {"replied", "reply"}, {"authorised", "authorize"}, {"authorise", "authorize"},
		{"licence", "license"}, {"centre", "center"},
		// no base: not an inflection, or the base would change the meaning
		{"notes", ""}, {"thing", ""}, {"windows", ""}, {"feed", ""}, {"coming", ""}, {"send", ""}, {"sending", ""},
	}
	for _, tt := range tests {
		got := ""
		inflectionBases(tt.word, nil, func(c string) bool {
			if vocab[c] {
				got = c
				return true
			}
			return false
		})
		if got != tt.want {
			t.Errorf("inflectionBases(%q) found %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestConceptsMatchInOtherForms: a phrase of the catalogue matches the
// other inflections of its words and a victim's note telling it in the
// third person, with the same indicator (the playbook's request does not
// depend on tense or grammatical person).
func TestConceptsMatchInOtherForms(t *testing.T) {
	e, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, code string
	}{
		{"a request to log into the bank, told about someone else",
			"then they told her to log in to her bank online", "bank_login_request"},
		{"card details asked of someone else",
			"he asked him for his card number and the expiry date", "card_details_request"},
		{"a device problem told about someone else",
			"a man phoned my aunt saying her laptop was infected", "device_problem_claim"},
		{"an inflected verb of a phrase (texting, not text)",
			"we are texting you a code now read it to me when it comes", "otp_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codesIn(t, e, tt.text); !slices.Contains(got, tt.code) {
				t.Errorf("no %s in %q; got %v", tt.code, tt.text, got)
			}
		})
	}
}

// TestConceptClassesMatchNewPhrasing: requests and threats are matched as
// a class of verb with a class of object, so wordings the catalogue never
// lists in full still raise the playbook's indicator.
func TestConceptClassesMatchNewPhrasing(t *testing.T) {
	e, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, code string
	}{
		{"getting into a device, any verb of getting in", "he said he would need to hop onto the laptop to fix it", "remote_access_request"},
		{"an iPad is a device too", "the man said he needed to get into the ipad", "remote_access_request"},
		{"a disconnection verb with the supply and a time", "the engineer is on the way to cap your supply this afternoon", "utility_disconnect_threat"},
		{"payment now by a card", "you can stop the visit by making a full payment now by debit card", "payment_demand"},
		{"payment by an odd channel", "if you settle today i can take payment by money gram", "payment_demand"},
		{"a program of any kind to install", "please download the small support program from that page", "software_install_request"},
		{"a blanked screen in other words", "your screen will go dark for a minute while i put the refund in", "screen_blanked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codesIn(t, e, tt.text); !slices.Contains(got, tt.code) {
				t.Errorf("no %s in %q; got %v", tt.code, tt.text, got)
			}
		})
	}
}
