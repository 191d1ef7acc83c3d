package site

import (
	"strings"
	"testing"
)

func TestEvalURLs(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation takes a few seconds")
	}
	rep, err := EvalURLs(EvalConfig{Organisations: testOrgs(), Examples: 60, PerBrand: 5}) // five a brand: quiet popular brands are not mutated
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := rep.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if rep.Lookalikes < 3000 || rep.Genuine < 4000 {
		t.Errorf("sets too small: %d lookalikes, %d genuine domains", rep.Lookalikes, rep.Genuine)
	}
	if !rep.Met() {
		t.Errorf("targets not met: catch %.2f%%, false positives %.2f%%", 100*rep.CatchRate, 100*rep.FPRate)
	}
}
