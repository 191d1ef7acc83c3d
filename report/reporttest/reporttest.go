// Package reporttest builds the report service the way the service wires
// it, over a real SQLite file, for the tests of the packages that read
// reports (the organisation dashboard, webhooks).
package reporttest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/sqlite"
)

// Stack is a report service and what it stands on.
type Stack struct {
	DB         *sqlite.DB
	Numbers    *phone.Intel
	Registry   *registry.Service // seeded with the shipped registry
	Reputation *reputation.Service
	Sites      *site.Checker // nil unless asked for
	Reports    *report.Service
}

// New opens a fresh SQLite file in t's temporary directory and builds the
// stack on it. With sites, the website checker protecting the registry's
// organisations is built too and given to the report service.
func New(t testing.TB, sites bool) *Stack {
	t.Helper()
	ctx := context.Background()
	db, p, reg := Base(t, "reports.db")
	rep := reputation.New(reputation.DefaultConfig(), db)
	var err error
	if err = rep.Load(ctx); err != nil {
		t.Fatal(err)
	}
	s := &Stack{DB: db, Numbers: p, Registry: reg, Reputation: rep}
	deps := report.Deps{Store: db, Numbers: p, Orgs: reg, Reputation: rep, Secrets: db}
	if sites {
		if s.Sites, err = site.New(site.Config{Organisations: reg.Snapshot().Organisations()}); err != nil {
			t.Fatal(err)
		}
		deps.Sites = s.Sites
	}
	if s.Reports, err = report.New(ctx, deps); err != nil {
		t.Fatal(err)
	}
	return s
}

// Base opens a fresh SQLite file called name in t's temporary directory,
// closed when the test ends, with the phone intelligence and the seeded
// registry on it: what every service stack in the tests starts from.
func Base(t testing.TB, name string) (*sqlite.DB, *phone.Intel, *registry.Service) {
	t.Helper()
	ctx := context.Background()
	p, err := phone.New(phone.Config{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(ctx, db, p, true)
	if err != nil {
		t.Fatal(err)
	}
	return db, p, reg
}
