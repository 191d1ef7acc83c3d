package http

import (
	"context"
	_ "embed"
	"fmt"
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

// NumberResponse is the answer of GET /api/v1/numbers/{number}: the number's
// facts and, if the registry lists it, whose it is.
type NumberResponse struct {
	hangup.Number
	Organisation *NumberOwner       `json:"organisation"`
	Reputation   *hangup.Reputation `json:"reputation"` // null when reputation is not enabled or the number has no E.164 form
	// Sites are the websites whose pages showed the number when they were
	// checked (serve --fetch-pages), most recent first.
	Sites []hangup.SiteNumber `json:"sites,omitempty"`
	// Activity is the last 30 days: look-ups, "this number called me",
	// reports naming the number, by day. The same figures as every page.
	Activity *hangup.NumberActivity `json:"activity,omitempty"`
}

// NumberOwner says which registry organisation publishes a number and how
// it uses it.
type NumberOwner struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Role   hangup.NumberRole `json:"role"`
	Label  string            `json:"label"`
	Source hangup.Source     `json:"source"`
}

func (s *Server) lookupNumber(ctx context.Context, input string) (*NumberResponse, error) {
	if len(input) > check.MaxNumberLen {
		return nil, hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number",
			Message: fmt.Sprintf("That is too long to be a phone number. Enter at most %d characters, for example 0906 123 4567.", check.MaxNumberLen)})
	}
	n := s.deps.Numbers.ParseNumber(input)
	if n.Unreadable() {
		return nil, hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number", Message: n.UnreadableReason()})
	}
	resp := &NumberResponse{Number: n}
	if o, on, ok := s.deps.Registry.Snapshot().OrganisationByNumber(n.LookupKey()); ok {
		resp.Organisation = &NumberOwner{ID: o.ID, Name: o.Name, Role: on.Role, Label: on.Label, Source: on.Source}
	}
	if s.deps.Reputation != nil && n.E164 != "" {
		rp := s.deps.Reputation.Lookup(n.E164)
		if s.deps.RepDB != nil && rp.Verdict != hangup.RepUnknown {
			if as, err := s.deps.RepDB.Appeals(ctx, n.E164, ""); err == nil && len(as) > 0 {
				rp.Appeal = as[0]
			}
		}
		resp.Reputation = &rp
	}
	if s.deps.Activity != nil && n.E164 != "" {
		a, err := s.deps.Activity.Counts(ctx, n.E164)
		if err != nil {
			return nil, err
		}
		resp.Activity = a
	}
	if s.deps.SiteNumbers != nil && n.E164 != "" {
		sites, err := s.deps.SiteNumbers.SitesShowingNumber(context.Background(), n.E164, 20)
		if err != nil {
			s.log.Warn("sites showing a number", "err", err)
		} else if len(sites) > 0 {
			resp.Sites = sites
		}
	}
	return resp, nil
}

// apiNumber answers GET /api/v1/numbers/{number}.
func (s *Server) apiNumber(w http.ResponseWriter, r *http.Request) {
	resp, err := s.lookupNumber(r.Context(), r.PathValue("number"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, resp)
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
