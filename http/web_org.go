package http

import (
	"net/http"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/web"
)

// OrganisationsPage lists the registry.
type OrganisationsPage struct {
	web.Page
	Query         string
	Organisations []*hangup.Organisation
}

// OrganisationPage shows one organisation with every fact's source.
type OrganisationPage struct {
	web.Page
	Org    *hangup.Organisation
	Alerts []alerts.AlertView // live alerts about it
	// What the signed-in account may open about it.
	CanRead, CanWrite bool
}

func (s *Server) webOrganisations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 200 {
		q = q[:200]
	}
	s.site.Render(w, r, http.StatusOK, "organisations", OrganisationsPage{Page: s.site.Page(r, "Organisations"), Query: q,
		Organisations: s.deps.Registry.Snapshot().Search(q, 500)})
}

func (s *Server) webOrganisation(w http.ResponseWriter, r *http.Request) {
	o, ok := s.deps.Registry.Snapshot().Organisation(strings.ToLower(r.PathValue("id")))
	if !ok {
		s.site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry."))
		return
	}
	p := OrganisationPage{Page: s.site.Page(r, o.Name), Org: o}
	if s.deps.Alerts != nil {
		p.Alerts = s.alerts.Views(s.deps.Alerts.LiveAlerts(o.ID, time.Now()))
		u := web.UserFrom(r.Context())
		p.CanRead = hangup.MayReadOrganisation(u, o.ID)
		p.CanWrite = hangup.MayActAsAnalyst(u) || hangup.MayActForOrganisation(u, o.ID)
	}
	s.site.Render(w, r, http.StatusOK, "organisation", p)
}
