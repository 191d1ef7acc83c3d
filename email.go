package hangup

import "context"

// Email is one plain-text message to one person.
type Email struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends email.
type Mailer interface {
	// Send delivers e to the mail server. Returns EINVALID for an address
	// the server can't take, EUNAVAILABLE when the server can't be reached
	// or refuses the message for now (safe to retry).
	Send(ctx context.Context, e Email) error
}
