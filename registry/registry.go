package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/data"
)

// Snapshot is an immutable, indexed copy of the registry. Every lookup on the
// check and screening paths reads a Snapshot from memory; nothing touches the
// database per request.
type Snapshot struct {
	orgs     []*hangup.Organisation // ordered by ID, with published facts laid over
	imported []*hangup.Organisation // as imported, without published facts
	byID     map[string]*hangup.Organisation
	byNumber map[string]numberRef // E.164, or the digits of a short number
	byDomain map[string]*hangup.Organisation
	matcher  *Matcher
}

type numberRef struct {
	org *hangup.Organisation
	num hangup.OrgNumber
}

// NewSnapshot indexes orgs. The organisations must not be modified afterwards.
func NewSnapshot(orgs []*hangup.Organisation) *Snapshot {
	s := &Snapshot{
		orgs:     slices.Clone(orgs),
		byID:     make(map[string]*hangup.Organisation, len(orgs)),
		byNumber: map[string]numberRef{},
		byDomain: map[string]*hangup.Organisation{},
		matcher:  NewMatcher(orgs),
	}
	slices.SortFunc(s.orgs, func(a, b *hangup.Organisation) int { return strings.Compare(a.ID, b.ID) })
	s.imported = s.orgs
	for _, o := range s.orgs {
		s.byID[o.ID] = o
		for _, n := range o.Numbers {
			key := n.E164
			if key == "" {
				key = digits(n.Number)
			}
			// A number several entries list (159: the service, the
			// generic bank entry and banks that point to it) belongs to
			// the one that says it never calls from it, else to a named
			// entry rather than a generic one.
			if prev, ok := s.byNumber[key]; !ok || NumberRank(o, n) > NumberRank(prev.org, prev.num) {
				s.byNumber[key] = numberRef{o, n}
			}
		}
		for _, d := range o.Domains {
			if prev, ok := s.byDomain[d.Domain]; !ok || prev.Generic {
				s.byDomain[d.Domain] = o
			}
		}
	}
	return s
}

// NumberRank ranks how strongly an entry owns a number it lists, for
// numbers several entries list: an entry that never calls from it (159's own
// entry) first, then named entries before generic ones, then reporting
// services. Screening uses the same rule.
func NumberRank(o *hangup.Organisation, n hangup.OrgNumber) int {
	rank := 0
	if !o.Generic {
		rank += 2
	}
	if n.Role == hangup.RoleReceivesOnly {
		rank += 4
	}
	if o.Kind == hangup.KindReportingService {
		rank++
	}
	return rank
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// Organisations returns every organisation, ordered by ID, with the facts
// organisations published laid over the imported entries. The slice is
// shared: don't modify it.
func (s *Snapshot) Organisations() []*hangup.Organisation { return s.orgs }

// Imported returns the organisations as imported, without published facts:
// what a registry export writes. The slice is shared: don't modify it.
func (s *Snapshot) Imported() []*hangup.Organisation { return s.imported }

// newPublishedSnapshot indexes imported with facts laid over it.
func newPublishedSnapshot(imported []*hangup.Organisation, facts []*hangup.OrgFact, claims []*hangup.OrgClaim) *Snapshot {
	s := NewSnapshot(Overlay(imported, facts, claims))
	s.imported = slices.Clone(imported)
	slices.SortFunc(s.imported, func(a, b *hangup.Organisation) int { return strings.Compare(a.ID, b.ID) })
	return s
}

// Organisation returns the organisation with id.
func (s *Snapshot) Organisation(id string) (*hangup.Organisation, bool) {
	o, ok := s.byID[id]
	return o, ok
}

// OrganisationByID implements hangup.OrganisationMatcher.
func (s *Snapshot) OrganisationByID(id string) (*hangup.Organisation, bool) {
	return s.Organisation(id)
}

// OrganisationByNumber returns the organisation that publishes e164 (or the
// digits of a short number such as 159) and the entry for it.
func (s *Snapshot) OrganisationByNumber(e164 string) (*hangup.Organisation, hangup.OrgNumber, bool) {
	r, ok := s.byNumber[e164]
	if !ok {
		r, ok = s.byNumber[digits(e164)]
	}
	return r.org, r.num, ok
}

// OrganisationByDomain returns the organisation owning domain (a registrable
// domain or host; the host's parent domains are tried too).
func (s *Snapshot) OrganisationByDomain(domain string) (*hangup.Organisation, bool) {
	d := strings.TrimSuffix(strings.ToLower(domain), ".")
	for d != "" {
		if o, ok := s.byDomain[d]; ok {
			return o, true
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			break
		}
		d = d[i+1:]
	}
	return nil, false
}

// MatchOrganisation matches a claim; see Matcher.MatchOrganisation.
func (s *Snapshot) MatchOrganisation(claim, region string) hangup.OrgMatch {
	return s.matcher.MatchOrganisation(claim, region)
}

// kindFamily says which kinds' generic statements also speak for a kind:
// antivirus makers and IT support firms are technology companies when the
// question is whether a tech company's warning carries a phone number.
var kindFamily = map[hangup.OrgKind][]hangup.OrgKind{
	hangup.KindSecurity:   {hangup.KindTechnology},
	hangup.KindITServices: {hangup.KindTechnology},
	hangup.KindISP:        {hangup.KindTechnology},
	hangup.KindPayments:   {hangup.KindBank},
	hangup.KindCrypto:     {hangup.KindPayments},
	hangup.KindPolice:     {hangup.KindGovernment},
}

// KindPolicies implements hangup.OrganisationMatcher: the generic entries of
// kind in country, then international ones, then those of related kinds,
// then those that speak for every organisation (kind "other").
func (s *Snapshot) KindPolicies(kind hangup.OrgKind, country string) []*hangup.Organisation {
	var out []*hangup.Organisation
	add := func(k hangup.OrgKind) {
		for _, c := range []string{country, ""} {
			if o := s.matcher.generic[kindIn{k, c}]; o != nil && !slices.Contains(out, o) {
				out = append(out, o)
			}
			if c == "" {
				break
			}
		}
	}
	add(kind)
	for _, k := range kindFamily[kind] {
		add(k)
	}
	add(hangup.KindOther) // what is said of every organisation
	return out
}

// Search returns organisations whose name, alias or ID matches q, best first:
// the claim matcher's answer, then substring matches. An empty q returns all.
func (s *Snapshot) Search(q string, limit int) []*hangup.Organisation {
	q = strings.TrimSpace(q)
	if q == "" {
		return s.orgs[:min(limit, len(s.orgs))]
	}
	var out []*hangup.Organisation
	seen := map[string]bool{}
	if m := s.matcher.MatchOrganisation(q, ""); m.Organisation != nil {
		out = append(out, m.Organisation)
		seen[m.Organisation.ID] = true
	}
	lq := strings.ToLower(q)
	for _, o := range s.orgs {
		if len(out) >= limit {
			break
		}
		if seen[o.ID] {
			continue
		}
		hit := strings.Contains(o.ID, lq) || strings.Contains(strings.ToLower(o.Name), lq)
		for _, a := range o.Aliases {
			hit = hit || strings.Contains(strings.ToLower(a), lq)
		}
		if hit {
			out = append(out, o)
			seen[o.ID] = true
		}
	}
	return out
}

// Service is the live registry: the store it persists to, and the current
// Snapshot, swapped atomically whenever the registry changes here or (via
// Reload) elsewhere. Reads never block on writes.
type Service struct {
	store   hangup.OrganisationStore
	numbers NumberParser
	current atomic.Pointer[Snapshot]
	mu      sync.Mutex // serialises writes and reloads
	onSwap  []func(*Snapshot)
}

var _ hangup.OrganisationMatcher = (*Service)(nil)

// NewService loads the registry from store into memory. If the store is
// empty and seed is true, it is first filled with the registry shipped in
// the binary.
func NewService(ctx context.Context, store hangup.OrganisationStore, numbers NumberParser, seed bool) (*Service, error) {
	s := &Service{store: store, numbers: numbers}
	orgs, err := store.ListOrganisations(ctx)
	if err != nil {
		return nil, fmt.Errorf("registry: load: %w", err)
	}
	if len(orgs) == 0 && seed {
		if orgs, err = Seed(numbers); err != nil {
			return nil, err
		}
		if err := store.ReplaceOrganisations(ctx, orgs); err != nil {
			return nil, fmt.Errorf("registry: seed: %w", err)
		}
	}
	if err := Validate(orgs, numbers); err != nil { // fills E.164 forms
		return nil, fmt.Errorf("registry: stored registry is invalid: %w", err)
	}
	s.current.Store(NewSnapshot(orgs))
	return s, nil
}

// Seed returns the registry shipped in the binary, validated.
func Seed(numbers NumberParser) ([]*hangup.Organisation, error) {
	f, err := data.FS.Open("registry/organisations.json")
	if err != nil {
		return nil, fmt.Errorf("registry: seed: %w", err)
	}
	defer f.Close()
	orgs, err := Decode(f, numbers)
	if err != nil {
		return nil, fmt.Errorf("registry: shipped seed: %w", err)
	}
	return orgs, nil
}

// Snapshot returns the current snapshot.
func (s *Service) Snapshot() *Snapshot { return s.current.Load() }

// OnSwap registers fn to run after each new snapshot is installed, e.g. to
// rebuild the screening snapshot. Register before serving.
func (s *Service) OnSwap(fn func(*Snapshot)) { s.onSwap = append(s.onSwap, fn) }

// MatchOrganisation implements hangup.OrganisationMatcher.
func (s *Service) MatchOrganisation(claim, region string) hangup.OrgMatch {
	return s.current.Load().MatchOrganisation(claim, region)
}

// KindPolicies implements hangup.OrganisationMatcher.
func (s *Service) KindPolicies(kind hangup.OrgKind, country string) []*hangup.Organisation {
	return s.current.Load().KindPolicies(kind, country)
}

// OrganisationByID implements hangup.OrganisationMatcher.
func (s *Service) OrganisationByID(id string) (*hangup.Organisation, bool) {
	return s.current.Load().Organisation(id)
}

// OrganisationByNumber implements hangup.OrganisationMatcher.
func (s *Service) OrganisationByNumber(e164 string) (*hangup.Organisation, hangup.OrgNumber, bool) {
	return s.current.Load().OrganisationByNumber(e164)
}

// Import validates orgs and applies them all-or-nothing: each replaces the
// entry with its ID or is added. Returns EINVALID, changing nothing, if any
// entry is invalid.
func (s *Service) Import(ctx context.Context, orgs []*hangup.Organisation) error {
	if err := Validate(orgs, s.numbers); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := clashesWithKept(s.current.Load().imported, orgs); err != nil {
		return err
	}
	if err := s.store.ReplaceOrganisations(ctx, orgs); err != nil {
		return err
	}
	return s.reloadLocked(ctx)
}

// clashesWithKept checks that the imported organisations share no name with
// the organisations the import keeps (those with other IDs).
func clashesWithKept(kept, imported []*hangup.Organisation) error {
	replaced := map[string]bool{}
	for _, o := range imported {
		replaced[o.ID] = true
	}
	merged := make([]*hangup.Organisation, 0, len(kept)+len(imported))
	for _, o := range kept {
		if !replaced[o.ID] {
			merged = append(merged, o)
		}
	}
	first := len(merged)
	merged = append(merged, imported...)
	var fields []hangup.FieldError
	for _, c := range AliasClashes(merged) {
		if c.Index >= first {
			fields = append(fields, hangup.FieldError{Field: fmt.Sprintf("organisations[%d] %q.aliases", c.Index-first, c.Org), Message: c.Message})
		}
	}
	if len(fields) > 0 {
		return hangup.Invalid(fmt.Sprintf("the registry has %d problem(s); nothing was changed", len(fields)), fields...)
	}
	return nil
}

// Conflicts lists where orgs (a file about to be imported) disagree with
// the facts organisations published and verified; see Conflicts.
func (s *Service) Conflicts(ctx context.Context, orgs []*hangup.Organisation) ([]Conflict, error) {
	facts, _, err := publications(ctx, s.store)
	if err != nil {
		return nil, err
	}
	return Conflicts(orgs, facts), nil
}

// Reload rebuilds the snapshot from the store, for changes made by another
// process or node, or by the organisation portal.
func (s *Service) Reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reloadLocked(ctx)
}

func (s *Service) reloadLocked(ctx context.Context) error {
	orgs, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return fmt.Errorf("registry: reload: %w", err)
	}
	if err := Validate(orgs, s.numbers); err != nil {
		return fmt.Errorf("registry: stored registry is invalid: %w", err)
	}
	facts, claims, err := publications(ctx, s.store)
	if err != nil {
		return err
	}
	snap := newPublishedSnapshot(orgs, facts, claims)
	s.current.Store(snap)
	for _, fn := range s.onSwap {
		fn(snap)
	}
	return nil
}
