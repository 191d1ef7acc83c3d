package numbers

import (
	"html/template"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/activity"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
)

// NumberPage shows what Hangup knows about one number, its reputation and,
// for listed numbers, the owner's way to dispute the listing.
type NumberPage struct {
	web.Page
	Info        *NumberResponse
	CanAppeal   bool
	AppealSent  bool
	AppealForm  AppealForm
	AppealError map[string]string
	Activity    ActivityView
	Said        string // "called" or "genuine" after a button, "genuine-again" when it was already counted
}

// ActivityView is a number's activity as pages show it: the counts, the
// chart and the reporters' categories.
type ActivityView struct {
	*hangup.NumberActivity
	Chart      template.HTML // the SVG
	Table      template.HTML // the same figures as a table
	Categories []string      // what people reported calls from it as, in plain words
	Genuine    int           // people who said it is genuine
	CanVote    bool          // the buttons can be shown: the number has an E.164 form
}

// ActivityView builds the activity block for info, or an empty one.
func (h *Handler) ActivityView(info *NumberResponse) ActivityView {
	v := ActivityView{NumberActivity: info.Activity, CanVote: info.E164 != ""}
	if rp := info.Reputation; rp != nil {
		v.Genuine = rp.Genuine
		for _, c := range rp.Categories {
			v.Categories = append(v.Categories, hangup.ScamType(c).Label())
		}
	}
	if info.Activity != nil {
		name := info.National
		if name == "" {
			name = info.E164
		}
		c := activity.Chart(info.Activity, name)
		if svg, err := c.SVG(); err == nil {
			v.Chart, v.Table = svg, c.Table()
		} else {
			h.log.Warn("number chart", "err", err)
		}
	}
	return v
}

// AppealForm is a number owner's dispute as typed.
type AppealForm struct {
	Name, Email, Statement string
}

// LookupPage is "Look up a number": the form, shown again with the
// problem and the number as typed when it can't be read.
type LookupPage struct {
	web.Page
	Number   string
	Problems web.Problems
}

// webNumberLookup answers the number form: a readable number goes to its
// own page; anything else shows the form again, saying what to do.
func (h *Handler) webNumberLookup(w http.ResponseWriter, r *http.Request) {
	n := strings.TrimSpace(r.URL.Query().Get("n"))
	if _, asked := r.URL.Query()["n"]; !asked {
		h.deps.Site.Render(w, r, http.StatusOK, "lookup", LookupPage{Page: h.deps.Site.Page(r, "Look up a number")})
		return
	}
	if n == "" {
		h.lookupProblem(w, r, n, hangup.Invalid("There is a problem.", hangup.FieldError{Field: "number",
			Message: "Enter the phone number you want to look up, for example 0906 123 4567."}))
		return
	}
	if _, err := h.Lookup(r.Context(), n); err != nil {
		h.lookupProblem(w, r, n, err)
		return
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(n), http.StatusSeeOther)
}

// lookupProblem shows the lookup form again with what was typed, or the
// error page for anything that is not the person's input.
func (h *Handler) lookupProblem(w http.ResponseWriter, r *http.Request, typed string, err error) {
	if !hangup.IsInputError(err) {
		h.deps.Site.Error(w, r, err)
		return
	}
	if len(typed) > 200 {
		typed = typed[:200]
	}
	h.deps.Site.Render(w, r, web.StatusCode(err), "lookup", LookupPage{Page: h.deps.Site.Page(r, "Look up a number"), Number: typed,
		Problems: web.FormProblems(err, []string{"number"}, map[string]string{"number": "n"})})
}

func (h *Handler) webNumber(w http.ResponseWriter, r *http.Request) {
	n := h.deps.Numbers.ParseNumber(r.PathValue("number"))
	if h.deps.Activity != nil && n.E164 != "" && len(r.PathValue("number")) <= check.MaxNumberLen {
		// Counted before the figures are read, so the page includes
		// this visit.
		// The browser is the server's signed cookie, set on this very
		// request on a first visit, so that visit and the next are one.
		v := activity.Visitor{Address: h.deps.ClientAddr(r), Browser: web.BrowserFrom(r.Context())}
		if err := h.deps.Activity.Looked(r.Context(), n.E164, v); err != nil {
			h.log.Warn("counting a number lookup", "err", err)
		}
	}
	info, err := h.Lookup(r.Context(), r.PathValue("number"))
	if err != nil {
		h.lookupProblem(w, r, r.PathValue("number"), err)
		return
	}
	h.deps.Site.Render(w, r, http.StatusOK, "number", h.numberPage(r, info))
}

// webNumberCalled takes "This number called me": one click, counted once
// per network a day as activity, never as evidence.
func (h *Handler) webNumberCalled(w http.ResponseWriter, r *http.Request) {
	info, ok := h.numberForm(w, r)
	if !ok {
		return
	}
	said := "called"
	if _, err := h.deps.Activity.Called(r.Context(), info.E164, h.deps.ClientAddr(r)); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(info.E164)+"?said="+said+"#activity", http.StatusSeeOther)
}

// webNumberGenuine takes "This is a genuine number I know": genuine
// evidence under the reporter rules (docs/reputation.md).
func (h *Handler) webNumberGenuine(w http.ResponseWriter, r *http.Request) {
	info, ok := h.numberForm(w, r)
	if !ok {
		return
	}
	added, err := h.deps.Reports.Genuine(r.Context(), info.E164, report.Reporter{
		User: web.UserFrom(r.Context()), Address: h.deps.ClientAddr(r), Browser: web.BrowserFrom(r.Context()), Source: "web"})
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	said := "genuine"
	if !added {
		said = "genuine-again"
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(info.E164)+"?said="+said+"#activity", http.StatusSeeOther)
}

// numberForm reads a number page's one-click form: the form token and the
// number, which must have an international form.
func (h *Handler) numberForm(w http.ResponseWriter, r *http.Request) (*NumberResponse, bool) {
	if !h.deps.Site.PostedForm(w, r) {
		return nil, false
	}
	info, err := h.Lookup(r.Context(), r.PathValue("number"))
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return nil, false
	}
	if info.E164 == "" {
		h.deps.Site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "This number can't be counted: it has no international form."))
		return nil, false
	}
	return info, true
}

func (h *Handler) numberPage(r *http.Request, info *NumberResponse) NumberPage {
	title := info.Input
	if info.National != "" {
		title = info.National
	}
	p := NumberPage{Page: h.deps.Site.Page(r, "About "+title), Info: info, AppealSent: r.URL.Query().Get("appeal") == "sent",
		Activity: h.ActivityView(info)}
	switch said := r.URL.Query().Get("said"); said {
	case "called", "genuine", "genuine-again":
		p.Said = said
	}
	if rp := info.Reputation; rp != nil && h.deps.RepDB != nil {
		listed := rp.Verdict == hangup.RepScam || rp.Verdict == hangup.RepSuspected || rp.Verdict == hangup.RepDisputed
		p.CanAppeal = listed && (rp.Appeal == nil || rp.Appeal.Status != hangup.AppealOpen)
	}
	return p
}

// webAppeal takes a number owner's dispute of a listing.
func (h *Handler) webAppeal(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	info, err := h.Lookup(r.Context(), r.PathValue("number"))
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	form := AppealForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Statement: strings.TrimSpace(r.PostForm.Get("statement"))}
	errs := map[string]string{}
	if form.Statement == "" {
		errs["statement"] = "Tell us why the listing is wrong, for example what the number is used for."
	}
	if len([]rune(form.Statement)) > 5000 || len(form.Name) > 200 || len(form.Email) > 254 {
		errs["statement"] = "What you wrote is too long. Shorten it to 5,000 characters or fewer."
	}
	if a, err := mail.ParseAddress(form.Email); err != nil || a.Address != form.Email {
		errs["email"] = "Enter an email address in the right format, like name@example.com, so an analyst can write to you about the appeal."
	}
	if !utf8.ValidString(form.Name + form.Email + form.Statement) {
		errs["statement"] = "What you wrote has characters we can't read. Type it again, or paste it as plain text."
	}
	p := h.numberPage(r, info)
	if !p.CanAppeal {
		h.deps.Site.Error(w, r, hangup.Errorf(hangup.ECONFLICT, "This number is not listed, or an appeal about it is already waiting for a decision."))
		return
	}
	if len(errs) > 0 {
		p.AppealForm, p.AppealError = form, errs
		h.deps.Site.Render(w, r, http.StatusBadRequest, "number", p)
		return
	}
	a := &hangup.Appeal{Number: info.E164, Name: form.Name, Email: form.Email, Statement: form.Statement}
	if err := h.deps.RepDB.CreateAppeal(r.Context(), a); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(info.E164)+"?appeal=sent", http.StatusSeeOther)
}
