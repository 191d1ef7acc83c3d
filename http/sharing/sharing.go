// Package sharing serves what Hangup shares with other systems
// (docs/sharing.md): the blocklist and its sync, files for PBXs that can't
// call an API, the standard exports (STIX, MISP, CSV), all for API keys
// with the export scope, and the anonymous private lookup by hash prefix,
// with its own per-client limit. Package http mounts the routes with the
// rest of the API, and hands Authorize to the CardDAV address book.
package sharing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/export"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/screen"
)

// Deps are what the sharing endpoints read.
type Deps struct {
	Blocklist *blocklist.Service // required
	Keys      *screen.Keys       // API keys; nil refuses every export
	// AllowLookup applies the private lookup's own per-client limit;
	// false answers 429. nil: no limit of its own.
	AllowLookup func(*http.Request) bool
	// PublicURL returns the site's address, for links in the exports
	// ("" for relative links).
	PublicURL func() string
	Logger    *slog.Logger
}

// Handler serves the sharing endpoints.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the sharing handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Routes are the sharing endpoints, all documented in openapi.json.
func (h *Handler) Routes() []web.Route {
	return []web.Route{
		{Method: "GET", Path: "/api/v1/blocklist", Handler: h.apiBlocklist},
		{Method: "GET", Path: "/api/v1/blocklist/file", Handler: h.apiBlocklistFile},
		{Method: "GET", Path: "/api/v1/lookup/{prefix}", Handler: h.apiLookup},
		{Method: "GET", Path: "/api/v1/export/stix", Handler: h.apiExportSTIX},
		{Method: "GET", Path: "/api/v1/export/misp", Handler: h.apiExportMISP},
		{Method: "GET", Path: "/api/v1/export/csv", Handler: h.apiExportCSV},
	}
}

// Authorize checks that r carries an API key with the export scope. Keys
// are taken as for screening (Bearer, Basic, X-API-Key, ?key=).
func (h *Handler) Authorize(r *http.Request) error {
	if h.deps.Keys == nil {
		return hangup.Errorf(hangup.EUNAUTHORIZED, "This server has no API keys: make one with \"hangup apikey add --name NAME --scopes export\".")
	}
	c, err := h.deps.Keys.Authenticate(web.APIKey(r))
	if err != nil {
		if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
			return hangup.Errorf(hangup.EUNAUTHORIZED, "The blocklist and exports need an API key with the export scope: send it as \"Authorization: Bearer KEY\". Make one with \"hangup apikey add --name NAME --scopes export\".")
		}
		return err
	}
	if !c.Key.HasScope(hangup.ScopeExport) {
		return hangup.Errorf(hangup.EFORBIDDEN, "This API key may not read the blocklist: it lacks the export scope (hangup apikey set --name %s --scopes %s).",
			c.Key.Name, strings.Join(append(c.Key.Scopes, hangup.ScopeExport), ","))
	}
	return nil
}

// shareError answers a refused or failed share request.
func (h *Handler) shareError(w http.ResponseWriter, r *http.Request, err error) {
	if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="hangup export"`)
	}
	web.APIError(h.log, w, r, err)
}

// apiBlocklist answers GET /api/v1/blocklist?since=VERSION: the changes
// since the version, or the whole list when since is absent, too old or
// unknown here. The ETag names the answer (its version and what it is
// relative to), so a client repeating a request gets 304 until the list
// changes.
func (h *Handler) apiBlocklist(w http.ResponseWriter, r *http.Request) {
	if err := h.Authorize(r); err != nil {
		h.shareError(w, r, err)
		return
	}
	var since *int64
	if v := r.URL.Query().Get("since"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			web.APIError(h.log, w, r, hangup.Invalid("Bad version.", hangup.FieldError{Field: "since", Message: "must be a version number from an earlier answer (0 or more)"}))
			return
		}
		since = &n
	}
	version, err := h.deps.Blocklist.Version(r.Context())
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	if since != nil && *since == version && web.ETagMatch(r, blocklistETag(version, since)) {
		notModified(w, blocklistETag(version, since))
		return
	}
	if since == nil && web.ETagMatch(r, blocklistETag(version, nil)) {
		notModified(w, blocklistETag(version, nil))
		return
	}
	c, err := h.deps.Blocklist.Since(r.Context(), since)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	etag := blocklistETag(c.Version, since)
	if c.Snapshot {
		etag = blocklistETag(c.Version, nil)
	}
	if web.ETagMatch(r, etag) {
		notModified(w, etag)
		return
	}
	w.Header().Set("ETag", etag)
	writeShared(w, blocklist.ResponseOf(c))
}

func blocklistETag(version int64, since *int64) string {
	if since == nil {
		return fmt.Sprintf(`"bl-%d"`, version)
	}
	return fmt.Sprintf(`"bl-%d-since-%d"`, version, *since)
}

func notModified(w http.ResponseWriter, etag string) {
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusNotModified)
}

// writeShared writes v as JSON that clients may keep and revalidate.
func writeShared(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// apiBlocklistFile answers GET /api/v1/blocklist/file?format=text|csv
// &digits=true: the list for PBXs that can't call an API (Asterisk,
// FreePBX), highest confidence first.
func (h *Handler) apiBlocklistFile(w http.ResponseWriter, r *http.Request) {
	if err := h.Authorize(r); err != nil {
		h.shareError(w, r, err)
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = blocklist.FormatText
	}
	if format != blocklist.FormatText && format != blocklist.FormatCSV {
		web.APIError(h.log, w, r, hangup.Invalid("Unknown file format.", hangup.FieldError{Field: "format", Message: "must be text or csv"}))
		return
	}
	digits := false
	if v := q.Get("digits"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			web.APIError(h.log, w, r, hangup.Invalid("Bad parameter.", hangup.FieldError{Field: "digits", Message: "must be true or false"}))
			return
		}
		digits = b
	}
	if err := h.deps.Blocklist.Fresh(r.Context()); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	view := h.deps.Blocklist.View()
	etag := fmt.Sprintf(`"blf-%d-%s-%t"`, view.Version, format, digits)
	if web.ETagMatch(r, etag) {
		notModified(w, etag)
		return
	}
	entries, err := h.deps.Blocklist.Entries(r.Context(), blocklist.EntryOptions{ByConfidence: true})
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := blocklist.WriteFile(&buf, format, digits, view.Version, entries); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	ct := "text/plain; charset=utf-8"
	if format == blocklist.FormatCSV {
		ct = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Write(buf.Bytes())
}

// LookupResponse is the answer of GET /api/v1/lookup/{prefix}.
type LookupResponse struct {
	Prefix  string            `json:"prefix"`
	Version int64             `json:"version"`
	Matches []blocklist.Match `json:"matches"`
}

// apiLookup answers GET /api/v1/lookup/{prefix}: the listings whose
// number's SHA-256 starts with the prefix. The client hashes the number
// itself and compares the full hashes, so the number is never sent.
// Anonymous, with its own rate limit per client against enumeration.
func (h *Handler) apiLookup(w http.ResponseWriter, r *http.Request) {
	if h.deps.AllowLookup != nil && !h.deps.AllowLookup(r) {
		web.APIError(h.log, w, r, &hangup.Error{Code: hangup.ERATELIMIT, RetryAfter: time.Minute,
			Message: "Too many lookups from your address. Please wait a minute and try again."})
		return
	}
	prefix := r.PathValue("prefix")
	matches, err := h.deps.Blocklist.Lookup(prefix)
	if err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, LookupResponse{Prefix: strings.ToLower(prefix), Version: h.deps.Blocklist.View().Version, Matches: matches})
}

// feed reads the export feed: the published entries at or above
// min_confidence, with the organisations impersonated.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) (*export.Feed, bool) {
	if err := h.Authorize(r); err != nil {
		h.shareError(w, r, err)
		return nil, false
	}
	min := 0.0
	if v := r.URL.Query().Get("min_confidence"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			web.APIError(h.log, w, r, hangup.Invalid("Bad confidence.", hangup.FieldError{Field: "min_confidence", Message: "must be a number from 0 to 1, e.g. 0.9"}))
			return nil, false
		}
		min = f
	}
	if err := h.deps.Blocklist.Fresh(r.Context()); err != nil {
		web.APIError(h.log, w, r, err)
		return nil, false
	}
	version := h.deps.Blocklist.View().Version
	entries, err := h.deps.Blocklist.Entries(r.Context(), blocklist.EntryOptions{MinConfidence: min, Organisations: true})
	if err != nil {
		web.APIError(h.log, w, r, err)
		return nil, false
	}
	return export.FromEntries(h.publicURL(), time.Now(), version, entries), true
}

// apiExportSTIX answers GET /api/v1/export/stix with a STIX 2.1 bundle.
func (h *Handler) apiExportSTIX(w http.ResponseWriter, r *http.Request) {
	if f, ok := h.feed(w, r); ok {
		writeShared(w, export.STIX(f))
	}
}

// apiExportMISP answers GET /api/v1/export/misp with a MISP event.
func (h *Handler) apiExportMISP(w http.ResponseWriter, r *http.Request) {
	if f, ok := h.feed(w, r); ok {
		writeShared(w, export.MISP(f))
	}
}

// apiExportCSV answers GET /api/v1/export/csv.
func (h *Handler) apiExportCSV(w http.ResponseWriter, r *http.Request) {
	f, ok := h.feed(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := export.CSV(&buf, f); err != nil {
		web.APIError(h.log, w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="hangup-blocklist.csv"`)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Write(buf.Bytes())
}

func (h *Handler) publicURL() string {
	if h.deps.PublicURL == nil {
		return ""
	}
	return h.deps.PublicURL()
}
