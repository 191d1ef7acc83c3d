// Package testenv builds the engines behind a test server the way
// cmd/hangup builds them, over a real SQLite database in the test's
// temporary directory. Package http's tests and the tests of the packages
// under it turn an Env into the server's Deps; this package does not
// import package http, so that http's own tests can use it too.
package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/activity"
	"github.com/hangup-org/hangup/alert"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/report/reporttest"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/safefetch"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/site"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/stats"
	"github.com/hangup-org/hangup/webhook"
	"github.com/hangup-org/hangup/webhook/webhooktest"
)

// Env is every engine a test server renders, over one database.
type Env struct {
	DB         *sqlite.DB
	Phone      *phone.Intel
	Registry   *registry.Service
	Reputation *reputation.Service
	Sites      *site.Checker
	Analyzer   *analyze.Engine
	Checker    *check.Engine
	Reports    *report.Service
	Blocklist  *blocklist.Service
	Activity   *activity.Service
	Keys       *screen.Keys
	Accounts   *account.Service
	Calls      *analyze.Sessions
	Dashboards *orgdash.Service
	Alerts     *alert.Service
	Stats      *stats.Service
}

// New builds the engines; the database is closed when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	db, p, reg := reporttest.Base(t, "http.db")
	rep := reputation.New(reputation.DefaultConfig(), db)
	if err := rep.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	sites, err := site.New(site.Config{Organisations: reg.Snapshot().Organisations(), Listings: rep})
	if err != nil {
		t.Fatal(err)
	}
	rep.SetOfficialSites(sites.Official)
	an, err := analyze.New(analyze.Deps{Numbers: p, Orgs: reg, Sites: sites})
	if err != nil {
		t.Fatal(err)
	}
	reports, err := report.New(context.Background(), report.Deps{Store: db, Evidence: db, Numbers: p, Orgs: reg, Reputation: rep, Secrets: db,
		Sites: sites, Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	bl, err := blocklist.New(blocklist.DefaultConfig(), blocklist.Deps{Reputation: rep, Store: db, Reports: db, Orgs: reg})
	if err != nil {
		t.Fatal(err)
	}
	act, err := activity.New(context.Background(), db, db)
	if err != nil {
		t.Fatal(err)
	}
	keys := screen.NewKeys(db, screen.KeysConfig{})
	if err := keys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &Env{DB: db, Phone: p, Registry: reg, Reputation: rep, Sites: sites, Analyzer: an,
		Checker: check.New(p, reg).WithReputation(rep).WithSites(sites).WithAnalyzer(an),
		Reports: reports, Blocklist: bl, Activity: act, Keys: keys, Accounts: account.New(db),
		Calls:      analyze.NewSessions(an, analyze.SessionConfig{}),
		Dashboards: orgdash.New(orgdash.Deps{Reports: db, Sites: sites}),
		Alerts:     alert.New(alert.Deps{Store: db, Known: func(id string) bool { _, ok := reg.Snapshot().Organisation(id); return ok }}),
		Stats: stats.New(stats.Config{}, stats.Deps{Store: db, OrgName: func(id string) string {
			if o, ok := reg.Snapshot().OrganisationByID(id); ok {
				return o.Name
			}
			return ""
		}}),
	}
}

// Webhooks returns organisations' notifications whose outbound client
// reaches only the given loopback port (0: the production rules).
func Webhooks(db *sqlite.DB, reg interface{ Snapshot() *registry.Snapshot }, port int) *webhook.Service {
	var fetch *safefetch.Client
	if port != 0 {
		fetch = webhooktest.LoopbackClient(port)
	}
	return webhook.New(webhook.Config{}, webhook.Deps{Store: db, Reports: db, Fetch: fetch,
		Organisation: func(id string) (*hangup.Organisation, bool) { return reg.Snapshot().Organisation(id) }})
}

// Key stores an API key with scopes (of organisation org, if not "") and
// reloads the key store, returning the key's secret.
func (e *Env) Key(t testing.TB, name, org string, scopes ...string) string {
	t.Helper()
	secret, prefix, hash, err := screen.NewKeySecret()
	if err != nil {
		t.Fatal(err)
	}
	k := &hangup.APIKey{Name: name, Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy(), Scopes: scopes, OrganisationID: org}
	if err := e.DB.CreateAPIKey(context.Background(), k); err != nil {
		t.Fatal(err)
	}
	if err := e.Keys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

// ReportScam files reports of number from n distinct accounts (org
// claimed by each, if not "") and refreshes reputation and the published
// blocklist.
func (e *Env) ReportScam(t testing.TB, number string, n int, org string) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	for i := range n {
		ref := fmt.Sprintf("HU-SHAR-%s%03d", number[len(number)-4:], i)
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: now, UpdatedAt: now,
			NumberShownE164: number, OrganisationID: org, Story: "He asked for my bank details", ReporterKey: fmt.Sprintf("user:%d", i), ReporterWeight: 1}
		ev := []hangup.Evidence{{Number: number, ReporterKey: fmt.Sprintf("user:%d", i), Weight: 1, At: now, ReportRef: ref, Source: "web", Category: "bank_impersonation"}}
		if err := e.DB.CreateReport(ctx, r, &hangup.Contact{Name: "Ada Reporter", Email: "ada@example.org", Consent: true}, []byte(ref), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Reputation.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Blocklist.Publish(ctx); err != nil {
		t.Fatal(err)
	}
}
