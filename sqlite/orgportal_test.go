package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// TestMemberBecomesOrgMember: an installation made before the organisation
// portal keeps its members, as org_member, and its API keys, belonging to
// no organisation.
func TestMemberBecomesOrgMember(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	old := &DB{path: path, write: w, now: time.Now}
	ms, err := loadMigrations(migrations)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.Contains(m.Name, "org_portal") {
			break
		}
		if err := old.apply(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.ExecContext(ctx, `INSERT INTO users (email, role, organisation_id, password_hash, created_at) VALUES
		('staff@imex.example', 'member', 'imex', 'h', '2026-01-01T00:00:00Z'), ('ann@example.org', 'analyst', '', 'h', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for email, want := range map[string]hangup.Role{"staff@imex.example": hangup.RoleOrgMember, "ann@example.org": hangup.RoleAnalyst} {
		u, err := db.FindUserByEmail(ctx, email)
		if err != nil || u.Role != want {
			t.Errorf("%s: %v %+v, want %s", email, err, u, want)
		}
	}
}
