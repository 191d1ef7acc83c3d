package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/ratelimit"
)

// SessionLifetime is how long a sign-in lasts.
const SessionLifetime = 12 * time.Hour

// Store is what the account service keeps in the database: accounts and
// sessions, and failed sign-ins.
type Store interface {
	hangup.UserStore
	hangup.SignInStore
}

// Service signs people in and out.
type Service struct {
	users  Store
	now    func() time.Time
	policy SignInPolicy
	byNet  *ratelimit.Keyed // sign-in attempts per client network, any outcome
}

// New returns the account service with the default sign-in policy.
func New(users Store) *Service {
	s := &Service{users: users, now: time.Now}
	s.SetPolicy(DefaultSignInPolicy())
	return s
}

// SetPolicy replaces the sign-in policy (tests use short waits).
func (s *Service) SetPolicy(p SignInPolicy) {
	s.policy = p
	s.byNet = ratelimit.New(p.AttemptsPerMinute/60, int(p.AttemptsPerMinute), 100_000)
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// AddUser creates an account. The password must be at least MinPasswordLen
// characters; members must name their organisation.
func (s *Service) AddUser(ctx context.Context, email, password string, role hangup.Role, org string) (*hangup.User, error) {
	var fields []hangup.FieldError
	email = strings.ToLower(strings.TrimSpace(email))
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		fields = append(fields, hangup.FieldError{Field: "email", Message: "is not an email address"})
	}
	if len([]rune(password)) < MinPasswordLen {
		fields = append(fields, hangup.FieldError{Field: "password", Message: fmt.Sprintf("must be at least %d characters", MinPasswordLen)})
	}
	if len(password) > 1024 {
		fields = append(fields, hangup.FieldError{Field: "password", Message: "is too long"})
	}
	role = role.Canonical()
	if !slices.Contains(hangup.Roles, role) {
		fields = append(fields, hangup.FieldError{Field: "role", Message: "must be admin, analyst, org_admin or org_member"})
	}
	if role.IsOrg() && org == "" {
		fields = append(fields, hangup.FieldError{Field: "organisation", Message: "is required for org_admin and org_member: they see only their organisation's data"})
	}
	if !role.IsOrg() && org != "" {
		fields = append(fields, hangup.FieldError{Field: "organisation", Message: "is only for org_admin and org_member accounts"})
	}
	if len(fields) > 0 {
		return nil, hangup.Invalid("The account can't be created.", fields...)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &hangup.User{Email: email, Role: role, OrganisationID: org, PasswordHash: hash, CreatedAt: s.now()}
	if err := s.users.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// errBadLogin is the one answer to every failed sign-in, so it never reveals
// whether an account exists.
var errBadLogin = hangup.Errorf(hangup.EUNAUTHORIZED, "That email and password don't match an account.")

// Login checks a password and opens a session. It returns the session token
// for the cookie. addr is the client's address: attempts are judged by its
// network (see SignInPolicy), and an attempt that must wait gets
// ERATELIMIT with RetryAfter, without its password being tried. The right
// password from a network that has not failed on the account works however
// hard others are guessing it.
func (s *Service) Login(ctx context.Context, email, password, addr string) (string, *hangup.User, error) {
	now := s.now()
	email = strings.ToLower(strings.TrimSpace(email))
	network := clientip.NetworkOf(addr)
	if !s.byNet.Allow(network, now) {
		return "", nil, tooMany(time.Minute / time.Duration(max(1, int(s.policy.AttemptsPerMinute))))
	}
	if len(email) > 320 || len(password) > 1024 {
		return "", nil, errBadLogin
	}
	tot, err := s.users.SignInTotals(ctx, email, network, now.Add(-s.policy.Window))
	if err != nil {
		return "", nil, err
	}
	if wait := s.policy.Wait(tot, now); wait > 0 {
		return "", nil, tooMany(wait)
	}
	u, err := s.users.FindUserByEmail(ctx, email)
	if err != nil && hangup.ErrorCode(err) != hangup.ENOTFOUND {
		return "", nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	if !CheckPassword(hash, password) || u == nil || u.Disabled {
		if err := s.users.RecordSignInFailure(ctx, email, network, now, now.Add(-s.policy.Window)); err != nil {
			return "", nil, err
		}
		return "", nil, errBadLogin
	}
	if tot.Pair.Failures > 0 {
		if _, err := s.users.ClearSignInFailures(ctx, email, network); err != nil {
			return "", nil, err
		}
	}
	token, hash2 := newSessionToken()
	sess := &hangup.Session{TokenHash: hash2, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.users.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// Throttles lists the failed sign-ins that count now, most recent first,
// for an administrator to see who is being guessed at and from where.
func (s *Service) Throttles(ctx context.Context, limit int) ([]Throttle, error) {
	now := s.now()
	rows, err := s.users.ListSignInFailures(ctx, now.Add(-s.policy.Window), limit)
	if err != nil {
		return nil, err
	}
	out := make([]Throttle, 0, len(rows))
	for _, f := range rows {
		t := Throttle{SignInFailures: f}
		if w := waitAfter(f.Failures, s.policy.PairFree, s.policy.PairMaxWait); w > 0 && now.Before(f.Last.Add(w)) {
			t.Until = f.Last.Add(w)
		}
		out = append(out, t)
	}
	return out, nil
}

// Throttle is one account and network's failed sign-ins, and until when
// that network must wait before trying that account again (zero: it
// need not).
type Throttle struct {
	hangup.SignInFailures
	Until time.Time `json:"until,omitzero"`
}

// ClearThrottles forgets the failed sign-ins of account from network (""
// for every account or network) and returns how many pairs were cleared.
// The network's attempts-per-minute bucket is emptied on this node too.
func (s *Service) ClearThrottles(ctx context.Context, account, network string) (int, error) {
	account = strings.ToLower(strings.TrimSpace(account))
	network = strings.TrimSpace(network)
	if len(account) > 320 || len(network) > 64 {
		return 0, hangup.Invalid("That is not an account or a network.")
	}
	n, err := s.users.ClearSignInFailures(ctx, account, network)
	// This node's per-network attempt buckets go too (others' refill
	// within a minute on their own).
	switch {
	case err != nil:
	case network != "":
		s.byNet.Forget(network)
	case account == "":
		s.byNet.Clear()
	}
	return n, err
}

// Session returns the signed-in user for a session token, or ENOTFOUND.
// The user's role is given by its current name (an account still stored as
// "member" is an org_member).
func (s *Service) Session(ctx context.Context, token string) (*hangup.User, error) {
	h := HashSessionToken(token)
	if h == nil {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "You are not signed in.")
	}
	_, u, err := s.users.FindSession(ctx, h, s.now())
	if u != nil {
		u.Role = u.Role.Canonical()
	}
	return u, err
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	if h := HashSessionToken(token); h != nil {
		return s.users.DeleteSession(ctx, h)
	}
	return nil
}

func newSessionToken() (string, []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	t := base64.RawURLEncoding.EncodeToString(b)
	return t, HashSessionToken(t)
}

// HashSessionToken returns the stored form of a session token, or nil for a
// malformed one.
func HashSessionToken(token string) []byte {
	if len(token) != 43 {
		return nil
	}
	if _, err := base64.RawURLEncoding.DecodeString(token); err != nil {
		return nil
	}
	h := sha256.Sum256([]byte("session:" + token))
	return h[:]
}
