package main

import (
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/sqlite"
)

// runMigrate brings the database's schema up to date and says where it
// stands. `hangup serve` migrates on start too; running this first lets an
// operator migrate once, before rolling new nodes out. Running it twice, or
// on several machines at once, is harmless.
func runMigrate(e *env) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("usage: hangup migrate [--db PATH-OR-URL] [--create]")
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	start := time.Now()
	db, _, err := openDatabase(e.ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := schemaVersion(e, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is at schema version %d (checked in %s).\n", displayDB(cfg.DB), v, time.Since(start).Round(time.Millisecond))
	return nil
}

func schemaVersion(e *env, db Database) (int, error) {
	switch d := db.(type) {
	case *postgres.DB:
		return d.SchemaVersion(e.ctx)
	case *announcing:
		if s, ok := d.Database.(*sqlite.DB); ok {
			return s.SchemaVersion(e.ctx)
		}
	}
	return 0, fmt.Errorf("migrate: unknown database type %T", db)
}

// runCopyData moves a SQLite installation into an empty PostgreSQL
// database: every table, keeping ids, tracking tokens, sessions and
// secrets, in one transaction, with the row counts checked.
func runCopyData(e *env) error {
	flags := flag.NewFlagSet("copy-data", flag.ContinueOnError)
	from := flags.String("from", "", "the SQLite database file to copy")
	to := flags.String("to", "", "the PostgreSQL database to fill: postgres://…")
	if err := parseFlags(flags, e); err != nil {
		return err
	}
	if *from == "" || *to == "" || flags.NArg() > 0 {
		return usagef("usage: hangup copy-data --from PATH.db --to postgres://USER@HOST/DB")
	}
	if !postgres.IsURL(*to) {
		return usagef("--to must be a postgres:// or postgresql:// URL, got %q", *to)
	}
	if _, err := os.Stat(*from); errors.Is(err, fs.ErrNotExist) {
		return usagef("--from %s: no such file", *from)
	}
	if err := checkWritable(e, *to, false); err != nil {
		return err
	}
	start := time.Now()
	// Opening brings the SQLite file to the current schema, which is the
	// one copy-data knows.
	lite, err := sqlite.Open(e.ctx, *from)
	if err != nil {
		return err
	}
	lite.Close()
	src, err := sql.Open("sqlite", "file:"+*from+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer src.Close()
	pg, err := postgres.Open(e.ctx, *to)
	if err != nil {
		return err
	}
	defer pg.Close()
	counts, err := pg.CopyFromSQLite(e.ctx, src)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Copied %s into %s in %s:\n", *from, postgres.Redact(*to), time.Since(start).Round(time.Millisecond))
	for _, t := range postgres.CopyTables() {
		fmt.Fprintf(e.stdout, "  %-20s %d rows\n", t, counts[t])
	}
	return nil
}

// pgDumpHint is what `hangup backup` and `restore` say for PostgreSQL: its
// own tools do this job better than Hangup could.
const pgDumpHint = "for PostgreSQL use its own tools (see docs/operations.md):\n" +
	"  pg_dump --format=custom --file hangup.dump 'postgres://…'\n" +
	"  pg_restore --clean --if-exists --dbname 'postgres://…' hangup.dump"

// runBackup writes a consistent copy of a SQLite database while it serves.
func runBackup(e *env) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("usage: hangup backup [--db PATH] BACKUP-FILE")
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	if postgres.IsURL(cfg.DB) {
		return usagef("backup copies a SQLite database; %s", pgDumpHint)
	}
	if _, err := os.Stat(cfg.DB); err != nil {
		return usagef("no database at %s: %v", cfg.DB, err)
	}
	start := time.Now()
	db, err := sqlite.Open(e.ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(e.ctx, args[0]); err != nil {
		return err
	}
	size := int64(0)
	if st, err := os.Stat(args[0]); err == nil {
		size = st.Size()
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s (%d bytes, checked) in %s.\n", cfg.DB, args[0], size, time.Since(start).Round(time.Millisecond))
	return nil
}

// runRestore puts a backup in place of a stopped SQLite database.
func runRestore(e *env) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("usage: hangup restore [--db PATH] BACKUP-FILE   (stop hangup serve first)")
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	if postgres.IsURL(cfg.DB) {
		return usagef("restore replaces a SQLite database; %s", pgDumpHint)
	}
	if _, err := os.Stat(args[0]); err != nil {
		return usagef("backup %s: %v", args[0], err)
	}
	if err := checkWritable(e, cfg.DB, l.create); err != nil {
		return err
	}
	if err := sqlite.Restore(e.ctx, args[0], cfg.DB); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Restored %s from %s. Start hangup serve again.\n", cfg.DB, args[0])
	return nil
}
