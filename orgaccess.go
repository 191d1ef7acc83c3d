package hangup

// What an account may do for an organisation. Every check of the
// organisation portal (alerts, the dashboard, notifications) goes through
// these two functions, so that finer organisation roles change them here
// and nowhere else.

// MayReadOrganisation reports whether u may see what Hangup holds about
// organisation id that is not public: the reports naming it, its dashboard,
// its alerts waiting for review. Administrators and analysts may read every
// organisation's; its org_admin and org_member only their own.
func MayReadOrganisation(u *User, id string) bool {
	if u == nil || u.Disabled || id == "" {
		return false
	}
	if u.Role == RoleAdmin || u.Role == RoleAnalyst {
		return true
	}
	return u.Role.IsOrg() && u.OrganisationID == id
}

// MayActForOrganisation reports whether u may speak and act for
// organisation id: write an alert in its name, withdraw one, register its
// webhooks. Only its org_admin may (an org_member reads; analysts write
// alerts as analysts, see MayActAsAnalyst).
func MayActForOrganisation(u *User, id string) bool {
	return u.CanManageOrg(id)
}

// MayActAsAnalyst reports whether u reviews organisations' alerts and may
// write alerts in Hangup's own name about any organisation.
func MayActAsAnalyst(u *User) bool {
	return u != nil && !u.Disabled && (u.Role == RoleAdmin || u.Role == RoleAnalyst)
}
