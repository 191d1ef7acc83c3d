package orgportal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

// Organisations' API tokens are API keys with the org or org_read scope
// and the organisation's id (hangup.APIKey.OrganisationID): they reach
// that organisation's /api/v1/org/ endpoints and nothing else — no
// screening, no exports, no other organisation.

// tokenName is the key's name: the organisation's id keeps names of
// different organisations apart.
func tokenName(org, name string) string { return "org-" + org + "-" + name }

// Tokens lists organisation org's tokens.
func (s *Service) Tokens(ctx context.Context, a Actor, org string) ([]*hangup.APIKey, error) {
	if !a.CanManage(org) && !(a.Staff() && org != "") {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such organisation for your account.")
	}
	if s.d.Keys == nil {
		return nil, nil
	}
	all, err := s.d.Keys.ListAPIKeys(ctx)
	if err != nil {
		return nil, err
	}
	var out []*hangup.APIKey
	for _, k := range all {
		if k.OrganisationID == org {
			out = append(out, k)
		}
	}
	return out, nil
}

// CreateToken makes an API token for organisation org and returns its
// secret, shown once. readOnly gives org_read (what an org_member may do);
// otherwise org (what its org_admin may do).
func (s *Service) CreateToken(ctx context.Context, a Actor, org, name string, readOnly bool) (string, *hangup.APIKey, error) {
	if !a.CanManage(org) {
		return "", nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can make API tokens.")
	}
	if s.d.Keys == nil {
		return "", nil, hangup.Errorf(hangup.EUNAVAILABLE, "This Hangup keeps no API keys.")
	}
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || len(name) > 24 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "", nil, s.refuse(ctx, org, a.Name, "token", hangup.Invalid("The token needs a short name.",
			hangup.FieldError{Field: "name", Message: "Use 1 to 24 lower-case letters, digits or hyphens, for example crm-sync."}))
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	secret := "hu_org_" + base64.RawURLEncoding.EncodeToString(b)
	h := sha256.Sum256([]byte(secret))
	scope := hangup.ScopeOrg
	if readOnly {
		scope = hangup.ScopeOrgRead
	}
	k := &hangup.APIKey{Name: tokenName(org, name), Prefix: secret[:11], Hash: h[:], CreatedAt: s.now(), Scopes: []string{scope},
		OrganisationID: org, Policy: hangup.DefaultScreenPolicy()}
	if err := s.d.Keys.CreateAPIKey(ctx, k); err != nil {
		if hangup.ErrorCode(err) == hangup.ECONFLICT {
			return "", nil, hangup.Errorf(hangup.ECONFLICT, "You already have a token called %q.", name)
		}
		return "", nil, err
	}
	if err := s.d.Store.AppendAudit(ctx, s.audit(org, a.Name, "token.created", k.Name, "scope "+scope)); err != nil {
		return "", nil, err
	}
	return secret, k, nil
}

// RevokeToken disables one of organisation org's tokens.
func (s *Service) RevokeToken(ctx context.Context, a Actor, org string, id int64, why string) error {
	if !a.CanManage(org) {
		return hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can revoke API tokens.")
	}
	keys, err := s.Tokens(ctx, a, org)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.ID != id {
			continue
		}
		if k.Disabled {
			return nil
		}
		k.Disabled = true
		if err := s.d.Keys.UpdateAPIKey(ctx, k); err != nil {
			return err
		}
		return s.d.Store.AppendAudit(ctx, s.audit(org, a.Name, "token.revoked", k.Name, fmt.Sprintf("why: %s", strings.TrimSpace(why))))
	}
	return hangup.Errorf(hangup.ENOTFOUND, "Your organisation has no such token.")
}
