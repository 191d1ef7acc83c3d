package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/orgportal"
)

// The organisation portal's pages (docs/registry.md, "Facts an
// organisation publishes"): sign-up, the claim a confirmation link opens,
// the organisation's facts and tokens, and the analysts' queue of claims.

func (s *Server) portalRoutes(page func(string, http.HandlerFunc)) {
	if s.deps.Portal == nil || s.deps.Accounts == nil {
		return
	}
	org := []hangup.Role{hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	staff := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst}
	page("GET /org/signup", s.webOrgSignUpForm)
	page("POST /org/signup", s.webOrgSignUp)
	page("GET /org/claim/{token}", s.webOrgClaim)
	page("POST /org/claim/{token}/confirm", s.webOrgClaimStep)
	page("POST /org/claim/{token}/prove", s.webOrgClaimStep)
	page("GET /org/facts", s.site.RequireRole(s.webOrgFacts, org...))
	page("POST /org/facts", s.site.RequireRole(s.webOrgFactAdd, hangup.RoleOrgAdmin))
	page("POST /org/facts/{id}/{action}", s.site.RequireRole(s.webOrgFactAction, hangup.RoleOrgAdmin))
	page("POST /org/tokens", s.site.RequireRole(s.webOrgTokenAdd, hangup.RoleOrgAdmin))
	page("POST /org/members", s.site.RequireRole(s.webOrgMemberAdd, hangup.RoleOrgAdmin))
	page("POST /org/tokens/{id}/revoke", s.site.RequireRole(s.webOrgTokenRevoke, hangup.RoleOrgAdmin))
	page("GET /analyst/claims", s.site.RequireRole(s.webAnalystClaims, staff...))
	page("POST /analyst/claims/{id}", s.site.RequireRole(s.webAnalystClaimDecide, staff...))
	page("POST /analyst/facts/{id}/verify", s.site.RequireRole(s.webAnalystFactVerify, staff...))
}

// OrgSignUpPage is the sign-up form, and the page after it.
type OrgSignUpPage struct {
	web.Page
	Organisation, Email string
	Problems            web.Problems
	Sent                bool
}

func (s *Server) webOrgSignUpForm(w http.ResponseWriter, r *http.Request) {
	org := r.URL.Query().Get("org")
	if len(org) > 200 {
		org = ""
	}
	s.site.Render(w, r, http.StatusOK, "org_signup", OrgSignUpPage{Page: s.site.Page(r, "Speak for your organisation"), Organisation: org})
}

func (s *Server) webOrgSignUp(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	in := orgportal.SignUp{Organisation: r.PostForm.Get("organisation"), Email: r.PostForm.Get("email"),
		Password: r.PostForm.Get("password"), Network: clientip.NetworkOf(s.clientAddr(r))}
	p := OrgSignUpPage{Page: s.site.Page(r, "Speak for your organisation"), Organisation: in.Organisation, Email: in.Email}
	if len(p.Organisation) > 200 {
		p.Organisation = p.Organisation[:200]
	}
	if len(p.Email) > 254 {
		p.Email = ""
	}
	if _, err := s.deps.Portal.SignUp(r.Context(), in); err != nil {
		if !hangup.IsInputError(err) {
			s.site.Error(w, r, err)
			return
		}
		p.Problems = web.FormProblems(err, []string{"organisation", "email", "password"}, map[string]string{"organisation": "s-org", "email": "s-email", "password": "s-password"})
		if len(p.Problems) == 0 {
			p.Problems = web.Problems{{Field: "s-email", Message: hangup.ErrorMessage(err)}}
		}
		web.SetRetryAfter(w, err)
		s.site.Render(w, r, web.StatusCode(err), "org_signup", p)
		return
	}
	p.Sent, p.Title = true, "Check your email"
	s.site.Render(w, r, http.StatusOK, "org_signup", p)
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

func (s *Server) claimPage(r *http.Request, token string, c *hangup.OrgClaim) OrgClaimPage {
	p := OrgClaimPage{Page: s.site.Page(r, "Your organisation's sign-up"), Token: token, Claim: c, Expired: s.deps.Portal.Expired(c),
		TXTName: orgportal.ChallengeLabel + "." + c.Domain, ChallURL: "https://" + c.Domain + orgportal.ChallengePath, Organisation: c.OrganisationName}
	if o, ok := s.deps.Registry.Snapshot().Organisation(c.OrganisationID); ok {
		p.Organisation = o.Name
	}
	return p
}

func (s *Server) webOrgClaim(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	c, err := s.deps.Portal.Claim(r.Context(), token)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.site.Render(w, r, http.StatusOK, "org_claim", s.claimPage(r, token, c))
}

// webOrgClaimStep confirms the email or checks the domain.
func (s *Server) webOrgClaimStep(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	token := r.PathValue("token")
	step := s.deps.Portal.Prove
	if strings.HasSuffix(r.URL.Path, "/confirm") {
		step = s.deps.Portal.Confirm
	}
	if _, err := step(r.Context(), token); err != nil {
		c, cerr := s.deps.Portal.Claim(r.Context(), token)
		if cerr != nil || !hangup.IsInputError(err) {
			s.site.Error(w, r, err)
			return
		}
		p := s.claimPage(r, token, c)
		p.Problem = hangup.ErrorMessage(err)
		s.site.Render(w, r, web.StatusCode(err), "org_claim", p)
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

func (s *Server) orgFactsPage(r *http.Request) (OrgFactsPage, error) {
	u := web.UserFrom(r.Context())
	a := orgportal.UserActor(u)
	p := OrgFactsPage{Page: s.site.Page(r, "Your organisation on Hangup"), CanManage: a.CanManage(u.OrganisationID),
		Roles: []hangup.NumberRole{hangup.RoleCallsOut, hangup.RoleReceivesOnly, hangup.RoleSupport}, Policies: hangup.PolicyCodes}
	o, ok := s.deps.Registry.Snapshot().Organisation(u.OrganisationID)
	if !ok {
		return p, hangup.Errorf(hangup.ENOTFOUND, "Your organisation is not in Hangup's registry.")
	}
	p.Org = o
	var err error
	if p.Facts, err = s.deps.Portal.Facts(r.Context(), a, o.ID); err != nil {
		return p, err
	}
	if p.Audit, err = s.deps.Portal.Audit(r.Context(), a, o.ID, 50); err != nil {
		return p, err
	}
	if p.CanManage {
		if p.Tokens, err = s.deps.Portal.Tokens(r.Context(), a, o.ID); err != nil {
			return p, err
		}
		if p.Members, err = s.deps.Portal.Members(r.Context(), a, o.ID); err != nil {
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

func (s *Server) webOrgFacts(w http.ResponseWriter, r *http.Request) {
	p, err := s.orgFactsPage(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p.Done = portalDone[r.URL.Query().Get("done")]
	s.site.Render(w, r, http.StatusOK, "org_facts", p)
}

// orgProblem shows the facts page again with what went wrong.
func (s *Server) orgProblem(w http.ResponseWriter, r *http.Request, err error) {
	if !hangup.IsInputError(err) && hangup.ErrorCode(err) != hangup.ECONFLICT && hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		s.site.Error(w, r, err)
		return
	}
	p, perr := s.orgFactsPage(r)
	if perr != nil {
		s.site.Error(w, r, perr)
		return
	}
	p.Problem = summaryAndFields(err)
	web.SetRetryAfter(w, err)
	s.site.Render(w, r, web.StatusCode(err), "org_facts", p)
}

func (s *Server) webOrgFactAdd(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	f := r.PostForm
	in := orgportal.FactInput{Kind: hangup.FactKind(f.Get("kind")), Number: f.Get("number"), Role: hangup.NumberRole(f.Get("role")),
		Domain: f.Get("domain"), URL: f.Get("url"), Policy: hangup.PolicyCode(f.Get("policy")), Text: f.Get("text"),
		CallBack: f.Get("callback") == "yes", Why: f.Get("why")}
	fact, err := s.deps.Portal.Publish(r.Context(), orgportal.UserActor(u), u.OrganisationID, in)
	if err != nil {
		s.orgProblem(w, r, err)
		return
	}
	done := "published"
	if !fact.Effective() {
		done = "declared"
	}
	http.Redirect(w, r, "/org/facts?done="+done+"#fact-"+strconv.FormatInt(fact.ID, 10), http.StatusSeeOther)
}

func (s *Server) webOrgFactAction(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such fact for your organisation."))
		return
	}
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	ctx := r.Context()
	done := ""
	switch r.PathValue("action") {
	case "code":
		err, done = s.deps.Portal.SendCode(ctx, a, id), "code"
	case "verify":
		_, err = s.deps.Portal.EnterCode(ctx, a, id, r.PostForm.Get("code"))
		done = "verified"
	case "prove":
		_, err = s.deps.Portal.ProveDomain(ctx, a, id)
		done = "verified"
	case "withdraw":
		_, err = s.deps.Portal.Withdraw(ctx, a, id, r.PostForm.Get("why"))
		done = "withdrawn"
	default:
		s.webNotFound(w, r)
		return
	}
	if err != nil {
		s.orgProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/org/facts?done="+done+"#fact-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) webOrgTokenAdd(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	secret, _, err := s.deps.Portal.CreateToken(r.Context(), orgportal.UserActor(u), u.OrganisationID, r.PostForm.Get("name"), r.PostForm.Get("read_only") == "yes")
	if err != nil {
		s.orgProblem(w, r, err)
		return
	}
	s.reloadKeys(r)
	p, err := s.orgFactsPage(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p.NewToken = secret
	s.site.Render(w, r, http.StatusCreated, "org_facts", p)
}

func (s *Server) webOrgMemberAdd(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	if _, err := s.deps.Portal.AddMember(r.Context(), orgportal.UserActor(u), u.OrganisationID, r.PostForm.Get("email"), r.PostForm.Get("password")); err != nil {
		s.orgProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/org/facts?done=member", http.StatusSeeOther)
}

func (s *Server) webOrgTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	u := web.UserFrom(r.Context())
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.deps.Portal.RevokeToken(r.Context(), orgportal.UserActor(u), u.OrganisationID, id, r.PostForm.Get("why")); err != nil {
		s.orgProblem(w, r, err)
		return
	}
	s.reloadKeys(r)
	http.Redirect(w, r, "/org/facts?done=revoked", http.StatusSeeOther)
}

// reloadKeys makes a token made or revoked here count on this node at
// once (others follow the change feed).
func (s *Server) reloadKeys(r *http.Request) {
	if s.deps.ScreenKeys != nil {
		if err := s.deps.ScreenKeys.Reload(r.Context()); err != nil {
			s.log.Error("reloading API keys", "err", err)
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

func (s *Server) analystClaimsPage(r *http.Request) (AnalystClaimsPage, error) {
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	p := AnalystClaimsPage{Page: s.site.Page(r, "Organisation claims")}
	var err error
	if p.Claims, err = s.deps.Portal.Claims(r.Context(), a, hangup.ClaimQueued); err != nil {
		return p, err
	}
	facts, err := s.deps.Portal.AllFacts(r.Context(), a)
	if err != nil {
		return p, err
	}
	for _, f := range facts {
		if f.Status == hangup.FactDeclared {
			p.Declared = append(p.Declared, f)
		}
	}
	p.Audit, err = s.deps.Portal.Audit(r.Context(), a, "", 100)
	return p, err
}

func (s *Server) webAnalystClaims(w http.ResponseWriter, r *http.Request) {
	p, err := s.analystClaimsPage(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	s.site.Render(w, r, http.StatusOK, "analyst_claims", p)
}

func (s *Server) analystProblem(w http.ResponseWriter, r *http.Request, err error) {
	if !hangup.IsInputError(err) && hangup.ErrorCode(err) != hangup.ECONFLICT {
		s.site.Error(w, r, err)
		return
	}
	p, perr := s.analystClaimsPage(r)
	if perr != nil {
		s.site.Error(w, r, perr)
		return
	}
	p.Problem = summaryAndFields(err)
	s.site.Render(w, r, web.StatusCode(err), "analyst_claims", p)
}

func (s *Server) webAnalystClaimDecide(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	if _, err := s.deps.Portal.Decide(r.Context(), a, id, r.PostForm.Get("decision") == "approve", r.PostForm.Get("reason")); err != nil {
		s.analystProblem(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/claims", http.StatusSeeOther)
}

func (s *Server) webAnalystFactVerify(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a := orgportal.UserActor(web.UserFrom(r.Context()))
	if _, err := s.deps.Portal.VerifyOnEvidence(r.Context(), a, id, r.PostForm.Get("evidence")); err != nil {
		s.analystProblem(w, r, err)
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
