package http

import (
	_ "embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
)

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
}

// apiCheck answers POST /api/v1/checks.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	var req hangup.CheckRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.deps.Checker.Check(r.Context(), req)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, res)
}

// OrganisationList is the answer of GET /api/v1/organisations.
type OrganisationList struct {
	Organisations []*hangup.Organisation `json:"organisations"`
}

// apiOrganisations answers GET /api/v1/organisations?q=&limit=.
func (s *Server) apiOrganisations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > check.MaxClaimsLen {
		s.apiError(w, r, hangup.Invalid("The search is too long.", hangup.FieldError{Field: "q", Message: "is longer than 200 characters"}))
		return
	}
	limit := 50
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 500 {
			s.apiError(w, r, hangup.Invalid("Bad limit.", hangup.FieldError{Field: "limit", Message: "must be a whole number from 1 to 500"}))
			return
		}
		limit = n
	}
	orgs := s.deps.Registry.Snapshot().Search(q, limit)
	if orgs == nil {
		orgs = []*hangup.Organisation{}
	}
	web.WriteJSON(w, http.StatusOK, OrganisationList{Organisations: orgs})
}

// apiOrganisation answers GET /api/v1/organisations/{id}.
func (s *Server) apiOrganisation(w http.ResponseWriter, r *http.Request) {
	id := strings.ToLower(r.PathValue("id"))
	o, ok := s.deps.Registry.Snapshot().Organisation(id)
	if !ok {
		s.apiError(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no organisation %q in the registry.", id))
		return
	}
	web.WriteJSON(w, http.StatusOK, o)
}
