package check

import (
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

func (c *call) result() *hangup.CheckResult {
	c.sortReasons()
	v := c.verdict()
	res := &hangup.CheckResult{
		Verdict:      v,
		Started:      c.started,
		NumberStatus: c.status,
		Reasons:      c.reasons,
		Number:       c.number,
		NextSteps:    []string{},
		Reputation:   c.rep,
		Site:         c.site,
		Analysis:     c.analysis,
	}
	if res.Reasons == nil {
		res.Reasons = []hangup.Reason{}
	}
	if c.match.Kind != hangup.MatchUnknown {
		m := c.match
		m.Organisation = nil // the organisation is reported once, below
		res.Claim = &m
	}
	if c.org != nil {
		res.Organisation = checkedOrg(c.org)
	}
	res.CallBack = c.callBack()
	res.Summary = c.summary(v)
	res.NextSteps = c.nextSteps(v, res.CallBack)
	return res
}

func checkedOrg(o *hangup.Organisation) *hangup.CheckedOrganisation {
	co := &hangup.CheckedOrganisation{
		ID: o.ID, Name: o.Name, Generic: o.Generic,
		OfficialNumbers: o.CallBackNumbers(),
		Policies:        o.Policies,
		Contacts:        o.Contacts,
	}
	if co.OfficialNumbers == nil {
		co.OfficialNumbers = []hangup.OrgNumber{}
	}
	if co.Policies == nil {
		co.Policies = []hangup.Policy{}
	}
	for _, d := range o.Domains {
		co.Domains = append(co.Domains, d.Domain)
	}
	return co
}

// callBack picks the number to call back: the claimed organisation's own
// line from the registry. It is never the number shown or one the caller
// gave, unless the registry itself lists that number as a line to call.
func (c *call) callBack() *hangup.CallBack {
	org := c.org
	if org == nil && c.status == hangup.NumberOfficial && c.owner != nil && c.started.GaveNumber() {
		org = c.owner // a confirmed number: its organisation is the one to call
	}
	if org == nil {
		return nil
	}
	number := func(n hangup.OrgNumber) *hangup.CallBack {
		return &hangup.CallBack{Number: n.Number, E164: n.E164, Label: n.Label, Organisation: org.Name, Source: n.Source}
	}
	page := func(ct hangup.ContactRoute) *hangup.CallBack {
		return &hangup.CallBack{URL: ct.URL, Label: ct.Text, Organisation: org.Name, Source: ct.Source}
	}
	// The route the registry marks for checking a call comes first.
	for _, n := range org.Numbers {
		if n.CallBack && n.Role != hangup.RoleCallsOut {
			return number(n)
		}
	}
	for _, ct := range org.Contacts {
		if ct.CallBack && ct.URL != "" {
			return page(ct)
		}
	}
	for _, n := range org.CallBackNumbers() {
		if n.Role == hangup.RoleCallsOut {
			continue // a number it calls from is not necessarily one that answers
		}
		return number(n)
	}
	for _, ct := range org.Contacts {
		if ct.URL != "" {
			return page(ct)
		}
	}
	return nil
}

func (c *call) summary(v hangup.CheckVerdict) string {
	named := c.org != nil && !c.org.Generic
	switch v {
	case hangup.CheckStop:
		if c.started.GaveNumber() && c.status != hangup.NumberOfficial && c.number != nil {
			if named {
				return fmt.Sprintf("Stop: don't call this number. It is not %s's, and this is how scammers get people to call them.", c.org.Name)
			}
			return "Stop: don't call this number. This is how scammers get people to call them."
		}
		if named {
			return fmt.Sprintf("Stop: this is not how %s behaves. It is almost certainly a scam, so hang up.", c.org.Name)
		}
		return "Stop: this call has the signs of a scam. Hang up."
	case hangup.CheckCaution:
		return "Be careful: some things about this are not right. Don't do anything they ask until you have checked."
	case hangup.CheckNotEnough:
		return "Not enough to go on yet. Tell us who they said they were, the number, and what they wanted. Until you know, don't do anything they ask."
	}
	if c.status == hangup.NumberOfficial && c.started.GaveNumber() && c.owner != nil {
		return fmt.Sprintf("No warning signs found yet: this is %s's own number.", c.owner.Name)
	}
	return "No warning signs found yet. Caller ID can be faked, so if in doubt, hang up and call back on a number you find yourself."
}

// nextSteps are what to do, in order. They always end with calling back on
// an official number found independently, and never offer a number the
// caller supplied.
func (c *call) nextSteps(v hangup.CheckVerdict, cb *hangup.CallBack) []string {
	var steps []string
	lure := c.started.GaveNumber()
	switch {
	case v == hangup.CheckStop && lure:
		steps = append(steps, fmt.Sprintf("Don't call the number in %s, and don't click its links. If you already called, hang up.", givenBy(c.started)))
	case v == hangup.CheckStop:
		steps = append(steps, "Hang up now. You don't have to be polite, and you don't need to explain.")
	case v == hangup.CheckCaution:
		steps = append(steps, "Don't agree to anything. It's fine to say you will call back, and hang up.")
	case v == hangup.CheckNotEnough:
		steps = append(steps, "If you are not sure who you are talking to, hang up. A genuine caller won't mind.")
	}
	if c.started == hangup.StartedPopup {
		steps = append(steps, "Close the pop-up. If it won't close, restart the computer: the warning is fake and nothing is wrong with it.")
	}
	if c.asked[hangup.AskInstall] || c.asked[hangup.AskRemoteAccess] {
		steps = append(steps, "Don't install anything or let anyone into your computer. If you already have, turn off the internet (unplug it or switch off Wi-Fi) and ask someone you trust to help.")
	}
	if c.asked[hangup.AskGiftCard] || c.asked[hangup.AskCrypto] || c.asked[hangup.AskPayment] {
		steps = append(steps, "Don't pay, buy gift cards or send cryptocurrency. If you already have, call your bank straight away on the number on your card.")
	}
	if c.asked[hangup.AskPasswords] || c.asked[hangup.AskBankDetails] || c.asked[hangup.AskCardDetails] {
		steps = append(steps, "Don't give passwords, codes, PINs or bank details. If you already have, call your bank on the number on your card and change your passwords from another device.")
	}
	if !lure {
		steps = append(steps, "Don't call back any number the caller gave you: it may be premium rate or go straight back to them.")
	}
	if v == hangup.CheckStop || v == hangup.CheckCaution {
		steps = append(steps, "If you lost money or let them into your computer, report it (see \"Report a scam\") and tell your bank.")
	}
	if v == hangup.CheckNotEnough || v == hangup.CheckCaution {
		steps = append(steps, "Talk it over with someone you trust before you do anything.")
	}
	steps = append(steps, c.callBackStep(cb))
	return steps
}

func (c *call) callBackStep(cb *hangup.CallBack) string {
	const safely = "Use another phone, or wait five minutes first, so you aren't still connected to the caller."
	switch {
	case cb != nil && c.org != nil && c.org.Generic && c.org.Kind == hangup.KindBank && cb.Number != "":
		return fmt.Sprintf("Call your bank yourself on the number on the back of your card, or dial %s to reach its fraud team. %s", cb.Number, safely)
	case cb != nil && cb.Number != "":
		return fmt.Sprintf("To check, call %s yourself on %s (%s). %s", cb.Organisation, cb.Number, sourceWords(cb.Source), safely)
	case cb != nil:
		return fmt.Sprintf("To check, contact %s yourself through its own website: %s %s", cb.Organisation, cb.URL, safely)
	case c.org != nil && len(c.org.Contacts) > 0:
		ct := c.org.Contacts[0]
		step := ct.Text
		if ct.URL != "" {
			step += " " + ct.URL
		}
		return fmt.Sprintf("To check, contact %s yourself: %s %s", c.org.Name, strings.TrimSpace(step), safely)
	case c.org != nil:
		return fmt.Sprintf("To check, find %s's number yourself on a bill, a letter or its own website, and call that. %s", c.org.Name, safely)
	}
	return "To check, find the organisation's number yourself on a bill, your bank card or its own website, and call that. " + safely
}

func sourceWords(s hangup.Source) string {
	if s.URL != "" {
		return "published at " + s.URL
	}
	return "from " + s.Document
}
