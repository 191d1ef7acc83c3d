package orgportal

import (
	"context"
	"fmt"
	"net/mail"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
)

// Members lists the accounts of organisation org.
func (s *Service) Members(ctx context.Context, a Actor, org string) ([]*hangup.User, error) {
	if !a.CanManage(org) && !(a.Staff() && org != "") {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such organisation for your account.")
	}
	all, err := s.d.Users.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	var out []*hangup.User
	for _, u := range all {
		if u.Role.IsOrg() && u.OrganisationID == org {
			out = append(out, u)
		}
	}
	return out, nil
}

// AddMember makes an org_member account (it reads, changes nothing) for a
// colleague. Only addresses at the organisation's proven domain can be
// added: an org_admin can't give anyone outside the organisation a view of
// it.
func (s *Service) AddMember(ctx context.Context, a Actor, org, email, password string) (*hangup.User, error) {
	if !a.CanManage(org) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only your organisation's administrators can add people.")
	}
	o, ok := s.d.Registry.Snapshot().Organisation(org)
	if !ok || o.Publisher == nil {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Your organisation must prove control of its domain first.")
	}
	email = strings.ToLower(strings.TrimSpace(email))
	var p hangup.Problems
	_, domain, _ := strings.Cut(email, "@")
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		p.Add("email", "Enter your colleague's work email address.")
	} else if domain != o.Publisher.Domain && !strings.HasSuffix(domain, "."+o.Publisher.Domain) {
		p.Add("email", fmt.Sprintf("Only addresses at %s can be added.", o.Publisher.Domain))
	}
	if n := len([]rune(password)); n < account.MinPasswordLen || len(password) > 1024 {
		p.Add("password", fmt.Sprintf("Choose a first password of at least %d characters and give it to them in person.", account.MinPasswordLen))
	}
	if err := p.Err(); err != nil {
		return nil, s.refuse(ctx, org, a.Name, email, err)
	}
	hash, err := account.HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &hangup.User{Email: email, Role: hangup.RoleOrgMember, OrganisationID: org, PasswordHash: hash, CreatedAt: s.now()}
	if err := s.d.Users.CreateUser(ctx, u); err != nil {
		if hangup.ErrorCode(err) == hangup.ECONFLICT {
			return nil, s.refuse(ctx, org, a.Name, email, hangup.Errorf(hangup.ECONFLICT, "%s already has an account.", email))
		}
		return nil, err
	}
	if err := s.d.Store.AppendAudit(ctx, s.audit(org, a.Name, "member.added", email, "org_member")); err != nil {
		return nil, err
	}
	return u, nil
}
