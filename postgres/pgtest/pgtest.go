// Package pgtest gives tests a private PostgreSQL schema of their own, so
// that test packages run in parallel against one server and leave nothing
// behind.
//
// The server comes from HANGUP_TEST_POSTGRES (a postgres:// URL). Without
// it the tests that need PostgreSQL skip, unless HANGUP_REQUIRE_POSTGRES=1
// (as in CI), which makes them fail instead: a suite that silently skips
// proves nothing.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ServerURL returns the server's URL from HANGUP_TEST_POSTGRES, skipping
// or failing tb when there is none.
func ServerURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("HANGUP_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("HANGUP_REQUIRE_POSTGRES") == "1" {
			tb.Fatal("HANGUP_REQUIRE_POSTGRES=1 but HANGUP_TEST_POSTGRES is not set: the PostgreSQL suite cannot run")
		}
		tb.Skip("set HANGUP_TEST_POSTGRES=postgres://… to run the PostgreSQL tests")
	}
	return u
}

// DSN creates a fresh schema for tb, drops it when tb ends, and returns a
// connection URL whose search_path selects it.
func DSN(tb testing.TB) string {
	tb.Helper()
	server := ServerURL(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Fatalf("pgtest: connect to HANGUP_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(context.Background())
	b := make([]byte, 6)
	rand.Read(b)
	schema := "hangup_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("pgtest: create schema: %v", err)
	}
	tb.Cleanup(func() { Drop(tb, server, schema) })
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatalf("pgtest: HANGUP_TEST_POSTGRES must be a postgres:// URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Drop drops schema and everything in it.
func Drop(tb testing.TB, server, schema string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Errorf("pgtest: drop schema %s: %v", schema, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
		tb.Errorf("pgtest: drop schema %s: %v", schema, err)
	}
}
