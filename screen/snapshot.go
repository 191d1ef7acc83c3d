package screen

import (
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/reputation"
)

// orgRef is what screening needs about one registry number.
type orgRef struct {
	id, name   string
	label      string // "<name> (verified)" or "<name> line? Call back to check", made once
	spoofLabel string // "<name> (often faked)", made once
	spoofMsg   string // the spoofing warning, with the number to call back on, made once
	dno        bool   // receive-only: must never appear as a caller ID
	verified   bool   // a named organisation's outbound or support line: reports against it mean spoofing
	callsOut   bool   // the organisation says it calls people from it: the only lines labelled "(verified)"
}

// Snapshot is everything a decision reads, immutable once built: the
// registry's numbers indexed by E.164 digits (with the Do-Not-Originate
// ones marked), the reputation index, and the reputation thresholds.
// Number facts from Ofcom's tables and the numbering plan come from the
// phone engine, which is fixed for the process. The engine swaps whole
// snapshots atomically, so a decision never sees half an update and no
// update ever waits for, or holds up, a decision.
type Snapshot struct {
	orgs  map[uint64]orgRef // by E.164 digits
	short map[string]orgRef // short numbers without E.164 form ("159")
	rep   *reputation.Index
	repc  reputation.Config

	// Built is when the newest part of the snapshot was installed.
	Built time.Time
	// Organisations is how many registry numbers are indexed.
	Organisations int
}

// registryTables indexes the registry's numbers. A number several entries
// list (159) belongs to the one the registry gives it to: the entry that
// never calls from it, else a named one (registry.NumberRank).
//
// One meaning of "verified" (docs/registry.md): only a line the
// organisation says it calls from is labelled "<name> (verified)"; a line
// people call it on is labelled as its line with the advice to call back;
// a receive-only line as caller ID is spoofed.
func registryTables(s *registry.Snapshot) (map[uint64]orgRef, map[string]orgRef) {
	orgs, short := map[uint64]orgRef{}, map[string]orgRef{}
	if s == nil {
		return orgs, short
	}
	rank := map[string]int{} // E.164 or short digits → the rank of the entry holding it
	for _, o := range s.Organisations() {
		for _, n := range o.Numbers {
			ref := orgRef{id: o.ID, name: o.Name, dno: n.Role == hangup.RoleReceivesOnly,
				verified: !o.Generic && (n.Role == hangup.RoleCallsOut || n.Role == hangup.RoleSupport),
				callsOut: !o.Generic && n.Role == hangup.RoleCallsOut}
			switch {
			case ref.callsOut:
				ref.label = fmt.Sprintf(hangup.LabelVerifiedFmt, o.Name)
			case ref.verified:
				ref.label = fmt.Sprintf(hangup.LabelOrgLineFmt, o.Name)
			}
			if ref.verified {
				ref.spoofLabel = fmt.Sprintf(hangup.LabelSpoofedFmt, o.Name)
				ref.spoofMsg = reputation.SpoofedMessage(reputation.Verified{Organisation: o.Name, Number: n.Number})
			}
			r := registry.NumberRank(o, n)
			if k, ok := phone.Key(n.E164); ok {
				if prev, seen := rank[n.E164]; seen && prev >= r {
					continue
				}
				rank[n.E164] = r
				orgs[k] = ref
			} else if d := digitsOnly(n.Number); d != "" {
				if prev, seen := rank[d]; seen && prev >= r {
					continue
				}
				rank[d] = r
				short[d] = ref
			}
		}
	}
	return orgs, short
}

func digitsOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

// org returns the registry entry for a classified number.
func (s *Snapshot) org(f *facts) (orgRef, bool) {
	if f.key != 0 {
		r, ok := s.orgs[f.key]
		return r, ok
	}
	if f.short != "" {
		r, ok := s.short[f.short]
		return r, ok
	}
	return orgRef{}, false
}

// Reputation returns the reputation index the snapshot screens with.
func (s *Snapshot) Reputation() *reputation.Index { return s.rep }
