// Package portal serves the organisation portal's pages (docs/registry.md,
// "Facts an organisation publishes"): sign-up, the claim a confirmation
// link opens, the organisation's facts, tokens and members, its dashboard
// and notifications, and the analysts' queue of claims. The organisation API
// (package orgapi) reaches the same services with tokens; package http
// mounts the pages.
package portal

import (
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/webhook"
)

// Deps are what the portal's pages read and change.
type Deps struct {
	Portal   *orgportal.Service // nil: no sign-up, claims or facts pages
	Webhooks *webhook.Service   // nil: no notification pages
	// Dashboards build organisations' dashboards; nil: no dashboard pages.
	Dashboards *orgdash.Service
	// Alerts are the alerts a dashboard lists, shown as AlertViews shows
	// them; nil: none.
	Alerts     *alert.Service
	AlertViews func([]*hangup.PublicAlert) []alerts.AlertView
	Registry   web.Registry // required
	// Keys are the API keys, reloaded when a token is made or revoked
	// here so that it counts on this node at once; nil: none.
	Keys *screen.Keys
	Site *web.Site // renders the pages and refuses in them
	// ClientAddr is the address of the client behind a request (package
	// clientip), which sign-up limits count by network.
	ClientAddr func(*http.Request) string
	Logger     *slog.Logger
}

// Handler serves the portal's pages.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the portal's handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Pages are the portal's pages. They all need accounts (sign-in), so a
// server without accounts mounts none.
func (h *Handler) Pages() []web.Route {
	var rts []web.Route
	if h.deps.Portal != nil {
		org := []hangup.Role{hangup.RoleOrgAdmin, hangup.RoleOrgMember}
		staff := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst}
		site := h.deps.Site
		rts = append(rts,
			web.Route{Method: "GET", Path: "/org/signup", Handler: h.webOrgSignUpForm},
			web.Route{Method: "POST", Path: "/org/signup", Handler: h.webOrgSignUp},
			web.Route{Method: "GET", Path: "/org/claim/{token}", Handler: h.webOrgClaim},
			web.Route{Method: "POST", Path: "/org/claim/{token}/confirm", Handler: h.webOrgClaimStep},
			web.Route{Method: "POST", Path: "/org/claim/{token}/prove", Handler: h.webOrgClaimStep},
			web.Route{Method: "GET", Path: "/org/facts", Handler: site.RequireRole(h.webOrgFacts, org...)},
			web.Route{Method: "POST", Path: "/org/facts", Handler: site.RequireRole(h.webOrgFactAdd, hangup.RoleOrgAdmin)},
			web.Route{Method: "POST", Path: "/org/facts/{id}/{action}", Handler: site.RequireRole(h.webOrgFactAction, hangup.RoleOrgAdmin)},
			web.Route{Method: "POST", Path: "/org/tokens", Handler: site.RequireRole(h.webOrgTokenAdd, hangup.RoleOrgAdmin)},
			web.Route{Method: "POST", Path: "/org/members", Handler: site.RequireRole(h.webOrgMemberAdd, hangup.RoleOrgAdmin)},
			web.Route{Method: "POST", Path: "/org/tokens/{id}/revoke", Handler: site.RequireRole(h.webOrgTokenRevoke, hangup.RoleOrgAdmin)},
			web.Route{Method: "GET", Path: "/analyst/claims", Handler: site.RequireRole(h.webAnalystClaims, staff...)},
			web.Route{Method: "POST", Path: "/analyst/claims/{id}", Handler: site.RequireRole(h.webAnalystClaimDecide, staff...)},
			web.Route{Method: "POST", Path: "/analyst/facts/{id}/verify", Handler: site.RequireRole(h.webAnalystFactVerify, staff...)},
		)
	}
	return append(append(rts, h.notifyPages()...), h.dashboardPages()...)
}

// OrgSignUpPage is the sign-up form, and the page after it.
type OrgSignUpPage struct {
	web.Page
	Organisation, Email string
	Problems            web.Problems
	Sent                bool
}

func (h *Handler) webOrgSignUpForm(w http.ResponseWriter, r *http.Request) {
	org := r.URL.Query().Get("org")
	if len(org) > 200 {
		org = ""
	}
	h.deps.Site.Render(w, r, http.StatusOK, "org_signup", OrgSignUpPage{Page: h.deps.Site.Page(r, "Speak for your organisation"), Organisation: org})
}

func (h *Handler) webOrgSignUp(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	in := orgportal.SignUp{Organisation: r.PostForm.Get("organisation"), Email: r.PostForm.Get("email"),
		Password: r.PostForm.Get("password"), Network: clientip.NetworkOf(h.deps.ClientAddr(r))}
	p := OrgSignUpPage{Page: h.deps.Site.Page(r, "Speak for your organisation"), Organisation: in.Organisation, Email: in.Email}
	if len(p.Organisation) > 200 {
		p.Organisation = p.Organisation[:200]
	}
	if len(p.Email) > 254 {
		p.Email = ""
	}
	if _, err := h.deps.Portal.SignUp(r.Context(), in); err != nil {
		if !hangup.IsInputError(err) {
			h.deps.Site.Error(w, r, err)
			return
		}
		p.Problems = web.FormProblems(err, []string{"organisation", "email", "password"}, map[string]string{"organisation": "s-org", "email": "s-email", "password": "s-password"})
		if len(p.Problems) == 0 {
			p.Problems = web.Problems{{Field: "s-email", Message: hangup.ErrorMessage(err)}}
		}
		web.SetRetryAfter(w, err)
		h.deps.Site.Render(w, r, web.StatusCode(err), "org_signup", p)
		return
	}
	p.Sent, p.Title = true, "Check your email"
	h.deps.Site.Render(w, r, http.StatusOK, "org_signup", p)
}

// OrgClaimPage is the claim a confirmation link opens.
type OrgClaimPage struct {
	web.Page
	Token        string
	Claim        *hangup.OrgClaim
	Expired      bool
	Problem      string
	TXTName      string
	ChallURL     string
	Organisation string
}

func (h *Handler) claimPage(r *http.Request, token string, c *hangup.OrgClaim) OrgClaimPage {
	p := OrgClaimPage{Page: h.deps.Site.Page(r, "Your organisation's sign-up"), Token: token, Claim: c, Expired: h.deps.Portal.Expired(c),
		TXTName: orgportal.ChallengeLabel + "." + c.Domain, ChallURL: "https://" + c.Domain + orgportal.ChallengePath, Organisation: c.OrganisationName}
	if o, ok := h.deps.Registry.Snapshot().Organisation(c.OrganisationID); ok {
		p.Organisation = o.Name
	}
	return p
}

func (h *Handler) webOrgClaim(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	c, err := h.deps.Portal.Claim(r.Context(), token)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.deps.Site.Render(w, r, http.StatusOK, "org_claim", h.claimPage(r, token, c))
}

// webOrgClaimStep confirms the email or checks the domain.
func (h *Handler) webOrgClaimStep(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	token := r.PathValue("token")
	step := h.deps.Portal.Prove
	if strings.HasSuffix(r.URL.Path, "/confirm") {
		step = h.deps.Portal.Confirm
	}
	if _, err := step(r.Context(), token); err != nil {
		c, cerr := h.deps.Portal.Claim(r.Context(), token)
		if cerr != nil || !hangup.IsInputError(err) {
			h.deps.Site.Error(w, r, err)
			return
		}
		p := h.claimPage(r, token, c)
		p.Problem = hangup.ErrorMessage(err)
		h.deps.Site.Render(w, r, web.StatusCode(err), "org_claim", p)
		return
	}
	http.Redirect(w, r, "/org/claim/"+url.PathEscape(token), http.StatusSeeOther)
}

// OrgFactsPage is an organisation's own view of what it publishes.
type OrgFactsPage struct {
	web.Page
	Org       *hangup.Organisation
	Facts     []*hangup.OrgFact
	Audit     []hangup.AuditEntry
	Tokens    []*hangup.APIKey
	Members   []*hangup.User
	CanManage bool
	Problem   string
	Done      string
	NewToken  string // a token's secret, shown once
	Roles     []hangup.NumberRole
	Policies  []hangup.PolicyCode
}

func (h *Handler) orgFactsPage(r *http.Request) (OrgFactsPage, error) {
	u := web.UserFrom(r.Context())
	a := orgportal.UserActor(u)
	p := OrgFactsPage{Page: h.deps.Site.Page(r, "Your organisation on Hangup"), CanManage: a.CanManage(u.OrganisationID),
		Roles: []hangup.NumberRole{hangup.RoleCallsOut, hangup.RoleReceivesOnly, hangup.RoleSupport}, Policies: hangup.PolicyCodes}
	o, ok := h.deps.Registry.Snapshot().Organisation(u.OrganisationID)
	if !ok {
		return p, hangup.Errorf(hangup.ENOTFOUND, "Your organisation is not in Hangup's registry.")
	}
	p.Org = o
	var err error
	if p.Facts, err = h.deps.Portal.Facts(r.Context(), a, o.ID); err != nil {
		return p, err
	}
	if p.Audit, err = h.deps.Portal.Audit(r.Context(), a, o.ID, 50); err != nil {
		return p, err
	}
	if p.CanManage {
		if p.Tokens, err = h.deps.Portal.Tokens(r.Context(), a, o.ID); err != nil {
			return p, err
		}
		if p.Members, err = h.deps.Portal.Members(r.Context(), a, o.ID); err != nil {
			return p, err
		}
	}
	return p, nil
}

var portalDone = map[string]string{
	"published": "Saved. Facts marked verified count everywhere from now on.",
	"declared":  "Saved as declared: it counts nowhere until it is verified. Use the button beside it.",
	"code":      "We are calling the number now. Enter the 6-digit code you hear.",
	"verified":  "Verified. It counts everywhere from now on.",
	"withdrawn": "Withdrawn. It no longer counts anywhere.",
	"revoked":   "The token is revoked.",
	"member":    "The account is made. Give your colleague the first password in person.",
}

func (h *Handler) webOrgFacts(w http.ResponseWriter, r *http.Request) {
	p, err := h.orgFactsPage(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	p.Done = portalDone[r.URL.Query().Get("done")]
	h.deps.Site.Render(w, r, http.StatusOK, "org_facts", p)
}

// orgProblem shows the facts page again with what went wrong.
func (h *Handler) orgProblem(w http.ResponseWriter, r *http.Request, err error) {
	if !hangup.IsInputError(err) && hangup.ErrorCode(err) != hangup.ECONFLICT && hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		h.deps.Site.Error(w, r, err)
		return
	}
	p, perr := h.orgFactsPage(r)
	if perr != nil {
		h.deps.Site.Error(w, r, perr)
		return
	}
	p.Problem = summaryAndFields(err)
	web.SetRetryAfter(w, err)
	h.deps.Site.Render(w, r, web.StatusCode(err), "org_facts", p)
}

func (h *Handler) webOrgFactAdd(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	f := r.PostForm
	in := orgportal.FactInput{Kind: hangup.FactKind(f.Get("kind")), Number: f.Get("number"), Role: hangup.NumberRole(f.Get("role")),
		Domain: f.Get("domain"), URL: f.Get("url"), Policy: hangup.PolicyCode(f.Get("policy")), Text: f.Get("text"),
		CallBack: f.Get("callback") == "yes", Why: f.Get("why")}
	fact, err := h.deps.Portal.Publish(r.Context(), orgportal.UserActor(u), u.OrganisationID, in)
	if err != nil {
		h.orgProblem(w, r, err)
		return
	}
	done := "published"
	if !fact.Effective() {
		done = "declared"
	}
	http.Redirect(w, r, "/org/facts?done="+done+"#fact-"+strconv.FormatInt(fact.ID, 10), http.StatusSeeOther)
}

func (h *Handler) webOrgFactAction(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.deps.Site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such fact for your organisation."))
		return
	}
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	ctx := r.Context()
	done := ""
	switch r.PathValue("action") {
	case "code":
		err, done = h.deps.Portal.SendCode(ctx, a, id), "code"
	case "verify":
		_, err = h.deps.Portal.EnterCode(ctx, a, id, r.PostForm.Get("code"))
		done = "verified"
	case "prove":
		_, err = h.deps.Portal.ProveDomain(ctx, a, id)
		done = "verified"
	case "withdraw":
		_, err = h.deps.Portal.Withdraw(ctx, a, id, r.PostForm.Get("why"))
		done = "withdrawn"
	default:
		h.deps.Site.NotFound(w, r)
		return
	}
	if err != nil {
		h.orgProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/org/facts?done="+done+"#fact-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (h *Handler) webOrgTokenAdd(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	secret, _, err := h.deps.Portal.CreateToken(r.Context(), orgportal.UserActor(u), u.OrganisationID, r.PostForm.Get("name"), r.PostForm.Get("read_only") == "yes")
	if err != nil {
		h.orgProblem(w, r, err)
		return
	}
	h.reloadKeys(r)
	p, err := h.orgFactsPage(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	p.NewToken = secret
	h.deps.Site.Render(w, r, http.StatusCreated, "org_facts", p)
}

func (h *Handler) webOrgMemberAdd(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	if _, err := h.deps.Portal.AddMember(r.Context(), orgportal.UserActor(u), u.OrganisationID, r.PostForm.Get("email"), r.PostForm.Get("password")); err != nil {
		h.orgProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/org/facts?done=member", http.StatusSeeOther)
}

func (h *Handler) webOrgTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := h.deps.Portal.RevokeToken(r.Context(), orgportal.UserActor(u), u.OrganisationID, id, r.PostForm.Get("why")); err != nil {
		h.orgProblem(w, r, err)
		return
	}
	h.reloadKeys(r)
	http.Redirect(w, r, "/org/facts?done=revoked", http.StatusSeeOther)
}

// reloadKeys makes a token made or revoked here count on this node at
// once (others follow the change feed).
func (h *Handler) reloadKeys(r *http.Request) {
	if h.deps.Keys != nil {
		if err := h.deps.Keys.Reload(r.Context()); err != nil {
			h.log.Error("reloading API keys", "err", err)
		}
	}
}

// AnalystClaimsPage is the analysts' queue: claims to decide and declared
// facts to verify on evidence.
type AnalystClaimsPage struct {
	web.Page
	Claims   []*hangup.OrgClaim
	Declared []*hangup.OrgFact
	Audit    []hangup.AuditEntry
	Problem  string
}

func (h *Handler) analystClaimsPage(r *http.Request) (AnalystClaimsPage, error) {
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	p := AnalystClaimsPage{Page: h.deps.Site.Page(r, "Organisation claims")}
	var err error
	if p.Claims, err = h.deps.Portal.Claims(r.Context(), a, hangup.ClaimQueued); err != nil {
		return p, err
	}
	facts, err := h.deps.Portal.AllFacts(r.Context(), a)
	if err != nil {
		return p, err
	}
	for _, f := range facts {
		if f.Status == hangup.FactDeclared {
			p.Declared = append(p.Declared, f)
		}
	}
	p.Audit, err = h.deps.Portal.Audit(r.Context(), a, "", 100)
	return p, err
}

func (h *Handler) webAnalystClaims(w http.ResponseWriter, r *http.Request) {
	p, err := h.analystClaimsPage(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	h.deps.Site.Render(w, r, http.StatusOK, "analyst_claims", p)
}

func (h *Handler) analystProblem(w http.ResponseWriter, r *http.Request, err error) {
	if !hangup.IsInputError(err) && hangup.ErrorCode(err) != hangup.ECONFLICT {
		h.deps.Site.Error(w, r, err)
		return
	}
	p, perr := h.analystClaimsPage(r)
	if perr != nil {
		h.deps.Site.Error(w, r, perr)
		return
	}
	p.Problem = summaryAndFields(err)
	h.deps.Site.Render(w, r, web.StatusCode(err), "analyst_claims", p)
}

func (h *Handler) webAnalystClaimDecide(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	if _, err := h.deps.Portal.Decide(r.Context(), a, id, r.PostForm.Get("decision") == "approve", r.PostForm.Get("reason")); err != nil {
		h.analystProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/claims", http.StatusSeeOther)
}

func (h *Handler) webAnalystFactVerify(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	if _, err := h.deps.Portal.VerifyOnEvidence(r.Context(), a, id, r.PostForm.Get("evidence")); err != nil {
		h.analystProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/claims", http.StatusSeeOther)
}

// summaryAndFields is an error's summary followed by each field's message,
// as the portal's pages show a problem above the form.
func summaryAndFields(err error) string {
	msg := hangup.ErrorMessage(err)
	for _, f := range hangup.ErrorFields(err) {
		msg += " " + f.Message
	}
	return msg
}
