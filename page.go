package hangup

import "context"

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
