package postgres_test

import (
	"context"
	"testing"

	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/postgres/pgtest"
	"github.com/hangup-org/hangup/storetest"
)

func openDB(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores {
		db := openDB(t)
		return storetest.Stores{Organisations: db, Reports: db, Reputation: db, Users: db, Secrets: db, APIKeys: db, SignIns: db, Feeds: db, SiteNumbers: db, Blocklist: db, Sync: db, SharedChecks: db, Alerts: db, Webhooks: db, Figures: db, Activity: db, OrgPortal: db}
	})
}
