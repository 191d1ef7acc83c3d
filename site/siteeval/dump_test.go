package siteeval

import (
	"fmt"
	"os"
	"testing"
)

// TestDumpFit writes the fit part to SITEEVAL_DUMP (tuning aid; skipped
// without it).
func TestDumpFit(t *testing.T) {
	out := os.Getenv("SITEEVAL_DUMP")
	if out == "" {
		t.Skip("SITEEVAL_DUMP not set")
	}
	s := loadShared(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, h := range s.Hosts {
		if h.Part == Fit {
			fmt.Fprintf(f, "%s\t%s\t%s\t%v\n", h.Host, h.Label, h.Source, h.Subset)
		}
	}
}
