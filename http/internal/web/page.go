package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/hangup-org/hangup"
)

// Page is what every page's view model carries for the layout.
type Page struct {
	Title   string
	Version string
	CSRF    string       // the form token for this browser or session
	User    *hangup.User // the signed-in user, if any
}

// PageTitle lets the layout read the title through any view model.
func (p Page) PageTitle() string { return p.Title }

// Site renders the HTML pages: one parsed template set per page, the form
// tokens, and the version the footer shows. Every page handler, in package
// http or under it, renders and refuses through it.
type Site struct {
	version string
	csrfKey []byte
	log     *slog.Logger
	byName  map[string]*template.Template
}

// NewSite parses every page of templates (a directory "templates" of
// NAME.html files) with the layout and the partials (files whose names
// start with "_": pieces several pages share, such as the answer at the
// top of every result), failing on a broken one. csrfKey signs the form
// tokens.
func NewSite(templates fs.FS, funcs template.FuncMap, version string, csrfKey []byte, log *slog.Logger) (*Site, error) {
	names, err := fs.Glob(templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templates, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	s := &Site{version: version, csrfKey: csrfKey, log: log, byName: map[string]*template.Template{}}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		files := append([]string{"templates/layout.html", name}, partials...)
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templates, files...)
		if err != nil {
			return nil, fmt.Errorf("http: template %s: %w", name, err)
		}
		s.byName[base] = t
	}
	return s, nil
}

// Render executes a page into a buffer first, so a template error gives a
// clean 500 instead of half a page.
func (s *Site) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.byName[name]
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

// Page builds the layout data of a page for request r.
func (s *Site) Page(r *http.Request, title string) Page {
	return Page{Title: title, Version: s.version, CSRF: s.CSRFToken(r), User: UserFrom(r.Context())}
}

// ErrorPage shows an error in plain words.
type ErrorPage struct {
	Page
	Heading string
	Message string
}

// Error answers err with the error page, logging it as LogError does.
func (s *Site) Error(w http.ResponseWriter, r *http.Request, err error) {
	LogError(s.log, r, err)
	SetRetryAfter(w, err)
	status := StatusCode(err)
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
	s.Render(w, r, status, "error", ErrorPage{Page: s.Page(r, heading), Heading: heading, Message: hangup.ErrorMessage(err)})
}

// NotFound answers with the error page for an address with nothing at it.
func (s *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is nothing at this address. Go back to the start to check a call."))
}
