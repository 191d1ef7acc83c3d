package http

import (
	"context"
	"crypto/tls"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/mail/mailtest"
)

var (
	reasonRE   = regexp.MustCompile(`<li class="reason[^"]*" data-codes="([^"]*)">`)
	shareRE    = regexp.MustCompile(`<a id="share-link" class="share-link" href="([^"]+)">`)
	h1RE       = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	jargonRE   = regexp.MustCompile(`\b(S[0-8]|SERIOUS|Serious|WARNING|Warning|Worth knowing|severity|high|medium)\b`)
	detailsPos = func(page string) int { return strings.Index(page, `<details class="more"`) }
)

// visibleText is the page's text as a person reads it: no tags, no
// attributes.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<head>.*?</head>|<script.*?</script>|<[^>]+>`).ReplaceAllString(page, " ")
	return html.UnescapeString(page)
}

// TestCheckResultAnswersFirst: the Microsoft, 09-number, install-and-let-in
// call gets one clear answer: "Stop" as the page's heading in a live
// region, one sentence, the way to reach Microsoft, at most three reasons
// before "More detail", and no jargon.
func TestCheckResultAnswersFirst(t *testing.T) {
	cfg := DefaultConfig()
	cfg.PublicURL = "https://hangup.example"
	s := newTestServer(t, cfg)
	b := newBrowser(t, s)
	form := url.Values{"number": {"0906 123 4567"}, "claims": {"Microsoft"}, "started": {"they_called"},
		"asked": {"install", "remote-access"}, "notes": {"He said my name is Margaret and my computer has a virus; install AnyDesk."}}
	st, page, _ := b.Post("/check", form)
	if st != 200 {
		t.Fatalf("check → %d", st)
	}
	if m := h1RE.FindStringSubmatch(page); m == nil || strings.TrimSpace(m[1]) != "Stop" {
		t.Errorf("the heading is %v, want Stop", m)
	}
	if !strings.Contains(page, `role="status" aria-live="polite"`) {
		t.Error("the verdict is not in a live region")
	}
	first := page[:detailsPos(page)]
	if n := len(reasonRE.FindAllString(first, -1)); n == 0 || n > 3 {
		t.Errorf("%d reasons before More detail, want 1 to 3", n)
	}
	if !strings.Contains(first, "support.microsoft.com/contactus") {
		t.Error("the way to reach Microsoft is not on first view")
	}
	if strings.Count(visibleText(page), "Microsoft does not send unsolicited email messages") > 1 {
		t.Error("Microsoft's words are quoted more than once")
	}
	if m := jargonRE.FindString(visibleText(page)); m != "" {
		t.Errorf("the page shows the jargon %q", m)
	}
	if strings.Contains(visibleText(page), "Stop: ") || strings.Contains(page, ".”.") {
		t.Error("the sentence repeats the heading, or punctuation is doubled")
	}
	// The short link opens the same answer for 30 days, without the notes.
	m := shareRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no short link to keep or share the answer")
	}
	link, _ := url.Parse(m[1])
	if link.Scheme != "https" || link.Host != "hangup.example" || len(link.Path) > 15 {
		t.Errorf("short link %q is not short and absolute", m[1])
	}
	st, shared, hdr := b.Get(link.Path)
	if st != 200 || h1RE.FindStringSubmatch(shared)[1] != "Stop" || hdr.Get("X-Robots-Tag") != "noindex" {
		t.Fatalf("the short link → %d", st)
	}
	if strings.Contains(shared, "Margaret") || strings.Contains(shared, "my computer has a virus") {
		t.Error("the shared answer shows the person's notes")
	}
	if st, _, _ := b.Get("/c/ZZZZZZZZZZ"); st != http.StatusNotFound {
		t.Errorf("an unknown short link → %d", st)
	}
	if st, _, _ := b.Get("/c/not-an-id!"); st != http.StatusNotFound {
		t.Errorf("a malformed short link → %d", st)
	}
	// Expired links stop working.
	id := strings.TrimPrefix(link.Path, "/c/")
	if _, err := testDBs[s].FindSharedCheck(context.Background(), id, time.Now().Add(31*24*time.Hour)); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("the shared check is still there after 31 days: %v", err)
	}
}

// TestWebsiteAndTranscriptPages: both engines have a page of their own,
// reached from the home page, with the answer in the same layout.
func TestWebsiteAndTranscriptPages(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	_, home, _ := b.Get("/")
	for _, link := range []string{`href="/website"`, `href="/said"`} {
		if !strings.Contains(home, link) {
			t.Errorf("the home page has no link %s", link)
		}
	}
	st, page, _ := b.Get("/website?address=" + url.QueryEscape("microsoft-support-help.com") + "&claims=Microsoft")
	if st != 200 || !strings.Contains(page, `class="verdict verdict-stop"`) || h1RE.FindStringSubmatch(page)[1] != "Stop" {
		t.Errorf("a lookalike of Microsoft → %d:\n%s", st, page)
	}
	if st, page, _ = b.Get("/website?address=anydesk.com"); st != 200 || !strings.Contains(page, "AnyDesk") || !strings.Contains(page, `class="verdict verdict-stop"`) {
		t.Errorf("anydesk.com → %d", st)
	}
	if st, page, _ = b.Get("/website?address=microsoft.com"); st != 200 || !strings.Contains(page, "own website") {
		t.Errorf("microsoft.com → %d", st)
	}
	st, page, _ = b.Post("/said", url.Values{"csrf": {""}, "text": {"This is Microsoft. Your computer has a virus. Install AnyDesk and read me the code. Pay with Google Play gift cards."}})
	if st != 200 || !strings.Contains(page, `class="verdict verdict-stop"`) || !strings.Contains(page, "<mark>") {
		t.Errorf("a scam transcript → %d:\n%s", st, page)
	}
	if m := jargonRE.FindString(visibleText(page)); m != "" {
		t.Errorf("the transcript page shows the jargon %q", m)
	}
}

// TestFormsSayWhatToDo: every form and lookup answers a mistake with the
// form again, what was typed kept, and sentences that say what to do.
func TestFormsSayWhatToDo(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	b := newBrowser(t, s)
	_, home, _ := b.Get("/")
	csrf := testenv.Hidden(home).Get("csrf")
	if csrf == "" {
		_, login, _ := b.Get("/login")
		csrf = testenv.Hidden(login).Get("csrf")
	}
	for _, tc := range []struct {
		name, method, path string
		form               url.Values
		keep               string
	}{
		{"check", "POST", "/check", url.Values{"number": {"call me maybe"}, "notes": {"kept words"}}, "call me maybe"},
		{"website, empty", "GET", "/website?address=", nil, ""},
		{"website, unreadable", "GET", "/website?address=" + url.QueryEscape("http://exa mple..com:99999"), nil, "exa mple..com"},
		{"what they said, empty", "POST", "/said", url.Values{"text": {" "}}, ""},
		{"number lookup, words", "GET", "/numbers?n=hello", nil, `value="hello"`},
		{"number lookup, empty", "GET", "/numbers?n=", nil, ""},
		{"number page, words", "GET", "/numbers/hello", nil, `value="hello"`},
		{"sign in", "POST", "/login", url.Values{"csrf": {csrf}, "email": {"nobody@example.org"}, "password": {"wrong password"}}, "nobody@example.org"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st int
			var page string
			if tc.method == "GET" {
				st, page, _ = b.Get(tc.path)
			} else {
				st, page, _ = b.Post(tc.path, tc.form)
			}
			if st < 400 || st >= 500 {
				t.Fatalf("status %d, want a 4xx answer", st)
			}
			if !strings.Contains(page, "There is a problem") {
				t.Errorf("no error summary:\n%s", page)
			}
			if tc.keep != "" && !strings.Contains(html.UnescapeString(page), tc.keep) {
				t.Errorf("what was typed (%q) is lost", tc.keep)
			}
			for _, m := range regexp.MustCompile(`(?s)class="field-error"[^>]*><span class="visually-hidden">Error:</span> (.*?)</p>`).FindAllStringSubmatch(page, -1) {
				msg := strings.TrimSpace(html.UnescapeString(m[1]))
				if msg == "" || strings.ToUpper(msg[:1]) != msg[:1] || !strings.HasSuffix(msg, ".") {
					t.Errorf("error %q is not a sentence", msg)
				}
			}
		})
	}
}

// TestReportEmailsAConfirmation: a report with an email address sends one
// email, through a real SMTP conversation, with the reference and an
// absolute tracking link; a replay or a report without an address sends
// none.
func TestReportEmailsAConfirmation(t *testing.T) {
	sink := mailtest.Start(t, mailtest.WithSTARTTLS())
	m, err := mail.New(mail.Config{Host: sink.Host(), Port: sink.Port(), From: "Hangup <noreply@hangup.example>",
		TLS: &tls.Config{RootCAs: sink.RootCAs(), ServerName: "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.PublicURL = "https://hangup.example"
	s := newTestServer(t, cfg, func(d *Deps) { d.Mailer = m })
	b := newBrowser(t, s)
	_, page, _ := b.Get("/report")
	_, page = answer(t, b, page, "story", one("story", "They said they were BT and took £40."))
	for _, step := range []string{"started", "when", "numbers", "who", "happened", "payment"} {
		_, page = answer(t, b, page, step, url.Values{})
	}
	_, page = answer(t, b, page, "contact", one("contact_email", "ann@example.org", "consent", "yes"))
	final := testenv.Hidden(page)
	st, _, hdr := b.Post("/report", final)
	if st != http.StatusSeeOther || !strings.Contains(hdr.Get("Location"), "emailed=1") {
		t.Fatalf("send → %d %s", st, hdr.Get("Location"))
	}
	b.Post("/report", final) // a replay sends no second email
	sink.Wait(1, 5*time.Second)
	time.Sleep(100 * time.Millisecond) // room for a wrong second email to arrive
	msgs := sink.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d emails, want exactly 1", len(msgs))
	}
	token := strings.TrimPrefix(strings.Split(hdr.Get("Location"), "?")[0], "/r/")
	ref := token[:12]
	msg := msgs[0]
	if msg.To[0] != "ann@example.org" || !msg.TLS {
		t.Errorf("email to %v over TLS %v", msg.To, msg.TLS)
	}
	if !strings.Contains(msg.Body, ref) || !strings.Contains(msg.Body, "https://hangup.example/r/"+token) {
		t.Errorf("the email lacks the reference %s or the absolute link:\n%s", ref, msg.Body)
	}
	if strings.Contains(msg.Body, "BT and took") {
		t.Error("the email repeats the story")
	}
	_, receipt, _ := b.Get(hdr.Get("Location"))
	if !strings.Contains(receipt, `id="emailed"`) || !strings.Contains(receipt, "https://hangup.example/r/"+token) {
		t.Error("the receipt doesn't say the email went, or shows a relative link")
	}
	// Through the API too; none without an address.
	do(t, s, "POST", "/api/v1/reports", "application/json", `{"story":"Fake bank.","contact":{"email":"bob@example.org","consent":true}}`)
	do(t, s, "POST", "/api/v1/reports", "application/json", `{"story":"Fake bank, no address."}`)
	if msgs := sink.Wait(2, 5*time.Second); len(msgs) != 2 || msgs[1].To[0] != "bob@example.org" {
		t.Errorf("after two API reports (one with an address): %d emails", len(msgs))
	}
	// Email needs the public address: links in emails are never guessed from a request.
	if _, err := NewServer(DefaultConfig(), Deps{Checker: s.deps.Checker, Numbers: s.deps.Numbers, Registry: s.deps.Registry, Mailer: m}); err == nil {
		t.Error("a server that emails without a public URL was built")
	}
}
