package hangup

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// ScreenAction is what a PBX or carrier should do with a call. Actions are
// ordered: allow < label < warn < block.
type ScreenAction string

// Screening actions.
const (
	ActionAllow ScreenAction = "allow" // put the call through unchanged
	ActionLabel ScreenAction = "label" // put it through with the display label (e.g. "IMEX (verified)", "Unverified")
	ActionWarn  ScreenAction = "warn"  // put it through, labelled as a suspected scam
	ActionBlock ScreenAction = "block" // reject it: SIP 603 Network Blocked
)

// ScreenActions lists every action, mildest first.
var ScreenActions = []ScreenAction{ActionAllow, ActionLabel, ActionWarn, ActionBlock}

// Rank orders actions: higher is stricter; unknown values rank lowest.
func (a ScreenAction) Rank() int {
	switch a {
	case ActionLabel:
		return 1
	case ActionWarn:
		return 2
	case ActionBlock:
		return 3
	}
	return 0
}

// Display labels. A client shows the label as, or in front of, the caller's
// name; the organisation label is "<name> (verified)".
const (
	LabelSuspectedScam = "Suspected scam"
	LabelUnverified    = "Unverified"
	LabelVerifiedFmt   = "%s (verified)"
	// LabelOrgLineFmt labels a call showing a line people call an
	// organisation on, which it may never call from: check before trusting.
	LabelOrgLineFmt = "%s line? Call back to check"
	// LabelSpoofedFmt labels a call from a verified organisation's number
	// that people report scammers faking: it may be the organisation, or
	// not, and the reasons say to call back on the real number.
	LabelSpoofedFmt = "%s (often faked)"
)

// ScreenRequest is one call to screen, as a PBX, SBC or carrier sees it
// before the phone rings. Its JSON form is the body of POST /api/v1/screen.
type ScreenRequest struct {
	// From is the calling number: P-Asserted-Identity if present, else the
	// From header. Any SIP form ("sip:+441632960123@host;user=phone",
	// "tel:+44…", "<sip:…>", "+44…", national "01632 960123"); empty,
	// "anonymous" or "unavailable" for a withheld number.
	From string `json:"from"`
	// To is the called number (Request-URI, else To).
	To string `json:"to"`
	// Identity holds the SIP Identity header values (RFC 8224), if any.
	Identity []string `json:"identity,omitempty"`
	// Verstat is a verification status an upstream network already put on
	// the call (the verstat parameter of P-Asserted-Identity or From, or
	// Twilio's StirVerstat). It is used when the call carries no Identity
	// header to verify here.
	Verstat string `json:"verstat,omitempty"`
	// International is true when the call came in over an international
	// gateway.
	International bool `json:"international,omitempty"`
}

// ScreenPolicy is how a customer turns risk into action. Each layer of the
// decision adds (or, for good evidence, removes) risk points; the sum,
// clamped to 0..100, is compared with the thresholds. A threshold above 100
// switches that action off (e.g. BlockAt 101: label and warn, never block).
type ScreenPolicy struct {
	LabelAt int `json:"label_at"` // at or above: label "Unverified"
	WarnAt  int `json:"warn_at"`  // at or above: warn, "Suspected scam"
	BlockAt int `json:"block_at"` // at or above: block with 603
}

// DefaultScreenPolicy returns the thresholds documented in
// docs/integrations/README.md: label at 20, warn at 50, block at 80.
func DefaultScreenPolicy() ScreenPolicy { return ScreenPolicy{LabelAt: 20, WarnAt: 50, BlockAt: 80} }

// Validate checks that 1 ≤ LabelAt ≤ WarnAt ≤ BlockAt ≤ 101.
func (p ScreenPolicy) Validate() error {
	if p.LabelAt < 1 || p.LabelAt > p.WarnAt || p.WarnAt > p.BlockAt || p.BlockAt > 101 {
		return Invalid("The screening thresholds are not in order.",
			FieldError{Field: "policy", Message: "needs 1 ≤ label_at ≤ warn_at ≤ block_at ≤ 101 (101 switches an action off)"})
	}
	return nil
}

// SIPAnswer is how a SIP proxy acts on a decision. Code 0 means "let the
// call continue", adding Headers to the INVITE; 603 means reject it with
// Phrase and the Reason header (ATIS-1000099 "603+").
type SIPAnswer struct {
	Code    int               `json:"code"`
	Phrase  string            `json:"phrase,omitempty"`
	Reason  string            `json:"reason,omitempty"`  // the Reason header value for a rejection
	Headers map[string]string `json:"headers,omitempty"` // headers to add to a call that continues
}

// Decision is the answer to a ScreenRequest. Its JSON form is a stable API
// contract: integrations switch on Action and on the reason codes.
type Decision struct {
	Action ScreenAction `json:"action"`
	// Label is what to show the person called: "" when there is nothing
	// to say, else e.g. "Suspected scam", "IMEX (verified)", "Unverified".
	Label string `json:"label"`
	// Score is the risk, 0..100, the policy compared.
	Score int `json:"score"`
	// Reasons says why, one per layer that found something, most
	// serious first. Codes are stable (screen.*, stir.*).
	Reasons []Reason `json:"reasons"`
	// Verstat is the verification status: from verifying the Identity
	// header here, else the upstream verstat, else No-TN-Validation.
	Verstat string `json:"verstat"`
	// Attestation is the SHAKEN attestation (A, B, C) of a verified call.
	Attestation string `json:"attestation,omitempty"`
	// Caller is the calling number in E.164 as Hangup understood it, "" if
	// withheld or unreadable.
	Caller string `json:"caller"`
	// Organisation is the registry organisation publishing the calling
	// number, if any.
	Organisation string    `json:"organisation,omitempty"`
	SIP          SIPAnswer `json:"sip"`
}

// PrimaryReason returns the code of the most serious reason, or "" if none.
func (d *Decision) PrimaryReason() string {
	if len(d.Reasons) == 0 {
		return ""
	}
	return d.Reasons[0].Code
}

// APIKey is a screening client's credential with its own policy, rate limit
// and lists. Only a hash of the secret is stored; the secret is shown once,
// when the key is made.
type APIKey struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`   // unique, chosen by the operator, e.g. "pbx-london"
	Prefix    string       `json:"prefix"` // the secret's first characters, to tell keys apart
	Hash      []byte       `json:"-"`      // SHA-256 of the whole secret
	CreatedAt time.Time    `json:"created_at"`
	Disabled  bool         `json:"disabled"`
	RateLimit float64      `json:"rate_limit"` // requests per second; 0 means the server's default
	RateBurst int          `json:"rate_burst"` // 0 means the server's default
	Policy    ScreenPolicy `json:"policy"`
	Allow     []string     `json:"allow"` // E.164 numbers always put through
	Deny      []string     `json:"deny"`  // E.164 numbers always blocked (emergency calls excepted)
	// Scopes says what the key may do (least privilege): ScopeScreen,
	// ScopeExport or both. Empty means ScopeScreen alone, what every key
	// could do before scopes existed.
	Scopes []string `json:"scopes"`
	// OrganisationID is the organisation an "org" or "org_read" key
	// belongs to: it reaches that organisation's /api/v1/org/ endpoints and
	// nothing else. Set when the key is made; never changed.
	OrganisationID string `json:"organisation_id,omitempty"`
}

// API key scopes.
const (
	ScopeScreen = "screen" // screen calls: /api/v1/screen, the PBX adapters, live calls
	ScopeExport = "export" // read what Hangup shares: the blocklist, its sync, CardDAV, exports
	// ScopeOrg manages one organisation's published facts through
	// /api/v1/org/ (what its org_admin may do there).
	ScopeOrg = "org"
	// ScopeOrgRead reads one organisation's /api/v1/org/ endpoints (what
	// its org_member may do).
	ScopeOrgRead = "org_read"
)

// APIKeyScopes lists every scope.
var APIKeyScopes = []string{ScopeScreen, ScopeExport, ScopeOrg, ScopeOrgRead}

// HasScope reports whether the key may do what scope allows.
func (k *APIKey) HasScope(scope string) bool {
	if len(k.Scopes) == 0 {
		return scope == ScopeScreen
	}
	for _, s := range k.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// APIKeyStore persists API keys. Implementations must pass storetest.
type APIKeyStore interface {
	// CreateAPIKey stores k (Hash and Prefix set by the caller) and sets its
	// ID and, if zero, CreatedAt. ECONFLICT if the name is taken.
	CreateAPIKey(ctx context.Context, k *APIKey) error
	// ListAPIKeys returns every key, disabled ones included, with its lists,
	// ordered by ID.
	ListAPIKeys(ctx context.Context) ([]*APIKey, error)
	// FindAPIKey returns the key called name. ENOTFOUND if none.
	FindAPIKey(ctx context.Context, name string) (*APIKey, error)
	// UpdateAPIKey replaces the policy, limits, lists and disabled flag of
	// the key with k.ID (name, hash and creation time stay). ENOTFOUND if
	// there is none.
	UpdateAPIKey(ctx context.Context, k *APIKey) error
	// APIKeysVersion returns a value that changes whenever a key is
	// created or updated, so servers can reload keys cheaply when, and only
	// when, another process changed them.
	APIKeysVersion(ctx context.Context) (int64, error)
}

// MaxListNumbers caps each of an API key's allow and deny lists.
const MaxListNumbers = 100_000

// Validate checks an API key before it is stored: a name of 1–64 letters,
// digits, '.', '_' or '-'; a 32-byte hash; sane limits; a valid policy; and
// list entries in E.164 form.
func (k *APIKey) Validate() error {
	var fields []FieldError
	if k.Name == "" || len(k.Name) > 64 || !nameChars(k.Name) {
		fields = append(fields, FieldError{Field: "name", Message: "must be 1 to 64 letters, digits, '.', '_' or '-'"})
	}
	if len(k.Hash) != 32 {
		fields = append(fields, FieldError{Field: "hash", Message: "must be a SHA-256 hash"})
	}
	if k.RateLimit < 0 || k.RateBurst < 0 {
		fields = append(fields, FieldError{Field: "rate_limit", Message: "must be 0 (the server's default) or more"})
	}
	if err := k.Policy.Validate(); err != nil {
		fields = append(fields, ErrorFields(err)...)
	}
	orgScoped := false
	for _, s := range k.Scopes {
		if !slices.Contains(APIKeyScopes, s) {
			fields = append(fields, FieldError{Field: "scopes", Message: fmt.Sprintf("%q is not one of: screen, export, org, org_read", s)})
			break
		}
		orgScoped = orgScoped || s == ScopeOrg || s == ScopeOrgRead
	}
	switch {
	case orgScoped && k.OrganisationID == "":
		fields = append(fields, FieldError{Field: "organisation", Message: "an org or org_read key must belong to one organisation"})
	case orgScoped && len(k.Scopes) > 2:
		fields = append(fields, FieldError{Field: "scopes", Message: "an organisation's key may have only the org and org_read scopes"})
	case !orgScoped && k.OrganisationID != "":
		fields = append(fields, FieldError{Field: "organisation", Message: "only org and org_read keys belong to an organisation"})
	}
	if orgScoped {
		for _, s := range k.Scopes {
			if s != ScopeOrg && s != ScopeOrgRead {
				fields = append(fields, FieldError{Field: "scopes", Message: "an organisation's key may have only the org and org_read scopes"})
				break
			}
		}
	}
	for _, l := range []struct {
		name string
		nums []string
	}{{"allow", k.Allow}, {"deny", k.Deny}} {
		if len(l.nums) > MaxListNumbers {
			fields = append(fields, FieldError{Field: l.name, Message: fmt.Sprintf("holds at most %d numbers", MaxListNumbers)})
			continue
		}
		for _, n := range l.nums {
			if !IsE164(n) {
				fields = append(fields, FieldError{Field: l.name, Message: fmt.Sprintf("%q is not an E.164 number such as +441632960123", n)})
				break
			}
		}
	}
	if len(fields) > 0 {
		return Invalid("The API key is not valid.", fields...)
	}
	return nil
}

func nameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// IsE164 reports whether s is "+" followed by 2 to 15 digits, the first not
// 0.
func IsE164(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
