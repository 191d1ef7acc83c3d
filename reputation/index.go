package reputation

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// entry is one number's evidence, compact so that ten million fit in well
// under a gigabyte. Sums are decayed to ref; times are minutes since the
// Unix epoch. trusted is the part of scam that came from accounts and
// trusted sources (imports), not from anonymous reporters; the part of
// legit that came from anonymous reporters is in Index.anonLegit.
type entry struct {
	scam, legit, trusted float32
	ref, first, last     uint32
	units                int32  // scam evidence units
	cats                 uint16 // categories, as bits
	legitUnits           uint16 // genuine evidence units (saturating)
}

// anonGenuine is the genuine evidence from anonymous reporters about one
// number, decayed to ref (minutes). It is kept apart from entry, in a
// small map, because it is rare: entry stays 32 bytes.
type anonGenuine struct {
	sum float32
	ref uint32
}

func (a anonGenuine) apply(ev hangup.Evidence, cfg *Config) anonGenuine {
	at := minutes(ev.At)
	w := ev.Weight
	switch {
	case a.ref == 0:
		a.ref = at
	case at > a.ref:
		a.sum = float32(float64(a.sum) * decay(time.Duration(at-a.ref)*time.Minute, cfg.HalfLife))
		a.ref = at
	case at < a.ref:
		w *= decay(time.Duration(a.ref-at)*time.Minute, cfg.HalfLife)
	}
	a.sum += float32(w)
	if a.sum < 1e-6 {
		a.sum = 0
	}
	return a
}

// withGenuine notes a piece of genuine evidence: the number is kept (so
// numbers people vouch for can be listed for analysts), and anonymous
// evidence adds to the sum.
func (a anonGenuine) withGenuine(ev hangup.Evidence, cfg *Config) anonGenuine {
	if ev.Anonymous() {
		return a.apply(ev, cfg)
	}
	return a
}

func (a anonGenuine) at(now time.Time, cfg *Config) float64 {
	if a.ref == 0 {
		return 0
	}
	return float64(a.sum) * decay(now.Sub(fromMinutes(a.ref)), cfg.HalfLife)
}

func minutes(t time.Time) uint32 {
	m := t.Unix() / 60
	if m < 0 {
		return 0
	}
	return uint32(m)
}

func fromMinutes(m uint32) time.Time { return time.Unix(int64(m)*60, 0).UTC() }

// categories are the scam types evidence can carry, as bits.
var categories = []string{
	string(hangup.ScamTechSupport), string(hangup.ScamRefund), string(hangup.ScamBankImpersonate),
	string(hangup.ScamGovernment), string(hangup.ScamDelivery), string(hangup.ScamPrize),
	string(hangup.ScamInvestment), string(hangup.ScamFamily), "robocall", "sales", string(hangup.ScamOther),
}

func categoryBit(c string) uint16 {
	for i, name := range categories {
		if name == c {
			return 1 << i
		}
	}
	if c == "" {
		return 0
	}
	return 1 << (len(categories) - 1) // other
}

// apply adds one piece of evidence to e, keeping the sums decayed to the
// newest time seen. Negative weights (withdrawals) cancel exactly because
// they are decayed from the original evidence's time.
func (e entry) apply(ev hangup.Evidence, cfg *Config) entry {
	at := minutes(ev.At)
	w := ev.Weight
	if e.units == 0 && e.ref == 0 {
		e.ref, e.first, e.last = at, at, at
	}
	if at > e.ref {
		d := time.Duration(at-e.ref) * time.Minute
		f := decay(d, cfg.HalfLife)
		e.scam, e.legit, e.trusted = float32(float64(e.scam)*f), float32(float64(e.legit)*f), float32(float64(e.trusted)*f)
		e.ref = at
	} else if at < e.ref {
		d := time.Duration(e.ref-at) * time.Minute
		w *= decay(d, cfg.HalfLife)
	}
	if ev.Legit {
		e.legit += float32(w)
	} else {
		e.scam += float32(w)
		if !ev.Anonymous() {
			e.trusted += float32(w)
		}
		if ev.Weight > 0 {
			e.cats |= categoryBit(ev.Category)
		}
	}
	switch {
	case ev.Weight > 0 && ev.Legit:
		if e.legitUnits < ^uint16(0) {
			e.legitUnits++
		}
	case ev.Weight > 0:
		e.units++
		e.first = min(e.first, at)
		e.last = max(e.last, at)
	case ev.Weight < 0 && ev.Legit:
		if e.legitUnits > 0 {
			e.legitUnits--
		}
	case ev.Weight < 0:
		e.units--
	}
	// Rounding can leave a hair's breadth after a withdrawal.
	if e.scam < 1e-6 && e.scam > -1e-6 {
		e.scam = 0
	}
	if e.legit < 1e-6 && e.legit > -1e-6 {
		e.legit = 0
	}
	if e.trusted < 1e-6 && e.trusted > -1e-6 {
		e.trusted = 0
	}

	return e
}

// sums is an entry's evidence decayed to one moment.
type sums struct {
	scam, legit float64
	trusted     float64 // the part of scam from accounts and trusted sources
	anonLegit   float64 // the part of legit from anonymous reporters
}

// at returns the entry's sums decayed to now.
func (e entry) at(now time.Time, cfg *Config) sums {
	d := now.Sub(fromMinutes(e.ref))
	f := decay(d, cfg.HalfLife)
	return sums{scam: float64(e.scam) * f, legit: float64(e.legit) * f, trusted: float64(e.trusted) * f}
}

// Index is an immutable view of every number's evidence, the allow-list and
// the verified numbers. Numbers are keyed by their E.164 digits as an
// integer. New evidence goes into a small delta layer; a full merge into the
// base happens in the background, so neither ever pauses readers.
type Index struct {
	base, mid, delta map[uint64]entry
	allow            map[uint64]string // number → reason
	verified         map[uint64]Verified
	synced           map[uint64]syncedListing // listed by a central Hangup this one syncs from
	anonLegit        map[uint64]anonGenuine   // every number with genuine evidence: its anonymous part; copied on write (rare)
	sites            map[string]entry         // websites' evidence by EvidenceKey; copied on write (few)
	decisions        map[string]hangup.SiteDecision
	official         *officialSites // organisations' and brands' own websites: never listed
	cfg              *Config
	// asOf is the id of the newest evidence applied: a blocklist computed
	// from this index is as new as that.
	asOf int64
}

// syncedListing is the strongest label any synced source gives a number,
// and the source that gives it.
type syncedListing struct {
	label  hangup.ListingLabel
	source string
}

func newIndex(cfg *Config) *Index {
	return &Index{base: map[uint64]entry{}, delta: map[uint64]entry{}, allow: map[uint64]string{}, verified: map[uint64]Verified{},
		synced: map[uint64]syncedListing{}, anonLegit: map[uint64]anonGenuine{}, sites: map[string]entry{}, decisions: map[string]hangup.SiteDecision{},
		official: &officialSites{}, cfg: cfg}
}

// AsOf returns the id of the newest evidence in the index.
func (ix *Index) AsOf() int64 { return ix.asOf }

func (ix *Index) get(k uint64) (entry, bool) {
	if e, ok := ix.delta[k]; ok {
		return e, true
	}
	if e, ok := ix.mid[k]; ok {
		return e, true
	}
	e, ok := ix.base[k]
	return e, ok
}

// withEvidence returns a new index with evs applied in a fresh delta layer.
func (ix *Index) withEvidence(evs []hangup.Evidence) *Index {
	next := *ix
	next.delta = maps.Clone(ix.delta)
	sitesCloned, anonCloned := false, false
	for _, ev := range evs {
		if ev.Domain != "" {
			if !sitesCloned {
				next.sites, sitesCloned = maps.Clone(ix.sites), true
			}
			next.sites[ev.Domain] = next.sites[ev.Domain].apply(ev, ix.cfg)
			continue
		}
		k, ok := phone.Key(ev.Number)
		if !ok {
			continue
		}
		e, _ := next.get(k)
		next.delta[k] = e.apply(ev, ix.cfg)
		if ev.Legit {
			if !anonCloned {
				next.anonLegit, anonCloned = maps.Clone(ix.anonLegit), true
			}
			next.anonLegit[k] = next.anonLegit[k].withGenuine(ev, ix.cfg)
		}
	}
	return &next
}

// sumsAt returns the evidence of number k at now, with the anonymous part
// of its genuine evidence.
func (ix *Index) sumsAt(k uint64, e entry, now time.Time) sums {
	s := e.at(now, ix.cfg)
	if len(ix.anonLegit) > 0 {
		if a, ok := ix.anonLegit[k]; ok {
			s.anonLegit = a.at(now, ix.cfg)
		}
	}
	return s
}

// Len returns how many numbers have evidence.
func (ix *Index) Len() int {
	n := len(ix.base)
	for k := range ix.mid {
		if _, ok := ix.base[k]; !ok {
			n++
		}
	}
	for k := range ix.delta {
		_, inBase := ix.base[k]
		_, inMid := ix.mid[k]
		if !inBase && !inMid {
			n++
		}
	}
	return n
}

// Score returns a number's verdict and confidence at now, from memory and
// without allocating: the screening hot path.
func (ix *Index) Score(e164 string, now time.Time) (hangup.ReputationVerdict, float64) {
	k, ok := phone.Key(e164)
	if !ok {
		return hangup.RepUnknown, 0
	}
	if _, ok := ix.allow[k]; ok {
		return hangup.RepAllowed, 0
	}
	e, ok := ix.get(k)
	var v hangup.ReputationVerdict
	var conf float64
	if ok {
		v, conf = ix.cfg.classify(ix.sumsAt(k, e, now))
	} else {
		v = hangup.RepUnknown
	}
	if _, ok := ix.verified[k]; ok {
		return hangup.RepVerified, conf
	}
	if sl, ok := ix.synced[k]; ok {
		return ix.cfg.withSynced(v, conf, sl.label)
	}
	return v, conf
}

// withSynced raises a local verdict to what a synced source lists: a scam
// listing makes the number scam, a suspected one suspected (a warning
// that never blocks), each at least at its threshold's confidence.
// Stronger local evidence stays as it is.
func (c *Config) withSynced(v hangup.ReputationVerdict, conf float64, l hangup.ListingLabel) (hangup.ReputationVerdict, float64) {
	switch {
	case l == hangup.ListScam && v != hangup.RepScam:
		return hangup.RepScam, max(conf, c.ScamAt)
	case l == hangup.ListSuspected && v != hangup.RepScam && v != hangup.RepSuspected:
		return hangup.RepSuspected, max(conf, c.SuspectAt)
	}
	return v, conf
}

// Listed returns the numbers this index's own evidence lists, ordered by
// number: scam numbers with a confidence of at least minConfidence and,
// with suspected, suspected ones too. Verified organisation numbers and
// allow-listed numbers are never listed, nor are numbers only a synced
// source lists (so that two Hangups syncing from each other cannot keep
// a number listed between them after both dropped it).
func (ix *Index) Listed(now time.Time, minConfidence float64, suspected bool) []hangup.Listing {
	lowest := max(minConfidence, ix.cfg.ScamAt)
	if suspected {
		lowest = ix.cfg.SuspectAt
	}
	// With only scam evidence the Wilson lower bound is n/(n+z²), so fewer
	// than z²·t/(1−t) units can never reach confidence t; decay only
	// lowers evidence. Most entries are skipped without computing a decay.
	z2 := ix.cfg.Z * ix.cfg.Z
	minEvidence := float32(z2*lowest/(1-lowest)) * 0.999
	type kv struct {
		k uint64
		e entry
	}
	var cands []kv
	add := func(k uint64, e entry) {
		if e.scam < minEvidence {
			return
		}
		if len(ix.verified) > 0 {
			if _, ok := ix.verified[k]; ok {
				return
			}
		}
		if len(ix.allow) > 0 {
			if _, ok := ix.allow[k]; ok {
				return
			}
		}
		cands = append(cands, kv{k, e})
	}
	// The newest layer wins: a key in delta shadows mid and base, one in
	// mid shadows base. Empty layers cost no lookups.
	for k, e := range ix.delta {
		add(k, e)
	}
	for k, e := range ix.mid {
		if _, ok := ix.delta[k]; !ok || len(ix.delta) == 0 {
			add(k, e)
		}
	}
	shadowed := len(ix.delta) > 0 || len(ix.mid) > 0
	for k, e := range ix.base {
		if shadowed {
			if _, ok := ix.delta[k]; ok {
				continue
			}
			if _, ok := ix.mid[k]; ok {
				continue
			}
		}
		add(k, e)
	}
	slices.SortFunc(cands, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
	out := make([]hangup.Listing, 0, len(cands))
	for _, c := range cands {
		v, conf := ix.cfg.classify(ix.sumsAt(c.k, c.e, now))
		switch {
		case v == hangup.RepScam && conf >= minConfidence:
			out = append(out, hangup.Listing{Number: "+" + strconv.FormatUint(c.k, 10), Label: hangup.ListScam})
		case suspected && (v == hangup.RepSuspected || v == hangup.RepScam):
			out = append(out, hangup.Listing{Number: "+" + strconv.FormatUint(c.k, 10), Label: hangup.ListSuspected})
		}
	}
	return out
}
