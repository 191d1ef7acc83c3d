package site

import (
	"sync/atomic"

	"github.com/hangup-org/hangup"
)

// Live is a SiteChecker whose checker can be replaced while it serves, for
// when the registry changes: the new checker is built aside and swapped in
// atomically, so checks never wait for a rebuild.
type Live struct {
	current atomic.Pointer[Checker]
}

var _ hangup.SiteChecker = (*Live)(nil)

// NewLive returns a Live serving c.
func NewLive(c *Checker) *Live {
	l := &Live{}
	l.current.Store(c)
	return l
}

// Set replaces the checker.
func (l *Live) Set(c *Checker) { l.current.Store(c) }

// Checker returns the checker in use.
func (l *Live) Checker() *Checker { return l.current.Load() }

// CheckSite implements hangup.SiteChecker.
func (l *Live) CheckSite(address string) (hangup.SiteCheck, error) {
	return l.current.Load().CheckSite(address)
}

// CheckSiteFor implements hangup.SiteChecker.
func (l *Live) CheckSiteFor(address, claimedOrgID string) (hangup.SiteCheck, error) {
	return l.current.Load().CheckSiteFor(address, claimedOrgID)
}

// Official implements what Checker.Official does, with the checker in use.
func (l *Live) Official(host string) (string, bool) {
	return l.current.Load().Official(host)
}
