package http

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
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

// screenAPIRoutes are the JSON endpoints of call screening, documented in
// openapi.json with the rest of the API.
func (s *Server) screenAPIRoutes() []apiRoute {
	return []apiRoute{
		{"GET", "/api/v1/screen", s.apiScreen},
		{"POST", "/api/v1/screen", s.apiScreen},
		{"POST", "/stir/v1/verification", s.apiVerification},
	}
}

// isScreenRoute reports whether an API route is a screening one: those are
// limited per API key, not per client address (a PBX sends every call from
// one address).
func isScreenRoute(path string) bool {
	return path == "/api/v1/screen" || path == "/stir/v1/verification"
}

// screenRoutes registers the screening endpoints, each behind the API key
// check, and the Prometheus metrics.
func (s *Server) screenRoutes() {
	ifaces := map[string]string{"/api/v1/screen": ifaceJSON, "/stir/v1/verification": ifaceATIS}
	for _, rt := range s.screenAPIRoutes() {
		s.mux.Handle(rt.method+" "+rt.path, s.screening(ifaces[rt.path], rt.handler))
	}
	s.mux.Handle("GET /api/v1/screen/text", s.screening(ifaceText, s.screenText))
	s.mux.Handle("GET /api/v1/screen/name", s.screening(ifaceName, s.screenName))
	s.mux.Handle("POST /twilio/v1/voice", s.screening(ifaceTwilio, s.twilioVoice))
	s.mux.Handle("POST /twilio/v1/whisper", s.bodyLimit(http.HandlerFunc(s.twilioWhisper), s.cfg.BodyLimit))
	if s.deps.Metrics != nil && s.cfg.MetricsKey != "" {
		s.mux.Handle("GET /metrics", s.metricsAuth(s.deps.Metrics.Handler()))
	}
}

// metricsAuth lets through requests bearing the metrics key: the figures
// say how many calls each kind of check stopped, which is no one else's
// business.
func (s *Server) metricsAuth(h http.Handler) http.Handler {
	want := []byte("Bearer " + s.cfg.MetricsKey)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="hangup metrics"`)
			http.Error(w, "Metrics need the metrics key: Authorization: Bearer <HANGUP_METRICS_KEY>.", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

type customerKey struct{}

// customerFrom returns the screening customer the request authenticated
// as; nil when keys are switched off.
func customerFrom(ctx context.Context) *screen.Customer {
	c, _ := ctx.Value(customerKey{}).(*screen.Customer)
	return c
}

// screening wraps a screening handler: body cap, engine present, API key
// (or, with keys switched off, the per-address limit), metrics.
func (s *Server) screening(iface string, h http.HandlerFunc) http.Handler {
	return s.bodyLimit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.deps.Screen == nil {
			s.screenError(w, r, iface, hangup.Errorf(hangup.EUNAVAILABLE, "Call screening is not configured on this server."))
			return
		}
		c, err := s.screenCustomer(r)
		if err != nil {
			s.screenError(w, r, iface, err)
			return
		}
		if c != nil {
			r = r.WithContext(context.WithValue(r.Context(), customerKey{}, c))
		}
		h(w, r)
	}), s.cfg.BodyLimit)
}

// screenCustomer authenticates a screening request by the API key it
// carries (web.APIKey says where a key may be sent).
func (s *Server) screenCustomer(r *http.Request) (*screen.Customer, error) {
	if s.cfg.ScreenNoKeys {
		if !s.limiter.Allow(s.clientKey(r), time.Now()) {
			return nil, hangup.Errorf(hangup.ERATELIMIT, "Too many requests. Please wait a moment and try again.")
		}
		return nil, nil
	}
	if s.deps.ScreenKeys == nil {
		return nil, hangup.Errorf(hangup.EUNAUTHORIZED, "This server has no API keys: make one with \"hangup apikey add\".")
	}
	c, err := s.deps.ScreenKeys.Authenticate(web.APIKey(r))
	if err == nil && !c.Key.HasScope(hangup.ScopeScreen) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "This API key may not screen calls: it lacks the screen scope.")
	}
	return c, err
}

// screenError answers a failed screening request in the form its interface
// reads: JSON for the JSON endpoints, a plain line for the others. Clients
// treat any non-200 answer as "no decision" and let the call through
// marked unscreened (fail open), as docs/integrations explains.
func (s *Server) screenError(w http.ResponseWriter, r *http.Request, iface string, err error) {
	if s.deps.Metrics != nil {
		s.deps.Metrics.Request(iface, outcomeOf(err))
	}
	if hangup.ErrorCode(err) == hangup.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="hangup screening"`)
	}
	switch iface {
	case ifaceJSON, ifaceATIS:
		s.apiError(w, r, err)
	default:
		s.logError(r, err)
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
func (s *Server) decide(w http.ResponseWriter, r *http.Request, iface string, render func(*hangup.ScreenRequest, *hangup.Decision)) {
	req, err := screenRequest(r)
	if err != nil {
		s.screenError(w, r, iface, err)
		return
	}
	d := decisions.Get().(*hangup.Decision)
	defer decisions.Put(d)
	if err := s.deps.Screen.ScreenTo(r.Context(), &req, customerFrom(r.Context()), d); err != nil {
		s.screenError(w, r, iface, err)
		return
	}
	if s.deps.Metrics != nil {
		s.deps.Metrics.Request(iface, "ok")
	}
	render(&req, d)
}

// apiScreen answers GET and POST /api/v1/screen with the decision as JSON.
func (s *Server) apiScreen(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, ifaceJSON, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
		buf := jsonBuffers.Get().(*bytes.Buffer)
		defer jsonBuffers.Put(buf)
		buf.Reset()
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(d); err != nil {
			s.screenError(w, r, ifaceJSON, err)
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
func (s *Server) screenText(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, ifaceText, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
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
func (s *Server) screenName(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, ifaceName, func(_ *hangup.ScreenRequest, d *hangup.Decision) {
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
