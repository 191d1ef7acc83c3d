package reputation

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// mergeAt is the size of the delta layer past which it is folded into the
// base in the background.
const mergeAt = 16384

// Service keeps the live reputation index and the operations that change a
// number's standing. Reads never block: they load the current Index.
type Service struct {
	cfg     Config
	store   hangup.ReputationStore
	sync    hangup.SyncStore // listings pulled from central Hangups; nil: none
	syncVer int64            // the SyncedVersion the index holds
	// syncAt is when SyncedVersion was last asked; refreshes ask at most
	// every syncEvery unless SyncedChanged says this process changed them,
	// so that a report's refresh costs no extra query.
	syncAt    time.Time
	syncDirty atomic.Bool
	now       func() time.Time
	current   atomic.Pointer[Index]

	mu      sync.Mutex // serialises refreshes and index swaps
	lastID  int64
	merging bool
	onSwap  []func(*Index)

	// Refresh requests are counted so that concurrent callers share one
	// refresh: a refresh that starts after a caller asked covers everything
	// that caller committed before asking.
	reqMu     sync.Mutex
	requested uint64 // requests made
	covered   uint64 // requests covered by a completed refresh (under mu)
}

// New returns a service over store. Call Load before use.
func New(cfg Config, store hangup.ReputationStore) *Service {
	s := &Service{cfg: cfg, store: store, now: time.Now}
	s.current.Store(newIndex(&s.cfg))
	return s
}

// syncEvery is how often a refresh asks whether synced listings changed
// in another process.
const syncEvery = time.Second

// SyncedChanged tells the service that this process changed the synced
// listings: the next Refresh reloads them.
func (s *Service) SyncedChanged() { s.syncDirty.Store(true) }

// FollowSynced makes the index hold the listings st pulled from central
// Hangups (hangup sync), reloaded whenever they change. Call before Load.
func (s *Service) FollowSynced(st hangup.SyncStore) { s.sync = st }

// loadSynced reads the synced listings: for each number, the strongest
// label any source gives it.
func (s *Service) loadSynced(ctx context.Context) (map[uint64]syncedListing, int64, error) {
	out := map[uint64]syncedListing{}
	if s.sync == nil {
		return out, 0, nil
	}
	v, err := s.sync.SyncedVersion(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("reputation: synced listings: %w", err)
	}
	ls, err := s.sync.SyncedListings(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("reputation: synced listings: %w", err)
	}
	for _, l := range ls {
		k, ok := phone.Key(l.Number)
		if !ok {
			continue
		}
		if cur, ok := out[k]; !ok || (cur.label != hangup.ListScam && l.Label == hangup.ListScam) {
			out[k] = syncedListing{label: l.Label, source: l.Source}
		}
	}
	return out, v, nil
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Config returns the scoring parameters.
func (s *Service) Config() Config { return s.cfg }

// Index returns the current index.
func (s *Service) Index() *Index { return s.current.Load() }

// OnSwap registers fn to run after each new index is installed.
func (s *Service) OnSwap(fn func(*Index)) {
	s.mu.Lock()
	s.onSwap = append(s.onSwap, fn)
	s.mu.Unlock()
}

func (s *Service) swap(ix *Index) {
	s.current.Store(ix)
	for _, fn := range s.onSwap {
		fn(ix)
	}
}

// Load builds the index from every stored evidence row and the allow-list.
func (s *Service) Load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := newIndex(&s.cfg)
	ix.verified = s.current.Load().verified
	ix.official = s.current.Load().official
	var last int64
	err := s.store.AllEvidence(ctx, func(ev hangup.Evidence) error {
		if ev.Domain != "" {
			ix.sites[ev.Domain] = ix.sites[ev.Domain].apply(ev, &s.cfg)
		} else if k, ok := phone.Key(ev.Number); ok {
			ix.base[k] = ix.base[k].apply(ev, &s.cfg)
			if ev.Legit {
				ix.anonLegit[k] = ix.anonLegit[k].withGenuine(ev, &s.cfg)
			}
		}
		last = max(last, ev.ID)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reputation: load evidence: %w", err)
	}
	if ix.allow, err = s.loadAllow(ctx); err != nil {
		return err
	}
	if ix.decisions, err = s.store.SiteDecisions(ctx); err != nil {
		return fmt.Errorf("reputation: load website decisions: %w", err)
	}
	if ix.synced, s.syncVer, err = s.loadSynced(ctx); err != nil {
		return err
	}
	s.syncAt = time.Now()
	s.lastID = last
	ix.asOf = last
	s.swap(ix)
	return nil
}

func (s *Service) loadAllow(ctx context.Context) (map[uint64]string, error) {
	al, err := s.store.AllowList(ctx)
	if err != nil {
		return nil, fmt.Errorf("reputation: load allow-list: %w", err)
	}
	out := make(map[uint64]string, len(al))
	for n, r := range al {
		if k, ok := phone.Key(n); ok {
			out[k] = r
		}
	}
	return out, nil
}

// Refresh applies evidence stored since the last refresh (by this node or
// any other) and reloads the allow-list. Call it after committing reports,
// and periodically or on notification for changes made elsewhere.
//
// Concurrent calls coalesce: a caller whose request was covered by a refresh
// that started after it asked returns at once, so a burst of reports costs
// a couple of refreshes, not one each.
func (s *Service) Refresh(ctx context.Context) error {
	s.reqMu.Lock()
	s.requested++
	mine := s.requested
	s.reqMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.covered >= mine {
		return nil
	}
	// Every request counted so far was made before this refresh starts.
	s.reqMu.Lock()
	covers := s.requested
	s.reqMu.Unlock()
	if err := s.refreshLocked(ctx); err != nil {
		return err
	}
	s.covered = covers
	return nil
}

func (s *Service) refreshLocked(ctx context.Context) error {
	var evs []hangup.Evidence
	last, err := s.store.EvidenceSince(ctx, s.lastID, func(ev hangup.Evidence) error {
		evs = append(evs, ev)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reputation: refresh: %w", err)
	}
	allow, err := s.loadAllow(ctx)
	if err != nil {
		return err
	}
	decisions, err := s.store.SiteDecisions(ctx)
	if err != nil {
		return fmt.Errorf("reputation: refresh website decisions: %w", err)
	}
	synced := (map[uint64]syncedListing)(nil)
	if s.sync != nil && (s.syncDirty.Swap(false) || time.Since(s.syncAt) >= syncEvery) {
		s.syncAt = time.Now()
		v, err := s.sync.SyncedVersion(ctx)
		if err != nil {
			return fmt.Errorf("reputation: refresh: %w", err)
		}
		if v != s.syncVer {
			if synced, v, err = s.loadSynced(ctx); err != nil {
				return err
			}
			s.syncVer = v
		}
	}
	cur := s.current.Load()
	if len(evs) == 0 && maps.Equal(allow, cur.allow) && maps.Equal(decisions, cur.decisions) && synced == nil {
		return nil
	}
	s.lastID = last
	next := cur.withEvidence(evs)
	next.allow = allow
	next.decisions = decisions
	next.asOf = last
	if synced != nil {
		next.synced = synced
	}
	s.swap(next)
	if len(next.delta) >= mergeAt && !s.merging {
		s.merging = true
		go s.merge()
	}
	return nil
}

// merge folds the delta layer into a new base without holding up readers
// or writers: the delta is frozen as "mid", new evidence lands in a fresh
// delta meanwhile, and the finished base replaces base and mid together.
func (s *Service) merge() {
	s.mu.Lock()
	cur := s.current.Load()
	frozen := *cur
	frozen.mid, frozen.delta = cur.delta, map[uint64]entry{}
	s.swap(&frozen)
	base, mid := cur.base, cur.delta
	s.mu.Unlock()

	merged := make(map[uint64]entry, len(base)+len(mid))
	maps.Copy(merged, base)
	maps.Copy(merged, mid)

	s.mu.Lock()
	now := *s.current.Load()
	now.base, now.mid = merged, nil
	s.swap(&now)
	s.merging = false
	s.mu.Unlock()
}

// Verified is a number the registry publishes for a named organisation.
// Reports can never list it: they mean someone is faking it.
type Verified struct {
	Organisation string // the organisation's name, e.g. "IMEX"
	Number       string // the number as published, e.g. "01793 781800"; "" shows the E.164 form
}

// SetVerified installs the verified organisation numbers (by E.164), e.g.
// whenever the registry changes.
func (s *Service) SetVerified(numbers map[string]Verified) {
	v := make(map[uint64]Verified, len(numbers))
	for n, org := range numbers {
		if org.Number == "" {
			org.Number = n
		}
		if k, ok := phone.Key(n); ok {
			v[k] = org
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.current.Load()
	next.verified = v
	s.swap(&next)
}

// Lookup returns the full reputation of a number with its reasons.
func (s *Service) Lookup(e164 string) hangup.Reputation {
	return s.current.Load().Reputation(e164, s.now())
}

// Reputation explains a number's standing at now.
func (ix *Index) Reputation(e164 string, now time.Time) hangup.Reputation {
	r := hangup.Reputation{Number: e164, Verdict: hangup.RepUnknown, Reasons: []hangup.Reason{}}
	k, ok := phone.Key(e164)
	if !ok {
		return r
	}
	e, has := ix.get(k)
	var scam, legit, anonLegit float64
	if has {
		sm := ix.sumsAt(k, e, now)
		scam, legit = sm.scam, sm.legit
		anonLegit = sm.anonLegit
		r.Verdict, r.Confidence = ix.cfg.classify(sm)
		r.ScamEvidence, r.LegitEvidence = round2(scam), round2(legit)
		r.Reports = int(e.units)
		r.Genuine = int(e.legitUnits)
		if e.units > 0 {
			first, last := fromMinutes(e.first), fromMinutes(e.last)
			r.FirstSeen, r.LastSeen = &first, &last
		}
		for i, name := range categories {
			if e.cats&(1<<i) != 0 {
				r.Categories = append(r.Categories, name)
			}
		}
	}
	r.Confidence = round2(r.Confidence)
	if v, ok := ix.verified[k]; ok {
		r.Organisation = v.Organisation
		listed := r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected
		r.Verdict = hangup.RepVerified
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.verified", Severity: hangup.SeverityInfo,
			Message: fmt.Sprintf("This is a verified number of %s. Reports can never list it as a scam number.", v.Organisation)})
		if listed {
			r.Spoofed = true
			r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.spoofed", Severity: hangup.SeverityHigh,
				Message: SpoofedMessage(v)})
		}
		return r
	}
	if sl, ok := ix.synced[k]; ok {
		before := r.Verdict
		r.Verdict, r.Confidence = ix.cfg.withSynced(r.Verdict, r.Confidence, sl.label)
		if r.Verdict != before {
			r.Listed = sl.source
		}
	}
	if reason, ok := ix.allow[k]; ok {
		r.Verdict, r.Listed = hangup.RepAllowed, ""
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.allowed", Severity: hangup.SeverityInfo,
			Message: "Hangup's administrators have cleared this number: " + reason})
		return r
	}
	switch {
	case r.Listed != "" && r.Verdict == hangup.RepScam:
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.scam", Severity: hangup.SeverityHigh,
			Message: "A Hangup service this one trusts lists this as a scam number."})
	case r.Listed != "":
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.suspected", Severity: hangup.SeverityMedium,
			Message: "A Hangup service this one trusts warns about this number: people have reported scam calls from it."})
	case r.Verdict == hangup.RepScam:
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.scam", Severity: hangup.SeverityHigh,
			Message: fmt.Sprintf("Many people have independently reported scam calls from this number (%s; we are at least %d%% sure).", peopleCount(r.Reports), int(r.Confidence*100))})
	case r.Verdict == hangup.RepSuspected:
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.suspected", Severity: hangup.SeverityMedium,
			Message: fmt.Sprintf("Several people have reported scam calls from this number (%s).", peopleCount(r.Reports))})
	case r.Verdict == hangup.RepDisputed:
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.disputed", Severity: hangup.SeverityLow,
			Message: "People disagree about this number: some report scams, others say it is genuine."})
	default:
		if r.Reports > 0 {
			r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.few_reports", Severity: hangup.SeverityInfo,
				Message: fmt.Sprintf("%s reported scam calls from this number: too few to be sure either way.", capital(peopleCount(r.Reports)))})
		}
	}
	if len(r.Categories) > 0 && (r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected) {
		r.Reasons[len(r.Reasons)-1].Message += " Reported as: " + strings.ReplaceAll(strings.Join(r.Categories, ", "), "_", " ") + "."
	}
	listed := r.Verdict == hangup.RepScam || r.Verdict == hangup.RepSuspected
	// Disputed: an account, or two anonymous networks, say it is genuine.
	if listed && (legit-anonLegit > 1e-6 || r.Genuine >= DisputedBy) {
		r.Disputed = true
	}
	if r.Genuine > 0 {
		msg := fmt.Sprintf("%s this is a genuine number they know.", capital(peopleSay(r.Genuine)))
		if r.Disputed {
			msg += " A Hangup analyst will look at the evidence."
		}
		r.Reasons = append(r.Reasons, hangup.Reason{Code: "reputation.genuine", Severity: hangup.SeverityInfo, Message: msg})
	}
	return r
}

// SpoofedMessage is what to tell someone called from a verified number
// that scammers fake: the call may not be the organisation, and the safe
// way to find out is to call back on its real number.
func SpoofedMessage(v Verified) string {
	return fmt.Sprintf("People report scam calls showing this number: scammers are faking %s's number. Hang up and call back on %s to reach the real %s.",
		v.Organisation, v.Number, v.Organisation)
}

// peopleSay is "1 person says" or "3 people say".
func peopleSay(n int) string {
	if n == 1 {
		return "1 person says"
	}
	return fmt.Sprintf("%d people say", n)
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// Allow adds a number to the allow-list (or removes it), audited, and
// refreshes the index.
func (s *Service) Allow(ctx context.Context, e164 string, allowed bool, actor, reason string) error {
	if _, ok := phone.Key(e164); !ok {
		return hangup.Invalid("Give the number in international form.", hangup.FieldError{Field: "number", Message: "must be an E.164 number such as +441234567890"})
	}
	if strings.TrimSpace(reason) == "" {
		return hangup.Invalid("Say why.", hangup.FieldError{Field: "reason", Message: "is required: every change is recorded with its reason"})
	}
	if err := s.store.SetAllowed(ctx, e164, allowed, actor, reason); err != nil {
		return err
	}
	return s.Refresh(ctx)
}

// DecideAppeal records an analyst's decision; an upheld appeal allow-lists
// the number. The decision and its reason become visible to the owner.
func (s *Service) DecideAppeal(ctx context.Context, id int64, status hangup.AppealStatus, actor, reason string) (*hangup.Appeal, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, hangup.Invalid("Give the reason for the decision: the number's owner will see it.", hangup.FieldError{Field: "reason", Message: "is required"})
	}
	a, err := s.store.DecideAppeal(ctx, id, status, actor, reason)
	if err != nil {
		return nil, err
	}
	return a, s.Refresh(ctx)
}

// Disputed returns the numbers people say are genuine that are listed
// (scam or suspected, marked Disputed) or disputed, for analysts: most
// reported first, at most limit.
func (s *Service) Disputed(limit int) []hangup.Reputation {
	ix := s.current.Load()
	now := s.now()
	var out []hangup.Reputation
	for k := range ix.anonLegit {
		r := ix.Reputation("+"+strconv.FormatUint(k, 10), now)
		if r.Disputed || r.Verdict == hangup.RepDisputed {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b hangup.Reputation) int {
		if c := cmp.Compare(b.Reports, a.Reports); c != 0 {
			return c
		}
		return strings.Compare(a.Number, b.Number)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
