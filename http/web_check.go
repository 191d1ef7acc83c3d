package http

import (
	"net/http"
	"strings"

	"github.com/hangup-org/hangup"
)

// AskOption is one checkbox of "What did they ask you to do?".
type AskOption struct {
	Value string
	Label string
}

// askOptions word the asks the way a person would say them.
var askOptions = []AskOption{
	{string(hangup.AskInstall), "Install a program or app"},
	{string(hangup.AskRemoteAccess), "Let them into my computer or phone (they could see my screen)"},
	{string(hangup.AskWebsite), "Go to a website"},
	{string(hangup.AskPayment), "Pay money"},
	{string(hangup.AskGiftCard), "Buy gift cards or read out gift card numbers"},
	{string(hangup.AskCrypto), "Pay in Bitcoin or another cryptocurrency"},
	{string(hangup.AskBankDetails), "Give my bank details or log in to my bank"},
	{string(hangup.AskCardDetails), "Give my card details"},
	{string(hangup.AskPasswords), "Tell them a password, PIN or a code sent to my phone"},
}

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

// HomePage is the view model of the home page and of the check form shown
// again with errors.
type HomePage struct {
	Page
	Form    CheckForm
	Errors  map[string]string
	Summary string
	Asks    []AskOption
	Started []AskOption // how the contact began, in the person's words
	Orgs    []string    // for the claims suggestions
}

// startedChoices are hangup.StartedValues with their labels, for radios:
// the check and the report ask the same question with the same answers.
var startedChoices = func() []AskOption {
	out := make([]AskOption, len(hangup.StartedValues))
	for i, v := range hangup.StartedValues {
		out[i] = AskOption{string(v), v.Label()}
	}
	return out
}()

// verdictHeadings are the result page's headings, made once.
var verdictHeadings = map[hangup.CheckVerdict]string{
	hangup.CheckStop:       "Stop",
	hangup.CheckCaution:    "Be careful",
	hangup.CheckNoRedFlags: "No warning signs found yet",
	hangup.CheckNotEnough:  "Not enough to go on",
}

// CheckResultPage is the view model of a check's result.
type CheckResultPage struct {
	Page
	Result  *hangup.CheckResult
	Form    CheckForm
	Heading string // the verdict in words: "Stop", "Not enough to go on"
}

func (s *Server) homePage(r *http.Request, form CheckForm, errs map[string]string, summary string) HomePage {
	var names []string
	for _, o := range s.deps.Registry.Snapshot().Organisations() {
		if !o.Generic {
			names = append(names, o.Name)
		}
	}
	if form.Asked == nil {
		form.Asked = map[string]bool{}
	}
	return HomePage{Page: s.pageFor(r, "Is this call genuine?"), Form: form, Errors: errs, Summary: summary, Asks: askOptions,
		Started: startedChoices, Orgs: names}
}

func (s *Server) webHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home", s.homePage(r, CheckForm{Started: string(hangup.DefaultStarted)}, nil, ""))
}

// webCheck handles the check form. Bad input shows the form again with each
// problem next to its field and everything the person typed kept.
func (s *Server) webCheck(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.webError(w, r, formError(err))
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
		form.Asked[a] = true
		req.Asked = append(req.Asked, hangup.Ask(a))
	}
	res, err := s.deps.Checker.Check(r.Context(), req)
	if err != nil {
		if code := hangup.ErrorCode(err); code == hangup.EINVALID || code == hangup.ETOOLARGE {
			errs := map[string]string{}
			for _, f := range hangup.ErrorFields(err) {
				errs[f.Field] = f.Message
			}
			s.render(w, r, StatusCode(err), "home", s.homePage(r, form, errs, hangup.ErrorMessage(err)))
			return
		}
		s.webError(w, r, err)
		return
	}
	heading := verdictHeadings[res.Verdict]
	s.render(w, r, http.StatusOK, "result", CheckResultPage{Page: s.pageFor(r, heading+": your call check"), Result: res, Form: form, Heading: heading})
}

func formError(err error) error {
	if strings.Contains(err.Error(), "too large") {
		return hangup.Errorf(hangup.ETOOLARGE, "That was more text than we can take. Please shorten it and try again.")
	}
	return hangup.Errorf(hangup.EINVALID, "We couldn't read the form. Please go back and try again.")
}
