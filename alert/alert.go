// Package alert runs public alerts: a warning about a live scam that uses
// an organisation's name, written by an analyst or by someone who speaks
// for the organisation, reviewed by an analyst before anyone else sees it,
// public until it expires or is withdrawn. Every step is kept in the
// alert's history (the audit trail) and logged.
//
// The live alerts are held in memory, so check results, organisation pages
// and feeds read them without a query; every node reloads them when the
// change feed says an alert changed (hangup.TopicAlerts).
package alert

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hangup-org/hangup"
)

// Limits of what an alert holds. They are part of the contract of the
// pages and the API.
const (
	MaxTitle    = 120  // characters
	MaxText     = 4000 // characters
	MaxNote     = 1000 // characters, a reviewer's or a withdrawal's reason
	DefaultDays = 30   // how long an alert is public unless its author says
	MaxDays     = 180  // the longest an alert may be public without being written again
	maxLive     = 500  // live alerts held in memory; more waits for the next reload
)

// Deps are what the service needs.
type Deps struct {
	Store hangup.AlertStore
	// Known reports whether an organisation is in the registry: alerts are
	// only about organisations Hangup knows.
	Known  func(id string) bool
	Logger *slog.Logger // nil: slog.Default()
}

// Service writes, reviews and withdraws alerts, and answers which are
// live from memory. It is safe for concurrent use.
type Service struct {
	deps Deps
	log  *slog.Logger
	now  func() time.Time
	live atomic.Pointer[[]*hangup.PublicAlert] // published, unexpired at the last reload; newest first
}

var _ hangup.AlertLookup = (*Service)(nil)

// New returns a service over deps. Call Reload before serving.
func New(deps Deps) *Service {
	s := &Service{deps: deps, log: deps.Logger, now: time.Now}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.live.Store(&[]*hangup.PublicAlert{})
	return s
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Reload reads the live alerts from the store.
func (s *Service) Reload(ctx context.Context) error {
	live, err := s.deps.Store.ListAlerts(ctx, hangup.AlertFilter{LiveAt: s.now(), Limit: maxLive})
	if err != nil {
		return err
	}
	s.live.Store(&live)
	return nil
}

// Live returns every alert public at now, newest first.
func (s *Service) Live(now time.Time) []*hangup.PublicAlert { return s.liveFor("", now) }

// LiveAlerts implements hangup.AlertLookup.
func (s *Service) LiveAlerts(id string, now time.Time) []*hangup.PublicAlert {
	if id == "" {
		return nil
	}
	return s.liveFor(id, now)
}

// liveFor returns the alerts public at now about organisation id, or
// about any organisation when id is "", newest first.
func (s *Service) liveFor(id string, now time.Time) []*hangup.PublicAlert {
	var out []*hangup.PublicAlert
	for _, a := range *s.live.Load() {
		if (id == "" || a.OrganisationID == id) && a.Live(now) {
			out = append(out, a)
		}
	}
	return out
}

// Draft is an alert as its author writes it.
type Draft struct {
	OrganisationID string `json:"organisation_id"`
	Title          string `json:"title"`
	Text           string `json:"text"`
	Days           int    `json:"days"` // days from writing to expiry; 0: DefaultDays
}

// Validate checks a draft and returns EINVALID or ETOOLARGE naming each
// bad field.
func (d *Draft) Validate() error {
	var p hangup.Problems
	d.Title, d.Text = strings.TrimSpace(d.Title), strings.TrimSpace(strings.ReplaceAll(d.Text, "\r\n", "\n"))
	p.Text("title", d.Title, MaxTitle)
	p.Text("text", d.Text, MaxText)
	if len(p.Fields) == 0 {
		switch {
		case d.Title == "":
			p.Add("title", "Write a short title, for example “Scammers are calling in our name”.")
		case strings.ContainsAny(d.Title, "\n\t"):
			p.Add("title", "Write the title on one line.")
		}
		if d.Text == "" {
			p.Add("text", "Say in plain words what the scammers do, and what you never do.")
		}
	}
	if d.Days == 0 {
		d.Days = DefaultDays
	}
	if d.Days < 1 || d.Days > MaxDays {
		p.Add("days", fmt.Sprintf("Choose how many days it stays up: from 1 to %d.", MaxDays))
	}
	return p.Err()
}

// Write stores a draft by u as a pending alert, for an analyst to review.
// Analysts write in Hangup's name about any organisation; a member of an
// organisation writes in its name, about it only. Returns EFORBIDDEN for
// anyone else, ENOTFOUND for an organisation not in the registry, and the
// errors of Draft.Validate.
func (s *Service) Write(ctx context.Context, u *hangup.User, d Draft) (*hangup.PublicAlert, error) {
	d.OrganisationID = strings.ToLower(strings.TrimSpace(d.OrganisationID))
	kind := hangup.AuthorOrganisation
	switch {
	case hangup.MayActAsAnalyst(u):
		kind = hangup.AuthorAnalyst
	case hangup.MayActForOrganisation(u, d.OrganisationID):
	default:
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't write alerts about this organisation.")
	}
	if s.deps.Known != nil && !s.deps.Known(d.OrganisationID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry.")
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	a := &hangup.PublicAlert{OrganisationID: d.OrganisationID, Title: d.Title, Text: d.Text, Author: u.Email, AuthorKind: kind,
		Status: hangup.AlertPending, CreatedAt: now, UpdatedAt: now, ExpiresAt: now.AddDate(0, 0, d.Days)}
	if err := s.deps.Store.CreateAlert(ctx, a); err != nil {
		return nil, err
	}
	s.log.Info("alert written", "alert", a.ID, "organisation", a.OrganisationID, "by", u.Email, "author", kind)
	return a, nil
}

// Review publishes or rejects a pending alert. Only an analyst may, and
// not the alert's own author: every alert is seen by a second person
// before it is public. A rejection needs a reason, which the author sees.
// The expiry stays as written (Days after the alert was written), so a
// slow review never stretches a warning past its author's intent. Returns EFORBIDDEN, ENOTFOUND, EINVALID (no reason),
// or ECONFLICT when the alert is no longer pending.
func (s *Service) Review(ctx context.Context, u *hangup.User, id int64, publish bool, note string) (*hangup.PublicAlert, error) {
	if !hangup.MayActAsAnalyst(u) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only an analyst can publish or reject alerts.")
	}
	note, err := cleanNote(note, !publish)
	if err != nil {
		return nil, err
	}
	a, err := s.deps.Store.FindAlert(ctx, id)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(a.Author, u.Email) {
		return nil, hangup.Errorf(hangup.ECONFLICT, "Another analyst must review this alert: nobody reviews their own.")
	}
	to := hangup.AlertRejected
	if publish {
		to = hangup.AlertPublished
	}
	if err := s.deps.Store.SetAlertStatus(ctx, id, hangup.AlertPending, to, u.Email, note, s.now().UTC()); err != nil {
		return nil, err
	}
	s.log.Info("alert reviewed", "alert", id, "organisation", a.OrganisationID, "by", u.Email, "status", to)
	return s.changed(ctx, id)
}

// Withdraw takes an alert down, published or still pending. Its author's
// organisation or an analyst may. Returns EFORBIDDEN, ENOTFOUND, or
// ECONFLICT when it was rejected or withdrawn already.
func (s *Service) Withdraw(ctx context.Context, u *hangup.User, id int64, note string) (*hangup.PublicAlert, error) {
	a, err := s.deps.Store.FindAlert(ctx, id)
	if err != nil {
		return nil, err
	}
	if !hangup.MayActAsAnalyst(u) && !hangup.MayActForOrganisation(u, a.OrganisationID) {
		if hangup.MayReadOrganisation(u, a.OrganisationID) {
			return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't withdraw this alert.")
		}
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
	}
	if note, err = cleanNote(note, false); err != nil {
		return nil, err
	}
	if a.Status != hangup.AlertPublished && a.Status != hangup.AlertPending {
		return nil, hangup.Errorf(hangup.ECONFLICT, "This alert is %s already.", strings.ToLower(a.Status.Label()))
	}
	if err := s.deps.Store.SetAlertStatus(ctx, id, a.Status, hangup.AlertWithdrawn, u.Email, note, s.now().UTC()); err != nil {
		return nil, err
	}
	s.log.Info("alert withdrawn", "alert", id, "organisation", a.OrganisationID, "by", u.Email)
	return s.changed(ctx, id)
}

// changed reloads the live alerts after a change this node made (other
// nodes hear of it on the change feed) and returns the alert as stored.
func (s *Service) changed(ctx context.Context, id int64) (*hangup.PublicAlert, error) {
	if err := s.Reload(ctx); err != nil {
		s.log.Warn("reloading live alerts", "err", err)
	}
	return s.deps.Store.FindAlert(ctx, id)
}

func cleanNote(note string, required bool) (string, error) {
	note = strings.TrimSpace(note)
	var p hangup.Problems
	p.Text("note", note, MaxNote)
	if required && note == "" && len(p.Fields) == 0 {
		p.Add("note", "Say why it can't be published: the author reads this.")
	}
	return note, p.Err()
}

// Public reports whether anyone may open the alert's page: it was
// published (it may have expired or been withdrawn since, which its page
// says).
func Public(a *hangup.PublicAlert) bool {
	return a.PublishedAt != nil && (a.Status == hangup.AlertPublished || a.Status == hangup.AlertWithdrawn)
}

// Find returns an alert u may see: a public one, or any about an
// organisation u may read. Anything else is ENOTFOUND, so alert numbers
// can't be probed.
func (s *Service) Find(ctx context.Context, u *hangup.User, id int64) (*hangup.PublicAlert, error) {
	a, err := s.deps.Store.FindAlert(ctx, id)
	if err != nil {
		return nil, err
	}
	if Public(a) || hangup.MayReadOrganisation(u, a.OrganisationID) {
		return a, nil
	}
	return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
}

// History returns the alert's audit trail for someone who may read its
// organisation's data. ENOTFOUND otherwise.
func (s *Service) History(ctx context.Context, u *hangup.User, a *hangup.PublicAlert) ([]hangup.AlertEvent, error) {
	if !hangup.MayReadOrganisation(u, a.OrganisationID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such alert.")
	}
	return s.deps.Store.AlertEvents(ctx, a.ID)
}

// ForOrganisation returns every alert about an organisation, whatever its
// status, for someone who may read its data. EFORBIDDEN otherwise.
func (s *Service) ForOrganisation(ctx context.Context, u *hangup.User, orgID string) ([]*hangup.PublicAlert, error) {
	if !hangup.MayReadOrganisation(u, orgID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your account can't see this organisation's alerts.")
	}
	return s.deps.Store.ListAlerts(ctx, hangup.AlertFilter{OrganisationID: orgID, Limit: 100})
}

// Pending returns the alerts waiting for review, oldest first, for
// analysts. EFORBIDDEN for anyone else.
func (s *Service) Pending(ctx context.Context, u *hangup.User) ([]*hangup.PublicAlert, error) {
	if !hangup.MayActAsAnalyst(u) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only an analyst can review alerts.")
	}
	l, err := s.deps.Store.ListAlerts(ctx, hangup.AlertFilter{Status: hangup.AlertPending, Limit: 200})
	slices.Reverse(l)
	return l, err
}

// RecentlyWithdrawn returns the alerts that were published and then
// withdrawn before their expiry, while that expiry is still ahead: feeds
// keep them, marked withdrawn, so a reader that already holds one learns it
// no longer applies (feed readers keep entries that merely disappear).
func (s *Service) RecentlyWithdrawn(ctx context.Context, now time.Time) ([]*hangup.PublicAlert, error) {
	l, err := s.deps.Store.ListAlerts(ctx, hangup.AlertFilter{Status: hangup.AlertWithdrawn, Limit: 100})
	if err != nil {
		return nil, err
	}
	var out []*hangup.PublicAlert
	for _, a := range l {
		if a.PublishedAt != nil && now.Before(a.ExpiresAt) {
			out = append(out, a)
		}
	}
	return out, nil
}

// Paragraphs splits an alert's text into its paragraphs (split by blank
// lines), for pages and feeds.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
