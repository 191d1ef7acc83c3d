package blocklist

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Entry is one published listing with what the reputation says of it now:
// the public facts exports, address books and files are made of. It holds
// nothing about who reported the number.
type Entry struct {
	Number     string              `json:"number"` // E.164
	Label      hangup.ListingLabel `json:"label"`
	Confidence float64             `json:"confidence"` // 0..1
	Reports    int                 `json:"reports"`    // evidence units: at most one per reporter per number a month
	FirstSeen  time.Time           `json:"first_seen"`
	LastSeen   time.Time           `json:"last_seen"`
	Categories []string            `json:"categories"`
	// Organisations are those the reports about the number said the
	// caller claimed to be (filled by Entries with Organisations set).
	Organisations []Organisation `json:"organisations"`
}

// Organisation is a registry organisation scammers impersonated from a
// number, with how many reports said so.
type Organisation struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Kind    hangup.OrgKind `json:"kind"`
	Country string         `json:"country"`
	Reports int            `json:"reports"`
}

// MinOrganisationReports is how many reports must name an organisation
// before an export says scammers impersonate it from a number: one
// report's claim alone might be a mistaken match.
const MinOrganisationReports = 2

// maxOrganisations caps the organisations named per number.
const maxOrganisations = 3

// EntryOptions select entries.
type EntryOptions struct {
	// MinConfidence drops entries whose confidence is now lower.
	MinConfidence float64
	// Labels keeps only entries with these labels; empty keeps all.
	Labels []hangup.ListingLabel
	// ByConfidence orders entries highest confidence first (then by
	// number) instead of by number.
	ByConfidence bool
	// Limit keeps the first Limit entries; 0 keeps all.
	Limit int
	// Organisations fills each entry's impersonated organisations.
	Organisations bool
}

// Entries returns the published entries as this node's view holds them,
// each with its reputation now. A number the registry has verified or an
// administrator has allowed since the list was published is left out:
// those are never shared as scam numbers, whatever the list says.
func (s *Service) Entries(ctx context.Context, o EntryOptions) ([]Entry, error) {
	v := s.view.Load()
	ix, now := s.deps.Reputation.Index(), s.now()
	out := make([]Entry, 0, len(v.Listings))
	for _, l := range v.Listings {
		if len(o.Labels) > 0 && !slices.Contains(o.Labels, l.Label) {
			continue
		}
		r := ix.Reputation(l.Number, now)
		if r.Verdict == hangup.RepVerified || r.Verdict == hangup.RepAllowed || r.Confidence < o.MinConfidence {
			continue
		}
		e := Entry{Number: l.Number, Label: l.Label, Confidence: r.Confidence, Reports: r.Reports,
			Categories: nonNil(r.Categories), Organisations: []Organisation{}}
		if r.FirstSeen != nil {
			e.FirstSeen, e.LastSeen = *r.FirstSeen, *r.LastSeen
		}
		out = append(out, e)
	}
	if o.ByConfidence {
		slices.SortStableFunc(out, func(a, b Entry) int {
			switch {
			case a.Confidence > b.Confidence:
				return -1
			case a.Confidence < b.Confidence:
				return 1
			}
			return strings.Compare(a.Number, b.Number)
		})
	}
	if o.Limit > 0 && len(out) > o.Limit {
		out = out[:o.Limit]
	}
	if o.Organisations && s.deps.Reports != nil {
		if err := s.fillOrganisations(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillOrganisations names the organisations scammers claimed to be, per
// number, in batches the store accepts.
func (s *Service) fillOrganisations(ctx context.Context, es []Entry) error {
	for start := 0; start < len(es); start += hangup.MaxNumberOrganisations {
		batch := es[start:min(start+hangup.MaxNumberOrganisations, len(es))]
		numbers := make([]string, len(batch))
		for i, e := range batch {
			numbers[i] = e.Number
		}
		claimed, err := s.deps.Reports.NumberOrganisations(ctx, numbers)
		if err != nil {
			return err
		}
		for i := range batch {
			for _, c := range claimed[batch[i].Number] {
				if c.Reports < MinOrganisationReports || len(batch[i].Organisations) == maxOrganisations {
					break // ordered by reports, most first
				}
				org := Organisation{ID: c.ID, Name: c.ID, Reports: c.Reports}
				if s.deps.Orgs != nil {
					o, ok := s.deps.Orgs.OrganisationByID(c.ID)
					if !ok {
						continue // no longer in the registry
					}
					org.Name, org.Kind, org.Country = o.Name, o.Kind, o.Country
				}
				batch[i].Organisations = append(batch[i].Organisations, org)
			}
		}
	}
	return nil
}
