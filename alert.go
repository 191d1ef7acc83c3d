package hangup

import (
	"context"
	"time"
)

// TopicAlerts is the change topic of alerts: an alert was published,
// withdrawn or expired early, so every node reloads the alerts it shows.
const TopicAlerts = "alerts"

// AlertStatus is where an alert is between its author and the public.
type AlertStatus string

// Alert statuses. An alert is public only while it is published and not
// past its expiry.
const (
	AlertPending   AlertStatus = "pending"   // written, waiting for an analyst's review
	AlertPublished AlertStatus = "published" // reviewed and public until it expires or is withdrawn
	AlertRejected  AlertStatus = "rejected"  // an analyst refused it; never public
	AlertWithdrawn AlertStatus = "withdrawn" // taken down by its author or an analyst
)

// AlertStatuses lists every status.
var AlertStatuses = []AlertStatus{AlertPending, AlertPublished, AlertRejected, AlertWithdrawn}

// Label is the status in plain words.
func (s AlertStatus) Label() string {
	switch s {
	case AlertPending:
		return "Waiting for review"
	case AlertPublished:
		return "Published"
	case AlertRejected:
		return "Not published"
	case AlertWithdrawn:
		return "Withdrawn"
	}
	return string(s)
}

// AlertAuthorKind says whom an alert speaks for.
type AlertAuthorKind string

// Alert authors.
const (
	AuthorAnalyst      AlertAuthorKind = "analyst"      // Hangup's own analysts
	AuthorOrganisation AlertAuthorKind = "organisation" // a person who speaks for the organisation concerned
)

// PublicAlert is a public warning about a live scam that uses an organisation's
// name ("Scammers are calling in our name…"). It is written by an analyst
// or by someone who speaks for the organisation, and is public only after
// an analyst's review, until it expires or is withdrawn.
type PublicAlert struct {
	ID             int64           `json:"id"`
	OrganisationID string          `json:"organisation_id"`
	Title          string          `json:"title"` // one line, plain words
	Text           string          `json:"text"`  // plain text; paragraphs split by blank lines
	Author         string          `json:"-"`     // the author's account email: never published
	AuthorKind     AlertAuthorKind `json:"author_kind"`
	Status         AlertStatus     `json:"status"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	PublishedAt    *time.Time      `json:"published_at,omitempty"`
	ExpiresAt      time.Time       `json:"expires_at"`
	ReviewedBy     string          `json:"-"` // the analyst's email: never published
	ReviewNote     string          `json:"-"` // why it was rejected or withdrawn; for the author and analysts
}

// Live reports whether the alert is public at now: published and not yet
// expired.
func (a *PublicAlert) Live(now time.Time) bool {
	return a != nil && a.Status == AlertPublished && now.Before(a.ExpiresAt)
}

// AlertEvent is one step in an alert's history, for the audit trail.
type AlertEvent struct {
	AlertID    int64       `json:"alert_id"`
	At         time.Time   `json:"at"`
	Actor      string      `json:"actor"` // the account's email, or "system"
	Kind       string      `json:"kind"`  // "created", "status"
	FromStatus AlertStatus `json:"from_status,omitempty"`
	ToStatus   AlertStatus `json:"to_status,omitempty"`
	Note       string      `json:"note,omitempty"`
}

// Label says what the event was in plain words.
func (e AlertEvent) Label() string {
	switch {
	case e.Kind == "created":
		return "Written and sent for review"
	case e.ToStatus == AlertPublished:
		return "Published"
	case e.ToStatus == AlertRejected:
		return "Not published"
	case e.ToStatus == AlertWithdrawn:
		return "Withdrawn"
	}
	return e.Kind
}

// AlertFilter selects alerts. Zero fields don't filter.
type AlertFilter struct {
	OrganisationID string
	Status         AlertStatus
	LiveAt         time.Time // published and expiring after this time
	Limit          int       // default 50, at most 500
}

// AlertStore persists alerts and their history. Implementations must pass
// storetest.
type AlertStore interface {
	// CreateAlert stores a (status pending) with a "created" event in one
	// transaction and sets its ID.
	CreateAlert(ctx context.Context, a *PublicAlert) error
	// FindAlert returns the alert with this ID. ENOTFOUND if none.
	FindAlert(ctx context.Context, id int64) (*PublicAlert, error)
	// ListAlerts returns the alerts matching f, newest first (by
	// publication, then creation).
	ListAlerts(ctx context.Context, f AlertFilter) ([]*PublicAlert, error)
	// SetAlertStatus moves alert id from status from to status to at at,
	// recording actor and note in the alert (ReviewedBy, ReviewNote) and
	// as an event, in one transaction. Publishing sets PublishedAt.
	// ENOTFOUND if there is no such alert, ECONFLICT if its status is not
	// from (someone else acted first).
	SetAlertStatus(ctx context.Context, id int64, from, to AlertStatus, actor, note string, at time.Time) error
	// AlertEvents returns an alert's history, oldest first.
	AlertEvents(ctx context.Context, id int64) ([]AlertEvent, error)
}

// AlertLookup gives the live alerts about an organisation from memory, for
// check results and organisation pages.
type AlertLookup interface {
	// LiveAlerts returns the alerts about organisation id that are public
	// at now, newest first.
	LiveAlerts(id string, now time.Time) []*PublicAlert
}
