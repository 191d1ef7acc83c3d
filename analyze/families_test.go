package analyze_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/data/sharedtest"
)

// familyExample is one scam family with a text of it and the indicator that
// must fire. Real examples come from the FTC robocall set (public domain;
// call_id cited, the words quoted verbatim from its transcript); families
// the set has no call of are written for Hangup and marked so.
type familyExample struct {
	family string
	callID string // robocall-ftc-ppone call_id, or "" for a written example
	text   string
	code   string // the indicator that names the family
}

// written marks an example written for Hangup: the robocall set has no call
// of the family.
const written = ""

var familyExamples = []familyExample{
	// callback lures: the pop-up, the invoice or renewal, the order you did
	// not place, and the refund that follows
	{"callback lure: pop-up", written, "a pop up came up on my screen with a loud alarm and a phone number in the middle", "popup_lure"},
	{"callback lure: pop-up telling you to call support", written, "a pop up on my screen said my computer was infected and to call microsoft on the number shown", "popup_call_support"},
	{"callback lure: unexpected renewal", written, "I got an email saying my Geek Squad subscription was renewed and I was charged 399 dollars", "subscription_renewal_lure"},
	{"callback lure: order you did not place", "1112259", "We would like to inform you that there is an order placed for Apple iPhone 11 Pro using your Amazon account. If you do not authorize this order, press 1 or press 2 to authorize this order.", "unexpected_charge_lure"},
	{"callback lure: the refund that follows", "557684", "12 Pro using your Amazon account if you do not authorize this order and to refund your amount press 1, or press 2 to authorize this order.", "refund_mentioned"},
	{"callback lure: refund needs your bank", written, "the agent said he would process the refund of 399 dollars but I had to log into my bank account so he could send it", "bank_login_request"},
	// utility and ISP disconnection
	{"utility disconnection", "500579", "This is an automated message from the disconnection department of Baltimore Gap and Electra to inform you that you will be experiencing a disconnection of service today within 30 minutes.", "utility_disconnect_threat"},
	{"utility disconnection claim", "500579", "This is an automated message from the disconnection department of Baltimore Gap and Electra", "claims_utility"},
	{"ISP disconnection", written, "this is your internet provider, your internet line will be terminated today because of illegal downloads", "utility_disconnect_threat"},
	// law enforcement, Interpol, identity misuse, a seized parcel
	{"customs parcel with drugs", "453389", "The reason of this call is to inform you about a package has been seized under your name by U.S. Customs and Border Protection with contraband of drugs and cash.", "parcel_seized_claim"},
	{"identity misused for illegal activity", "463263", "This is an important call regarding illegal enforcement action being executed under your name for suspicious fraudulent activities carried out using your identity.", "identity_misuse_threat"},
	{"Interpol", written, "this is officer james bradley from interpol your identity has been misused for illegal activity in three countries", "claims_government"},
	{"police and arrest", written, "the police will come to your house today and arrest you unless you settle the case now", "arrest_threat"},
	// IVR "press 1"
	{"robocall press 1", "1112259", "If you do not authorize this order, press 1 or press 2 to authorize this order.", "robocall_lure"},
	// charity
	{"fake charity", written, "I'm calling on behalf of the police officers association, could you make a donation by card today to help the families of fallen officers", "donation_request"},
	// car warranty
	{"car warranty", "587263", "We recently noticed your car's extended warranty would expire and wanted to provide you with one final courtesy call before your warranty expires and your warranty coverage becomes void", "warranty_expiry_claim"},
	// debt collection
	{"debt collection", written, "I am calling from a debt collection agency, you owe 2,400 dollars and if you do not pay today with a prepaid card we will garnish your wages", "legal_threat"},
	{"debt collector paid by prepaid card", written, "I am calling from a debt collection agency, you owe 2,400 dollars and if you do not pay today with a prepaid card we will garnish your wages", "gift_card_payment"},
	// benefits and grants
	{"relief payment", "274452", "it's my job to make you aware that because you qualified for a relief payment, you also qualify for the new debt relief program.", "windfall_offer"},
	{"energy rebate", "80122", "You will be receiving $50 reward along with 30% discount on your electric and gas bill. Please press 1 and get your $50 reward card.", "windfall_offer"},
	{"student loan forgiveness", "660764", "We have been trying to reach you because you are eligible for the Federal Student Loan Forgiveness Program due to the changes made in 2022.", "windfall_offer"},
	// Medicare and health insurance
	{"Medicare", "1195733", "Hi, this is Susan. I'm a Medicare Health Care Advisor on a recorded line.", "claims_government"},
	{"health insurance benefits", written, "you qualify for a new medicare card with extra benefits, I just need your medicare number to send it", "identity_number_request"},
	// romance and investment moving to payment
	{"romance moving to payment", written, "my darling I am stuck at the airport and I need you to send 2,000 dollars by western union for my ticket", "romance_pretext"},
	{"romance payment", written, "my darling I am stuck at the airport and I need you to send 2,000 dollars by western union for my ticket", "wire_transfer_request"},
	{"investment moving to payment", written, "it has guaranteed returns of 20 percent a month, you just need to buy bitcoin at the atm and send it to my wallet", "crypto_payment"},
	// "hi mum" on a new number
	{"hi mum new number", written, "hi mum this is my new number I dropped my phone in the bath, can you send 300 to this account today", "family_impersonation"},
	// social security number suspended
	{"SSN suspension", "598182", "is to inform you that we just suspend your social security number because we found some suspicious activity.", "ssn_suspended_claim"},
	// arrest warrants, lawsuits, bailiffs
	{"arrest warrant", "482002", "The court has issued a suspension notice, along with a warrant against your name.", "warrant_threat"},
	{"lawsuit", "868733", "if we don't hear from you then we will be forced to take legal action against you so kindly press one", "legal_threat"},
	{"bailiffs", written, "the bailiffs will come to your house tomorrow to take your furniture unless you pay the council tax today", "legal_threat"},
	// the classic: Microsoft says your computer is hijacked
	{"tech support robocall", "1631035650.66108_in_AKA_Management_Robocall__Computer-Hijack", "Hello, this call is from Microsoft Help Center. We encounter a serious issue coming out of your computer.", "claims_tech_company"},
}

// TestEveryScamFamilyIsNamed proves that each family of issue 11 has an
// indicator that fires on an example of it.
func TestEveryScamFamilyIsNamed(t *testing.T) {
	e, _ := engines(t)
	for _, fx := range familyExamples {
		t.Run(fx.family, func(t *testing.T) {
			a, err := e.Analyze(context.Background(), fx.text)
			if err != nil {
				t.Fatal(err)
			}
			in, ok := codes(a)[fx.code]
			if !ok {
				t.Fatalf("%s did not fire; got %v", fx.code, a.Indicators)
			}
			if fx.text[in.ByteStart:in.ByteEnd] != in.Evidence || in.Evidence == "" {
				t.Errorf("%s evidence %q is not the text at [%d,%d)", fx.code, in.Evidence, in.ByteStart, in.ByteEnd)
			}
		})
	}
}

// TestFamilyExamplesQuoteTheirRobocall checks that every robocall example
// quotes its call's transcript word for word, so that the citation can be
// checked. It needs the shared data (HANGUP_SHARED_DATA).
func TestFamilyExamplesQuoteTheirRobocall(t *testing.T) {
	f, err := os.Open(filepath.Join(sharedData(t), "robocall-ftc-ppone", "robocall_transcripts_annotated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	transcript := map[string]string{}
	for _, rec := range recs {
		transcript[rec[col["call_id"]]] = rec[col["transcript"]]
	}
	for _, fx := range familyExamples {
		if fx.callID == written {
			continue
		}
		tr, ok := transcript[fx.callID]
		if !ok {
			t.Errorf("%s: no call %s in the robocall set", fx.family, fx.callID)
			continue
		}
		if !strings.Contains(tr, fx.text) {
			t.Errorf("%s: call %s does not say %q", fx.family, fx.callID, fx.text)
		}
	}
}

// sharedData returns the shared data directory, or skips the test (fails
// it with HANGUP_REQUIRE_SHARED_DATA=1) when it cannot be found.
func sharedData(tb testing.TB) string { tb.Helper(); return sharedtest.Dir(tb, "robocall-ftc-ppone") }
