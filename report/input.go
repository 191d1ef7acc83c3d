package report

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Field limits, part of the API contract.
const (
	MaxStory      = 20000
	MaxShortField = 200
	MaxNumber     = 64
	MaxWebsite    = 2048
)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// cleaned is a validated ReportInput with its derived values.
type cleaned struct {
	in         hangup.ReportInput
	amount     float64
	currency   string
	occurredAt *time.Time
}

// validate checks every field and returns an EINVALID (or ETOOLARGE) error
// naming each bad field, in words the person can act on.
func validate(in hangup.ReportInput, now time.Time) (*cleaned, error) {
	var p hangup.Problems
	bad, text := p.Add, p.Text
	text("number_shown", in.NumberShown, MaxNumber)
	text("callback_number", in.CallbackNumber, MaxNumber)
	text("claimed_organisation", in.ClaimedOrganisation, MaxShortField)
	text("software", in.Software, MaxShortField)
	text("website", in.Website, MaxWebsite)
	text("amount", in.Amount, 40)
	text("currency", in.Currency, 10)
	text("payment_method", in.PaymentMethod, MaxShortField)
	text("occurred_at", in.OccurredAt, 40)
	text("story", in.Story, MaxStory)
	c := &cleaned{in: in}
	if in.Started != "" && !slices.Contains(hangup.StartedValues, in.Started) {
		bad("started", fmt.Sprintf("%q is not one of %s", in.Started, startedWords()))
	}
	var happened []hangup.Happened
	for _, h := range in.Happened {
		if !slices.Contains(hangup.HappenedValues, h) {
			bad("happened", fmt.Sprintf("%q is not one of installed_software, remote_access, visited_site, paid, bank_details, card_details, passwords", h))
			continue
		}
		if !slices.Contains(happened, h) {
			happened = append(happened, h)
		}
	}
	if len(in.Happened) > 20 {
		bad("happened", "lists too many things")
	}
	c.in.Happened = happened
	if amt := strings.TrimSpace(in.Amount); amt != "" {
		v, cur, err := parseAmount(amt)
		if err != nil {
			bad("amount", err.Error())
		}
		c.amount, c.currency = v, cur
	}
	if cur := strings.ToUpper(strings.TrimSpace(in.Currency)); cur != "" {
		if !currencyPattern.MatchString(cur) {
			bad("currency", "must be a three-letter code such as GBP, USD or EUR")
		}
		c.currency = cur
	}
	if s := strings.TrimSpace(in.OccurredAt); s != "" {
		t, err := parseWhen(s)
		switch {
		case err != nil:
			bad("occurred_at", "is not a date we can read: use a date like 2026-11-27, optionally with a time")
		case t.After(now.Add(24 * time.Hour)):
			bad("occurred_at", "is in the future")
		case t.Year() < 1990:
			bad("occurred_at", "is too long ago")
		default:
			c.occurredAt = &t
		}
	}
	if ct := in.Contact; ct != nil {
		text("contact.name", ct.Name, MaxShortField)
		text("contact.email", ct.Email, 254)
		text("contact.phone", ct.Phone, MaxNumber)
		if e := strings.TrimSpace(ct.Email); e != "" {
			if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
				bad("contact.email", "is not an email address we can use, for example name@example.com")
			}
		}
		given := strings.TrimSpace(ct.Name+ct.Email+ct.Phone) != ""
		if given && !ct.Consent {
			bad("contact.consent", "tick the box to agree that we may contact you, or leave your contact details out")
		}
		if !given {
			c.in.Contact = nil
		}
	}
	if len(p.Fields) == 0 && strings.TrimSpace(in.NumberShown+in.CallbackNumber+in.ClaimedOrganisation+in.Story+in.Website+in.Software) == "" && len(happened) == 0 {
		bad("story", "tell us at least the number that called, who they said they were, or what happened")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parseAmount reads money as people type it: "250", "£1,200.50", "$99",
// "300 pounds". A currency symbol or word sets the currency.
func parseAmount(s string) (float64, string, error) {
	cur := ""
	low := strings.ToLower(s)
	for sym, code := range map[string]string{"£": "GBP", "$": "USD", "€": "EUR", "pound": "GBP", "dollar": "USD", "euro": "EUR", "gbp": "GBP", "usd": "USD", "eur": "EUR"} {
		if strings.Contains(low, sym) {
			cur = code
		}
	}
	num := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' {
			return r
		}
		if r == ',' || r == ' ' || r == '£' || r == '$' || r == '€' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return -1
		}
		return '!'
	}, s)
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || strings.Contains(num, "!") {
		return 0, "", fmt.Errorf("is not an amount we can read, for example 250 or 1,200.50")
	}
	if v < 0 || v > 1e9 {
		return 0, "", fmt.Errorf("is not a believable amount")
	}
	return float64(int64(v*100+0.5)) / 100, cur, nil
}

func parseWhen(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02", "02/01/2006 15:04", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}

func startedWords() string {
	w := make([]string, len(hangup.StartedValues))
	for i, v := range hangup.StartedValues {
		w[i] = string(v)
	}
	return strings.Join(w, ", ")
}
