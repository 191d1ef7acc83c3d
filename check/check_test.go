package check_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/sqlite"
)

func newEngine(tb testing.TB) *check.Engine {
	tb.Helper()
	p, err := phone.New(phone.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "check.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(context.Background(), db, p, true)
	if err != nil {
		tb.Fatal(err)
	}
	orgs := reg.Snapshot().Organisations()
	sites, err := site.New(site.Config{Organisations: orgs})
	if err != nil {
		tb.Fatal(err)
	}
	return check.New(p, reg).WithSites(sites)
}

func run(t *testing.T, e *check.Engine, req hangup.CheckRequest) *hangup.CheckResult {
	t.Helper()
	res, err := e.Check(context.Background(), req)
	if err != nil {
		t.Fatalf("Check(%+v): %v", req, err)
	}
	return res
}

func hasReason(res *hangup.CheckResult, code string) bool {
	for _, r := range res.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

func codes(res *hangup.CheckResult) []string {
	var out []string
	for _, r := range res.Reasons {
		out = append(out, r.Code)
	}
	return out
}

// TestDoneWhen is the acceptance scenario: someone from Microsoft
// calling from 0906 123 4567 wants me to install AnyDesk.
func TestDoneWhen(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft", Unsolicited: true,
		Asked: []hangup.Ask{hangup.AskInstall, hangup.AskRemoteAccess}, Notes: "wants me to install AnyDesk"})
	if res.Verdict != hangup.CheckStop {
		t.Fatalf("verdict = %s, want stop (reasons %v)", res.Verdict, codes(res))
	}
	for _, code := range []string{"check.policy.no_unsolicited_calls", phone.CodeUKPremiumRate, check.CodeAskRemoteAccess, check.CodeAskInstall} {
		if !hasReason(res, code) {
			t.Errorf("reasons %v lack %s", codes(res), code)
		}
	}
	var policy hangup.Reason
	for _, r := range res.Reasons {
		if r.Code == "check.policy.no_unsolicited_calls" {
			policy = r
		}
	}
	if !strings.Contains(policy.Message, "Microsoft does not") || !strings.Contains(policy.Source, "support.microsoft.com") {
		t.Errorf("policy reason does not quote Microsoft with its source: %+v", policy)
	}
	if res.Organisation == nil || res.Organisation.ID != "microsoft" {
		t.Fatalf("organisation = %+v, want microsoft", res.Organisation)
	}
	last := res.NextSteps[len(res.NextSteps)-1]
	if !strings.Contains(last, "support.microsoft.com") {
		t.Errorf("last next step %q does not give Microsoft's genuine contact route", last)
	}
	if res.Reasons[0].Severity != hangup.SeverityHigh {
		t.Errorf("first reason is %s, want the most serious first", res.Reasons[0].Severity)
	}
}

// Caller ID can be spoofed: a number that matches the organisation never
// makes an unsolicited tech-support call safe.
func TestMatchingNumberIsNotReassurance(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "01793 781800", Claims: "IMEX technical support", Unsolicited: true})
	if res.Verdict == hangup.CheckNoRedFlags {
		t.Fatalf("unsolicited call showing IMEX's real number got %s", res.Verdict)
	}
	if !hasReason(res, check.CodeSpoofableMatch) {
		t.Errorf("reasons %v lack %s", codes(res), check.CodeSpoofableMatch)
	}
	// The same number with remote access asked is a stop.
	res = run(t, e, hangup.CheckRequest{Number: "01793 781800", Claims: "IMEX", Unsolicited: true, Asked: []hangup.Ask{hangup.AskRemoteAccess}})
	if res.Verdict != hangup.CheckStop {
		t.Errorf("matching number plus remote access: verdict %s, want stop", res.Verdict)
	}
}

// Any request for remote access, software installation, payment by gift card
// or crypto, or passwords/codes in an unsolicited call is stop, whoever the
// caller claims to be.
func TestDangerousAsksAreStop(t *testing.T) {
	e := newEngine(t)
	for _, ask := range []hangup.Ask{hangup.AskRemoteAccess, hangup.AskInstall, hangup.AskGiftCard, hangup.AskCrypto, hangup.AskPasswords} {
		for _, claim := range []string{"", "Acme Widgets", "your internet provider", "IMEX", "the bank"} {
			res := run(t, e, hangup.CheckRequest{Claims: claim, Unsolicited: true, Asked: []hangup.Ask{ask}, Number: "020 7946 0000"})
			if res.Verdict != hangup.CheckStop {
				t.Errorf("unsolicited, claims %q, asked %s: verdict %s, want stop (%v)", claim, ask, res.Verdict, codes(res))
			}
		}
	}
}

// When the organisation's own policy contradicts the call, the verdict is
// stop and the policy is quoted with its source.
func TestPolicyContradiction(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name string
		req  hangup.CheckRequest
		code string
	}{
		{"IMEX premium rate", hangup.CheckRequest{Claims: "IMEX", Number: "0906 123 4567"}, "check.policy.no_premium_rate"},
		{"bank safe account PIN", hangup.CheckRequest{Claims: "my bank", Asked: []hangup.Ask{hangup.AskPasswords}}, "check.policy.no_passwords_or_codes"},
		{"Microsoft cold call", hangup.CheckRequest{Claims: "Windows technical department", Unsolicited: true}, "check.policy.no_unsolicited_calls"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, e, tc.req)
			if res.Verdict != hangup.CheckStop {
				t.Errorf("verdict = %s, want stop (%v)", res.Verdict, codes(res))
			}
			found := false
			for _, r := range res.Reasons {
				if r.Code == tc.code {
					found = true
					if r.Source == "" || !strings.Contains(r.Message, "“") {
						t.Errorf("policy reason %+v lacks the quote or source", r)
					}
				}
			}
			if !found {
				t.Errorf("reasons %v lack %s", codes(res), tc.code)
			}
		})
	}
}

// Next steps always end with calling back on the official number and never
// offer a number the caller supplied.
func TestNextStepsCallBackOfficialOnly(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Claims: "IMEX", Number: "0906 123 4567", Unsolicited: true,
		Notes: "he said call him back on 0906 123 4567"})
	if res.CallBack == nil || res.CallBack.E164 != "+441793781800" {
		t.Fatalf("call back = %+v, want IMEX's 01793 781800", res.CallBack)
	}
	last := res.NextSteps[len(res.NextSteps)-1]
	if !strings.Contains(last, "01793 781800") || !strings.Contains(last, "another phone") {
		t.Errorf("last step %q should call back IMEX on its number from another phone", last)
	}
	for _, s := range res.NextSteps {
		if strings.Contains(strings.ReplaceAll(s, " ", ""), "09061234567") {
			t.Errorf("step %q offers the caller's number", s)
		}
	}
	// The bank: the card, or 159.
	res = run(t, e, hangup.CheckRequest{Claims: "the bank", Unsolicited: true})
	if last := res.NextSteps[len(res.NextSteps)-1]; !strings.Contains(last, "159") || !strings.Contains(last, "card") {
		t.Errorf("bank call back step %q should mention the card and 159", last)
	}
	// Unknown organisations: find the number yourself.
	res = run(t, e, hangup.CheckRequest{Claims: "Acme Widgets"})
	if res.CallBack != nil {
		t.Errorf("unknown organisation has a call back %+v", res.CallBack)
	}
	if last := res.NextSteps[len(res.NextSteps)-1]; !strings.Contains(last, "yourself") {
		t.Errorf("unknown organisation: last step %q", last)
	}
}

func TestReceiveOnlyNumber(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "159", Claims: "your bank", Unsolicited: true})
	if res.Verdict != hangup.CheckStop || !hasReason(res, check.CodeReceiveOnlyNumber) {
		t.Errorf("a call showing 159: %s %v, want stop with %s", res.Verdict, codes(res), check.CodeReceiveOnlyNumber)
	}
}

func TestNoRedFlags(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "01793 781800", Claims: "IMEX"})
	if res.Verdict != hangup.CheckNoRedFlags {
		t.Errorf("IMEX calling back a customer who asked: %s %v, want no_red_flags", res.Verdict, codes(res))
	}
	if !strings.Contains(res.Summary, "caller ID can be faked") {
		t.Errorf("summary %q should still warn that caller ID can be faked", res.Summary)
	}
}

func TestWithheld(t *testing.T) {
	e := newEngine(t)
	for _, n := range []string{"", "withheld", "Private number", "UNKNOWN"} {
		res := run(t, e, hangup.CheckRequest{Number: n, Claims: "Microsoft"})
		if res.Number != nil || !hasReason(res, check.CodeWithheld) {
			t.Errorf("number %q: number %+v reasons %v, want withheld", n, res.Number, codes(res))
		}
	}
}

func TestBadInput(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name  string
		req   hangup.CheckRequest
		code  string
		field string
	}{
		{"unparseable number", hangup.CheckRequest{Number: "call me maybe"}, hangup.EINVALID, "number"},
		{"unknown ask", hangup.CheckRequest{Asked: []hangup.Ask{"teleport"}}, hangup.EINVALID, "asked"},
		{"notes too long", hangup.CheckRequest{Notes: strings.Repeat("a", check.MaxNotesLen+1)}, hangup.ETOOLARGE, "notes"},
		{"claims too long", hangup.CheckRequest{Claims: strings.Repeat("b", check.MaxClaimsLen+1)}, hangup.ETOOLARGE, "claims"},
		{"invalid utf8", hangup.CheckRequest{Claims: "Micro\xffsoft"}, hangup.EINVALID, "claims"},
		{"control characters", hangup.CheckRequest{Claims: "Micro\x00soft"}, hangup.EINVALID, "claims"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Check(context.Background(), tc.req)
			if hangup.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
			fields := hangup.ErrorFields(err)
			if len(fields) == 0 || fields[0].Field != tc.field {
				t.Errorf("fields = %+v, want %s", fields, tc.field)
			}
		})
	}
}

// TestResultContract pins the JSON field names of the result: integrations
// depend on them.
func TestResultContract(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft", Unsolicited: true})
	body, _ := json.Marshal(res)
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"verdict", "reasons", "organisation", "number", "next_steps"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result lacks %q: %s", k, body)
		}
	}
	org := m["organisation"].(map[string]any)
	for _, k := range []string{"id", "name", "official_numbers", "policies"} {
		if _, ok := org[k]; !ok {
			t.Errorf("organisation lacks %q", k)
		}
	}
	num := m["number"].(map[string]any)
	for _, k := range []string{"input", "e164", "valid", "region", "type", "uk"} {
		if _, ok := num[k]; !ok {
			t.Errorf("number lacks %q", k)
		}
	}
	reason := m["reasons"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "severity", "message"} {
		if _, ok := reason[k]; !ok {
			t.Errorf("reason lacks %q", k)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	e := newEngine(b)
	req := hangup.CheckRequest{Number: "0906 123 4567", Claims: "Microsoft support team", Unsolicited: true,
		Asked: []hangup.Ask{hangup.AskInstall, hangup.AskRemoteAccess}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// The website the caller named is checked against the organisation they
// claimed, with one implementation shared with the API and the analysis.
func TestWebsite(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name, website string
		verdict       hangup.SiteVerdict
		brand         string
		checkVerdict  hangup.CheckVerdict
		code          string
	}{
		{"spoken lookalike", "go to micros0ft-support dot com", hangup.SiteImpersonation, "Microsoft", hangup.CheckStop, "site.lookalike_"},
		{"remote access tool", "anydesk.com", hangup.SiteRemoteAccessTool, "", hangup.CheckStop, "site.remote_access_tool"},
		{"official", "support.microsoft.com", hangup.SiteOfficial, "Microsoft", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, e, hangup.CheckRequest{Claims: "Microsoft", Unsolicited: true, Website: tc.website})
			if res.Site == nil || res.Site.Verdict != tc.verdict || (tc.brand != "" && res.Site.Brand != tc.brand) {
				t.Fatalf("site %+v, want %s %s", res.Site, tc.verdict, tc.brand)
			}
			if tc.checkVerdict != "" && res.Verdict != tc.checkVerdict {
				t.Errorf("verdict %s, want %s", res.Verdict, tc.checkVerdict)
			}
			if tc.code != "" {
				found := false
				for _, r := range res.Reasons {
					found = found || strings.HasPrefix(r.Code, tc.code)
				}
				if !found {
					t.Errorf("reasons %v lack %s…", codes(res), tc.code)
				}
			}
			if tc.verdict == hangup.SiteOfficial {
				for _, r := range res.Reasons {
					if strings.HasPrefix(r.Code, "site.") {
						t.Errorf("official site gave a warning reason %+v", r)
					}
				}
			}
		})
	}
	if _, err := e.Check(context.Background(), hangup.CheckRequest{Website: "http://\x00bad"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("unreadable website: %v", err)
	}
}

// BenchmarkCheckColdNumber is a full check whose number was never seen
// before, so libphonenumber's pattern matching runs every time.
func BenchmarkCheckColdNumber(b *testing.B) {
	e := newEngine(b)
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		req := hangup.CheckRequest{Number: fmt.Sprintf("0906 %07d", i%10_000_000), Claims: "Microsoft support team", Unsolicited: true,
			Asked: []hangup.Ask{hangup.AskInstall, hangup.AskRemoteAccess}}
		if _, err := e.Check(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}
