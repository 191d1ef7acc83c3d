package http

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
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
	Started   []AskOption
	Happened  []AskOption
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

var happenedOptions = func() []AskOption {
	out := make([]AskOption, len(hangup.HappenedValues))
	for i, h := range hangup.HappenedValues {
		out[i] = AskOption{string(h), h.Label()}
	}
	return out
}()

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

// formNonce returns a new report-form nonce: when the form was started and
// a random part, signed with the server's key. It makes a submission
// replay-safe (it is the idempotency key) and lets the last step tell how
// long the person took, without server-side state.
func (s *Server) formNonce(now time.Time) string {
	b := make([]byte, 12)
	rand.Read(b)
	body := strconv.FormatInt(now.UnixMilli(), 36) + "." + base64.RawURLEncoding.EncodeToString(b)
	return body + "." + s.formMAC(body)
}

func (s *Server) formMAC(body string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte("report-form\x00"))
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// formStarted returns when the form a nonce belongs to was started, if the
// nonce is one this server signed.
func (s *Server) formStarted(nonce string) (time.Time, bool) {
	if len(nonce) > 80 {
		return time.Time{}, false
	}
	i := strings.LastIndexByte(nonce, '.')
	if i < 0 || subtle.ConstantTimeCompare([]byte(nonce[i+1:]), []byte(s.formMAC(nonce[:i]))) != 1 {
		return time.Time{}, false
	}
	secs, _, _ := strings.Cut(nonce[:i], ".")
	n, err := strconv.ParseInt(secs, 36, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}

func (s *Server) reportPage(r *http.Request, step string, f ReportForm, problems web.Problems) ReportPage {
	if f.Happened == nil {
		f.Happened = map[string]bool{}
	}
	if f.Filled == nil {
		f.Filled = map[string]bool{}
	}
	i := stepIndex(step)
	p := ReportPage{Page: s.site.Page(r, reportSteps[i].Title+" – Report a scam"), Step: step, Question: reportSteps[i].Title,
		Form: f, Hidden: f.hidden(step), Problems: problems, Started: startedChoices, Happened: happenedOptions}
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

func (s *Server) webReportStart(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "report", s.reportPage(r, "story", ReportForm{Nonce: s.formNonce(time.Now())}, nil))
}

// webReportStep handles every page of the report form: "Change" opens a
// page from "Check your answers"; "Back" shows the page before; otherwise
// the page's answers are checked and the next page shown, or the report is
// sent from "Check your answers". A problem shows the page of the first
// bad answer with everything the person typed kept.
func (s *Server) webReportStep(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	f := readReportForm(r)
	started, signed := s.formStarted(f.Nonce)
	if !signed {
		f.Nonce, started = s.formNonce(time.Now()), time.Now()
	}
	step := reportSteps[stepIndex(r.PostForm.Get("step"))].Name
	if to := r.PostForm.Get("goto"); to != "" {
		f.Return = true
		s.site.Render(w, r, http.StatusOK, "report", s.reportPage(r, reportSteps[stepIndex(to)].Name, f, nil))
		return
	}
	if r.PostForm.Get("action") == "back" {
		to := f.prev(step)
		if f.Return {
			to = "check"
		}
		s.site.Render(w, r, http.StatusOK, "report", s.reportPage(r, to, f, nil))
		return
	}
	if step == "check" {
		// A person needs some seconds to go through the questions; a
		// script posting the last page straight away is shown it again.
		// The wait is measured from the form's signed start, so it costs
		// nothing to keep.
		if wait := s.cfg.ReportFormMinTime - time.Since(started); wait > 0 && web.UserFrom(r.Context()) == nil {
			page := s.reportPage(r, "check", f, nil)
			page.Notice = "Please check your answers, then press “Send my report”."
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(wait.Round(time.Second)/time.Second))))
			s.site.Render(w, r, http.StatusOK, "report", page)
			return
		}
		s.sendReport(w, r, f)
		return
	}
	if err := s.deps.Reports.Validate(f.input()); err != nil {
		if problems := stepProblems(err, step, f); len(problems) > 0 {
			s.site.Render(w, r, web.StatusCode(err), "report", s.reportPage(r, step, f, problems))
			return
		}
		if !hangup.IsInputError(err) {
			s.site.Error(w, r, err)
			return
		}
	}
	if step == "story" && strings.TrimSpace(f.Story) != "" && storyKey(f.Story) != f.StoryKey {
		// What the story names fills the later pages' empty answers.
		f.fill(s.deps.Reports.Suggest(r.Context(), f.input()))
		f.StoryKey = storyKey(f.Story)
	}
	next := f.next(step)
	if f.Return && (step != "happened" || next != "payment" || !f.Happened[string(hangup.HappenedPaid)] || f.Amount != "") {
		next = "check"
	}
	s.site.Render(w, r, http.StatusOK, "report", s.reportPage(r, next, f, nil))
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

// sendReport sends the report from "Check your answers", emails the
// confirmation when the person gave an address, and goes to the receipt.
func (s *Server) sendReport(w http.ResponseWriter, r *http.Request, f ReportForm) {
	in := f.input()
	rc, err := s.deps.Reports.Submit(r.Context(), in, report.Reporter{
		User: web.UserFrom(r.Context()), Address: s.clientAddr(r), Browser: web.BrowserFrom(r.Context()), Source: "web",
	}, f.Nonce)
	if err != nil {
		s.reportProblem(w, r, f, err)
		return
	}
	q := url.Values{"sent": {"1"}}
	if sent, tried := s.confirmByEmail(r, rc, in); tried {
		q.Set("emailed", map[bool]string{true: "1", false: "0"}[sent])
	}
	// Redirect after the post: reloading the receipt can't send it again.
	http.Redirect(w, r, "/r/"+url.PathEscape(rc.Token)+"?"+q.Encode(), http.StatusSeeOther)
}

// confirmByEmail emails a new report's reference and tracking link to the
// address the reporter gave, if a mailer is configured. tried is false when
// there was nothing to send; a failure is logged, never shown in detail:
// the report is safe either way.
func (s *Server) confirmByEmail(r *http.Request, rc *report.Receipt, in hangup.ReportInput) (sent, tried bool) {
	if s.deps.Mailer == nil || rc.Replayed || in.Contact == nil || strings.TrimSpace(in.Contact.Email) == "" {
		return false, false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	e := report.ConfirmationEmail(strings.TrimSpace(in.Contact.Email), rc, s.trackingURL(rc.Token))
	if err := s.deps.Mailer.Send(ctx, e); err != nil {
		s.log.Warn("sending a report's confirmation email", "reference", rc.Report.Reference, "err", err)
		return false, true
	}
	return true, true
}

// reportProblem shows the page holding the first bad answer, with every
// answer kept and each problem next to its field.
func (s *Server) reportProblem(w http.ResponseWriter, r *http.Request, f ReportForm, err error) {
	if !hangup.IsInputError(err) {
		s.site.Error(w, r, err)
		return
	}
	step := "check"
	for _, fe := range hangup.ErrorFields(err) {
		for _, st := range reportSteps {
			if slices.Contains(st.fields, fe.Field) && stepIndex(st.Name) < stepIndex(step) {
				step = st.Name
			}
		}
	}
	f.Return = true
	s.site.Render(w, r, web.StatusCode(err), "report", s.reportPage(r, step, f, web.FormProblems(err, reportOrder, reportFieldIDs(f))))
}
