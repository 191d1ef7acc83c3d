package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func testOrgPortal(t *testing.T, open Opener) {
	s := open(t).OrgPortal
	if s == nil {
		t.Skip("no organisation portal store")
	}
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	audit := func(org, action string) hangup.AuditEntry {
		return hangup.AuditEntry{At: now, OrganisationID: org, Actor: "it@imex.example", Action: action, Detail: "why"}
	}

	c := &hangup.OrgClaim{OrganisationID: "imex", OrganisationName: "IMEX", Domain: "imex.example", Email: "it@imex.example",
		PasswordHash: "h", Status: hangup.ClaimEmailSent, TokenHash: bytes.Repeat([]byte{1}, 32), Challenge: "hangup-challenge=imex.example:x",
		ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now}
	if err := s.CreateClaim(ctx, c, audit("imex", "claim.signup")); err != nil || c.ID == 0 {
		t.Fatalf("create claim: %v %d", err, c.ID)
	}
	dup := *c
	dup.ID = 0
	if err := s.CreateClaim(ctx, &dup, audit("imex", "claim.signup")); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("same token twice: %v", err)
	}
	got, err := s.FindClaimByToken(ctx, c.TokenHash)
	if err != nil || got.ID != c.ID || got.Domain != "imex.example" || !got.ExpiresAt.Equal(c.ExpiresAt) || got.VerifiedAt != nil {
		t.Fatalf("find by token: %v %+v", err, got)
	}
	if _, err := s.FindClaimByToken(ctx, bytes.Repeat([]byte{2}, 32)); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("unknown token: %v", err)
	}
	if _, err := s.FindClaim(ctx, 9999); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("unknown claim: %v", err)
	}
	v := now.Add(time.Minute)
	c.Status, c.VerifiedAt, c.Method, c.UserID = hangup.ClaimVerified, &v, hangup.VerifiedByDNS, 7
	if err := s.UpdateClaim(ctx, c, audit("imex", "claim.verified")); err != nil {
		t.Fatal(err)
	}
	missing := *c
	missing.ID = 9999
	if err := s.UpdateClaim(ctx, &missing, audit("imex", "x")); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("update missing claim: %v", err)
	}
	if got, _ := s.FindClaim(ctx, c.ID); got.Status != hangup.ClaimVerified || got.VerifiedAt == nil || !got.VerifiedAt.Equal(v) || got.UserID != 7 {
		t.Errorf("after update: %+v", got)
	}
	if l, err := s.ListClaims(ctx, hangup.ClaimVerified, 0); err != nil || len(l) != 1 {
		t.Errorf("verified claims: %v %d", err, len(l))
	}
	if l, _ := s.ListClaims(ctx, hangup.ClaimQueued, 0); len(l) != 0 {
		t.Errorf("queued claims: %d", len(l))
	}

	f := &hangup.OrgFact{OrganisationID: "imex", Kind: hangup.FactNumber, Value: "+441131230555", Number: "0113 123 0555",
		Role: hangup.RoleCallsOut, Text: "Outbound", Status: hangup.FactDeclared, CreatedBy: "it@imex.example", CreatedAt: now, UpdatedAt: now}
	if err := s.CreateFact(ctx, f, audit("imex", "fact.published")); err != nil || f.ID == 0 {
		t.Fatalf("create fact: %v", err)
	}
	g := *f
	g.ID, g.OrganisationID = 0, "otherco"
	if err := s.CreateFact(ctx, &g, audit("otherco", "fact.published")); err != nil {
		t.Fatalf("two organisations may declare one number: %v", err)
	}
	f.Status, f.VerifiedAt, f.Method, f.CodeExpires, f.CodeHash = hangup.FactVerified, &v, hangup.VerifiedByCode, now.Add(time.Hour), []byte{9}
	if err := s.UpdateFact(ctx, f, audit("imex", "fact.verified")); err != nil {
		t.Fatal(err)
	}
	g.Status, g.VerifiedAt = hangup.FactVerified, &v
	if err := s.UpdateFact(ctx, &g, audit("otherco", "fact.verified")); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("a number verified for two organisations: %v", err)
	}
	if got, _ := s.FindFact(ctx, g.ID); got.Status != hangup.FactDeclared {
		t.Errorf("refused update changed the fact: %s", got.Status)
	}
	got2, err := s.FindFact(ctx, f.ID)
	if err != nil || got2.Status != hangup.FactVerified || !got2.CodeExpires.Equal(f.CodeExpires) || !bytes.Equal(got2.CodeHash, []byte{9}) || got2.Role != hangup.RoleCallsOut {
		t.Errorf("find fact: %v %+v", err, got2)
	}
	if _, err := s.FindFact(ctx, 9999); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("unknown fact: %v", err)
	}
	if l, _ := s.ListFacts(ctx, "imex"); len(l) != 1 || l[0].ID != f.ID {
		t.Errorf("imex facts: %+v", l)
	}
	if l, _ := s.ListFacts(ctx, ""); len(l) != 2 {
		t.Errorf("all facts: %d", len(l))
	}
	if err := s.AppendAudit(ctx, audit("otherco", "refused")); err != nil {
		t.Fatal(err)
	}
	log, err := s.ListAudit(ctx, "otherco", 10)
	if err != nil || len(log) != 2 || log[0].Action != "refused" || !log[0].At.Equal(now) {
		t.Errorf("otherco audit: %v %+v", err, log)
	}
	if log, _ := s.ListAudit(ctx, "", 100); len(log) != 6 {
		t.Errorf("whole audit: %d entries, want 6 (the failed writes recorded nothing)", len(log))
	}
}
