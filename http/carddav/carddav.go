// Package carddav serves the blocklist as a read-only CardDAV address book
// (RFC 6352), for phones and routers that can only read contacts: a
// Fritz!Box "online phone book" used for call barring, or a desk phone's
// remote directory. One collection of vCards, highest confidence first,
// capped at the configured size.
//
//	/carddav/            the principal and address-book home
//	/carddav/blocklist/  the address book
//	/carddav/blocklist/<hash>.vcf  one listed number
//
// The client signs in with HTTP Basic: any user name, and as the password
// an API key that the server's authorize function accepts (package http
// asks for the export scope).
package carddav

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/http/internal/web"
)

const (
	// Root is where the handler is mounted: every CardDAV path starts
	// with it.
	Root    = "/carddav/"
	davBook = "/carddav/blocklist/"
	// MaxBody caps PROPFIND and REPORT bodies: a multiget of every card
	// of a full address book is about 150 KiB.
	MaxBody = 1 << 20
)

const (
	nsDAV     = "DAV:"
	nsCardDAV = "urn:ietf:params:xml:ns:carddav"
	nsCS      = "http://calendarserver.org/ns/"
)

// Handler serves the address book under Root.
type Handler struct {
	blocklist *blocklist.Service
	authorize func(*http.Request) error
	log       *slog.Logger
}

// New returns the handler of the address book read from bl. authorize
// decides who may read it: an error with code EUNAUTHORIZED asks the
// client for HTTP Basic credentials, any other error refuses with its
// status. log receives the errors that are the server's fault.
func New(bl *blocklist.Service, authorize func(*http.Request) error, log *slog.Logger) *Handler {
	return &Handler{blocklist: bl, authorize: authorize, log: log}
}

// ServeHTTP dispatches a request under Root.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("DAV", "1, 3, addressbook")
	if r.Method == http.MethodOptions {
		w.Header().Set("Allow", "OPTIONS, GET, HEAD, PROPFIND, REPORT")
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.authorize(r); err != nil {
		if c := hangup.ErrorCode(err); c == hangup.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Basic realm="Hangup blocklist", charset="UTF-8"`)
		}
		davError(w, web.StatusCode(err), hangup.ErrorMessage(err))
		return
	}
	switch r.Method {
	case "PROPFIND":
		h.davPropfind(w, r)
	case "REPORT":
		h.davReport(w, r)
	case http.MethodGet, http.MethodHead:
		h.davGet(w, r)
	default:
		w.Header().Set("Allow", "OPTIONS, GET, HEAD, PROPFIND, REPORT")
		davError(w, http.StatusMethodNotAllowed, "The address book is read-only.")
	}
}

func davError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
}

// book is the address book as one request sees it.
type book struct {
	version int64
	cards   []blocklist.Card
	byName  map[string]int
}

// addressBook reads the address book for r; when it cannot, it answers
// the DAV error itself and reports false.
func (h *Handler) addressBook(w http.ResponseWriter, r *http.Request) (*book, bool) {
	b, err := h.readBook(r)
	if err != nil {
		web.LogError(h.log, r, err)
		davError(w, web.StatusCode(err), hangup.ErrorMessage(err))
		return nil, false
	}
	return b, true
}

func (h *Handler) readBook(r *http.Request) (*book, error) {
	if err := h.blocklist.Fresh(r.Context()); err != nil {
		return nil, err
	}
	v := h.blocklist.View()
	entries, err := h.blocklist.Entries(r.Context(), blocklist.EntryOptions{ByConfidence: true, Limit: h.blocklist.Config().AddressBookSize})
	if err != nil {
		return nil, err
	}
	b := &book{version: v.Version, cards: blocklist.AddressBook(entries, time.Now()), byName: map[string]int{}}
	for i, c := range b.cards {
		b.byName[c.Name] = i
	}
	return b, nil
}

// ctag changes whenever the address book does.
func (b *book) ctag() string { return fmt.Sprintf("hangup-%d-%d", b.version, len(b.cards)) }

// davPropfind answers PROPFIND with Depth 0 or 1 (infinity is treated as
// 1: the tree is two levels deep).
func (h *Handler) davPropfind(w http.ResponseWriter, r *http.Request) {
	pf, ok := readBody(w, r, parsePropfind)
	if !ok {
		return
	}
	b, ok := h.addressBook(w, r)
	if !ok {
		return
	}
	depth1 := r.Header.Get("Depth") != "0"
	var ms multistatus
	switch p := r.URL.Path; {
	case p == Root || p == strings.TrimSuffix(Root, "/"):
		ms.add(Root, pf, rootProps())
		if depth1 {
			ms.add(davBook, pf, b.bookProps())
		}
	case p == davBook || p == strings.TrimSuffix(davBook, "/"):
		ms.add(davBook, pf, b.bookProps())
		if depth1 {
			for _, c := range b.cards {
				ms.add(davBook+c.Name, pf, cardProps(c, false))
			}
		}
	default:
		i, ok := b.card(p)
		if !ok {
			davError(w, http.StatusNotFound, "There is no such card.")
			return
		}
		ms.add(p, pf, cardProps(b.cards[i], false))
	}
	ms.write(w)
}

func (b *book) card(path string) (int, bool) {
	name, ok := strings.CutPrefix(path, davBook)
	if !ok {
		return 0, false
	}
	i, ok := b.byName[name]
	return i, ok
}

// davReport answers the two CardDAV reports: addressbook-multiget (the
// cards named) and addressbook-query (every card; filters are not
// applied, which RFC 6352 lets a client notice from the answer).
func (h *Handler) davReport(w http.ResponseWriter, r *http.Request) {
	rep, ok := readBody(w, r, parseReport)
	if !ok {
		return
	}
	if rep.kind == "" {
		davError(w, http.StatusForbidden, "Only addressbook-multiget and addressbook-query are supported.")
		return
	}
	b, ok := h.addressBook(w, r)
	if !ok {
		return
	}
	var ms multistatus
	if rep.kind == "addressbook-multiget" {
		for _, href := range rep.hrefs {
			p := href
			if u, err := url.Parse(href); err == nil {
				p = u.Path
			}
			if i, ok := b.card(p); ok {
				ms.add(davBook+b.cards[i].Name, rep.propfind, cardProps(b.cards[i], true))
			} else {
				ms.missing(href)
			}
		}
	} else {
		n := len(b.cards)
		if rep.limit > 0 && rep.limit < n {
			n = rep.limit
		}
		for _, c := range b.cards[:n] {
			ms.add(davBook+c.Name, rep.propfind, cardProps(c, true))
		}
	}
	ms.write(w)
}

// davGet serves one vCard, or the whole address book as one vCard file.
func (h *Handler) davGet(w http.ResponseWriter, r *http.Request) {
	b, ok := h.addressBook(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/vcard; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-cache")
	if r.URL.Path == davBook {
		var all strings.Builder
		for _, c := range b.cards {
			all.WriteString(c.Body)
		}
		w.Header().Set("ETag", `"`+b.ctag()+`"`)
		if r.Method != http.MethodHead {
			io.WriteString(w, all.String())
		}
		return
	}
	i, ok := b.card(r.URL.Path)
	if !ok {
		davError(w, http.StatusNotFound, "There is no such card.")
		return
	}
	w.Header().Set("ETag", b.cards[i].ETag)
	if web.ETagMatch(r, b.cards[i].ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method != http.MethodHead {
		io.WriteString(w, b.cards[i].Body)
	}
}

// prop is one property's value, already XML (or "" for an empty element).
type prop struct {
	name  xml.Name
	value string
}

func hrefXML(p string) string { return "<D:href>" + escapeXML(p) + "</D:href>" }

func rootProps() []prop {
	return []prop{
		{xml.Name{Space: nsDAV, Local: "resourcetype"}, "<D:collection/><D:principal/>"},
		{xml.Name{Space: nsDAV, Local: "displayname"}, "Hangup"},
		{xml.Name{Space: nsDAV, Local: "current-user-principal"}, hrefXML(Root)},
		{xml.Name{Space: nsDAV, Local: "principal-URL"}, hrefXML(Root)},
		{xml.Name{Space: nsCardDAV, Local: "addressbook-home-set"}, hrefXML(Root)},
	}
}

func (b *book) bookProps() []prop {
	return []prop{
		{xml.Name{Space: nsDAV, Local: "resourcetype"}, "<D:collection/><C:addressbook/>"},
		{xml.Name{Space: nsDAV, Local: "displayname"}, "Hangup blocklist"},
		{xml.Name{Space: nsCardDAV, Local: "addressbook-description"}, "Numbers Hangup lists as scam callers, highest confidence first. Read-only."},
		{xml.Name{Space: nsDAV, Local: "current-user-principal"}, hrefXML(Root)},
		{xml.Name{Space: nsDAV, Local: "getetag"}, escapeXML(`"` + b.ctag() + `"`)},
		{xml.Name{Space: nsCS, Local: "getctag"}, escapeXML(b.ctag())},
		{xml.Name{Space: nsCardDAV, Local: "supported-address-data"}, `<C:address-data-type content-type="text/vcard" version="3.0"/>`},
		{xml.Name{Space: nsDAV, Local: "supported-report-set"},
			"<D:supported-report><D:report><C:addressbook-multiget/></D:report></D:supported-report>" +
				"<D:supported-report><D:report><C:addressbook-query/></D:report></D:supported-report>"},
		{xml.Name{Space: nsDAV, Local: "current-user-privilege-set"}, "<D:privilege><D:read/></D:privilege>"},
	}
}

func cardProps(c blocklist.Card, withData bool) []prop {
	ps := []prop{
		{xml.Name{Space: nsDAV, Local: "resourcetype"}, ""},
		{xml.Name{Space: nsDAV, Local: "getetag"}, escapeXML(c.ETag)},
		{xml.Name{Space: nsDAV, Local: "getcontenttype"}, "text/vcard; charset=utf-8"},
		{xml.Name{Space: nsDAV, Local: "getcontentlength"}, strconv.Itoa(len(c.Body))},
	}
	if withData {
		ps = append(ps, prop{xml.Name{Space: nsCardDAV, Local: "address-data"}, escapeXML(c.Body)})
	}
	return ps
}

func escapeXML(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// propfind is what a PROPFIND (or a report's DAV:prop) asks for: every
// property, or the names listed.
type propfind struct {
	all   bool
	names []xml.Name
}

// multistatus builds a 207 answer.
type multistatus struct{ b strings.Builder }

func prefixOf(space string) string {
	switch space {
	case nsDAV:
		return "D"
	case nsCardDAV:
		return "C"
	case nsCS:
		return "CS"
	}
	return ""
}

func (m *multistatus) add(href string, pf propfind, have []prop) {
	m.b.WriteString("<D:response>" + hrefXML(href))
	var found, missing strings.Builder
	want := pf.names
	if pf.all {
		for _, p := range have {
			if p.name.Local != "address-data" {
				want = append(want, p.name)
			}
		}
	}
	for _, n := range want {
		hit := false
		for _, p := range have {
			if p.name == n {
				fmt.Fprintf(&found, "<%[1]s:%[2]s>%[3]s</%[1]s:%[2]s>", prefixOf(n.Space), n.Local, p.value)
				hit = true
				break
			}
		}
		if !hit {
			if pre := prefixOf(n.Space); pre != "" {
				fmt.Fprintf(&missing, "<%s:%s/>", pre, n.Local)
			} else {
				fmt.Fprintf(&missing, `<X:%s xmlns:X="%s"/>`, n.Local, escapeXML(n.Space))
			}
		}
	}
	if found.Len() > 0 {
		m.b.WriteString("<D:propstat><D:prop>" + found.String() + "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>")
	}
	if missing.Len() > 0 {
		m.b.WriteString("<D:propstat><D:prop>" + missing.String() + "</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>")
	}
	m.b.WriteString("</D:response>")
}

func (m *multistatus) missing(href string) {
	m.b.WriteString("<D:response>" + hrefXML(href) + "<D:status>HTTP/1.1 404 Not Found</D:status></D:response>")
}

func (m *multistatus) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusMultiStatus)
	io.WriteString(w, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+
		`<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/">`)
	io.WriteString(w, m.b.String())
	io.WriteString(w, "</D:multistatus>\n")
}

// xmlElem is any element: its name and its children, one level down.
type xmlElem struct {
	XMLName  xml.Name
	Children []xmlLeaf `xml:",any"`
	Text     string    `xml:",chardata"`
}

type xmlLeaf struct {
	XMLName  xml.Name
	Children []xmlLeaf2 `xml:",any"`
	Text     string     `xml:",chardata"`
}

type xmlLeaf2 struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

// maxDAVNames bounds the properties and hrefs one request may name.
const maxDAVNames = 10000

// parsePropfind reads a PROPFIND body: empty (every property), allprop,
// propname (treated as allprop) or prop with the names wanted.
func parsePropfind(body []byte) (propfind, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return propfind{all: true}, nil
	}
	var root xmlElem
	if err := decodeXML(body, &root); err != nil {
		return propfind{}, err
	}
	if root.XMLName != (xml.Name{Space: nsDAV, Local: "propfind"}) {
		return propfind{}, errors.New("the body is not a DAV:propfind")
	}
	return propsOf(root.Children)
}

func propsOf(children []xmlLeaf) (propfind, error) {
	for _, c := range children {
		switch c.XMLName {
		case xml.Name{Space: nsDAV, Local: "allprop"}, xml.Name{Space: nsDAV, Local: "propname"}:
			return propfind{all: true}, nil
		case xml.Name{Space: nsDAV, Local: "prop"}:
			if len(c.Children) > maxDAVNames {
				return propfind{}, errors.New("too many properties")
			}
			pf := propfind{}
			for _, n := range c.Children {
				pf.names = append(pf.names, n.XMLName)
			}
			return pf, nil
		}
	}
	return propfind{all: true}, nil
}

// davReportReq is a parsed REPORT body.
type davReportReq struct {
	kind     string // "addressbook-multiget", "addressbook-query", or "" for a report not supported
	propfind propfind
	hrefs    []string
	limit    int
}

// parseReport reads a REPORT body.
func parseReport(body []byte) (davReportReq, error) {
	var root xmlElem
	if err := decodeXML(body, &root); err != nil {
		return davReportReq{}, err
	}
	var rep davReportReq
	if root.XMLName.Space == nsCardDAV && (root.XMLName.Local == "addressbook-multiget" || root.XMLName.Local == "addressbook-query") {
		rep.kind = root.XMLName.Local
	}
	pf, err := propsOf(root.Children)
	if err != nil {
		return davReportReq{}, err
	}
	rep.propfind = pf
	for _, c := range root.Children {
		switch {
		case c.XMLName == xml.Name{Space: nsDAV, Local: "href"}:
			if len(rep.hrefs) >= maxDAVNames {
				return davReportReq{}, errors.New("too many hrefs")
			}
			rep.hrefs = append(rep.hrefs, strings.TrimSpace(c.Text))
		case c.XMLName == xml.Name{Space: nsCardDAV, Local: "limit"}:
			for _, n := range c.Children {
				if n.XMLName.Local == "nresults" {
					if v, err := strconv.Atoi(strings.TrimSpace(n.Text)); err == nil && v > 0 {
						rep.limit = v
					}
				}
			}
		}
	}
	return rep, nil
}

// decodeXML reads one XML document into v, refusing anything after it.
// encoding/xml expands no external entities and fetches nothing.
func decodeXML(body []byte, v any) error {
	dec := xml.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the body is not valid XML: %v", err)
	}
	return nil
}

// readBody reads a request's XML body and parses it, answering 413 when it
// is too large and 400 when it does not parse.
func readBody[T any](w http.ResponseWriter, r *http.Request, parse func([]byte) (T, error)) (T, bool) {
	var zero T
	body, err := io.ReadAll(r.Body)
	if err != nil {
		davError(w, http.StatusRequestEntityTooLarge, "The request body is too large.")
		return zero, false
	}
	v, err := parse(body)
	if err != nil {
		davError(w, http.StatusBadRequest, err.Error())
		return zero, false
	}
	return v, true
}
