package train_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/train"
	"github.com/hangup-org/hangup/data/sharedtest"
)

// sharedData returns the shared data directory, or skips the test (fails
// it with HANGUP_REQUIRE_SHARED_DATA=1) when it cannot be found.
func sharedData(tb testing.TB) string { tb.Helper(); return sharedtest.Dir(tb, train.SourceRobocall) }

func TestLoadSharedLabelsEverySource(t *testing.T) {
	dir := sharedData(t)
	exs, err := train.LoadShared(dir)
	if err != nil {
		t.Fatal(err)
	}
	type count struct{ scam, genuine int }
	got := map[string]*count{}
	ids := map[string]bool{}
	for _, ex := range exs {
		if ids[ex.ID] {
			t.Errorf("id %s twice", ex.ID)
		}
		ids[ex.ID] = true
		if strings.TrimSpace(ex.Text) == "" || ex.Group == "" || ex.Style == "" {
			t.Errorf("%s: empty text, group or style: %+v", ex.ID, ex)
		}
		c := got[ex.Source]
		if c == nil {
			c = &count{}
			got[ex.Source] = c
		}
		if ex.Scam {
			c.scam++
		} else {
			c.genuine++
		}
	}
	// The counts each SOURCE.md gives (the robocall set's one empty
	// transcript skipped; the complaint subjects that name a kind of call).
	want := map[string]count{
		train.SourceRobocall:   {1100, 0},
		train.SourceSGD:        {0, 2733},
		train.SourceUCISMS:     {747, 4827},
		train.SourceSmishing:   {1127, 4844},
		train.SourceComplaints: {12, 0},
	}
	for src, w := range want {
		if g := got[src]; g == nil || *g != w {
			t.Errorf("%s: got %+v, want %+v", src, g, w)
		}
	}
}

// A robocall campaign repeats one script: its copies must share a group,
// and so one side of every split.
func TestRobocallsSplitByCampaign(t *testing.T) {
	exs, err := train.LoadRobocalls(filepath.Join(sharedData(t), train.SourceRobocall))
	if err != nil {
		t.Fatal(err)
	}
	split := map[string]string{}
	groups := map[string]int{}
	for _, ex := range exs {
		groups[ex.Group]++
		if s, ok := split[ex.Group]; ok && s != ex.Split {
			t.Errorf("campaign %s is on both sides (%s, %s)", ex.Group, s, ex.Split)
		}
		split[ex.Group] = ex.Split
		if ex.Split != "dev" && ex.Split != "test" {
			t.Errorf("%s: split %q", ex.ID, ex.Split)
		}
	}
	if len(groups) < 500 || len(groups) >= len(exs) {
		t.Errorf("%d calls in %d campaigns: want near-copies grouped", len(exs), len(groups))
	}
	sides := map[string]int{}
	for _, s := range split {
		sides[s]++
	}
	if sides["dev"] == 0 || sides["test"] == 0 {
		t.Errorf("campaigns per side: %v", sides)
	}
}

// The service dialogues must not carry the source's own USER/SYSTEM tags,
// which would let a model recognise the source by its format.
func TestServiceDialoguesHideTheirFormat(t *testing.T) {
	exs, err := train.LoadServiceDialogues(filepath.Join(sharedData(t), train.SourceSGD))
	if err != nil {
		t.Fatal(err)
	}
	styles := map[string]bool{}
	for _, ex := range exs {
		if strings.Contains(ex.Text, "USER:") || strings.Contains(ex.Text, "SYSTEM:") {
			t.Fatalf("%s keeps the source's tags:\n%s", ex.ID, ex.Text)
		}
		if ex.Scam {
			t.Fatalf("%s labelled scam", ex.ID)
		}
		styles[ex.Caller] = true
	}
	if len(styles) < 4 {
		t.Errorf("caller labels %v: want several", styles)
	}
}

func TestLoadSharedMissingOrMalformed(t *testing.T) {
	dir := t.TempDir()
	if _, err := train.LoadShared(dir); hangup.ErrorCode(err) != hangup.ENOTFOUND || !strings.Contains(err.Error(), "HANGUP_SHARED_DATA") {
		t.Errorf("missing data: %v", err)
	}
	bad := filepath.Join(dir, train.SourceSGD)
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "sgd_bank_payment_services.jsonl"), []byte("{\"dialogue_id\": 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := train.LoadServiceDialogues(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("malformed line: %v", err)
	}
	rc := filepath.Join(dir, train.SourceRobocall)
	if err := os.MkdirAll(rc, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rc, "robocall_transcripts_annotated.csv"), []byte("call_id,text\n1,hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := train.LoadRobocalls(rc); err == nil || !strings.Contains(err.Error(), "transcript") {
		t.Errorf("missing column: %v", err)
	}
}
