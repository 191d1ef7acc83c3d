package guidance_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/guidance"
)

func codes(g hangup.Guidance) []string {
	var out []string
	for _, s := range g.Steps {
		out = append(out, s.Code)
	}
	return out
}

func TestFor(t *testing.T) {
	tests := []struct {
		name       string
		r          hangup.Report
		first      string   // the most urgent step
		want       []string // steps that must be there, in this relative order
		absent     []string
		bankRoute  bool
		reportName string
	}{
		{"remote access given", hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedRemoteAccess}, Software: "AnyDesk"},
			guidance.StepCutInternet, []string{guidance.StepCutInternet, guidance.StepRemoveSoftware, guidance.StepChangePasswords, guidance.StepReport},
			[]string{guidance.StepCallBank, guidance.StepNothingGiven}, false, "Report Fraud"},
		{"bank details given", hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedBankDetails}},
			guidance.StepCallBank, []string{guidance.StepCallBank, guidance.StepChangePasswords, guidance.StepReport},
			[]string{guidance.StepCutInternet}, true, "Report Fraud"},
		{"paid by gift card", hangup.Report{Country: "US", Happened: []hangup.Happened{hangup.HappenedPaid}, Amount: 500, PaymentMethod: "Google Play gift cards"},
			guidance.StepCallBank, []string{guidance.StepCallBank, guidance.StepGiftCards, guidance.StepReport},
			[]string{guidance.StepRecallTransfer}, true, "FTC"},
		{"paid by transfer", hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedPaid}, PaymentMethod: "bank transfer"},
			guidance.StepCallBank, []string{guidance.StepCallBank, guidance.StepRecallTransfer, guidance.StepReport},
			[]string{guidance.StepGiftCards}, true, "Report Fraud"},
		{"paid by card", hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedPaid, hangup.HappenedCardDetails}, PaymentMethod: "card"},
			guidance.StepCallBank, []string{guidance.StepCallBank, guidance.StepReport}, nil, true, "Report Fraud"},
		{"passwords given", hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedPasswords}},
			guidance.StepChangePasswords, []string{guidance.StepChangePasswords, guidance.StepTwoFactor, guidance.StepReport},
			[]string{guidance.StepNothingGiven}, false, "Report Fraud"},
		{"nothing given", hangup.Report{Country: "GB"},
			guidance.StepNothingGiven, []string{guidance.StepNothingGiven, guidance.StepReport, guidance.StepRecoveryScams},
			[]string{guidance.StepCallBank, guidance.StepCutInternet, guidance.StepChangePasswords}, false, "Report Fraud"},
		{"elsewhere", hangup.Report{Country: "FR"}, guidance.StepNothingGiven, []string{guidance.StepReport}, nil, false, "national police"},
		{"scam text in the UK", hangup.Report{Country: "GB", Started: hangup.StartedText}, guidance.StepNothingGiven, []string{guidance.StepScamTexts}, nil, false, "Report Fraud"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := guidance.For(&tc.r, nil)
			got := codes(g)
			if got[0] != tc.first {
				t.Errorf("first step %s, want %s (%v)", got[0], tc.first, got)
			}
			pos := -1
			for _, w := range tc.want {
				i := slices.Index(got, w)
				if i < 0 {
					t.Errorf("steps %v lack %s", got, w)
					continue
				}
				if i < pos {
					t.Errorf("step %s comes before the step listed before it (%v)", w, got)
				}
				pos = i
			}
			for _, a := range tc.absent {
				if slices.Contains(got, a) {
					t.Errorf("steps %v should not have %s", got, a)
				}
			}
			if (g.BankRoute != "") != tc.bankRoute {
				t.Errorf("bank route %q, want present=%v", g.BankRoute, tc.bankRoute)
			}
			if tc.bankRoute && tc.r.Country == "GB" && !strings.Contains(g.BankRoute, "159") {
				t.Errorf("UK bank route %q lacks 159", g.BankRoute)
			}
			found := false
			for _, s := range g.ReportTo {
				found = found || strings.Contains(s.Name, tc.reportName)
			}
			if !found {
				t.Errorf("report to %+v lacks %s", g.ReportTo, tc.reportName)
			}
			// Urgent steps come first.
			seenCalm := false
			for _, s := range g.Steps {
				if !s.Urgent {
					seenCalm = true
				} else if seenCalm {
					t.Errorf("urgent step %s after a non-urgent one: %v", s.Code, got)
				}
			}
		})
	}
	us := guidance.For(&hangup.Report{Country: "US"}, nil)
	if len(us.ReportTo) != 2 || !strings.Contains(us.ReportTo[1].Name, "IC3") {
		t.Errorf("US services %+v, want FTC and IC3", us.ReportTo)
	}
}

// TestTheImpersonatedOrganisationsRealLineIsNamed: the guidance tells the
// person to warn the organisation whose name was used, through the route the
// registry holds (a fraud line first), and for a bank that route is the one
// to call.
func TestTheImpersonatedOrganisationsRealLineIsNamed(t *testing.T) {
	src := hangup.Source{URL: "https://acme.example/fraud", Checked: "2026-12-01"}
	bank := &hangup.Organisation{ID: "acme", Name: "Acme Bank", Kind: hangup.KindBank, Country: "GB", Numbers: []hangup.OrgNumber{
		{Number: "0345 000 0001", Role: hangup.RoleSupport, Label: "general enquiries", Source: src},
		{Number: "0800 000 0002", Role: hangup.RoleSupport, Label: "fraud team, 24 hours", Source: src},
	}}
	g := guidance.For(&hangup.Report{Country: "GB", Happened: []hangup.Happened{hangup.HappenedBankDetails}}, bank)
	if !strings.Contains(g.BankRoute, "0800 000 0002") {
		t.Errorf("bank route %q should name Acme Bank's fraud line", g.BankRoute)
	}
	step := ""
	for _, s := range g.Steps {
		if s.Code == guidance.StepTellOrg {
			step = s.Text
		}
	}
	if !strings.Contains(step, "0800 000 0002") || strings.Contains(step, "0345 000 0001") {
		t.Errorf("tell-the-organisation step %q should give the fraud line only", step)
	}
	// A generic entry ("your bank") names no organisation.
	g = guidance.For(&hangup.Report{Country: "GB"}, &hangup.Organisation{ID: "uk-banks", Name: "Your bank", Generic: true, Kind: hangup.KindBank})
	for _, s := range g.Steps {
		if s.Code == guidance.StepTellOrg {
			t.Errorf("a generic entry got a tell-the-organisation step: %+v", s)
		}
	}
}
