package http

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/numbers"
	"github.com/hangup-org/hangup/report"
)

// newBrowser is a browser against a live copy of s.
func newBrowser(t *testing.T, s *Server) *testenv.Browser { return testenv.NewBrowser(t, s) }

// The report form's helpers, from testenv.
var (
	answer     = testenv.AnswerReport
	one        = testenv.Values
	fileReport = testenv.FileReport
)

func TestReportFlow(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	track := fileReport(t, b, "He said my computer had a virus.")
	status, page, _ := b.Get(track)
	if status != 200 || !strings.Contains(page, "Your report has been sent") || !regexp.MustCompile(`HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).MatchString(page) {
		t.Fatalf("receipt %d:\n%s", status, page)
	}
	for _, want := range []string{`data-code="cut_internet"`, `data-code="call_bank"`, "Report Fraud", "/summary"} {
		if !strings.Contains(page, want) {
			t.Errorf("receipt lacks %s", want)
		}
	}
	ref := regexp.MustCompile(`HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(page)
	token := strings.TrimPrefix(strings.Split(track, "?")[0], "/r/")
	if !strings.HasPrefix(token, ref+"-") || len(token) > 30 {
		t.Errorf("tracking token %q should be the reference and a short secret", token)
	}
	// The summary holds what the police will ask for, each answer once.
	_, sum, _ := b.Get("/r/" + token + "/summary")
	for _, want := range []string{ref, "0906 123 4567", "Microsoft", "£150", "gift cards", "They called me out of the blue",
		"I installed a program or app they told me to", "They got into my computer or phone", "I paid them"} {
		if !strings.Contains(html.UnescapeString(sum), want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if strings.Contains(sum, "GBP") || strings.Contains(sum, "+449061234567") {
		t.Error("the summary shows codes (GBP, E.164) instead of what people read")
	}
	// Add information, then delete.
	csrf := testenv.Hidden(page).Get("csrf")
	if st, _, hdr := b.Post("/r/"+token+"/add", url.Values{"csrf": {csrf}, "text": {"They rang again today."}}); st != http.StatusSeeOther {
		t.Fatalf("add → %d %v", st, hdr)
	}
	if _, page, _ := b.Get("/r/" + token); !strings.Contains(page, "You added information") {
		t.Error("history lacks the addition")
	}
	if st, page, _ := b.Post("/r/"+token+"/add", url.Values{"csrf": {csrf}, "text": {"  "}}); st != http.StatusBadRequest || !strings.Contains(page, "Type what you want to add") {
		t.Errorf("adding nothing → %d without a sentence saying what to do", st)
	}
	if st, page, _ := b.Post("/r/"+token+"/delete", url.Values{"csrf": {csrf}}); st != http.StatusBadRequest || !strings.Contains(page, "tick the box to confirm") {
		t.Errorf("delete without confirmation → %d", st)
	}
	if st, page, _ := b.Post("/r/"+token+"/delete", url.Values{"csrf": {csrf}, "confirm": {"yes"}}); st != 200 || !strings.Contains(page, "has been deleted") {
		t.Errorf("delete → %d", st)
	}
	if st, _, _ := b.Get("/r/" + token); st != http.StatusNotFound {
		t.Errorf("deleted report still opens: %d", st)
	}
}

func TestScriptInStoryIsInert(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	track := fileReport(t, b, `<script>alert("x")</script><img src=x onerror=alert(1)>`)
	_, page, hdr := b.Get(track)
	_, sum, _ := b.Get(strings.Split(track, "?")[0] + "/summary")
	for _, p := range []string{page, sum} {
		if strings.Contains(p, "<script>alert") || strings.Contains(p, "<img src=x") {
			t.Error("the story was rendered as markup")
		}
	}
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("CSP %q", hdr.Get("Content-Security-Policy"))
	}
}

func TestTokensDoNotCross(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	a := fileReport(t, b, "First report.")
	c := fileReport(t, b, "Second report.")
	_, pa, _ := b.Get(a)
	_, pc, _ := b.Get(c)
	refA := regexp.MustCompile(`HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(pa)
	if strings.Contains(pc, refA) {
		t.Error("report c's page shows report a")
	}
	tokenA := strings.TrimPrefix(strings.Split(a, "?")[0], "/r/")
	refC := regexp.MustCompile(`HU-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(pc)
	last := "0"
	if strings.HasSuffix(tokenA, "0") {
		last = "1"
	}
	crossed := refC + strings.TrimPrefix(tokenA, refA)
	for _, forged := range []string{tokenA[:len(tokenA)-1] + last, tokenA + "x", refA, crossed, "null"} {
		if st, _, _ := b.Get("/r/" + url.PathEscape(forged)); st != http.StatusNotFound {
			t.Errorf("forged token %q → %d", forged, st)
		}
	}
}

func signIn(t *testing.T, s *Server, b *testenv.Browser, email string, role hangup.Role, org string) {
	t.Helper()
	testenv.SignIn(t, s.deps.Accounts, b, email, role, org)
}

func TestAnalystAccess(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	reporter := newBrowser(t, s)
	fileReport(t, reporter, "Microsoft said I had a virus.")
	// A report about IMEX, through the API.
	r := do(t, s, "POST", "/api/v1/reports", "application/json", `{"number_shown":"0906 123 4567","claimed_organisation":"IMEX","story":"They said they were IMEX."}`)
	imexRef := decodeBody[ReportCreated](t, r).Reference

	anon := newBrowser(t, s)
	for _, p := range []string{"/analyst/reports", "/analyst/reports.csv", "/analyst/reports/" + imexRef, "/analyst/appeals", "/admin/allow"} {
		if st, _, hdr := anon.Get(p); st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login") {
			t.Errorf("anonymous GET %s → %d %s", p, st, hdr.Get("Location"))
		}
	}
	if st, _, _ := anon.Post("/analyst/reports/"+imexRef+"/status", url.Values{"status": {"closed"}}); st != http.StatusUnauthorized && st != http.StatusForbidden {
		t.Errorf("anonymous status change → %d", st)
	}

	member := newBrowser(t, s)
	signIn(t, s, member, "staff@imex.example", hangup.RoleMember, "imex")
	_, list, _ := member.Get("/analyst/reports")
	if !strings.Contains(list, imexRef) || strings.Contains(list, ">Microsoft<") {
		t.Errorf("member's list should hold only IMEX reports:\n%s", list)
	}
	_, list, _ = member.Get("/analyst/reports?org=microsoft")
	if strings.Contains(list, "Microsoft said") || strings.Contains(list, ">Microsoft<") {
		t.Error("a member widened the filter to another organisation")
	}
	msRef := ""
	if rs, _ := testDBs[s].ListReports(context.Background(), hangup.ReportFilter{OrganisationID: "microsoft"}); len(rs) == 1 {
		msRef = rs[0].Reference
	}
	if st, _, _ := member.Get("/analyst/reports/" + msRef); st != http.StatusNotFound {
		t.Errorf("member opening another organisation's report → %d", st)
	}
	if st, _, _ := member.Get("/analyst/appeals"); st != http.StatusForbidden {
		t.Errorf("member on appeals → %d", st)
	}
	_, csv, _ := member.Get("/analyst/reports.csv")
	if strings.Contains(csv, msRef) || !strings.Contains(csv, imexRef) {
		t.Error("member's CSV crosses organisations")
	}

	analyst := newBrowser(t, s)
	signIn(t, s, analyst, "analyst@example.org", hangup.RoleAnalyst, "")
	st, page, _ := analyst.Get("/analyst/reports/" + msRef)
	if st != 200 || !strings.Contains(page, "Microsoft said I had a virus.") {
		t.Fatalf("analyst report page %d", st)
	}
	if !strings.Contains(page, `id="linked"`) || !strings.Contains(page, imexRef) {
		t.Error("the two reports share a number shown but are not linked")
	}
	st, _, _ = analyst.Post("/analyst/reports/"+msRef+"/status", testenv.Merge(testenv.Hidden(page), map[string]string{"status": "triaged", "note": "checked"}))
	if st != http.StatusSeeOther {
		t.Errorf("status change → %d", st)
	}
	if ev, _ := testDBs[s].ReportEvents(context.Background(), msRef); len(ev) < 2 || ev[len(ev)-1].Actor != "analyst@example.org" {
		t.Errorf("status history %+v", ev)
	}
	// The CSV has no personal data.
	_, csv, _ = analyst.Get("/analyst/reports.csv")
	if !strings.HasPrefix(csv, "reference,created_at") || strings.Contains(csv, "ann@example.org") || strings.Contains(csv, "virus") {
		t.Errorf("CSV:\n%s", csv)
	}
}

func TestAPIReport(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	body := `{"number_shown":"0906 123 4567","started":"they_called","happened":["bank_details"],"story":"Fake bank.","contact":{"email":"x@example.org","consent":true}}`
	req := httptest.NewRequest("POST", "/api/v1/reports", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "abc-1")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var created ReportCreated
	json.Unmarshal(rec.Body.Bytes(), &created)
	if !strings.Contains(created.TrackingURL, "/r/") || created.Guidance.Steps[0].Code != "call_bank" {
		t.Errorf("created %+v", created)
	}
	req = httptest.NewRequest("POST", "/api/v1/reports", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "abc-1")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var again ReportCreated
	json.Unmarshal(rec.Body.Bytes(), &again)
	if rec.Code != http.StatusOK || again.Reference != created.Reference || !again.Replayed {
		t.Errorf("retry → %d %+v", rec.Code, again)
	}
	for _, c := range []struct {
		body, field string
		status      int
	}{
		{`{"started":"fax","story":"x"}`, "started", 400},
		{`{"happened":["abducted"],"story":"x"}`, "happened", 400},
		{`{}`, "story", 400},
		{`{"story":"` + strings.Repeat("a", 20001) + `"}`, "story", 413},
		{`{"contact":{"email":"a@b.example"},"story":"x"}`, "contact.consent", 400},
		{`{"story":"x","extra":1}`, "extra", 400},
	} {
		r := do(t, s, "POST", "/api/v1/reports", "application/json", c.body)
		e := decodeBody[web.ErrorBody](t, r)
		if r.status != c.status || len(e.Error.Fields) == 0 || e.Error.Fields[0].Field != c.field {
			t.Errorf("%s → %d %+v, want %d on %s", c.body[:min(len(c.body), 40)], r.status, e.Error, c.status, c.field)
		}
	}
}

func TestNumberReputationAndAppeal(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	ctx := context.Background()
	for i := range 20 {
		u := &hangup.User{Email: fmt.Sprintf("r%d@example.org", i), Role: hangup.RoleAnalyst, PasswordHash: "x"}
		testDBs[s].CreateUser(ctx, u)
		if _, err := s.deps.Reports.Submit(ctx, hangup.ReportInput{NumberShown: "020 7946 0001", Story: "Scam."}, reportUser(u), ""); err != nil {
			t.Fatal(err)
		}
	}
	r := do(t, s, "GET", "/api/v1/numbers/"+url.PathEscape("+442079460001"), "", "")
	n := decodeBody[numbers.NumberResponse](t, r)
	if n.Reputation == nil || n.Reputation.Verdict != hangup.RepScam {
		t.Fatalf("reputation %+v", n.Reputation)
	}
	res := decodeBody[hangup.CheckResult](t, do(t, s, "POST", "/api/v1/checks", "application/json", `{"number":"020 7946 0001","claims":"the bank"}`))
	if res.Verdict != hangup.CheckStop || res.Reputation == nil {
		t.Errorf("check on a reported number: %s %v", res.Verdict, res.Reputation)
	}
	owner := newBrowser(t, s)
	_, page, _ := owner.Get("/numbers/+442079460001")
	if !strings.Contains(page, `data-verdict="scam"`) || !strings.Contains(page, "Is this your number?") {
		t.Fatalf("number page lacks the reputation or the appeal form")
	}
	st, page, _ := owner.Post("/numbers/+442079460001/appeal", testenv.Merge(testenv.Hidden(page), map[string]string{"name": "Shop", "email": "bad", "statement": "It's our shop."}))
	if st != http.StatusBadRequest || !strings.Contains(page, "It&#39;s our shop.") {
		t.Errorf("appeal with a bad email → %d", st)
	}
	st, _, _ = owner.Post("/numbers/+442079460001/appeal", testenv.Merge(testenv.Hidden(page), map[string]string{"name": "Shop", "email": "shop@example.org", "statement": "It's our shop."}))
	if st != http.StatusSeeOther {
		t.Fatalf("appeal → %d", st)
	}
	analyst := newBrowser(t, s)
	signIn(t, s, analyst, "lead@example.org", hangup.RoleAnalyst, "")
	_, page, _ = analyst.Get("/analyst/appeals")
	id := regexp.MustCompile(`/analyst/appeals/(\d+)`).FindStringSubmatch(page)
	if id == nil || !strings.Contains(page, "It&#39;s our shop.") || !strings.Contains(page, "scam") {
		t.Fatalf("appeals page lacks the appeal with its evidence")
	}
	st, _, _ = analyst.Post("/analyst/appeals/"+id[1], testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "upheld", "reason": "A registered shop line."}))
	if st != http.StatusSeeOther {
		t.Fatalf("decision → %d", st)
	}
	_, page, _ = owner.Get("/numbers/+442079460001")
	if !strings.Contains(page, "upheld") || !strings.Contains(page, "A registered shop line.") || !strings.Contains(page, `data-verdict="allowed"`) {
		t.Errorf("the outcome is not visible on the number page")
	}
}

func reportUser(u *hangup.User) report.Reporter { return report.Reporter{User: u, Source: "api"} }
