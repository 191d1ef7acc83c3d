package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/storetest"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "hangup.db"))
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

func TestMigrateTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "twice.db")
	for i := range 2 {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil || v < 1 {
			t.Errorf("open %d: schema version %d, %v", i, v, err)
		}
		db.Close()
	}
}

func TestOpenRefusesMemory(t *testing.T) {
	if _, err := sqlite.Open(context.Background(), ":memory:"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("Open(:memory:) err = %v, want EINVALID", err)
	}
}
