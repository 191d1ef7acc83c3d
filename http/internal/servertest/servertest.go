// Package servertest starts the whole server over a test environment
// (package testenv), for the tests of the packages under http that drive
// their endpoints through it. Package http's own tests cannot import it,
// since it imports http; they build the same server in newTestServer.
package servertest

import (
	"testing"

	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// New starts a server with cfg and every engine of a new test
// environment; opts may change the Deps first.
func New(t testing.TB, cfg hhttp.Config, opts ...func(*hhttp.Deps, *testenv.Env)) (*hhttp.Server, *testenv.Env) {
	t.Helper()
	e := testenv.New(t)
	deps := hhttp.Deps{Checker: e.Checker, Numbers: e.Phone, Registry: e.Registry, Ready: e.DB.Ping,
		Reports: e.Reports, ReportDB: e.DB, Reputation: e.Reputation, RepDB: e.DB, Accounts: e.Accounts, Secrets: e.DB, Sites: e.Sites,
		Analyzer: e.Analyzer, Calls: e.Calls, Blocklist: e.Blocklist, ScreenKeys: e.Keys, Shares: e.DB,
		Dashboards: e.Dashboards, Alerts: e.Alerts, Stats: e.Stats, Activity: e.Activity}
	for _, o := range opts {
		o(&deps, e)
	}
	s, err := hhttp.NewServer(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	return s, e
}
