package carddav

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/http/internal/testenv"
	"github.com/hangup-org/hangup/http/internal/web"
)

// fixture is an address book over a test environment's blocklist (or one
// of its own configuration over the same database), readable with an API
// key from the real key store, as package http wires it.
type fixture struct {
	env     *testenv.Env
	bl      *blocklist.Service
	handler *Handler
}

func newFixture(t *testing.T, cfg blocklist.Config) *fixture {
	t.Helper()
	e := testenv.New(t)
	bl, err := blocklist.New(cfg, blocklist.Deps{Reputation: e.Reputation, Store: e.DB, Reports: e.DB})
	if err != nil {
		t.Fatal(err)
	}
	authorize := func(r *http.Request) error {
		_, err := e.Keys.Authenticate(web.APIKey(r))
		return err
	}
	return &fixture{env: e, bl: bl, handler: New(bl, authorize, slog.Default())}
}

// key stores an API key with the export scope.
func (f *fixture) key(t *testing.T, name string) string {
	t.Helper()
	return f.env.Key(t, name, "", hangup.ScopeExport)
}

// reportScam files reports of number from n distinct accounts and
// publishes the fixture's blocklist.
func (f *fixture) reportScam(t *testing.T, number string, n int) {
	t.Helper()
	f.env.ReportScam(t, number, n, "")
	if _, err := f.bl.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// davDo sends a WebDAV request as a CardDAV client would: over a real
// HTTP connection to the server on loopback, with net/http's client.
func davDo(t *testing.T, h http.Handler, method, path, key, depth, body string) response {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.SetBasicAuth("fritzbox", key)
	}
	if depth != "" {
		req.Header.Set("Depth", depth)
	}
	req.Header.Set("Content-Type", "application/xml; charset=utf-8")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

type davMultistatus struct {
	Responses []struct {
		Href     string `xml:"DAV: href"`
		Propstat []struct {
			Status string `xml:"DAV: status"`
			Prop   struct {
				ETag        string `xml:"DAV: getetag"`
				CTag        string `xml:"http://calendarserver.org/ns/ getctag"`
				AddressData string `xml:"urn:ietf:params:xml:ns:carddav address-data"`
				Home        struct {
					Href string `xml:"DAV: href"`
				} `xml:"urn:ietf:params:xml:ns:carddav addressbook-home-set"`
				Type struct {
					Inner string `xml:",innerxml"`
				} `xml:"DAV: resourcetype"`
			} `xml:"DAV: prop"`
		} `xml:"DAV: propstat"`
	} `xml:"DAV: response"`
}

func TestCardDAVClientReadsTheAddressBook(t *testing.T) {
	f := newFixture(t, blocklist.DefaultConfig())
	s := f.handler
	key := f.key(t, "fritz")
	f.reportScam(t, "+442034567895", 30)
	f.reportScam(t, "+442034567896", 18)

	if r := davDo(t, s, "PROPFIND", "/carddav/blocklist/", "", "1", ""); r.status != 401 || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic") {
		t.Errorf("without credentials: %d %q", r.status, r.header.Get("WWW-Authenticate"))
	}
	// Discovery: the principal names the address-book home.
	r := davDo(t, s, "PROPFIND", "/carddav/", key, "0", `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:addressbook-home-set/><d:current-user-principal/><d:nothing-here/></d:prop></d:propfind>`)
	var ms davMultistatus
	if err := xml.Unmarshal(r.body, &ms); err != nil || r.status != 207 || len(ms.Responses) != 1 || ms.Responses[0].Propstat[0].Prop.Home.Href != "/carddav/" {
		t.Fatalf("principal PROPFIND: %d %v %s", r.status, err, r.body)
	}
	if len(ms.Responses[0].Propstat) != 2 || !strings.Contains(ms.Responses[0].Propstat[1].Status, "404") {
		t.Errorf("an unknown property was not answered 404: %s", r.body)
	}
	// The collection and its cards.
	r = davDo(t, s, "PROPFIND", "/carddav/blocklist/", key, "1", `<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:resourcetype/><d:getetag/><cs:getctag/></d:prop></d:propfind>`)
	ms = davMultistatus{}
	if err := xml.Unmarshal(r.body, &ms); err != nil || r.status != 207 || len(ms.Responses) != 3 {
		t.Fatalf("book PROPFIND: %d %v %s", r.status, err, r.body)
	}
	if !strings.Contains(ms.Responses[0].Propstat[0].Prop.Type.Inner, "addressbook") || ms.Responses[0].Propstat[0].Prop.CTag == "" {
		t.Errorf("the collection is not an address book with a ctag: %s", r.body)
	}
	hrefs := []string{ms.Responses[1].Href, ms.Responses[2].Href}
	// Multiget: the cards with their vCards, highest confidence first.
	body := `<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>` +
		`<d:href>` + hrefs[0] + `</d:href><d:href>` + hrefs[1] + `</d:href><d:href>/carddav/blocklist/nope.vcf</d:href></c:addressbook-multiget>`
	r = davDo(t, s, "REPORT", "/carddav/blocklist/", key, "1", body)
	ms = davMultistatus{}
	if err := xml.Unmarshal(r.body, &ms); err != nil || r.status != 207 || len(ms.Responses) != 3 {
		t.Fatalf("multiget: %d %v %s", r.status, err, r.body)
	}
	card := ms.Responses[0].Propstat[0].Prop.AddressData
	if !strings.HasPrefix(card, "BEGIN:VCARD\r\nVERSION:3.0\r\n") || !strings.Contains(card, "TEL;TYPE=VOICE:+442034567895\r\n") || ms.Responses[0].Propstat[0].Prop.ETag == "" {
		t.Errorf("first card (highest confidence) %q", card)
	}
	// Query: every card, or as many as the limit says.
	r = davDo(t, s, "REPORT", "/carddav/blocklist/", key, "1", `<c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:address-data/></d:prop><c:limit><c:nresults>1</c:nresults></c:limit></c:addressbook-query>`)
	ms = davMultistatus{}
	if err := xml.Unmarshal(r.body, &ms); err != nil || len(ms.Responses) != 1 {
		t.Errorf("query with a limit of 1: %v %s", err, r.body)
	}
	// GET one card.
	if r := davDo(t, s, "GET", hrefs[1], key, "", ""); r.status != 200 || !strings.Contains(string(r.body), "+442034567896") {
		t.Errorf("GET card: %d %s", r.status, r.body)
	}
	if r := davDo(t, s, "PUT", hrefs[1], key, "", "BEGIN:VCARD"); r.status != 405 {
		t.Errorf("PUT on the read-only book: %d", r.status)
	}
	if r := davDo(t, s, "PROPFIND", "/carddav/blocklist/", key, "1", "<d:propfind xmlns:d='DAV:'><unclosed>"); r.status != 400 {
		t.Errorf("broken XML: %d", r.status)
	}
	if r := davDo(t, s, "REPORT", "/carddav/blocklist/", key, "1", `<d:sync-collection xmlns:d="DAV:"/>`); r.status != 403 {
		t.Errorf("an unsupported report: %d", r.status)
	}
}

func TestAddressBookIsCappedHighestConfidenceFirst(t *testing.T) {
	cfg := blocklist.DefaultConfig()
	cfg.AddressBookSize = 1
	f := newFixture(t, cfg)
	key := f.key(t, "fritz")
	f.reportScam(t, "+442034567896", 18)
	f.reportScam(t, "+442034567895", 40)
	r := davDo(t, f.handler, "REPORT", "/carddav/blocklist/", key, "1", `<c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:address-data/></d:prop></c:addressbook-query>`)
	if n := strings.Count(string(r.body), "BEGIN:VCARD"); n != 1 || !strings.Contains(string(r.body), "+442034567895") {
		t.Errorf("a book capped at 1 holds %d cards: %s", n, r.body)
	}
}

func FuzzCardDAVBodies(f *testing.F) {
	for _, s := range []string{
		"",
		`<d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>`,
		`<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>`,
		`<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:address-data/></d:prop><d:href>/carddav/blocklist/x.vcf</d:href></c:addressbook-multiget>`,
		`<c:addressbook-query xmlns:c="urn:ietf:params:xml:ns:carddav"><c:limit><c:nresults>5</c:nresults></c:limit></c:addressbook-query>`,
		`<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if pf, err := parsePropfind([]byte(body)); err == nil && !pf.all && len(pf.names) > maxDAVNames {
			t.Fatalf("%d names accepted", len(pf.names))
		}
		if rep, err := parseReport([]byte(body)); err == nil && (len(rep.hrefs) > maxDAVNames || rep.limit < 0) {
			t.Fatalf("report %+v accepted", rep)
		}
	})
}
