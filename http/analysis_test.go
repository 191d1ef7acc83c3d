package http

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

const doneWhen = "hi this is the windows technical department we had a report from your internet provider that your computer has a virus please go to anydesk dot com and read me the nine digit code"

func TestAPIAnalysis(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	r := do(t, s, "POST", "/api/v1/analyses", "application/json", `{"text":"`+doneWhen+`"}`)
	a := decodeBody[hangup.Analysis](t, r)
	if r.status != 200 || a.Verdict != hangup.VerdictScam || a.ScamType != hangup.ScamTechSupport {
		t.Fatalf("%d %s %s", r.status, a.Verdict, a.ScamType)
	}
	quoted := map[string]bool{}
	for _, in := range a.Indicators {
		if []rune(doneWhen)[in.Start:in.End] == nil || string([]rune(doneWhen)[in.Start:in.End]) != in.Evidence {
			t.Errorf("indicator %s: offsets %d..%d do not give %q", in.Code, in.Start, in.End, in.Evidence)
		}
		quoted[in.Evidence] = in.Explanation != ""
	}
	for _, want := range []string{"anydesk dot com", "nine digit code", "internet provider"} {
		found := false
		for q, explained := range quoted {
			found = found || strings.Contains(q, want) && explained
		}
		if !found {
			t.Errorf("no explained indicator quotes %q (%v)", want, quoted)
		}
	}
	// A whole transcript is larger than other requests allow.
	big := strings.Repeat("hello there. ", 8000)
	if r := do(t, s, "POST", "/api/v1/analyses", "application/json", `{"text":"`+big+`"}`); r.status != 200 {
		t.Errorf("a 100 KB transcript → %d", r.status)
	}
	for _, c := range []struct {
		body   string
		status int
	}{
		{`{"text":""}`, 400}, {`{"text":"` + strings.Repeat("a", 200001) + `"}`, 413}, {`{"txt":"x"}`, 400},
	} {
		if r := do(t, s, "POST", "/api/v1/analyses", "application/json", c.body); r.status != c.status {
			t.Errorf("%.30s → %d, want %d", c.body, r.status, c.status)
		}
	}
}

func TestAPILiveCall(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	r := do(t, s, "POST", "/api/v1/calls", "", "")
	created := decodeBody[CallCreated](t, r)
	if r.status != 201 || created.ID == "" {
		t.Fatalf("create → %d %+v", r.status, created)
	}
	turns := []string{
		`{"speaker":"caller","text":"hello is that mrs jones"}`,
		`{"speaker":"me","text":"yes speaking"}`,
		`{"speaker":"caller","text":"this is the windows technical department"}`,
		`{"speaker":"caller","text":"your computer has a virus"}`,
		`{"speaker":"caller","text":"please go to anydesk dot com"}`,
	}
	var alerts []string
	for _, body := range turns {
		r := do(t, s, "POST", "/api/v1/calls/"+created.ID+"/turns", "application/json", body)
		tr := decodeBody[hangup.TurnResult](t, r)
		if r.status != 200 {
			t.Fatalf("turn → %d %s", r.status, r.body)
		}
		if tr.Alert != nil {
			alerts = append(alerts, tr.Alert.Message)
		}
	}
	found := false
	for _, m := range alerts {
		found = found || strings.Contains(m, "AnyDesk")
	}
	if !found {
		t.Errorf("no alert named AnyDesk: %q", alerts)
	}
	if r := do(t, s, "GET", "/api/v1/calls/"+created.ID, "", ""); r.status != 200 {
		t.Errorf("get → %d", r.status)
	}
	if r := do(t, s, "DELETE", "/api/v1/calls/"+created.ID, "", ""); r.status != 200 {
		t.Errorf("end → %d", r.status)
	}
	if r := do(t, s, "POST", "/api/v1/calls/"+created.ID+"/turns", "application/json", `{"text":"x"}`); r.status != 404 {
		t.Errorf("turn on an ended call → %d", r.status)
	}
}

func TestCheckPageHighlightsWhatWasSaid(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	form := "claims=Microsoft&unsolicited=yes&notes=" + strings.ReplaceAll(doneWhen, " ", "+")
	r := do(t, s, "POST", "/check", "application/x-www-form-urlencoded", form)
	body := string(r.body)
	if !strings.Contains(body, `<mark>`) || !strings.Contains(body, `id="notes-highlighted"`) {
		t.Fatal("the result page does not mark the words that raised the alarm")
	}
	res := decodeBody[hangup.CheckResult](t, do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"Microsoft","notes":"`+doneWhen+`"}`))
	if res.Verdict != hangup.CheckStop || res.Analysis == nil || res.Analysis.Verdict != hangup.VerdictScam {
		t.Errorf("check with notes: %s %+v", res.Verdict, res.Analysis)
	}
}

// TestMissingCapabilities: a server built without an engine says so on the
// engine's endpoints instead of failing.
func TestMissingCapabilities(t *testing.T) {
	full := newTestServer(t, DefaultConfig())
	bare, err := NewServer(DefaultConfig(), Deps{Checker: full.deps.Checker, Numbers: full.deps.Numbers, Registry: full.deps.Registry})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path, ct, body, want string }{
		{"POST", "/api/v1/analyses", "application/json", `{"text":"x"}`, "Analysis is not enabled"},
		{"POST", "/api/v1/calls", "", "", "Live analysis is not enabled"},
		{"POST", "/api/v1/reports", "application/json", `{"story":"x"}`, "Reporting is not enabled"},
		{"GET", "/api/v1/urls?u=anydesk.com", "", "", "Website checking is not enabled"},
	} {
		r := do(t, bare, c.method, c.path, c.ct, c.body)
		if r.status != 404 || !strings.Contains(string(r.body), c.want) {
			t.Errorf("%s %s → %d %s", c.method, c.path, r.status, r.body)
		}
	}
}
