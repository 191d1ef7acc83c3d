package orgapi_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/alert"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/apitest"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/orgapi"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/webhook/webhooktest"
)

// The organisation API's dashboard, alerts and notifications: an org token
// does what its organisation's org_admin does on the pages, an org_read
// token reads, and no token reaches another organisation's data.

// orgCall sends one organisation API request with key (if any) and a JSON
// body (if any).
func orgCall(t *testing.T, s http.Handler, method, path, key, body string) response {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

// orgAPIServer is a test server with notifications reaching only port on
// loopback (0: none), no rate limit (the tests make many requests from
// one address), and the keys: IMEX's org and org_read tokens, HMRC's org
// token and a screening key.
type orgAPIServer struct {
	*hhttp.Server
	env                             *testenv.Env
	imex, imexRead, hmrc, screening string
}

func newOrgAPIServer(t *testing.T, port int) orgAPIServer {
	cfg := hhttp.DefaultConfig()
	cfg.RateLimit = 0
	s, e := servertest.New(t, cfg, func(d *hhttp.Deps, e *testenv.Env) { d.Webhooks = testenv.Webhooks(e.DB, e.Registry, port) })
	return orgAPIServer{Server: s, env: e,
		imex:      e.Key(t, "imex-sync", "imex", hangup.ScopeOrg),
		imexRead:  e.Key(t, "imex-read", "imex", hangup.ScopeOrgRead),
		hmrc:      e.Key(t, "hmrc-sync", "hmrc", hangup.ScopeOrg),
		screening: e.Key(t, "pbx", "", hangup.ScopeScreen),
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// fits checks an answer against the OpenAPI document's schema for its
// operation and status.
func fits(t *testing.T, s http.Handler, method, path string, r response) {
	t.Helper()
	doc := apitest.Parse(t, get(t, s, "/api/v1/openapi.json").body)
	op, ok := doc.Paths[path][strings.ToLower(method)]
	if !ok {
		t.Fatalf("%s %s is not in openapi.json", method, path)
	}
	resp, ok := op.Responses[strconv.Itoa(r.status)]
	if !ok {
		t.Fatalf("%s %s: status %d is not documented: %s", method, path, r.status, r.body)
	}
	if _, ok := resp["content"].(map[string]any)["application/json"]; ok || resp["$ref"] != nil {
		apitest.CheckResponse(t, doc, resp, r.body)
	}
}

// apiErrorCode is the code of a JSON error answer, or "" when the answer
// is not one.
func apiErrorCode(r response) string {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || json.Unmarshal(r.body, &e) != nil || e.Error.Message == "" {
		return ""
	}
	return e.Error.Code
}

func TestOrgAPIRefusesWithoutAnOrganisationToken(t *testing.T) {
	s := newOrgAPIServer(t, 0)
	tested := 0
	for _, rt := range orgapi.New(orgapi.Deps{}).Routes() {
		if strings.HasPrefix(rt.Path, "/api/v1/org/facts") || rt.Path == "/api/v1/org/audit" {
			continue // the facts need the portal, which this server lacks (cmd/hangup tests them)
		}
		tested++
		path := strings.ReplaceAll(rt.Path, "{id}", "1")
		body := ""
		if rt.Method == "POST" {
			body = `{}`
		}
		r := orgCall(t, s, rt.Method, path, "", body)
		if r.status != http.StatusUnauthorized || apiErrorCode(r) != string(hangup.EUNAUTHORIZED) || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s %s without a key: %d %s", rt.Method, path, r.status, r.body)
		}
		r = orgCall(t, s, rt.Method, path, s.screening, body)
		if r.status != http.StatusForbidden || apiErrorCode(r) != string(hangup.EFORBIDDEN) {
			t.Errorf("%s %s with a screening key: %d %s", rt.Method, path, r.status, r.body)
		}
		r = orgCall(t, s, rt.Method, path, "hu_nonsense", body)
		if r.status != http.StatusUnauthorized || apiErrorCode(r) != string(hangup.EUNAUTHORIZED) {
			t.Errorf("%s %s with a wrong key: %d %s", rt.Method, path, r.status, r.body)
		}
	}
	if tested < 9 {
		t.Errorf("tested %d routes, want at least the 9 of the dashboard, alerts and webhooks", tested)
	}

	// With the production outbound rules, private addresses are refused
	// and nothing is stored.
	for _, target := range []string{"https://10.0.0.7/hook", "https://localhost/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data", "http://hooks.imex.example/hook"} {
		r := orgCall(t, s, "POST", "/api/v1/org/webhooks", s.imex, `{"target":"`+target+`"}`)
		if r.status != http.StatusBadRequest || apiErrorCode(r) != string(hangup.EINVALID) {
			t.Errorf("registering %s: %d %s, want a JSON 400", target, r.status, r.body)
		}
	}
	if l, body := orgWebhookList(t, s, s.imex); len(l) != 0 {
		t.Errorf("refused webhooks were stored: %s", body)
	}
}

func TestOrgAPIDashboard(t *testing.T) {
	s := newOrgAPIServer(t, 0)
	ctx := context.Background()
	reports := []hangup.ReportInput{
		{NumberShown: "0906 123 4567", ClaimedOrganisation: "IMEX", Started: hangup.StartedTheyCalled, Software: "AnyDesk", PaymentMethod: "gift cards"},
		{NumberShown: "0906 123 4567", CallbackNumber: "020 7946 0000", ClaimedOrganisation: "IMEX IT", Started: hangup.StartedTheyCalled},
		{NumberShown: "0906 765 4321", ClaimedOrganisation: "HMRC", Started: hangup.StartedTheyCalled},
	}
	for _, in := range reports {
		if _, err := s.env.Reports.Submit(ctx, in, reporter(&hangup.User{ID: 1, Email: "a@example.org", Role: hangup.RoleAnalyst}), ""); err != nil {
			t.Fatal(err)
		}
	}
	imexReports := 0
	for _, in := range reports {
		if strings.HasPrefix(in.ClaimedOrganisation, "IMEX") {
			imexReports++
		}
	}
	if _, err := s.env.Alerts.Write(ctx, &hangup.User{Email: "it@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"},
		alert.Draft{OrganisationID: "imex", Title: "Scammers use our name", Text: "We never call you to ask for remote access."}); err != nil {
		t.Fatal(err)
	}

	type dash struct {
		Organisation string `json:"organisation"`
		Period       int    `json:"period_weeks"`
		Reports      int    `json:"reports"`
		Tools        []struct {
			Value string `json:"value"`
		} `json:"tools"`
		Alerts []struct {
			Title  string `json:"title"`
			Status string `json:"status"`
		} `json:"alerts"`
	}
	for _, key := range []string{s.imex, s.imexRead} {
		r := orgCall(t, s, "GET", "/api/v1/org/dashboard?weeks=4", key, "")
		if r.status != http.StatusOK {
			t.Fatalf("IMEX's dashboard: %d %s", r.status, r.body)
		}
		fits(t, s, "GET", "/api/v1/org/dashboard", r)
		d := decodeBody[dash](t, r)
		if d.Organisation != "imex" || d.Period != 4 || d.Reports != imexReports || len(d.Tools) != 1 || d.Tools[0].Value != "AnyDesk" {
			t.Errorf("IMEX's dashboard = %+v, want %d reports over 4 weeks with AnyDesk", d, imexReports)
		}
		if len(d.Alerts) != 1 || d.Alerts[0].Status != string(hangup.AlertPending) {
			t.Errorf("IMEX's dashboard alerts = %+v, want its pending alert", d.Alerts)
		}
		if strings.Contains(string(r.body), "449067654321") || strings.Contains(string(r.body), "Ada") {
			t.Errorf("IMEX's dashboard holds HMRC's report or a reporter's name: %s", r.body)
		}
	}
	r := orgCall(t, s, "GET", "/api/v1/org/dashboard", s.hmrc, "")
	d := decodeBody[dash](t, r)
	if r.status != http.StatusOK || d.Organisation != "hmrc" || d.Reports != len(reports)-imexReports || len(d.Alerts) != 0 || strings.Contains(string(r.body), "AnyDesk") {
		t.Errorf("HMRC's token got %d %s: want HMRC's own dashboard only", r.status, r.body)
	}

	r = orgCall(t, s, "GET", "/api/v1/org/dashboard.csv?weeks=4", s.imexRead, "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("the CSV: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.body))).ReadAll()
	if err != nil || len(rows) < 2 || rows[1][0] != "period" || rows[1][2] != strconv.Itoa(imexReports) {
		t.Errorf("the CSV's period row = %v (%v), want %d reports", rows, err, imexReports)
	}
	for _, p := range []string{"/api/v1/org/dashboard?weeks=0", "/api/v1/org/dashboard.csv?weeks=53", "/api/v1/org/dashboard?weeks=x"} {
		if r := orgCall(t, s, "GET", p, s.imex, ""); r.status != http.StatusBadRequest || apiErrorCode(r) != string(hangup.EINVALID) {
			t.Errorf("GET %s: %d %s, want a JSON 400", p, r.status, r.body)
		}
	}
}

type orgAlert struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	AuthorKind string `json:"author_kind"`
	ReviewNote string `json:"review_note"`
}

func orgAlertList(t *testing.T, s orgAPIServer, key string) []orgAlert {
	t.Helper()
	r := orgCall(t, s, "GET", "/api/v1/org/alerts", key, "")
	if r.status != http.StatusOK {
		t.Fatalf("listing alerts: %d %s", r.status, r.body)
	}
	fits(t, s, "GET", "/api/v1/org/alerts", r)
	return decodeBody[struct {
		Alerts []orgAlert `json:"alerts"`
	}](t, r).Alerts
}

func TestOrgAPIAlerts(t *testing.T) {
	s := newOrgAPIServer(t, 0)
	ctx := context.Background()
	analyst := &hangup.User{ID: 9, Email: "analyst@hangup.example", Role: hangup.RoleAnalyst}

	r := orgCall(t, s, "POST", "/api/v1/org/alerts", s.imex, `{"title":"Scammers use our name","text":"We never call to ask for remote access.","days":14}`)
	if r.status != http.StatusCreated {
		t.Fatalf("writing an alert: %d %s", r.status, r.body)
	}
	fits(t, s, "POST", "/api/v1/org/alerts", r)
	first := decodeBody[orgAlert](t, r)
	if first.Status != string(hangup.AlertPending) || first.AuthorKind != string(hangup.AuthorOrganisation) {
		t.Errorf("the new alert = %+v, want pending, by the organisation", first)
	}
	queue, err := s.env.Alerts.Pending(ctx, analyst)
	if err != nil || len(queue) != 1 || queue[0].ID != first.ID || queue[0].OrganisationID != "imex" {
		t.Fatalf("the analysts' queue = %v (%v), want the API's alert about IMEX", queue, err)
	}
	if live := s.env.Alerts.LiveAlerts("imex", time.Now()); len(live) != 0 {
		t.Error("the alert is public before review")
	}

	// Refusals change nothing.
	for _, c := range []struct {
		name, method, path, key, body string
		status                        int
	}{
		{"read-only token writes", "POST", "/api/v1/org/alerts", s.imexRead, `{"title":"x","text":"y"}`, 403},
		{"read-only token withdraws", "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", first.ID), s.imexRead, "", 403},
		{"other organisation withdraws", "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", first.ID), s.hmrc, `{"note":"mine"}`, 404},
		{"names another organisation", "POST", "/api/v1/org/alerts", s.imex, `{"organisation_id":"hmrc","title":"x","text":"y"}`, 400},
		{"not JSON", "POST", "/api/v1/org/alerts", s.imex, `{"title":`, 400},
		{"wrong type", "POST", "/api/v1/org/alerts", s.imex, `{"title":"x","text":"y","days":"ten"}`, 400},
		{"no title", "POST", "/api/v1/org/alerts", s.imex, `{"text":"y"}`, 400},
		{"too long to stay up", "POST", "/api/v1/org/alerts", s.imex, `{"title":"x","text":"y","days":100000}`, 400},
		{"too large", "POST", "/api/v1/org/alerts", s.imex, `{"title":"x","text":"` + strings.Repeat("y", 70<<10) + `"}`, 413},
		{"withdrawal not JSON", "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", first.ID), s.imex, `{"note"`, 400},
		{"withdrawal too large", "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", first.ID), s.imex, `{"note":"` + strings.Repeat("y", 70<<10) + `"}`, 413},
		{"bad id", "POST", "/api/v1/org/alerts/-1/withdraw", s.imex, "", 404},
		{"no such alert", "POST", "/api/v1/org/alerts/99999/withdraw", s.imex, "", 404},
	} {
		r := orgCall(t, s, c.method, c.path, c.key, c.body)
		if r.status != c.status || apiErrorCode(r) == "" {
			t.Errorf("%s: %d %s, want a JSON %d", c.name, r.status, r.body, c.status)
		}
	}
	if l := orgAlertList(t, s, s.imexRead); len(l) != 1 || l[0].ID != first.ID || l[0].Status != string(hangup.AlertPending) {
		t.Errorf("after the refusals IMEX's alerts = %+v, want the one pending alert", l)
	}
	if l := orgAlertList(t, s, s.hmrc); len(l) != 0 {
		t.Errorf("HMRC's token lists %+v: IMEX's alert leaked", l)
	}

	// An analyst rejects it: its organisation reads why.
	if _, err := s.env.Alerts.Review(ctx, analyst, first.ID, false, "Say which number you call from."); err != nil {
		t.Fatal(err)
	}
	if l := orgAlertList(t, s, s.imex); len(l) != 1 || l[0].Status != string(hangup.AlertRejected) || l[0].ReviewNote != "Say which number you call from." {
		t.Errorf("IMEX's alerts after the rejection = %+v, want rejected with the analyst's note", l)
	}
	if r := orgCall(t, s, "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", first.ID), s.imex, ""); r.status != http.StatusConflict {
		t.Errorf("withdrawing a rejected alert: %d %s, want 409", r.status, r.body)
	}

	// A second one is published, then withdrawn through the API.
	r = orgCall(t, s, "POST", "/api/v1/org/alerts", s.imex, `{"title":"Calls from 0906 numbers","text":"We never call from 0906 numbers."}`)
	second := decodeBody[orgAlert](t, r)
	if _, err := s.env.Alerts.Review(ctx, analyst, second.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if live := s.env.Alerts.LiveAlerts("imex", time.Now()); len(live) != 1 || live[0].ID != second.ID {
		t.Fatalf("the published alert is not live: %v", live)
	}
	if r := orgCall(t, s, "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", second.ID), s.hmrc, ""); r.status != http.StatusNotFound {
		t.Errorf("HMRC withdrew IMEX's public alert: %d %s", r.status, r.body)
	}
	r = orgCall(t, s, "POST", fmt.Sprintf("/api/v1/org/alerts/%d/withdraw", second.ID), s.imex, `{"note":"The calls have stopped."}`)
	if r.status != http.StatusOK || decodeBody[orgAlert](t, r).Status != string(hangup.AlertWithdrawn) {
		t.Fatalf("withdrawing: %d %s", r.status, r.body)
	}
	fits(t, s, "POST", "/api/v1/org/alerts/{id}/withdraw", r)
	if live := s.env.Alerts.LiveAlerts("imex", time.Now()); len(live) != 0 {
		t.Errorf("the withdrawn alert is still live: %v", live)
	}
	if l := orgAlertList(t, s, s.imex); len(l) != 2 {
		t.Errorf("IMEX's alerts = %+v, want both, whatever their status", l)
	}
}

type orgWebhook struct {
	ID         int64  `json:"id"`
	Target     string `json:"target"`
	Secret     string `json:"secret"`
	Deliveries []struct {
		Event  string `json:"event"`
		Status string `json:"status"`
	} `json:"deliveries"`
}

func orgWebhookList(t *testing.T, s orgAPIServer, key string) ([]orgWebhook, string) {
	t.Helper()
	r := orgCall(t, s, "GET", "/api/v1/org/webhooks", key, "")
	if r.status != http.StatusOK {
		t.Fatalf("listing webhooks: %d %s", r.status, r.body)
	}
	fits(t, s, "GET", "/api/v1/org/webhooks", r)
	return decodeBody[struct {
		Webhooks []orgWebhook `json:"webhooks"`
	}](t, r).Webhooks, string(r.body)
}

func TestOrgAPIWebhooks(t *testing.T) {
	rcv := webhooktest.Start(t)
	port := rcv.Port
	s := newOrgAPIServer(t, port)

	r := orgCall(t, s, "POST", "/api/v1/org/webhooks", s.imex, `{"target":"`+rcv.URL+`/hook","threshold":5}`)
	if r.status != http.StatusCreated {
		t.Fatalf("registering: %d %s", r.status, r.body)
	}
	fits(t, s, "POST", "/api/v1/org/webhooks", r)
	hook := decodeBody[orgWebhook](t, r)
	if !strings.HasPrefix(hook.Secret, "whsec_") || hook.Target != rcv.URL+"/hook" {
		t.Fatalf("the new webhook = %+v, want its target and its secret", hook)
	}
	rcv.SetSecret(hook.Secret)
	for _, key := range []string{s.imex, s.imexRead} {
		l, body := orgWebhookList(t, s, key)
		if len(l) != 1 || l[0].ID != hook.ID || strings.Contains(body, hook.Secret) {
			t.Errorf("IMEX's webhooks = %s: want the one webhook, without its secret", body)
		}
	}

	hookPath := fmt.Sprintf("/api/v1/org/webhooks/%d", hook.ID)
	r = orgCall(t, s, "POST", hookPath+"/test", s.imex, "")
	if r.status != http.StatusOK {
		t.Fatalf("the test: %d %s", r.status, r.body)
	}
	fits(t, s, "POST", "/api/v1/org/webhooks/{id}/test", r)
	if d := decodeBody[struct {
		Delivery struct{ Status string } `json:"delivery"`
	}](t, r); d.Delivery.Status != string(hangup.DeliveryDelivered) {
		t.Errorf("the test delivery = %+v, want delivered", d)
	}
	if verified, rejected := rcv.Counts(); verified != 1 || rejected != 0 {
		t.Errorf("the receiver verified %d, rejected %d; want 1, 0", verified, rejected)
	}
	if l, _ := orgWebhookList(t, s, s.imex); len(l) != 1 || len(l[0].Deliveries) != 1 || l[0].Deliveries[0].Event != hangup.EventTest || l[0].Deliveries[0].Status != string(hangup.DeliveryDelivered) {
		t.Errorf("the delivery log = %+v, want the delivered test", l)
	}

	// Refusals change nothing and send nothing.
	for _, c := range []struct {
		name, method, path, key, body string
		status                        int
	}{
		{"read-only token registers", "POST", "/api/v1/org/webhooks", s.imexRead, `{"target":"` + rcv.URL + `/other"}`, 403},
		{"read-only token deletes", "DELETE", hookPath, s.imexRead, "", 403},
		{"read-only token tests", "POST", hookPath + "/test", s.imexRead, "", 403},
		{"other organisation deletes", "DELETE", hookPath, s.hmrc, "", 404},
		{"other organisation tests", "POST", hookPath + "/test", s.hmrc, "", 404},
		{"private address", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"http://10.0.0.7:` + strconv.Itoa(port) + `/hook"}`, 400},
		{"link-local address", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"http://169.254.169.254:` + strconv.Itoa(port) + `/latest/meta-data"}`, 400},
		{"loopback on another port", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"http://127.0.0.1:1/hook"}`, 400},
		{"unknown kind", "POST", "/api/v1/org/webhooks", s.imex, `{"kind":"pager","target":"x"}`, 400},
		{"email without a mailer", "POST", "/api/v1/org/webhooks", s.imex, `{"kind":"email","target":"fraud@imex.example"}`, 503},
		{"bad threshold", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"` + rcv.URL + `/hook","threshold":-3}`, 400},
		{"unknown field", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"` + rcv.URL + `/hook","organisation_id":"hmrc"}`, 400},
		{"not JSON", "POST", "/api/v1/org/webhooks", s.imex, `{"target":`, 400},
		{"too large", "POST", "/api/v1/org/webhooks", s.imex, `{"target":"` + strings.Repeat("x", 70<<10) + `"}`, 413},
		{"bad id", "DELETE", "/api/v1/org/webhooks/zero", s.imex, "", 404},
		{"no such webhook", "POST", "/api/v1/org/webhooks/99999/test", s.imex, "", 404},
	} {
		r := orgCall(t, s, c.method, c.path, c.key, c.body)
		if r.status != c.status || apiErrorCode(r) == "" {
			t.Errorf("%s: %d %s, want a JSON %d", c.name, r.status, r.body, c.status)
		}
	}
	if l, _ := orgWebhookList(t, s, s.imex); len(l) != 1 || l[0].ID != hook.ID || len(l[0].Deliveries) != 1 {
		t.Errorf("after the refusals IMEX's webhooks = %+v, want the one webhook with its one delivery", l)
	}
	if verified, rejected := rcv.Counts(); verified+rejected != 1 {
		t.Errorf("the receiver heard %d requests, want only the one test", verified+rejected)
	}
	if l, body := orgWebhookList(t, s, s.hmrc); len(l) != 0 || strings.Contains(body, rcv.URL) {
		t.Errorf("HMRC's token lists %s: IMEX's webhook leaked", body)
	}

	if r := orgCall(t, s, "DELETE", hookPath, s.imex, ""); r.status != http.StatusNoContent {
		t.Fatalf("deleting: %d %s", r.status, r.body)
	}
	if l, _ := orgWebhookList(t, s, s.imex); len(l) != 0 {
		t.Errorf("after deleting IMEX's webhooks = %+v", l)
	}
	if r := orgCall(t, s, "DELETE", hookPath, s.imex, ""); r.status != http.StatusNotFound {
		t.Errorf("deleting twice: %d %s", r.status, r.body)
	}
}

// get sends a GET with no key.
func get(t *testing.T, s http.Handler, path string) response {
	t.Helper()
	return orgCall(t, s, "GET", path, "", "")
}

// reporter is an account filing a report through the API.
func reporter(u *hangup.User) report.Reporter { return report.Reporter{User: u, Source: "api"} }

func decodeBody[T any](t *testing.T, r response) T {
	t.Helper()
	return apitest.Decode[T](t, r.body)
}
