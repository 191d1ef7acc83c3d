package alerts

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
)

// The alerts in force as feeds: Atom 1.0 (RFC 4287, written by
// gorilla/feeds) and JSON Feed 1.1 (https://jsonfeed.org/version/1.1,
// written here: the library writes version 1.0). Both carry only what the
// alert's page shows: never an author's or reviewer's account.

const feedTitle = "Hangup: scam alerts"

// feedBase is the absolute address feeds link to: the public URL, never
// the request's Host header. Without one (tests) links are relative and
// ids use a placeholder authority.
func (h *Handler) feedBase() string { return h.publicURL() }

// tagID is an entry's permanent id (RFC 4151): it stays the same if the
// site moves.
func (h *Handler) tagID(a *hangup.PublicAlert) string {
	host := "hangup.localhost"
	if u, err := url.Parse(h.publicURL()); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + a.CreatedAt.UTC().Format(time.DateOnly) + ":alert/" + strconv.FormatInt(a.ID, 10)
}

// alertHTML is an alert's text as HTML paragraphs, escaped.
func alertHTML(a *hangup.PublicAlert) string {
	var b strings.Builder
	for _, p := range alert.Paragraphs(a.Text) {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(p), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

// feedAlerts are the alerts a feed carries: those in force, then those
// withdrawn before their expiry (marked so, without their text).
func (h *Handler) feedAlerts(r *http.Request) ([]*hangup.PublicAlert, error) {
	now := time.Now()
	gone, err := h.deps.Alerts.RecentlyWithdrawn(r.Context(), now)
	if err != nil {
		return nil, err
	}
	return append(h.deps.Alerts.Live(now), gone...), nil
}

// feedTitleOf is an entry's title: the organisation, the alert's title,
// and "Withdrawn" when it was.
func feedTitleOf(v AlertView) string {
	t := v.Organisation + ": " + v.Title
	if v.Status == hangup.AlertWithdrawn {
		t = "Withdrawn: " + t
	}
	return t
}

// feedHTML is an entry's content: the alert's text, or the withdrawal.
func feedHTML(v AlertView) string {
	if v.Status == hangup.AlertWithdrawn {
		return "<p>" + template.HTMLEscapeString(v.By()+" withdrew this alert on "+v.UpdatedAt.Format("2 January 2006")+". It no longer applies.") + "</p>"
	}
	return alertHTML(v.PublicAlert)
}

func (h *Handler) alertsAtom(w http.ResponseWriter, r *http.Request) {
	live, err := h.feedAlerts(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	base := h.feedBase()
	// The feed's updated time is its newest entry's, so it changes only
	// when an entry does; with no entries, a fixed date (Atom needs one).
	updated := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := &feeds.Feed{Title: feedTitle, Link: &feeds.Link{Href: base + "/alerts"}, Author: &feeds.Author{Name: "Hangup"},
		Description: "Warnings about scams using an organisation's name, published by the organisation or Hangup's analysts after review."}
	for _, a := range live {
		v := h.alertView(a, time.Now())
		published := *a.PublishedAt
		updated = maxTime(updated, a.UpdatedAt)
		f.Items = append(f.Items, &feeds.Item{Title: feedTitleOf(v), Link: &feeds.Link{Href: h.alertURL(a)},
			Author: &feeds.Author{Name: v.By()}, Id: h.tagID(a), Created: published, Updated: a.UpdatedAt, Content: feedHTML(v)})
	}
	f.Updated = updated
	af := (&feeds.Atom{Feed: f}).AtomFeed()
	af.Id = base + "/alerts"
	if base == "" {
		af.Id = "tag:hangup.localhost,2026:alerts"
	}
	af.Link = &feeds.AtomLink{Href: base + "/alerts.atom", Rel: "self", Type: "application/atom+xml"}
	out, err := feeds.ToXML(af)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write([]byte(out))
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// JSONFeed is a JSON Feed 1.1 document.
type JSONFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url,omitempty"`
	FeedURL     string         `json:"feed_url,omitempty"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Authors     []JSONAuthor   `json:"authors,omitempty"`
	Items       []JSONFeedItem `json:"items"`
}

// JSONAuthor is an author in a JSON Feed.
type JSONAuthor struct {
	Name string `json:"name"`
}

// JSONFeedItem is one alert in the JSON Feed, with Hangup's own fields
// under the "_hangup" extension key.
type JSONFeedItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url,omitempty"`
	Title         string       `json:"title"`
	ContentText   string       `json:"content_text"`
	ContentHTML   string       `json:"content_html"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []JSONAuthor `json:"authors"`
	Hangup        JSONAlertExt `json:"_hangup"`
}

// JSONAlertExt is what a JSON Feed item says beyond the standard fields.
type JSONAlertExt struct {
	OrganisationID string `json:"organisation_id"`
	Organisation   string `json:"organisation"`
	AuthorKind     string `json:"author_kind"`
	ExpiresAt      string `json:"expires_at"`
	Status         string `json:"status"` // "published", or "withdrawn": it no longer applies
}

func (h *Handler) alertsJSONFeed(w http.ResponseWriter, r *http.Request) {
	base := h.feedBase()
	f := JSONFeed{Version: "https://jsonfeed.org/version/1.1", Title: feedTitle, Language: "en-GB", Authors: []JSONAuthor{{"Hangup"}},
		Description: "Warnings about scams using an organisation's name, published by the organisation or Hangup's analysts after review.",
		Items:       []JSONFeedItem{}}
	if base != "" {
		f.HomePageURL, f.FeedURL = base+"/alerts", base+"/alerts.json"
	}
	all, err := h.feedAlerts(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	for _, a := range all {
		v := h.alertView(a, time.Now())
		text := a.Text
		if a.Status == hangup.AlertWithdrawn {
			text = v.By() + " withdrew this alert on " + a.UpdatedAt.Format("2 January 2006") + ". It no longer applies."
		}
		f.Items = append(f.Items, JSONFeedItem{ID: h.tagID(a), URL: h.alertURL(a), Title: feedTitleOf(v),
			ContentText: text, ContentHTML: feedHTML(v), DatePublished: a.PublishedAt.UTC().Format(time.RFC3339),
			DateModified: a.UpdatedAt.UTC().Format(time.RFC3339), Authors: []JSONAuthor{{v.By()}},
			Hangup: JSONAlertExt{OrganisationID: a.OrganisationID, Organisation: v.Organisation, AuthorKind: string(a.AuthorKind),
				ExpiresAt: a.ExpiresAt.UTC().Format(time.RFC3339), Status: string(a.Status)}})
	}
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(f); err != nil {
		h.log.Debug("write json feed", "err", err)
	}
}
