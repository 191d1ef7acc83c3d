package analyze_test

import (
	"context"
	"testing"

	"github.com/hangup-org/hangup/analyze"
)

// codeExamples gives, for every indicator code, a sentence that must raise
// it. A new code without an example fails TestEveryCodeFires.
var codeExamples = map[string]string{
	"popup_lure":                 "A pop-up said my computer was locked and to call Microsoft.",
	"robocall_lure":              "This is an automated message, press 1 to speak to an agent.",
	"unexpected_charge_lure":     "If you did not make this purchase, we can cancel it for you.",
	"subscription_renewal_lure":  "Your Norton subscription was renewed and charged today.",
	"callback_number_given":      "Call us back on 0800 123 4567.",
	"claims_tech_company":        "Hello, I am calling from Microsoft.",
	"claims_service_company":     "Hello, I am calling from Amazon.",
	"claims_isp":                 "Hi, I'm calling from your internet provider.",
	"claims_refund_department":   "I am calling from the refund department.",
	"isp_report_claim":           "We had a report from your internet provider.",
	"device_problem_claim":       "Your computer has a virus.",
	"detected_problem_claim":     "We have detected a virus on your system.",
	"hackers_inside_claim":       "Hackers are in your computer right now.",
	"claims_bank_fraud_team":     "This is the fraud department at Barclays.",
	"claims_government":          "I am calling from the IRS.",
	"bank_fraud_alert":           "There is suspicious activity on your card.",
	"ssn_suspended_claim":        "Your social security number has been suspended.",
	"family_impersonation":       "Hi mum, this is my new number.",
	"prize_claim":                "Congratulations, you have won a cash prize.",
	"remote_tool_install":        "Please download TeamViewer now.",
	"problem_question":           "What seems to be the problem with your computer?",
	"business_closing_refund":    "Our company is closing down, so everybody is getting a refund.",
	"software_install_request":   "Now download the little program from the page I gave you.",
	"remote_tool_named":          "It is called AnyDesk.",
	"remote_access_request":      "I need you to give me remote access.",
	"remote_access_mentioned":    "This is a remote session.",
	"access_code_request":        "Read me the code on your screen.",
	"access_code_read":           "The code is 741 852 963.",
	"digit_code_mentioned":       "There is a nine digit number.",
	"browser_steering":           "Open your browser and type this in.",
	"keyboard_steering":          "Hold the Windows key and press R.",
	"link_steering":              "Click the link we sent you.",
	"fake_diagnosis":             "Open the event viewer and look at the errors.",
	"expired_protection_claim":   "Your Windows license has expired.",
	"keep_computer_on":           "Do not turn off your computer.",
	"do_not_hang_up":             "Do not hang up the phone.",
	"secrecy_demand":             "Don't tell the bank about this call.",
	"coached_lie":                "If they ask, tell them it is for a holiday.",
	"legal_threat":               "We will be forced to take legal action against you.",
	"arrest_threat":              "The police will come to your house and arrest you.",
	"warrant_threat":             "There is a warrant for your arrest.",
	"identity_misuse_threat":     "Your social security number has been used for illegal activities.",
	"parcel_seized_claim":        "A package with drugs has been seized under your name.",
	"utility_disconnect_threat":  "Your power will be disconnected in 30 minutes.",
	"account_breach_claim":       "Your iCloud account has been breached.",
	"warranty_expiry_claim":      "Your car's extended warranty is about to expire.",
	"windfall_offer":             "You now qualify for a 0 percent interest rate.",
	"deadline_pressure":          "This is your final notice.",
	"payment_demand":             "You need to pay now by card.",
	"donation_request":           "Would you like to make a donation by card today?",
	"claims_utility":             "This is the disconnection department of your electric company.",
	"claims_charity":             "I am calling on behalf of the veterans charity.",
	"claims_lawyer":              "This is Richard Hall, attorney at law, about a case against you.",
	"code_warning_dismissed":     "That message is for other people, I am from the bank so it is fine for me to have it.",
	"spoofed_number_claim":       "Look at the number I am calling from, it is the number on the back of your card.",
	"claims_debt_collector":      "I am calling from a debt collection agency.",
	"romance_pretext":            "My darling, I want to come and see you.",
	"claims_courier":             "Hello, this is Royal Mail about your parcel.",
	"screen_blanked":             "Don't worry, the screen is black while we run the scan.",
	"investment_deposit":         "The minimum deposit is only 250.",
	"own_device_password":        "Type your wifi password on the printer screen.",
	"ordinary_code":              "Can you confirm your postcode?",
	"rental_advance":             "The landlord is abroad so I will post you the keys.",
	"job_offer_fee":              "You have been shortlisted for the data entry job, you just need to buy the training software.",
	"claim_by_contact":           "To claim your prize call 09061 790125 now.",
	"refund_mentioned":           "We just need to process the refund to your account.",
	"gift_card_as_reward":        "You will get a 25 dollar Amazon gift card as a thank you.",
	"cash_to_school":             "If it's easier, send the money in an envelope with her name on.",
	"popup_instruction":          "You will get a pop up with my name on it, click allow.",
	"pay_into_account":           "I can give you our collection account, the sort code is 40 11 62.",
	"off_platform_payment":       "Just send it as friends and family, it's cheaper.",
	"cannot_view":                "I'm away with work so I'll courier you the keys.",
	"pension_unlock":             "You can take cash from it now even if you're under 55.",
	"pension_transfer_request":   "I just need the scheme reference numbers to request the transfer values.",
	"verified_by_callback":       "I called the number on my letter and they put me through to her, it was real.",
	"approve_for_caller":         "Approve the payment in your app and your funds will be secure.",
	"payee_change":               "We've moved our trust account, the new BSB is in the email.",
	"unlisted_app":               "It's our own trading app, it's not available on the Play Store.",
	"job_fee":                    "You have been shortlisted for the data entry role, you just need to purchase the starter kit first.",
	"job_offer_unasked":          "Good news, you have been shortlisted, no interview needed.",
	"unverifiable_charity":       "We're registered abroad, so you won't find us on the UK list.",
	"code_sent_by_mistake":       "I sent my code to your phone by mistake, can you send it to me?",
	"account_threat":             "Your account will be frozen.",
	"urgency_pressure":           "Please do it right away.",
	"assets_at_risk":             "Your savings are at risk.",
	"device_doom_threat":         "Your computer will stop working.",
	"bank_staff_corrupt":         "The bank staff are involved in the fraud.",
	"support_plan_sale":          "We offer lifetime support for 299.",
	"fix_fee":                    "The fee to fix it is 199.",
	"investment_promise":         "It has guaranteed returns.",
	"gift_card_payment":          "Go and buy Google Play cards.",
	"gift_card_mentioned":        "It was about iTunes.",
	"crypto_payment":             "Put the cash into the bitcoin ATM.",
	"crypto_mentioned":           "He talked about bitcoin.",
	"wire_transfer_request":      "You need to send it by Western Union.",
	"money_transfer_mentioned":   "They use Zelle.",
	"cash_withdrawal_request":    "Go to your bank and withdraw cash.",
	"courier_collection":         "A courier will collect the cash from your home.",
	"card_handover":              "Cut up the card but keep the chip.",
	"cash_in_post":               "Put the cash in an envelope.",
	"buy_gold":                   "You should buy gold bars.",
	"store_steering":             "Drive to Walmart now.",
	"balance_probe":              "How much money do you have in your account?",
	"upfront_fee":                "You need to pay a processing fee to release your prize.",
	"card_details_request":       "Can I have your card number?",
	"identity_number_request":    "Please confirm your social security number.",
	"money_request":              "Could you lend me 500 until Friday?",
	"delivery_fee_request":       "Your parcel is held until you pay the customs fee by card.",
	"secret_request":             "Tell me your password.",
	"otp_request":                "Read me the code we just sent to your phone.",
	"bank_login_request":         "Please log into your online banking.",
	"refund_offer":               "You are eligible for a refund.",
	"over_refund":                "I sent you too much money.",
	"refund_form":                "Type the amount in the refund form.",
	"safe_account":               "Move it to a safe account.",
	"move_money_request":         "Transfer your savings to a new account to protect it.",
	"lock_threat":                "We will lock your computer.",
	"unattended_access":          "Leave your computer on overnight.",
	"recovery_offer":             "We can recover your money.",
	"family_emergency":           "I am in jail and need bail money.",
	"tax_debt_threat":            "You owe back taxes to HMRC.",
	"genuine_never_asks":         "We will never ask for your PIN.",
	"genuine_call_back_advice":   "Call the number on the back of your card.",
	"gift_card_as_present":       "I'd like a gift card for my granddaughter.",
	"genuine_official_site":      "Please go to irs.gov to check.",
	"genuine_inbound_service":    "Thank you for calling, how can I help you?",
	"genuine_no_pressure":        "Take your time, there is no rush.",
	"wrong_number":               "Sorry, I think you have the wrong number.",
	"lifetime_plan":              "The lifetime support plan is 399 and you never have any problem again.",
	"call_divert_code":           "Now dial star star 21 and then this number to fix the fault on your line.",
	"cash_courier":               "Take the cash out and give it to the courier when he knocks.",
	"insider_investigation":      "We need your help to catch a member of staff at your branch.",
	"payee_name_override":        "When the app says the name does not match, just press continue anyway.",
	"line_held_open":             "Yes, hang up and call the bank, no need to hang up actually, I'll stay on the line.",
	"notes_as_evidence":          "The officer needs to check the notes for fingerprints before they go back.",
	"collection_password":        "When he arrives he will say the password tulip, then you give him the bag.",
	"wire_service_payment":       "You have to send it through Western Union to our agent today.",
	"personal_account_payment":   "Please send the deposit to my personal account for now.",
	"payee_excuse":               "Our company account is under audit this week, so use the other details.",
	"redirect_payments":          "You stop paying the loan company and from now on you pay us instead.",
	"contact_redirect":           "We will change the contact details so all the post comes to our office.",
	"portal_access_request":      "Give me your login and I will log in to the tax portal on your behalf.",
	"investment_deposit_request": "Start with just 250 dollars and watch it grow.",
	"medical_ransom":             "The clinic will not discharge me until the bill is paid, please help.",
	"number_port_claim":          "Someone is trying to port your number to another network tonight.",
	"pension_liberation":         "We can unlock your pension before age 55 with a legal loophole.",
	"genuine_yes_no_check":       "Did you spend 40 pounds at Boots? If yes press 1, if no press 2.",
	"genuine_repeat_message":     "Your prescription is ready to collect. To hear this message again, press 9.",
	"microsoft_cold_call":        "Hello, this is the Windows technical department calling about your computer.",
	"scammer_threat":             "If you hang up I will destroy your computer.",
	"easy_loan_offer":            "We can give you a loan of 3000 even with bad credit.",
	"server_report_claim":        "Your laptop keeps sending warnings to our servers.",
}

func TestEveryCodeFires(t *testing.T) {
	e, _ := engines(t)
	for _, c := range analyze.Codes() {
		t.Run(c.Code, func(t *testing.T) {
			text, ok := codeExamples[c.Code]
			if !ok {
				t.Fatalf("no example for code %s: add one", c.Code)
			}
			a, err := e.Analyze(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range a.Indicators {
				if in.Code == c.Code {
					if in.Stage != c.Stage {
						t.Errorf("stage %s, catalogue says %s", in.Stage, c.Stage)
					}
					return
				}
			}
			t.Errorf("%q raised %v, not %s", text, keys(a), c.Code)
		})
	}
}
