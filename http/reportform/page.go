package reportform

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
)

// ReportPage is the view model of each page of the report form.
type ReportPage struct {
	web.Page
	Step      string
	Question  string
	Number    int // this page's place, for "Question 3 of 8"
	Of        int
	Form      ReportForm
	Hidden    []Hidden
	Problems  web.Problems
	Started   []web.Option
	Happened  []web.Option
	Suggested bool   // some answers on this page were filled in from the story
	Notice    string // a word before sending, e.g. when the last page came too quickly
	Review    []ReviewRow
}

// ReviewRow is one answer on "Check your answers", with the page that
// changes it.
type ReviewRow struct {
	Question string
	Answer   string
	Lines    []string // answers that are lists
	Step     string
}

// startedOptions are hangup.StartedValues with their labels: the call
// check (package http) asks the same question from the same values.
var startedOptions = web.Options(hangup.StartedValues)

// happenedOptions are hangup.HappenedValues with their labels.
var happenedOptions = web.Options(hangup.HappenedValues)

// reportIDs map the API's field names to the ids of the elements that
// answer them, for the links in the error summary.
var reportIDs = map[string]string{
	"started": "started-they_called", "happened": "happened-install", "currency": "amount",
	"contact.name": "contact_name", "contact.email": "contact_email", "contact.phone": "contact_phone",
	"contact.consent": "consent",
}

// reportOrder lists every field in the order the pages ask for them.
var reportOrder = func() []string {
	var out []string
	for _, s := range reportSteps {
		out = append(out, s.fields...)
	}
	return out
}()

func (h *Handler) reportPage(r *http.Request, step string, f ReportForm, problems web.Problems) ReportPage {
	if f.Happened == nil {
		f.Happened = map[string]bool{}
	}
	if f.Filled == nil {
		f.Filled = map[string]bool{}
	}
	i := stepIndex(step)
	p := ReportPage{Page: h.deps.Site.Page(r, reportSteps[i].Title+" – Report a scam"), Step: step, Question: reportSteps[i].Title,
		Form: f, Hidden: f.hidden(step), Problems: problems, Started: startedOptions, Happened: happenedOptions}
	for _, st := range reportSteps {
		if st.Name == "check" || !f.applies(st.Name) {
			continue
		}
		p.Of++
		if stepIndex(st.Name) <= i {
			p.Number = p.Of
		}
	}
	for _, field := range pageFields[step] {
		if f.Filled[field] || (field == "amount" && f.Filled["payment_method"]) {
			p.Suggested = true
		}
	}
	if step == "check" {
		p.Review = review(f)
	}
	return p
}

// review lists every answer for "Check your answers", each with its page.
func review(f ReportForm) []ReviewRow {
	notGiven := "Not given"
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return notGiven
		}
		return s
	}
	rows := []ReviewRow{{Question: "What happened, in your words", Answer: or(f.Story), Step: "story"}}
	started := notGiven
	if v, ok := hangup.ParseStarted(f.Started); ok {
		started = v.Label()
	}
	rows = append(rows, ReviewRow{Question: "How it started", Answer: started, Step: "started"})
	rows = append(rows, ReviewRow{Question: "When it happened", Answer: whenWords(f), Step: "when"})
	rows = append(rows, ReviewRow{Question: "The number that called you", Answer: or(f.NumberShown), Step: "numbers"},
		ReviewRow{Question: "A number they gave you to call", Answer: or(f.CallbackNumber), Step: "numbers"},
		ReviewRow{Question: "Who they said they were", Answer: or(f.Claimed), Step: "who"})
	hr := ReviewRow{Question: "What happened during the call", Step: "happened"}
	for _, h := range f.happenedList() {
		hr.Lines = append(hr.Lines, hangup.Happened(h).Label())
	}
	if len(hr.Lines) == 0 {
		hr.Answer = "None of these"
	}
	rows = append(rows, hr,
		ReviewRow{Question: "The program or app", Answer: or(f.Software), Step: "happened"},
		ReviewRow{Question: "The website", Answer: or(f.Website), Step: "happened"})
	if f.applies("payment") {
		rows = append(rows, ReviewRow{Question: "How much you paid", Answer: or(moneyWords(f.Amount, f.Currency)), Step: "payment"},
			ReviewRow{Question: "How you paid", Answer: or(f.PaymentMethod), Step: "payment"})
	}
	contact := []string{}
	for _, c := range []string{f.ContactName, f.ContactEmail, f.ContactPhone} {
		if strings.TrimSpace(c) != "" {
			contact = append(contact, c)
		}
	}
	cr := ReviewRow{Question: "How we can contact you", Lines: contact, Step: "contact"}
	if len(contact) == 0 {
		cr.Answer = "Don't contact me"
	} else if f.Consent {
		cr.Lines = append(cr.Lines, "You agree that we may contact you about this report")
	}
	return append(rows, cr)
}

// moneyWords writes an amount as the person will recognise it: "£199.99",
// or what they typed when it can't be read.
func moneyWords(amount, currency string) string {
	if strings.TrimSpace(amount) == "" {
		return ""
	}
	v, cur, err := report.ReadAmount(amount)
	if err != nil {
		return amount
	}
	if cur == "" {
		cur = strings.ToUpper(strings.TrimSpace(currency))
	}
	return report.FormatMoney(v, cur)
}

// whenWords writes the answer to "When did it happen?".
func whenWords(f ReportForm) string {
	at := ""
	if f.Time != "" {
		at = " at " + f.Time
	}
	switch {
	case f.When == "today":
		return "Today" + at
	case f.When == "yesterday":
		return "Yesterday" + at
	case f.Day+f.Month+f.Year != "":
		if t, err := time.Parse("2006-1-2", f.Year+"-"+f.Month+"-"+f.Day); err == nil {
			return t.Format("2 January 2006") + at
		}
		return strings.Join([]string{f.Day, f.Month, f.Year}, " ") + at
	}
	return "Not given"
}

// stepProblems are the problems with the answers on one page. An empty
// story is not one until the end: the person may tell us the rest instead.
func stepProblems(err error, step string, f ReportForm) web.Problems {
	if !hangup.IsInputError(err) {
		return nil
	}
	fields := reportSteps[stepIndex(step)].fields
	var mine []hangup.FieldError
	for _, fe := range hangup.ErrorFields(err) {
		if slices.Contains(fields, fe.Field) && !(fe.Field == "story" && strings.TrimSpace(f.Story) == "") {
			mine = append(mine, fe)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	return web.FormProblems(hangup.Invalid(hangup.ErrorMessage(err), mine...), reportOrder, reportFieldIDs(f))
}

// reportFieldIDs is reportIDs with the date's first box when a date was
// typed.
func reportFieldIDs(f ReportForm) map[string]string {
	ids := maps.Clone(reportIDs)
	ids["occurred_at"] = "when-today"
	if f.When == "other" || f.Day+f.Month+f.Year != "" {
		ids["occurred_at"] = "day"
	}
	return ids
}
