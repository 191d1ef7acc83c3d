package hangup

import (
	"context"
	"time"
)

// WebhookKind says how an organisation wants to be told.
type WebhookKind string

// Kinds of notification.
const (
	WebhookURL   WebhookKind = "webhook" // an HTTPS POST, signed with HMAC-SHA256
	WebhookEmail WebhookKind = "email"   // an email through the configured mail server
)

// Webhook is one place an organisation is told when reports naming it
// cross a threshold or a new number impersonates it.
type Webhook struct {
	ID             int64       `json:"id"`
	OrganisationID string      `json:"organisation_id"`
	Kind           WebhookKind `json:"kind"`
	Target         string      `json:"target"` // the URL, or the email address
	// Secret signs webhook deliveries (HMAC-SHA256); shown once to the
	// organisation when the webhook is made.
	Secret    string    `json:"-"`
	Threshold int       `json:"threshold"` // reports naming the organisation within a day that trigger a notice
	CreatedBy string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Events a webhook is told of.
const (
	EventThreshold = "reports.threshold"    // reports naming the organisation within a day reached the threshold
	EventNewNumber = "number.impersonating" // a number not the organisation's own appeared in a report naming it
	EventTest      = "test"                 // the test button
)

// DeliveryStatus is where one notice is.
type DeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending   DeliveryStatus = "pending"   // waiting for its first or next attempt
	DeliveryDelivered DeliveryStatus = "delivered" // the receiver answered 2xx, or the mail server took it
	DeliveryFailed    DeliveryStatus = "failed"    // every attempt failed, or the receiver refused it for good
)

// WebhookDelivery is one notice to one webhook, with the outcome of its
// attempts: the delivery log.
type WebhookDelivery struct {
	ID             int64          `json:"id"`
	WebhookID      int64          `json:"webhook_id"`
	EventKey       string         `json:"-"` // one delivery per webhook and key
	Event          string         `json:"event"`
	Payload        []byte         `json:"-"` // the exact JSON signed and sent
	Status         DeliveryStatus `json:"status"`
	Attempts       int            `json:"attempts"`
	NextAttemptAt  time.Time      `json:"next_attempt_at"`
	LastAttemptAt  *time.Time     `json:"last_attempt_at,omitempty"`
	ResponseStatus int            `json:"response_status,omitempty"`
	LastError      string         `json:"last_error,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
}

// WebhookStore persists organisations' webhooks and their delivery log.
// Implementations must pass storetest.
type WebhookStore interface {
	// CreateWebhook stores w and sets its ID.
	CreateWebhook(ctx context.Context, w *Webhook) error
	// FindWebhook returns the webhook with this ID. ENOTFOUND if none.
	FindWebhook(ctx context.Context, id int64) (*Webhook, error)
	// ListWebhooks returns the webhooks of organisation orgID, or of every
	// organisation when orgID is "", ordered by ID.
	ListWebhooks(ctx context.Context, orgID string) ([]*Webhook, error)
	// DeleteWebhook removes a webhook and its delivery log. ENOTFOUND if
	// none.
	DeleteWebhook(ctx context.Context, id int64) error
	// EnqueueDelivery stores d as pending and sets its ID, unless the
	// webhook already has a delivery with d.EventKey: then it stores
	// nothing and returns false.
	EnqueueDelivery(ctx context.Context, d *WebhookDelivery) (bool, error)
	// ClaimDeliveries returns up to limit pending deliveries due at now,
	// oldest first, and moves their next attempt to now+lease in the same
	// statement, so that two nodes never attempt one delivery at once.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*WebhookDelivery, error)
	// RecordDeliveryAttempt saves the outcome of an attempt: d's Status,
	// Attempts, NextAttemptAt, LastAttemptAt, ResponseStatus and
	// LastError. ENOTFOUND if there is no such delivery.
	RecordDeliveryAttempt(ctx context.Context, d *WebhookDelivery) error
	// ListDeliveries returns a webhook's most recent deliveries, newest
	// first, at most limit.
	ListDeliveries(ctx context.Context, webhookID int64, limit int) ([]*WebhookDelivery, error)
}
