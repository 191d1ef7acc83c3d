package http

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// TestReportedWebsiteEverywhere: a website reported through the API by
// accounts shows in the website page and the API in plain words; an
// analyst confirms and clears websites on the analysts' page and through
// the API, every change audited; an official website can't be confirmed.
func TestReportedWebsiteEverywhere(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, DefaultConfig())
	const bad = "windows-defender-alert.live"
	for i := range 20 {
		u, err := s.deps.Accounts.AddUser(ctx, fmt.Sprintf("p%d@example.org", i), "a long enough password", hangup.RoleMember, "imex")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.deps.Reports.Submit(ctx, hangup.ReportInput{Website: "https://" + bad + "/scan", Story: "A page said my computer was locked."},
			reportUser(u), ""); err != nil {
			t.Fatal(err)
		}
	}
	r := do(t, s, "GET", "/website?address="+url.QueryEscape("http://"+bad+"/"), "", "")
	if r.status != 200 || !strings.Contains(string(r.body), "reported by 20 people") {
		t.Errorf("website page after 20 reports (%d) lacks %q:\n%s", r.status, "reported by 20 people", r.body)
	}
	api := decodeBody[hangup.SiteCheck](t, do(t, s, "GET", "/api/v1/urls?u="+url.QueryEscape(bad), "", ""))
	if api.Reputation == nil || api.Reputation.Reports != 20 || api.Reputation.Verdict != hangup.RepScam || len(api.Listings) != 1 || api.Listings[0].Count != 20 {
		t.Errorf("API check: reputation %+v listings %+v", api.Reputation, api.Listings)
	}
	if got := decodeBody[hangup.SiteReputation](t, do(t, s, "GET", "/api/v1/websites/"+bad, "", "")); got.Reports != 20 || !strings.Contains(got.Summary, "reported by 20 people") {
		t.Errorf("GET /api/v1/websites: %+v", got)
	}
	if r := do(t, s, "GET", "/api/v1/websites/"+url.PathEscape("not a site"), "", ""); r.status != 400 {
		t.Errorf("GET a bad website name → %d", r.status)
	}

	// The analysts' page: only staff.
	anon := newBrowser(t, s)
	if st, _, hdr := anon.Get("/analyst/websites"); st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login") {
		t.Errorf("anonymous GET /analyst/websites → %d", st)
	}
	if st, _ := anon.PostJSON("/api/v1/websites/"+bad+"/decision", `{"decision":"cleared","reason":"x"}`); st != http.StatusUnauthorized {
		t.Errorf("anonymous API decision → %d", st)
	}
	member := newBrowser(t, s)
	signIn(t, s, member, "member@imex.example", hangup.RoleMember, "imex")
	if st, _ := member.PostJSON("/api/v1/websites/"+bad+"/decision", `{"decision":"cleared","reason":"x"}`); st != http.StatusForbidden {
		t.Errorf("member API decision → %d", st)
	}
	ana := newBrowser(t, s)
	signIn(t, s, ana, "ana@example.org", hangup.RoleAnalyst, "")
	_, page, _ := ana.Get("/analyst/websites")
	if !strings.Contains(page, bad) || !strings.Contains(page, "20 reports") {
		t.Errorf("analysts' page lacks the reported site:\n%s", page)
	}
	// Without the form token nothing changes.
	if st, _, _ := ana.Post("/analyst/websites", url.Values{"domain": {bad}, "decision": {"cleared"}, "reason": {"x"}}); st != http.StatusForbidden {
		t.Errorf("decision without a CSRF token → %d", st)
	}
	form := testenv.Merge(testenv.Hidden(page), map[string]string{"domain": "microsoft.com", "decision": "confirmed", "reason": "reported"})
	if st, body, _ := ana.Post("/analyst/websites", form); st != http.StatusBadRequest || !strings.Contains(body, "official website of Microsoft") || !strings.Contains(body, `value="microsoft.com"`) {
		t.Errorf("confirming microsoft.com → %d, want 400 naming it official and keeping the input", st)
	}
	form = testenv.Merge(testenv.Hidden(page), map[string]string{"domain": bad, "decision": "cleared", "reason": "a security vendor's test page"})
	if st, _, hdr := ana.Post("/analyst/websites", form); st != http.StatusSeeOther {
		t.Fatalf("clearing → %d", st)
	} else {
		_, after, _ := ana.Get(hdr.Get("Location"))
		if !strings.Contains(after, "Cleared by an analyst") || !strings.Contains(after, "a security vendor&#39;s test page") {
			t.Errorf("after clearing the page says:\n%s", after)
		}
	}
	if sc := decodeBody[hangup.SiteCheck](t, do(t, s, "GET", "/api/v1/urls?u="+url.QueryEscape(bad), "", "")); len(sc.Listings) != 0 || sc.Reputation.Verdict != hangup.RepAllowed {
		t.Errorf("a cleared site is still listed: %+v %+v", sc.Listings, sc.Reputation)
	}
	// The API: confirm another site.
	const other = "refund-desk-help.top"
	st, body := ana.PostJSON("/api/v1/websites/"+other+"/decision", `{"decision":"confirmed","reason":"fake refund page"}`)
	if st != 200 || !strings.Contains(body, `"verdict":"scam"`) || strings.Contains(body, "ana@example.org") {
		t.Errorf("API confirm → %d %s", st, body)
	}
	if st, _ := ana.PostJSON("/api/v1/websites/"+other+"/decision", `{"decision":"confirmed"}`); st != 400 {
		t.Errorf("API decision without a reason → %d", st)
	}
	r = do(t, s, "GET", "/website?address="+other, "", "")
	if !strings.Contains(string(r.body), "by a Hangup analyst") {
		t.Errorf("website page of a confirmed site lacks the analyst's confirmation:\n%s", r.body)
	}
	changes, _ := testDBs[s].SiteChanges(ctx, "", 0)
	if len(changes) != 2 || changes[0].Domain != other || changes[0].Actor != "ana@example.org" || changes[1].Action != "clear" {
		t.Errorf("audit %+v", changes)
	}
}
