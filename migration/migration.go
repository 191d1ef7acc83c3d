// Package migration reads a database's numbered, forward-only migration
// files. Each database package embeds its own SQL dialect and applies the
// migrations its own way (in a transaction, with its own lock); reading and
// ordering them is the same everywhere and lives here.
package migration

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one file: its number, its name and its SQL.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Load reads dir/*.sql from fsys, ordered by number. Names must start with
// their number ("0003_accounts.sql") and numbers must run 1, 2, 3… without
// gaps, so a missing or misnamed file is found at build time, not in
// production.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, name := range names {
		base := path.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: base, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: numbers must run 1, 2, 3… without gaps", m.Name)
		}
	}
	return out, nil
}
