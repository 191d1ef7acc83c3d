// Package numbers answers what Hangup knows about one phone number: the
// API (GET /api/v1/numbers/{number}) and the number pages (look up a
// number, its page with its reputation and activity, the owner's appeal,
// and the buttons "this number called me" and "this number is genuine").
// The analysts' pages show a number the same way through Lookup and
// ActivityView. Package http mounts the routes.
package numbers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/activity"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
)

// Deps are what a number's answers are made of. Numbers and Registry are
// required; the others may be nil, and their part is then left out (the
// page's buttons and the appeal are not mounted without their service).
type Deps struct {
	Numbers     hangup.NumberService
	Registry    web.Registry
	Reputation  *reputation.Service
	RepDB       hangup.ReputationStore // appeals
	Activity    *activity.Service      // lookups and "this number called me"
	SiteNumbers hangup.SiteNumberStore // the sites that showed a number
	Reports     *report.Service        // "this number is genuine"
	Site        *web.Site
	// ClientAddr is the address of the client behind a request, which
	// the activity counts once per network.
	ClientAddr func(*http.Request) string
	Logger     *slog.Logger
}

// Handler serves the number API and pages.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the number handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Pages are the number pages; the appeal and the two buttons only with
// the services they change.
func (h *Handler) Pages() []web.Route {
	rts := []web.Route{
		{Method: "GET", Path: "/numbers", Handler: h.webNumberLookup},
		{Method: "GET", Path: "/numbers/{number}", Handler: h.webNumber},
	}
	if h.deps.RepDB != nil {
		rts = append(rts, web.Route{Method: "POST", Path: "/numbers/{number}/appeal", Handler: h.webAppeal})
	}
	if h.deps.Activity != nil {
		rts = append(rts, web.Route{Method: "POST", Path: "/numbers/{number}/called", Handler: h.webNumberCalled})
	}
	if h.deps.Reports != nil {
		rts = append(rts, web.Route{Method: "POST", Path: "/numbers/{number}/genuine", Handler: h.webNumberGenuine})
	}
	return rts
}

// APIRoutes are the number API's endpoints, documented in openapi.json.
func (h *Handler) APIRoutes() []web.Route {
	return []web.Route{{Method: "GET", Path: "/api/v1/numbers/{number}", Handler: h.apiNumber}}
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

// Lookup reads a number as typed and gathers what Hangup knows about it:
// the registry's owner, its reputation (with the latest appeal), its
// activity and the websites that showed it. An unreadable number is an
// input error on the field "number".
func (h *Handler) Lookup(ctx context.Context, input string) (*NumberResponse, error) {
	if len(input) > check.MaxNumberLen {
		return nil, hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number",
			Message: fmt.Sprintf("That is too long to be a phone number. Enter at most %d characters, for example 0906 123 4567.", check.MaxNumberLen)})
	}
	n := h.deps.Numbers.ParseNumber(input)
	if n.Unreadable() {
		return nil, hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number", Message: n.UnreadableReason()})
	}
	resp := &NumberResponse{Number: n}
	if o, on, ok := h.deps.Registry.Snapshot().OrganisationByNumber(n.LookupKey()); ok {
		resp.Organisation = &NumberOwner{ID: o.ID, Name: o.Name, Role: on.Role, Label: on.Label, Source: on.Source}
	}
	if h.deps.Reputation != nil && n.E164 != "" {
		rp := h.deps.Reputation.Lookup(n.E164)
		if h.deps.RepDB != nil && rp.Verdict != hangup.RepUnknown {
			if as, err := h.deps.RepDB.Appeals(ctx, n.E164, ""); err == nil && len(as) > 0 {
				rp.Appeal = as[0]
			}
		}
		resp.Reputation = &rp
	}
	if h.deps.Activity != nil && n.E164 != "" {
		a, err := h.deps.Activity.Counts(ctx, n.E164)
		if err != nil {
			return nil, err
		}
		resp.Activity = a
	}
	if h.deps.SiteNumbers != nil && n.E164 != "" {
		sites, err := h.deps.SiteNumbers.SitesShowingNumber(context.Background(), n.E164, 20)
		if err != nil {
			h.log.Warn("sites showing a number", "err", err)
		} else if len(sites) > 0 {
			resp.Sites = sites
		}
	}
	return resp, nil
}

// apiNumber answers GET /api/v1/numbers/{number}.
func (h *Handler) apiNumber(w http.ResponseWriter, r *http.Request) {
	resp, err := h.Lookup(r.Context(), r.PathValue("number"))
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, resp)
}
