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

// Evidence is one unit of evidence about a number from one reporter: that a
// call from it was a scam (or, with Legit, that it was genuine).
type Evidence struct {
	ID          int64     `json:"-"`        // store-assigned, increasing
	Number      string    `json:"number"`   // E.164
	ReporterKey string    `json:"-"`        // account id or keyed anonymous hash
	Weight      float64   `json:"weight"`   // accounts 1, anonymous and imported less
	Legit       bool      `json:"legit"`    // evidence that the number is genuine
	Category    string    `json:"category"` // scam type or report subject
	At          time.Time `json:"at"`       // when the call happened (or was reported)
	ReportRef   string    `json:"report,omitempty"`
	Source      string    `json:"source"` // "web", "api", "cli", "ftc-dnc", "analyst"
	Withdrawn   bool      `json:"withdrawn,omitempty"`
}

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
	Reports       int               `json:"reports"` // evidence units counted: at most one per reporter per number per EvidencePeriod
	FirstSeen     *time.Time        `json:"first_seen,omitempty"`
	LastSeen      *time.Time        `json:"last_seen,omitempty"`
	Categories    []string          `json:"categories,omitempty"`
	Spoofed       bool              `json:"spoofed,omitempty"` // a verified number reported in scam calls
	Organisation  string            `json:"organisation,omitempty"`
	Reasons       []Reason          `json:"reasons"`
	Appeal        *Appeal           `json:"appeal,omitempty"` // the latest appeal, if any
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
}
