package hangup

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Role is what an account may do. Roles are least-privilege: an
// organisation member sees only reports about its own organisation.
type Role string

// Roles.
const (
	RoleAdmin   Role = "admin"   // everything, including accounts and the allow-list
	RoleAnalyst Role = "analyst" // all reports, appeals, exports, claims and the evidence for numbers
	// RoleOrgAdmin manages one organisation: its published facts, its
	// members and its API tokens, and reads what org_member reads.
	RoleOrgAdmin Role = "org_admin"
	// RoleOrgMember reads what concerns one organisation: reports naming
	// it and its published facts. It changes nothing.
	RoleOrgMember Role = "org_member"
	// RoleMember is the old name of RoleOrgMember. Stored accounts were
	// migrated; the name is still read (flags, old files) and means
	// org_member.
	RoleMember Role = "member"
)

// Roles lists every role an account can be given.
var Roles = []Role{RoleAdmin, RoleAnalyst, RoleOrgAdmin, RoleOrgMember}

// Canonical returns the role's current name: "member" becomes org_member.
func (r Role) Canonical() Role {
	if r == RoleMember {
		return RoleOrgMember
	}
	return r
}

// ParseRole reads a role as typed (case and spaces ignored; "member" is
// org_member). ok is false for anything else.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.ToLower(strings.TrimSpace(s))).Canonical()
	return r, slices.Contains(Roles, r)
}

// IsOrg reports whether the role belongs to one organisation's people.
func (r Role) IsOrg() bool {
	r = r.Canonical()
	return r == RoleOrgAdmin || r == RoleOrgMember
}

// CanManageOrg reports whether the user may change what organisation id
// publishes (facts, members, tokens): its own org_admin only. Hangup's
// administrators and analysts act through the analyst tools instead.
func (u *User) CanManageOrg(id string) bool {
	return u != nil && !u.Disabled && id != "" && u.Role.Canonical() == RoleOrgAdmin && u.OrganisationID == id
}

// CanReadOrg reports whether the user may read what concerns organisation
// id: its own people, or Hangup's staff.
func (u *User) CanReadOrg(id string) bool {
	if u == nil || u.Disabled || id == "" {
		return false
	}
	return u.CanSeeAllReports() || u.Role.IsOrg() && u.OrganisationID == id
}

// User is an account. People reporting a scam never need one.
type User struct {
	ID             int64     `json:"id"`
	Email          string    `json:"email"`
	Role           Role      `json:"role"`
	OrganisationID string    `json:"organisation_id,omitempty"` // for org_admin and org_member
	PasswordHash   string    `json:"-"`                         // argon2id, PHC string format
	CreatedAt      time.Time `json:"created_at"`
	Disabled       bool      `json:"disabled"`
}

// CanSeeAllReports reports whether the user may see every report.
func (u *User) CanSeeAllReports() bool {
	return u != nil && !u.Disabled && (u.Role == RoleAdmin || u.Role == RoleAnalyst)
}

// Session is a signed-in browser. Only a hash of its token is stored.
type Session struct {
	TokenHash []byte
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// UserStore persists accounts and sessions. Implementations must pass
// storetest.
type UserStore interface {
	// CreateUser stores u and sets its ID. ECONFLICT if the email is taken.
	CreateUser(ctx context.Context, u *User) error
	// FindUserByEmail returns the account with this email (case-insensitive).
	// ENOTFOUND if none.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// ListUsers returns every account, ordered by email.
	ListUsers(ctx context.Context) ([]*User, error)
	// SetPassword replaces an account's password hash. ENOTFOUND if none.
	SetPassword(ctx context.Context, userID int64, hash string) error
	// CreateSession stores a session.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns an unexpired session and its enabled user.
	// ENOTFOUND if there is none.
	FindSession(ctx context.Context, tokenHash []byte, now time.Time) (*Session, *User, error)
	// DeleteSession removes a session (signing out). Idempotent.
	DeleteSession(ctx context.Context, tokenHash []byte) error
}

// SecretStore keeps server-side secrets (the key for anonymous reporter
// hashes and form tokens) so that every node and every restart uses the
// same ones.
type SecretStore interface {
	// Secret returns the secret called name, creating it with generate on
	// first use. Concurrent first uses agree on one value.
	Secret(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error)
}

// SignInFailures counts the failed sign-ins on one account from one client
// network (an IPv4 /24, an IPv6 /48). Emails that belong to no account are
// counted too, so the answer to a sign-in never reveals which exist.
type SignInFailures struct {
	Account  string    `json:"account"` // the email as typed, lower case
	Network  string    `json:"network"` // e.g. "203.0.113.0/24"
	Failures int       `json:"failures"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
}

// SignInTotals are the failures a sign-in attempt is judged by.
type SignInTotals struct {
	Pair            SignInFailures // this account from this network; zero if none
	AccountFailures int            // this account, from every network
	AccountLast     time.Time
	NetworkFailures int // every account, from this network
	NetworkLast     time.Time
}

// SignInStore keeps failed sign-ins in the database, so that throttles hold
// across restarts and across the nodes sharing a database, and an
// administrator can see and clear them. Implementations must pass
// storetest.
type SignInStore interface {
	// RecordSignInFailure counts one failure of account from network at
	// at. A count whose last failure is before forget starts again from
	// one; rows whose last failure is before forget may be deleted.
	RecordSignInFailure(ctx context.Context, account, network string, at, forget time.Time) error
	// SignInTotals returns the failures at or after since: of account from
	// network, of account from every network, and of every account from
	// network.
	SignInTotals(ctx context.Context, account, network string, since time.Time) (SignInTotals, error)
	// ListSignInFailures returns the rows with a failure at or after since,
	// most recent first, at most limit.
	ListSignInFailures(ctx context.Context, since time.Time, limit int) ([]SignInFailures, error)
	// ClearSignInFailures deletes the rows of account from network; an
	// empty account or network matches every one (both empty: all rows).
	// It returns how many rows went.
	ClearSignInFailures(ctx context.Context, account, network string) (int, error)
}
