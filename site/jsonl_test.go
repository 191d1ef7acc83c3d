package site

import (
	"bufio"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestCheckJSONL(t *testing.T) {
	c := testChecker(t)
	in := strings.Join([]string{
		`{"id": 1, "text": "go to micros0ft-support dot com"}`,
		`{"id": "b", "text": "anydesk.com"}`,
		``,
		`not json at all`,
		`{"id": 4}`,
		`{"id": 5, "text": "xn--zz.com"}`,
		`{"id": 6, "text": "` + strings.Repeat("a", MaxJSONLLine) + `"}`,
		`{"id": 7, "text": "support.microsoft.com", "claimed_organisation": "microsoft"}`,
		`{"id": 8, "text": "support.microsoft.com", "claimed_organisation": "nobody"}`,
		`{"id": 9, "text": "bt.com"} {"id": 10}`,
		`{"id": 11, "text": "bit.ly/x"}`, // no newline at the end
	}, "\n")
	var out strings.Builder
	if err := CheckJSONL(strings.NewReader(in), &out, c); err != nil {
		t.Fatal(err)
	}
	var got []JSONLOutput
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var o JSONLOutput
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("output line %q is not JSON: %v", sc.Text(), err)
		}
		got = append(got, o)
	}
	want := []struct {
		id, verdict, brand, errCode string
	}{
		{"1", "impersonation", "Microsoft", ""},
		{`"b"`, "remote_access_tool", "", ""},
		{"null", "", "", hangup.EINVALID},
		{"4", "", "", hangup.EINVALID},
		{"5", "", "", hangup.EINVALID},
		{"null", "", "", hangup.ETOOLARGE},
		{"7", "official", "Microsoft", ""},
		{"8", "", "", hangup.ENOTFOUND},
		{"9", "", "", hangup.EINVALID},
		{"11", "suspicious", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d output lines, want %d:\n%s", len(got), len(want), out.String())
	}
	for i, w := range want {
		g := got[i]
		code := ""
		if g.Error != nil {
			code = g.Error.Code
			if g.Error.Message == "" {
				t.Errorf("line %d: error without a message", i)
			}
		}
		if string(g.ID) != w.id || string(g.Verdict) != w.verdict || g.Brand != w.brand || code != w.errCode {
			t.Errorf("output %d: got id %s verdict %q brand %q error %q; want %s %q %q %q", i, g.ID, g.Verdict, g.Brand, code, w.id, w.verdict, w.brand, w.errCode)
		}
		if w.verdict != "" && len(g.Findings) == 0 {
			t.Errorf("output %d: no findings", i)
		}
	}
	if got[0].Line != 1 || got[2].Line != 4 {
		t.Errorf("line numbers: got %d and %d, want 1 and 4", got[0].Line, got[2].Line)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestCheckJSONLWriteError(t *testing.T) {
	c := testChecker(t)
	err := CheckJSONL(strings.NewReader(`{"id":1,"text":"anydesk.com"}`), failWriter{}, c)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the write error", err)
	}
}
