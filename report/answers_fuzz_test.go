package report_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/report"
)

// FuzzReadAnswers feeds arbitrary amounts, dates and stories through
// validation and the story's suggestions: never a panic, never an internal
// error, every problem a sentence, and a suggestion never changes an
// answer the person gave.
func FuzzReadAnswers(f *testing.F) {
	for _, s := range [][3]string{
		{"£199.99", "yesterday 2pm", "He called back from 020 7946 0000 and I paid £20 with my debit card."},
		{"1,200.50 dollars", "27/11/2026 14:05", "call him back on 0906 123 4567"},
		{"lots", "soon", "\xff"}, {"-5", "2026-02-30", ""}, {"1e99", "today 25:00", "from from from 0"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	ctx := context.Background()
	fx := newFixture(f)
	p, _ := phone.New(phone.Config{})
	an, err := analyze.New(analyze.Deps{Numbers: p})
	if err != nil {
		f.Fatal(err)
	}
	svc, err := report.New(ctx, report.Deps{Store: fx.db, Numbers: p, Secrets: fx.db, Analyzer: an})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, amount, when, story string) {
		in := hangup.ReportInput{Amount: amount, OccurredAt: when, Story: story, NumberShown: "0800 000 000"}
		if err := svc.Validate(in); err != nil {
			if !hangup.IsInputError(err) {
				t.Fatalf("Validate: %v is not an input error", err)
			}
			for _, fe := range hangup.ErrorFields(err) {
				if !utf8.ValidString(fe.Message) || !strings.HasSuffix(fe.Message, ".") {
					t.Fatalf("field %s: %q is not a sentence", fe.Field, fe.Message)
				}
			}
		}
		got := svc.Suggest(ctx, in).Input
		if got.NumberShown != in.NumberShown || (in.Amount != "" && got.Amount != in.Amount) {
			t.Fatalf("Suggest changed an answer: %+v", got)
		}
		// An amount reads back as itself once written for people.
		if v, cur, err := report.ReadAmount(amount); err == nil {
			if again, cur2, err := report.ReadAmount(report.FormatMoney(v, cur)); err != nil || again != v || cur2 != cur {
				t.Fatalf("%q = %v %s, written %q, reads back as %v %s (%v)", amount, v, cur, report.FormatMoney(v, cur), again, cur2, err)
			}
		}
	})
}
