package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

const doneWhenText = "hi this is the windows technical department we had a report from your internet provider that your computer has a virus please go to anydesk dot com and read me the nine digit code"

func TestCLIAnalyze(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := runCLI(t, doneWhenText, nil, "analyze", "--db", db, "--json")
	var a hangup.Analysis
	if code != exitOK || json.Unmarshal([]byte(out), &a) != nil || a.Verdict != hangup.VerdictScam || a.ScamType != hangup.ScamTechSupport {
		t.Fatalf("exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = runCLI(t, doneWhenText, nil, "analyze", "--db", db, "-")
	if code != exitOK || !strings.HasPrefix(out, "SCAM") || !strings.Contains(out, "anydesk dot com") {
		t.Errorf("text output:\n%s", out)
	}
	batch := `{"id":1,"text":"` + doneWhenText + `"}` + "\n" + `{"id":2,"text":""}` + "\n" + "garbage\n" +
		`{"id":3,"text":"hello, this is the surgery confirming your appointment on tuesday at ten"}` + "\n"
	code, out, _ = runCLI(t, batch, nil, "analyze", "--db", db, "--jsonl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 4 || !strings.Contains(lines[0], `"verdict":"scam"`) || !strings.Contains(lines[1], `"error"`) ||
		!strings.Contains(lines[2], `"error"`) || !strings.Contains(lines[3], `"not_scam"`) {
		t.Errorf("--jsonl: exit %d\n%s", code, out)
	}
	turns := "Caller: hello is that mrs jones\nMe: yes\nCaller: your computer has a virus\nCaller: please go to anydesk dot com\n"
	code, out, _ = runCLI(t, turns, nil, "analyze", "--db", db, "--stream")
	if code != exitOK || !strings.Contains(out, "WARNING") || !strings.Contains(out, "AnyDesk") {
		t.Errorf("--stream:\n%s", out)
	}
	if code, _, errOut := runCLI(t, "", nil, "analyze", "--db", db); code != exitUsage || errOut == "" {
		t.Errorf("empty text: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", nil, "analyze", "--db", db, "/no/such/file"); code != exitUsage {
		t.Errorf("missing file: exit %d", code)
	}
	// The CLI check analyses the notes too.
	code, out, _ = runCLI(t, "", nil, "check", "--db", db, "--claims", "Microsoft", "--notes", doneWhenText, "--json")
	var res hangup.CheckResult
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil || res.Analysis == nil || res.Verdict != hangup.CheckStop {
		t.Errorf("check with notes: exit %d %s", code, out)
	}
}

// TestCLITrainAndEval trains on the project's own written data (small and
// quick) twice: the same data and seed must give the same bytes.
func TestCLITrainAndEval(t *testing.T) {
	dir := t.TempDir()
	data := "../../data/training/hangup-written"
	var models [2][]byte
	for i := range models {
		out := filepath.Join(dir, "model"+string(rune('a'+i))+".json")
		code, stdout, errOut := runCLI(t, "", nil, "train", "--data", data, "--no-shared", "--out", out)
		if code != exitOK || !strings.Contains(stdout, "Trained on") {
			t.Fatalf("train: exit %d %s %s", code, stdout, errOut)
		}
		models[i], _ = os.ReadFile(out)
	}
	if len(models[0]) == 0 || !bytes.Equal(models[0], models[1]) {
		t.Error("training twice on the same data gave different models")
	}
	code, out, errOut := runCLI(t, "", nil, "eval", "--data", data, "--model", filepath.Join(dir, "modela.json"))
	if code != exitOK || !strings.Contains(strings.ToLower(out), "f1") {
		t.Errorf("eval: exit %d\n%s\n%s", code, out, errOut)
	}
	// Training needs the shared data unless told to go without it, and says
	// where it looked.
	code, _, errOut = runCLI(t, "", nil, "train", "--data", data, "--shared", filepath.Join(dir, "none"), "--out", filepath.Join(dir, "m.json"))
	if code == exitOK || !strings.Contains(errOut, "HANGUP_SHARED_DATA") {
		t.Errorf("train without shared data: exit %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "", nil, "eval"); code != exitUsage {
		t.Errorf("eval without data: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", nil, "eval", "--data", "/no/such/dir"); code != exitUsage {
		t.Errorf("eval of missing data: exit %d", code)
	}
}
