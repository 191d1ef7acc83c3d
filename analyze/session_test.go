package analyze_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
)

var liveCall = []hangup.Turn{
	{Speaker: "caller", Text: "Hello, this is the Windows technical department."},
	{Speaker: "me", Text: "Oh, hello. What is it about?"},
	{Speaker: "caller", Text: "We had a report from your internet provider that your computer has a virus."},
	{Speaker: "me", Text: "Really? What should I do?"},
	{Speaker: "caller", Text: "Please go to anydesk dot com and install AnyDesk."},
	{Speaker: "me", Text: "It's asking me something."},
	{Speaker: "caller", Text: "Read me the nine digit code."},
}

func TestSessionWarnsAtAnyDesk(t *testing.T) {
	e, _ := engines(t)
	ss := analyze.NewSessions(e, analyze.SessionConfig{})
	id, err := ss.Create()
	if err != nil {
		t.Fatal(err)
	}
	var alerts []*hangup.Alert
	for i, turn := range liveCall {
		res, err := ss.AddTurn(context.Background(), id, turn)
		if err != nil {
			t.Fatalf("turn %d: %v", i, err)
		}
		if res.Turn != i || res.CallID != id {
			t.Errorf("turn %d: result says turn %d of call %s", i, res.Turn, res.CallID)
		}
		for _, in := range res.NewIndicators {
			if turn.Text[in.ByteStart:in.ByteEnd] != in.Evidence {
				t.Errorf("turn %d: %s offsets do not quote the turn", i, in.Code)
			}
		}
		if res.Alert != nil {
			if res.Alert.Turn != i {
				t.Errorf("alert of turn %d says turn %d", i, res.Alert.Turn)
			}
			alerts = append(alerts, res.Alert)
		}
	}
	if len(alerts) == 0 {
		t.Fatal("no alert during the call")
	}
	if alerts[0].Turn > 4 {
		t.Errorf("first alert at turn %d, want by the AnyDesk turn (4)", alerts[0].Turn)
	}
	var anydesk *hangup.Alert
	seen := map[string]bool{}
	for _, al := range alerts {
		if seen[al.Code] {
			t.Errorf("two alerts for %s", al.Code)
		}
		seen[al.Code] = true
		if al.Turn == 4 {
			anydesk = al
		}
	}
	if anydesk == nil || anydesk.Code != "remote_tool_install" || !strings.Contains(anydesk.Message, "install AnyDesk") {
		t.Errorf("alert at the AnyDesk turn = %+v, want one naming the AnyDesk request", anydesk)
	}
	for _, al := range alerts {
		if al.Turn < 2 {
			t.Errorf("alert at turn %d, before anything alarming was said: %+v", al.Turn, al)
		}
	}
	a, err := ss.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Verdict != hangup.VerdictScam || a.ScamType != hangup.ScamTechSupport || a.Turns != len(liveCall) {
		t.Errorf("running analysis = %s %s %d turns, want scam tech_support %d turns", a.Verdict, a.ScamType, a.Turns, len(liveCall))
	}
	final, err := ss.Close(id)
	if err != nil {
		t.Fatal(err)
	}
	if final.Verdict != a.Verdict {
		t.Errorf("final verdict %s, running %s", final.Verdict, a.Verdict)
	}
	if _, err := ss.AddTurn(context.Background(), id, liveCall[0]); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("turn after close: %v, want ENOTFOUND", err)
	}
}

func TestSessionMatchesBatch(t *testing.T) {
	e, _ := engines(t)
	ss := analyze.NewSessions(e, analyze.SessionConfig{})
	id, _ := ss.Create()
	var text strings.Builder
	for _, turn := range liveCall {
		if _, err := ss.AddTurn(context.Background(), id, turn); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&text, "%s: %s\n", turn.Speaker, turn.Text)
	}
	live, _ := ss.Get(id)
	batch, err := e.Analyze(context.Background(), text.String())
	if err != nil {
		t.Fatal(err)
	}
	if live.Score != batch.Score || live.Verdict != batch.Verdict {
		t.Errorf("live %s %.3f, batch %s %.3f: the same call must score the same", live.Verdict, live.Score, batch.Verdict, batch.Score)
	}
}

func TestSessionErrors(t *testing.T) {
	e, _ := engines(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	ss := analyze.NewSessions(e, analyze.SessionConfig{MaxSessions: 2, MaxTurns: 3, MaxBytes: 200, MaxTurnLen: 100, TTL: time.Minute, Now: clock})
	ctx := context.Background()
	id, _ := ss.Create()
	tests := []struct {
		name string
		id   string
		turn hangup.Turn
		code string
	}{
		{"unknown id", "nope", hangup.Turn{Text: "hi"}, hangup.ENOTFOUND},
		{"empty turn", id, hangup.Turn{Text: " "}, hangup.EINVALID},
		{"binary turn", id, hangup.Turn{Text: "\x00\x01\x02"}, hangup.EINVALID},
		{"turn too long", id, hangup.Turn{Text: strings.Repeat("a", 101)}, hangup.ETOOLARGE},
		{"speaker too long", id, hangup.Turn{Speaker: strings.Repeat("s", 65), Text: "hi"}, hangup.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ss.AddTurn(ctx, tt.id, tt.turn)
			if got := hangup.ErrorCode(err); got != tt.code {
				t.Errorf("code = %q (%v), want %q", got, err, tt.code)
			}
		})
	}
	t.Run("turn cap", func(t *testing.T) {
		id, _ := ss.Create()
		for i := 0; i < 3; i++ {
			if _, err := ss.AddTurn(ctx, id, hangup.Turn{Text: "hello"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ss.AddTurn(ctx, id, hangup.Turn{Text: "hello"}); hangup.ErrorCode(err) != hangup.ETOOLARGE {
			t.Errorf("fourth turn: %v, want ETOOLARGE", err)
		}
	})
	t.Run("byte cap", func(t *testing.T) {
		id, _ := ss.Create()
		ninety := strings.Repeat("x", 90)
		for i := 0; i < 2; i++ {
			if _, err := ss.AddTurn(ctx, id, hangup.Turn{Text: ninety}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ss.AddTurn(ctx, id, hangup.Turn{Text: ninety}); hangup.ErrorCode(err) != hangup.ETOOLARGE {
			t.Errorf("third 90-byte turn: %v, want ETOOLARGE", err)
		}
	})
	t.Run("lru eviction", func(t *testing.T) {
		a, _ := ss.Create()
		b, _ := ss.Create()
		if _, err := ss.Get(a); err != nil { // a is now the most recent
			t.Fatal(err)
		}
		c, _ := ss.Create()
		if ss.Len() != 2 {
			t.Errorf("%d live calls, want the cap of 2", ss.Len())
		}
		if _, err := ss.Get(b); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("least recently used call survived: %v", err)
		}
		for _, id := range []string{a, c} {
			if _, err := ss.Get(id); err != nil {
				t.Errorf("call %s evicted: %v", id, err)
			}
		}
	})
	t.Run("ttl expiry", func(t *testing.T) {
		id, _ := ss.Create()
		now = now.Add(2 * time.Minute)
		if _, err := ss.Get(id); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("expired call: %v, want ENOTFOUND", err)
		}
		if ss.Len() != 0 {
			t.Errorf("%d calls after expiry, want 0", ss.Len())
		}
	})
}

func TestSessionMillionTurnsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	e, _ := engines(t)
	ss := analyze.NewSessions(e, analyze.SessionConfig{MaxTurns: 1_000_000, MaxBytes: 1 << 30})
	id, _ := ss.Create()
	ctx := context.Background()
	for i := 0; i < 20_000; i++ {
		if _, err := ss.AddTurn(ctx, id, hangup.Turn{Speaker: "caller", Text: "please install anydesk and read me the code"}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := ss.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Indicators) > analyze.MaxIndicators || len(a.Entities) > analyze.MaxEntities || !a.Truncated {
		t.Errorf("%d indicators, %d entities, truncated %v: want capped lists", len(a.Indicators), len(a.Entities), a.Truncated)
	}
}

func TestSessionsConcurrent(t *testing.T) {
	e, _ := engines(t)
	ss := analyze.NewSessions(e, analyze.SessionConfig{MaxSessions: 8})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := ss.Create()
			if err != nil {
				errs <- err
				return
			}
			for _, turn := range liveCall {
				if _, err := ss.AddTurn(context.Background(), id, turn); err != nil && hangup.ErrorCode(err) != hangup.ENOTFOUND {
					errs <- err
					return
				}
			}
			if _, err := ss.Get(id); err != nil && hangup.ErrorCode(err) != hangup.ENOTFOUND {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if ss.Len() > 8 {
		t.Errorf("%d live calls, cap 8", ss.Len())
	}
}

func TestStream(t *testing.T) {
	e, _ := engines(t)
	in := "Caller: Hello, this is the Windows technical department.\n\nMe: What is it about?\n" +
		"Caller: Your computer has a virus, we had a report from your internet provider.\n" +
		"{\"speaker\":\"caller\",\"text\":\"Please go to anydesk dot com and install AnyDesk.\"}\n" +
		"{not json\n" +
		"Caller: Read me the nine digit code."
	t.Run("text", func(t *testing.T) {
		var out bytes.Buffer
		a, err := e.Stream(context.Background(), strings.NewReader(in), &out, analyze.StreamOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s := out.String()
		t.Log("\n" + s)
		if !strings.Contains(s, "install AnyDesk") || strings.Count(s, "WARNING") > 3 {
			t.Errorf("want a warning naming AnyDesk and at most one per trigger, got:\n%s", s)
		}
		if !strings.Contains(s, "line 5:") {
			t.Errorf("bad JSON line not reported:\n%s", s)
		}
		if !strings.Contains(s, "Verdict: scam") || a.Verdict != hangup.VerdictScam {
			t.Errorf("final verdict missing or wrong (%s):\n%s", a.Verdict, s)
		}
	})
	t.Run("json", func(t *testing.T) {
		var out bytes.Buffer
		if _, err := e.Stream(context.Background(), strings.NewReader(in), &out, analyze.StreamOptions{JSON: true}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 7 {
			t.Fatalf("%d output lines, want 6 turns + final:\n%s", len(lines), out.String())
		}
		var first hangup.TurnResult
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Turn != 0 {
			t.Errorf("first line %q: %v", lines[0], err)
		}
		var bad analyze.BatchResult
		if err := json.Unmarshal([]byte(lines[4]), &bad); err != nil || bad.Error == nil || bad.Error.Code != hangup.EINVALID {
			t.Errorf("bad line gave %q", lines[4])
		}
		if !strings.HasPrefix(lines[6], `{"final":`) {
			t.Errorf("last line %q is not the final analysis", lines[6])
		}
	})
}

func TestAnalyzeJSONL(t *testing.T) {
	e, _ := engines(t)
	in := strings.Join([]string{
		`{"id": "a", "text": "` + doneText + `"}`,
		`{"id": 2, "text": "Hi, your prescription is ready for collection at the pharmacy."}`,
		`not json`,
		`{"id": "c"}`,
		`{"id": "d", "text": ""}`,
		`{"id": "e", "text": "\u0000\u0001\u0002"}`,
		`{"id": "f", "text": "please install teamviewer"}`,
	}, "\n")
	var out bytes.Buffer
	n, err := e.AnalyzeJSONL(context.Background(), strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if n != 7 {
		t.Errorf("read %d lines, want 7", n)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d output lines, want 7", len(lines))
	}
	tests := []struct {
		line    int
		id      string
		verdict hangup.Verdict
		errCode string
	}{
		{0, `"a"`, hangup.VerdictScam, ""},
		{1, `2`, hangup.VerdictNotScam, ""},
		{2, `null`, "", hangup.EINVALID},
		{3, `"c"`, "", hangup.EINVALID},
		{4, `"d"`, "", hangup.EINVALID},
		{5, `"e"`, "", hangup.EINVALID},
	}
	for _, tt := range tests {
		var r analyze.BatchResult
		if err := json.Unmarshal([]byte(lines[tt.line]), &r); err != nil {
			t.Fatalf("line %d: %v", tt.line, err)
		}
		if string(r.ID) != tt.id {
			t.Errorf("line %d: id %s, want %s", tt.line, r.ID, tt.id)
		}
		if tt.errCode != "" {
			if r.Error == nil || r.Error.Code != tt.errCode {
				t.Errorf("line %d: error %+v, want %s", tt.line, r.Error, tt.errCode)
			}
			continue
		}
		if r.Error != nil || r.Verdict != tt.verdict {
			t.Errorf("line %d: verdict %s error %+v, want %s", tt.line, r.Verdict, r.Error, tt.verdict)
		}
	}
	var first map[string]any
	_ = json.Unmarshal([]byte(lines[0]), &first)
	for _, k := range []string{"id", "verdict", "score", "scam_type", "indicators"} {
		if _, ok := first[k]; !ok {
			t.Errorf("output line lacks %q: %s", k, lines[0])
		}
	}
	ins := first["indicators"].([]any)
	if len(ins) == 0 {
		t.Fatal("no indicators on the scam line")
	}
	for _, k := range []string{"code", "stage", "evidence", "start", "end", "explanation"} {
		if _, ok := ins[0].(map[string]any)[k]; !ok {
			t.Errorf("indicator lacks %q", k)
		}
	}
}
