package reportform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

// reportStep is one page of the report form: one question, or a few that
// belong together.
type reportStep struct {
	Name   string
	Title  string   // the question, the page's heading
	fields []string // the API fields it asks for, to send a problem back to it
}

// reportSteps are the report form's pages in order. The story comes first:
// what it names fills the later answers, for the person to confirm.
var reportSteps = []reportStep{
	{"story", "What happened?", []string{"story"}},
	{"started", "How did it start?", []string{"started"}},
	{"when", "When did it happen?", []string{"occurred_at"}},
	{"numbers", "Which phone numbers did they use?", []string{"number_shown", "callback_number"}},
	{"who", "Who did they say they were?", []string{"claimed_organisation"}},
	{"happened", "What happened during the call?", []string{"happened", "software", "website"}},
	{"payment", "What did you pay?", []string{"amount", "currency", "payment_method"}},
	{"contact", "Can we contact you about this report?", []string{"contact.name", "contact.email", "contact.phone", "contact.consent"}},
	{"check", "Check your answers before sending your report", nil},
}

func stepIndex(name string) int {
	return max(0, slices.IndexFunc(reportSteps, func(s reportStep) bool { return s.Name == name }))
}

// applies reports whether a page is asked: the payment page only after "I
// paid them", or when the story named an amount or a way of paying.
func (f ReportForm) applies(step string) bool {
	if step == "payment" {
		return f.Happened[string(hangup.HappenedPaid)] || f.Amount != "" || f.PaymentMethod != ""
	}
	return true
}

// next and prev are the neighbouring pages that apply.
func (f ReportForm) next(step string) string {
	for i := stepIndex(step) + 1; i < len(reportSteps); i++ {
		if f.applies(reportSteps[i].Name) {
			return reportSteps[i].Name
		}
	}
	return "check"
}

func (f ReportForm) prev(step string) string {
	for i := stepIndex(step) - 1; i >= 0; i-- {
		if f.applies(reportSteps[i].Name) {
			return reportSteps[i].Name
		}
	}
	return "story"
}

// ReportForm is every answer of the report form as typed. Answers from
// other pages travel in hidden fields, so the form works without
// JavaScript and without keeping anything on the server until it is sent.
type ReportForm struct {
	Nonce          string
	Return         bool            // the person came from "Check your answers" and goes back there
	Filled         map[string]bool // fields filled in from the story, to confirm
	StoryKey       string          // which story the answers were filled from
	Story          string
	Started        string
	When           string // "today", "yesterday", "other" or ""
	Day            string
	Month          string
	Year           string
	Time           string
	NumberShown    string
	CallbackNumber string
	Claimed        string
	Happened       map[string]bool
	Software       string
	Website        string
	Amount         string
	Currency       string
	PaymentMethod  string
	ContactName    string
	ContactEmail   string
	ContactPhone   string
	Consent        bool
}

// Hidden is one answer carried to the next page.
type Hidden struct{ Name, Value string }

// pageFields are the form fields each page shows; every other answer is
// carried in hidden fields.
var pageFields = map[string][]string{
	"story": {"story"}, "started": {"started"}, "when": {"when", "day", "month", "year", "time"},
	"numbers": {"number_shown", "callback_number"}, "who": {"claimed_organisation"},
	"happened": {"happened", "software", "website"}, "payment": {"amount", "payment_method"},
	"contact": {"contact_name", "contact_email", "contact_phone", "consent"},
}

// values are the form's answers as form fields.
func (f ReportForm) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("story", f.Story)
	set("started", f.Started)
	set("when", f.When)
	set("day", f.Day)
	set("month", f.Month)
	set("year", f.Year)
	set("time", f.Time)
	set("number_shown", f.NumberShown)
	set("callback_number", f.CallbackNumber)
	set("claimed_organisation", f.Claimed)
	for _, h := range f.happenedList() {
		v.Add("happened", h)
	}
	set("software", f.Software)
	set("website", f.Website)
	set("amount", f.Amount)
	set("currency", f.Currency)
	set("payment_method", f.PaymentMethod)
	set("contact_name", f.ContactName)
	set("contact_email", f.ContactEmail)
	set("contact_phone", f.ContactPhone)
	if f.Consent {
		v.Set("consent", "yes")
	}
	var filled []string
	for k, ok := range f.Filled {
		if ok {
			filled = append(filled, k)
		}
	}
	slices.Sort(filled)
	set("filled", strings.Join(filled, ","))
	set("story_key", f.StoryKey)
	return v
}

// hidden returns the answers a page does not show, to carry them on.
func (f ReportForm) hidden(step string) []Hidden {
	v := f.values()
	var out []Hidden
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(pageFields[step], k) {
			continue
		}
		for _, val := range v[k] {
			out = append(out, Hidden{k, val})
		}
	}
	return out
}

// happenedList is the ticked answers in the order the form shows them,
// then any others (for validation to name).
func (f ReportForm) happenedList() []string {
	var out []string
	for _, h := range hangup.HappenedValues {
		if f.Happened[string(h)] {
			out = append(out, string(h))
		}
	}
	var other []string
	for h, ok := range f.Happened {
		if ok && !slices.Contains(out, h) {
			other = append(other, h)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

func readReportForm(r *http.Request) ReportForm {
	g := r.PostForm.Get
	f := ReportForm{
		Nonce: g("nonce"), Return: g("return") == "check", StoryKey: g("story_key"), Story: g("story"), Started: g("started"),
		When: g("when"), Day: strings.TrimSpace(g("day")), Month: strings.TrimSpace(g("month")), Year: strings.TrimSpace(g("year")),
		Time: strings.TrimSpace(g("time")), NumberShown: g("number_shown"), CallbackNumber: g("callback_number"),
		Claimed: g("claimed_organisation"), Software: g("software"), Website: g("website"), Amount: g("amount"),
		Currency: g("currency"), PaymentMethod: g("payment_method"), ContactName: g("contact_name"),
		ContactEmail: g("contact_email"), ContactPhone: g("contact_phone"), Consent: g("consent") == "yes",
		Happened: map[string]bool{}, Filled: map[string]bool{},
	}
	for _, h := range r.PostForm["happened"] {
		if v, ok := hangup.ParseHappened(h); ok {
			h = string(v)
		}
		f.Happened[h] = true
	}
	for _, k := range strings.Split(g("filled"), ",") {
		if k != "" && len(f.Filled) < 20 {
			f.Filled[k] = true
		}
	}
	return f
}

// occurredAt composes the answer to "When did it happen?" for the report:
// "today 14:05", "2026-11-27 2pm", or "" when not answered.
func (f ReportForm) occurredAt() string {
	when := f.When
	if when == "" && f.Day+f.Month+f.Year != "" {
		when = "other"
	}
	var day string
	switch when {
	case "today", "yesterday":
		day = when
	case "other":
		if f.Day+f.Month+f.Year == "" {
			return "?" // chose "another day" without one: validation says what to do
		}
		day = fmt.Sprintf("%s-%s-%s", f.Year, pad2(f.Month), pad2(f.Day))
	default:
		return ""
	}
	if f.Time != "" {
		return day + " " + f.Time
	}
	return day
}

func pad2(s string) string {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// input is the form as the report service takes it.
func (f ReportForm) input() hangup.ReportInput {
	in := hangup.ReportInput{NumberShown: f.NumberShown, CallbackNumber: f.CallbackNumber, ClaimedOrganisation: f.Claimed,
		Started: hangup.Started(f.Started), OccurredAt: f.occurredAt(), Story: f.Story, Software: f.Software, Website: f.Website,
		Amount: f.Amount, Currency: f.Currency, PaymentMethod: f.PaymentMethod,
		Contact: &hangup.Contact{Name: f.ContactName, Email: f.ContactEmail, Phone: f.ContactPhone, Consent: f.Consent}}
	for _, h := range f.happenedList() {
		in.Happened = append(in.Happened, hangup.Happened(h))
	}
	return in
}

// fill takes what the story names into the answers left empty, and marks
// them for the person to confirm.
func (f *ReportForm) fill(sg report.Suggestion) {
	in := sg.Input
	for _, field := range sg.Filled {
		f.Filled[field] = true
		switch field {
		case "number_shown":
			f.NumberShown = in.NumberShown
		case "callback_number":
			f.CallbackNumber = in.CallbackNumber
		case "claimed_organisation":
			f.Claimed = in.ClaimedOrganisation
		case "software":
			f.Software = in.Software
		case "website":
			f.Website = in.Website
		case "amount":
			f.Amount, f.Currency = in.Amount, in.Currency
		case "payment_method":
			f.PaymentMethod = in.PaymentMethod
		case "happened":
			for _, h := range in.Happened {
				f.Happened[string(h)] = true
			}
		}
	}
}

func storyKey(story string) string {
	h := sha256.Sum256([]byte(story))
	return hex.EncodeToString(h[:8])
}
