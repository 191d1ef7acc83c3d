package http

import (
	"net/http"
	"net/url"
	"strings"

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

// NumberPage shows what Hangup knows about one number.
type NumberPage struct {
	Page
	Info *NumberResponse
}

func (s *Server) webOrganisations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 200 {
		q = q[:200]
	}
	s.render(w, r, http.StatusOK, "organisations", OrganisationsPage{Page: s.page("Organisations"), Query: q,
		Organisations: s.deps.Registry.Snapshot().Search(q, 500)})
}

func (s *Server) webOrganisation(w http.ResponseWriter, r *http.Request) {
	o, ok := s.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok {
		s.webError(w, r, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry."))
		return
	}
	s.render(w, r, http.StatusOK, "organisation", OrganisationPage{Page: s.page(o.Name), Org: o})
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
	title := info.Input
	if info.National != "" {
		title = info.National
	}
	s.render(w, r, http.StatusOK, "number", NumberPage{Page: s.page("About " + title), Info: info})
}
