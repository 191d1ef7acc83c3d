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
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/ratelimit"
)

// SessionLifetime is how long a sign-in lasts.
const SessionLifetime = 12 * time.Hour

// Service signs people in and out.
type Service struct {
	users hangup.UserStore
	now   func() time.Time

	mu       sync.Mutex
	byAddr   *ratelimit.Keyed     // sign-in attempts per client address
	failures map[string]*failures // failed attempts per account
	swept    time.Time
}

type failures struct {
	count int
	until time.Time
}

// Login limits: 10 attempts a minute from one address, and an account is
// locked for 15 minutes after 5 failures in a row.
const (
	attemptsPerMinute = 10
	maxFailures       = 5
	lockout           = 15 * time.Minute
)

// New returns the account service.
func New(users hangup.UserStore) *Service {
	return &Service{users: users, now: time.Now, byAddr: ratelimit.New(attemptsPerMinute/60.0, attemptsPerMinute, 100_000),
		failures: map[string]*failures{}}
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
	if !slices.Contains(hangup.Roles, role) {
		fields = append(fields, hangup.FieldError{Field: "role", Message: "must be admin, analyst or member"})
	}
	if role == hangup.RoleMember && org == "" {
		fields = append(fields, hangup.FieldError{Field: "organisation", Message: "is required for members: they see only their organisation's reports"})
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

// sweep forgets failure counts that no longer lock anyone out, so a flood
// of attempts on many accounts can't grow the map without bound.
func (s *Service) sweep(now time.Time) {
	if now.Sub(s.swept) < 10*time.Minute && len(s.failures) < 100_000 {
		return
	}
	for k, f := range s.failures {
		if now.After(f.until) {
			delete(s.failures, k)
		}
	}
	s.swept = now
}

// errBadLogin is the one answer to every failed sign-in, so it never reveals
// whether an account exists.
var errBadLogin = hangup.Errorf(hangup.EUNAUTHORIZED, "That email and password don't match an account.")

// Login checks a password and opens a session. It returns the session token
// for the cookie. Too many attempts from one address, or too many failures
// for one account, give ERATELIMIT.
func (s *Service) Login(ctx context.Context, email, password, addr string) (string, *hangup.User, error) {
	now := s.now()
	email = strings.ToLower(strings.TrimSpace(email))
	s.mu.Lock()
	s.sweep(now)
	f := s.failures[email]
	locked := f != nil && f.count >= maxFailures && now.Before(f.until)
	s.mu.Unlock()
	allowed := s.byAddr.Allow(addr, now)
	if !allowed || locked {
		return "", nil, hangup.Errorf(hangup.ERATELIMIT, "Too many sign-in attempts. Please wait 15 minutes and try again.")
	}
	if len(password) > 1024 {
		return "", nil, errBadLogin
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
		s.mu.Lock()
		f := s.failures[email]
		if f == nil {
			f = &failures{}
			s.failures[email] = f
		}
		f.count++
		if f.count >= maxFailures {
			f.until = now.Add(lockout)
		}
		s.mu.Unlock()
		return "", nil, errBadLogin
	}
	s.mu.Lock()
	delete(s.failures, email)
	s.mu.Unlock()
	token, hash2 := newSessionToken()
	sess := &hangup.Session{TokenHash: hash2, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.users.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// Session returns the signed-in user for a session token, or ENOTFOUND.
func (s *Service) Session(ctx context.Context, token string) (*hangup.User, error) {
	h := HashSessionToken(token)
	if h == nil {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "You are not signed in.")
	}
	_, u, err := s.users.FindSession(ctx, h, s.now())
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
