package hangup

import (
	"context"
	"fmt"
	"time"
)

// PageCheck is what Hangup found on the page at a website address: fetched
// once, under the outbound rules (public addresses only, size and time
// caps, no cookies), and read as text, never run (no JavaScript).
type PageCheck struct {
	URL     string `json:"url"`               // the page read, after redirects
	Fetched bool   `json:"fetched"`           // false when the page could not be had
	Error   string `json:"error,omitempty"`   // why not, in plain words
	Status  int    `json:"status,omitempty"`  // the HTTP status
	Title   string `json:"title,omitempty"`   // the page's title, shortened
	Score   int    `json:"score"`             // the signs' weights added up
	Scam    bool   `json:"scam"`              // the signs add up to a tech-support scam page
	Summary string `json:"summary,omitempty"` // one plain sentence, when there are signs
	// Signs are the marks of a tech-support scam page found, most serious
	// first; codes are stable (page_*; see package page).
	Signs []Reason `json:"signs"`
	// Phones are the telephone numbers the page shows, each with what
	// reputation knows of it: the link from a site to the numbers it
	// advertises, and from them to reports.
	Phones []PagePhone `json:"phones,omitempty"`
	// Tools are the remote-access tools the page offers to download.
	Tools []string `json:"tools,omitempty"`
}

// PagePhone is a phone number shown on a page.
type PagePhone struct {
	Number     string      `json:"number"`  // E.164
	Display    string      `json:"display"` // as the page writes it
	Reputation *Reputation `json:"reputation,omitempty"`
}

// PageChecker fetches and reads pages. Implementations bound how many
// pages they fetch at once and how long each takes.
type PageChecker interface {
	// CheckPage fetches the page at url (http or https) and reads it.
	// A page that cannot be fetched (refused by the outbound rules, too
	// big, too slow, not a web page) is not an error: the result says so
	// with Fetched false. Returns EINVALID for a URL that is not an http or
	// https address, EUNAVAILABLE when too many pages are being fetched
	// already.
	CheckPage(ctx context.Context, url string) (PageCheck, error)
}

// SiteNumber is a phone number that a website showed when Hangup checked
// its page: the link from sites to numbers (and through reports to
// campaigns) that researchers follow.
type SiteNumber struct {
	Host      string    `json:"host"`
	Number    string    `json:"number"` // E.164
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// MaxSiteNumbers caps the numbers recorded for one page.
const MaxSiteNumbers = 20

// SiteNumberStore keeps which sites showed which numbers. Implementations
// must pass storetest.
type SiteNumberStore interface {
	// RecordSiteNumbers notes that host showed numbers (E.164) at at: a new
	// pair is first and last seen then, a known one is last seen then.
	// EINVALID for an empty host, a number not in E.164 or more than
	// MaxSiteNumbers numbers.
	RecordSiteNumbers(ctx context.Context, host string, numbers []string, at time.Time) error
	// SitesShowingNumber returns the sites that showed number, most
	// recently seen first, at most limit.
	SitesShowingNumber(ctx context.Context, number string, limit int) ([]SiteNumber, error)
	// NumbersShownBy returns the numbers host showed, most recently seen
	// first.
	NumbersShownBy(ctx context.Context, host string) ([]SiteNumber, error)
}

// ValidateSiteNumbers checks RecordSiteNumbers' input.
func ValidateSiteNumbers(host string, numbers []string) error {
	if host == "" || len(host) > 253 {
		return Invalid("The site is not valid.", FieldError{Field: "host", Message: "must be a host name of at most 253 characters"})
	}
	if len(numbers) > MaxSiteNumbers {
		return Invalid("Too many numbers.", FieldError{Field: "numbers", Message: fmt.Sprintf("at most %d", MaxSiteNumbers)})
	}
	for _, n := range numbers {
		if !IsE164(n) {
			return Invalid("A number is not valid.", FieldError{Field: "numbers", Message: fmt.Sprintf("%q is not in E.164 form", n)})
		}
	}
	return nil
}
