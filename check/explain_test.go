package check_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
)

// TestExplainSaysEachFactOnce: the Microsoft, 09-number, install-and-let-in
// call has five reasons; the person sees at most three points, each fact
// once, and no reason is lost.
func TestExplainSaysEachFactOnce(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct {
		name     string
		req      hangup.CheckRequest
		together [][]string // codes that must share one point
	}{
		{"Microsoft on an 09 number asking to install and get in", hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft",
			Started: hangup.StartedTheyCalled, Asked: []hangup.Ask{hangup.AskInstall, hangup.AskRemoteAccess}},
			[][]string{{check.CodeAskRemoteAccess, check.CodeAskInstall}}},
		{"a bank asking to move money and for a code", hangup.CheckRequest{Claims: "my bank", Started: hangup.StartedTheyCalled,
			Asked: []hangup.Ask{hangup.AskMoveMoney, hangup.AskPasswords}},
			[][]string{{"check.policy.no_safe_account", check.CodeAskMoveMoney}, {"check.policy.no_passwords_or_codes", check.CodeAskPasswords}}},
		{"HMRC asking for gift cards", hangup.CheckRequest{Claims: "HMRC", Started: hangup.StartedTheyCalled, Asked: []hangup.Ask{hangup.AskGiftCard}},
			[][]string{{"check.policy.no_gift_cards_or_crypto", check.CodeAskGiftCard}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, e, tc.req)
			x := check.Explain(res)
			if x.Heading != "Stop" || strings.HasPrefix(x.Sentence, "Stop") || x.Sentence == "" {
				t.Errorf("heading %q sentence %q: the sentence must not repeat the heading", x.Heading, x.Sentence)
			}
			if len(x.Points) == 0 || len(x.Points) > check.MaxPoints {
				t.Fatalf("%d points on first view, want 1 to %d", len(x.Points), check.MaxPoints)
			}
			all := append(append([]check.Point(nil), x.Points...), x.More...)
			var shown []string
			quotes := map[string]int{}
			for _, p := range all {
				shown = append(shown, p.Codes...)
				if a, b := strings.Index(p.Text, "“"), strings.LastIndex(p.Text, "”"); a >= 0 && b > a {
					quotes[p.Text[a:b]]++
				}
			}
			for _, r := range res.Reasons {
				if r.Severity != hangup.SeverityInfo && !slices.Contains(shown, r.Code) {
					t.Errorf("reason %s is in no point", r.Code)
				}
			}
			for q, n := range quotes {
				if n > 1 {
					t.Errorf("the quote %q… is said %d times", q[:min(40, len(q))], n)
				}
			}
			for _, group := range tc.together {
				var in []int
				for i, p := range all {
					for _, c := range group {
						if slices.Contains(p.Codes, c) {
							in = append(in, i)
						}
					}
				}
				if len(in) != len(group) || len(slices.Compact(slices.Clone(in))) != 1 {
					t.Errorf("codes %v are in points %v, want one point", group, in)
				}
			}
			if res.CallBack != nil && len(x.Steps) != len(res.NextSteps)-1 {
				t.Errorf("%d steps of %d: the call-back step is shown on its own", len(x.Steps), len(res.NextSteps))
			}
		})
	}
}

// TestSentenceNeverRepeatsTheHeading holds for every verdict.
func TestSentenceNeverRepeatsTheHeading(t *testing.T) {
	e := newEngine(t)
	for _, req := range []hangup.CheckRequest{
		{},
		{Number: "0906 123 4567", Claims: "Microsoft", Started: hangup.StartedTheyCalled},
		{Claims: "Acme Widgets Ltd", Started: hangup.StartedTheyCalled},
		{Number: "0300 200 3300", Claims: "HMRC", Started: hangup.StartedLetter},
		{Number: "0800 046 5678", Claims: "Microsoft", Started: hangup.StartedPopup},
	} {
		x := check.Explain(run(t, e, req))
		if strings.HasPrefix(strings.ToLower(x.Sentence), strings.ToLower(x.Heading)) || x.Sentence == "" {
			t.Errorf("%+v: heading %q, sentence %q", req, x.Heading, x.Sentence)
		}
	}
}

// TestSharedKeepsNoPersonalData: a shared check keeps neither the notes
// nor the words quoted from them.
func TestSharedKeepsNoPersonalData(t *testing.T) {
	p, _ := phone.New(phone.Config{})
	orgs, err := registry.Seed(p)
	if err != nil {
		t.Fatal(err)
	}
	snap := registry.NewSnapshot(orgs)
	an, err := analyze.New(analyze.Deps{Numbers: p, Orgs: snap})
	if err != nil {
		t.Fatal(err)
	}
	const private = "my name is Margaret Jones of 12 Acacia Avenue"
	req := hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft", Started: hangup.StartedTheyCalled,
		Notes: "He said " + private + " has a virus on her computer and told me to install AnyDesk and read him the code."}
	res, err := check.New(p, snap).WithAnalyzer(an).Check(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Analysis == nil {
		t.Fatal("the notes were not analysed")
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	sh := check.Shared(req, res, now)
	if sh.Request.Notes != "" || sh.Result.Analysis != nil {
		t.Errorf("the shared check keeps the notes %q or their analysis", sh.Request.Notes)
	}
	said := 0
	for _, r := range sh.Result.Reasons {
		if strings.Contains(r.Message, "They said") || strings.Contains(r.Message, "Margaret") || strings.Contains(r.Message, "Acacia") {
			t.Errorf("reason %s quotes the notes: %q", r.Code, r.Message)
		}
		if strings.HasPrefix(r.Code, check.CodeAnalysisPrefix) {
			said++
		}
	}
	if said == 0 {
		t.Error("the reasons found in the notes were dropped, not kept without their quotes")
	}
	if res.Analysis == nil || len(res.Analysis.Indicators) == 0 {
		t.Error("Shared changed the result it was given")
	}
	if !sh.ExpiresAt.Equal(now.Add(30*24*time.Hour)) || len(sh.ID) != check.ShareIDLen || check.NormaliseShareID(strings.ToLower(sh.ID)) != sh.ID {
		t.Errorf("shared check %s expires %v", sh.ID, sh.ExpiresAt)
	}
}
