// Package storetest is the conformance suite every Hangup store must pass.
// A database package calls Run from its own tests with a function that opens
// fresh, empty stores; the suite then checks the contract written on each
// domain interface, so SQLite and PostgreSQL behave the same.
package storetest

import (
	"testing"

	"github.com/hangup-org/hangup"
)

// Stores bundles the stores of one database.
type Stores struct {
	Organisations hangup.OrganisationStore
	Reports       hangup.ReportStore
	Reputation    hangup.ReputationStore
	Users         hangup.UserStore
	Secrets       hangup.SecretStore
	APIKeys       hangup.APIKeyStore // nil skips the API key tests
	SignIns       hangup.SignInStore
	Feeds         hangup.FeedStore        // nil skips the feed tests
	SiteNumbers   hangup.SiteNumberStore  // nil skips the site-number tests
	Blocklist     hangup.BlocklistStore   // nil skips the blocklist tests
	Sync          hangup.SyncStore        // nil skips the sync tests
	SharedChecks  hangup.SharedCheckStore // nil skips the shared check tests
	OrgPortal     hangup.OrgPortalStore   // nil skips the organisation portal tests
	Alerts        hangup.AlertStore       // nil skips the alert tests
	Webhooks      hangup.WebhookStore     // nil skips the webhook tests
	Figures       hangup.FigureStore      // nil skips the public figures tests
	Activity      hangup.ActivityStore    // nil skips the number activity tests
}

// Opener returns fresh, empty stores for one test. It registers its own
// cleanup with t.Cleanup.
type Opener func(t *testing.T) Stores

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("Organisations", func(t *testing.T) { testOrganisations(t, open) })
	t.Run("Reports", func(t *testing.T) { testReports(t, open) })
	t.Run("Reputation", func(t *testing.T) { testReputation(t, open) })
	t.Run("Activity", func(t *testing.T) { testActivity(t, open) })
	t.Run("Users", func(t *testing.T) { testUsers(t, open) })
	t.Run("Secrets", func(t *testing.T) { testSecrets(t, open) })
	t.Run("APIKeys", func(t *testing.T) { testAPIKeys(t, open) })
	t.Run("SharedChecks", func(t *testing.T) { testSharedChecks(t, open) })
	t.Run("SignIns", func(t *testing.T) { testSignIns(t, open) })
	t.Run("Feeds", func(t *testing.T) { testFeeds(t, open) })
	t.Run("SiteNumbers", func(t *testing.T) { testSiteNumbers(t, open) })
	t.Run("Blocklist", func(t *testing.T) { testBlocklist(t, open) })
	t.Run("Sync", func(t *testing.T) { testSync(t, open) })
	t.Run("NumberOrganisations", func(t *testing.T) { testNumberOrganisations(t, open) })
	t.Run("OrgPortal", func(t *testing.T) { testOrgPortal(t, open) })
	t.Run("Alerts", func(t *testing.T) { testAlerts(t, open) })
	t.Run("Webhooks", func(t *testing.T) { testWebhooks(t, open) })
	t.Run("Figures", func(t *testing.T) { testFigures(t, open) })
}
