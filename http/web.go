package http

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// pages holds one parsed template set per page: the layout plus the page.
type pages struct {
	byName map[string]*template.Template
}

var funcs = template.FuncMap{
	"telHref": func(n string) template.URL {
		var b strings.Builder
		for _, r := range n {
			if r == '+' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return template.URL("tel:" + b.String())
	},
	"isURL": func(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") },
	"policyLabel": func(c hangup.PolicyCode) string {
		return policyLabels[c]
	},
	"policyCode": func(s string) hangup.PolicyCode { return hangup.PolicyCode(s) },
	"roleLabel": func(r hangup.NumberRole) string {
		switch r {
		case hangup.RoleCallsOut:
			return "They may call you from this number"
		case hangup.RoleReceivesOnly:
			return "For calling them only: they never call out from it"
		case hangup.RoleSupport:
			return "Support line: call them on this"
		}
		return string(r)
	},
	"checked":     func(set map[string]bool, k string) bool { return set[k] },
	"siteVerdict": siteVerdictLabel,
	"highlight":   highlight,
	"money":       report.FormatMoney,
	"linkKind":    hangup.LinkKindLabel,
	"source":      hangup.SourceLabel,
	"add":         func(a, b int) int { return a + b },
	"scamType":    func(s string) string { return hangup.ScamType(s).Label() },
	"join":        strings.Join,
	"lower":       strings.ToLower,
	// host shows a source's web address by its site: the link keeps the
	// whole address, the page stays short.
	"host": func(s string) string {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return strings.TrimPrefix(u.Host, "www.")
		}
		return s
	},
	// bare writes a web address without its scheme, as people read it.
	"bare": func(s string) string {
		return strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://"), "/")
	},
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

// highlight returns text, escaped, with the indicators' evidence marked. It
// works on the indicators' byte offsets into text; spans out of range or in
// the middle of a character are skipped rather than trusted.
func highlight(text string, inds []hangup.Indicator) template.HTML {
	type span struct{ start, end int }
	var spans []span
	for _, in := range inds {
		a, b := in.ByteStart, in.ByteEnd
		if a < 0 || b > len(text) || a >= b || !utf8.RuneStart(text[a]) || (b < len(text) && !utf8.RuneStart(text[b])) {
			continue
		}
		spans = append(spans, span{a, b})
	}
	slices.SortFunc(spans, func(x, y span) int { return x.start - y.start })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	var b strings.Builder
	pos := 0
	for _, sp := range merged {
		b.WriteString(template.HTMLEscapeString(text[pos:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		pos = sp.end
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

var policyLabels = map[hangup.PolicyCode]string{
	hangup.PolicyNoUnsolicitedCalls:  "Never calls you out of the blue",
	hangup.PolicyExistingCustomers:   "Only calls its existing customers",
	hangup.PolicyNoRemoteAccess:      "Never asks you to install remote-access software",
	hangup.PolicyNoGiftCardsOrCrypto: "Never asks for payment in gift cards or cryptocurrency",
	hangup.PolicyNoPasswords:         "Never asks for passwords, PINs or codes",
	hangup.PolicyNoPremiumRate:       "Has no premium-rate numbers",
	hangup.PolicyNoSafeAccount:       "Never asks you to move money to a \"safe account\"",
	hangup.PolicyNoNumberInErrors:    "Its error messages never show a phone number",
	hangup.PolicyNoBankDetails:       "Never asks for bank or card details on a call",
	hangup.PolicyNoThreats:           "Never threatens arrest or legal action on a call",
	hangup.PolicyNoRedeliveryFee:     "Never asks for a redelivery or customs fee by phone or text",
	hangup.PolicyNoPaymentByPhone:    "Never demands payment over the phone",
	hangup.PolicyNoCashCollection:    "Never sends someone to collect cash, cards or valuables",
	hangup.PolicyNoLinksInTexts:      "Never sends texts or emails with links asking for your details",
	hangup.PolicyNoPersonalDetails:   "Never asks for your personal details out of the blue",
}

// loadPages parses each page with the layout and the partials (files whose
// names start with "_": pieces several pages share, such as the answer at
// the top of every result).
func loadPages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templateFS, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		files := append([]string{"templates/layout.html", name}, partials...)
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return nil, fmt.Errorf("http: template %s: %w", name, err)
		}
		p.byName[base] = t
	}
	return p, nil
}

// Page is what every page's view model carries for the layout.
type Page struct {
	Title   string
	Version string
	CSRF    string       // the form token for this browser or session
	User    *hangup.User // the signed-in user, if any
}

// PageTitle lets the layout read the title through any view model.
func (p Page) PageTitle() string { return p.Title }

// render executes a page into a buffer first, so a template error gives a
// clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.log.Error("no such page template", "page", name)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// ErrorPage shows an error in plain words.
type ErrorPage struct {
	Page
	Heading string
	Message string
}

func (s *Server) webError(w http.ResponseWriter, r *http.Request, err error) {
	s.logError(r, err)
	web.SetRetryAfter(w, err)
	status := web.StatusCode(err)
	heading := "Something went wrong"
	switch status {
	case http.StatusNotFound:
		heading = "We couldn't find that page"
	case http.StatusTooManyRequests:
		heading = "Please slow down"
	case http.StatusRequestEntityTooLarge:
		heading = "That was too much text"
	case http.StatusBadRequest:
		heading = "There is a problem"
	}
	if status == http.StatusForbidden {
		heading = "We couldn't send that"
	}
	if status == http.StatusUnauthorized {
		heading = "Please sign in"
	}
	s.render(w, r, status, "error", ErrorPage{Page: s.pageFor(r, heading), Heading: heading, Message: hangup.ErrorMessage(err)})
}

func (s *Server) webNotFound(w http.ResponseWriter, r *http.Request) {
	s.webError(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is nothing at this address. Go back to the start to check a call."))
}

// pageFor builds the layout data of a page for request r.
func (s *Server) pageFor(r *http.Request, title string) Page {
	return Page{Title: title, Version: s.cfg.Version, CSRF: s.csrfToken(r), User: userFrom(r.Context())}
}
