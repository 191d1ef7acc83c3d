package main

import (
	"context"
	"testing"

	"github.com/hangup-org/hangup"
)

// imexCallsOut gives IMEX's published line the role calls_out in app's
// registry, whatever the shipped registry says of it today: screening tests
// about the "(verified)" label need a number the organisation says it calls
// from (docs/registry.md, one meaning of "verified").
func imexCallsOut(tb testing.TB, app *App) {
	tb.Helper()
	o, ok := app.Registry.Snapshot().Organisation("imex")
	if !ok {
		tb.Fatal("the shipped registry lacks imex")
	}
	c := *o
	c.Numbers = append([]hangup.OrgNumber(nil), o.Numbers...)
	for i := range c.Numbers {
		c.Numbers[i].Role = hangup.RoleCallsOut
	}
	if err := app.Registry.Import(context.Background(), []*hangup.Organisation{&c}); err != nil {
		tb.Fatal(err)
	}
}
