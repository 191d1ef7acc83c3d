package hangup

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ListingLabel is how the published blocklist labels a number. Only the
// reputation's own verdicts are ever published (docs/sharing.md): a number
// is listed only when the evidence of accounts and trusted sources, not
// anonymous reports alone, made it a scam number; suspected numbers are
// listed only where an operator asks for them, and then as a warning that
// never blocks.
type ListingLabel string

// Listing labels.
const (
	ListScam      ListingLabel = "scam"      // block: reputation says scam
	ListSuspected ListingLabel = "suspected" // warn only: never blocks, on the central node or a synced one
)

// Valid reports whether l is one of the labels.
func (l ListingLabel) Valid() bool { return l == ListScam || l == ListSuspected }

// Listing is one number on the published blocklist.
type Listing struct {
	Number string       `json:"number"` // E.164
	Label  ListingLabel `json:"label"`
}

// ListingOp is what happened to a number in one version of the blocklist.
type ListingOp string

// Listing operations.
const (
	ListingAdded   ListingOp = "add"
	ListingChanged ListingOp = "change" // the label changed
	ListingRemoved ListingOp = "remove"
)

// ListingChange is one change of the blocklist. Version numbers rise by one
// per change; the blocklist's version is the version of its latest change.
type ListingChange struct {
	Version int64        `json:"version"`
	Number  string       `json:"number"`
	Op      ListingOp    `json:"op"`
	Label   ListingLabel `json:"label,omitempty"` // the new label; empty for a removal
	At      time.Time    `json:"at"`
}

// BlocklistPublish says what one publication of the blocklist did.
type BlocklistPublish struct {
	Version int64 // the blocklist's version afterwards
	Added   int
	Changed int
	Removed int
	// Stale is true when a list computed from newer evidence had already
	// been published by another node: nothing was changed.
	Stale bool
}

// BlocklistStore keeps the published blocklist and its change log in the
// database, so that every node serves the same list, the same versions and
// the same changes. Implementations must pass storetest.
type BlocklistStore interface {
	// PublishBlocklist makes want (numbers, each at most once, with valid
	// labels) the published list: every number added, removed or
	// relabelled becomes one change with the next version, all in one
	// transaction, serialised against other publishers. asOf is the
	// evidence high-water mark the list was computed from: a list computed
	// from older evidence than the last published one changes nothing
	// (Stale). EINVALID for a malformed listing.
	PublishBlocklist(ctx context.Context, asOf int64, want []Listing) (BlocklistPublish, error)
	// Blocklist returns the published list ordered by number, and its
	// version (0 before the first publication).
	Blocklist(ctx context.Context) ([]Listing, int64, error)
	// BlocklistVersion returns the version alone: one cheap query.
	BlocklistVersion(ctx context.Context) (int64, error)
	// BlocklistChanges returns, for every number that changed after
	// version since, its latest change, ordered by number, and the current
	// version. complete is false when the log no longer reaches back to
	// since (pruned) or since is ahead of the current version (another
	// installation's version): the caller then needs the whole list.
	BlocklistChanges(ctx context.Context, since int64) (changes []ListingChange, version int64, complete bool, err error)
	// PruneBlocklistChanges forgets changes made before cutoff, and returns
	// how many. Clients whose version is older get the whole list.
	PruneBlocklistChanges(ctx context.Context, cutoff time.Time) (int, error)
}

// SyncState is how far a local Hangup has followed a central one.
type SyncState struct {
	Source   string    `json:"source"`  // the central Hangup's address
	Version  int64     `json:"version"` // the central blocklist version held
	SyncedAt time.Time `json:"synced_at"`
	Listings int       `json:"listings"`
}

// SyncedListing is a number another Hangup lists, held locally so that
// screening keeps blocking it while the other Hangup is out of reach.
type SyncedListing struct {
	Source string       `json:"source"`
	Number string       `json:"number"`
	Label  ListingLabel `json:"label"`
}

// SyncStore keeps the listings pulled from other Hangups (hangup sync).
// Implementations must pass storetest.
type SyncStore interface {
	// ApplySync stores what one pull from source brought, in one
	// transaction: with full, changes (Op add) replace every listing of
	// source; otherwise each change is applied (add and change set the
	// label, remove deletes). The source's version becomes version.
	// EINVALID for a malformed number or label.
	ApplySync(ctx context.Context, source string, version int64, full bool, changes []ListingChange) error
	// SyncStates returns the state of every source, ordered by source.
	SyncStates(ctx context.Context) ([]SyncState, error)
	// SyncedListings returns every listing of every source, ordered by
	// number then source.
	SyncedListings(ctx context.Context) ([]SyncedListing, error)
	// SyncedVersion returns a value that changes whenever any source's
	// listings change: one cheap query, so nodes reload them only then.
	SyncedVersion(ctx context.Context) (int64, error)
}

// DiffListings returns the changes that turn the list current into want,
// ordered by number, without versions or times (the store assigns them).
// It returns EINVALID if want names a number twice, a number that is not
// E.164 or an unknown label.
func DiffListings(current map[string]ListingLabel, want []Listing) ([]ListingChange, error) {
	seen := make(map[string]bool, len(want))
	var out []ListingChange
	for _, l := range want {
		if !IsE164(l.Number) || !l.Label.Valid() {
			return nil, Invalid("A listing is not valid.", FieldError{Field: "listings",
				Message: "each needs an E.164 number and the label scam or suspected"})
		}
		if seen[l.Number] {
			return nil, Invalid("A listing is not valid.", FieldError{Field: "listings", Message: l.Number + " is listed twice"})
		}
		seen[l.Number] = true
		switch cur, ok := current[l.Number]; {
		case !ok:
			out = append(out, ListingChange{Number: l.Number, Op: ListingAdded, Label: l.Label})
		case cur != l.Label:
			out = append(out, ListingChange{Number: l.Number, Op: ListingChanged, Label: l.Label})
		}
	}
	for n := range current {
		if !seen[n] {
			out = append(out, ListingChange{Number: n, Op: ListingRemoved})
		}
	}
	sortChanges(out)
	return out, nil
}

func sortChanges(cs []ListingChange) {
	slices.SortFunc(cs, func(a, b ListingChange) int { return strings.Compare(a.Number, b.Number) })
}

// ValidSyncChange reports whether a change pulled from another Hangup can
// be stored: an E.164 number, a known operation and, unless it is a
// removal, a known label.
func ValidSyncChange(c ListingChange) bool {
	if !IsE164(c.Number) {
		return false
	}
	switch c.Op {
	case ListingAdded, ListingChanged:
		return c.Label.Valid()
	case ListingRemoved:
		return true
	}
	return false
}
