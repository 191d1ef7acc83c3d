package hangup

import (
	"context"
	"strings"
	"time"
)

// EvidencePeriod is how long one reporter's evidence about one number
// counts once: however often they report it within the period, it is one
// unit of evidence.
const EvidencePeriod = 30 * 24 * time.Hour

// AnonymousReporterPrefix starts the reporter key of evidence from people
// who were not signed in. Anonymous evidence alone can make a number
// suspected, never scam (docs/reputation.md): a scam listing needs
// accounts or trusted sources (imports).
const AnonymousReporterPrefix = "anon:"

// Anonymous reports whether the evidence came from an anonymous reporter.
func (e *Evidence) Anonymous() bool { return strings.HasPrefix(e.ReporterKey, AnonymousReporterPrefix) }

// Evidence is one unit of evidence about a number (or a website) from one
// reporter: that a call from it was a scam, or that a scam sent them to the
// website (or, with Legit, that the number was genuine).
type Evidence struct {
	ID          int64     `json:"-"`                // store-assigned, increasing
	Number      string    `json:"number,omitempty"` // E.164; "" for evidence about a website
	Domain      string    `json:"domain,omitempty"` // the website evidence is about (see SiteCheck.EvidenceKey); "" for a number
	ReporterKey string    `json:"-"`                // account id or keyed anonymous hash
	Weight      float64   `json:"weight"`           // accounts 1, anonymous and imported less
	Legit       bool      `json:"legit"`            // evidence that the number is genuine
	Category    string    `json:"category"`         // scam type or report subject
	At          time.Time `json:"at"`               // when the call happened (or was reported)
	ReportRef   string    `json:"report,omitempty"`
	Source      string    `json:"source"` // "web", "api", "cli", "ftc-dnc", "analyst"
	Withdrawn   bool      `json:"withdrawn,omitempty"`
}

// siteSubjectPrefix marks evidence about a website where stores keep the
// subject of evidence in one column: "site:" and the domain.
const siteSubjectPrefix = "site:"

// Subject is what the evidence is about as one string, for stores: the
// number, or "site:" and the domain.
func (e *Evidence) Subject() string {
	if e.Domain != "" {
		return siteSubjectPrefix + e.Domain
	}
	return e.Number
}

// SetSubject sets Number or Domain from a Subject.
func (e *Evidence) SetSubject(s string) {
	if d, ok := strings.CutPrefix(s, siteSubjectPrefix); ok {
		e.Number, e.Domain = "", d
		return
	}
	e.Number, e.Domain = s, ""
}

// SiteSubject is the Subject of evidence about domain.
func SiteSubject(domain string) string { return siteSubjectPrefix + domain }

// ReputationVerdict is what reputation says about a number.
type ReputationVerdict string

// Reputation verdicts.
const (
	RepUnknown   ReputationVerdict = "unknown"   // no or little evidence
	RepSuspected ReputationVerdict = "suspected" // evidence leans to scam, not yet confident
	RepScam      ReputationVerdict = "scam"      // confident: many independent reports
	RepDisputed  ReputationVerdict = "disputed"  // strong evidence both ways
	RepVerified  ReputationVerdict = "verified"  // a verified organisation's number: never listed as scam
	RepAllowed   ReputationVerdict = "allowed"   // on the administrators' allow-list
)

// Reputation is the reputation of one number with its reasons.
type Reputation struct {
	Number        string            `json:"number"`
	Verdict       ReputationVerdict `json:"verdict"`
	Confidence    float64           `json:"confidence"` // lower bound of the share of scam evidence, 0..1
	ScamEvidence  float64           `json:"scam_evidence"`
	LegitEvidence float64           `json:"legit_evidence"`
	Reports       int               `json:"reports"` // scam evidence units counted: at most one per reporter per number per EvidencePeriod
	// Genuine is how many reporters said the number is a genuine number
	// they know (one per reporter per number per EvidencePeriod).
	Genuine int `json:"genuine,omitempty"`
	// Disputed marks a listed (scam or suspected) number that people say
	// is genuine, for an analyst to look at; genuine evidence from people
	// not signed in never lifts a listing by itself.
	Disputed     bool       `json:"disputed,omitempty"`
	FirstSeen    *time.Time `json:"first_seen,omitempty"`
	LastSeen     *time.Time `json:"last_seen,omitempty"`
	Categories   []string   `json:"categories,omitempty"`
	Spoofed      bool       `json:"spoofed,omitempty"` // a verified number reported in scam calls
	Organisation string     `json:"organisation,omitempty"`
	// Listed names the central Hangup whose blocklist this one follows
	// (hangup sync) when that listing, not local evidence, sets the verdict.
	Listed  string   `json:"listed_by,omitempty"`
	Reasons []Reason `json:"reasons"`
	Appeal  *Appeal  `json:"appeal,omitempty"` // the latest appeal, if any
}

// AppealStatus is where a dispute stands.
type AppealStatus string

// Appeal statuses.
const (
	AppealOpen     AppealStatus = "open"
	AppealUpheld   AppealStatus = "upheld"   // the listing was wrong and is lifted
	AppealRejected AppealStatus = "rejected" // the listing stands
)

// Appeal is a number owner's dispute of a listing.
type Appeal struct {
	ID        int64        `json:"id"`
	Number    string       `json:"number"`
	Name      string       `json:"-"` // personal data: shown to analysts only
	Email     string       `json:"-"`
	Statement string       `json:"statement"`
	Status    AppealStatus `json:"status"`
	CreatedAt time.Time    `json:"created_at"`
	DecidedAt *time.Time   `json:"decided_at,omitempty"`
	DecidedBy string       `json:"-"`
	Decision  string       `json:"decision,omitempty"` // the reason, visible to the owner
}

// ReputationChange is one audited change to a number's standing.
type ReputationChange struct {
	At     time.Time `json:"at"`
	Number string    `json:"number"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"` // "allow", "unallow", "appeal_upheld", "appeal_rejected", "evidence_withdrawn"
	Reason string    `json:"reason"`
}

// ReputationStore persists evidence, the allow-list, appeals and the audit
// trail. Implementations must pass storetest.
type ReputationStore interface {
	// AllEvidence calls fn for every evidence row (withdrawn included),
	// oldest first, for building the in-memory index.
	AllEvidence(ctx context.Context, fn func(Evidence) error) error
	// EvidenceSince calls fn for evidence created after the given id,
	// returning the highest id seen, for incremental refresh.
	EvidenceSince(ctx context.Context, afterID int64, fn func(Evidence) error) (int64, error)
	// HasRecentEvidence reports whether reporter already gave evidence about
	// number at or after since (withdrawn evidence counts).
	HasRecentEvidence(ctx context.Context, number, reporter string, since time.Time) (bool, error)
	// AllowList returns the allow-listed numbers with the reason for each.
	AllowList(ctx context.Context) (map[string]string, error)
	// SetAllowed adds (allowed true) or removes a number from the allow-list,
	// recording the change. Idempotent.
	SetAllowed(ctx context.Context, number string, allowed bool, actor, reason string) error
	// CreateAppeal stores an open appeal and sets its ID.
	CreateAppeal(ctx context.Context, a *Appeal) error
	// Appeals returns appeals for number ("" for all) with status ("" for
	// all), newest first.
	Appeals(ctx context.Context, number string, status AppealStatus) ([]*Appeal, error)
	// DecideAppeal records a decision. ENOTFOUND if no such appeal;
	// ECONFLICT if it was already decided.
	DecideAppeal(ctx context.Context, id int64, status AppealStatus, actor, reason string) (*Appeal, error)
	// ReputationChanges returns the audit trail for number ("" for all),
	// newest first.
	ReputationChanges(ctx context.Context, number string, limit int) ([]ReputationChange, error)

	// AddEvidence stores one piece of evidence given outside a report (the
	// number page's "This is a genuine number I know"), unless the same
	// reporter already gave evidence about the same subject within
	// EvidencePeriod before it: the check runs in the same transaction. It
	// reports whether the evidence was stored.
	AddEvidence(ctx context.Context, e Evidence) (bool, error)

	// SiteDecisions returns every website an analyst confirmed or cleared.
	SiteDecisions(ctx context.Context) (map[string]SiteDecision, error)
	// DecideSite records an analyst's decision about a website (domain as
	// in SiteCheck.EvidenceKey): SiteConfirmed, SiteCleared, or "" to
	// withdraw the decision and let the evidence speak. Every change is
	// recorded with who and why; setting what is already so records
	// nothing. EINVALID for another decision.
	DecideSite(ctx context.Context, domain string, decision SiteDecisionKind, actor, reason string) error
	// SiteChanges returns the audit trail for domain ("" for all), newest
	// first.
	SiteChanges(ctx context.Context, domain string, limit int) ([]SiteChange, error)
}

// SiteDecisionKind is an analyst's decision about a website.
type SiteDecisionKind string

// Analysts' decisions about websites.
const (
	SiteConfirmed SiteDecisionKind = "confirmed" // a scam site: listed whatever the evidence
	SiteCleared   SiteDecisionKind = "cleared"   // not a scam site: reports no longer list it
)

// SiteDecision is the standing decision about one website.
type SiteDecision struct {
	Domain   string           `json:"domain"`
	Decision SiteDecisionKind `json:"decision"`
	Reason   string           `json:"reason"`
	Actor    string           `json:"-"` // the analyst: shown to analysts only
	At       time.Time        `json:"at"`
}

// SiteChange is one audited change to a website's standing.
type SiteChange struct {
	At     time.Time `json:"at"`
	Domain string    `json:"domain"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"` // "confirm", "clear", "undecide", "evidence_withdrawn"
	Reason string    `json:"reason"`
}

// SiteReputation is what reports and analysts say about one website.
type SiteReputation struct {
	Domain     string            `json:"domain"`  // the name reports count against
	Verdict    ReputationVerdict `json:"verdict"` // unknown, suspected, scam, verified (an official site), allowed (cleared)
	Confidence float64           `json:"confidence"`
	Reports    int               `json:"reports"` // distinct reporters (networks for anonymous ones) in the evidence
	FirstSeen  *time.Time        `json:"first_seen,omitempty"`
	LastSeen   *time.Time        `json:"last_seen,omitempty"`
	// Decision is the analyst's standing decision, if any.
	Decision     *SiteDecision `json:"decision,omitempty"`
	Organisation string        `json:"organisation,omitempty"` // whose official site it is, for verified
	Summary      string        `json:"summary"`                // one plain sentence
}

// SiteDecisionAction names the audit action of a decision about a website:
// "confirm", "clear" or "undecide" (""). EINVALID for any other decision.
func SiteDecisionAction(d SiteDecisionKind) (string, error) {
	switch d {
	case SiteConfirmed:
		return "confirm", nil
	case SiteCleared:
		return "clear", nil
	case "":
		return "undecide", nil
	}
	return "", Invalid("Choose confirm or clear.", FieldError{Field: "decision", Message: "Choose whether to confirm the website as a scam, clear it, or withdraw the decision."})
}
