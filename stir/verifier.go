// Package stir verifies STIR/SHAKEN PASSporTs: the signed caller-ID
// assertions that arrive in SIP Identity headers (RFC 8224, 8225, 8588, 8226;
// ATIS-1000074), with diversion PASSporTs (RFC 8946) and branded caller names
// (RFC 9795 rcd).
//
// A Verifier answers, for one call, whether the calling number was attested
// by a service provider holding a certificate from a trusted STI-CA, with
// which attestation level, and why not when it was not. Verify never panics
// and never blocks past its fetch timeout: hostile input yields a Result with
// a stable Reason, which the screening engine passes on to PBX
// administrators.
package stir

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Verstat is the verification status a SIP network puts in the verstat
// parameter (3GPP TS 24.229) and downstream logic acts on.
type Verstat string

// Verification statuses.
const (
	VerstatPassed Verstat = "TN-Validation-Passed"
	VerstatFailed Verstat = "TN-Validation-Failed"
	// VerstatNone means the call carried nothing to verify. Over 90% of
	// calls are unsigned, so this must never block a call on its own.
	VerstatNone Verstat = "No-TN-Validation"
)

// DefaultFreshness is how far iat, and the SIP Date header, may be from now
// in either direction (RFC 8224 §6.2.1 recommends 60 s).
const DefaultFreshness = 60 * time.Second

// maxIdentityHeaders bounds the Identity values examined per call, so a
// request stuffed with headers costs a bounded amount of work.
const maxIdentityHeaders = 8

// maxX5UPerCall bounds the distinct certificate URLs one call may make the
// verifier fetch: a SHAKEN and a div PASSporT need at most two, and a hostile
// request must not turn one call into eight slow fetches.
const maxX5UPerCall = 3

// panicDetail marks a Result produced by recovering from a bug; the fuzz
// tests fail on it.
const panicDetail = "internal error while verifying"

// Config configures a Verifier. It is read once by NewVerifier.
type Config struct {
	// TrustAnchors are the STI-PA approved root CAs. Required; see
	// LoadTrustAnchors.
	TrustAnchors *x509.CertPool
	// Fetcher resolves x5u URLs to certificates. Required: an HTTPFetcher
	// in production, a MapFetcher in tests or for static certificates.
	Fetcher Fetcher
	// Now is the clock. Default time.Now; tests pin it.
	Now func() time.Time
	// Freshness is the largest allowed |now − iat| and |now − Date|.
	// Default DefaultFreshness.
	Freshness time.Duration
	// FetchTimeout bounds the total time one Verify call waits for
	// certificates, however many Identity headers it carries. Default 3 s,
	// just above HTTPFetcher's own 2 s, so the fetcher's more precise error
	// normally wins. Callers with a tighter budget pass a ctx deadline.
	FetchTimeout time.Duration
}

// Verifier verifies Identity headers. It caches the outcome of certificate
// chain checks, so calls signed with an already-seen certificate only pay
// for parsing and one ECDSA verification. It is safe for concurrent use.
type Verifier struct {
	cfg    Config
	chains *chainCache
	sigs   *sigCache // nil disables; benchmarks of the ECDSA path do that
}

// NewVerifier checks cfg, fills in defaults and returns a Verifier.
func NewVerifier(cfg Config) (*Verifier, error) {
	if cfg.TrustAnchors == nil {
		return nil, errors.New("stir: Config.TrustAnchors is required")
	}
	if cfg.Fetcher == nil {
		return nil, errors.New("stir: Config.Fetcher is required")
	}
	if cfg.Freshness < 0 || cfg.FetchTimeout < 0 {
		return nil, errors.New("stir: Config durations must not be negative")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Freshness == 0 {
		cfg.Freshness = DefaultFreshness
	}
	if cfg.FetchTimeout == 0 {
		cfg.FetchTimeout = 3 * time.Second
	}
	return &Verifier{
		cfg:    cfg,
		chains: &chainCache{m: map[[32]byte]*chainEntry{}, max: chainCacheMax},
		sigs:   &sigCache{m: map[[32]byte]sigEntry{}, max: sigCacheMax},
	}, nil
}

// Request is what Verify needs to know about one call.
type Request struct {
	// Identity holds the Identity header values, in the order received.
	// Values a SIP stack joined with commas are split again. The first
	// PASSporT with ppt "shaken" that verifies decides the result; "div"
	// PASSporTs are checked as diversions; others are ignored.
	Identity []string
	// From is the calling number: P-Asserted-Identity if present, else
	// From. Any SIP form works ("sip:+1215…@host", "tel:+1-215-…", "+1215…").
	From string
	// To is the called number: the Request-URI, else To.
	To string
	// Date is the SIP Date header; zero if absent.
	Date time.Time
	// DivertedFrom is the previous hop's destination when the call was
	// retargeted (History-Info or Diversion): a div PASSporT's div.tn must
	// equal it. Empty if unknown; div.tn must then match the shaken
	// PASSporT's dest.
	DivertedFrom string
}

// NameStatus says whether a caller name in a PASSporT can be shown as
// verified.
type NameStatus string

// Name statuses.
const (
	NameAbsent    NameStatus = "absent"    // no rcd nam claim
	NameVerified  NameStatus = "verified"  // the certificate's claim constraints permit this name
	NameUntrusted NameStatus = "untrusted" // signed, but the certificate does not vouch for it
)

// Result is the outcome of Verify. The fields describing the PASSporT
// (Attestation … CallerName) are set only when Verstat is VerstatPassed, so
// nothing unverified can be mistaken for fact.
type Result struct {
	Verstat Verstat

	Attestation string    // "A", "B" or "C"
	OrigID      string    // origid claim
	SPC         string    // service provider code from the certificate's TNAuthList
	OrigTN      string    // canonical orig.tn
	DestTNs     []string  // canonical dest.tn
	IAT         time.Time // issued-at
	X5U         string    // certificate URL

	// CallerName is the rcd nam, set only when NameStatus is NameVerified.
	CallerName string
	NameStatus NameStatus
	// ClaimedName is a signed rcd nam the certificate does not vouch for:
	// to be shown, if at all, as unverified. A "Microsoft Support" here is
	// itself a warning sign.
	ClaimedName string

	// Diversion describes the first div PASSporT, if the call carried one.
	Diversion *Diversion

	Reason     Reason // stable machine code, e.g. "stir.stale"
	ReasonCode int    // SIP code: 436, 437, 438, 403, or 0
	ReasonText string // standard SIP phrase, e.g. "Stale Date"
	Detail     string // what exactly was wrong, for people
}

// Diversion is the outcome of checking a div PASSporT (RFC 8946).
type Diversion struct {
	Verified bool
	DivTN    string   // canonical div.tn: the number the call was diverted from
	DestTNs  []string // canonical dest.tn: where it was diverted to
	SPC      string   // service provider that signed the diversion

	Reason     Reason
	ReasonCode int
	Detail     string
}

// candidate is one Identity value on its way through Verify.
type candidate struct {
	id  *Identity
	err *Error
	ppt string
}

// checked is a PASSporT that passed every check.
type checked struct {
	p      *PASSporT
	x5u    string
	info   *certInfo
	origTN string
	dests  []string
	divTN  string
}

// callBudget tracks the certificate URLs one Verify call has fetched.
type callBudget struct{ x5us []string }

// allow reports whether x5u may be fetched within this call's budget.
func (b *callBudget) allow(x5u string) bool {
	for _, u := range b.x5us {
		if u == x5u {
			return true
		}
	}
	if len(b.x5us) >= maxX5UPerCall {
		return false
	}
	b.x5us = append(b.x5us, x5u)
	return true
}

// Verify verifies the Identity headers of one call. It does not return an
// error: every outcome, including garbage input and unreachable certificate
// hosts, is a Result with a Reason.
func (v *Verifier) Verify(ctx context.Context, req Request) (res Result) {
	defer func() {
		// Parsers of hostile input are fuzzed, but a crash here would drop
		// calls: turn any missed bug into a failed verification instead.
		if r := recover(); r != nil {
			res = failed(&Error{Reason: ReasonMalformed, Detail: panicDetail, Err: fmt.Errorf("panic: %v", r)})
		}
	}()
	now := v.cfg.Now()
	ctx, cancel := context.WithTimeout(ctx, v.cfg.FetchTimeout)
	defer cancel()
	budget := &callBudget{}

	var values []string
	for _, h := range req.Identity {
		for _, s := range splitIdentityValues(h) {
			if s = strings.TrimSpace(s); s != "" && len(values) < maxIdentityHeaders {
				values = append(values, s)
			}
		}
	}
	if len(values) == 0 {
		return Result{Verstat: VerstatNone, NameStatus: NameAbsent, Reason: ReasonNoIdentity, ReasonText: ReasonNoIdentity.Text(), Detail: "the call carries no Identity header"}
	}
	if !req.Date.IsZero() && (req.Date.Before(now.Add(-v.cfg.Freshness)) || req.Date.After(now.Add(v.cfg.Freshness))) {
		return failed(fail(ReasonStaleDate, "SIP Date %s is more than %s from now", req.Date.UTC().Format(time.RFC1123), v.cfg.Freshness))
	}

	var shaken, divs []candidate
	var others []string
	for _, s := range values {
		id, err := ParseIdentity(s)
		c := candidate{id: id}
		if err != nil {
			if !errors.As(err, &c.err) {
				c.err = &Error{Reason: ReasonMalformed, Detail: "unparseable Identity header", Err: err}
			}
			// An unparseable value might have been the SHAKEN one; keep it
			// so its failure is reported if nothing better verifies.
			shaken = append(shaken, c)
			continue
		}
		c.ppt = id.PPT
		if c.ppt == "" {
			c.ppt = id.PASSporT.Header.PPT
		}
		switch c.ppt {
		case PPTShaken:
			shaken = append(shaken, c)
		case PPTDiv:
			divs = append(divs, c)
		default:
			others = append(others, c.ppt)
		}
	}

	// Diversions first: a verified div PASSporT is what lets the SHAKEN
	// PASSporT's dest differ from the current To.
	wantDests := []string{req.To}
	var div *Diversion
	for _, c := range divs {
		ok, e := v.check(ctx, budget, c, PPTDiv, req, wantDests[:1], now)
		d := &Diversion{Verified: e == nil}
		if e != nil {
			d.Reason, d.ReasonCode, d.Detail = e.Reason, e.Reason.SIPCode(), e.Detail
		} else {
			d.DivTN, d.DestTNs, d.SPC = ok.divTN, ok.dests, ok.info.spc
			d.Reason, d.ReasonCode, d.Detail = ReasonOK, 0, "div PASSporT verified"
			wantDests = append(wantDests, d.DivTN)
		}
		if div == nil || (!div.Verified && d.Verified) {
			div = d
		}
	}

	var first *Error
	for _, c := range shaken {
		ok, e := v.check(ctx, budget, c, PPTShaken, req, wantDests, now)
		if e != nil {
			if first == nil {
				first = e
			}
			continue
		}
		res = passed(ok)
		res.Diversion = div
		return res
	}
	if first == nil {
		first = fail(ReasonUnsupportedPPT, "no Identity header has ppt \"shaken\" (saw %q)", clip(strings.Join(append(others, pptsOf(divs)...), ","), 64))
	}
	res = failed(first)
	res.Diversion = div
	return res
}

func pptsOf(cs []candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ppt)
	}
	return out
}

func failed(e *Error) Result {
	return Result{
		Verstat:    VerstatFailed,
		NameStatus: NameAbsent,
		Reason:     e.Reason,
		ReasonCode: e.Reason.SIPCode(),
		ReasonText: e.Reason.Text(),
		Detail:     e.Detail,
	}
}

func passed(c *checked) Result {
	cl := &c.p.Claims
	r := Result{
		Verstat:     VerstatPassed,
		Attestation: cl.Attest,
		OrigID:      cl.OrigID,
		SPC:         c.info.spc,
		OrigTN:      c.origTN,
		DestTNs:     c.dests,
		IAT:         time.Unix(cl.IAT, 0).UTC(),
		X5U:         c.x5u,
		NameStatus:  NameAbsent,
		Reason:      ReasonOK,
		ReasonText:  ReasonOK.Text(),
		Detail:      "SHAKEN PASSporT verified",
	}
	if cl.RCD != nil {
		if name := cleanName(cl.RCD.Name); name != "" {
			if c.info.constraints.permitsName() {
				r.CallerName, r.NameStatus = name, NameVerified
			} else {
				r.ClaimedName, r.NameStatus = name, NameUntrusted
			}
		}
	}
	return r
}

// check runs the whole checklist on one candidate, cheapest and
// network-free steps first, so hostile headers are rejected before they can
// make the verifier fetch anything.
func (v *Verifier) check(ctx context.Context, budget *callBudget, c candidate, ppt string, req Request, wantDests []string, now time.Time) (*checked, *Error) {
	if c.err != nil {
		return nil, c.err
	}
	id, p := c.id, &c.id.PASSporT
	h, cl := &p.Header, &p.Claims

	// Header and parameters (ATIS-1000074 §5.3.1).
	if id.Alg != "" && id.Alg != "ES256" {
		return nil, fail(ReasonUnsupportedAlg, "alg parameter is %q, not ES256", clip(id.Alg, 16))
	}
	if h.Alg != "ES256" {
		return nil, fail(ReasonUnsupportedAlg, "PASSporT alg is %q, not ES256", clip(h.Alg, 16))
	}
	if !strings.EqualFold(h.Typ, "passport") {
		return nil, fail(ReasonBadHeader, "PASSporT typ is %q, not \"passport\"", clip(h.Typ, 16))
	}
	if h.PPT != ppt || (id.PPT != "" && id.PPT != h.PPT) {
		return nil, fail(ReasonBadHeader, "ppt parameter %q and PASSporT ppt %q disagree", clip(id.PPT, 16), clip(h.PPT, 16))
	}
	for _, x := range h.Extra {
		if x == "crit" || x == "b64" {
			return nil, fail(ReasonBadHeader, "PASSporT header %q is not allowed in SHAKEN", x)
		}
	}
	if h.X5U == "" {
		return nil, fail(ReasonBadHeader, "PASSporT header has no x5u")
	}
	if h.X5U != id.Info {
		return nil, fail(ReasonX5UMismatch, "x5u %q differs from info %q", clip(h.X5U, 64), clip(id.Info, 64))
	}
	if len(p.signature) != 64 {
		// JWS ES256 is the 64-byte r‖s (RFC 7518 §3.4). A DER signature
		// (70–72 bytes) is a known signer bug and must not verify.
		return nil, fail(ReasonBadSignature, "signature is %d bytes; ES256 needs 64-byte r‖s", len(p.signature))
	}

	// Claims.
	required := []string{"iat", "orig", "dest"}
	if ppt == PPTShaken {
		required = []string{"attest", "origid", "iat", "orig", "dest"}
	} else if ppt == PPTDiv {
		required = append(required, "div")
	}
	for _, name := range required {
		if !cl.has(name) {
			return nil, fail(ReasonMissingClaim, "PASSporT has no %q claim", name)
		}
	}
	if cl.OrigTN == "" {
		return nil, fail(ReasonMissingClaim, "PASSporT has no orig.tn")
	}
	if len(cl.DestTNs) == 0 {
		return nil, fail(ReasonMissingClaim, "PASSporT has no dest.tn")
	}
	if ppt == PPTDiv && cl.DivTN == "" {
		return nil, fail(ReasonMissingClaim, "div PASSporT has no div.tn")
	}
	if ppt == PPTShaken {
		if cl.Attest != "A" && cl.Attest != "B" && cl.Attest != "C" {
			return nil, fail(ReasonBadClaim, "attest is %q, not A, B or C", clip(cl.Attest, 8))
		}
		if cl.OrigID == "" {
			return nil, fail(ReasonBadClaim, "origid is empty")
		}
	}

	// Freshness, in both directions: accepting future iat once let
	// replayed PASSporTs live forever in a shipped verifier.
	// Compare instants, not a difference: now.Sub saturates for extreme
	// iat values, and negating the saturated minimum overflows back to a
	// negative — a far-future iat would then look fresh.
	iat := time.Unix(cl.IAT, 0)
	if iat.Before(now.Add(-v.cfg.Freshness)) {
		return nil, fail(ReasonStale, "iat %d is more than %s before now", cl.IAT, v.cfg.Freshness)
	}
	if iat.After(now.Add(v.cfg.Freshness)) {
		return nil, fail(ReasonFuture, "iat %d is more than %s after now", cl.IAT, v.cfg.Freshness)
	}

	// Numbers (RFC 8224 §8.3): the PASSporT must be about this call.
	orig, ok := CanonicalTN(cl.OrigTN)
	from, ok2 := CanonicalTN(req.From)
	if !ok || !ok2 || orig != from {
		return nil, fail(ReasonOrigMismatch, "orig.tn %q is not the calling number %q", clip(cl.OrigTN, 24), clip(req.From, 48))
	}
	dests := make([]string, 0, len(cl.DestTNs))
	matched := false
	for _, d := range cl.DestTNs {
		cd, ok := CanonicalTN(d)
		if !ok {
			return nil, fail(ReasonBadClaim, "dest.tn %q is not a telephone number", clip(d, 24))
		}
		dests = append(dests, cd)
		for _, w := range wantDests {
			if cw, ok := CanonicalTN(w); ok && cw == cd {
				matched = true
			}
		}
	}
	if !matched {
		return nil, fail(ReasonDestMismatch, "dest.tn %q does not contain the called number %q", clip(strings.Join(cl.DestTNs, ","), 48), clip(req.To, 48))
	}
	var divTN string
	if ppt == PPTDiv {
		if divTN, ok = CanonicalTN(cl.DivTN); !ok {
			return nil, fail(ReasonBadClaim, "div.tn %q is not a telephone number", clip(cl.DivTN, 24))
		}
		if req.DivertedFrom != "" {
			if prev, ok := CanonicalTN(req.DivertedFrom); !ok || divTN != prev {
				return nil, fail(ReasonDivMismatch, "div.tn %q is not the previous destination %q", clip(cl.DivTN, 24), clip(req.DivertedFrom, 48))
			}
		}
	}

	// Certificate.
	if !budget.allow(h.X5U) {
		return nil, fail(ReasonCertFetch, "more than %d distinct x5u URLs in one call", maxX5UPerCall)
	}
	certs, err := v.cfg.Fetcher.Fetch(ctx, h.X5U)
	if err != nil {
		r := ReasonCertFetch
		if errors.Is(err, ErrX5URefused) {
			r = ReasonX5URefused
		}
		return nil, &Error{Reason: r, Detail: "cannot obtain the certificate at x5u", Err: err}
	}
	info, ferr := v.trust(certs, iat, now)
	if ferr != nil {
		return nil, ferr
	}

	// Signature, then what the certificate allows the signer to say.
	if !v.sigs.verify(info, p.signingInput, p.signature, now, 2*v.cfg.Freshness) {
		return nil, fail(ReasonBadSignature, "ES256 signature does not verify with the x5u certificate")
	}
	if !info.tnAuth.covers(orig) {
		return nil, fail(ReasonTNNotInCert, "orig.tn %s is outside the certificate's TNAuthList", orig)
	}
	if cerr := info.constraints.check(cl); cerr != nil {
		return nil, cerr
	}
	return &checked{p: p, x5u: h.X5U, info: info, origTN: orig, dests: dests, divTN: divTN}, nil
}

// verifyES256 checks a JWS ES256 signature: SHA-256 over the signing input
// and the raw 64-byte r‖s (RFC 7518 §3.4) checked with ecdsa.Verify.
// ecdsa.VerifyASN1 would accept DER instead, which JWS does not allow.
func verifyES256(pub *ecdsa.PublicKey, signingInput string, sig []byte) bool {
	if pub == nil || len(sig) != 64 {
		return false
	}
	digest := sha256.Sum256([]byte(signingInput))
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(pub, digest[:], r, s)
}

// sigCache remembers signature outcomes for the exact (certificate,
// signing input, signature) triple. The same Identity header is commonly
// verified more than once — INVITE retransmissions when an answer is slow,
// forked calls, several screening layers — and a repeat then costs a hash
// instead of an ECDSA verification. The result is a pure function of the
// key, so caching cannot change an outcome; entries live only as long as a
// PASSporT can stay fresh, after which the iat check rejects it anyway.
type sigCache struct {
	mu  sync.RWMutex
	m   map[[32]byte]sigEntry
	max int
}

type sigEntry struct {
	ok      bool
	expires time.Time
}

const sigCacheMax = 16384

func (c *sigCache) verify(info *certInfo, input string, sig []byte, now time.Time, ttl time.Duration) bool {
	if c == nil {
		return verifyES256(info.pub, input, sig)
	}
	h := sha256.New()
	h.Write(info.key[:])
	h.Write([]byte(input))
	h.Write([]byte{0}) // '.'-separated base64 never holds a NUL: unambiguous join
	h.Write(sig)
	var k [32]byte
	h.Sum(k[:0])
	c.mu.RLock()
	e, hit := c.m[k]
	c.mu.RUnlock()
	if hit && now.Before(e.expires) {
		return e.ok
	}
	ok := verifyES256(info.pub, input, sig)
	c.mu.Lock()
	if len(c.m) >= c.max {
		// Sweep, then free an eighth more, so a flood of distinct headers
		// pays for a sweep once per max/8 inserts, not on every one.
		for key, e := range c.m {
			if !now.Before(e.expires) {
				delete(c.m, key)
			}
		}
		for key := range c.m {
			if len(c.m) <= c.max-c.max/8 {
				break
			}
			delete(c.m, key)
		}
	}
	c.m[k] = sigEntry{ok: ok, expires: now.Add(ttl)}
	c.mu.Unlock()
	return ok
}

// cleanName makes a signed display name safe to show and log: controls and
// bidirectional overrides (which can make "troppuS tfosorciM" render as
// "Microsoft Support") are dropped, invalid UTF-8 replaced, length capped.
func cleanName(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u200B' || r == '\uFEFF' {
			continue
		}
		if n++; n > 128 {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
