// Package guidance tells a person what to do after a scam, in the order it
// matters: stop the bleeding first (cut the scammer's access, call the bank),
// then secure accounts, then report to the right official service for their
// country, then watch for the follow-up "recovery" calls.
package guidance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
)

// Step codes. They are stable: integrations and tests switch on them.
const (
	StepCutInternet     = "cut_internet"
	StepRemoveSoftware  = "remove_software"
	StepCheckComputer   = "check_computer"
	StepCallBank        = "call_bank"
	StepRecallTransfer  = "recall_transfer"
	StepGiftCards       = "gift_card_issuer"
	StepCrypto          = "crypto_exchange"
	StepChangePasswords = "change_passwords"
	StepTwoFactor       = "two_factor"
	StepNothingGiven    = "nothing_given"
	StepTellOrg         = "tell_organisation"
	StepReport          = "report_officially"
	StepScamTexts       = "forward_scam_texts"
	StepRecoveryScams   = "expect_recovery_calls"
	StepKeepRecords     = "keep_records"
)

// Services by country. Only official services with public, stable
// addresses are listed; elsewhere the advice names the kind of service.
var services = map[string][]hangup.ReportingService{
	"GB": {{Name: "Report Fraud (the UK's police fraud reporting service)", Phone: "0300 123 2040",
		What: "Report the scam and keep the crime reference number it gives you. It replaced Action Fraud in December 2025."}},
	"US": {
		{Name: "Federal Trade Commission (FTC)", URL: "https://reportfraud.ftc.gov/", What: "Report the scam call and any money lost."},
		{Name: "FBI Internet Crime Complaint Center (IC3)", URL: "https://www.ic3.gov/", What: "Report tech-support and online fraud, especially if you lost money."},
	},
	"CA": {{Name: "Canadian Anti-Fraud Centre", URL: "https://antifraudcentre-centreantifraude.ca/", What: "Report the scam and any money lost."}},
	"AU": {{Name: "Scamwatch", URL: "https://www.scamwatch.gov.au/", What: "Report the scam call."}},
}

var elsewhere = []hangup.ReportingService{{Name: "Your national police or consumer fraud reporting service",
	What: "Report the scam, and keep the reference number they give you."}}

// ServicesFor returns the official reporting services for a country.
func ServicesFor(country string) []hangup.ReportingService {
	if s, ok := services[strings.ToUpper(country)]; ok {
		return s
	}
	return elsewhere
}

// BankRoute is how to reach your bank's fraud team safely in a country.
func BankRoute(country string) string {
	if strings.ToUpper(country) == "GB" {
		return "Call the number on the back of your bank card, or dial 159 to reach your bank's fraud team. Use another phone, or wait five minutes first."
	}
	return "Call the number on the back of your bank card or on your bank's own website. Use another phone, or wait five minutes first."
}

// For returns the guidance for a report: ordered steps for what happened,
// the bank route when money or bank details are involved, and where to
// report. Reports where nothing was given get reassurance and the reporting
// step, not alarm. org is the organisation the caller pretended to be, from
// the registry (nil if none or unknown): its real fraud line or contact page
// is named, and for a bank it is the route to call.
func For(r *hangup.Report, org *hangup.Organisation) hangup.Guidance {
	g := hangup.Guidance{ReportTo: ServicesFor(r.Country)}
	add := func(code, title, text string, urgent bool) {
		g.Steps = append(g.Steps, hangup.GuidanceStep{Code: code, Title: title, Text: text, Urgent: urgent})
	}
	remote := r.HasHappened(hangup.HappenedRemoteAccess) || r.HasHappened(hangup.HappenedInstalledSoftware)
	money := r.HasHappened(hangup.HappenedPaid) || r.Amount > 0
	bank := r.HasHappened(hangup.HappenedBankDetails) || r.HasHappened(hangup.HappenedCardDetails)
	method := strings.ToLower(r.PaymentMethod)
	software := strings.TrimSpace(r.Software)
	if software == "" {
		software = "the program they had you install"
	}

	if remote {
		add(StepCutInternet, "Disconnect the computer from the internet now",
			"Unplug the network cable or switch off Wi-Fi, so the scammer can't get back in. Leave it off until the computer has been checked.", true)
	}
	if org != nil && org.Generic {
		org = nil // "your bank": the bank route below says it
	}
	route := orgRoute(org)
	if money || bank {
		g.BankRoute = BankRoute(r.Country)
		if org != nil && (org.Kind == hangup.KindBank || org.Kind == hangup.KindPayments) && route != "" {
			g.BankRoute = fmt.Sprintf("If you bank with %s, %s Otherwise, call the number on the back of your bank card. Use another phone, or wait five minutes first.", org.Name, route)
		}
		add(StepCallBank, "Call your bank straight away",
			"Tell them you have been scammed: they can stop payments, block your card and watch your account. "+g.BankRoute, true)
	}
	if money && (strings.Contains(method, "transfer") || strings.Contains(method, "wire") || strings.Contains(method, "bank")) {
		add(StepRecallTransfer, "Ask the bank to recall the transfer",
			"Give the date, the amount and the account you paid. The sooner you ask, the better the chance of getting the money back.", true)
	}
	if money && (strings.Contains(method, "gift") || strings.Contains(method, "voucher") || strings.Contains(method, "itunes") ||
		strings.Contains(method, "google play") || strings.Contains(method, "steam") || strings.Contains(method, "amazon")) {
		add(StepGiftCards, "Contact the gift card company now",
			"Call the company that issued the cards (its number is on the card or its website) with the card numbers and your receipt. If the cards haven't been spent, they may freeze them.", true)
	}
	if money && (strings.Contains(method, "crypto") || strings.Contains(method, "bitcoin")) {
		add(StepCrypto, "Tell the exchange or cryptocurrency ATM company",
			"Report the payment with the transaction details. It is hard to get crypto back, but they can flag the scammer's wallet.", false)
	}
	if remote {
		add(StepRemoveSoftware, "Remove "+software,
			"Uninstall it, and any other program you don't recognise, including tools that let someone in when you're not there (\"unattended access\").", true)
		add(StepCheckComputer, "Have the computer checked",
			"Run a full scan with reputable security software, or take it to a technician you trust. Scammers sometimes leave other programs behind.", false)
	}
	if r.HasHappened(hangup.HappenedPasswords) || remote || bank {
		add(StepChangePasswords, "Change your passwords from another device",
			"Start with your email and your online banking, then anything that uses the same password. Use a phone or computer the scammer never touched.", remote || r.HasHappened(hangup.HappenedPasswords))
		add(StepTwoFactor, "Turn on two-step verification",
			"It means a password alone is not enough to get into your accounts.", false)
	}
	if !remote && !money && !bank && !r.HasHappened(hangup.HappenedPasswords) {
		add(StepNothingGiven, "You did the right thing",
			"You didn't give them access, details or money, so you have nothing to fix. Reporting it helps protect the next person.", false)
	}
	if org != nil && route != "" {
		add(StepTellOrg, "Tell "+org.Name+" that scammers are using its name",
			fmt.Sprintf("%s Use only this route, never a number the caller gave you.", route), false)
	}
	add(StepReport, "Report it officially",
		reportText(g.ReportTo), false)
	if r.Started == hangup.StartedText && strings.ToUpper(r.Country) == "GB" {
		add(StepScamTexts, "Forward scam texts to 7726",
			"It's free, and it helps phone companies block the sender.", false)
	}
	add(StepKeepRecords, "Keep a record",
		"Keep your Hangup reference, the numbers, any receipts and what was said. The printable summary holds everything the police and your bank will ask for.", false)
	add(StepRecoveryScams, "Expect follow-up calls, and hang up on them",
		"Scammers often call back pretending to offer a refund or to recover your money for a fee. They are the same people: hang up.", false)
	// Whatever must happen now comes first; otherwise the order above holds.
	slices.SortStableFunc(g.Steps, func(a, b hangup.GuidanceStep) int {
		switch {
		case a.Urgent == b.Urgent:
			return 0
		case a.Urgent:
			return -1
		}
		return 1
	})
	return g
}

// orgRoute says how to reach org for real, from the registry: a line whose
// label names fraud or scams first, then the line marked for calling back,
// then any line to call, then its own contact page.
func orgRoute(org *hangup.Organisation) string {
	if org == nil {
		return ""
	}
	call := func(n hangup.OrgNumber) string {
		return fmt.Sprintf("call %s on %s (%s).", org.Name, n.Number, n.Label)
	}
	var fallback, marked *hangup.OrgNumber
	for i, n := range org.Numbers {
		if n.Role == hangup.RoleCallsOut {
			continue
		}
		label := strings.ToLower(n.Label)
		if strings.Contains(label, "fraud") || strings.Contains(label, "scam") {
			return call(n)
		}
		if n.CallBack && marked == nil {
			marked = &org.Numbers[i]
		}
		if fallback == nil {
			fallback = &org.Numbers[i]
		}
	}
	if marked != nil {
		return call(*marked)
	}
	for _, c := range org.Contacts {
		if c.URL != "" && (c.CallBack || fallback == nil) {
			return fmt.Sprintf("contact %s through its own website: %s", org.Name, c.URL)
		}
	}
	if fallback != nil {
		return call(*fallback)
	}
	return ""
}

func reportText(svcs []hangup.ReportingService) string {
	var parts []string
	for _, s := range svcs {
		p := s.Name
		switch {
		case s.URL != "" && s.Phone != "":
			p += " (" + s.URL + ", " + s.Phone + ")"
		case s.URL != "":
			p += " (" + s.URL + ")"
		case s.Phone != "":
			p += " (" + s.Phone + ")"
		}
		parts = append(parts, p)
	}
	return "Tell " + strings.Join(parts, " and ") + ". Keep the reference number they give you."
}
