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

// currencyWords are what people write before or after an amount to say
// its currency.
var currencyWords = map[string]string{
	"£": "GBP", "$": "USD", "€": "EUR", "gbp": "GBP", "usd": "USD", "eur": "EUR",
	"pound": "GBP", "pounds": "GBP", "quid": "GBP", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
}

// amountPattern is a sum of money without its currency: digits with
// optional comma thousands separators and up to two decimals.
var amountPattern = regexp.MustCompile(`^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$`)

// parseAmount reads money as people type it: "250", "£1,200.50", "$99",
// "300 pounds", "GBP 40", "12.5 euros". A currency symbol or word, before
// or after the number, sets the currency. Anything else is refused rather
// than guessed at: "12abc" is not 12.
func parseAmount(s string) (float64, string, error) {
	bad := fmt.Errorf("is not an amount we can read, for example 250 or 1,200.50")
	s = strings.TrimSpace(s)
	cur := ""
	take := func(word string) bool {
		if code, ok := currencyWords[strings.ToLower(word)]; ok && cur == "" {
			cur = code
			return true
		}
		return false
	}
	for _, sym := range []string{"£", "$", "€"} {
		if rest, ok := strings.CutPrefix(s, sym); ok && take(sym) {
			s = strings.TrimSpace(rest)
		} else if rest, ok := strings.CutSuffix(s, sym); ok && take(sym) {
			s = strings.TrimSpace(rest)
		}
	}
	for _, code := range []string{"gbp", "usd", "eur"} {
		low := strings.ToLower(s)
		if strings.HasPrefix(low, code) && take(code) {
			s = strings.TrimSpace(s[len(code):])
		} else if strings.HasSuffix(low, code) && take(code) {
			s = strings.TrimSpace(s[:len(s)-len(code)])
		}
	}
	if f := strings.Fields(s); len(f) == 2 {
		switch {
		case take(f[1]):
			s = f[0]
		case take(f[0]):
			s = f[1]
		}
	}
	if strings.HasPrefix(s, "-") {
		return 0, "", fmt.Errorf("is not a believable amount")
	}
	if !amountPattern.MatchString(s) {
		return 0, "", bad
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, "", bad
	}
	if v > 1e9 {
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
