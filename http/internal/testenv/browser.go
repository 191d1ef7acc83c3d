package testenv

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
)

// Browser is a client with cookies against a live test server, the way a
// person's browser talks to Hangup. It follows no redirects: tests read
// where a form sends them.
type Browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

// NewBrowser serves h on loopback until the test ends and returns a
// browser with an empty cookie jar.
func NewBrowser(t *testing.T, h http.Handler) *Browser {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &Browser{t: t, base: ts.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Get opens path and returns the status, the body and the headers.
func (b *Browser) Get(path string) (int, string, http.Header) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// Post sends a form to path.
func (b *Browser) Post(path string, form url.Values) (int, string, http.Header) {
	b.t.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// PostJSON sends a JSON body with the browser's cookies.
func (b *Browser) PostJSON(path, body string) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// Hidden returns the hidden fields of a page as form values.
func Hidden(page string) url.Values {
	v := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(page, -1) {
		val := strings.NewReplacer("&#43;", "+", "&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(m[2])
		v.Add(m[1], val)
	}
	return v
}

// Merge returns a copy of a with the values of b set.
func Merge(a url.Values, b map[string]string) url.Values {
	out := url.Values{}
	for k, vs := range a {
		out[k] = append([]string(nil), vs...)
	}
	for k, v := range b {
		out.Set(k, v)
	}
	return out
}

// SignIn makes an account with role (of organisation org, if not "") in
// accounts and signs b in with it through the sign-in form.
func SignIn(t *testing.T, accounts *account.Service, b *Browser, email string, role hangup.Role, org string) {
	t.Helper()
	if _, err := accounts.AddUser(context.Background(), email, "a long enough password", role, org); err != nil {
		t.Fatal(err)
	}
	_, page, _ := b.Get("/login")
	st, _, hdr := b.Post("/login", Merge(Hidden(page), map[string]string{"email": email, "password": "a long enough password"}))
	if st != http.StatusSeeOther {
		t.Fatalf("sign in as %s → %d %v", email, st, hdr)
	}
}

var alertLinkRE = regexp.MustCompile(`/alerts/(\d+)`)

// WriteAlert writes an alert through the form as b (signed in) and returns
// the alert page's path.
func WriteAlert(t *testing.T, b *Browser, org, title, text string) string {
	t.Helper()
	st, page, _ := b.Get("/organisations/" + org + "/alerts/new")
	if st != http.StatusOK {
		t.Fatalf("the alert form: %d\n%s", st, page)
	}
	st, page, hdr := b.Post("/organisations/"+org+"/alerts", Merge(Hidden(page), map[string]string{"title": title, "text": text, "days": "14"}))
	if st != http.StatusSeeOther || !alertLinkRE.MatchString(hdr.Get("Location")) {
		t.Fatalf("sending the alert: %d %s\n%s", st, hdr.Get("Location"), page)
	}
	return hdr.Get("Location")
}
