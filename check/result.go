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
		Verdict:    v,
		Reasons:    c.reasons,
		Number:     c.number,
		NextSteps:  []string{},
		Reputation: c.rep,
		Site:       c.site,
		Analysis:   c.analysis,
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
	if c.org == nil {
		return nil
	}
	for _, n := range c.org.CallBackNumbers() {
		if n.Role == hangup.RoleCallsOut {
			continue // a number it calls from is not necessarily one that answers
		}
		return &hangup.CallBack{Number: n.Number, E164: n.E164, Label: n.Label, Organisation: c.org.Name, Source: n.Source}
	}
	return nil
}

func (c *call) summary(v hangup.CheckVerdict) string {
	who := "the caller"
	if c.org != nil && !c.org.Generic {
		who = c.org.Name
	}
	switch v {
	case hangup.CheckStop:
		if c.org != nil && !c.org.Generic {
			return fmt.Sprintf("Stop: this is not how %s behaves. It is almost certainly a scam, so hang up.", who)
		}
		return "Stop: this call has the signs of a scam. Hang up."
	case hangup.CheckCaution:
		return "Be careful: some things about this call are not right. Don't do anything the caller asks until you have checked."
	}
	return "We found no warning signs, but caller ID can be faked. If in doubt, hang up and call back on a number you trust."
}

// nextSteps are what to do, in order. They always end with calling back on
// an official number found independently, and never offer a number the
// caller supplied.
func (c *call) nextSteps(v hangup.CheckVerdict, cb *hangup.CallBack) []string {
	var steps []string
	if v == hangup.CheckStop {
		steps = append(steps, "Hang up now. You don't have to be polite, and you don't need to explain.")
	} else if v == hangup.CheckCaution {
		steps = append(steps, "Don't agree to anything on this call. It's fine to say you will call back and hang up.")
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
	steps = append(steps, "Don't call back any number the caller gave you: it may be premium rate or go straight back to them.")
	if v != hangup.CheckNoRedFlags {
		steps = append(steps, "If you lost money or let them into your computer, report it (see \"Report a scam\") and tell your bank.")
	}
	steps = append(steps, c.callBackStep(cb))
	return steps
}

func (c *call) callBackStep(cb *hangup.CallBack) string {
	const safely = "Use another phone, or wait five minutes first, so you aren't still connected to the caller."
	switch {
	case cb != nil && c.org.Generic && c.org.Kind == hangup.KindBank:
		return fmt.Sprintf("Call your bank yourself on the number on the back of your card, or dial %s to reach its fraud team. %s", cb.Number, safely)
	case cb != nil:
		return fmt.Sprintf("To check, call %s yourself on %s (%s). %s", cb.Organisation, cb.Number, sourceWords(cb.Source), safely)
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
