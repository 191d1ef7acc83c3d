package main

import (
	"context"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/analyze"
)

func TestPrintAnalysis(t *testing.T) {
	e, err := analyze.New(analyze.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Analyze(context.Background(), doneWhenText)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := printAnalysis(&b, a); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"SCAM", "tech support", "remote_tool_install", "“read me the nine digit code”", "anydesk.com"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	clean, err := e.Analyze(context.Background(), "Your prescription is ready for collection.")
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := printAnalysis(&b, clean); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "No scam found") {
		t.Errorf("genuine call printed as %q", b.String())
	}
}
