package report

import (
	"fmt"
	"math"
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
	if in.Started != "" {
		if v, ok := hangup.ParseStarted(string(in.Started)); ok {
			c.in.Started = v
		} else {
			bad("started", fmt.Sprintf("%q is not a way a call can start that Hangup knows. Use %s.", in.Started, words(hangup.StartedValues)))
		}
	}
	var happened []hangup.Happened
	for _, h := range in.Happened {
		v, ok := hangup.ParseHappened(string(h))
		if !ok {
			bad("happened", fmt.Sprintf("%q is not something Hangup knows can happen. Use %s.", h, words(hangup.HappenedValues)))
			continue
		}
		if !slices.Contains(happened, v) {
			happened = append(happened, v)
		}
	}
	if len(in.Happened) > 20 {
		bad("happened", "What happened lists too many things. Give each of them once.")
	}
	c.in.Happened = happened
	if amt := strings.TrimSpace(in.Amount); amt != "" {
		v, cur, err := parseAmount(amt)
		if err != nil {
			bad("amount", hangup.ErrorFields(err)[0].Message)
		}
		c.amount, c.currency = v, cur
	}
	if cur := strings.ToUpper(strings.TrimSpace(in.Currency)); cur != "" {
		if !currencyPattern.MatchString(cur) {
			bad("currency", "Enter the currency as a three-letter code, such as GBP, USD or EUR.")
		}
		c.currency = cur
	}
	if s := strings.TrimSpace(in.OccurredAt); s != "" {
		t, err := parseWhen(s, now)
		switch {
		case err != nil:
			bad("occurred_at", "Enter the date as a real date, for example 27 11 2026, or say today or yesterday.")
		case t.After(now.Add(24 * time.Hour)):
			bad("occurred_at", "The date must be today or in the past.")
		case t.Year() < 1990:
			bad("occurred_at", "The date must be after 1990.")
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
				bad("contact.email", "Enter an email address in the right format, like name@example.com.")
			}
		}
		given := strings.TrimSpace(ct.Name+ct.Email+ct.Phone) != ""
		if given && !ct.Consent {
			bad("contact.consent", "Tick the box to agree that we may contact you, or leave your contact details out.")
		}
		if !given {
			c.in.Contact = nil
		}
	}
	if len(p.Fields) == 0 && strings.TrimSpace(in.NumberShown+in.CallbackNumber+in.ClaimedOrganisation+in.Story+in.Website+in.Software) == "" && len(happened) == 0 {
		bad("story", "Tell us what happened, the number that called, or who they said they were. Any one of them is enough to send a report.")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// ReadAmount reads an amount of money as people type it ("£199.99",
// "1,200", "300 pounds") and returns it with the currency it names, "" if
// none. The error is EINVALID, its field's message a sentence saying what
// to type instead.
func ReadAmount(s string) (float64, string, error) { return parseAmount(s) }

// amountProblem is why an amount can't be read, as a sentence saying what
// to type instead.
func amountProblem(msg string) error {
	return hangup.Invalid("The amount can't be read.", hangup.FieldError{Field: "amount", Message: msg})
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
	bad := amountProblem("Enter the amount as a number, for example 250 or £1,200.50.")
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
		return 0, "", amountProblem("Enter an amount between 0 and 1,000,000,000.")
	}
	if !amountPattern.MatchString(s) {
		return 0, "", bad
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, "", bad
	}
	if v > 1e9 {
		return 0, "", amountProblem("Enter an amount between 0 and 1,000,000,000.")
	}
	return float64(int64(v*100+0.5)) / 100, cur, nil
}

// ReadWhen reads when something happened as people write it (see
// parseWhen), relative to now for "today" and "yesterday".
func ReadWhen(s string, now time.Time) (time.Time, error) { return parseWhen(s, now) }

// parseWhen reads when something happened as people write it: a day
// ("today", "yesterday", 2026-11-27, 27/11/2026) and, optionally, a time
// after a space or a T ("14:05", "2pm", "2.30pm"), or RFC 3339. Times
// without a zone are UTC.
func parseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	low := strings.ToLower(s)
	datePart, timePart, _ := strings.Cut(strings.Replace(low, "t", " ", 1), " ")
	if strings.HasPrefix(low, "today") || strings.HasPrefix(low, "yesterday") {
		datePart, timePart, _ = strings.Cut(low, " ")
	}
	var date time.Time
	switch datePart {
	case "today", "yesterday":
		d := now.UTC()
		if datePart == "yesterday" {
			d = d.AddDate(0, 0, -1)
		}
		date = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	default:
		ok := false
		for _, layout := range []string{"2006-01-02", "2006-1-2", "02/01/2006", "2/1/2006"} {
			if t, err := time.ParseInLocation(layout, datePart, time.UTC); err == nil {
				date, ok = t, true
				break
			}
		}
		if !ok {
			return time.Time{}, fmt.Errorf("unrecognised date %q", s)
		}
	}
	timePart = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(timePart), "at "))
	if timePart == "" {
		return date, nil
	}
	h, m, ok := clockTime(timePart)
	if !ok {
		return time.Time{}, fmt.Errorf("unrecognised time %q", timePart)
	}
	return date.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute), nil
}

// clockTime reads a time of day: "14:05", "14.05", "14:05:30", "2pm",
// "2:30 pm", "12am".
func clockTime(s string) (hour, minute int, ok bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "")
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "pm"), "am")
	hs, ms, _ := strings.Cut(strings.ReplaceAll(s, ".", ":"), ":")
	ms, _, _ = strings.Cut(ms, ":") // seconds are dropped
	hour, err := strconv.Atoi(hs)
	if err != nil || len(hs) > 2 {
		return 0, 0, false
	}
	if ms != "" {
		if minute, err = strconv.Atoi(ms); err != nil || len(ms) != 2 {
			return 0, 0, false
		}
	}
	switch {
	case pm || am:
		if hour < 1 || hour > 12 {
			return 0, 0, false
		}
		hour %= 12
		if pm {
			hour += 12
		}
	case hour > 23:
		return 0, 0, false
	}
	return hour, minute, minute >= 0 && minute < 60
}

// words lists a vocabulary for a sentence: "a, b or c".
func words[T ~string](vs []T) string {
	w := make([]string, len(vs))
	for i, v := range vs {
		w[i] = string(v)
	}
	if len(w) < 2 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " or " + w[len(w)-1]
}

// currencySymbols are the currencies people write with a symbol.
var currencySymbols = map[string]string{"GBP": "£", "USD": "$", "EUR": "€"}

// FormatMoney writes an amount as people read it: "£199.99", "£1,200",
// "$50.50", and "300 CAD" for currencies without a common symbol.
// parseAmount reads the result back to the same amount and currency.
func FormatMoney(amount float64, currency string) string {
	cents := int64(math.Round(amount * 100))
	whole, frac := cents/100, cents%100
	digits := fmt.Sprint(whole)
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	if frac != 0 {
		digits += fmt.Sprintf(".%02d", frac)
	}
	if sym, ok := currencySymbols[currency]; ok {
		return sym + digits
	}
	if currency == "" {
		return digits
	}
	return digits + " " + currency
}
