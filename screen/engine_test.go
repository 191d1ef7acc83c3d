package screen

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/stir"
)

func TestLayers(t *testing.T) {
	w := newWorld(t, Config{})
	w.report(t, telScam, 30)
	w.report(t, telSuspect, 5)
	if err := w.rep.Allow(context.Background(), telAllowed, true, "test", "reviewed: a GP surgery"); err != nil {
		t.Fatal(err)
	}
	w.report(t, telAllowed, 30)
	lists := NewCustomer(&hangup.APIKey{Name: "pbx", Policy: hangup.DefaultScreenPolicy(), Allow: []string{telScam}, Deny: []string{telMobile}})
	lenient := NewCustomer(&hangup.APIKey{Name: "lenient", Policy: hangup.ScreenPolicy{LabelAt: 20, WarnAt: 50, BlockAt: 101}})
	denyAll := NewCustomer(&hangup.APIKey{Name: "deny", Policy: hangup.DefaultScreenPolicy(), Deny: []string{telMobile, telUS}})

	tests := []struct {
		name      string
		req       hangup.ScreenRequest
		customer  *Customer
		action    hangup.ScreenAction
		label     string
		first     string // the most serious reason
		caller    string
		noReasons []string // codes that must not appear
	}{
		{"emergency call from a denied number", hangup.ScreenRequest{From: telMobile, To: "999"}, lists, hangup.ActionAllow, "", CodeEmergency, "", nil},
		{"emergency call as a SIP URI", hangup.ScreenRequest{From: telPremium, To: "sip:112@pbx.example;user=phone"}, nil, hangup.ActionAllow, "", CodeEmergency, "", nil},
		{"emergency in E.164 form", hangup.ScreenRequest{From: telPremium, To: "+44999"}, nil, hangup.ActionAllow, "", CodeEmergency, "", nil},
		{"ordinary mobile", hangup.ScreenRequest{From: telMobile, To: telLandline}, nil, hangup.ActionAllow, "", "", telMobile, nil},
		{"withheld", hangup.ScreenRequest{From: "anonymous", To: telLandline}, nil, hangup.ActionAllow, "", CodeWithheld, "", nil},
		{"withheld SIP URI", hangup.ScreenRequest{From: `"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1`, To: telLandline}, nil, hangup.ActionAllow, "", CodeWithheld, "", nil},
		{"empty From", hangup.ScreenRequest{To: telLandline}, nil, hangup.ActionAllow, "", CodeWithheld, "", nil},
		{"not a number", hangup.ScreenRequest{From: "sip:bob@example.com", To: telLandline}, nil, hangup.ActionLabel, hangup.LabelUnverified, CodeUnreadable, "", nil},
		{"giant From", hangup.ScreenRequest{From: "sip:" + strings.Repeat("1", 5000) + "@x", To: telLandline}, nil, hangup.ActionLabel, hangup.LabelUnverified, CodeUnreadable, "", nil},
		{"invalid number", hangup.ScreenRequest{From: telInvalid, To: telLandline}, nil, hangup.ActionWarn, hangup.LabelSuspectedScam, CodeInvalid, telInvalid, nil},
		{"premium rate caller ID", hangup.ScreenRequest{From: "sip:" + telPremium + "@carrier;user=phone", To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodePremiumRate, telPremium, nil},
		{"unallocated block", hangup.ScreenRequest{From: telFree, To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeUnallocated, telFree, nil},
		{"drama range", hangup.ScreenRequest{From: telDrama, To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeUnallocated, telDrama, nil},
		{"national form", hangup.ScreenRequest{From: "0906 123 4567", To: "020 7946 0000"}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodePremiumRate, telPremium, nil},
		{"receive-only number (Do-Not-Originate)", hangup.ScreenRequest{From: "tel:" + telReportFraud, To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeDoNotOriginate, telReportFraud, nil},
		{"159 as caller ID", hangup.ScreenRequest{From: "159", To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeDoNotOriginate, "", nil},
		{"UK landline from abroad", hangup.ScreenRequest{From: telLandline, To: telMobile, International: true}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeUKFromAbroad, telLandline, nil},
		{"UK mobile from abroad (roaming?)", hangup.ScreenRequest{From: telMobile, To: telLandline, International: true}, nil, hangup.ActionLabel, hangup.LabelUnverified, CodeUKMobileFromAbroad, telMobile, nil},
		{"US number from abroad", hangup.ScreenRequest{From: telUS, To: telLandline, International: true}, nil, hangup.ActionAllow, "", "", telUS, nil},
		{"strong scam reputation", hangup.ScreenRequest{From: telScam, To: telLandline}, nil, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeReputationScam, telScam, nil},
		{"some reports", hangup.ScreenRequest{From: telSuspect, To: telLandline}, nil, hangup.ActionWarn, hangup.LabelSuspectedScam, CodeReputationSuspect, telSuspect, nil},
		{"cleared by administrators", hangup.ScreenRequest{From: telAllowed, To: telLandline}, nil, hangup.ActionAllow, "", CodeReputationAllowed, telAllowed, []string{CodeReputationScam}},
		{"verified organisation", hangup.ScreenRequest{From: "01793 781800", To: telLandline}, nil, hangup.ActionLabel, "IMEX (verified)", CodeVerifiedOrg, telIMEX, nil},
		{"verified organisation, SIP URI", hangup.ScreenRequest{From: "<sip:+441793781800@carrier.example;user=phone>", To: telLandline}, nil, hangup.ActionLabel, "IMEX (verified)", CodeVerifiedOrg, telIMEX, nil},
		{"verified organisation failing upstream verification", hangup.ScreenRequest{From: telIMEX, To: telLandline, Verstat: "TN-Validation-Failed"}, nil, hangup.ActionLabel, hangup.LabelUnverified, CodeUpstreamFailed, telIMEX, []string{CodeVerifiedOrg}},
		{"upstream verified, Twilio style", hangup.ScreenRequest{From: telMobile, To: telLandline, Verstat: "TN-Validation-Passed-A"}, nil, hangup.ActionAllow, "", CodeUpstreamPassed, telMobile, nil},
		{"unknown upstream verstat ignored", hangup.ScreenRequest{From: telMobile, To: telLandline, Verstat: "maybe"}, nil, hangup.ActionAllow, "", "", telMobile, nil},
		{"customer allow list beats reputation", hangup.ScreenRequest{From: telScam, To: telLandline}, lists, hangup.ActionAllow, "", CodeCustomerAllow, telScam, []string{CodeReputationScam}},
		{"customer deny list", hangup.ScreenRequest{From: telMobile, To: telLandline}, lists, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeCustomerDeny, telMobile, nil},
		{"customer deny list, national form", hangup.ScreenRequest{From: "07400 123456", To: telLandline}, denyAll, hangup.ActionBlock, hangup.LabelSuspectedScam, CodeCustomerDeny, telMobile, nil},
		{"customer who never blocks", hangup.ScreenRequest{From: telScam, To: telLandline}, lenient, hangup.ActionWarn, hangup.LabelSuspectedScam, CodeReputationScam, telScam, nil},
		{"Identity header without trust anchors", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{"garbage"}}, nil, hangup.ActionAllow, "", CodeNoTrustAnchors, telMobile, nil},
		{"emergency caller is never blocked", hangup.ScreenRequest{From: "999", To: telLandline}, denyAll, hangup.ActionAllow, "", CodeEmergencyCaller, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := w.engine.Screen(context.Background(), tc.req, tc.customer)
			if err != nil {
				t.Fatal(err)
			}
			if d.Action != tc.action || d.Label != tc.label {
				t.Errorf("got %s %q, want %s %q (score %d, reasons %v)", d.Action, d.Label, tc.action, tc.label, d.Score, codes(d))
			}
			if d.PrimaryReason() != tc.first {
				t.Errorf("first reason %q, want %q (all %v)", d.PrimaryReason(), tc.first, codes(d))
			}
			if d.Caller != tc.caller {
				t.Errorf("caller %q, want %q", d.Caller, tc.caller)
			}
			for _, c := range tc.noReasons {
				if slices.Contains(codes(d), c) {
					t.Errorf("reasons %v include %s", codes(d), c)
				}
			}
			if tc.req.Identity == nil && tc.req.Verstat == "" && d.Verstat != string(stir.VerstatNone) {
				t.Errorf("verstat %q for an unsigned call", d.Verstat)
			}
			wantSIP := 0
			if d.Action == hangup.ActionBlock {
				wantSIP = 603
			}
			if d.SIP.Code != wantSIP || d.SIP.Headers[HeaderAction] != string(d.Action) {
				t.Errorf("SIP answer %+v for %s", d.SIP, d.Action)
			}
			if d.Action == hangup.ActionBlock && (d.SIP.Reason != BlockReason || d.SIP.Phrase != "Network Blocked") {
				t.Errorf("block answer %+v lacks 603 Network Blocked with a Reason header", d.SIP)
			}
			for i := 1; i < len(d.Reasons); i++ {
				if d.Reasons[i].Severity.Rank() > d.Reasons[i-1].Severity.Rank() {
					t.Errorf("reasons not most serious first: %+v", d.Reasons)
				}
			}
		})
	}
}

func TestNoTrustAnchorsVerstat(t *testing.T) {
	w := newWorld(t, Config{})
	d, _ := w.engine.Screen(context.Background(), hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{"a.b.c;info=<https://x.example/c.pem>"}, Verstat: "TN-Validation-Passed"}, nil)
	if d.Verstat != string(stir.VerstatNone) {
		t.Errorf("verstat %q, want No-TN-Validation: nothing was verified here", d.Verstat)
	}
	if !strings.Contains(d.Reasons[0].Message, "trust anchors") {
		t.Errorf("reason %q does not say why", d.Reasons[0].Message)
	}
	r := w.engine.Verify(context.Background(), stir.Request{Identity: []string{"x"}})
	if r.Verstat != stir.VerstatNone || r.Reason != CodeNoTrustAnchors {
		t.Errorf("Verify without anchors: %+v", r)
	}
}

func TestTooManyIdentityHeaders(t *testing.T) {
	w := newWorld(t, Config{})
	_, err := w.engine.Screen(context.Background(), hangup.ScreenRequest{From: telMobile, Identity: make([]string, 33)}, nil)
	if hangup.ErrorCode(err) != hangup.ETOOLARGE {
		t.Errorf("err %v, want ETOOLARGE", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    hangup.ScreenPolicy
		ok   bool
	}{
		{"default", hangup.DefaultScreenPolicy(), true},
		{"never block", hangup.ScreenPolicy{LabelAt: 20, WarnAt: 50, BlockAt: 101}, true},
		{"zero", hangup.ScreenPolicy{}, false},
		{"out of order", hangup.ScreenPolicy{LabelAt: 60, WarnAt: 50, BlockAt: 80}, false},
		{"too high", hangup.ScreenPolicy{LabelAt: 20, WarnAt: 50, BlockAt: 102}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.p.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate(%+v) = %v, want ok %v", tc.p, err, tc.ok)
			}
		})
	}
	// A customer with a broken policy screens with the default one.
	if got := NewCustomer(&hangup.APIKey{Policy: hangup.ScreenPolicy{}}).Policy(); got != hangup.DefaultScreenPolicy() {
		t.Errorf("broken policy compiled to %+v", got)
	}
}

func TestUserPart(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"+441632960123", "+441632960123"},
		{"sip:+441632960123@host;user=phone", "+441632960123"},
		{"SIPS:+441632960123@host", "+441632960123"},
		{`"Bob" <sip:+441632960123@host;user=phone>;tag=abc`, "+441632960123"},
		{"<tel:+44-1632-960123;verstat=TN-Validation-Passed>", "+44-1632-960123"},
		{"tel:%2B441632960123", "+441632960123"},
		{"sip:host.example", ""},
		{"<sip:1234@host", "1234"},
		{"  01632 960123 ", "01632 960123"},
		{"", ""},
	} {
		if got := userPart(tc.in); got != tc.want {
			t.Errorf("userPart(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestScreenToReuse: a recycled decision gives the same answer as a fresh
// one, with nothing left over from the call before.
func TestScreenToReuse(t *testing.T) {
	w := newWorld(t, Config{})
	ctx := context.Background()
	var d hangup.Decision
	for _, req := range []hangup.ScreenRequest{
		{From: telPremium, To: telLandline, International: true},
		{From: telIMEX, To: telLandline},
		{From: telMobile, To: telLandline},
	} {
		if err := w.engine.ScreenTo(ctx, &req, nil, &d); err != nil {
			t.Fatal(err)
		}
		fresh, _ := w.engine.Screen(ctx, req, nil)
		if !slices.Equal(codes(&d), codes(fresh)) || d.Action != fresh.Action || d.Label != fresh.Label || d.Caller != fresh.Caller || d.Organisation != fresh.Organisation {
			t.Errorf("%s: reused %s %q %v, fresh %s %q %v", req.From, d.Action, d.Label, codes(&d), fresh.Action, fresh.Label, codes(fresh))
		}
	}
}

// TestFactCacheKeepsCollidingNumbers: two numbers that hash to the same
// pair of slots both stay cached, and a third pushes out only the older.
func TestFactCacheKeepsCollidingNumbers(t *testing.T) {
	var c factCache
	base := uint64(447400000000)
	var same []uint64
	for k := base; len(same) < 3; k++ {
		if slotOf(k) == slotOf(base) {
			same = append(same, k)
		}
	}
	c.put(&facts{key: same[0]})
	c.put(&facts{key: same[1]})
	if c.get(same[0]) == nil || c.get(same[1]) == nil {
		t.Fatal("a colliding pair did not both stay cached")
	}
	c.put(&facts{key: same[2]})
	if c.get(same[2]) == nil || c.get(same[1]) == nil || c.get(same[0]) != nil {
		t.Errorf("after a third: %v %v %v, want the oldest gone", c.get(same[0]) != nil, c.get(same[1]) != nil, c.get(same[2]) != nil)
	}
	if c.get(base-1) != nil {
		t.Error("a number never put is found")
	}
}

// TestOnlyOutboundLinesAreLabelledVerified: one meaning of "verified". A line
// people call an organisation on is labelled as its line with the advice to
// call back, never "(verified)"; a line it says it calls from is.
func TestOnlyOutboundLinesAreLabelledVerified(t *testing.T) {
	w := newWorld(t, Config{})
	d, err := w.engine.Screen(context.Background(), hangup.ScreenRequest{From: "0800 400 100", To: telLandline}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Label != fmt.Sprintf(hangup.LabelOrgLineFmt, "Barclays") || codes(d)[0] != CodeOrgLine {
		t.Errorf("Barclays' helpline as caller ID: %s %q %v, want its line's label and %s", d.Action, d.Label, codes(d), CodeOrgLine)
	}
	if strings.Contains(d.Label, "verified") {
		t.Errorf("a support-only line is labelled %q", d.Label)
	}
	if d, err = w.engine.Screen(context.Background(), hangup.ScreenRequest{From: telIMEX, To: telLandline}, nil); err != nil {
		t.Fatal(err)
	}
	if d.Label != "IMEX (verified)" {
		t.Errorf("IMEX's outbound line: %q, want IMEX (verified)", d.Label)
	}
}
