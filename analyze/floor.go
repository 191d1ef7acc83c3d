package analyze

import (
	"math"
	"slices"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/catalogue"
)

// The floor is the scam playbook's logic, applied after the learned model
// and out of its reach: a caller who asks for money by odd channels, card
// or bank details, codes, identifiers or remote access (a request) while
// claiming an authority (a pretext), raising a problem, threat or windfall
// (a hook), pressing for speed or secrecy (pressure), or after a pop-up,
// an unexpected invoice or a robocall's "press 1" (a lure), is running a
// scam, whatever one training source says. Learned weights can raise a
// verdict above its floor, never lower it below:
//
//	request + one of pretext, hook, pressure, lure   → at least suspicious
//	request + two or more of them                     → scam
//	a sure sign on its own (gift cards as payment, a
//	safe account, a lie to tell the bank…)            → at least suspicious
//	lure + hook (an automated "press 1" about an order
//	you did not place, a suspended number…)           → at least suspicious,
//	                                                    unless the caller also
//	                                                    says what genuine
//	                                                    organisations say
//	pretext + hook, both of weight 0.5 or more ("this
//	is the Windows technical department, your
//	computer is infected"), or any pretext with a
//	threat of 0.75 or more (an arrest, a lawsuit)     → the same
//	a threat of 0.75 or more + pressure of 0.5 or
//	more ("a warrant… don't tell anyone")              → the same
//	a pop-up lure + a claim of authority ("you called
//	the Windows helpline about the alert")             → the same
//	two different remote-access requests (install
//	AnyDesk, read me the code) with no sign of a
//	service the person asked for                       → the same
//	a remote-access request and a request for bank
//	access ("get on your PC… log in to your bank")
//	with no sign of a service the person asked for    → the same
//	two different problems or threats of 0.6 or more
//	("hackers are in your computer… these red errors
//	in Event Viewer"), with no sign of genuine
//	behaviour or of a service the person asked for
//	(there, the person describing their own problem
//	raises them)                                       → the same
//
// Only the caller's side counts (or text whose speaker is unknown, such as
// a person's notes): the person called repeating a request does not make
// the call a scam. Genuine behaviour ("we will never ask for your PIN",
// "call the number on your card") lowers the learned score but cannot
// cancel a request: a caller who says both is still asking.
//
// A call that reached a wrong number ("you've got the wrong number", "I must
// have dialled wrong"), said by either side, has no floor: nobody on it is
// the organisation the caller wanted, so nobody is impersonating it (the
// person who rang a pop-up's number and reached a repair shop). A sure sign
// still counts, and a request or a problem raised after the wrong number
// starts a new story and brings the floor back ("sorry, wrong number" is how
// investment scams open).
// The same holds for a call the person verified by ringing the organisation
// back on a number they already had ("I called the number on my letter
// and they put me through to her").

// The learned model has the opposite limit: it may not flag a call on
// nothing a person could be shown. Without one indicator of weight
// quotableWeight or more, or two elements of the playbook, the verdict
// stays not_scam whatever the weights say: a number to call back, "press
// 1" or "you qualify for a discount" on its own is what genuine callers say
// too.

// quotableWeight is the least catalogue weight of an indicator that can
// carry a verdict on its own.
const quotableWeight = 0.7

// floorMinWeight is the least catalogue weight an indicator needs to count
// towards the floor: weak signs ("now", a number to call back, "suspicious
// activity" that banks mention too) only feed the model.
const floorMinWeight = 0.4

// pretextHookWeight is the least weight of both a pretext and a hook for
// their pair alone to set the floor: a claim to be Microsoft, the tax
// office or the power company together with a virus, an arrest or a
// disconnection, but not a bank mentioning "unusual activity".
const pretextHookWeight = 0.5

// threatWeight is the least weight of a hook that is a threat in itself
// (an arrest, a warrant, a lawsuit, a disconnection, a suspended number, a
// locked computer): with any pretext the floor counts, or with pressure of
// pressureWeight or more (a deadline, secrecy, "don't hang up"), it is at
// least suspicious. The playbook's S4: fear and urgency together.
const threatWeight = 0.75

// pressureWeight is the least weight of pressure that, with a threat,
// sets the floor: "immediately" alone (0.3) does not.
const pressureWeight = 0.5

// lurePretextWeight is the least weight of a lure that, with a claim of
// authority of pretextHookWeight or more, sets the floor: a pop-up that
// sent the person to a number answered by "Microsoft" is the callback scam
// (Microsoft's error messages never hold a phone number), but a robocall's
// "press 1" (0.5) from a named company is what genuine reminders say too.
const lurePretextWeight = 0.6

// pretextHook reports a claim of authority with a problem or threat strong
// enough to set the floor on their own: both of pretextHookWeight or more,
// or a threat (threatWeight) with any pretext the floor counts.
func (s *callState) pretextHook() bool {
	p, h := s.elem[catalogue.Pretext].weight, s.elem[catalogue.Hook].weight
	if !(p >= pretextHookWeight && h >= pretextHookWeight) && !(p > 0 && h >= threatWeight) {
		return false
	}
	return !s.sameWords(s.elem[catalogue.Pretext].ind, s.elem[catalogue.Hook].ind)
}

// sameWords reports whether two kept indicators quote overlapping words:
// "a call from your phone company" is a claim, not also a report from it.
func (s *callState) sameWords(i, j int) bool {
	if i < 0 || j < 0 || i >= len(s.indicators) || j >= len(s.indicators) {
		return false
	}
	a, b := s.indicators[i], s.indicators[j]
	return a.Turn == b.Turn && a.Start < b.End && b.Start < a.End
}

// handOverWeight is the least weight of a remote-access request that
// counts towards the hand-over: two different ones (install a tool and read
// out its code, open the tool and allow control) from the caller, with no
// sign at all of a service the person asked for ("your ticket", "thank you
// for calling"), are the playbook's S2 complete, the step right before the
// loss, and at least suspicious on their own. A window of a call cut from
// the middle often holds nothing else.
const handOverWeight = 0.6

// twoHookWeight is the least weight of each of two different problems or
// threats that together set the floor: a caller who both says your
// computer is infected and shows you "proof" in Event Viewer, or says your
// identity was used for crimes and that a case is being filed, is running
// the playbook's S1/S3 or S4 whatever else the window holds. Nobody genuine
// diagnoses a computer from outside or stacks threats. The two must quote
// different words.
const twoHookWeight = 0.6

// twoHooks returns the indicators of two different hooks of twoHookWeight
// or more that quote different words and tell one story (they vote for a
// common scam type: a computer's infection and its "proof", an identity
// misused and the case filed), if there are any.
func (s *callState) twoHooks() (int, int, bool) {
	for i := 0; i < len(s.hooks); i++ {
		for j := i + 1; j < len(s.hooks); j++ {
			if !s.sameWords(s.hooks[i].ind, s.hooks[j].ind) && shareType(s.hookTypes[i], s.hookTypes[j]) {
				return s.hooks[i].ind, s.hooks[j].ind, true
			}
		}
	}
	return -1, -1, false
}

func shareType(a, b []hangup.ScamType) bool {
	for _, t := range a {
		if slices.Contains(b, t) {
			return true
		}
	}
	return false
}

// genuineMinWeight is the least weight of genuine evidence that cancels a
// lure-and-hook floor (the organisation's own "we will never ask…", "call
// the number on your card", "no payment is needed").
const genuineMinWeight = 0.5

// Bounds are the least and the most worrying verdicts the evidence allows:
// the learned model's verdict is kept between them (Model.Decide).
type Bounds struct {
	Floor   hangup.Verdict
	Ceiling hangup.Verdict
}

// elemEvidence is the strongest indicator of one element so far.
type elemEvidence struct {
	weight float64
	ind    int // index in callState.indicators; -1 when not kept
}

// noteElement records a caller-side indicator of rule r for the floor.
// ind is its index in s.indicators, or -1 if it was not kept.
func (s *callState) noteElement(r *rule, mult float64, ind int) {
	if r.NoImpersonation {
		s.noImpersonation = true
	}
	if r.Stage == hangup.StageGenuine {
		s.genuineAny = true
		if r.Weight*mult >= genuineMinWeight {
			s.genuine = true
		}
		return
	}
	s.strongest = max(s.strongest, r.Weight*mult)
	if s.noImpersonation && mult == 1 && r.Weight >= floorMinWeight && (r.Element == catalogue.Request || r.Element == catalogue.Hook) {
		// a request or a problem after "wrong number" is a new story: the
		// "sorry, wrong number" text that opens an investment scam
		s.noImpersonation = false
	}
	if r.Element != catalogue.NoElement && mult == 1 && r.Weight >= weakElementWeight {
		s.weakElems |= 1 << r.Element
	}
	if mult < 1 || r.Weight < floorMinWeight {
		return
	}
	if r.Alone && s.alone.weight < r.Weight {
		s.alone = elemEvidence{weight: r.Weight, ind: ind}
	}
	if r.Element == catalogue.NoElement {
		return
	}
	if r.Element == catalogue.Request && r.Stage == hangup.StageRemote && r.Weight >= handOverWeight &&
		!slices.Contains(s.remoteCode, r.Code) {
		s.remoteCode = append(s.remoteCode, r.Code)
		s.remote = append(s.remote, elemEvidence{weight: r.Weight, ind: ind})
	}
	if r.Element == catalogue.Hook && r.Weight >= twoHookWeight && !slices.Contains(s.hookCode, r.Code) {
		s.hookCode = append(s.hookCode, r.Code)
		s.hooks = append(s.hooks, elemEvidence{weight: r.Weight, ind: ind})
		s.hookTypes = append(s.hookTypes, r.Types)
	}
	if r.Element == catalogue.Request && r.Stage == hangup.StageBankAccess && r.Weight >= handOverWeight && r.Weight > s.bankReq.weight {
		s.bankReq = elemEvidence{weight: r.Weight, ind: ind}
	}
	if e := &s.elem[r.Element]; r.Weight > e.weight {
		*e = elemEvidence{weight: r.Weight, ind: ind}
	}
}

// weakElementWeight is the least weight of a caller-side indicator that
// counts as an element for the ceiling (two elements lift it).
const weakElementWeight = 0.3

// bounds returns the least and the most worrying verdicts the evidence so
// far allows, and the indicators that set the floor.
func (s *callState) bounds() (Bounds, []int) {
	b := Bounds{Ceiling: hangup.VerdictScam}
	if s.strongest < quotableWeight && bits(s.weakElems) < 2 {
		b.Ceiling = hangup.VerdictNotScam
	}
	var idx []int
	b.Floor, idx = s.floor()
	if b.Floor != hangup.VerdictNotScam {
		b.Ceiling = hangup.VerdictScam
	}
	return b, idx
}

func bits(x uint8) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// floor returns the least verdict the playbook's combinations call for,
// and the indicators that set it (strongest first), for the explanation.
func (s *callState) floor() (hangup.Verdict, []int) {
	has := func(e catalogue.Element) bool { return s.elem[e].weight > 0 }
	var with []int
	for _, e := range []catalogue.Element{catalogue.Hook, catalogue.Pretext, catalogue.Pressure, catalogue.Lure} {
		if has(e) {
			with = append(with, s.elem[e].ind)
		}
	}
	switch {
	case s.noImpersonation && s.alone.weight > 0:
		return hangup.VerdictSuspicious, []int{s.alone.ind}
	case s.noImpersonation:
		return hangup.VerdictNotScam, nil
	case has(catalogue.Request) && len(with) >= 2:
		return hangup.VerdictScam, append([]int{s.elem[catalogue.Request].ind}, with...)
	case has(catalogue.Request) && len(with) == 1:
		return hangup.VerdictSuspicious, append([]int{s.elem[catalogue.Request].ind}, with...)
	case s.alone.weight > 0:
		return hangup.VerdictSuspicious, []int{s.alone.ind}
	case has(catalogue.Lure) && has(catalogue.Hook) && !s.genuine:
		return hangup.VerdictSuspicious, []int{s.elem[catalogue.Lure].ind, s.elem[catalogue.Hook].ind}
	case s.pretextHook() && !s.genuine:
		return hangup.VerdictSuspicious, []int{s.elem[catalogue.Pretext].ind, s.elem[catalogue.Hook].ind}
	case s.elem[catalogue.Lure].weight >= lurePretextWeight && s.elem[catalogue.Pretext].weight >= pretextHookWeight && !s.genuine:
		return hangup.VerdictSuspicious, []int{s.elem[catalogue.Lure].ind, s.elem[catalogue.Pretext].ind}
	case s.elem[catalogue.Hook].weight >= threatWeight && s.elem[catalogue.Pressure].weight >= pressureWeight && !s.genuine:
		return hangup.VerdictSuspicious, []int{s.elem[catalogue.Hook].ind, s.elem[catalogue.Pressure].ind}
	case len(s.remote) >= 2 && !s.genuineAny:
		return hangup.VerdictSuspicious, []int{s.remote[0].ind, s.remote[1].ind}
	case len(s.remote) >= 1 && s.bankReq.weight > 0 && !s.genuineAny:
		return hangup.VerdictSuspicious, []int{s.remote[0].ind, s.bankReq.ind}
	}
	if a, b, ok := s.twoHooks(); ok && !s.genuineAny {
		return hangup.VerdictSuspicious, []int{a, b}
	}
	return hangup.VerdictNotScam, nil
}

// Decide turns the model's probability p and the bounds of the evidence
// into the score and verdict of an analysis: the model's verdict, raised to
// the floor and held under the ceiling. The score moves with it (to the
// floor's threshold, or just under the suspicious threshold), so that
// score and verdict agree.
func (m *Model) Decide(p float64, b Bounds) (float64, hangup.Verdict) {
	switch b.Floor {
	case hangup.VerdictScam:
		p = max(p, m.ScamThreshold)
	case hangup.VerdictSuspicious:
		p = max(p, m.SuspiciousThreshold)
	}
	if b.Ceiling == hangup.VerdictNotScam && p >= m.SuspiciousThreshold {
		p = math.Nextafter(m.SuspiciousThreshold, 0)
	}
	return p, m.Verdict(p)
}
