// Package sharedtest finds the shared reference data (../shared/data: the
// robocall transcripts, phishing lists, STIR/SHAKEN vectors…) for the tests
// that read it.
package sharedtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the shared data directory that holds marker (a path inside
// it, e.g. "stirshaken/vectors.json"): $HANGUP_SHARED_DATA when set, else
// the first shared/data found walking up from the working directory. When
// there is none it skips the test, or fails it with
// HANGUP_REQUIRE_SHARED_DATA=1 (as CI sets it), so a suite never passes by
// silently reading nothing.
func Dir(tb testing.TB, marker string) string {
	tb.Helper()
	var candidates []string
	if d := os.Getenv("HANGUP_SHARED_DATA"); d != "" {
		candidates = append(candidates, d)
	} else if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			candidates = append(candidates, filepath.Join(d, "shared", "data"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, c := range candidates {
		if _, err := os.Stat(filepath.Join(c, marker)); err == nil {
			return c
		}
	}
	msg := "shared data with " + marker + " not found (set HANGUP_SHARED_DATA to the shared/data directory); tried " + strings.Join(candidates, ", ")
	if os.Getenv("HANGUP_REQUIRE_SHARED_DATA") == "1" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}
