// Package activity counts what people do about a number that is not
// evidence: opening its page (lookups, one per browser a day) and saying
// "this number called me" (one per network a day), and gives a number's
// activity over the last 30 days with the reports naming it, the same
// figures for every page and the API, and the chart of them.
package activity

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/chart"
	"github.com/hangup-org/hangup/clientip"
)

// Service records and counts activity.
type Service struct {
	store  hangup.ActivityStore
	secret []byte
	now    func() time.Time
}

// New returns the service over store, with the secret that keys visitors
// (so no browser id or address is ever stored).
func New(ctx context.Context, store hangup.ActivityStore, secrets hangup.SecretStore) (*Service, error) {
	secret, err := secrets.Secret(ctx, "activity-key", func() ([]byte, error) {
		b := make([]byte, 32)
		_, err := rand.Read(b)
		return b, err
	})
	if err != nil {
		return nil, fmt.Errorf("activity: secret: %w", err)
	}
	return &Service{store: store, secret: secret, now: time.Now}, nil
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) visitor(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Visitor says who looked a number up: the browser (the server's signed
// browser cookie, set on a first visit), else (an API client) its network.
// A client that refuses cookies gets a new one each visit and counts each
// time: look-ups are activity, never evidence, and change no verdict.
type Visitor struct {
	Browser string // the signed browser id; "" if none
	Address string // client address
}

// Looked counts a lookup of the number's page (e164).
func (s *Service) Looked(ctx context.Context, e164 string, v Visitor) error {
	if e164 == "" {
		return nil
	}
	key := "net:" + clientip.NetworkOf(v.Address)
	if v.Browser != "" {
		key = "browser:" + v.Browser
	}
	_, err := s.store.RecordActivity(ctx, e164, hangup.ActivityLookup, s.visitor("lookup", key), s.now())
	return err
}

// Called counts "this number called me" from the client at address: once
// per network a day. It reports whether this network's click was its
// first of the day. It is activity, not evidence: it never changes the
// number's reputation.
func (s *Service) Called(ctx context.Context, e164, address string) (bool, error) {
	if e164 == "" {
		return false, hangup.Invalid("This number can't be counted.", hangup.FieldError{Field: "number", Message: "Only a number in international form can be counted."})
	}
	return s.store.RecordActivity(ctx, e164, hangup.ActivityCalled, s.visitor("called", clientip.NetworkOf(address)), s.now())
}

// Counts returns the number's activity over the last hangup.ActivityDays
// days, one entry a day ending today (UTC).
func (s *Service) Counts(ctx context.Context, e164 string) (*hangup.NumberActivity, error) {
	now := s.now().UTC()
	from := now.AddDate(0, 0, -(hangup.ActivityDays - 1))
	days, err := s.store.NumberActivity(ctx, e164, from, now)
	if err != nil {
		return nil, err
	}
	byDay := make(map[string]hangup.DayActivity, len(days))
	for _, d := range days {
		byDay[d.Day] = d
	}
	a := &hangup.NumberActivity{Days: hangup.ActivityDays, Daily: make([]hangup.DayActivity, 0, hangup.ActivityDays)}
	for i := range hangup.ActivityDays {
		day := from.AddDate(0, 0, i).Format("2006-01-02")
		d := byDay[day]
		d.Day = day
		a.Daily = append(a.Daily, d)
		a.Lookups += d.Lookups
		a.Called += d.Called
		a.Reports += d.Reports
	}
	return a, nil
}

// Chart draws the reports and lookups of a number's activity by day.
func Chart(a *hangup.NumberActivity, number string) chart.Chart {
	c := chart.Chart{
		Title: "Reports and look-ups of " + number + ", last " + fmt.Sprint(a.Days) + " days",
		Kind:  chart.Bars,
		ID:    "number-activity",
	}
	reports, lookups := make([]float64, len(a.Daily)), make([]float64, len(a.Daily))
	for i, d := range a.Daily {
		t, _ := time.Parse("2006-01-02", d.Day)
		c.Labels = append(c.Labels, t.Format("2 Jan"))
		reports[i], lookups[i] = float64(d.Reports), float64(d.Lookups)
	}
	c.Series = []chart.Series{{Name: "Reports", Values: reports}, {Name: "Look-ups", Values: lookups}}
	return c
}
