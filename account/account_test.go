package account_test

import (
	"context"
	"fmt"
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

// clockAt is a test clock the service reads.
type clockAt struct{ now time.Time }

func (c *clockAt) read() time.Time      { return c.now }
func (c *clockAt) pass(d time.Duration) { c.now = c.now.Add(d) }
func withClock(s *account.Service) *clockAt {
	c := &clockAt{now: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)}
	s.SetClock(c.read)
	return c
}

const adminPassword = "a long enough password"

func TestAttackerCannotLockOutTheOwner(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	clock := withClock(s)
	s.AddUser(ctx, "admin@example.org", adminPassword, hangup.RoleAdmin, "")
	refused, lastWait := 0, time.Duration(0)
	for i := range 60 {
		_, _, err := s.Login(ctx, "admin@example.org", fmt.Sprint("guess number ", i), "198.51.100.7")
		switch hangup.ErrorCode(err) {
		case hangup.ERATELIMIT:
			refused++
			w := hangup.RetryAfter(err)
			if w <= 0 || !strings.Contains(hangup.ErrorMessage(err), "wait") {
				t.Errorf("attempt %d refused with %q and Retry-After %v: it must say how long to wait", i, hangup.ErrorMessage(err), w)
			}
			lastWait = max(lastWait, w)
		case hangup.EUNAUTHORIZED:
		default:
			t.Fatalf("attempt %d: %v", i, err)
		}
		// The owner, from home, gets in whenever they try.
		if i%10 == 9 {
			if _, _, err := s.Login(ctx, "admin@example.org", adminPassword, "203.0.113.9"); err != nil {
				t.Fatalf("after %d guesses from another network the owner was refused: %v", i+1, err)
			}
		}
		clock.pass(6 * time.Second)
	}
	if refused < 30 {
		t.Errorf("only %d of 60 guesses from one network in 6 minutes were refused", refused)
	}
	if lastWait < time.Minute || lastWait > 15*time.Minute {
		t.Errorf("the attacker's wait reached %v, want minutes, at most 15", lastWait)
	}
	// The right password from the attacking network waits too: the
	// network can't tell it is the owner.
	if _, _, err := s.Login(ctx, "admin@example.org", adminPassword, "198.51.100.8"); hangup.ErrorCode(err) != hangup.ERATELIMIT {
		t.Errorf("the attacking network's next attempt: %v, want ERATELIMIT", err)
	}
	// Never a lock: after the wait, that network may try again.
	clock.pass(15 * time.Minute)
	if _, _, err := s.Login(ctx, "admin@example.org", adminPassword, "198.51.100.8"); err != nil {
		t.Errorf("after the longest wait: %v", err)
	}
}

func TestGuessingFromManyNetworksIsSlow(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	clock := withClock(s)
	s.AddUser(ctx, "admin@example.org", adminPassword, hangup.RoleAdmin, "")
	// 50 networks, each guessing every 5 seconds (from a new address of
	// its /24 each time), for ten minutes.
	tried := 0
	for round := range 120 {
		for n := range 50 {
			_, _, err := s.Login(ctx, "admin@example.org", "a guess that is wrong", fmt.Sprintf("10.%d.0.%d", n, round+1))
			if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
				tried++
			}
		}
		clock.pass(5 * time.Second)
		if round == 60 {
			if _, _, err := s.Login(ctx, "admin@example.org", adminPassword, "2001:db8:feed::1"); err != nil {
				t.Fatalf("the owner from another network during the attack: %v", err)
			}
		}
	}
	// One guess per network, then the shared slow lane: at most one a
	// minute once the account has had enough failures.
	if tried > 50+10+10 {
		t.Errorf("%d passwords tried from 50 networks in 10 minutes, want about 50 plus one a minute", tried)
	}
	if tried < 50 {
		t.Errorf("only %d passwords tried: every network should get its first guess", tried)
	}
	t.Logf("%d passwords tried from 50 networks in 10 minutes", tried)
}

func TestOneNetworkTryingManyAccountsIsSlowed(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	clock := withClock(s)
	tried := 0
	for i := range 300 {
		_, _, err := s.Login(ctx, fmt.Sprintf("user%d@example.org", i), "Password123!", "192.0.2.50")
		if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
			tried++
		}
		clock.pass(6 * time.Second)
	}
	if tried > 40 {
		t.Errorf("one network tried a password on %d accounts in 30 minutes", tried)
	}
}

func TestUnknownAccountsAreThrottledAlike(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	withClock(s)
	s.AddUser(ctx, "admin@example.org", adminPassword, hangup.RoleAdmin, "")
	var known, unknown []string
	for range 8 {
		_, _, e1 := s.Login(ctx, "admin@example.org", "wrong wrong wrong", "198.51.100.1")
		_, _, e2 := s.Login(ctx, "ghost@example.org", "wrong wrong wrong", "198.51.100.1")
		known, unknown = append(known, hangup.ErrorCode(e1)), append(unknown, hangup.ErrorCode(e2))
	}
	if fmt.Sprint(known) != fmt.Sprint(unknown) {
		t.Errorf("a real account answers %v, a made-up one %v: the throttle reveals which exist", known, unknown)
	}
}

func TestAttemptsPerNetworkAreLimited(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	withClock(s)
	limited := false
	for i := range 30 {
		if _, _, err := s.Login(ctx, fmt.Sprintf("user%d@example.org", i), "guess guess guess", fmt.Sprintf("192.0.2.%d", i)); hangup.ErrorCode(err) == hangup.ERATELIMIT {
			limited = true
		}
	}
	if !limited {
		t.Error("30 attempts in a minute from one /24 were never limited")
	}
}

func TestThrottlesCanBeSeenAndCleared(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	withClock(s)
	s.AddUser(ctx, "analyst@example.org", adminPassword, hangup.RoleAnalyst, "")
	for range 7 {
		s.Login(ctx, "analyst@example.org", "oops, caps lock", "198.51.100.20")
	}
	if _, _, err := s.Login(ctx, "analyst@example.org", adminPassword, "198.51.100.20"); hangup.ErrorCode(err) != hangup.ERATELIMIT {
		t.Fatalf("after 7 failures: %v, want a wait", err)
	}
	list, err := s.Throttles(ctx, 50)
	if err != nil || len(list) != 1 || list[0].Account != "analyst@example.org" || list[0].Network != "198.51.100.0/24" || list[0].Until.IsZero() {
		t.Fatalf("Throttles = %+v, %v", list, err)
	}
	if n, err := s.ClearThrottles(ctx, "Analyst@example.org", "198.51.100.0/24"); err != nil || n != 1 {
		t.Fatalf("ClearThrottles: %d %v", n, err)
	}
	if _, _, err := s.Login(ctx, "analyst@example.org", adminPassword, "198.51.100.20"); err != nil {
		t.Errorf("after an administrator cleared the throttle: %v", err)
	}
}
