package http

import (
	"net/http"
	"net/url"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/web"
)

// askOptions are hangup.Asks with their labels.
var askOptions = web.Options(hangup.Asks)

// startedChoices are hangup.StartedValues with their labels, for radios:
// the check and the report form (package reportform) ask the same
// question with the same answers.
var startedChoices = web.Options(hangup.StartedValues)

// CheckForm is the check form's values as the person typed them, kept when
// the form is shown again with errors.
type CheckForm struct {
	Number  string
	Claims  string
	Started string // a hangup.Started value
	Asked   map[string]bool
	Notes   string
	Website string
}

// checkFields are the check form's fields in page order.
var checkFields = []string{"claims", "number", "started", "asked", "website", "notes"}

// HomePage is the view model of the home page and of the check form shown
// again with errors.
type HomePage struct {
	web.Page
	Form     CheckForm
	Problems web.Problems
	Asks     []web.Option
	Started  []web.Option       // how the contact began, in the person's words
	Orgs     []string           // for the claims suggestions
	Alerts   []alerts.AlertView // the newest alerts in force
}

// homeAlerts is how many alerts the home page shows; the rest are one
// link away.
const homeAlerts = 3

// CheckResultPage is the view model of a check's result, fresh or opened
// from its short link.
type CheckResultPage struct {
	web.Page
	Answer   Answer
	Result   *hangup.CheckResult
	Notes    string    // what the person typed about the call, for the marked words ("" on a shared result)
	ShareURL string    // the short link, "" when results can't be shared here
	SharedOn time.Time // when a shared result was made; zero for a fresh one
}

func (s *Server) homePage(r *http.Request, form CheckForm, problems web.Problems) HomePage {
	if form.Asked == nil {
		form.Asked = map[string]bool{}
	}
	p := HomePage{Page: s.site.Page(r, "Is this call genuine?"), Form: form, Problems: problems, Asks: askOptions,
		Started: startedChoices, Orgs: s.orgNames()}
	if s.deps.Alerts != nil {
		live := s.deps.Alerts.Live(time.Now())
		p.Alerts = s.alerts.Views(live[:min(len(live), homeAlerts)])
	}
	return p
}

func (s *Server) webHome(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "home", s.homePage(r, CheckForm{Started: string(hangup.DefaultStarted)}, nil))
}

// webCheck handles the check form. Bad input shows the form again with each
// problem next to its field and everything the person typed kept. A result
// is kept for its short link, without the person's notes.
func (s *Server) webCheck(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.site.Error(w, r, web.FormError(err))
		return
	}
	form := CheckForm{
		Number:  r.PostForm.Get("number"),
		Claims:  r.PostForm.Get("claims"),
		Started: r.PostForm.Get("started"),
		Notes:   r.PostForm.Get("notes"),
		Website: r.PostForm.Get("website"),
		Asked:   map[string]bool{},
	}
	if form.Started == "" {
		// Older forms and links said "unsolicited": yes, no or unsure.
		form.Started = map[string]string{"yes": string(hangup.StartedTheyCalled)}[r.PostForm.Get("unsolicited")]
	}
	req := hangup.CheckRequest{
		Number: form.Number, Claims: form.Claims, Notes: form.Notes, Website: form.Website,
		Started: hangup.Started(form.Started),
	}
	for _, a := range r.PostForm["asked"] {
		if v, ok := hangup.ParseAsk(a); ok {
			a = string(v)
		}
		form.Asked[a] = true
		req.Asked = append(req.Asked, hangup.Ask(a))
	}
	res, err := s.deps.Checker.Check(r.Context(), req)
	if err != nil {
		if hangup.IsInputError(err) {
			s.site.Render(w, r, web.StatusCode(err), "home", s.homePage(r, form, web.FormProblems(err, checkFields, nil)))
			return
		}
		s.site.Error(w, r, err)
		return
	}
	p := CheckResultPage{Page: s.site.Page(r, verdictTitle(res)), Answer: answerOf(res), Result: res, Notes: form.Notes}
	if s.deps.Shares != nil {
		sh := check.Shared(req, res, time.Now())
		if err := s.deps.Shares.SaveSharedCheck(r.Context(), sh); err != nil {
			// The answer matters more than its link: show it without one.
			s.log.Warn("saving a shared check", "err", err)
		} else {
			p.ShareURL = s.PublicURL() + "/c/" + url.PathEscape(sh.ID)
		}
	}
	s.site.Render(w, r, http.StatusOK, "result", p)
}

// ShareNote says what the short link keeps.
func (CheckResultPage) ShareNote() string {
	return "opens it for 30 days, without the notes you typed."
}

func verdictTitle(res *hangup.CheckResult) string {
	return check.Headings[res.Verdict] + ": your call check"
}

// webShared shows a check result from its short link.
func (s *Server) webShared(w http.ResponseWriter, r *http.Request) {
	id := check.NormaliseShareID(r.PathValue("id"))
	if id == "" {
		s.site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "This link doesn't open a check. Check it was copied in full. Links to a check work for 30 days."))
		return
	}
	sh, err := s.deps.Shares.FindSharedCheck(r.Context(), id, time.Now())
	if err != nil {
		if hangup.ErrorCode(err) == hangup.ENOTFOUND {
			err = hangup.Errorf(hangup.ENOTFOUND, "This link doesn't open a check any more. Links to a check work for 30 days: check the call again.")
		}
		s.site.Error(w, r, err)
		return
	}
	res := &sh.Result
	if s.deps.Alerts != nil {
		res.Alerts = check.AlertsFor(s.deps.Alerts, res.Organisation, time.Now())
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.site.Render(w, r, http.StatusOK, "result", CheckResultPage{Page: s.site.Page(r, verdictTitle(res)), Answer: answerOf(res), Result: res,
		ShareURL: s.PublicURL() + "/c/" + url.PathEscape(sh.ID), SharedOn: sh.CreatedAt})
}
