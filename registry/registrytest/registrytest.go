// Package registrytest helps tests give registry entries the facts a test is
// about, whatever the shipped registry says of them today.
package registrytest

import (
	"context"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/registry"
)

// SetRole gives every number of the organisation id the role, through a
// registry import (so every dependant rebuilds as in production). Screening
// tests use it to have a number the organisation calls from (calls_out,
// labelled "(verified)") or one it never calls from (receives_only).
func SetRole(tb testing.TB, reg *registry.Service, id string, role hangup.NumberRole) {
	tb.Helper()
	o, ok := reg.Snapshot().Organisation(id)
	if !ok {
		tb.Fatalf("registrytest: the registry has no %q", id)
	}
	c := *o
	c.Numbers = append([]hangup.OrgNumber(nil), o.Numbers...)
	for i := range c.Numbers {
		c.Numbers[i].Role = role
	}
	if err := reg.Import(context.Background(), []*hangup.Organisation{&c}); err != nil {
		tb.Fatalf("registrytest: %v", err)
	}
}
