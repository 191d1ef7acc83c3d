package hangup

import "context"

// Change topics: what changed, so that each node rebuilds only the
// in-memory state that depends on it.
const (
	TopicRegistry   = "registry"   // organisations: reload the registry snapshot
	TopicReputation = "reputation" // evidence, the allow-list, appeals: refresh the reputation index
	TopicAPIKeys    = "apikeys"    // API keys: reload the key cache
	TopicBlocklist  = "blocklist"  // a new version of the published blocklist: reload the shared view
)

// Change is one notice from a Changes feed.
type Change struct {
	Topic string
	// Local is true when the change was made through this process. Services
	// that already updated their own state after writing can ignore it;
	// caches kept elsewhere in the process use it to stay in step.
	Local bool
}

// Changes carries change notices between the processes that share one
// database, so that every node's snapshots and caches follow changes made
// through any other node. Notices say only which topic changed, never what:
// a subscriber reloads from the database, which stays the truth.
//
// Delivery is at least once and may be coalesced: several changes can
// arrive as one notice, a notice can arrive more than once, and after a
// lost connection a notice can arrive for a change that did not happen.
// Subscribers must therefore be idempotent (a reload, a refresh).
type Changes interface {
	// Publish announces that topic changed. Call it after the change is
	// committed. It returns EUNAVAILABLE if the notice cannot be sent now;
	// the change itself is safe, and other nodes still see it at their
	// next periodic poll.
	Publish(ctx context.Context, topic string) error
	// Subscribe calls fn for every notice, from this process and others,
	// until the returned function is called. fn runs on the feed's own
	// goroutine: it must return quickly and hand slow work elsewhere.
	Subscribe(fn func(Change)) (unsubscribe func())
}
