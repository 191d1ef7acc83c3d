package reputation

import (
	"maps"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// entry is one number's evidence, compact so that ten million fit in well
// under a gigabyte. Sums are decayed to ref; times are minutes since the
// Unix epoch. trusted is the part of scam that came from accounts and
// trusted sources (imports), not from anonymous reporters.
type entry struct {
	scam, legit, trusted float32
	ref, first, last     uint32
	units                int32
	cats                 uint16
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
	case ev.Weight > 0:
		e.units++
		e.first = min(e.first, at)
		e.last = max(e.last, at)
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
	cfg              *Config
}

func newIndex(cfg *Config) *Index {
	return &Index{base: map[uint64]entry{}, delta: map[uint64]entry{}, allow: map[uint64]string{}, verified: map[uint64]Verified{}, cfg: cfg}
}

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
	for _, ev := range evs {
		k, ok := phone.Key(ev.Number)
		if !ok {
			continue
		}
		e, _ := next.get(k)
		next.delta[k] = e.apply(ev, ix.cfg)
	}
	return &next
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
		v, conf = ix.cfg.classify(e.at(now, ix.cfg))
	} else {
		v = hangup.RepUnknown
	}
	if _, ok := ix.verified[k]; ok {
		return hangup.RepVerified, conf
	}
	return v, conf
}
