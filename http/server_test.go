package http

import (
	"bytes"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/apitest"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/numbers"
	"github.com/hangup-org/hangup/sqlite"
)

func newTestServer(t testing.TB, cfg Config, opts ...func(*Deps)) *Server {
	t.Helper()
	e := testenv.New(t)
	deps := Deps{Checker: e.Checker, Numbers: e.Phone, Registry: e.Registry, Ready: e.DB.Ping,
		Reports: e.Reports, ReportDB: e.DB, Reputation: e.Reputation, RepDB: e.DB, Accounts: e.Accounts, Secrets: e.DB, Sites: e.Sites,
		Analyzer: e.Analyzer, Calls: e.Calls, Blocklist: e.Blocklist, ScreenKeys: e.Keys, Shares: e.DB,
		Dashboards: e.Dashboards, Alerts: e.Alerts, Stats: e.Stats, Activity: e.Activity}
	for _, o := range opts {
		o(&deps)
	}
	s, err := NewServer(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	testDBs[s] = e.DB
	return s
}

// testDBs lets tests reach the database behind a test server.
var testDBs = map[*Server]*sqlite.DB{}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, s http.Handler, method, path, contentType string, body string) response {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func decodeBody[T any](t *testing.T, r response) T {
	t.Helper()
	return apitest.Decode[T](t, r.body)
}

func TestAPICheck(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	r := do(t, s, "POST", "/api/v1/checks", "application/json",
		`{"number":"0906 123 4567","claims":"Microsoft","unsolicited":true,"asked":["install","remote-access"],"notes":"wants me to install AnyDesk"}`)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	res := decodeBody[hangup.CheckResult](t, r)
	if res.Verdict != hangup.CheckStop || res.Organisation == nil || res.Organisation.ID != "microsoft" {
		t.Errorf("verdict %s org %+v, want stop microsoft", res.Verdict, res.Organisation)
	}
	if r.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("content type %q", r.header.Get("Content-Type"))
	}
}

// TestAPICheckStartedAndSilence: the API takes "started" (and the older
// "unsolicited" as an alias of they_called) and answers a request that says
// nothing with "not enough to go on", never a green.
func TestAPICheckStartedAndSilence(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	empty := decodeBody[hangup.CheckResult](t, do(t, s, "POST", "/api/v1/checks", "application/json", `{}`))
	if empty.Verdict != hangup.CheckNotEnough || len(empty.NextSteps) == 0 {
		t.Errorf("empty check: %s %v, want not_enough with next steps", empty.Verdict, empty.NextSteps)
	}
	a := decodeBody[hangup.CheckResult](t, do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"HMRC","unsolicited":true,"asked":["gift-card"]}`))
	b := decodeBody[hangup.CheckResult](t, do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"HMRC","started":"they_called","asked":["gift-card"]}`))
	if a.Verdict != hangup.CheckStop || a.Verdict != b.Verdict || a.Started != hangup.StartedTheyCalled || b.Started != hangup.StartedTheyCalled {
		t.Errorf("unsolicited: %s %s; started: %s %s; want stop, they_called for both", a.Verdict, a.Started, b.Verdict, b.Started)
	}
	r := do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"HMRC","started":"yesterday"}`)
	if r.status != 400 || !strings.Contains(string(r.body), `"started"`) {
		t.Errorf("bad started: %d %s, want 400 naming the field", r.status, r.body)
	}
}

func TestAPIErrors(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	tests := []struct {
		name, method, path, ct, body string
		status                       int
		code, field                  string
	}{
		{"wrong content type", "POST", "/api/v1/checks", "text/plain", `{}`, 415, hangup.EUNSUPPORTED, ""},
		{"no content type", "POST", "/api/v1/checks", "", `{}`, 415, hangup.EUNSUPPORTED, ""},
		{"not json", "POST", "/api/v1/checks", "application/json", `{"number":`, 400, hangup.EINVALID, ""},
		{"empty body", "POST", "/api/v1/checks", "application/json", ``, 400, hangup.EINVALID, ""},
		{"array body", "POST", "/api/v1/checks", "application/json", `[]`, 400, hangup.EINVALID, ""},
		{"unknown field", "POST", "/api/v1/checks", "application/json", `{"numbr":"1"}`, 400, hangup.EINVALID, "numbr"},
		{"wrong type", "POST", "/api/v1/checks", "application/json", `{"unsolicited":"yes"}`, 400, hangup.EINVALID, "unsolicited"},
		{"unknown ask", "POST", "/api/v1/checks", "application/json", `{"asked":["teleport"]}`, 400, hangup.EINVALID, "asked"},
		{"bad number", "POST", "/api/v1/checks", "application/json", `{"number":"hello"}`, 400, hangup.EINVALID, "number"},
		{"invalid utf8", "POST", "/api/v1/checks", "application/json", "{\"claims\":\"\xff\"}", 400, hangup.EINVALID, ""},
		{"trailing data", "POST", "/api/v1/checks", "application/json", `{} {}`, 400, hangup.EINVALID, ""},
		{"notes too long", "POST", "/api/v1/checks", "application/json", `{"notes":"` + strings.Repeat("a", 20001) + `"}`, 413, hangup.ETOOLARGE, "notes"},
		{"body too large", "POST", "/api/v1/checks", "application/json", `{"notes":"` + strings.Repeat("a", 70000) + `"}`, 413, hangup.ETOOLARGE, ""},
		{"unknown organisation", "GET", "/api/v1/organisations/nobody", "", "", 404, hangup.ENOTFOUND, ""},
		{"bad limit", "GET", "/api/v1/organisations?limit=0", "", "", 400, hangup.EINVALID, "limit"},
		{"unparseable number", "GET", "/api/v1/numbers/abc", "", "", 400, hangup.EINVALID, "number"},
		{"no such endpoint", "GET", "/api/v1/nothing", "", "", 404, hangup.ENOTFOUND, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, s, tc.method, tc.path, tc.ct, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			e := decodeBody[web.ErrorBody](t, r)
			if e.Error.Code != tc.code || e.Error.Message == "" {
				t.Errorf("error %+v, want code %s and a message", e.Error, tc.code)
			}
			if tc.field != "" && (len(e.Error.Fields) == 0 || e.Error.Fields[0].Field != tc.field) {
				t.Errorf("fields %+v, want %s", e.Error.Fields, tc.field)
			}
		})
	}
}

func TestAPINumberAndOrganisations(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	r := do(t, s, "GET", "/api/v1/numbers/"+url.PathEscape("01793 781800"), "", "")
	n := decodeBody[numbers.NumberResponse](t, r)
	if r.status != 200 || n.E164 != "+441793781800" || n.Organisation == nil || n.Organisation.ID != "imex" {
		t.Errorf("number lookup: %d %+v", r.status, n)
	}
	r = do(t, s, "GET", "/api/v1/organisations?q=windows", "", "")
	list := decodeBody[OrganisationList](t, r)
	if len(list.Organisations) == 0 || list.Organisations[0].ID != "microsoft" {
		t.Errorf("search windows: %+v", list)
	}
	r = do(t, s, "GET", "/api/v1/organisations/imex", "", "")
	if o := decodeBody[hangup.Organisation](t, r); o.Name != "IMEX" {
		t.Errorf("imex: %+v", o)
	}
}

func TestRateLimit(t *testing.T) {
	s := newTestServer(t, Config{RateLimit: 1, RateBurst: 3})
	got429 := false
	for range 10 {
		r := do(t, s, "GET", "/api/v1/organisations", "", "")
		if r.status == 429 {
			got429 = true
			if r.header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if !got429 {
		t.Error("10 requests at a limit of 1/s with burst 3 were never refused")
	}
}

func TestCrossOriginFormRejected(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	req := httptest.NewRequest("POST", "/check", strings.NewReader("claims=Microsoft"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site form post: status %d, want 403", rec.Code)
	}
}

// TestEveryPageRenders renders each page template with real data.
func TestEveryPageRenders(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	form := url.Values{"number": {"0906 123 4567"}, "claims": {"Microsoft"}, "unsolicited": {"yes"}, "asked": {"install", "remote-access"}, "notes": {"<script>alert(1)</script>"}}
	pages := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"home", "GET", "/", "", 200, "Is this call genuine?"},
		{"result", "POST", "/check", form.Encode(), 200, "data-verdict=\"stop\""},
		{"form again", "POST", "/check", url.Values{"number": {"call me"}, "claims": {"Keep this text"}, "notes": {"my own words"}}.Encode(), 400, "Keep this text"},
		{"organisations", "GET", "/organisations", "", 200, "Microsoft"},
		{"organisation", "GET", "/organisations/microsoft", "", 200, "support.microsoft.com"},
		{"number", "GET", "/numbers/" + url.PathEscape("0906 123 4567"), "", 200, "premium rate"},
		{"not found", "GET", "/no/such/page", "", 404, "We couldn't find that page"},
		{"unknown organisation", "GET", "/organisations/nobody", "", 404, "not in Hangup's registry"},
		{"website form", "GET", "/website", "", 200, "Check a website"},
		{"website answer", "GET", "/website?address=anydesk.com", "", 200, "AnyDesk"},
		{"what they said form", "GET", "/said", "", 200, "What did they say?"},
		{"what they said answer", "POST", "/said", url.Values{"text": {"<script>alert(1)</script> Microsoft here, install AnyDesk."}}.Encode(), 200, "verdict-word"},
		{"number lookup", "GET", "/numbers", "", 200, "Look up a number"},
		{"number lookup, no digits", "GET", "/numbers?n=hello", "", 400, "There are no digits"},
		{"unknown short link", "GET", "/c/ZZZZZZZZZZ", "", 404, "30 days"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			ct := ""
			if p.method == "POST" {
				ct = "application/x-www-form-urlencoded"
			}
			r := do(t, s, p.method, p.path, ct, p.body)
			if r.status != p.status {
				t.Fatalf("status %d, want %d", r.status, p.status)
			}
			if !bytes.Contains(r.body, []byte(p.want)) && !bytes.Contains(r.body, []byte(html.EscapeString(p.want))) {
				t.Errorf("page lacks %q", p.want)
			}
			if bytes.Contains(r.body, []byte("<script>alert")) {
				t.Error("page contains unescaped script")
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || r.header.Get("Content-Security-Policy") == "" {
				t.Errorf("headers %v", r.header)
			}
		})
	}
	// The form shown again keeps the person's words and names the field.
	r := do(t, s, "POST", "/check", "application/x-www-form-urlencoded", url.Values{"number": {"call me"}, "notes": {"my own words"}}.Encode())
	for _, want := range []string{"my own words", "call me", `id="number-error"`} {
		if !bytes.Contains(r.body, []byte(want)) {
			t.Errorf("form shown again lacks %q", want)
		}
	}
}

func TestHealth(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := do(t, s, "GET", p, "", ""); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
}

func BenchmarkAPICheck(b *testing.B) {
	s := newTestServer(b, Config{BodyLimit: 64 << 10})
	body := `{"number":"0906 123 4567","claims":"Microsoft support","unsolicited":true,"asked":["install","remote-access"]}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/v1/checks", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
		io.Copy(io.Discard, rec.Body)
	}
}

func TestAPIURL(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	for _, tc := range []struct {
		u       string
		verdict hangup.SiteVerdict
		brand   string
	}{
		{"go to micros0ft-support dot com", hangup.SiteImpersonation, "Microsoft"},
		{"anydesk.com", hangup.SiteRemoteAccessTool, ""},
		{"support.microsoft.com", hangup.SiteOfficial, "Microsoft"},
	} {
		r := do(t, s, "GET", "/api/v1/urls?u="+url.QueryEscape(tc.u), "", "")
		sc := decodeBody[hangup.SiteCheck](t, r)
		if r.status != 200 || sc.Verdict != tc.verdict || sc.Brand != tc.brand && tc.brand != "" || len(sc.Findings) == 0 {
			t.Errorf("%s → %d %s %q", tc.u, r.status, sc.Verdict, sc.Brand)
		}
	}
	for _, bad := range []string{"", "?u=", "?u=" + url.QueryEscape("http://exa mple.com/\x00"), "?u=" + strings.Repeat("a", 5000) + ".com"} {
		r := do(t, s, "GET", "/api/v1/urls"+bad, "", "")
		if r.status != 400 && r.status != 413 {
			t.Errorf("%q → %d", bad, r.status)
		}
	}
	// The check page shows the website verdict.
	form := url.Values{"claims": {"Microsoft"}, "unsolicited": {"yes"}, "website": {"go to micros0ft-support dot com"}}
	r := do(t, s, "POST", "/check", "application/x-www-form-urlencoded", form.Encode())
	if !strings.Contains(string(r.body), `data-verdict="impersonation"`) {
		t.Errorf("result page lacks the website verdict")
	}
}
