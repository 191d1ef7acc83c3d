package stir

import "fmt"

// Reason is a stable, machine-readable outcome code. The screening engine
// surfaces these to PBX administrators and integrations switch on them, so a
// value, once shipped, never changes meaning; new failure modes get new
// values.
type Reason string

// Reasons. The comment after each gives the SIP response code that RFC 8224
// §6.2.2 (and ATIS-1000074) associates with it; Reason.SIPCode returns it.
const (
	ReasonOK         Reason = "stir.ok"          // 0: the SHAKEN PASSporT verified
	ReasonNoIdentity Reason = "stir.no_identity" // 0: the call carried no Identity header

	ReasonMalformed      Reason = "stir.malformed"         // 438: not three base64url JSON parts, bad parameters
	ReasonTooLarge       Reason = "stir.too_large"         // 438: header value above the size cap
	ReasonMissingInfo    Reason = "stir.missing_info"      // 436: no ;info=<…> parameter
	ReasonUnsupportedAlg Reason = "stir.unsupported_alg"   // 438: alg is not ES256
	ReasonUnsupportedPPT Reason = "stir.unsupported_ppt"   // 438: no PASSporT with ppt "shaken"
	ReasonBadHeader      Reason = "stir.bad_header"        // 438: typ not passport, x5u missing, crit or b64 present
	ReasonX5UMismatch    Reason = "stir.x5u_mismatch"      // 438: JOSE x5u differs from the info parameter
	ReasonMissingClaim   Reason = "stir.missing_claim"     // 438: attest, origid, iat, orig or dest absent
	ReasonBadClaim       Reason = "stir.bad_claim"         // 438: a claim has the wrong shape or value
	ReasonStale          Reason = "stir.stale"             // 403: iat older than the freshness window
	ReasonFuture         Reason = "stir.future"            // 403: iat later than now plus the window
	ReasonStaleDate      Reason = "stir.stale_date"        // 403: SIP Date header outside the window
	ReasonOrigMismatch   Reason = "stir.orig_mismatch"     // 438: orig.tn is not the calling number
	ReasonDestMismatch   Reason = "stir.dest_mismatch"     // 438: dest.tn does not contain the called number
	ReasonX5URefused     Reason = "stir.x5u_refused"       // 436: x5u breaks the fetch policy (scheme, port, address)
	ReasonCertFetch      Reason = "stir.cert_unavailable"  // 436: the certificate could not be fetched or parsed
	ReasonUntrusted      Reason = "stir.untrusted_chain"   // 437: no chain to a configured STI trust anchor
	ReasonCertExpired    Reason = "stir.cert_expired"      // 437: a certificate in the chain was not valid at iat
	ReasonBadKey         Reason = "stir.bad_key"           // 437: the signing key is not ECDSA P-256
	ReasonBadCert        Reason = "stir.bad_certificate"   // 437: e.g. malformed JWTClaimConstraints
	ReasonNoTNAuthList   Reason = "stir.no_tnauthlist"     // 437: the certificate has no TNAuthList extension
	ReasonBadTNAuthList  Reason = "stir.bad_tnauthlist"    // 437: TNAuthList malformed or without an SPC
	ReasonBadSignature   Reason = "stir.bad_signature"     // 438: the ES256 signature does not verify
	ReasonTNNotInCert    Reason = "stir.tn_not_authorised" // 438: orig.tn outside the certificate's TN entries
	ReasonConstraints    Reason = "stir.claim_constraints" // 438: a claim breaks the certificate's JWTClaimConstraints
	ReasonDivMismatch    Reason = "stir.div_mismatch"      // 438: div.tn is not the previous hop's destination
)

// reasonInfo is what each Reason maps to. Keeping the SIP code and the
// standard phrase in one table means the mapping cannot drift between the
// verifier, the screening engine and the SIP Reason header it produces.
var reasonInfo = map[Reason]struct {
	code int
	text string
}{
	ReasonOK:             {0, "TN validation passed"},
	ReasonNoIdentity:     {0, "No Identity header"},
	ReasonMalformed:      {438, "Invalid Identity Header"},
	ReasonTooLarge:       {438, "Invalid Identity Header"},
	ReasonMissingInfo:    {436, "Bad Identity Info"},
	ReasonUnsupportedAlg: {438, "Invalid Identity Header"},
	ReasonUnsupportedPPT: {438, "Invalid Identity Header"},
	ReasonBadHeader:      {438, "Invalid Identity Header"},
	ReasonX5UMismatch:    {438, "Invalid Identity Header"},
	ReasonMissingClaim:   {438, "Invalid Identity Header"},
	ReasonBadClaim:       {438, "Invalid Identity Header"},
	ReasonStale:          {403, "Stale Date"},
	ReasonFuture:         {403, "Stale Date"},
	ReasonStaleDate:      {403, "Stale Date"},
	ReasonOrigMismatch:   {438, "Invalid Identity Header"},
	ReasonDestMismatch:   {438, "Invalid Identity Header"},
	ReasonX5URefused:     {436, "Bad Identity Info"},
	ReasonCertFetch:      {436, "Bad Identity Info"},
	ReasonUntrusted:      {437, "Unsupported Credential"},
	ReasonCertExpired:    {437, "Unsupported Credential"},
	ReasonBadKey:         {437, "Unsupported Credential"},
	ReasonBadCert:        {437, "Unsupported Credential"},
	ReasonNoTNAuthList:   {437, "Unsupported Credential"},
	ReasonBadTNAuthList:  {437, "Unsupported Credential"},
	ReasonBadSignature:   {438, "Invalid Identity Header"},
	ReasonTNNotInCert:    {438, "Invalid Identity Header"},
	ReasonConstraints:    {438, "Invalid Identity Header"},
	ReasonDivMismatch:    {438, "Invalid Identity Header"},
}

// SIPCode returns the SIP response code RFC 8224 assigns to the reason: 436
// Bad Identity Info, 437 Unsupported Credential, 438 Invalid Identity Header or
// 403 Stale Date; 0 when the reason is not a failure. Unknown reasons map to
// 438, the catch-all for an Identity header the verifier cannot accept.
func (r Reason) SIPCode() int {
	if i, ok := reasonInfo[r]; ok {
		return i.code
	}
	return 438
}

// Text returns the standard SIP reason phrase for the reason, e.g. "Stale
// Date". It is stable and suitable for a SIP Reason header's text parameter.
func (r Reason) Text() string {
	if i, ok := reasonInfo[r]; ok {
		return i.text
	}
	return "Invalid Identity Header"
}

// Error is a verification failure with its stable reason and a human detail.
// Parsing and fetching return it so callers can branch on Reason with
// errors.As; Verify folds it into a Result.
type Error struct {
	Reason Reason
	Detail string // for people: what exactly was wrong
	Err    error  // low-level cause, if any; for logs
}

// Error formats the reason, the detail and any cause, for logs.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Reason, e.Detail, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Reason, e.Detail)
}

// Unwrap returns the low-level cause.
func (e *Error) Unwrap() error { return e.Err }

// fail builds an *Error; a short name because every check uses it.
func fail(r Reason, format string, args ...any) *Error {
	return &Error{Reason: r, Detail: fmt.Sprintf(format, args...)}
}
