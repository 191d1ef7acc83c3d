package analyze

import (
	"github.com/hangup-org/hangup"
)

// enrich looks an entity up in the optional services and adds what they know
// as facts on the entity and, when alarming, as indicators with a Source.
// These indicators never feed the model: its features are the same with or
// without the services. It returns how many indicators it added.
func (e *Engine) enrich(s *callState, ent *hangup.Entity, re rawEntity, turn int) int {
	add := func(code string, stage hangup.Stage, w float64, source, explanation string) int {
		s.nInd++
		if len(s.indicators) >= MaxIndicators {
			s.truncated = true
			return 0
		}
		s.indicators = append(s.indicators, hangup.Indicator{
			Code: code, Stage: stage, Weight: w, Evidence: ent.Evidence, Start: ent.Start, End: ent.End,
			ByteStart: ent.ByteStart, ByteEnd: ent.ByteEnd, Explanation: explanation, Speaker: ent.Speaker,
			Turn: turn, Source: source,
		})
		return 1
	}
	switch re.kind {
	case hangup.EntityPhone:
		if e.deps.Numbers == nil {
			return 0
		}
		n := e.deps.Numbers.ParseNumber(ent.Value)
		ent.Number = &n
		switch n.Type {
		case hangup.NumberPremiumRate:
			return add("callback_premium_rate", hangup.StageLure, 0.8, "phone",
				"The number given is a premium-rate number: calling it costs a lot, and genuine support lines do not use them.")
		case hangup.NumberPersonal, hangup.NumberSharedCost, hangup.NumberPager:
			return add("callback_costly_number", hangup.StageLure, 0.5, "phone",
				"The number given is a "+string(n.Type)+" number: it costs more than it looks and hides where the caller is.")
		}
	case hangup.EntityOrganisation:
		if e.deps.Orgs == nil || re.claim == "" {
			return 0
		}
		mt := e.deps.Orgs.MatchOrganisation(re.claim, "")
		if mt.Kind == hangup.MatchUnknown {
			return 0
		}
		ent.Org = &mt
		if mt.Organisation != nil {
			if p, ok := mt.Organisation.HasPolicy(hangup.PolicyNoUnsolicitedCalls); ok {
				msg := mt.Organisation.Name + " says it does not make unsolicited calls"
				if p.Text != "" {
					msg += ": “" + p.Text + "”"
				}
				return add("org_never_calls", hangup.StageAuthority, 0.7, "registry", msg+".")
			}
		}
	case hangup.EntityURL:
		if e.deps.Sites == nil {
			return 0
		}
		c, err := e.deps.Sites.CheckSite(ent.Value)
		if err != nil {
			return 0
		}
		ent.Site = &c
		switch c.Verdict {
		case hangup.SiteRemoteAccessTool:
			tool := c.Tool
			if tool == "" {
				tool = "a remote-access tool"
			}
			return add("site_remote_access_tool", hangup.StageRemote, 0.9, "site",
				"The website "+ent.Value+" is where you download "+tool+", which lets the caller control your computer.")
		case hangup.SiteImpersonation:
			brand := c.Brand
			if brand == "" {
				brand = "a well-known brand"
			}
			return add("site_impersonation", hangup.StageAuthority, 0.9, "site",
				"The website "+ent.Value+" pretends to be "+brand+" but does not belong to it.")
		case hangup.SiteSuspicious:
			return add("site_suspicious", hangup.StageLure, 0.5, "site", "The website "+ent.Value+" has signs scammers rely on: "+c.Summary)
		}
	}
	return 0
}
