package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hangup-org/hangup"
)

// Backup writes a consistent copy of the database to dst while it is in
// use: VACUUM INTO reads one snapshot (WAL lets writers carry on meanwhile)
// and writes a compact, self-contained file. The copy is written beside
// dst, checked and synced, then renamed into place, so dst is either the
// whole backup or untouched. Returns ECONFLICT if dst exists.
func (db *DB) Backup(ctx context.Context, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return hangup.Errorf(hangup.ECONFLICT, "%s exists: choose a new file for the backup.", dst)
	}
	tmp := tempName(dst)
	defer os.Remove(tmp)
	// A connection of its own: the writer must stay free for requests, and
	// the readers are query-only, which VACUUM INTO is not.
	c, err := sql.Open("sqlite", dsn(db.path, false))
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return classify(fmt.Errorf("sqlite: backup to %s: %w", dst, err))
	}
	if err := check(ctx, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return classify(fmt.Errorf("sqlite: backup: %w", err))
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return syncDir(filepath.Dir(dst))
}

// check opens a database file read-only and runs SQLite's integrity check
// and a look at its schema version. Returns EINVALID if it is not a sound
// Hangup database this build can open.
func check(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("sqlite: check %s: %w", path, err)
	}
	defer c.Close()
	var result string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return hangup.Errorf(hangup.EINVALID, "%s is not a readable SQLite database: %v", path, err)
	}
	if result != "ok" {
		return hangup.Errorf(hangup.EINVALID, "%s failed SQLite's integrity check: %s", path, result)
	}
	var v sql.NullInt64
	if err := c.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return hangup.Errorf(hangup.EINVALID, "%s is not a Hangup database (no schema_migrations table).", path)
	}
	ms, err := loadMigrations(migrations)
	if err != nil {
		return err
	}
	if int(v.Int64) > len(ms) {
		return hangup.Errorf(hangup.EINVALID, "%s has schema version %d; this hangup knows %d. Restore it with a newer hangup.", path, v.Int64, len(ms))
	}
	return nil
}

// Restore replaces the database file dst with the backup src. The service
// must be stopped: Restore refuses (ECONFLICT) when another connection has
// dst open, because a running server would keep writing to the file being
// replaced. src is checked first; dst is replaced by a rename, so it is
// either the old database or the whole backup. Pending migrations are
// applied when the restored database is next opened.
func Restore(ctx context.Context, src, dst string) error {
	if err := check(ctx, src); err != nil {
		return err
	}
	if _, err := os.Stat(dst); err == nil {
		if err := exclusive(ctx, dst); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	tmp := tempName(dst)
	defer os.Remove(tmp)
	if err := copyFile(src, tmp); err != nil {
		return classify(fmt.Errorf("sqlite: restore: %w", err))
	}
	// The old database's write-ahead log belongs to the old file: left
	// beside the restored one it would be replayed into it.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sqlite: restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	return syncDir(filepath.Dir(dst))
}

// exclusive checks that nothing else has the database open, and folds its
// write-ahead log into the file. Leaving WAL mode needs the only
// connection: with a server running, SQLite keeps it in WAL.
func exclusive(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	defer c.Close()
	var mode string
	err = c.QueryRowContext(ctx, `PRAGMA journal_mode=DELETE`).Scan(&mode)
	if err != nil || mode != "delete" {
		return hangup.Errorf(hangup.ECONFLICT, "%s is in use (is hangup serve running?): stop the service, then restore.", path)
	}
	return nil
}

func tempName(path string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return path + ".tmp-" + hex.EncodeToString(b)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable: the new directory entry is on disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sqlite: sync %s: %w", dir, err)
	}
	return nil
}
