package account_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/sqlite"
)

func TestPasswordHash(t *testing.T) {
	h, err := account.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC format", h)
	}
	if !account.CheckPassword(h, "correct horse battery staple") {
		t.Error("the right password was refused")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if account.CheckPassword(h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := account.HashPassword("correct horse battery staple")
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", h[:len(h)-4]} {
		if account.CheckPassword(bad, "x") {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func newService(t *testing.T) (*account.Service, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "acct.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return account.New(db), db
}

func TestLogin(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	if _, err := s.AddUser(ctx, "analyst@example.org", "short", hangup.RoleAnalyst, ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("short password accepted: %v", err)
	}
	if _, err := s.AddUser(ctx, "member@example.org", "a long enough password", hangup.RoleMember, ""); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("member without organisation accepted: %v", err)
	}
	if _, err := s.AddUser(ctx, "Analyst@Example.org", "a long enough password", hangup.RoleAnalyst, ""); err != nil {
		t.Fatal(err)
	}
	token, u, err := s.Login(ctx, "analyst@example.org", "a long enough password", "192.0.2.1")
	if err != nil || u.Role != hangup.RoleAnalyst || token == "" {
		t.Fatalf("Login: %v %v", u, err)
	}
	if got, err := s.Session(ctx, token); err != nil || got.ID != u.ID {
		t.Errorf("Session: %v %v", got, err)
	}
	if err := s.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, token); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("session after logout: %v", err)
	}
	_, _, errUnknown := s.Login(ctx, "nobody@example.org", "a long enough password", "192.0.2.2")
	_, _, errWrong := s.Login(ctx, "analyst@example.org", "the wrong password!", "192.0.2.2")
	if hangup.ErrorCode(errUnknown) != hangup.EUNAUTHORIZED || hangup.ErrorMessage(errUnknown) != hangup.ErrorMessage(errWrong) {
		t.Errorf("unknown account %v and wrong password %v must look the same", errUnknown, errWrong)
	}
	for _, bad := range []string{"", "x", strings.Repeat("A", 43)} {
		if _, err := s.Session(ctx, bad); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("forged session %q: %v", bad, err)
		}
	}
}

func TestLoginRateLimits(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	s.AddUser(ctx, "admin@example.org", "a long enough password", hangup.RoleAdmin, "")
	// Five wrong passwords from different addresses lock the account, even
	// for the right password, until the lockout ends.
	for i := range 5 {
		s.Login(ctx, "admin@example.org", "wrong password here", "198.51.100."+string(rune('1'+i)))
	}
	if _, _, err := s.Login(ctx, "admin@example.org", "a long enough password", "203.0.113.9"); hangup.ErrorCode(err) != hangup.ERATELIMIT {
		t.Errorf("locked account let the right password in: %v", err)
	}
	now = now.Add(16 * time.Minute)
	if _, _, err := s.Login(ctx, "admin@example.org", "a long enough password", "203.0.113.9"); err != nil {
		t.Errorf("after the lockout: %v", err)
	}
	// One address guessing many accounts is slowed down.
	limited := false
	for i := range 30 {
		if _, _, err := s.Login(ctx, "user"+string(rune('a'+i))+"@example.org", "guess guess guess", "192.0.2.50"); hangup.ErrorCode(err) == hangup.ERATELIMIT {
			limited = true
		}
	}
	if !limited {
		t.Error("30 attempts in a minute from one address were never limited")
	}
}
