package alerts_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/mmcdole/gofeed"
)

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, s http.Handler, method, path string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func TestAlertFormSaysWhatToFix(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig())
	b := testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, b, "it@imex.example", hangup.RoleOrgAdmin, "imex")
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
	if l, _ := e.DB.ListAlerts(t.Context(), hangup.AlertFilter{}); len(l) != 0 {
		t.Errorf("refused forms stored %d alerts", len(l))
	}
}

// TestAlertFeedsParse: /alerts.atom is Atom 1.0 that a real feed parser
// reads with every entry's id, title, link, date and author, and
// /alerts.json is JSON Feed 1.1 with its required fields.
func TestAlertFeedsParse(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig())
	s.SetPublicURL("https://hangup.example.org")
	imex, analyst := testenv.NewBrowser(t, s), testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	testenv.SignIn(t, e.Accounts, analyst, "analyst@hangup.example", hangup.RoleAnalyst, "")
	var paths []string
	for _, title := range []string{"Calls about viruses & refunds", "Fake invoices in our name"} {
		p := testenv.WriteAlert(t, imex, "imex", title, "First paragraph with <b>markup</b> & an ampersand.\n\nSecond paragraph.")
		_, page, _ := analyst.Get(p)
		if st, _, _ := analyst.Post(p+"/review", testenv.Merge(testenv.Hidden(page), map[string]string{"decision": "publish"})); st != http.StatusSeeOther {
			t.Fatalf("publishing %s: %d", p, st)
		}
		paths = append(paths, p)
	}
	// A third stays pending: it must be in no feed.
	pending := testenv.WriteAlert(t, imex, "imex", "Not reviewed yet", "Draft.")

	r := do(t, s, "GET", "/alerts.atom")
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

	r = do(t, s, "GET", "/alerts.json")
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
	feed, err = fp.ParseString(string(do(t, s, "GET", "/alerts.atom").body))
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
	if body := string(do(t, s, "GET", "/alerts.json").body); strings.Count(body, `"status":"withdrawn"`) != 1 {
		t.Errorf("the JSON Feed marks %d items withdrawn, want 1", strings.Count(body, `"status":"withdrawn"`))
	}
}
