// Package screen decides what a PBX, SBC or carrier should do with an
// incoming call before the phone rings: allow it, label it, warn about it
// or block it, with a reason code from each layer that found something and
// the SIP answer that carries the decision.
//
// The layers follow docs/telephony.md: emergency destinations, caller-ID
// structure, Ofcom allocation, Do-Not-Originate numbers, origin, STIR/SHAKEN,
// reputation, the organisation registry and the customer's own lists. Each
// adds risk points (or removes them, for good evidence); the customer's
// policy turns the sum into an action.
//
// Decisions are made from memory: an immutable Snapshot swapped atomically
// when the registry or the reputation index changes, and a lock-free cache
// of caller-ID facts in front of the phone engine. Nothing touches a
// database per call.
package screen

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/stir"
)

// DefaultVerifyTimeout bounds the STIR/SHAKEN verification of one call,
// certificate fetch included. PBX clients are told to give Hangup 300–500
// ms; a first fetch of a new certificate can take longer, and a call must
// not wait on a slow x5u host past this.
const DefaultVerifyTimeout = time.Second

// maxIdentityValues caps the Identity values one request may carry. The
// verifier examines at most eight; more is a malformed or hostile request.
const maxIdentityValues = 32

// Observer is told about every decision, e.g. to count them for metrics.
// It must be fast and safe for concurrent use.
type Observer interface {
	ObserveDecision(d *hangup.Decision, elapsed time.Duration)
}

// Config configures an Engine.
type Config struct {
	// Numbers classifies caller IDs (numbering plan and Ofcom tables).
	// Required.
	Numbers *phone.Intel
	// Verifier verifies Identity headers. Nil means no STI trust anchors
	// are configured: Identity headers then get verstat No-TN-Validation
	// and the reason screen.stir_no_trust_anchors.
	Verifier *stir.Verifier
	// Reputation holds the reputation thresholds (SuspectAt tells a
	// spoofed verified number). Zero: reputation.DefaultConfig.
	Reputation reputation.Config
	// VerifyTimeout bounds one call's verification. Default
	// DefaultVerifyTimeout.
	VerifyTimeout time.Duration
	// Now is the clock for reputation decay. Default time.Now.
	Now func() time.Time
	// Observer, if set, sees every decision.
	Observer Observer
}

// Engine screens calls. It is safe for concurrent use; Screen never
// blocks on an update.
type Engine struct {
	cfg   Config
	snap  atomic.Pointer[Snapshot]
	mu    sync.Mutex // serialises snapshot updates
	facts *factCache
}

// New returns an engine with an empty snapshot: no registry numbers and no
// reputation until SetRegistry and SetReputation install them.
func New(cfg Config) (*Engine, error) {
	if cfg.Numbers == nil {
		return nil, errors.New("screen: Config.Numbers is required")
	}
	if cfg.Reputation.ScamAt == 0 {
		cfg.Reputation = reputation.DefaultConfig()
	}
	if cfg.VerifyTimeout <= 0 {
		cfg.VerifyTimeout = DefaultVerifyTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	e := &Engine{cfg: cfg, facts: new(factCache)}
	e.snap.Store(&Snapshot{orgs: map[uint64]orgRef{}, short: map[string]orgRef{}, repc: cfg.Reputation, Built: time.Now()})
	return e, nil
}

// Snapshot returns the snapshot decisions currently read.
func (e *Engine) Snapshot() *Snapshot { return e.snap.Load() }

// SetRegistry indexes a registry snapshot and installs it. The index is
// built before the swap, so decisions meanwhile use the previous one.
func (e *Engine) SetRegistry(s *registry.Snapshot) {
	orgs, short := registryTables(s)
	e.update(func(next *Snapshot) {
		next.orgs, next.short, next.Organisations = orgs, short, len(orgs)+len(short)
	})
}

// SetReputation installs a reputation index (already built: the swap is a
// pointer store).
func (e *Engine) SetReputation(ix *reputation.Index) {
	e.update(func(next *Snapshot) { next.rep = ix })
}

func (e *Engine) update(change func(*Snapshot)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	next := *e.snap.Load()
	change(&next)
	next.Built = time.Now()
	e.snap.Store(&next)
}

// HasVerifier reports whether STI trust anchors are configured.
func (e *Engine) HasVerifier() bool { return e.cfg.Verifier != nil }

// Verify verifies a call's Identity headers alone (the ATIS-1000082
// verification service). Without trust anchors the answer is
// No-TN-Validation with a detail saying so.
func (e *Engine) Verify(ctx context.Context, req stir.Request) stir.Result {
	if e.cfg.Verifier == nil {
		return stir.Result{Verstat: stir.VerstatNone, NameStatus: stir.NameAbsent, Reason: CodeNoTrustAnchors,
			ReasonText: "No trust anchors", Detail: fNoTrustAnchors.reason.Message}
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.VerifyTimeout)
	defer cancel()
	return e.cfg.Verifier.Verify(ctx, req)
}

// Screen decides what to do with one call for customer c (nil: the default
// policy and no lists). Bad call data is never an error: an unreadable
// number or a garbage Identity header is a reason in the decision. It
// returns ETOOLARGE only for a request with more than 32 Identity values.
func (e *Engine) Screen(ctx context.Context, req hangup.ScreenRequest, c *Customer) (*hangup.Decision, error) {
	if len(req.Identity) > maxIdentityValues {
		return nil, hangup.Errorf(hangup.ETOOLARGE, "A call carries at most %d Identity headers.", maxIdentityValues)
	}
	d := new(hangup.Decision)
	e.screen(ctx, &req, c, d)
	return d, nil
}

// ScreenTo is Screen writing into d, which it overwrites whole, for callers
// that reuse decisions (a sync.Pool in a server) instead of allocating one
// per call.
func (e *Engine) ScreenTo(ctx context.Context, req *hangup.ScreenRequest, c *Customer, d *hangup.Decision) error {
	if len(req.Identity) > maxIdentityValues {
		return hangup.Errorf(hangup.ETOOLARGE, "A call carries at most %d Identity headers.", maxIdentityValues)
	}
	e.screen(ctx, req, c, d)
	return nil
}

func (e *Engine) screen(ctx context.Context, req *hangup.ScreenRequest, c *Customer, d *hangup.Decision) {
	var start time.Time
	if e.cfg.Observer != nil {
		start = time.Now()
	}
	e.decide(ctx, req, c, d)
	if e.cfg.Observer != nil {
		e.cfg.Observer.ObserveDecision(d, time.Since(start))
	}
}

// findings collects one decision's findings on the stack.
type findings struct {
	list [12]finding
	n    int
}

func (fs *findings) add(f finding) {
	if fs.n < len(fs.list) {
		fs.list[fs.n] = f
		fs.n++
	}
}

func (e *Engine) decide(ctx context.Context, req *hangup.ScreenRequest, c *Customer, d *hangup.Decision) {
	reasons := d.Reasons[:0]
	*d = hangup.Decision{Verstat: string(stir.VerstatNone), Reasons: reasons}
	var fs findings

	// 1. Emergency destinations: always put through, nothing else asked.
	to := ""
	if len(req.To) <= maxNumberInput {
		to = userPart(req.To)
	}
	if e.isEmergency(to) {
		fs.add(fEmergencyCall)
		finish(d, &fs, hangup.ActionAllow, "")
		return
	}

	// 2–3. Caller-ID structure and allocation.
	var f *facts
	switch user := userPart(req.From); {
	case len(req.From) > maxNumberInput:
		fs.add(fUnreadable)
	case isWithheld(user):
		fs.add(fWithheld)
	default:
		f = e.lookup(user)
		d.Caller = f.e164
	}
	emergencyCaller := f != nil && f.has(numEmergency)

	// 9, first: the customer's own lists override every other layer.
	if c != nil && f != nil && f.key != 0 {
		if _, ok := c.allow[f.key]; ok {
			fs.add(fCustomerAllow)
			finish(d, &fs, hangup.ActionAllow, "")
			return
		}
		if _, ok := c.deny[f.key]; ok && !emergencyCaller {
			fs.add(fCustomerDeny)
			finish(d, &fs, hangup.ActionBlock, hangup.LabelSuspectedScam)
			return
		}
	}
	if f != nil {
		switch {
		case emergencyCaller:
			fs.add(fEmergencyCaller)
		case f.has(numUnreadable):
			fs.add(fUnreadable)
		case f.has(numPremium):
			fs.add(fPremium)
		case f.has(numUnallocated):
			fs.add(fUnallocated)
		case f.has(numWrongLength):
			fs.add(fWrongLength)
		case f.has(numInvalid), !f.has(numValid) && !f.has(numShort):
			fs.add(fInvalid)
		}
	}

	// 4. Do-Not-Originate, and 8's registry entry for later.
	snap := e.snap.Load()
	var ref orgRef
	isOrg := false
	if f != nil {
		if ref, isOrg = snap.org(f); isOrg {
			d.Organisation = ref.name
			if ref.dno {
				fs.add(fDoNotOriginate)
			}
		}
	}

	// 5. Origin: UK numbers arriving from abroad.
	if req.International && f != nil {
		if f.has(numUKFixed) {
			fs.add(fUKFromAbroad)
		} else if f.has(numUKMobile) {
			fs.add(fUKMobileFromAbroad)
		}
	}

	// 6. STIR/SHAKEN: verify here if the call is signed, else take the
	// upstream network's verstat. A failed attestation on a verified
	// organisation's number is soft: its genuine calls fail attestation
	// too (a misconfigured carrier), so it can warn, never block.
	verifiedOrg := isOrg && ref.verified
	attestedA, failed := false, false
	if len(req.Identity) > 0 {
		if e.cfg.Verifier == nil {
			fs.add(fNoTrustAnchors)
		} else {
			r := e.verify(ctx, req, f, to)
			d.Verstat = string(r.Verstat)
			d.Attestation = r.Attestation
			attestedA = r.Verstat == stir.VerstatPassed && r.Attestation == "A"
			failed = r.Verstat == stir.VerstatFailed
			sf := stirFinding(&r)
			sf.soft = failed && verifiedOrg
			fs.add(sf)
		}
	} else if v, attest := upstreamVerstat(req.Verstat); v != "" {
		d.Verstat = string(v)
		switch v {
		case stir.VerstatPassed:
			d.Attestation = attest
			attestedA = attest == "A"
			fs.add(fUpstreamPassed)
		case stir.VerstatFailed:
			failed = true
			uf := fUpstreamFailed
			uf.soft = verifiedOrg
			fs.add(uf)
		}
	}

	// 7. Reputation. A verified organisation's number with scam reports is
	// being spoofed: never listed as scam, labelled so the person can call
	// back on the real number, never blocked for it. Suspected (what
	// anonymous reports alone can reach) warns but never blocks.
	spoofed := false
	if f != nil && f.e164 != "" && snap.rep != nil {
		v, conf := snap.rep.Score(f.e164, e.cfg.Now())
		if verifiedOrg && (v == hangup.RepScam || v == hangup.RepSuspected) {
			v = hangup.RepVerified
		}
		switch v {
		case hangup.RepAllowed:
			fs.add(fRepAllowed)
		case hangup.RepScam:
			r := fRepScam
			r.points = 60 + int(40*conf+0.5)
			fs.add(r)
		case hangup.RepSuspected:
			r := fRepSuspect
			r.points = 30 + int(40*conf+0.5)
			fs.add(r)
		case hangup.RepDisputed:
			fs.add(fRepDisputed)
		case hangup.RepVerified:
			if conf >= snap.repc.SuspectAt {
				if attestedA {
					fs.add(fRepSpoofedAttested)
				} else {
					spoofed = true
					r := fRepSpoofed
					if ref.spoofMsg != "" {
						r.reason.Message = ref.spoofMsg
					}
					fs.add(r)
				}
			}
		}
	}

	// 8. Registry: a verified label, unless verification failed or the
	// number is known to be spoofed.
	orgLabel := ""
	switch {
	case verifiedOrg && spoofed:
		orgLabel = ref.spoofLabel
	case ref.callsOut && !failed:
		fs.add(fVerifiedOrg)
		orgLabel = ref.label
	case verifiedOrg && !failed:
		fs.add(fOrgLine)
		orgLabel = ref.label
	}

	// Soft findings count toward label and warn, never toward block: the
	// block line is tested on the call as it would be without them, with
	// the registry's credit a verified number loses only to soft evidence.
	score, hard := 0, 0
	for i := range fs.n {
		score += fs.list[i].points
		if !fs.list[i].soft || fs.list[i].points < 0 {
			hard += fs.list[i].points
		}
	}
	if verifiedOrg && (spoofed || failed) {
		hard += fVerifiedOrg.points
	}
	score = min(max(score, 0), 100)
	p := c.Policy()
	if score >= p.BlockAt && hard < p.BlockAt {
		score = p.BlockAt - 1
	}
	d.Score = score
	action, label := hangup.ActionAllow, ""
	switch {
	case score >= p.BlockAt:
		action, label = hangup.ActionBlock, hangup.LabelSuspectedScam
	case score >= p.WarnAt:
		action, label = hangup.ActionWarn, hangup.LabelSuspectedScam
	case score >= p.LabelAt:
		action, label = hangup.ActionLabel, hangup.LabelUnverified
	case orgLabel != "":
		action, label = hangup.ActionLabel, orgLabel
	}
	if spoofed && action != hangup.ActionBlock {
		// The organisation's name with the warning says more than
		// "Unverified" or "Suspected scam": it may be them, or a fake.
		if action.Rank() < hangup.ActionLabel.Rank() {
			action = hangup.ActionLabel
		}
		label = orgLabel
	}
	if emergencyCaller && action == hangup.ActionBlock {
		action = hangup.ActionWarn
	}
	finish(d, &fs, action, label)
}

// finish orders the reasons (most serious first, then by weight), sets the
// action, label and SIP answer.
func finish(d *hangup.Decision, fs *findings, action hangup.ScreenAction, label string) {
	l := fs.list[:fs.n]
	for i := 1; i < len(l); i++ { // insertion sort: a handful of items
		for j := i; j > 0 && before(&l[j], &l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	// Reuse the slice of a recycled decision; a fresh one with no reasons
	// gets an empty, non-nil slice (JSON []) without allocating.
	if d.Reasons == nil {
		d.Reasons = make([]hangup.Reason, 0, len(l))
	}
	for i := range l {
		d.Reasons = append(d.Reasons, l[i].reason)
	}
	d.Action, d.Label = action, label
	if action == hangup.ActionBlock && d.Score == 0 {
		d.Score = 100
	}
	d.SIP = SIPAnswer(d)
}

func before(a, b *finding) bool {
	if ra, rb := a.reason.Severity.Rank(), b.reason.Severity.Rank(); ra != rb {
		return ra > rb
	}
	return a.points > b.points
}

// isEmergency reports whether a called user part is an emergency number.
// Emergency numbers are short, so longer numbers skip libphonenumber's
// pattern match: it runs on every call.
func (e *Engine) isEmergency(to string) bool {
	d := strings.TrimPrefix(to, "+")
	if len(d) < 2 || len(d) > 8 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return phone.IsEmergency(d, e.cfg.Numbers.DefaultRegion())
}

// verify runs the STIR/SHAKEN verifier with the numbers in E.164 form where
// Hangup could read them, so a national-format From still matches a
// PASSporT's orig.tn.
func (e *Engine) verify(ctx context.Context, req *hangup.ScreenRequest, f *facts, to string) stir.Result {
	from := req.From
	if f != nil && f.e164 != "" {
		from = f.e164
	}
	dest := req.To
	if _, ok := phone.Key(to); ok {
		dest = to
	} else if to != "" {
		if n := e.cfg.Numbers.ParseNumber(to); n.E164 != "" {
			dest = n.E164
		}
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.VerifyTimeout)
	defer cancel()
	return e.cfg.Verifier.Verify(ctx, stir.Request{Identity: req.Identity, From: from, To: dest})
}

// upstreamVerstat reads a verstat as upstream networks write it:
// "TN-Validation-Passed", Twilio's "TN-Validation-Passed-A", "No-TN-Validation"
// (any case). Unknown values count as absent.
func upstreamVerstat(s string) (stir.Verstat, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", ""
	case len(s) >= len(stir.VerstatPassed) && strings.EqualFold(s[:len(stir.VerstatPassed)], string(stir.VerstatPassed)):
		attest := ""
		if rest := s[len(stir.VerstatPassed):]; len(rest) == 2 && rest[0] == '-' {
			if a := rest[1] &^ 0x20; a == 'A' || a == 'B' || a == 'C' {
				attest = string(a)
			}
		}
		return stir.VerstatPassed, attest
	case len(s) >= len(stir.VerstatFailed) && strings.EqualFold(s[:len(stir.VerstatFailed)], string(stir.VerstatFailed)):
		return stir.VerstatFailed, ""
	case strings.EqualFold(s, string(stir.VerstatNone)):
		return stir.VerstatNone, ""
	}
	return "", ""
}
