package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/sqlite"
)

func backupReport(ref string) *hangup.Report {
	now := time.Now().UTC()
	return &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "api", CreatedAt: now, UpdatedAt: now,
		Happened: []hangup.Happened{}, Story: "story " + ref}
}

// TestBackupWhileWriting takes a backup while reports are being written:
// the copy is a consistent snapshot (every report with its created event)
// and opens as a Hangup database.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			ref := fmt.Sprintf("HU-BACK-%04d", i)
			if err := db.CreateReport(ctx, backupReport(ref), nil, []byte(ref), nil); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	time.Sleep(100 * time.Millisecond)
	dst := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if err := db.Backup(ctx, dst); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("backup over an existing file: %v, want ECONFLICT", err)
	}
	copy, err := sqlite.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	rs, err := copy.ListReports(ctx, hangup.ReportFilter{Limit: 1000})
	if err != nil || len(rs) == 0 {
		t.Fatalf("backup holds %d reports, %v; want some", len(rs), err)
	}
	for _, r := range rs {
		if ev, err := copy.ReportEvents(ctx, r.Reference); err != nil || len(ev) != 1 {
			t.Fatalf("%s in the backup has events %v, %v: not a consistent snapshot", r.Reference, ev, err)
		}
	}
	live, _ := db.ListReports(ctx, hangup.ReportFilter{Limit: 1000})
	if len(live) < len(rs) {
		t.Errorf("backup has %d reports, the live database %d", len(rs), len(live))
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "hangup.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateReport(ctx, backupReport("HU-KEEP-0001"), nil, []byte("k"), nil); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateReport(ctx, backupReport("HU-LATE-0001"), nil, []byte("l"), nil); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.Restore(ctx, backup, path); hangup.ErrorCode(err) != hangup.ECONFLICT {
		t.Errorf("restore over a database in use: %v, want ECONFLICT", err)
	}
	db.Close()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if err := sqlite.Restore(ctx, junk, path); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("restore of a file that isn't a database: %v, want EINVALID", err)
	}
	if err := sqlite.Restore(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.FindReport(ctx, "HU-KEEP-0001"); err != nil {
		t.Errorf("the backed-up report is missing after restore: %v", err)
	}
	if _, err := db.FindReport(ctx, "HU-LATE-0001"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("a report written after the backup survived the restore: %v", err)
	}
}
