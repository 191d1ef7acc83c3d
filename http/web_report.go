package http

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

// HappenedOption is one checkbox of "What happened?".
type HappenedOption struct {
	Value string
	Label string
}

var happenedOptions = []HappenedOption{
	{string(hangup.HappenedInstalledSoftware), "I installed a program or app they told me to"},
	{string(hangup.HappenedRemoteAccess), "They got into my computer or phone (they could see or move things on my screen)"},
	{string(hangup.HappenedVisitedSite), "I went to a website they told me to"},
	{string(hangup.HappenedPaid), "I paid them, or bought gift cards for them"},
	{string(hangup.HappenedBankDetails), "I gave my bank details or logged in to my bank while they watched"},
	{string(hangup.HappenedCardDetails), "I gave my card details"},
	{string(hangup.HappenedPasswords), "I told them a password, PIN or a code sent to my phone"},
}

var startedOptions = func() []HappenedOption {
	out := make([]HappenedOption, len(startedChoices))
	for i, c := range startedChoices {
		out[i] = HappenedOption(c)
	}
	return out
}()

// stepFields says which step of the report form asks for each field, so an
// error can send the person back to the right step.
var stepFields = map[string]int{
	"started": 1, "occurred_at": 1, "number_shown": 1, "callback_number": 1, "claimed_organisation": 1, "story": 1,
	"happened": 2, "software": 2, "website": 2, "amount": 2, "currency": 2, "payment_method": 2,
	"contact.name": 3, "contact.email": 3, "contact.phone": 3, "contact.consent": 3,
}

// ReportForm is every answer of the report form as typed. Answers from
// other steps travel in hidden fields, so the form works without JavaScript
// and without server-side state.
type ReportForm struct {
	Nonce          string
	Started        string
	OccurredAt     string
	NumberShown    string
	CallbackNumber string
	Claimed        string
	Story          string
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

// ReportPage is the view model of each step of the report form.
type ReportPage struct {
	Page
	Step      int
	Form      ReportForm
	Errors    map[string]string
	Summary   string
	Notice    string // a word before sending, e.g. when the last step came too quickly
	Started   []HappenedOption
	Happened  []HappenedOption
	Suggested bool // some answers were filled in from the story
}

func readReportForm(r *http.Request) ReportForm {
	f := r.PostForm
	rf := ReportForm{
		Nonce: f.Get("nonce"), Started: f.Get("started"), OccurredAt: f.Get("occurred_at"),
		NumberShown: f.Get("number_shown"), CallbackNumber: f.Get("callback_number"), Claimed: f.Get("claimed_organisation"),
		Story: f.Get("story"), Software: f.Get("software"), Website: f.Get("website"), Amount: f.Get("amount"),
		Currency: f.Get("currency"), PaymentMethod: f.Get("payment_method"), ContactName: f.Get("contact_name"),
		ContactEmail: f.Get("contact_email"), ContactPhone: f.Get("contact_phone"), Consent: f.Get("consent") == "yes",
		Happened: map[string]bool{},
	}
	for _, h := range f["happened"] {
		rf.Happened[h] = true
	}
	return rf
}

func (f ReportForm) input(step int) hangup.ReportInput {
	in := hangup.ReportInput{NumberShown: f.NumberShown, CallbackNumber: f.CallbackNumber, ClaimedOrganisation: f.Claimed,
		Started: hangup.Started(f.Started), OccurredAt: f.OccurredAt, Story: f.Story}
	if step >= 2 {
		for _, o := range happenedOptions {
			if f.Happened[o.Value] {
				in.Happened = append(in.Happened, hangup.Happened(o.Value))
			}
		}
		for h := range f.Happened { // unknown values reach validation
			if !slices.ContainsFunc(happenedOptions, func(o HappenedOption) bool { return o.Value == h }) {
				in.Happened = append(in.Happened, hangup.Happened(h))
			}
		}
		in.Software, in.Website, in.Amount, in.Currency, in.PaymentMethod = f.Software, f.Website, f.Amount, f.Currency, f.PaymentMethod
	}
	if step >= 3 {
		in.Contact = &hangup.Contact{Name: f.ContactName, Email: f.ContactEmail, Phone: f.ContactPhone, Consent: f.Consent}
	}
	return in
}

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

func (s *Server) reportPage(r *http.Request, step int, f ReportForm, errs map[string]string, summary string) ReportPage {
	if f.Happened == nil {
		f.Happened = map[string]bool{}
	}
	return ReportPage{Page: s.pageFor(r, "Report a scam"), Step: step, Form: f, Errors: errs, Summary: summary,
		Started: startedOptions, Happened: happenedOptions}
}

func (s *Server) webReportStart(w http.ResponseWriter, r *http.Request) {
	f := ReportForm{Nonce: s.formNonce(time.Now()), Started: string(hangup.StartedTheyCalled)}
	s.render(w, r, http.StatusOK, "report", s.reportPage(r, 1, f, nil, ""))
}

// webReportStep handles every step of the report form. "back" shows the
// previous step; otherwise the answers so far are checked and the next step
// shown, or the report is sent from the last step. A problem sends the
// person to the step of the first bad field with everything they typed.
func (s *Server) webReportStep(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.webError(w, r, formError(err))
		return
	}
	if err := s.checkCSRF(r); err != nil {
		s.webError(w, r, err)
		return
	}
	f := readReportForm(r)
	started, signed := s.formStarted(f.Nonce)
	if !signed {
		f.Nonce, started = s.formNonce(time.Now()), time.Now()
	}
	step := 1
	switch r.PostForm.Get("step") {
	case "2":
		step = 2
	case "3":
		step = 3
	}
	if r.PostForm.Get("action") == "back" {
		s.render(w, r, http.StatusOK, "report", s.reportPage(r, max(1, step-1), f, nil, ""))
		return
	}
	if err := s.deps.Reports.Validate(f.input(step)); err != nil {
		s.reportProblem(w, r, f, err)
		return
	}
	if step < 3 {
		page := s.reportPage(r, step+1, f, nil, "")
		if step == 1 {
			// What the story names fills the next step's empty answers.
			in := s.deps.Reports.Suggest(r.Context(), f.input(1))
			suggested := ReportForm{CallbackNumber: in.CallbackNumber, Claimed: in.ClaimedOrganisation}
			if f.Software == "" && in.Software != "" {
				page.Form.Software, page.Suggested = in.Software, true
				page.Form.Happened[string(hangup.HappenedInstalledSoftware)] = true
			}
			if f.Website == "" && in.Website != "" {
				page.Form.Website, page.Suggested = in.Website, true
				page.Form.Happened[string(hangup.HappenedVisitedSite)] = true
			}
			if f.PaymentMethod == "" && in.PaymentMethod != "" {
				page.Form.PaymentMethod, page.Suggested = in.PaymentMethod, true
			}
			if f.Amount == "" && in.Amount != "" {
				page.Form.Amount, page.Form.Currency, page.Suggested = in.Amount, in.Currency, true
			}
			if f.CallbackNumber == "" && suggested.CallbackNumber != "" {
				page.Form.CallbackNumber, page.Suggested = suggested.CallbackNumber, true
			}
			if f.Claimed == "" && suggested.Claimed != "" {
				page.Form.Claimed, page.Suggested = suggested.Claimed, true
			}
		}
		s.render(w, r, http.StatusOK, "report", page)
		return
	}
	// A person needs some seconds to go through three steps; a script
	// posting the last step straight away is shown it again. The wait is
	// measured from the form's signed start, so it costs nothing to keep.
	if wait := s.cfg.ReportFormMinTime - time.Since(started); wait > 0 && userFrom(r.Context()) == nil {
		page := s.reportPage(r, 3, f, nil, "")
		page.Notice = "Please check your answers, then press “Send my report”."
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(wait.Round(time.Second)/time.Second))))
		s.render(w, r, http.StatusOK, "report", page)
		return
	}
	rc, err := s.deps.Reports.Submit(r.Context(), f.input(3), report.Reporter{
		User: userFrom(r.Context()), Address: s.clientAddr(r), Browser: browserFrom(r.Context()), Source: "web",
	}, f.Nonce)
	if err != nil {
		s.reportProblem(w, r, f, err)
		return
	}
	// Redirect after the post: reloading the receipt can't send it again.
	http.Redirect(w, r, "/r/"+url.PathEscape(rc.Token)+"?sent=1", http.StatusSeeOther)
}

// reportProblem shows the step holding the first bad field, with every
// answer kept and each problem next to its field.
func (s *Server) reportProblem(w http.ResponseWriter, r *http.Request, f ReportForm, err error) {
	code := hangup.ErrorCode(err)
	if code != hangup.EINVALID && code != hangup.ETOOLARGE {
		s.webError(w, r, err)
		return
	}
	errs := map[string]string{}
	step := 3
	for _, fe := range hangup.ErrorFields(err) {
		key := strings.ReplaceAll(fe.Field, ".", "_")
		if key == "contact_consent" {
			key = "consent"
		}
		errs[key] = fe.Message
		if st, ok := stepFields[fe.Field]; ok && st < step {
			step = st
		}
	}
	s.render(w, r, StatusCode(err), "report", s.reportPage(r, step, f, errs, hangup.ErrorMessage(err)))
}
