package http

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/numbers"
	"github.com/hangup-org/hangup/report"
)

var countRE = regexp.MustCompile(`<span id="count-(lookups|called|reports)">(\d+)</span>`)

// counts reads the three figures of a page.
func counts(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range countRE.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	if len(out) != 3 {
		t.Fatalf("page has %d of the 3 figures: %v", len(out), out)
	}
	return out
}

// TestNumberFiguresMatchEverywhere: the public number page, the analysts'
// view of the number and the API give the same figures: distinct browsers
// a day, "called me" once per network a day, reports naming the number
// (deleted ones not).
func TestNumberFiguresMatchEverywhere(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, DefaultConfig())
	const e164 = "+441632960123"
	var refs []string
	for i, who := range []report.Reporter{{Address: "192.0.2.1"}, {Address: "192.0.2.2"}, {Address: "198.51.100.3"}} {
		in := hangup.ReportInput{NumberShown: "01632 960123", Story: "They said my bank account was at risk."}
		if i == 2 {
			in = hangup.ReportInput{CallbackNumber: "01632 960123", Story: "He told me to call back on it."}
		}
		rc, err := s.deps.Reports.Submit(ctx, in, who, "")
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, rc.Report.Reference)
	}
	if err := testDBs[s].DeleteReport(ctx, refs[1], "reporter"); err != nil {
		t.Fatal(err)
	}
	// Three browsers look it up, one of them twice; two press "called me".
	var browsers []*testenv.Browser
	for range 3 {
		b := newBrowser(t, s)
		b.Get("/numbers/" + e164)
		browsers = append(browsers, b)
	}
	_, page, _ := browsers[0].Get("/numbers/" + url.PathEscape("01632 960123"))
	if st, _, _ := browsers[0].Post("/numbers/"+e164+"/called", testenv.Hidden(page)); st != http.StatusSeeOther {
		t.Fatalf("called → %d", st)
	}
	_, page1, _ := browsers[1].Get("/numbers/" + e164)
	browsers[1].Post("/numbers/"+e164+"/called", testenv.Hidden(page1))
	// Without the form token nothing is counted.
	if st, _, _ := browsers[2].Post("/numbers/"+e164+"/called", url.Values{}); st != http.StatusForbidden {
		t.Errorf("called without a form token → %d", st)
	}
	if st, _, _ := browsers[2].Post("/numbers/"+e164+"/genuine", url.Values{}); st != http.StatusForbidden {
		t.Errorf("genuine without a form token → %d", st)
	}
	_, page, _ = browsers[2].Get("/numbers/" + e164)
	public := counts(t, page)
	// All three browsers share one test network: "called me" counts once.
	want := map[string]string{"lookups": "3", "called": "1", "reports": "2"}
	for k, v := range want {
		if public[k] != v {
			t.Errorf("public %s = %s, want %s", k, public[k], v)
		}
	}
	if !strings.Contains(page, `<svg class="chart-svg"`) || !strings.Contains(page, "The figures day by day") {
		t.Error("the number page has no chart")
	}

	ana := newBrowser(t, s)
	signIn(t, s, ana, "ana@example.org", hangup.RoleAnalyst, "")
	_, list, _ := ana.Get("/analyst/reports?number=" + url.QueryEscape("01632 960123"))
	if got := counts(t, list); got["lookups"] != public["lookups"] || got["called"] != public["called"] || got["reports"] != public["reports"] {
		t.Errorf("analysts' figures %v, public %v", got, public)
	}
	api := decodeBody[numbers.NumberResponse](t, do(t, s, "GET", "/api/v1/numbers/"+e164, "", ""))
	if a := api.Activity; a == nil || a.Days != 30 || len(a.Daily) != 30 ||
		itoa(a.Lookups) != public["lookups"] || itoa(a.Called) != public["called"] || itoa(a.Reports) != public["reports"] {
		t.Errorf("API activity %+v, public %v", api.Activity, public)
	}
	// "Called me" is activity, not evidence.
	if r := s.deps.Reputation.Lookup(e164); r.Reports != 2 || r.Genuine != 0 {
		t.Errorf("reputation after the buttons: %+v", r)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDisputedNumbersReachAnalysts: a listed number that people say is
// genuine stays listed and shows on the analysts' appeals page.
func TestDisputedNumbersReachAnalysts(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, DefaultConfig())
	const e164 = "+449061234567"
	for i := range 10 {
		if _, err := s.deps.Reports.Submit(ctx, hangup.ReportInput{NumberShown: "0906 123 4567", Story: "Fake Microsoft."},
			report.Reporter{Address: "10." + strconv.Itoa(i) + ".0.1"}, ""); err != nil {
			t.Fatal(err)
		}
	}
	ana := newBrowser(t, s)
	signIn(t, s, ana, "ana@example.org", hangup.RoleAnalyst, "")
	_, page, _ := ana.Get("/analyst/appeals")
	if strings.Contains(page, `href="/analyst/reports?number=%2b449061234567"`) {
		t.Fatal("a number nobody vouched for is on the disputed list")
	}
	for range 2 {
		b := newBrowser(t, s)
		_, p, _ := b.Get("/numbers/" + e164)
		if st, _, _ := b.Post("/numbers/"+e164+"/genuine", testenv.Hidden(p)); st != http.StatusSeeOther {
			t.Fatalf("genuine → %d", st)
		}
	}
	// The test browsers share one network: one voice.
	if r := s.deps.Reputation.Lookup(e164); r.Genuine != 1 || r.Verdict != hangup.RepSuspected {
		t.Errorf("two browsers of one network vouching: %+v", r)
	}
	if _, err := s.deps.Reports.Genuine(ctx, e164, report.Reporter{Address: "203.0.113.9"}); err != nil {
		t.Fatal(err)
	}
	r := s.deps.Reputation.Lookup(e164)
	if r.Verdict != hangup.RepSuspected || !r.Disputed {
		t.Fatalf("two networks vouching: %+v, want suspected and disputed", r)
	}
	_, page, _ = ana.Get("/analyst/appeals")
	if !strings.Contains(page, `href="/analyst/reports?number=%2b449061234567"`) || !strings.Contains(page, "suspected, reported by 10 people, genuine according to 2 people") {
		t.Errorf("the disputed number is not on the analysts' page:\n%s", page)
	}
	if api := decodeBody[numbers.NumberResponse](t, do(t, s, "GET", "/api/v1/numbers/"+e164, "", "")); !api.Reputation.Disputed || api.Reputation.Genuine != 2 {
		t.Errorf("API reputation %+v", api.Reputation)
	}
}
