package storetest

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testUsers(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).Users
	u := &hangup.User{Email: " Analyst@Example.org ", Role: hangup.RoleAnalyst, PasswordHash: "$argon2id$x"}
	if err := s.CreateUser(ctx, u); err != nil || u.ID == 0 {
		t.Fatalf("CreateUser: %v", err)
	}
	if err := s.CreateUser(ctx, &hangup.User{Email: "analyst@example.org", Role: hangup.RoleAdmin, PasswordHash: "h"}); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("same email twice: %v", err)
	}
	got, err := s.FindUserByEmail(ctx, "ANALYST@example.org")
	if err != nil || got.ID != u.ID || got.Role != hangup.RoleAnalyst || got.Email != "analyst@example.org" {
		t.Fatalf("FindUserByEmail: %+v %v", got, err)
	}
	if _, err := s.FindUserByEmail(ctx, "nobody@example.org"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("missing user: %v", err)
	}
	sess := &hangup.Session{TokenHash: []byte("tok"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	if err := s.CreateSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	if _, su, err := s.FindSession(ctx, []byte("tok"), t0.Add(time.Minute)); err != nil || su.ID != u.ID {
		t.Errorf("FindSession: %v %v", su, err)
	}
	if _, _, err := s.FindSession(ctx, []byte("tok"), t0.Add(2*time.Hour)); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("expired session found: %v", err)
	}
	if err := s.SetPassword(ctx, u.ID, "$argon2id$new"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.FindSession(ctx, []byte("tok"), t0.Add(time.Minute)); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Error("a password change did not end the sessions")
	}
	s.CreateSession(ctx, &hangup.Session{TokenHash: []byte("tok2"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)})
	if err := s.DeleteSession(ctx, []byte("tok2")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.FindSession(ctx, []byte("tok2"), t0); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Error("a deleted session still works")
	}
	if users, _ := s.ListUsers(ctx); len(users) != 1 || users[0].PasswordHash != "$argon2id$new" {
		t.Errorf("ListUsers: %+v", users)
	}
	if err := s.SetPassword(ctx, 99999, "x"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("SetPassword on a missing user: %v", err)
	}
}

func testSecrets(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t).Secrets
	var wg sync.WaitGroup
	got := make([][]byte, 10)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := s.Secret(ctx, "reporter-key", func() ([]byte, error) { return []byte{byte(i), 1, 2, 3}, nil })
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	wg.Wait()
	for i := range got {
		if !bytes.Equal(got[i], got[0]) || len(got[i]) != 4 {
			t.Fatalf("concurrent first uses disagree: %v", got)
		}
	}
	if v, _ := s.Secret(ctx, "other", func() ([]byte, error) { return []byte("x"), nil }); string(v) != "x" {
		t.Errorf("second secret %q", v)
	}
}
