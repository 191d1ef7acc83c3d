package http

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/alerts"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/mmcdole/gofeed"
)

// withAlertsOnChecks makes the test server's checks quote live alerts.
func withAlertsOnChecks(d *Deps) { d.Checker = d.Checker.(*check.Engine).WithAlerts(d.Alerts) }

var alertLinkRE = regexp.MustCompile(`/alerts/(\d+)`)

// writeAlert writes an alert through the form as b (signed in) and returns
// the alert page's path.
func writeAlert(t *testing.T, b *testenv.Browser, org, title, text string) string {
	t.Helper()
	st, page, _ := b.Get("/organisations/" + org + "/alerts/new")
	if st != http.StatusOK {
		t.Fatalf("the alert form: %d\n%s", st, page)
	}
	st, page, hdr := b.Post("/organisations/"+org+"/alerts", testenv.Merge(testenv.Hidden(page), map[string]string{"title": title, "text": text, "days": "14"}))
	if st != http.StatusSeeOther || !alertLinkRE.MatchString(hdr.Get("Location")) {
		t.Fatalf("sending the alert: %d %s\n%s", st, hdr.Get("Location"), page)
	}
	return hdr.Get("Location")
}

// TestAlertJourney: IMEX writes an alert, nobody else sees it until an
// analyst publishes it; then it is on IMEX's page, on a check naming IMEX
// (fresh and shared), on the home page, in the API and the feeds; when IMEX
// withdraws it, it leaves all of them at once.
func TestAlertJourney(t *testing.T) {
	s := newTestServer(t, DefaultConfig(), withAlertsOnChecks)
	imex, analyst, public, hmrc := newBrowser(t, s), newBrowser(t, s), newBrowser(t, s), newBrowser(t, s)
	signIn(t, s, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	signIn(t, s, analyst, "analyst@hangup.example", hangup.RoleAnalyst, "")
	signIn(t, s, hmrc, "fraud@hmrc.example", hangup.RoleOrgAdmin, "hmrc")
	title := "Scammers are calling in our name <script>"
	path := writeAlert(t, imex, "imex", title, "They say your computer has a virus.\n\nWe never call you about viruses. Call 01793 781800.")

	// Pending: only IMEX and analysts can open it.
	for name, b := range map[string]*testenv.Browser{"the public": public, "HMRC": hmrc} {
		if st, _, _ := b.Get(path); st != http.StatusNotFound {
			t.Errorf("%s opened a pending alert: %d", name, st)
		}
	}
	if st, page, _ := imex.Get(path); st != http.StatusOK || !strings.Contains(page, "Waiting for review") {
		t.Errorf("IMEX's own pending alert: %d", st)
	}
	if st, _, _ := hmrc.Get("/organisations/imex/alerts/new"); st != http.StatusForbidden {
		t.Errorf("HMRC opened the form to write about IMEX: %d", st)
	}
	_, queue, _ := analyst.Get("/analyst/alerts")
	if !strings.Contains(queue, path) {
		t.Fatalf("the analysts' queue does not list %s", path)
	}
	if st, _, _ := imex.Get("/analyst/alerts"); st != http.StatusForbidden {
		t.Errorf("a member opened the analysts' queue: %d", st)
	}
	if _, body, _ := public.Get("/organisations/imex"); strings.Contains(body, "Scammers are calling") {
		t.Error("a pending alert shows on the organisation's page")
	}

	// IMEX can't publish its own alert; an analyst can.
	_, page, _ := imex.Get(path)
	if st, _, _ := imex.Post(path+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish"})); st != http.StatusForbidden {
		t.Errorf("IMEX published its own alert: %d", st)
	}
	_, page, _ = analyst.Get(path)
	if st, body, _ := analyst.Post(path+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish", "note": "Confirmed with IMEX"})); st != http.StatusSeeOther {
		t.Fatalf("publishing: %d\n%s", st, body)
	}

	// Public everywhere, escaped.
	_, body, _ := public.Get(path)
	if !strings.Contains(body, "Scammers are calling in our name &lt;script&gt;") || strings.Contains(body, "<script>") {
		t.Errorf("the alert page does not show the title escaped")
	}
	if !strings.Contains(body, "Published by IMEX") || strings.Contains(body, "it@imex.example") || strings.Contains(body, "analyst@hangup.example") {
		t.Errorf("the public alert page names the wrong author or shows an account")
	}
	if _, body, _ = public.Get("/organisations/imex"); !strings.Contains(body, "We never call you about viruses.") {
		t.Error("the organisation page does not show the published alert")
	}
	if _, body, _ = public.Get("/"); !strings.Contains(body, `href="`+path+`"`) {
		t.Error("the home page does not link to the alert")
	}
	_, home, _ := public.Get("/")
	st, result, _ := public.Post("/check", testenv.Merge(testenv.Hidden(home), map[string]string{"claims": "IMEX", "number": "020 7946 0000", "started": "they_called"}))
	if st != http.StatusOK || !strings.Contains(result, `href="`+path+`"`) {
		t.Fatalf("the check naming IMEX does not link to the alert (%d)", st)
	}
	share := regexp.MustCompile(`id="share-link" class="share-link" href="[^"]*(/c/[A-Z0-9]+)"`).FindStringSubmatch(result)
	if share == nil {
		t.Fatal("no short link on the result")
	}
	if _, body, _ = public.Get(share[1]); !strings.Contains(body, `href="`+path+`"`) {
		t.Error("the shared result does not show the live alert")
	}
	_, result, _ = public.Post("/check", testenv.Merge(testenv.Hidden(home), map[string]string{"claims": "HMRC", "started": "they_called"}))
	if strings.Contains(result, path) {
		t.Error("IMEX's alert shows on a check naming HMRC")
	}
	r := do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"IMEX","started":"they_called"}`)
	if res := decodeBody[hangup.CheckResult](t, r); len(res.Alerts) != 1 || res.Alerts[0].Title != title {
		t.Errorf("the API's check result alerts = %+v", res.Alerts)
	}
	if l := decodeBody[alerts.AlertList](t, do(t, s, "GET", "/api/v1/alerts?organisation=imex", "", "")); len(l.Alerts) != 1 {
		t.Errorf("GET /api/v1/alerts?organisation=imex = %d alerts", len(l.Alerts))
	}
	if raw := do(t, s, "GET", "/api/v1/alerts", "", ""); strings.Contains(string(raw.body), "imex.example") || strings.Contains(string(raw.body), "Confirmed with") {
		t.Errorf("the API shows an account or the reviewer's note: %s", raw.body)
	}

	// Withdrawn: gone from the check, the page and the feeds at once.
	_, page, _ = imex.Get(path)
	if st, _, _ := imex.Post(path+"/withdraw", testenv.Merge(testenv.Hidden(page), map[string]string{"note": "The wave is over"})); st != http.StatusSeeOther {
		t.Fatalf("withdrawing: %d", st)
	}
	if _, body, _ = public.Get(path); !strings.Contains(body, "withdrew this alert") || strings.Contains(body, "We never call you about viruses") {
		t.Error("the withdrawn alert's page still shows its text")
	}
	if _, body, _ = public.Get("/organisations/imex"); strings.Contains(body, "We never call you about viruses.") {
		t.Error("the withdrawn alert is still on the organisation's page")
	}
	r = do(t, s, "POST", "/api/v1/checks", "application/json", `{"claims":"IMEX","started":"they_called"}`)
	if res := decodeBody[hangup.CheckResult](t, r); len(res.Alerts) != 0 {
		t.Errorf("a withdrawn alert is on the check result: %v", res.Alerts)
	}
	_, page, _ = analyst.Get(path)
	for _, want := range []string{"Written and sent for review · it@imex.example", "Published · analyst@hangup.example: “Confirmed with IMEX”", "Withdrawn · it@imex.example: “The wave is over”"} {
		if !strings.Contains(page, want) {
			t.Errorf("the history lacks %q", want)
		}
	}
	// HMRC can't withdraw or even find IMEX's alerts.
	if st, _, _ := hmrc.Post(path+"/withdraw", testenv.Hidden(page)); st != http.StatusForbidden && st != http.StatusNotFound {
		t.Errorf("HMRC's withdrawal of IMEX's alert: %d", st)
	}
}

func TestAlertFormSaysWhatToFix(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	signIn(t, s, b, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	_, page, _ := b.Get("/organisations/imex/alerts/new")
	for _, tc := range []struct{ name, title, text, days, want string }{
		{"nothing", "", "", "", "Write a short title"},
		{"no text", "Calls in our name", "", "7", "Say in plain words"},
		{"days not a number", "Calls in our name", "We never call.", "soon", "Choose how many days"},
		{"too long", strings.Repeat("x", 500), "We never call.", "7", "Shorten it to 120 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, body, _ := b.Post("/organisations/imex/alerts", testenv.Merge(testenv.Hidden(page), map[string]string{"title": tc.title, "text": tc.text, "days": tc.days}))
			if st != http.StatusBadRequest && st != http.StatusRequestEntityTooLarge {
				t.Errorf("status %d, want 400 or 413", st)
			}
			if !strings.Contains(body, tc.want) || !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("the form does not say %q", tc.want)
			}
			if tc.text != "" && !strings.Contains(body, tc.text) {
				t.Errorf("the form lost what was typed")
			}
		})
	}
	if st, _, _ := b.Post("/organisations/imex/alerts", url.Values{"title": {"x"}, "text": {"y"}}); st != http.StatusForbidden {
		t.Errorf("a form without its token: %d, want 403", st)
	}
	if l, _ := testDBs[s].ListAlerts(t.Context(), hangup.AlertFilter{}); len(l) != 0 {
		t.Errorf("refused forms stored %d alerts", len(l))
	}
}

// TestAlertFeedsParse: /alerts.atom is Atom 1.0 that a real feed parser
// reads with every entry's id, title, link, date and author, and
// /alerts.json is JSON Feed 1.1 with its required fields.
func TestAlertFeedsParse(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	s.SetPublicURL("https://hangup.example.org")
	imex, analyst := newBrowser(t, s), newBrowser(t, s)
	signIn(t, s, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	signIn(t, s, analyst, "analyst@hangup.example", hangup.RoleAnalyst, "")
	var paths []string
	for _, title := range []string{"Calls about viruses & refunds", "Fake invoices in our name"} {
		p := writeAlert(t, imex, "imex", title, "First paragraph with <b>markup</b> & an ampersand.\n\nSecond paragraph.")
		_, page, _ := analyst.Get(p)
		if st, _, _ := analyst.Post(p+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish"})); st != http.StatusSeeOther {
			t.Fatalf("publishing %s: %d", p, st)
		}
		paths = append(paths, p)
	}
	// A third stays pending: it must be in no feed.
	pending := writeAlert(t, imex, "imex", "Not reviewed yet", "Draft.")

	r := do(t, s, "GET", "/alerts.atom", "", "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET /alerts.atom: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if c := r.header.Get("Set-Cookie"); c != "" || !strings.Contains(r.header.Get("Cache-Control"), "public") {
		t.Errorf("the feed sets a cookie (%q) or is not cacheable (%q): a shared cache would hand one browser's cookie to all", c, r.header.Get("Cache-Control"))
	}
	fp := gofeed.NewParser()
	feed, err := fp.ParseString(string(r.body))
	if err != nil {
		t.Fatalf("gofeed can't parse the Atom feed: %v\n%s", err, r.body)
	}
	if feed.FeedType != "atom" || feed.FeedVersion != "1.0" {
		t.Errorf("feed type %s %s, want atom 1.0", feed.FeedType, feed.FeedVersion)
	}
	if feed.Title == "" || feed.UpdatedParsed == nil || feed.FeedLink != "https://hangup.example.org/alerts.atom" {
		t.Errorf("feed title %q, updated %v, self link %q", feed.Title, feed.UpdatedParsed, feed.FeedLink)
	}
	if len(feed.Items) != 2 {
		t.Fatalf("%d entries, want the 2 published", len(feed.Items))
	}
	ids := map[string]bool{}
	for _, it := range feed.Items {
		if it.GUID == "" || !strings.HasPrefix(it.GUID, "tag:hangup.example.org,") || ids[it.GUID] {
			t.Errorf("entry id %q: want a unique tag URI", it.GUID)
		}
		ids[it.GUID] = true
		if it.UpdatedParsed == nil || it.PublishedParsed == nil || len(it.Authors) == 0 || it.Authors[0].Name != "IMEX" {
			t.Errorf("entry %q: updated %v, published %v, authors %v", it.Title, it.UpdatedParsed, it.PublishedParsed, it.Authors)
		}
		if !strings.HasPrefix(it.Title, "IMEX: ") || !slices.ContainsFunc(paths, func(p string) bool { return it.Link == "https://hangup.example.org"+p }) ||
			strings.HasSuffix(it.Link, pending) {
			t.Errorf("entry %q links to %q", it.Title, it.Link)
		}
		if !strings.Contains(it.Content, "&lt;b&gt;markup&lt;/b&gt;") || !strings.Contains(it.Content, "<p>Second paragraph.</p>") {
			t.Errorf("entry content is not the escaped text in paragraphs: %q", it.Content)
		}
	}

	r = do(t, s, "GET", "/alerts.json", "", "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/feed+json") {
		t.Fatalf("GET /alerts.json: %d %s", r.status, r.header.Get("Content-Type"))
	}
	var jf map[string]any
	if err := json.Unmarshal(r.body, &jf); err != nil {
		t.Fatal(err)
	}
	if jf["version"] != "https://jsonfeed.org/version/1.1" || jf["title"] == "" {
		t.Errorf("JSON Feed version %v, title %v", jf["version"], jf["title"])
	}
	items, _ := jf["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("JSON Feed has %d items, want 2", len(items))
	}
	for _, x := range items {
		it := x.(map[string]any)
		id, _ := it["id"].(string)
		text, _ := it["content_text"].(string)
		html, _ := it["content_html"].(string)
		if id == "" || (text == "" && html == "") {
			t.Errorf("item without its required id and content: %v", it)
		}
		for _, k := range []string{"date_published", "date_modified"} {
			if _, err := time.Parse(time.RFC3339, it[k].(string)); err != nil {
				t.Errorf("item %s %v is not RFC 3339", k, it[k])
			}
		}
		if _, ok := it["author"]; ok {
			t.Error("JSON Feed 1.1 items use authors, not the deprecated author")
		}
	}
	if strings.Contains(string(r.body), "it@imex.example") {
		t.Error("the JSON Feed shows an account")
	}

	// Withdrawn: the entry stays, with the same id, marked withdrawn and
	// without its text, so readers that hold it learn it no longer applies.
	before := map[string]*gofeed.Item{}
	for _, it := range feed.Items {
		before[it.Link] = it
	}
	_, page, _ := imex.Get(paths[0])
	if st, _, _ := imex.Post(paths[0]+"/withdraw", testenv.Hidden(page)); st != http.StatusSeeOther {
		t.Fatalf("withdrawing: %d", st)
	}
	feed, err = fp.ParseString(string(do(t, s, "GET", "/alerts.atom", "", "").body))
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 2 {
		t.Fatalf("%d entries after a withdrawal, want 2", len(feed.Items))
	}
	for _, it := range feed.Items {
		old := before[it.Link]
		if old == nil || old.GUID != it.GUID {
			t.Errorf("entry %s changed its id", it.Link)
			continue
		}
		withdrawn := strings.HasSuffix(it.Link, paths[0])
		if withdrawn != strings.HasPrefix(it.Title, "Withdrawn: ") || withdrawn == strings.Contains(it.Content, "Second paragraph") {
			t.Errorf("entry %q (%s): withdrawn %v, content %q", it.Title, it.Link, withdrawn, it.Content)
		}
		if withdrawn && it.UpdatedParsed.Before(*old.UpdatedParsed) {
			t.Errorf("the withdrawn entry's updated time went back")
		}
	}
	if body := string(do(t, s, "GET", "/alerts.json", "", "").body); strings.Count(body, `"status":"withdrawn"`) != 1 {
		t.Errorf("the JSON Feed marks %d items withdrawn, want 1", strings.Count(body, `"status":"withdrawn"`))
	}
}
