package http

import (
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

// OrganisationsPage lists the registry.
type OrganisationsPage struct {
	Page
	Query         string
	Organisations []*hangup.Organisation
}

// OrganisationPage shows one organisation with every fact's source.
type OrganisationPage struct {
	Page
	Org *hangup.Organisation
}

// NumberPage shows what Hangup knows about one number, its reputation and,
// for listed numbers, the owner's way to dispute the listing.
type NumberPage struct {
	Page
	Info        *NumberResponse
	CanAppeal   bool
	AppealSent  bool
	AppealForm  AppealForm
	AppealError map[string]string
}

// AppealForm is a number owner's dispute as typed.
type AppealForm struct {
	Name, Email, Statement string
}

func (s *Server) webOrganisations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 200 {
		q = q[:200]
	}
	s.render(w, r, http.StatusOK, "organisations", OrganisationsPage{Page: s.pageFor(r, "Organisations"), Query: q,
		Organisations: s.deps.Registry.Snapshot().Search(q, 500)})
}

func (s *Server) webOrganisation(w http.ResponseWriter, r *http.Request) {
	o, ok := s.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok {
		s.webError(w, r, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry."))
		return
	}
	s.render(w, r, http.StatusOK, "organisation", OrganisationPage{Page: s.pageFor(r, o.Name), Org: o})
}

// webNumberLookup sends the number form to the number's own page.
func (s *Server) webNumberLookup(w http.ResponseWriter, r *http.Request) {
	n := strings.TrimSpace(r.URL.Query().Get("n"))
	if n == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(n), http.StatusSeeOther)
}

func (s *Server) webNumber(w http.ResponseWriter, r *http.Request) {
	info, err := s.lookupNumber(r.PathValue("number"))
	if err != nil {
		s.webError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "number", s.numberPage(r, info))
}

func (s *Server) numberPage(r *http.Request, info *NumberResponse) NumberPage {
	title := info.Input
	if info.National != "" {
		title = info.National
	}
	p := NumberPage{Page: s.pageFor(r, "About "+title), Info: info, AppealSent: r.URL.Query().Get("appeal") == "sent"}
	if rp := info.Reputation; rp != nil && s.deps.RepDB != nil {
		listed := rp.Verdict == hangup.RepScam || rp.Verdict == hangup.RepSuspected || rp.Verdict == hangup.RepDisputed
		p.CanAppeal = listed && (rp.Appeal == nil || rp.Appeal.Status != hangup.AppealOpen)
	}
	return p
}

// webAppeal takes a number owner's dispute of a listing.
func (s *Server) webAppeal(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.webError(w, r, formError(err))
		return
	}
	if err := s.checkCSRF(r); err != nil {
		s.webError(w, r, err)
		return
	}
	info, err := s.lookupNumber(r.PathValue("number"))
	if err != nil {
		s.webError(w, r, err)
		return
	}
	form := AppealForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Statement: strings.TrimSpace(r.PostForm.Get("statement"))}
	errs := map[string]string{}
	if form.Statement == "" {
		errs["statement"] = "Tell us why the listing is wrong, for example what the number is used for."
	}
	if len([]rune(form.Statement)) > 5000 || len(form.Name) > 200 || len(form.Email) > 254 {
		errs["statement"] = "That is too long: at most 5,000 characters."
	}
	if a, err := mail.ParseAddress(form.Email); err != nil || a.Address != form.Email {
		errs["email"] = "We need an email address so an analyst can write to you about the appeal, for example name@example.com."
	}
	if !utf8.ValidString(form.Name + form.Email + form.Statement) {
		errs["statement"] = "That contains characters that are not valid text."
	}
	p := s.numberPage(r, info)
	if !p.CanAppeal {
		s.webError(w, r, hangup.Errorf(hangup.ECONFLICT, "This number is not listed, or an appeal about it is already waiting for a decision."))
		return
	}
	if len(errs) > 0 {
		p.AppealForm, p.AppealError = form, errs
		s.render(w, r, http.StatusBadRequest, "number", p)
		return
	}
	a := &hangup.Appeal{Number: info.E164, Name: form.Name, Email: form.Email, Statement: form.Statement}
	if err := s.deps.RepDB.CreateAppeal(r.Context(), a); err != nil {
		s.webError(w, r, err)
		return
	}
	http.Redirect(w, r, "/numbers/"+url.PathEscape(info.E164)+"?appeal=sent", http.StatusSeeOther)
}
