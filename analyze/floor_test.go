package analyze

import (
	"context"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

// TestFloorCombinations holds the playbook's combinations added for issue
// 11's speech-to-text windows and volunteer notes (floor.go). Each text was
// written for this test; each must reach at least the floor the rule names,
// whatever the learned weights say, and the first reason must quote the
// words of both elements (the combination reason comes after any sign
// serious on its own).
func TestFloorCombinations(t *testing.T) {
	e, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		quote []string // words each combination reason must quote
	}{
		{"a threat with any pretext",
			"hello this is richard hall attorney at law a lawsuit has been filed against you in the county court",
			[]string{"attorney at law", "a lawsuit"}},
		{"a threat under pressure",
			"the police are on the way to your address and you must keep this confidential",
			[]string{"police are on the way", "keep this confidential"}},
		{"a pop-up and a claim of authority",
			"i got a message on my computer saying to call this number yes ma'am you called the right department this is the windows helpline",
			[]string{"message on my computer", "windows helpline"}},
		{"the remote-access hand-over",
			"ok now go to w w w dot any desk dot com and download it then read me the nine digit code on the screen",
			[]string{"any desk", "code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := e.run(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			b, idx := st.bounds()
			if b.Floor == hangup.VerdictNotScam {
				t.Fatalf("no floor; indicators %+v", st.indicators)
			}
			a, err := e.Analyze(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if a.Verdict == hangup.VerdictNotScam {
				t.Fatalf("verdict not_scam with floor %s", b.Floor)
			}
			if len(idx) < 2 {
				t.Fatalf("floor set by %d indicators, want a combination", len(idx))
			}
			var msg string
			for _, r := range a.Reasons {
				if r.Code == CodeCombination {
					msg = r.Message
				}
			}
			if msg == "" {
				t.Fatalf("reasons = %+v, want the combination", a.Reasons)
			}
			for _, q := range tt.quote {
				if !strings.Contains(strings.ToLower(msg), q) {
					t.Errorf("combination %q does not quote %q", msg, q)
				}
			}
		})
	}
}

// TestFloorHoldsBack keeps the new combinations from firing on what
// genuine callers say: the hand-over on a ticket the person raised, a
// company's name that is both the claim and the "report", a robocall's
// "press 1" from a named company.
func TestFloorHoldsBack(t *testing.T) {
	e, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"hi it is ben from the it desk about the ticket you raised, please open teamviewer and read me the id so i can connect",
		"this is a legitimate call from xyz phone company about your order",
		"this is comcast calling to confirm your technician appointment tomorrow press 1 to confirm",
	} {
		st, err := e.run(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := st.bounds(); b.Floor != hangup.VerdictNotScam {
			t.Errorf("%q: floor %s, want none; indicators %+v", text, b.Floor, st.indicators)
		}
	}
}
