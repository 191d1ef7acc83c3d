package analyze_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/site"
)

// The example from the issue: the analysis must call it a tech-support
// scam and quote the three tell-tale requests.
const doneText = "hi this is the windows technical department we had a report from your internet provider that your computer has a virus please go to anydesk dot com and read me the nine digit code"

var (
	engOnce sync.Once
	eng     *analyze.Engine
	engErr  error
	fullEng *analyze.Engine
)

// engines returns an engine without services and one with the real phone,
// registry and site services.
func engines(tb testing.TB) (*analyze.Engine, *analyze.Engine) {
	tb.Helper()
	engOnce.Do(func() {
		if eng, engErr = analyze.New(analyze.Deps{}); engErr != nil {
			return
		}
		var ph *phone.Intel
		if ph, engErr = phone.New(phone.Config{}); engErr != nil {
			return
		}
		orgs, err := registry.Seed(ph)
		if err != nil {
			engErr = err
			return
		}
		sites, err := site.New(site.Config{Organisations: orgs})
		if err != nil {
			engErr = err
			return
		}
		fullEng, engErr = analyze.New(analyze.Deps{Numbers: ph, Orgs: registry.NewSnapshot(orgs), Sites: sites})
	})
	if engErr != nil {
		tb.Fatal(engErr)
	}
	return eng, fullEng
}

func codes(a *hangup.Analysis) map[string]hangup.Indicator {
	out := map[string]hangup.Indicator{}
	for _, in := range a.Indicators {
		if _, ok := out[in.Code]; !ok {
			out[in.Code] = in
		}
	}
	return out
}

func TestAnalyzeDoneExample(t *testing.T) {
	e, _ := engines(t)
	a, err := e.Analyze(context.Background(), doneText)
	if err != nil {
		t.Fatal(err)
	}
	if a.Verdict != hangup.VerdictScam {
		t.Errorf("verdict = %s (score %.3f), want scam", a.Verdict, a.Score)
	}
	if a.ScamType != hangup.ScamTechSupport {
		t.Errorf("scam type = %q, want %q", a.ScamType, hangup.ScamTechSupport)
	}
	want := map[string]string{
		"isp_report_claim":    "report from your internet provider",
		"remote_tool_install": "go to anydesk dot com",
		"access_code_request": "read me the nine digit code",
	}
	got := codes(a)
	for code, quote := range want {
		in, ok := got[code]
		if !ok {
			t.Errorf("no %s indicator; got %v", code, a.Indicators)
			continue
		}
		if !strings.Contains(in.Evidence, quote) {
			t.Errorf("%s evidence = %q, want it to quote %q", code, in.Evidence, quote)
		}
		if doneText[in.ByteStart:in.ByteEnd] != in.Evidence {
			t.Errorf("%s offsets [%d,%d) give %q, evidence %q", code, in.ByteStart, in.ByteEnd, doneText[in.ByteStart:in.ByteEnd], in.Evidence)
		}
		if in.Explanation == "" || in.Stage == "" {
			t.Errorf("%s has no explanation or stage: %+v", code, in)
		}
	}
	if len(a.Reasons) == 0 || a.Reasons[0].Severity != hangup.SeverityHigh {
		t.Errorf("reasons = %+v, want a high-severity reason first", a.Reasons)
	}
}

func TestAnalyzeCases(t *testing.T) {
	e, _ := engines(t)
	tests := []struct {
		name    string
		text    string
		verdict hangup.Verdict // "" = anything but not_scam; "any" = not checked
		typ     hangup.ScamType
		has     []string
		hasNot  []string
	}{
		{name: "genuine agent never asks", text: "Agent: Thank you for calling, how can I help?\nCustomer: I lost my card.\nAgent: I've cancelled it. We will never ask for your password or PIN.",
			verdict: hangup.VerdictNotScam, has: []string{"genuine_never_asks"}, hasNot: []string{"secret_request"}},
		{name: "victim has no anydesk", text: "I don't have AnyDesk on my computer.", verdict: hangup.VerdictNotScam, hasNot: []string{"remote_tool_named", "remote_tool_install"}},
		{name: "why don't you install is not negated", text: "why don't you just install teamviewer and I'll fix it", verdict: "any", has: []string{"remote_tool_install"}},
		{name: "victim notes", text: "He said he was from Microsoft and told me to go to a website and download something called TeamViewer. Then he asked me to read him the code.",
			typ: hangup.ScamTechSupport, has: []string{"claims_tech_company", "remote_tool_install"}},
		{name: "safe account", text: "This is the fraud team at your bank. Your account is compromised, you need to move your savings to a safe account today and don't tell the branch staff.",
			typ: hangup.ScamBankImpersonate, has: []string{"safe_account", "secrecy_demand"}},
		{name: "gift card tax threat", text: "this is the irs there is a warrant for your arrest you must pay today with google play gift cards and read me the numbers on the back",
			typ: hangup.ScamGovernment, has: []string{"warrant_threat", "gift_card_payment"}},
		{name: "hi mum", text: "Hi mum, it's me, this is my new number, I lost my phone. Can you transfer 850 to this account for me today? Don't tell dad.",
			typ: hangup.ScamFamily, has: []string{"family_impersonation"}},
		{name: "over refund", text: "Caller: you are eligible for a refund of $300. Log into your online banking please. Oh no, I sent you too much, you must send back the difference or I will lose my job.",
			typ: hangup.ScamRefund, has: []string{"over_refund", "bank_login_request"}},
		{name: "genuine pharmacy", text: "Hi, this is the pharmacy. Your prescription is ready for collection, you can pay at the counter when you come in.", verdict: hangup.VerdictNotScam},
		{name: "genuine isp reboot", text: "Agent: Thanks for calling, how can I help?\nCustomer: My internet is slow.\nAgent: Please restart the router and I'll run a line test. No charge for the engineer if needed.", verdict: hangup.VerdictNotScam},
		{name: "unicode tricks", text: "Please install А\u200bnyDеsk now and read me the ｃｏｄｅ", verdict: "any", has: []string{"remote_tool_install"}},
		{name: "speech to text", text: "um hello yes this is microsoft uh your computer is infected so i need you to go to um team viewer dot com and and download it", has: []string{"remote_tool_install", "claims_tech_company"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Analyze(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.verdict == "any":
			case tt.verdict != "" && a.Verdict != tt.verdict:
				t.Errorf("verdict = %s (score %.3f), want %s; indicators %v", a.Verdict, a.Score, tt.verdict, keys(a))
			case tt.verdict == "" && a.Verdict == hangup.VerdictNotScam:
				t.Errorf("verdict = not_scam (score %.3f), want a warning; indicators %v", a.Score, keys(a))
			}
			if tt.typ != "" && a.ScamType != tt.typ {
				t.Errorf("scam type = %q, want %q", a.ScamType, tt.typ)
			}
			got := codes(a)
			for _, c := range tt.has {
				if _, ok := got[c]; !ok {
					t.Errorf("missing %s; got %v", c, keys(a))
				}
			}
			for _, c := range tt.hasNot {
				if _, ok := got[c]; ok {
					t.Errorf("unexpected %s; got %v", c, keys(a))
				}
			}
			checkOffsets(t, tt.text, a)
		})
	}
}

func keys(a *hangup.Analysis) []string {
	var out []string
	for _, in := range a.Indicators {
		out = append(out, in.Code)
	}
	return out
}

// checkOffsets verifies that every span quotes the original text, in bytes
// and in characters.
func checkOffsets(tb testing.TB, text string, a *hangup.Analysis) {
	tb.Helper()
	runes := []rune(text)
	check := func(what, ev string, bs, be, s, e int) {
		if bs < 0 || be > len(text) || bs > be {
			tb.Fatalf("%s byte span [%d,%d) outside text of %d bytes", what, bs, be, len(text))
		}
		if got := text[bs:be]; got != strings.TrimSuffix(ev, "…") && !strings.HasPrefix(got, strings.TrimSuffix(ev, "…")) {
			tb.Errorf("%s: text[%d:%d] = %q, evidence %q", what, bs, be, got, ev)
		}
		if utf8.ValidString(text) {
			if s < 0 || e > len(runes) || s > e || string(runes[s:e]) != text[bs:be] {
				tb.Errorf("%s: character span [%d,%d) does not match byte span [%d,%d)", what, s, e, bs, be)
			}
		}
	}
	for _, in := range a.Indicators {
		check(in.Code, in.Evidence, in.ByteStart, in.ByteEnd, in.Start, in.End)
	}
	for _, en := range a.Entities {
		check(en.Kind, en.Evidence, en.ByteStart, en.ByteEnd, en.Start, en.End)
	}
}

func TestCharacterOffsetsWithNonASCII(t *testing.T) {
	e, _ := engines(t)
	text := "Café owner here — «Microsoft» rang: “please install AnyDesk” 😊 and read me the code"
	a, err := e.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	in, ok := codes(a)["remote_tool_install"]
	if !ok {
		t.Fatalf("no remote_tool_install in %v", keys(a))
	}
	if got := string([]rune(text)[in.Start:in.End]); got != "install AnyDesk" {
		t.Errorf("character span gives %q, want %q", got, "install AnyDesk")
	}
	if in.Start == in.ByteStart {
		t.Errorf("character and byte offsets agree (%d) although the text has multi-byte characters before", in.Start)
	}
	checkOffsets(t, text, a)
}

func TestAnalyzeBadInput(t *testing.T) {
	e, _ := engines(t)
	tests := []struct {
		name string
		text string
		code string
	}{
		{"empty", "", hangup.EINVALID},
		{"whitespace", "  \n\t ", hangup.EINVALID},
		{"binary", "PK\x03\x04\x00\x00\x08\x00binary", hangup.EINVALID},
		{"too large", strings.Repeat("a", analyze.MaxTextLen+1), hangup.ETOOLARGE},
		{"too large in characters", strings.Repeat("é", analyze.MaxTextLen+1), hangup.ETOOLARGE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Analyze(context.Background(), tt.text)
			if got := hangup.ErrorCode(err); got != tt.code {
				t.Errorf("error code = %q (%v), want %q", got, err, tt.code)
			}
		})
	}
	t.Run("invalid utf8 is analysed", func(t *testing.T) {
		text := "please install any\xffdesk \xfe\xfe and read me the code"
		a, err := e.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, text, a)
	})
	t.Run("largest text", func(t *testing.T) {
		text := strings.Repeat("please go to anydesk dot com and read me the code. ", analyze.MaxTextLen/52)
		a, err := e.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Indicators) > analyze.MaxIndicators || !a.Truncated {
			t.Errorf("%d indicators, truncated %v; want at most %d and truncated", len(a.Indicators), a.Truncated, analyze.MaxIndicators)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		text := strings.Repeat("A: hello\nB: hi\n", 200)
		if _, err := e.Analyze(ctx, text); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestAnalyzeWithServices(t *testing.T) {
	_, e := engines(t)
	text := "Caller: This is Microsoft support. Please go to anydesk.com and install it. You can call us back on 0906 123 4567."
	a, err := e.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	var url, ph, org *hangup.Entity
	for i := range a.Entities {
		en := &a.Entities[i]
		switch en.Kind {
		case hangup.EntityURL:
			url = en
		case hangup.EntityPhone:
			ph = en
		case hangup.EntityOrganisation:
			if org == nil {
				org = en
			}
		}
	}
	if url == nil || url.Site == nil || url.Site.Verdict != hangup.SiteRemoteAccessTool {
		t.Errorf("url entity = %+v, want a site check saying remote_access_tool", url)
	}
	if ph == nil || ph.Number == nil || ph.Number.Type != hangup.NumberPremiumRate {
		t.Errorf("phone entity = %+v, want a premium-rate number", ph)
	}
	if org == nil || org.Org == nil || org.Org.Kind == hangup.MatchUnknown {
		t.Errorf("organisation entity = %+v, want a registry match", org)
	}
	got := codes(a)
	for _, c := range []string{"site_remote_access_tool", "callback_premium_rate"} {
		in, ok := got[c]
		if !ok {
			t.Errorf("no %s indicator; got %v", c, keys(a))
			continue
		}
		if in.Source == "" {
			t.Errorf("%s has no source", c)
		}
	}
	// The services add facts, never change the model's score.
	plain, _ := engines(t)
	b, err := plain.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if a.Score != b.Score {
		t.Errorf("score with services %.3f, without %.3f: want the same", a.Score, b.Score)
	}
}

func TestEmbeddedModelFitsCatalogue(t *testing.T) {
	m, err := analyze.EmbeddedModel()
	if err != nil {
		t.Fatal(err)
	}
	names := analyze.FeatureNames()
	if len(m.Features) != len(names) {
		t.Fatalf("model has %d features, catalogue %d: run the trainer", len(m.Features), len(names))
	}
	for i, n := range names {
		if m.Features[i] != n {
			t.Errorf("feature %d = %q, catalogue %q", i, m.Features[i], n)
		}
	}
	if m.ScamThreshold <= m.SuspiciousThreshold {
		t.Errorf("scam threshold %.2f not above suspicious %.2f", m.ScamThreshold, m.SuspiciousThreshold)
	}
}

func TestCodesAreExplained(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range analyze.Codes() {
		if seen[c.Code] {
			t.Errorf("code %s listed twice", c.Code)
		}
		seen[c.Code] = true
		if c.Explanation == "" || c.Stage == "" {
			t.Errorf("code %s lacks explanation or stage", c.Code)
		}
	}
	if len(seen) < 40 {
		t.Errorf("only %d codes", len(seen))
	}
}

// What a worried person types into the check or report form: each names a
// request together with a threat, the playbook's combination, and must be
// flagged whatever the learned weights say.
func TestNotesOfARequestWithAThreatAreFlagged(t *testing.T) {
	e, _ := engines(t)
	tests := []struct {
		name string
		text string
		want []string // codes that must be quoted
	}{
		{"virus then AnyDesk", "He said my computer has a virus and told me to install AnyDesk", []string{"device_problem_claim", "remote_tool_install"}},
		{"electricity cut off unless paid by card", "the caller said my electricity would be cut off unless I paid by card now", []string{"utility_disconnect_threat", "payment_demand"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Analyze(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if a.Verdict != hangup.VerdictScam && a.Verdict != hangup.VerdictSuspicious {
				t.Errorf("verdict = %s (score %.3f), want scam or suspicious", a.Verdict, a.Score)
			}
			got := codes(a)
			for _, c := range tt.want {
				in, ok := got[c]
				if !ok {
					t.Errorf("no %s indicator; got %v", c, a.Indicators)
					continue
				}
				if tt.text[in.ByteStart:in.ByteEnd] != in.Evidence {
					t.Errorf("%s evidence %q is not the text at [%d,%d)", c, in.Evidence, in.ByteStart, in.ByteEnd)
				}
			}
			if len(a.Reasons) == 0 || a.Reasons[0].Code != analyze.CodeCombination && a.Reasons[0].Severity != hangup.SeverityHigh {
				t.Errorf("reasons = %+v, want the combination or a serious reason first", a.Reasons)
			}
		})
	}
}
