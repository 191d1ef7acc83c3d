package hangup

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TopicFeeds is the change topic for blocklist feeds: a feed added,
// disabled, removed or refreshed. Nodes reload their feed index.
const TopicFeeds = "feeds"

// FeedFormat is how a blocklist feed writes its entries.
type FeedFormat string

// Feed formats.
const (
	// FeedHosts is a hosts file: "0.0.0.0 bad.example" lines.
	FeedHosts FeedFormat = "hosts"
	// FeedAdblock is an adblock filter list: "||bad.example^" rules; other
	// rules are skipped.
	FeedAdblock FeedFormat = "adblock"
	// FeedDomains is one domain per line.
	FeedDomains FeedFormat = "domains"
	// FeedCSV is a table with a header row: the column called url, domain,
	// host or hostname (else the first column) holds hosts or URLs.
	FeedCSV FeedFormat = "csv"
)

// FeedFormats lists every format.
var FeedFormats = []FeedFormat{FeedHosts, FeedAdblock, FeedDomains, FeedCSV}

// Valid reports whether f is one of FeedFormats.
func (f FeedFormat) Valid() bool {
	for _, g := range FeedFormats {
		if f == g {
			return true
		}
	}
	return false
}

// Feed is a blocklist of websites an operator subscribed to: a list that
// someone else keeps (of phishing or scam sites) at a URL, fetched on a
// schedule. A listed site, or any site under a listed domain, is flagged
// with the feed's name. Hangup ships no feed: the operator chooses.
type Feed struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"` // unique, chosen by the operator, e.g. "phishing-army"
	URL       string     `json:"url"`  // http or https
	Format    FeedFormat `json:"format"`
	Disabled  bool       `json:"disabled"`
	CreatedAt time.Time  `json:"created_at"`
	// Validators of the last good copy, sent back on the next fetch so an
	// unchanged feed costs a 304.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// CheckedAt is the last fetch attempt, UpdatedAt the last one that
	// succeeded (with new content or a 304); zero if never.
	CheckedAt time.Time `json:"checked_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Entries   int       `json:"entries"`              // names in the last good copy
	LastError string    `json:"last_error,omitempty"` // why the last attempt failed; "" after a success
}

// MaxFeedURL caps a feed's URL.
const MaxFeedURL = 2048

// Validate checks a feed before it is stored: a name of 1–64 letters,
// digits, '.', '_' or '-'; an http or https URL with a host and no
// userinfo; a known format.
func (f *Feed) Validate() error {
	var fields []FieldError
	if f.Name == "" || len(f.Name) > 64 || !nameChars(f.Name) {
		fields = append(fields, FieldError{Field: "name", Message: "must be 1 to 64 letters, digits, '.', '_' or '-'"})
	}
	if u, err := url.Parse(f.URL); err != nil || len(f.URL) > MaxFeedURL || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		fields = append(fields, FieldError{Field: "url", Message: fmt.Sprintf("must be an http:// or https:// address of at most %d characters, without a user name", MaxFeedURL)})
	}
	if !f.Format.Valid() {
		var names []string
		for _, g := range FeedFormats {
			names = append(names, string(g))
		}
		fields = append(fields, FieldError{Field: "format", Message: "must be one of " + strings.Join(names, ", ")})
	}
	if len(fields) > 0 {
		return Invalid("The feed is not valid.", fields...)
	}
	return nil
}

// FeedEntry is one name a feed lists, with the time this Hangup first saw
// it there.
type FeedEntry struct {
	Name      string    `json:"name"`
	FirstSeen time.Time `json:"first_seen"`
}

// FeedFetch is the outcome of one successful fetch with new content.
type FeedFetch struct {
	At           time.Time
	ETag         string
	LastModified string
	Names        []string // every name of the new copy, normalised, without repeats
}

// FeedStore persists feeds and the last good copy of each. Implementations
// must pass storetest.
type FeedStore interface {
	// CreateFeed stores f and sets its ID and, if zero, CreatedAt. EINVALID
	// if f does not validate, ECONFLICT if the name is taken.
	CreateFeed(ctx context.Context, f *Feed) error
	// ListFeeds returns every feed, disabled ones included, ordered by ID.
	ListFeeds(ctx context.Context) ([]*Feed, error)
	// FindFeed returns the feed called name. ENOTFOUND if none.
	FindFeed(ctx context.Context, name string) (*Feed, error)
	// SetFeedDisabled switches the feed called name off or on. ENOTFOUND if
	// none.
	SetFeedDisabled(ctx context.Context, name string, disabled bool) error
	// DeleteFeed removes the feed called name and its entries. ENOTFOUND if
	// none.
	DeleteFeed(ctx context.Context, name string) error
	// SaveFeedFetch replaces the entries of feed id with fetch.Names in one
	// transaction: names already listed keep their first-seen time, new
	// ones get fetch.At, names no longer listed go. It records the
	// validators, sets CheckedAt and UpdatedAt to fetch.At and clears
	// LastError. ENOTFOUND if there is no feed id.
	SaveFeedFetch(ctx context.Context, id int64, fetch FeedFetch) error
	// SaveFeedCheck records an attempt that brought no new content: a 304
	// (failure "") sets CheckedAt and UpdatedAt and clears LastError; a
	// failure sets CheckedAt and LastError. The entries stay as they are:
	// the last good copy is kept. ENOTFOUND if there is no feed id.
	SaveFeedCheck(ctx context.Context, id int64, at time.Time, failure string) error
	// FeedEntries returns the entries of feed id, ordered by name. An
	// unknown id has none.
	FeedEntries(ctx context.Context, id int64) ([]FeedEntry, error)
	// FeedsVersion returns a value that changes whenever a feed or its
	// entries change, so nodes reload only when something did.
	FeedsVersion(ctx context.Context) (int64, error)
}

// SiteListing says that a list names a website: a blocklist feed, the
// reports of people Hangup heard from, or an analyst's decision.
type SiteListing struct {
	Kind   string    `json:"kind"`              // "feed", "reports" or "analyst"
	Source string    `json:"source"`            // the feed's name; "reports"; "analyst"
	Entry  string    `json:"entry"`             // the listed name that matched: the host or a domain above it
	Since  time.Time `json:"since"`             // when Hangup first saw the name on that list (the first report, the decision)
	Count  int       `json:"reports,omitempty"` // for reports: how many people reported it
}

// Listing kinds.
const (
	ListingFeed    = "feed"
	ListingReports = "reports" // reported as a scam site by several people
	ListingAnalyst = "analyst" // confirmed as a scam site by an analyst
)

// SiteListings answers, from memory, which lists name a host. The website
// checker asks it on every check, so it must be fast and safe for
// concurrent use. host is lower-case ASCII; a listing of a domain covers
// every host under it.
type SiteListings interface {
	SiteListings(host string) []SiteListing
}
