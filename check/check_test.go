package check_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
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
	if !strings.Contains(strings.ToLower(res.Summary), "caller id can be faked") {
		t.Errorf("summary %q should still warn that caller ID can be faked", res.Summary)
	}
}

func TestWithheld(t *testing.T) {
	e := newEngine(t)
	for _, n := range []string{"withheld", "Private number", "UNKNOWN"} {
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

// TestUnsolicitedImpersonationAskingForMoneyAccessOrDetailsIsStop: an
// unsolicited call in the name of an organisation people are often called in
// the name of, asking for gift cards, remote access or bank details, is a
// stop with the organisation's real call-back route; where the organisation
// (or every organisation of its kind) publishes a rule the call breaks, the
// result quotes it with its source.
func TestUnsolicitedImpersonationAskingForMoneyAccessOrDetailsIsStop(t *testing.T) {
	e := newEngine(t)
	claims := map[string]string{"HMRC": "hmrc", "DWP": "dwp", "the police": "uk-police", "Amazon": "amazon", "Apple": "apple",
		"BT": "bt", "Sky": "sky", "PayPal": "paypal", "the IRS": "irs", "Social Security": "ssa"}
	asks := map[hangup.Ask][]hangup.PolicyCode{
		hangup.AskGiftCard:     {hangup.PolicyNoGiftCardsOrCrypto},
		hangup.AskRemoteAccess: {hangup.PolicyNoRemoteAccess},
		hangup.AskBankDetails:  {hangup.PolicyNoBankDetails},
	}
	quoted, combos := 0, 0
	for claim, id := range claims {
		for ask, rules := range asks {
			combos++
			res := run(t, e, hangup.CheckRequest{Claims: claim, Started: hangup.StartedTheyCalled, Asked: []hangup.Ask{ask}})
			if res.Verdict != hangup.CheckStop {
				t.Errorf("%s asking for %s: %s %v, want stop", claim, ask, res.Verdict, codes(res))
			}
			if res.Organisation == nil || res.Organisation.ID != id {
				t.Errorf("%s matched %+v, want %s", claim, res.Organisation, id)
				continue
			}
			if res.CallBack == nil || res.CallBack.Number == "" && res.CallBack.URL == "" || res.CallBack.Source.String() == "" {
				t.Errorf("%s: call back %+v, want a sourced number or contact page", claim, res.CallBack)
			}
			for _, code := range rules {
				if !hasReason(res, check.CodePolicyPrefix+string(code)) {
					continue
				}
				quoted++
				for _, r := range res.Reasons {
					if r.Code == check.CodePolicyPrefix+string(code) && (r.Source == "" || !strings.Contains(r.Message, "“")) {
						t.Errorf("%s/%s: policy reason %+v lacks its quote or source", claim, ask, r)
					}
				}
			}
		}
	}
	t.Logf("%d of %d organisation and request pairs quote a sourced rule the call breaks", quoted, combos)
}

// TestEveryPublishedRuleTheCallBreaksIsQuoted checks the engine's side of the
// previous test: whenever the registry holds the rule (the organisation's own
// or its kind's), the result quotes it.
func TestEveryPublishedRuleTheCallBreaksIsQuoted(t *testing.T) {
	e := newEngine(t)
	orgs, err := registry.Seed(mustPhone(t))
	if err != nil {
		t.Fatal(err)
	}
	snap := registry.NewSnapshot(orgs)
	pairs := []struct {
		ask  hangup.Ask
		code hangup.PolicyCode
	}{{hangup.AskGiftCard, hangup.PolicyNoGiftCardsOrCrypto}, {hangup.AskRemoteAccess, hangup.PolicyNoRemoteAccess},
		{hangup.AskBankDetails, hangup.PolicyNoBankDetails}, {hangup.AskPasswords, hangup.PolicyNoPasswords},
		{hangup.AskMoveMoney, hangup.PolicyNoSafeAccount}, {hangup.AskCash, hangup.PolicyNoCashCollection}}
	for _, o := range orgs {
		if o.Generic {
			continue
		}
		country := o.Country
		if country == "" {
			country = "GB"
		}
		for _, p := range pairs {
			_, own := o.HasPolicy(p.code)
			kind := false
			for _, g := range snap.KindPolicies(o.Kind, country) {
				_, ok := g.HasPolicy(p.code)
				kind = kind || ok
			}
			if !own && !kind {
				continue
			}
			res := run(t, e, hangup.CheckRequest{Claims: o.Name, Started: hangup.StartedTheyCalled, Asked: []hangup.Ask{p.ask}})
			if res.Organisation == nil || res.Organisation.ID != o.ID {
				continue // a name shared with another country's entry: tested elsewhere
			}
			if !hasReason(res, check.CodePolicyPrefix+string(p.code)) {
				t.Errorf("%s asking for %s: reasons %v lack the published rule %s", o.ID, p.ask, codes(res), p.code)
			}
		}
	}
}

func mustPhone(tb testing.TB) *phone.Intel {
	tb.Helper()
	p, err := phone.New(phone.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestANumberGivenByAPopupOrInvoiceIsCheckedBeforeYouCall: the seed's advice,
// "never trust a number the caller gives you", for the scams that start with
// the victim calling.
func TestANumberGivenByAPopupOrInvoiceIsCheckedBeforeYouCall(t *testing.T) {
	e := newEngine(t)
	res := run(t, e, hangup.CheckRequest{Number: "0800 046 5678", Claims: "Microsoft", Started: hangup.StartedPopup})
	if res.Verdict != hangup.CheckStop || !hasReason(res, check.CodeGivenNotOfficial) || !hasReason(res, "check.policy.no_number_in_error_messages") {
		t.Errorf("Microsoft pop-up with 0800 046 5678: %s %v, want stop, not-official and Microsoft's rule", res.Verdict, codes(res))
	}
	if res.NumberStatus != hangup.NumberNotOfficial {
		t.Errorf("number status %s, want not_official", res.NumberStatus)
	}
	if res.CallBack == nil {
		t.Error("no real route to Microsoft")
	}
	for _, s := range res.NextSteps {
		if strings.Contains(strings.ReplaceAll(s, " ", ""), "08000465678") {
			t.Errorf("step %q offers the pop-up's number", s)
		}
	}
	// A pop-up naming nobody: tech companies' shared rule.
	res = run(t, e, hangup.CheckRequest{Number: "0800 046 5678", Started: hangup.StartedPopup})
	if res.Verdict != hangup.CheckStop {
		t.Errorf("pop-up number, no name: %s %v, want stop", res.Verdict, codes(res))
	}
	// An unexpected Norton invoice with a number to call about the renewal.
	res = run(t, e, hangup.CheckRequest{Number: "0808 164 9871", Claims: "Norton", Started: hangup.StartedInvoice})
	if res.Verdict != hangup.CheckStop || !hasReason(res, check.CodeGivenNotOfficial) {
		t.Errorf("Norton invoice number: %s %v, want stop", res.Verdict, codes(res))
	}
	// Microsoft's own published number: confirmed, with its source.
	res = run(t, e, hangup.CheckRequest{Number: "0800 032 6417", Claims: "Microsoft", Started: hangup.StartedEmail})
	if res.NumberStatus != hangup.NumberOfficial || !hasReason(res, check.CodeNumberConfirmed) || res.Verdict == hangup.CheckStop {
		t.Errorf("Microsoft's own number from an email: %s %s %v, want confirmed", res.Verdict, res.NumberStatus, codes(res))
	}
	for _, r := range res.Reasons {
		if r.Code == check.CodeNumberConfirmed && !strings.Contains(r.Source, "microsoft.com") {
			t.Errorf("confirmation %+v lacks Microsoft's own source", r)
		}
	}
}

// TestSilenceIsNeverGreen: a check that says nothing, a number with nothing
// against it, or a call out of the blue from a name Hangup doesn't know, is
// never "no warning signs".
func TestSilenceIsNeverGreen(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name string
		req  hangup.CheckRequest
		want hangup.CheckVerdict
	}{
		{"nothing", hangup.CheckRequest{}, hangup.CheckNotEnough},
		{"only how it started", hangup.CheckRequest{Started: hangup.StartedTheyCalled}, hangup.CheckNotEnough},
		{"an ordinary number alone", hangup.CheckRequest{Number: "020 7123 4567"}, hangup.CheckNotEnough},
		{"a withheld number alone", hangup.CheckRequest{Number: "withheld"}, hangup.CheckNotEnough},
		{"a premium-rate number alone", hangup.CheckRequest{Number: "0906 123 4567"}, hangup.CheckStop},
		{"an unknown name out of the blue", hangup.CheckRequest{Claims: "Acme Widgets Ltd", Started: hangup.StartedTheyCalled}, hangup.CheckCaution},
		{"an unknown name, nothing else", hangup.CheckRequest{Claims: "Acme Widgets Ltd"}, hangup.CheckNotEnough},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, e, tc.req)
			if res.Verdict != tc.want {
				t.Errorf("verdict %s %v, want %s", res.Verdict, codes(res), tc.want)
			}
			if res.Verdict == hangup.CheckNotEnough && !strings.Contains(res.Summary, "Not enough") {
				t.Errorf("summary %q should say there is not enough to go on", res.Summary)
			}
			if len(res.NextSteps) == 0 || !strings.Contains(res.NextSteps[len(res.NextSteps)-1], "yourself") {
				t.Errorf("steps %q should end with calling back on a number they find themselves", res.NextSteps)
			}
		})
	}
	res := run(t, e, hangup.CheckRequest{Claims: "Acme Widgets Ltd", Started: hangup.StartedTheyCalled})
	if !hasReason(res, check.CodeUnknownOrganisation) {
		t.Errorf("unknown organisation: %v, want %s", codes(res), check.CodeUnknownOrganisation)
	}
}

// TestUnsolicitedIsAnAliasOfTheyCalled: the old field gives the same verdict
// as the new one.
func TestUnsolicitedIsAnAliasOfTheyCalled(t *testing.T) {
	e := newEngine(t)
	a := run(t, e, hangup.CheckRequest{Claims: "Microsoft", Unsolicited: true})
	b := run(t, e, hangup.CheckRequest{Claims: "Microsoft", Started: hangup.StartedTheyCalled})
	if a.Verdict != b.Verdict || a.Started != hangup.StartedTheyCalled || fmt.Sprint(codes(a)) != fmt.Sprint(codes(b)) {
		t.Errorf("unsolicited: %s %v; started they_called: %s %v", a.Verdict, codes(a), b.Verdict, codes(b))
	}
	if _, err := e.Check(context.Background(), hangup.CheckRequest{Claims: "x", Started: "yesterday"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("started \"yesterday\": %v, want EINVALID", err)
	}
}

// TestTheTaxOfficeIsTheCallersCountrys: an ambiguous claim follows the
// number's country, and the result says how it was read.
func TestTheTaxOfficeIsTheCallersCountrys(t *testing.T) {
	e := newEngine(t)
	us := run(t, e, hangup.CheckRequest{Claims: "the tax office", Number: "+1 202 555 0143", Started: hangup.StartedTheyCalled})
	gb := run(t, e, hangup.CheckRequest{Claims: "the tax office", Number: "020 7946 0018", Started: hangup.StartedTheyCalled})
	if us.Organisation == nil || us.Organisation.ID != "irs" || gb.Organisation == nil || gb.Organisation.ID != "hmrc" {
		t.Fatalf("the tax office: from a US number %+v, from a UK number %+v; want irs and hmrc", us.Organisation, gb.Organisation)
	}
	if !hasReason(us, check.CodeAmbiguousClaim) {
		t.Errorf("reasons %v should say how \"the tax office\" was read", codes(us))
	}
}

// TestNotesOfCommonScamsAreFlagged: what a person writes about the call is
// enough for a warning when it describes the scam, even with nothing else.
func TestNotesOfCommonScamsAreFlagged(t *testing.T) {
	e := newEngine(t)
	p := mustPhone(t)
	orgs, err := registry.Seed(p)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analyze.New(analyze.Deps{Numbers: p, Orgs: registry.NewSnapshot(orgs)})
	if err != nil {
		t.Fatal(err)
	}
	e.WithAnalyzer(an)
	for _, notes := range []string{
		"He said my computer has a virus and told me to install AnyDesk",
		"the caller said my electricity would be cut off unless I paid by card now",
	} {
		res := run(t, e, hangup.CheckRequest{Notes: notes})
		if res.Verdict != hangup.CheckStop && res.Verdict != hangup.CheckCaution {
			t.Errorf("%q: %s %v, want stop or caution", notes, res.Verdict, codes(res))
		}
		if res.Analysis == nil || res.Analysis.Verdict == hangup.VerdictNotScam {
			t.Errorf("%q: analysis %+v, want it flagged", notes, res.Analysis)
		}
	}
}
