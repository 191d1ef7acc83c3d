package registry

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hangup-org/hangup"
)

// Publications is what the registry service reads to lay organisations'
// own facts over the imported registry: the database stores implement it
// (hangup.OrgPortalStore).
type Publications interface {
	ListFacts(ctx context.Context, organisation string) ([]*hangup.OrgFact, error)
	ListClaims(ctx context.Context, status hangup.ClaimStatus, limit int) ([]*hangup.OrgClaim, error)
}

// publications reads the verified facts and claims, or nothing when the
// store keeps none.
func publications(ctx context.Context, store hangup.OrganisationStore) ([]*hangup.OrgFact, []*hangup.OrgClaim, error) {
	p, ok := store.(Publications)
	if !ok {
		return nil, nil, nil
	}
	facts, err := p.ListFacts(ctx, "")
	if err != nil {
		return nil, nil, fmt.Errorf("registry: published facts: %w", err)
	}
	claims, err := p.ListClaims(ctx, hangup.ClaimVerified, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("registry: verified claims: %w", err)
	}
	return facts, claims, nil
}

// PublishedSnapshot indexes imported (validated, as the store holds them)
// with the facts organisations published through store laid over them: the
// snapshot a command that reads the database once builds.
func PublishedSnapshot(ctx context.Context, store hangup.OrganisationStore, imported []*hangup.Organisation) (*Snapshot, error) {
	facts, claims, err := publications(ctx, store)
	if err != nil {
		return nil, err
	}
	return newPublishedSnapshot(imported, facts, claims), nil
}

// Overlay returns orgs with the organisations' own verified facts laid
// over them (docs/registry.md, "Which wins"): a published number replaces
// the same number anywhere in the imported registry (its role and label
// are the organisation's word); a published policy replaces the imported
// policy with the same code; published domains and routes are added; a
// published call-back route comes before the imported ones. Declared and
// withdrawn facts are ignored. orgs is not modified: changed entries are
// copies.
func Overlay(orgs []*hangup.Organisation, facts []*hangup.OrgFact, claims []*hangup.OrgClaim) []*hangup.Organisation {
	pub := map[string]*hangup.OrgClaim{}
	for _, c := range claims {
		if c.Status == hangup.ClaimVerified && c.VerifiedAt != nil {
			if prev := pub[c.OrganisationID]; prev == nil || c.VerifiedAt.Before(*prev.VerifiedAt) {
				pub[c.OrganisationID] = c // the first proof stands
			}
		}
	}
	// Facts without a standing claim (an analyst withdrew it) take no
	// effect.
	byOrg := map[string][]*hangup.OrgFact{}
	published := map[string]string{} // E.164 → the organisation that verified it
	for _, f := range facts {
		if f.Effective() && pub[f.OrganisationID] != nil {
			byOrg[f.OrganisationID] = append(byOrg[f.OrganisationID], f)
			if f.Kind == hangup.FactNumber {
				published[f.Value] = f.OrganisationID
			}
		}
	}
	if len(byOrg) == 0 && len(pub) == 0 {
		return orgs
	}
	out := make([]*hangup.Organisation, len(orgs))
	for i, o := range orgs {
		c := pub[o.ID]
		fs := byOrg[o.ID]
		strip := false
		for _, n := range o.Numbers {
			if owner, ok := published[n.E164]; ok && n.E164 != "" && owner != o.ID {
				strip = true
			}
		}
		if c == nil && len(fs) == 0 && !strip {
			out[i] = o
			continue
		}
		cp := *o
		cp.Numbers = slices.DeleteFunc(slices.Clone(o.Numbers), func(n hangup.OrgNumber) bool {
			_, ok := published[n.E164]
			return ok && n.E164 != ""
		})
		if c != nil {
			cp.Publisher = &hangup.Publisher{Name: o.Name, Domain: c.Domain, VerifiedOn: c.VerifiedAt.UTC()}
		}
		cp.Domains = slices.Clone(o.Domains)
		cp.Contacts = slices.Clone(o.Contacts)
		cp.Policies = slices.Clone(o.Policies)
		for _, f := range fs {
			src := hangup.Source{Type: hangup.SourceOrganisation, Document: "Published by " + o.Name + " through Hangup",
				Checked: f.VerifiedAt.UTC().Format(time.DateOnly)}
			switch f.Kind {
			case hangup.FactNumber:
				if f.CallBack {
					clearCallBacks(&cp)
				}
				cp.Numbers = append(cp.Numbers, hangup.OrgNumber{Number: f.Number, E164: f.Value, Role: f.Role, Label: f.Text, CallBack: f.CallBack, Source: src})
			case hangup.FactDomain:
				if !slices.ContainsFunc(cp.Domains, func(d hangup.OrgDomain) bool { return d.Domain == f.Value }) {
					cp.Domains = append(cp.Domains, hangup.OrgDomain{Domain: f.Value, Source: src})
				}
			case hangup.FactContact:
				route := hangup.ContactRoute{Text: f.Text, URL: f.Value, CallBack: f.CallBack, Source: src}
				if f.CallBack {
					clearCallBacks(&cp)
					cp.Contacts = append([]hangup.ContactRoute{route}, cp.Contacts...)
				} else {
					cp.Contacts = append(cp.Contacts, route)
				}
			case hangup.FactPolicy:
				p := hangup.Policy{Code: hangup.PolicyCode(f.Value), Text: f.Text, Source: src}
				if j := slices.IndexFunc(cp.Policies, func(q hangup.Policy) bool { return q.Code == p.Code }); j >= 0 {
					cp.Policies[j] = p
				} else {
					cp.Policies = append(cp.Policies, p)
				}
			}
		}
		out[i] = &cp
	}
	return out
}

// clearCallBacks unmarks the imported call-back routes of o: the
// organisation's own marked route is the one to give.
func clearCallBacks(o *hangup.Organisation) {
	for i := range o.Numbers {
		if o.Numbers[i].Source.Type != hangup.SourceOrganisation {
			o.Numbers[i].CallBack = false
		}
	}
	for i := range o.Contacts {
		if o.Contacts[i].Source.Type != hangup.SourceOrganisation {
			o.Contacts[i].CallBack = false
		}
	}
}

// Conflict is one place where an imported registry says something other
// than what an organisation published and verified. The published fact
// wins; an analyst resolves it (docs/registry.md).
type Conflict struct {
	Organisation string `json:"organisation"` // the imported entry
	Fact         int64  `json:"fact"`         // the published fact that wins
	Message      string `json:"message"`
}

// Conflicts lists what in imported disagrees with verified published
// facts, so that an import can say so instead of overwriting silently.
func Conflicts(imported []*hangup.Organisation, facts []*hangup.OrgFact) []Conflict {
	var out []Conflict
	for _, f := range facts {
		if !f.Effective() {
			continue
		}
		for _, o := range imported {
			switch f.Kind {
			case hangup.FactNumber:
				for _, n := range o.Numbers {
					if n.E164 != f.Value {
						continue
					}
					if o.ID != f.OrganisationID {
						out = append(out, Conflict{o.ID, f.ID, fmt.Sprintf("%s lists %s, which %q published and verified as its own: the published fact wins", o.ID, f.Value, f.OrganisationID)})
					} else if n.Role != f.Role {
						out = append(out, Conflict{o.ID, f.ID, fmt.Sprintf("the file gives %s the role %s; %s published it as %s: the published role wins", f.Value, n.Role, o.ID, f.Role)})
					}
				}
			case hangup.FactPolicy:
				if o.ID != f.OrganisationID {
					continue
				}
				if p, ok := o.HasPolicy(hangup.PolicyCode(f.Value)); ok && p.Text != f.Text {
					out = append(out, Conflict{o.ID, f.ID, fmt.Sprintf("the file words the policy %s differently from %s's own: its own words win", f.Value, o.ID)})
				}
			case hangup.FactDomain:
				if o.ID == f.OrganisationID {
					continue
				}
				for _, d := range o.Domains {
					if d.Domain == f.Value {
						out = append(out, Conflict{o.ID, f.ID, fmt.Sprintf("%s lists the domain %s, which %q proved it controls", o.ID, f.Value, f.OrganisationID)})
					}
				}
			}
		}
	}
	return out
}
