// Package orgportal lets an impersonated organisation speak for itself
// (docs/registry.md, "Facts an organisation publishes"): a person claims the
// organisation by proving control of one of its domains, then publishes its
// numbers, domains, call-back routes and calling policies. Numbers count
// only once verified by a one-time code delivered to them (or by an analyst
// on documentary evidence); verified facts take effect on every node at
// once through the registry snapshot. Every step, refusals included, is in
// the audit log.
package orgportal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/ratelimit"
	"github.com/hangup-org/hangup/registry"
)

// Config holds the portal's limits. Zero fields take the defaults.
type Config struct {
	EmailTTL       time.Duration // how long the confirmation link works; default 48 h
	ChallengeTTL   time.Duration // how long a domain challenge stands once the email is confirmed; default 7 days
	CodeTTL        time.Duration // how long a one-time code works; default 10 min
	CodeAttempts   int           // wrong codes before a new one must be sent; default 5
	CodesPerHour   int           // codes sent to one number in an hour; default 3
	SignUpsPerHour float64       // sign-ups per client network; default 5
}

func (c *Config) defaults() {
	if c.EmailTTL <= 0 {
		c.EmailTTL = 48 * time.Hour
	}
	if c.ChallengeTTL <= 0 {
		c.ChallengeTTL = 7 * 24 * time.Hour
	}
	if c.CodeTTL <= 0 {
		c.CodeTTL = 10 * time.Minute
	}
	if c.CodeAttempts <= 0 {
		c.CodeAttempts = 5
	}
	if c.CodesPerHour <= 0 {
		c.CodesPerHour = 3
	}
	if c.SignUpsPerHour <= 0 {
		c.SignUpsPerHour = 5
	}
}

// Registry is what the portal needs of the registry service: the current
// snapshot, and a reload once a change that shows in it is saved.
type Registry interface {
	Snapshot() *registry.Snapshot
	Reload(ctx context.Context) error
}

// NumberParser reads numbers as written in a country.
type NumberParser interface {
	ParseNumberIn(input, region string) hangup.Number
}

// Deps are what the portal works with.
type Deps struct {
	Store    hangup.OrgPortalStore
	Users    hangup.UserStore
	Keys     hangup.APIKeyStore // organisations' API tokens; nil: none
	Registry Registry
	Numbers  NumberParser
	Mailer   hangup.Mailer     // the confirmation email; nil refuses sign-ups
	Codes    hangup.CodeSender // one-time codes to numbers; nil: only analysts verify numbers
	Prover   *Prover
	// PublicURL returns the site's address for links in emails.
	PublicURL func() string
	Logger    *slog.Logger
}

// Service is the organisation portal.
type Service struct {
	cfg     Config
	d       Deps
	now     func() time.Time
	signups *ratelimit.Keyed
}

// New returns the portal.
func New(cfg Config, d Deps) (*Service, error) {
	cfg.defaults()
	if d.Store == nil || d.Users == nil || d.Registry == nil || d.Numbers == nil || d.Prover == nil {
		return nil, errors.New("orgportal: Store, Users, Registry, Numbers and Prover are required")
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.PublicURL == nil {
		d.PublicURL = func() string { return "" }
	}
	return &Service{cfg: cfg, d: d, now: time.Now, signups: ratelimit.New(cfg.SignUpsPerHour/3600, int(max(cfg.SignUpsPerHour, 1)), 100_000)}, nil
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Actor is who asks: a signed-in account or an organisation's API key.
type Actor struct {
	Name           string      // for the audit log: an email, or "api:<key name>"
	Role           hangup.Role // an API key acts as org_admin (scope org) or org_member (org_read)
	OrganisationID string
}

// UserActor is the actor for a signed-in account.
func UserActor(u *hangup.User) Actor {
	if u == nil || u.Disabled {
		return Actor{}
	}
	return Actor{Name: u.Email, Role: u.Role.Canonical(), OrganisationID: u.OrganisationID}
}

// KeyActor is the actor for an API key; a key without an organisation
// scope is nobody here.
func KeyActor(k *hangup.APIKey) Actor {
	if k == nil || k.Disabled || k.OrganisationID == "" {
		return Actor{}
	}
	switch {
	case k.HasScope(hangup.ScopeOrg):
		return Actor{Name: "api:" + k.Name, Role: hangup.RoleOrgAdmin, OrganisationID: k.OrganisationID}
	case k.HasScope(hangup.ScopeOrgRead):
		return Actor{Name: "api:" + k.Name, Role: hangup.RoleOrgMember, OrganisationID: k.OrganisationID}
	}
	return Actor{}
}

// Staff reports whether the actor is one of Hangup's administrators or
// analysts.
func (a Actor) Staff() bool { return a.Role == hangup.RoleAdmin || a.Role == hangup.RoleAnalyst }

// CanManage reports whether the actor may change organisation id's facts.
func (a Actor) CanManage(id string) bool {
	return id != "" && a.Role == hangup.RoleOrgAdmin && a.OrganisationID == id
}

// CanRead reports whether the actor may read organisation id's facts,
// declared ones included, and its audit log.
func (a Actor) CanRead(id string) bool {
	return id != "" && (a.Staff() || a.Role.IsOrg() && a.OrganisationID == id)
}

// notFound is the answer to anything outside the actor's organisation:
// never "forbidden", so ids can't be probed.
var notFound = hangup.Errorf(hangup.ENOTFOUND, "There is no such fact for your organisation.")

// refuse records a refusal in the audit log and returns err.
func (s *Service) refuse(ctx context.Context, org, actor, subject string, err error) error {
	detail := hangup.ErrorMessage(err)
	for _, f := range hangup.ErrorFields(err) {
		detail += " " + f.Field + ": " + f.Message
	}
	if aerr := s.d.Store.AppendAudit(ctx, hangup.AuditEntry{At: s.now(), OrganisationID: org, Actor: actor, Action: "refused",
		Subject: subject, Detail: detail}); aerr != nil {
		s.d.Logger.Error("recording a refusal in the audit log", "err", aerr)
	}
	s.d.Logger.Info("organisation portal refused", "organisation", org, "actor", actor, "subject", subject, "reason", detail)
	return err
}

func (s *Service) audit(org, actor, action, subject, detail string) hangup.AuditEntry {
	return hangup.AuditEntry{At: s.now(), OrganisationID: org, Actor: actor, Action: action, Subject: subject, Detail: detail}
}

// reload makes a saved change show in this node's snapshot at once (other
// nodes hear of it through the change feed).
func (s *Service) reload(ctx context.Context) {
	if err := s.d.Registry.Reload(ctx); err != nil {
		s.d.Logger.Error("reloading the registry after a published change", "err", err)
	}
}

func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte("claim:" + t))
	return h[:]
}

func cleanText(p *hangup.Problems, field, v string, required bool, limit int) string {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		p.Add(field, "This is required.")
	case utf8.RuneCountInString(v) > limit:
		p.Add(field, fmt.Sprintf("Use at most %d characters.", limit))
	case !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' }):
		p.Add(field, "Use plain text, without control characters.")
	}
	return v
}

// ---- Claims ----

// SignUp is what a person types to claim an organisation.
type SignUp struct {
	Organisation string // the registry id or name
	Email        string
	Password     string
	Network      string // the client's network, for the sign-up limit
}

// SignUp starts a claim: it checks the email's domain, decides whether the
// claim can be settled by a domain proof or must go to an analyst, and
// sends the confirmation link. It never says whether the organisation is
// already held: that is for the analyst.
func (s *Service) SignUp(ctx context.Context, in SignUp) (*hangup.OrgClaim, error) {
	now := s.now()
	var p hangup.Problems
	name := cleanText(&p, "organisation", in.Organisation, true, 200)
	email := strings.ToLower(strings.TrimSpace(in.Email))
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		p.Add("email", "Enter your work email address, like it@yourcompany.example.")
	}
	if n := utf8.RuneCountInString(in.Password); n < account.MinPasswordLen || len(in.Password) > 1024 {
		p.Add("password", fmt.Sprintf("Choose a password of at least %d characters.", account.MinPasswordLen))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if !s.signups.Allow(in.Network, now) {
		return nil, s.refuse(ctx, "", email, "sign-up", hangup.Errorf(hangup.ERATELIMIT, "Too many sign-ups from your network. Please try again in an hour."))
	}
	_, domainPart, _ := strings.Cut(email, "@")
	domain, err := CheckDomain("email", domainPart)
	if err != nil {
		return nil, s.refuse(ctx, "", email, domainPart, err)
	}
	if s.d.Mailer == nil {
		return nil, hangup.Errorf(hangup.EUNAVAILABLE, "This Hangup can't send email, so organisations can't sign up here yet.")
	}
	snap := s.d.Registry.Snapshot()
	// Only the registry id or the exact name: a fuzzy match would let
	// "IMEX Support" pass for IMEX.
	org, ok := snap.Organisation(strings.ToLower(name))
	if !ok {
		for _, o := range snap.Organisations() {
			if strings.EqualFold(o.Name, name) {
				org, ok = o, true
				break
			}
		}
	}
	c := &hangup.OrgClaim{OrganisationName: name, Domain: domain, Email: email, Status: hangup.ClaimEmailSent,
		Challenge: newChallenge(domain), ExpiresAt: now.Add(s.cfg.EmailTTL), CreatedAt: now, UpdatedAt: now}
	switch {
	case !ok || org.Generic:
		c.QueueReason = hangup.QueueUnknownOrganisation
		c.OrganisationID = slug(name)
	case !orgHasDomain(org, domain):
		c.OrganisationID, c.QueueReason = org.ID, hangup.QueueOtherDomain
	default:
		c.OrganisationID = org.ID
		if held, err := s.held(ctx, org.ID); err != nil {
			return nil, err
		} else if held {
			c.QueueReason = hangup.QueueAlreadyHeld
		}
	}
	if c.PasswordHash, err = account.HashPassword(in.Password); err != nil {
		return nil, err
	}
	token := randomToken(32)
	c.TokenHash = hashToken(token)
	detail := "signed up at " + domain
	if c.QueueReason != "" {
		detail += "; an analyst will decide (" + c.QueueReason + ")"
	}
	if err := s.d.Store.CreateClaim(ctx, c, s.audit(c.OrganisationID, email, "claim.signup", "", detail)); err != nil {
		return nil, err
	}
	link := s.d.PublicURL() + "/org/claim/" + token
	text := fmt.Sprintf("Someone, we hope you, asked to speak for %s on Hangup with this email address.\n\n"+
		"To confirm, open this link within %s:\n\n%s\n\nIf it wasn't you, ignore this email: nothing happens without the link.\n",
		name, humanDuration(s.cfg.EmailTTL), link)
	if err := s.d.Mailer.Send(ctx, hangup.Email{To: email, Subject: "Confirm your organisation's sign-up on Hangup", Text: text}); err != nil {
		return nil, err
	}
	return c, nil
}

func humanDuration(d time.Duration) string {
	if d >= 24*time.Hour && d%(24*time.Hour) == 0 {
		if d == 24*time.Hour {
			return "a day"
		}
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	if d >= time.Hour {
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return fmt.Sprintf("%d minutes", max(1, d/time.Minute))
}

// slug turns a typed name into an id-like key for an analyst's queue.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 63 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// orgHasDomain reports whether the imported registry lists domain (or a
// parent of it) as the organisation's.
func orgHasDomain(o *hangup.Organisation, domain string) bool {
	for _, d := range o.Domains {
		if d.Source.Type == hangup.SourceOrganisation {
			continue // only the registry's own research admits a claim
		}
		if domain == d.Domain || strings.HasSuffix(domain, "."+d.Domain) {
			return true
		}
	}
	return false
}

// held reports whether someone already speaks for the organisation.
func (s *Service) held(ctx context.Context, org string) (bool, error) {
	claims, err := s.d.Store.ListClaims(ctx, hangup.ClaimVerified, 0)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(claims, func(c *hangup.OrgClaim) bool { return c.OrganisationID == org }), nil
}

// Claim returns the claim a link token opens.
func (s *Service) Claim(ctx context.Context, token string) (*hangup.OrgClaim, error) {
	if len(token) != 43 {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such claim. The link may be mistyped: open the one in the email.")
	}
	return s.d.Store.FindClaimByToken(ctx, hashToken(token))
}

// Expired reports whether the claim's link or challenge has run out.
func (s *Service) Expired(c *hangup.OrgClaim) bool { return !s.now().Before(c.ExpiresAt) }

// Confirm confirms the email address of the claim token opens. A claim
// that needs an analyst goes to the queue; any other waits for the domain
// proof, whose challenge runs from now.
func (s *Service) Confirm(ctx context.Context, token string) (*hangup.OrgClaim, error) {
	c, err := s.Claim(ctx, token)
	if err != nil {
		return nil, err
	}
	if c.Status != hangup.ClaimEmailSent {
		return c, nil // confirmed already: idempotent
	}
	if s.Expired(c) {
		return nil, s.refuse(ctx, c.OrganisationID, c.Email, fmt.Sprintf("claim %d", c.ID),
			hangup.Errorf(hangup.EINVALID, "This confirmation link has expired. Please sign up again."))
	}
	now := s.now()
	c.UpdatedAt = now
	a := s.audit(c.OrganisationID, c.Email, "claim.email_confirmed", fmt.Sprintf("claim %d", c.ID), "the email address is confirmed")
	if c.QueueReason != "" {
		c.Status = hangup.ClaimQueued
		a.Action, a.Detail = "claim.queued", "the email address is confirmed; waiting for an analyst ("+c.QueueReason+")"
	} else {
		c.Status = hangup.ClaimConfirmed
		c.ExpiresAt = now.Add(s.cfg.ChallengeTTL)
	}
	if err := s.d.Store.UpdateClaim(ctx, c, a); err != nil {
		return nil, err
	}
	return c, nil
}

// Prove checks the claim's domain for its challenge. Found in time, the
// claim is verified and its account made the organisation's org_admin.
func (s *Service) Prove(ctx context.Context, token string) (*hangup.OrgClaim, error) {
	c, err := s.Claim(ctx, token)
	if err != nil {
		return nil, err
	}
	subject := fmt.Sprintf("claim %d", c.ID)
	switch c.Status {
	case hangup.ClaimVerified:
		return c, nil
	case hangup.ClaimConfirmed:
	case hangup.ClaimEmailSent:
		return nil, hangup.Errorf(hangup.EINVALID, "Please confirm your email address first.")
	default:
		return nil, hangup.Errorf(hangup.EINVALID, "This claim is with Hangup's analysts: they will email you.")
	}
	if s.Expired(c) {
		return nil, s.refuse(ctx, c.OrganisationID, c.Email, subject,
			hangup.Errorf(hangup.EINVALID, "The challenge expired on %s, so a record found now does not count. Please sign up again for a new one.",
				c.ExpiresAt.UTC().Format("2 January 2006 15:04 UTC")))
	}
	method, err := s.d.Prover.Check(ctx, c.Domain, c.Challenge)
	if err != nil {
		msg := fmt.Sprintf("We could not find the challenge for %s yet. Add the TXT record or the file exactly as shown, wait a few minutes and try again.", c.Domain)
		if errors.Is(err, ErrOtherDomain) {
			msg = fmt.Sprintf("The record we found was made for another domain, not %s. Publish the value shown on this page.", c.Domain)
		}
		return nil, s.refuse(ctx, c.OrganisationID, c.Email, subject, &hangup.Error{Code: hangup.EINVALID, Message: msg, Err: err})
	}
	if held, err := s.held(ctx, c.OrganisationID); err != nil {
		return nil, err
	} else if held {
		return s.queue(ctx, c, hangup.QueueAlreadyHeld, "the domain is proven ("+method+"), but someone already speaks for the organisation")
	}
	return s.complete(ctx, c, method, c.Email, "proved control of "+c.Domain+" by "+method)
}

// queue hands a claim to the analysts.
func (s *Service) queue(ctx context.Context, c *hangup.OrgClaim, reason, detail string) (*hangup.OrgClaim, error) {
	c.Status, c.QueueReason, c.UpdatedAt = hangup.ClaimQueued, reason, s.now()
	if err := s.d.Store.UpdateClaim(ctx, c, s.audit(c.OrganisationID, c.Email, "claim.queued", fmt.Sprintf("claim %d", c.ID), detail)); err != nil {
		return nil, err
	}
	return c, nil
}

// complete makes the claim's account the organisation's org_admin.
func (s *Service) complete(ctx context.Context, c *hangup.OrgClaim, method, actor, detail string) (*hangup.OrgClaim, error) {
	now := s.now()
	u := &hangup.User{Email: c.Email, Role: hangup.RoleOrgAdmin, OrganisationID: c.OrganisationID, PasswordHash: c.PasswordHash, CreatedAt: now}
	if err := s.d.Users.CreateUser(ctx, u); err != nil {
		if hangup.ErrorCode(err) == hangup.ECONFLICT {
			return s.queue(ctx, c, hangup.QueueAccountExists, "proven, but the email already has an account: an analyst must settle it")
		}
		return nil, err
	}
	c.Status, c.Method, c.VerifiedAt, c.UserID, c.UpdatedAt = hangup.ClaimVerified, method, &now, u.ID, now
	if method == hangup.VerifiedByAnalyst {
		c.DecidedBy = actor
	}
	if err := s.d.Store.UpdateClaim(ctx, c, s.audit(c.OrganisationID, actor, "claim.verified", fmt.Sprintf("claim %d", c.ID), detail)); err != nil {
		return nil, err
	}
	s.reload(ctx)
	return c, nil
}

// Decide is an analyst's decision on a queued claim.
func (s *Service) Decide(ctx context.Context, a Actor, id int64, approve bool, reason string) (*hangup.OrgClaim, error) {
	if !a.Staff() {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only Hangup's analysts decide claims.")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 2000 {
		return nil, hangup.Invalid("Give the reason for the decision.", hangup.FieldError{Field: "reason", Message: "Say why, in at most 2000 characters."})
	}
	c, err := s.d.Store.FindClaim(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status != hangup.ClaimQueued && c.Status != hangup.ClaimConfirmed {
		return nil, hangup.Errorf(hangup.ECONFLICT, "Claim %d is %s: there is nothing to decide.", id, c.Status)
	}
	if !approve {
		c.Status, c.DecidedBy, c.UpdatedAt = hangup.ClaimRejected, a.Name, s.now()
		if err := s.d.Store.UpdateClaim(ctx, c, s.audit(c.OrganisationID, a.Name, "claim.rejected", fmt.Sprintf("claim %d", id), reason)); err != nil {
			return nil, err
		}
		return c, nil
	}
	o, ok := s.d.Registry.Snapshot().Organisation(c.OrganisationID)
	if !ok {
		return nil, hangup.Errorf(hangup.EINVALID, "%q is not in the registry: import the organisation first, then approve the claim.", c.OrganisationID)
	}
	if o.Generic {
		return nil, hangup.Errorf(hangup.EINVALID, "%q speaks for every organisation of its kind: nobody can claim it.", c.OrganisationID)
	}
	return s.complete(ctx, c, hangup.VerifiedByAnalyst, a.Name, reason)
}

// Claims lists claims for the analysts.
func (s *Service) Claims(ctx context.Context, a Actor, status hangup.ClaimStatus) ([]*hangup.OrgClaim, error) {
	if !a.Staff() {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only Hangup's analysts see claims.")
	}
	return s.d.Store.ListClaims(ctx, status, 500)
}

// Audit returns the audit log of organisation org ("" for every one:
// analysts only).
func (s *Service) Audit(ctx context.Context, a Actor, org string, limit int) ([]hangup.AuditEntry, error) {
	if org == "" && !a.Staff() || org != "" && !a.CanRead(org) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such organisation for your account.")
	}
	return s.d.Store.ListAudit(ctx, org, limit)
}

// ---- Facts ----

// FactInput is a fact as an organisation types it.
type FactInput struct {
	Kind     hangup.FactKind   `json:"kind"`
	Number   string            `json:"number,omitempty"` // numbers
	Role     hangup.NumberRole `json:"role,omitempty"`   // numbers
	Domain   string            `json:"domain,omitempty"` // domains
	URL      string            `json:"url,omitempty"`    // contact routes
	Policy   hangup.PolicyCode `json:"policy,omitempty"` // policies
	Text     string            `json:"text,omitempty"`   // a number's label, a route's text, a policy in the organisation's words
	CallBack bool              `json:"callback,omitempty"`
	Why      string            `json:"why,omitempty"` // recorded in the audit log
}

// Facts returns organisation org's published facts, declared and
// withdrawn ones included.
func (s *Service) Facts(ctx context.Context, a Actor, org string) ([]*hangup.OrgFact, error) {
	if !a.CanRead(org) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such organisation for your account.")
	}
	return s.d.Store.ListFacts(ctx, org)
}

// AllFacts returns every organisation's facts, for the analysts.
func (s *Service) AllFacts(ctx context.Context, a Actor) ([]*hangup.OrgFact, error) {
	if !a.Staff() {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only Hangup's analysts see every organisation's facts.")
	}
	return s.d.Store.ListFacts(ctx, "")
}

// fact returns fact id if the actor may see it.
func (s *Service) fact(ctx context.Context, a Actor, id int64) (*hangup.OrgFact, error) {
	f, err := s.d.Store.FindFact(ctx, id)
	if hangup.ErrorCode(err) == hangup.ENOTFOUND || err == nil && !a.CanRead(f.OrganisationID) {
		return nil, notFound
	}
	return f, err
}

// Publish adds a fact. Numbers, and domains other than the proven one,
// start declared and change nothing until verified; policies and call-back
// routes on the organisation's own domains are its word and count at once.
func (s *Service) Publish(ctx context.Context, a Actor, org string, in FactInput) (*hangup.OrgFact, error) {
	if !a.CanManage(org) {
		if a.CanRead(org) {
			return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can publish facts.")
		}
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such organisation for your account.")
	}
	snap := s.d.Registry.Snapshot()
	o, ok := snap.Organisation(org)
	if !ok || o.Publisher == nil {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your organisation must prove control of its domain before it publishes facts.")
	}
	existing, err := s.d.Store.ListFacts(ctx, org)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var p hangup.Problems
	why := cleanText(&p, "why", in.Why, false, 500)
	f := &hangup.OrgFact{OrganisationID: org, Kind: in.Kind, CallBack: in.CallBack, CreatedBy: a.Name, CreatedAt: now, UpdatedAt: now}
	verifiedNow := func(method string) {
		f.Status, f.Method, f.VerifiedAt, f.VerifiedBy = hangup.FactVerified, method, &now, a.Name
	}
	var withdraw *hangup.OrgFact // a policy replaced by this one
	switch in.Kind {
	case hangup.FactNumber:
		f.Text = cleanText(&p, "text", in.Text, true, 200)
		switch in.Role {
		case hangup.RoleCallsOut, hangup.RoleReceivesOnly, hangup.RoleSupport:
			f.Role = in.Role
		default:
			p.Add("role", "Choose how the number is used: calls_out, receives_only or support.")
		}
		if f.CallBack && f.Role == hangup.RoleCallsOut {
			p.Add("callback", "A number you only call out from can't be the call-back route: choose a line people can call.")
		}
		raw := cleanText(&p, "number", in.Number, true, 40)
		n := s.d.Numbers.ParseNumberIn(raw, o.Country)
		switch {
		case raw == "":
		case !n.Valid || n.E164 == "":
			p.Add("number", "Enter a full phone number we can read, for example 01632 960 001 or +44 1632 960001.")
		default:
			f.Value, f.Number = n.E164, raw
		}
		if err := p.Err(); err != nil {
			return nil, s.refuse(ctx, org, a.Name, raw, err)
		}
		if owner, _, ok := snap.OrganisationByNumber(f.Value); ok && owner.ID != org && !owner.Generic {
			return nil, s.refuse(ctx, org, a.Name, f.Value, hangup.Errorf(hangup.ECONFLICT,
				"%s is listed as %s's number, so it can't be published for yours. If it is yours, ask Hangup's analysts.", raw, owner.Name))
		}
		for _, g := range existing {
			if g.Kind == hangup.FactNumber && g.Value == f.Value && g.Status != hangup.FactWithdrawn {
				return nil, s.refuse(ctx, org, a.Name, f.Value, hangup.Errorf(hangup.ECONFLICT, "You have already published %s.", raw))
			}
		}
		if taken, err := s.verifiedElsewhere(ctx, hangup.FactNumber, f.Value, org); err != nil {
			return nil, err
		} else if taken {
			return nil, s.refuse(ctx, org, a.Name, f.Value, hangup.Errorf(hangup.ECONFLICT,
				"%s is already verified for another organisation, so it can't be claimed for yours. If it is yours, ask Hangup's analysts.", raw))
		}
		f.Status = hangup.FactDeclared
	case hangup.FactDomain:
		d, err := CheckDomain("domain", in.Domain)
		if err != nil {
			return nil, s.refuse(ctx, org, a.Name, in.Domain, err)
		}
		f.Value = d
		for _, g := range existing {
			if g.Kind == hangup.FactDomain && g.Value == d && g.Status != hangup.FactWithdrawn {
				return nil, s.refuse(ctx, org, a.Name, d, hangup.Errorf(hangup.ECONFLICT, "You have already published %s.", d))
			}
		}
		if other, ok := snap.OrganisationByDomain(d); ok && other.ID != org && !other.Generic {
			return nil, s.refuse(ctx, org, a.Name, d, hangup.Errorf(hangup.ECONFLICT,
				"%s belongs to %s in Hangup's registry, so it can't be published for yours. If it is yours, ask Hangup's analysts.", d, other.Name))
		}
		if d == o.Publisher.Domain || strings.HasSuffix(d, "."+o.Publisher.Domain) {
			verifiedNow(hangup.VerifiedByDomain)
		} else {
			f.Status, f.Challenge = hangup.FactDeclared, newChallenge(d)
		}
	case hangup.FactContact:
		f.Text = cleanText(&p, "text", in.Text, true, 200)
		u, err := url.Parse(strings.TrimSpace(in.URL))
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(in.URL) > 500:
			p.Add("url", "Enter the web address of the page, starting https://.")
		case !officialHost(o, u.Hostname()):
			p.Add("url", "The page must be on one of your organisation's own verified domains.")
		default:
			f.Value = u.String()
		}
		if err := p.Err(); err != nil {
			return nil, s.refuse(ctx, org, a.Name, in.URL, err)
		}
		verifiedNow(hangup.VerifiedByDomain)
	case hangup.FactPolicy:
		if !slices.Contains(hangup.PolicyCodes, in.Policy) {
			p.Add("policy", "Choose one of the listed statements.")
		}
		f.Value = string(in.Policy)
		f.Text = cleanText(&p, "text", in.Text, true, 2000)
		if err := p.Err(); err != nil {
			return nil, s.refuse(ctx, org, a.Name, string(in.Policy), err)
		}
		for _, g := range existing {
			if g.Kind == hangup.FactPolicy && g.Value == f.Value && g.Status == hangup.FactVerified {
				withdraw = g
			}
		}
		verifiedNow(hangup.VerifiedByDomain)
	default:
		p.Add("kind", "Choose what to publish: number, domain, contact or policy.")
	}
	if err := p.Err(); err != nil {
		return nil, s.refuse(ctx, org, a.Name, string(in.Kind), err)
	}
	if withdraw != nil {
		withdraw.Status, withdraw.UpdatedAt = hangup.FactWithdrawn, now
		if err := s.d.Store.UpdateFact(ctx, withdraw, s.audit(org, a.Name, "fact.withdrawn", fmt.Sprintf("fact %d", withdraw.ID),
			"replaced by new wording"+whySuffix(why))); err != nil {
			return nil, err
		}
	}
	detail := fmt.Sprintf("%s %s published as %s", f.Kind, f.Value, f.Status)
	if f.Role != "" {
		detail += " (" + string(f.Role) + ")"
	}
	if err := s.d.Store.CreateFact(ctx, f, s.audit(org, a.Name, "fact.published", "", detail+whySuffix(why))); err != nil {
		if hangup.ErrorCode(err) == hangup.ECONFLICT {
			return nil, s.refuse(ctx, org, a.Name, f.Value, err)
		}
		return nil, err
	}
	if f.Effective() || withdraw != nil {
		s.reload(ctx)
	}
	return f, nil
}

func whySuffix(why string) string {
	if why == "" {
		return ""
	}
	return "; why: " + why
}

// officialHost reports whether host is on one of o's domains.
func officialHost(o *hangup.Organisation, host string) bool {
	host = strings.ToLower(host)
	for _, d := range o.Domains {
		if host == d.Domain || strings.HasSuffix(host, "."+d.Domain) {
			return true
		}
	}
	return false
}

// verifiedElsewhere reports whether value is verified for another
// organisation.
func (s *Service) verifiedElsewhere(ctx context.Context, kind hangup.FactKind, value, org string) (bool, error) {
	all, err := s.d.Store.ListFacts(ctx, "")
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(all, func(f *hangup.OrgFact) bool {
		return f.Kind == kind && f.Value == value && f.Effective() && f.OrganisationID != org
	}), nil
}

// Withdraw takes a fact back: it stops counting at once. The
// organisation's administrators withdraw their own facts; analysts
// withdraw any, to settle a conflict.
func (s *Service) Withdraw(ctx context.Context, a Actor, id int64, why string) (*hangup.OrgFact, error) {
	f, err := s.fact(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManage(f.OrganisationID) && !a.Staff() {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can withdraw facts.")
	}
	why = strings.TrimSpace(why)
	if why == "" || len(why) > 500 {
		return nil, hangup.Invalid("Say why the fact is withdrawn.", hangup.FieldError{Field: "why", Message: "Give a reason of at most 500 characters."})
	}
	if f.Status == hangup.FactWithdrawn {
		return f, nil
	}
	was := f.Effective()
	f.Status, f.UpdatedAt = hangup.FactWithdrawn, s.now()
	if err := s.d.Store.UpdateFact(ctx, f, s.audit(f.OrganisationID, a.Name, "fact.withdrawn", fmt.Sprintf("fact %d", id), f.Value+"; why: "+why)); err != nil {
		return nil, err
	}
	if was {
		s.reload(ctx)
	}
	return f, nil
}

// SendCode delivers a new one-time code to a declared number.
func (s *Service) SendCode(ctx context.Context, a Actor, id int64) error {
	f, err := s.fact(ctx, a, id)
	if err != nil {
		return err
	}
	if !a.CanManage(f.OrganisationID) {
		return hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can verify numbers.")
	}
	if f.Kind != hangup.FactNumber || f.Status != hangup.FactDeclared {
		return hangup.Errorf(hangup.EINVALID, "Only a declared number can be verified with a code.")
	}
	if s.d.Codes == nil {
		return hangup.Errorf(hangup.EUNAVAILABLE, "This Hangup can't call numbers with a code. Send Hangup's analysts documents showing the number is yours.")
	}
	now := s.now()
	if now.Sub(f.CodeWindow) >= time.Hour {
		f.CodeWindow, f.CodesSent = now, 0
	}
	if f.CodesSent >= s.cfg.CodesPerHour {
		return s.refuse(ctx, f.OrganisationID, a.Name, f.Value, hangup.Errorf(hangup.ERATELIMIT,
			"%d codes were already sent to %s this hour. Please wait before asking for another.", f.CodesSent, f.Number))
	}
	o, _ := s.d.Registry.Snapshot().Organisation(f.OrganisationID)
	name := f.OrganisationID
	if o != nil {
		name = o.Name
	}
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000))
	code := fmt.Sprintf("%06d", n.Int64())
	f.CodeHash, f.CodeExpires, f.CodeAttempts, f.CodesSent, f.UpdatedAt = codeHash(f.ID, code), now.Add(s.cfg.CodeTTL), 0, f.CodesSent+1, now
	if err := s.d.Store.UpdateFact(ctx, f, s.audit(f.OrganisationID, a.Name, "fact.code_sent", fmt.Sprintf("fact %d", id), "a code was sent to "+f.Value)); err != nil {
		return err
	}
	return s.d.Codes.SendCode(ctx, f.Value, name, code)
}

func codeHash(id int64, code string) []byte {
	h := sha256.Sum256(fmt.Appendf(nil, "code:%d:%s", id, code))
	return h[:]
}

// EnterCode verifies a declared number with the code delivered to it.
func (s *Service) EnterCode(ctx context.Context, a Actor, id int64, code string) (*hangup.OrgFact, error) {
	f, err := s.fact(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManage(f.OrganisationID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can verify numbers.")
	}
	if f.Kind != hangup.FactNumber || f.Status != hangup.FactDeclared {
		return nil, hangup.Errorf(hangup.EINVALID, "Only a declared number can be verified with a code.")
	}
	subject := fmt.Sprintf("fact %d", id)
	now := s.now()
	code = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, code)
	switch {
	case f.CodeHash == nil:
		return nil, hangup.Errorf(hangup.EINVALID, "Ask for a code first.")
	case !now.Before(f.CodeExpires):
		return nil, s.refuse(ctx, f.OrganisationID, a.Name, subject, hangup.Errorf(hangup.EINVALID, "That code has expired. Ask for a new one."))
	case f.CodeAttempts >= s.cfg.CodeAttempts:
		return nil, s.refuse(ctx, f.OrganisationID, a.Name, subject, hangup.Errorf(hangup.ERATELIMIT, "Too many wrong codes. Ask for a new one."))
	}
	if len(code) != 6 || subtle.ConstantTimeCompare(codeHash(f.ID, code), f.CodeHash) != 1 {
		f.CodeAttempts++
		f.UpdatedAt = now
		if err := s.d.Store.UpdateFact(ctx, f, s.audit(f.OrganisationID, a.Name, "fact.code_wrong", subject,
			fmt.Sprintf("wrong code for %s (%d of %d attempts)", f.Value, f.CodeAttempts, s.cfg.CodeAttempts))); err != nil {
			return nil, err
		}
		return nil, hangup.Invalid("That code is not right.", hangup.FieldError{Field: "code", Message: "Enter the 6 digits you heard on the call."})
	}
	return s.verify(ctx, f, hangup.VerifiedByCode, a.Name, "verified "+f.Value+" by a code delivered to it")
}

func (s *Service) verify(ctx context.Context, f *hangup.OrgFact, method, actor, detail string) (*hangup.OrgFact, error) {
	now := s.now()
	prev := *f
	f.Status, f.Method, f.VerifiedAt, f.VerifiedBy, f.UpdatedAt, f.CodeHash = hangup.FactVerified, method, &now, actor, now, nil
	if err := s.d.Store.UpdateFact(ctx, f, s.audit(f.OrganisationID, actor, "fact.verified", fmt.Sprintf("fact %d", f.ID), detail)); err != nil {
		*f = prev
		if hangup.ErrorCode(err) == hangup.ECONFLICT {
			return nil, s.refuse(ctx, f.OrganisationID, actor, f.Value, err)
		}
		return nil, err
	}
	s.reload(ctx)
	return f, nil
}

// VerifyOnEvidence is an analyst's verification of a declared number or
// domain on documentary evidence (a bill, a carrier's letter).
func (s *Service) VerifyOnEvidence(ctx context.Context, a Actor, id int64, evidence string) (*hangup.OrgFact, error) {
	if !a.Staff() {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only Hangup's analysts verify facts on evidence.")
	}
	evidence = strings.TrimSpace(evidence)
	if evidence == "" || len(evidence) > 2000 {
		return nil, hangup.Invalid("Describe the evidence.", hangup.FieldError{Field: "evidence", Message: "Say what documents you saw, in at most 2000 characters."})
	}
	f, err := s.d.Store.FindFact(ctx, id)
	if err != nil {
		return nil, err
	}
	if f.Status != hangup.FactDeclared {
		return nil, hangup.Errorf(hangup.EINVALID, "Fact %d is %s, not declared.", id, f.Status)
	}
	return s.verify(ctx, f, hangup.VerifiedByAnalyst, "analyst:"+a.Name, "verified "+f.Value+" on evidence: "+evidence)
}

// ProveDomain checks a declared domain for its challenge.
func (s *Service) ProveDomain(ctx context.Context, a Actor, id int64) (*hangup.OrgFact, error) {
	f, err := s.fact(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManage(f.OrganisationID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can verify domains.")
	}
	if f.Kind != hangup.FactDomain || f.Status != hangup.FactDeclared {
		return nil, hangup.Errorf(hangup.EINVALID, "Only a declared domain can be proven.")
	}
	if !s.now().Before(f.CreatedAt.Add(s.cfg.ChallengeTTL)) {
		return nil, s.refuse(ctx, f.OrganisationID, a.Name, f.Value, hangup.Errorf(hangup.EINVALID,
			"The challenge for %s expired. Withdraw the domain and publish it again for a new one.", f.Value))
	}
	method, err := s.d.Prover.Check(ctx, f.Value, f.Challenge)
	if err != nil {
		msg := fmt.Sprintf("We could not find the challenge for %s yet.", f.Value)
		if errors.Is(err, ErrOtherDomain) {
			msg = fmt.Sprintf("The record we found was made for another domain, not %s.", f.Value)
		}
		return nil, s.refuse(ctx, f.OrganisationID, a.Name, f.Value, &hangup.Error{Code: hangup.EINVALID, Message: msg, Err: err})
	}
	return s.verify(ctx, f, method, a.Name, "proved control of "+f.Value+" by "+method)
}
