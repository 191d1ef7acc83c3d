package hangup

import (
	"context"
	"time"
)

// The organisation portal (docs/registry.md, "Facts an organisation
// publishes"): a person proves they speak for an organisation by proving
// control of one of its domains (a claim), and then publishes the
// organisation's own facts. Published facts carry SourceOrganisation and
// live beside the imported registry, never in it: a registry import cannot
// overwrite them, and the registry snapshot lays them over the imported
// entry.

// ClaimStatus is where a claim stands.
type ClaimStatus string

// Claim statuses.
const (
	ClaimEmailSent ClaimStatus = "email_sent" // waiting for the confirmation link to be opened
	ClaimConfirmed ClaimStatus = "confirmed"  // the email is confirmed; waiting for the domain proof
	ClaimQueued    ClaimStatus = "queued"     // an analyst must decide (see QueueReason)
	ClaimVerified  ClaimStatus = "verified"   // proven (or approved); the account is the organisation's org_admin
	ClaimRejected  ClaimStatus = "rejected"   // an analyst refused it
)

// Reasons a claim goes to an analyst instead of being decided by the proof.
const (
	QueueUnknownOrganisation = "unknown_organisation" // the organisation is not in the registry
	QueueOtherDomain         = "other_domain"         // the email's domain is not one the registry lists for it
	QueueAlreadyHeld         = "already_held"         // someone already speaks for the organisation
	QueueAccountExists       = "account_exists"       // the email already has an account
)

// OrgClaim is one person's claim to speak for an organisation. The secret
// link in the confirmation email (only its hash is kept) is how the person
// comes back to the claim until it is decided.
type OrgClaim struct {
	ID               int64       `json:"id"`
	OrganisationID   string      `json:"organisation_id"`   // as asked; may not be in the registry
	OrganisationName string      `json:"organisation_name"` // as typed, for the analyst
	Domain           string      `json:"domain"`            // the email's domain, the one to prove
	Email            string      `json:"email"`
	PasswordHash     string      `json:"-"` // the account's, made when the claim is verified
	Status           ClaimStatus `json:"status"`
	QueueReason      string      `json:"queue_reason,omitempty"`
	TokenHash        []byte      `json:"-"`
	// Challenge is the value to publish in DNS or over HTTPS. It names
	// the domain it is for, so a record made for another claim is told
	// apart from a wrong one.
	Challenge  string     `json:"challenge"`
	ExpiresAt  time.Time  `json:"expires_at"` // the challenge (and an unconfirmed email link) expires
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	VerifiedAt *time.Time `json:"verified_at,omitempty"`
	Method     string     `json:"method,omitempty"` // "dns", "https" or "analyst"
	DecidedBy  string     `json:"decided_by,omitempty"`
	UserID     int64      `json:"user_id,omitempty"`
}

// FactKind says what an organisation published.
type FactKind string

// Fact kinds.
const (
	FactNumber  FactKind = "number"  // a phone number with its role
	FactDomain  FactKind = "domain"  // a website domain
	FactContact FactKind = "contact" // a call-back route other than a number: a web page, an app
	FactPolicy  FactKind = "policy"  // a calling policy in the organisation's words
)

// FactStatus says whether a fact has effect.
type FactStatus string

// Fact statuses. Only verified facts change anything (labels, spoofing
// rules, official domains, guidance); a declared one is shown to the
// organisation alone.
const (
	FactDeclared  FactStatus = "declared"
	FactVerified  FactStatus = "verified"
	FactWithdrawn FactStatus = "withdrawn"
)

// How a fact was verified.
const (
	VerifiedByCode    = "code"    // a one-time code delivered to the number was entered
	VerifiedByAnalyst = "analyst" // an analyst saw documentary evidence
	VerifiedByDomain  = "domain"  // the organisation's proven domain speaks for its own words
	VerifiedByDNS     = "dns"     // a DNS TXT challenge on the domain
	VerifiedByHTTPS   = "https"   // a file at https://domain/.well-known/hangup-challenge
)

// OrgFact is one fact an organisation published about itself.
type OrgFact struct {
	ID             int64      `json:"id"`
	OrganisationID string     `json:"organisation_id"`
	Kind           FactKind   `json:"kind"`
	Value          string     `json:"value"`              // E.164 number, domain, route URL or policy code
	Number         string     `json:"number,omitempty"`   // a number as the organisation writes it
	Role           NumberRole `json:"role,omitempty"`     // numbers
	Text           string     `json:"text,omitempty"`     // a number's label, a route's text, a policy in its own words
	CallBack       bool       `json:"callback,omitempty"` // the route to give people who want to check a call
	Status         FactStatus `json:"status"`
	Method         string     `json:"method,omitempty"` // how it was verified
	CreatedBy      string     `json:"created_by"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	VerifiedAt     *time.Time `json:"verified_at,omitempty"`
	VerifiedBy     string     `json:"verified_by,omitempty"`
	// The one-time code for a number (hash only), its expiry, wrong
	// attempts and how many codes were sent in the current hour.
	CodeHash     []byte    `json:"-"`
	CodeExpires  time.Time `json:"-"`
	CodeAttempts int       `json:"-"`
	CodesSent    int       `json:"-"`
	CodeWindow   time.Time `json:"-"`
	// Challenge is the value proving a new domain (see OrgClaim.Challenge).
	Challenge string `json:"challenge,omitempty"`
}

// Effective reports whether the fact changes anything.
func (f *OrgFact) Effective() bool { return f != nil && f.Status == FactVerified }

// AuditEntry is one step in the organisation portal's audit log: every
// claim step, every refusal and every change to published facts, with who
// did it, when and why.
type AuditEntry struct {
	ID             int64     `json:"id"`
	At             time.Time `json:"at"`
	OrganisationID string    `json:"organisation_id"`
	Actor          string    `json:"actor"`   // an email, "analyst:<email>", "api:<token name>" or "system"
	Action         string    `json:"action"`  // e.g. "claim.verified", "fact.refused"
	Subject        string    `json:"subject"` // what it was about: a domain, a number, a claim id
	Detail         string    `json:"detail"`  // why, or what was refused and why
}

// OrgPortalStore persists claims, published facts and the audit log.
// Implementations must pass storetest. Every write that can change what
// the registry snapshot shows (a claim verified, a fact changed) announces
// TopicRegistry, so every node reloads its snapshot.
type OrgPortalStore interface {
	// CreateClaim stores c and sets its ID, recording a in the same
	// transaction. ECONFLICT if the token is not unique.
	CreateClaim(ctx context.Context, c *OrgClaim, a AuditEntry) error
	// FindClaim returns claim id; ENOTFOUND if none.
	FindClaim(ctx context.Context, id int64) (*OrgClaim, error)
	// FindClaimByToken returns the claim whose link token hashes to h;
	// ENOTFOUND if none.
	FindClaimByToken(ctx context.Context, h []byte) (*OrgClaim, error)
	// ListClaims returns claims with status ("" for all), newest first.
	ListClaims(ctx context.Context, status ClaimStatus, limit int) ([]*OrgClaim, error)
	// UpdateClaim saves c's status, reason, challenge, expiry,
	// verification and user, recording a. ENOTFOUND if there is none.
	UpdateClaim(ctx context.Context, c *OrgClaim, a AuditEntry) error
	// CreateFact stores f and sets its ID, recording a. ECONFLICT if the
	// fact is verified and its number or domain is already verified for
	// any organisation.
	CreateFact(ctx context.Context, f *OrgFact, a AuditEntry) error
	// UpdateFact saves f's status, verification, code and challenge
	// fields, recording a. ECONFLICT as for CreateFact; ENOTFOUND if none.
	UpdateFact(ctx context.Context, f *OrgFact, a AuditEntry) error
	// FindFact returns fact id; ENOTFOUND if none.
	FindFact(ctx context.Context, id int64) (*OrgFact, error)
	// ListFacts returns the facts of organisation ("" for every one),
	// withdrawn ones included, oldest first.
	ListFacts(ctx context.Context, organisation string) ([]*OrgFact, error)
	// AppendAudit records one entry on its own (refusals, which change
	// nothing else).
	AppendAudit(ctx context.Context, a AuditEntry) error
	// ListAudit returns the entries of organisation ("" for every one),
	// newest first, at most limit.
	ListAudit(ctx context.Context, organisation string, limit int) ([]AuditEntry, error)
}

// CodeSender delivers a one-time code to a phone number, so that a person
// at the organisation who answers that number can enter it. Adapters: a
// fake for tests, Twilio (a voice call reading the code).
type CodeSender interface {
	// SendCode delivers code to e164 on behalf of organisation (its name,
	// said before the code). EINVALID for a number the service refuses,
	// EUNAVAILABLE when it can't deliver now.
	SendCode(ctx context.Context, e164, organisation, code string) error
}

// Publisher says who published an organisation's facts through Hangup:
// shown on its page as "published by <Name>, verified by domain on <date>".
type Publisher struct {
	Name       string    `json:"name"`
	Domain     string    `json:"domain"`      // the domain whose control was proven
	VerifiedOn time.Time `json:"verified_on"` // when
}
