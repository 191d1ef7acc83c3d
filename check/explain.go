package check

import (
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
)

// MaxPoints is how many reasons a person sees before "More detail": enough
// to trust the verdict, few enough to read on a phone in the middle of a
// call.
const MaxPoints = 3

// Explanation is a check result arranged for a worried person with a
// minute: the verdict's heading, one sentence, at most MaxPoints reasons
// with each fact said once, and the rest for "More detail". The web pages
// and the CLI both show it; the API keeps the full result, codes and all.
type Explanation struct {
	Heading  string   // "Stop", "Be careful", "No warning signs found yet", "Not enough to go on"
	Sentence string   // the summary, without the heading's words
	Points   []Point  // at most MaxPoints, most serious first
	More     []Point  // every other point
	Steps    []string // what to do, without the call-back step when the route is shown on its own
}

// Point is one fact, in plain words, standing for the reasons that say it.
type Point struct {
	Text    string   // the fact
	Sources []string // where it comes from: web addresses or document names
	Codes   []string // the reasons it stands for, for tests and the curious
	Serious bool     // on its own a reason to hang up (shown more strongly; never named)
}

// Headings are the verdicts in words.
var Headings = map[hangup.CheckVerdict]string{
	hangup.CheckStop:       "Stop",
	hangup.CheckCaution:    "Be careful",
	hangup.CheckNoRedFlags: "No warning signs found yet",
	hangup.CheckNotEnough:  "Not enough to go on",
}

// leadIns are how summary sentences begin with their verdict; a page that
// shows the heading above the sentence drops them.
var leadIns = []string{"Stop: ", "Be careful: ", "Not enough to go on yet. ", "No warning signs found yet. ", "No warning signs found yet: "}

// Explain arranges a check result for a person: see Explanation.
func Explain(res *hangup.CheckResult) Explanation {
	e := Explanation{Heading: Headings[res.Verdict], Sentence: sentence(res.Summary)}
	for _, p := range Points(res.Reasons) {
		if len(e.Points) < MaxPoints {
			e.Points = append(e.Points, p)
		} else {
			e.More = append(e.More, p)
		}
	}
	e.Steps = res.NextSteps
	if res.CallBack != nil && len(e.Steps) > 0 {
		e.Steps = e.Steps[:len(e.Steps)-1] // the route to call back is shown on its own
	}
	return e
}

// sentence drops the verdict's words from the start of a summary.
func sentence(s string) string {
	for _, l := range leadIns {
		if rest, ok := strings.CutPrefix(s, l); ok && rest != "" {
			return strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	return s
}

// Points merges reasons that say the same thing into one point: what the
// organisation says it never does, what the caller asked for and what the
// notes show about the same fact become one point, worded by the most
// serious of them (a quote of the organisation's own words comes first
// among equals). Reasons that are only context are left out.
func Points(reasons []hangup.Reason) []Point {
	var out []Point
	topicAt := map[string]int{}
	quoteAt := map[string]int{}
	for _, r := range reasons {
		if r.Severity == hangup.SeverityInfo {
			continue
		}
		t := topic(r.Code)
		q := quote(r.Message)
		i, ok := topicAt[t]
		if !ok && q != "" {
			i, ok = quoteAt[q] // the same words quoted for another reason
		}
		if !ok {
			out = append(out, Point{Text: tidy(r.Message)})
			i = len(out) - 1
			topicAt[t] = i
		}
		if q != "" {
			quoteAt[q] = i
		}
		p := &out[i]
		p.Codes = append(p.Codes, r.Code)
		if r.Source != "" && !slices.Contains(p.Sources, r.Source) {
			p.Sources = append(p.Sources, r.Source)
		}
		p.Serious = p.Serious || r.Severity == hangup.SeverityHigh
	}
	return out
}

// quote returns the words a message quotes (“…”), or "".
func quote(msg string) string {
	a := strings.Index(msg, "“")
	b := strings.LastIndex(msg, "”")
	if a < 0 || b <= a {
		return ""
	}
	return strings.TrimSpace(msg[a+len("“") : b])
}

// tidy mends punctuation where quoted sentences meet the message around
// them: `…computer.”.` reads `…computer.”`.
func tidy(s string) string {
	return strings.NewReplacer(".”.", ".”", "?”.", "?”", "!”.", "!”", "..", ".").Replace(s)
}

// topics group the reasons that speak of the same fact. Codes come from
// this package (check.*), phone (number.*), site (site.*), the analysis of
// the notes (said.*) and reputation (reputation.*).
var topics = []struct {
	topic string
	codes []string // exact codes
	parts []string // or any code containing one of these
}{
	{"unsolicited", []string{CodePolicyPrefix + string(hangup.PolicyNoUnsolicitedCalls), CodePolicyPrefix + string(hangup.PolicyExistingCustomers),
		CodeUnsolicitedSupport, CodeUnknownOrganisation, CodeGenericISPClaim}, []string{"never_calls", "claims_tech_company", "claims_isp", "cold_call"}},
	{"remote", []string{CodePolicyPrefix + string(hangup.PolicyNoRemoteAccess), CodeAskRemoteAccess, CodeAskInstall},
		[]string{"remote", "unattended_access", "anydesk", "keyboard_steering"}},
	{"premium", []string{CodePolicyPrefix + string(hangup.PolicyNoPremiumRate)}, []string{"premium_rate", "costly_number"}},
	{"gift_cards", []string{CodePolicyPrefix + string(hangup.PolicyNoGiftCardsOrCrypto), CodeAskGiftCard, CodeAskCrypto}, []string{"gift_card", "crypto"}},
	{"payment", []string{CodePolicyPrefix + string(hangup.PolicyNoPaymentByPhone), CodePolicyPrefix + string(hangup.PolicyNoRedeliveryFee), CodeAskPayment},
		[]string{"money_request", "fix_fee", "upfront_fee", "delivery_fee", "wire_transfer", "support_plan_sale"}},
	{"passwords", []string{CodePolicyPrefix + string(hangup.PolicyNoPasswords), CodeAskPasswords}, []string{"otp_request", "access_code", "secret_request", "digit_code"}},
	{"bank", []string{CodePolicyPrefix + string(hangup.PolicyNoBankDetails), CodeAskBankDetails, CodeAskCardDetails}, []string{"bank_login", "card_details", "balance_probe"}},
	{"move_money", []string{CodePolicyPrefix + string(hangup.PolicyNoSafeAccount), CodeAskMoveMoney}, []string{"safe_account", "move_money"}},
	{"cash", []string{CodePolicyPrefix + string(hangup.PolicyNoCashCollection), CodeAskCash}, []string{"courier", "cash_", "card_handover", "buy_gold"}},
	{"personal", []string{CodePolicyPrefix + string(hangup.PolicyNoPersonalDetails), CodeAskPersonal}, []string{"identity_number"}},
	{"popup", []string{CodePolicyPrefix + string(hangup.PolicyNoNumberInErrors), CodePopupNumber}, []string{"popup"}},
	{"threat", []string{CodePolicyPrefix + string(hangup.PolicyNoThreats)}, []string{"threat", "arrest", "warrant"}},
	{"website", []string{CodePolicyPrefix + string(hangup.PolicyNoLinksInTexts), CodeAskWebsite}, []string{CodeSitePrefix, "site_", "link_steering", "browser_steering"}},
	{"fake_number", []string{CodeReceiveOnlyNumber}, []string{"drama_range", "not_listed", "unallocated", "wrong_length", "number.invalid"}},
	{"not_official", []string{CodeNotOfficialNumber, CodeOtherOrgsNumber, CodeGivenNotOfficial, CodeGivenOtherOrgs, CodeGivenUnknown}, nil},
	{"reputation", nil, []string{"reputation."}},
}

// topic names the fact a reason code speaks of. A code no topic claims is
// its own topic, except what the notes show, which is one point.
func topic(code string) string {
	for _, t := range topics {
		if slices.Contains(t.codes, code) {
			return t.topic
		}
	}
	for _, t := range topics {
		for _, p := range t.parts {
			if strings.Contains(code, p) {
				return t.topic
			}
		}
	}
	if strings.HasPrefix(code, CodeAnalysisPrefix) {
		return "said"
	}
	return code
}
