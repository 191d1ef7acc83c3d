package site

import (
	"os"
	"testing"
)

func TestEvalURLs(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation takes a few seconds")
	}
	rep, err := EvalURLs(EvalConfig{Organisations: testOrgs(), Examples: 60})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteText(os.Stdout); err != nil {
		t.Fatal(err)
	}
	if !rep.Met() {
		t.Errorf("targets not met: catch %.2f%%, false positives %.2f%%", 100*rep.CatchRate, 100*rep.FPRate)
	}
}
