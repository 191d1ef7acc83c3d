// Package telephony answers phone systems over HTTP: call screening for
// SIP proxies and PBXs (JSON, a one-line text answer and a caller name),
// Twilio's voice webhooks, and the ATIS-1000082 STIR/SHAKEN verification
// service an SBC calls. Every decision is the screen engine's; this
// package reads the request in the form each client sends and answers in
// the form it reads. Package http mounts the routes behind its body limit.
package telephony

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/screen"
)

// Screening interfaces, as the requests metric names them.
const (
	ifaceJSON   = "json"
	ifaceText   = "text"
	ifaceName   = "name"
	ifaceTwilio = "twilio"
	ifaceATIS   = "atis"
)

// Config holds the screening settings.
type Config struct {
	// NoKeys switches API keys off (local use: a PBX on the same host).
	// Requests are then limited per client by Deps.Allow.
	NoKeys bool
}

// Deps are what the handlers screen with.
type Deps struct {
	Screen  *screen.Engine   // nil answers 503
	Keys    *screen.Keys     // API keys of screening clients
	Metrics *metrics.Metrics // counts requests by interface and outcome; nil counts nothing
	// Allow applies the server's per-client limit to a request when keys
	// are off; false answers 429.
	Allow  func(*http.Request) bool
	Logger *slog.Logger
}

// Handler serves the screening endpoints.
type Handler struct {
	cfg  Config
	deps Deps
	log  *slog.Logger
}

// New returns the screening handlers.
func New(cfg Config, deps Deps) *Handler {
	return &Handler{cfg: cfg, deps: deps, log: web.Logger(deps.Logger)}
}

// Route is one screening endpoint.
type Route struct {
	Method, Path string
	Handler      http.Handler
	// Documented marks the JSON endpoints, described in openapi.json with
	// the rest of the API.
	Documented bool
}

// Routes are the screening endpoints, each behind the API key check and
// counted in the metrics (but the Twilio whisper, which only reads out
// a known label). They are limited per API key, not per client address: a
// PBX sends every call from one address.
func (h *Handler) Routes() []Route {
	return []Route{
		{"GET", "/api/v1/screen", h.screening(ifaceJSON, h.apiScreen), true},
		{"POST", "/api/v1/screen", h.screening(ifaceJSON, h.apiScreen), true},
		{"POST", "/stir/v1/verification", h.screening(ifaceATIS, h.apiVerification), true},
		{"GET", "/api/v1/screen/text", h.screening(ifaceText, h.screenText), false},
		{"GET", "/api/v1/screen/name", h.screening(ifaceName, h.screenName), false},
		{"POST", "/twilio/v1/voice", h.screening(ifaceTwilio, h.twilioVoice), false},
		{"POST", "/twilio/v1/whisper", http.HandlerFunc(h.twilioWhisper), false},
	}
}

type customerKey struct{}

// customerFrom returns the screening customer the request authenticated
// as; nil when keys are switched off.
func customerFrom(ctx context.Context) *screen.Customer {
	c, _ := ctx.Value(customerKey{}).(*screen.Customer)
	return c
}

// screening wraps a screening handler: engine present, API key (or, with
// keys switched off, the per-client limit), metrics.
func (h *Handler) screening(iface string, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.deps.Screen == nil {
			h.screenError(w, r, iface, hangup.Errorf(hangup.EUNAVAILABLE, "Call screening is not configured on this server."))
			return
		}
		c, err := h.screenCustomer(r)
		if err != nil {
			h.screenError(w, r, iface, err)
			return
		}
		if c != nil {
			r = r.WithContext(context.WithValue(r.Context(), customerKey{}, c))
		}
		next(w, r)
	})
}

// screenCustomer authenticates a screening request by the API key it
// carries (web.APIKey says where a key may be sent).
func (h *Handler) screenCustomer(r *http.Request) (*screen.Customer, error) {
	if h.cfg.NoKeys {
		if h.deps.Allow != nil && !h.deps.Allow(r) {
			return nil, hangup.Errorf(hangup.ERATELIMIT, "Too many requests. Please wait a moment and try again.")
		}
		return nil, nil
	}
	if h.deps.Keys == nil {
		return nil, hangup.Errorf(hangup.EUNAUTHORIZED, "This server has no API keys: make one with \"hangup apikey add\".")
	}
	c, err := h.deps.Keys.Authenticate(web.APIKey(r))
	if err == nil && !c.Key.HasScope(hangup.ScopeScreen) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "This API key may not screen calls: it lacks the screen scope.")
	}
	return c, err
}

// screenError answers a failed screening request in the form its interface
// reads: JSON for the JSON endpoints, a plain line for the others. Clients
// treat any non-200 answer as "no decision" and let the call through
// marked unscreened (fail open), as docs/integrations explains.
func (h *Handler) screenError(w http.ResponseWriter, r *http.Request, iface string, err error) {
	if h.deps.Metrics != nil {
		h.deps.Metrics.Request(iface, outcomeOf(err))
	}
	if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="hangup screening"`)
	}
	switch iface {
	case ifaceJSON, ifaceATIS:
		web.APIError(h.log, w, r, err)
	default:
		web.LogError(h.log, r, err)
		status := web.StatusCode(err)
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		msg := hangup.ErrorMessage(err)
		for _, f := range hangup.ErrorFields(err) {
			msg += " " + f.Field + ": " + f.Message + "."
		}
		w.Write([]byte("error|" + hangup.ErrorCode(err) + "|" + oneLine(msg) + "\n"))
	}
}

func outcomeOf(err error) string {
	switch hangup.ErrorCode(err) {
	case hangup.EUNAUTHORIZED:
		return "unauthorized"
	case hangup.ERATELIMIT:
		return "rate_limited"
	case hangup.EINVALID, hangup.ETOOLARGE, hangup.EUNSUPPORTED:
		return "invalid"
	}
	return "error"
}

// screenBody is the JSON body of POST /api/v1/screen. identity may be one
// header value or a list of them.
type screenBody struct {
	From          string      `json:"from"`
	To            string      `json:"to"`
	Identity      stringOrArr `json:"identity"`
	Verstat       string      `json:"verstat"`
	International bool        `json:"international"`
}

type stringOrArr []string

// UnmarshalJSON accepts a string or an array of strings.
func (s *stringOrArr) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(s))
}

// screenRequest reads a screening request from the query (GET) or a JSON
// body (POST).
func screenRequest(r *http.Request) (hangup.ScreenRequest, error) {
	var req hangup.ScreenRequest
	if r.Method == http.MethodPost {
		var b screenBody
		if err := web.DecodeJSON(r, &b); err != nil {
			return req, err
		}
		req = hangup.ScreenRequest{From: b.From, To: b.To, Identity: b.Identity, Verstat: b.Verstat, International: b.International}
	} else {
		q := r.URL.Query()
		req = hangup.ScreenRequest{From: plusNumber(q.Get("from")), To: plusNumber(q.Get("to")), Identity: q["identity"], Verstat: q.Get("verstat")}
		if v := q.Get("international"); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return req, hangup.Invalid("Bad parameter.", hangup.FieldError{Field: "international", Message: "must be true or false"})
			}
			req.International = b
		}
	}
	// Empty Identity values are what a proxy sends when the INVITE has none.
	ids := req.Identity[:0]
	for _, id := range req.Identity {
		if strings.TrimSpace(id) != "" {
			ids = append(ids, id)
		}
	}
	req.Identity = ids
	if strings.TrimSpace(req.From) == "" && strings.TrimSpace(req.To) == "" {
		return req, hangup.Invalid("Say which call to screen.", hangup.FieldError{Field: "to", Message: "give the called number (to) and the caller (from; empty if withheld)"})
	}
	return req, nil
}

// plusNumber undoes a common client mistake: an E.164 number put in a
// URL without encoding its "+", which query decoding turns into a space
// (FreeSWITCH's mod_cidlookup and hand-written dialplans do this).
func plusNumber(v string) string {
	if len(v) > 1 && v[0] == ' ' && v[1] >= '1' && v[1] <= '9' {
		return "+" + v[1:]
	}
	return v
}

// decisions recycles decisions between requests: a screening server
// answers thousands a second and each would otherwise be garbage.
var decisions = sync.Pool{New: func() any { return new(hangup.Decision) }}

// decide screens r's call and calls render with the decision, which is
// recycled afterwards: render must not keep it.
func (h *Handler) decide(w http.ResponseWriter, r *http.Request, iface string, render func(*hangup.ScreenRequest, *hangup.Decision)) {
	req, err := screenRequest(r)
	if err != nil {
		h.screenError(w, r, iface, err)
		return
	}
	d := decisions.Get().(*hangup.Decision)
	defer decisions.Put(d)
	if err := h.deps.Screen.ScreenTo(r.Context(), &req, customerFrom(r.Context()), d); err != nil {
		h.screenError(w, r, iface, err)
		return
	}
	if h.deps.Metrics != nil {
		h.deps.Metrics.Request(iface, "ok")
	}
	render(&req, d)
}

// apiScreen answers GET and POST /api/v1/screen with the decision as JSON.
func (h *Handler) apiScreen(w http.ResponseWriter, r *http.Request) {
	h.decide(w, r, ifaceJSON, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
		buf := jsonBuffers.Get().(*bytes.Buffer)
		defer jsonBuffers.Put(buf)
		buf.Reset()
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(d); err != nil {
			h.screenError(w, r, ifaceJSON, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		w.Write(buf.Bytes())
	})
}

// jsonBuffers recycles the buffers decisions are encoded into, so that the
// answer goes out in one write with its length known.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// screenText answers GET /api/v1/screen/text with one line for SIP proxies
// that cannot parse JSON (Kamailio's http_client, OpenSIPS' rest_client with
// no JSON module): action|sip code|verstat|primary reason|label.
func (h *Handler) screenText(w http.ResponseWriter, r *http.Request) {
	h.decide(w, r, ifaceText, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		var b strings.Builder
		b.Grow(96)
		b.WriteString(string(d.Action))
		b.WriteByte('|')
		b.WriteString(strconv.Itoa(d.SIP.Code))
		b.WriteByte('|')
		b.WriteString(d.Verstat)
		b.WriteByte('|')
		b.WriteString(d.PrimaryReason())
		b.WriteByte('|')
		b.WriteString(oneLine(d.Label))
		b.WriteByte('\n')
		w.Write([]byte(b.String()))
	})
}

// screenName answers GET /api/v1/screen/name with just the label, the
// caller name FreeSWITCH's mod_cidlookup shows; empty when there is
// nothing to say, so the caller's own name stays.
func (h *Handler) screenName(w http.ResponseWriter, r *http.Request) {
	h.decide(w, r, ifaceName, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(oneLine(d.Label)))
	})
}

// oneLine keeps a value on one line of a '|'-separated answer.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "|\r\n") {
		return s
	}
	return strings.NewReplacer("|", "/", "\r", " ", "\n", " ").Replace(s)
}
