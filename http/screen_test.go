package http

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/metrics"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/registry/registrytest"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/stir"
	"github.com/hangup-org/hangup/stir/stirtest"
)

var screenNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

const screenX5U = "https://certs.example.test/sp.pem"

// screenServer is a server with call screening wired the way cmd/hangup
// wires it: real SQLite, registry, reputation, API keys and metrics, and a
// STIR/SHAKEN verifier trusting a test CA.
type screenServer struct {
	*Server
	db      *sqlite.DB
	rep     *reputation.Service
	keys    *screen.Keys
	metrics *metrics.Metrics
	sp      *stirtest.SP
	secret  string // an API key with the default policy and limits
}

func newScreenServer(t testing.TB, cfg Config) *screenServer {
	t.Helper()
	ctx := context.Background()
	p, err := phone.New(phone.Config{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "screen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(ctx, db, p, true)
	if err != nil {
		t.Fatal(err)
	}
	registrytest.SetRole(t, reg, "imex", hangup.RoleCallsOut) // the "(verified)" label needs a number IMEX calls from
	rep := reputation.New(reputation.DefaultConfig(), db)
	rep.SetClock(func() time.Time { return screenNow })
	if err := rep.Load(ctx); err != nil {
		t.Fatal(err)
	}
	ca := stirtest.NewCA(t)
	sp := ca.IssueSP("1234", stirtest.SPOptions{})
	v, err := stir.NewVerifier(stir.Config{TrustAnchors: ca.Pool(), Fetcher: stir.MapFetcher{screenX5U: sp.Chain}, Now: func() time.Time { return screenNow }})
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	eng, err := screen.New(screen.Config{Numbers: p, Verifier: v, Now: func() time.Time { return screenNow }, Observer: m})
	if err != nil {
		t.Fatal(err)
	}
	eng.SetRegistry(reg.Snapshot())
	eng.SetReputation(rep.Index())
	rep.OnSwap(eng.SetReputation)
	secret, prefix, hash, _ := screen.NewKeySecret()
	if err := db.CreateAPIKey(ctx, &hangup.APIKey{Name: "pbx", Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	keys := screen.NewKeys(db, screen.KeysConfig{})
	if err := keys.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(cfg, Deps{Checker: check.New(p, reg), Numbers: p, Registry: reg, Screen: eng, ScreenKeys: keys, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	return &screenServer{Server: s, db: db, rep: rep, keys: keys, metrics: m, sp: sp, secret: secret}
}

// addKey stores another key and reloads the key set.
func (ss *screenServer) addKey(t testing.TB, k hangup.APIKey) string {
	t.Helper()
	secret, prefix, hash, _ := screen.NewKeySecret()
	k.Prefix, k.Hash = prefix, hash
	if k.Policy == (hangup.ScreenPolicy{}) {
		k.Policy = hangup.DefaultScreenPolicy()
	}
	if err := ss.db.CreateAPIKey(context.Background(), &k); err != nil {
		t.Fatal(err)
	}
	if err := ss.keys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

func (ss *screenServer) do(t testing.TB, method, target string, hdr map[string]string, body string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	ss.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func (ss *screenServer) identity(from, to string) string {
	return ss.sp.Identity(stirtest.Claims{Orig: strings.TrimPrefix(from, "+"), Dest: []string{strings.TrimPrefix(to, "+")}, IAT: screenNow}, screenX5U)
}

func TestScreenAPI(t *testing.T) {
	ss := newScreenServer(t, DefaultConfig())
	doc := loadOpenAPI(t)
	bearer := map[string]string{"Authorization": "Bearer " + ss.secret}
	jsonBearer := map[string]string{"Authorization": "Bearer " + ss.secret, "Content-Type": "application/json"}
	valid := ss.identity("+447400123456", "+442079460000")
	tampered := strings.Replace(valid, ".", ".e30", 1) // another payload: the signature no longer fits

	tests := []struct {
		name, method, target string
		hdr                  map[string]string
		body                 string
		status               int
		action               hangup.ScreenAction
		verstat              string
		errCode              string
	}{
		{"GET premium rate caller", "GET", "/api/v1/screen?from=%2B449061234567&to=%2B442079460000", bearer, "", 200, hangup.ActionBlock, "No-TN-Validation", ""},
		{"GET with an unencoded +", "GET", "/api/v1/screen?from=+449061234567&to=+442079460000", bearer, "", 200, hangup.ActionBlock, "No-TN-Validation", ""},
		{"GET verified organisation", "GET", "/api/v1/screen?from=01793+781800&to=%2B442079460000", bearer, "", 200, hangup.ActionLabel, "No-TN-Validation", ""},
		{"GET UK landline from abroad", "GET", "/api/v1/screen?from=%2B442079460001&to=%2B447400123456&international=true", bearer, "", 200, hangup.ActionBlock, "No-TN-Validation", ""},
		{"GET valid SHAKEN", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&identity=" + url.QueryEscape(valid), bearer, "", 200, hangup.ActionAllow, "TN-Validation-Passed", ""},
		{"GET tampered SHAKEN", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&identity=" + url.QueryEscape(tampered), bearer, "", 200, hangup.ActionLabel, "TN-Validation-Failed", ""},
		{"GET empty identity ignored", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&identity=", bearer, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"POST JSON", "POST", "/api/v1/screen", jsonBearer, `{"from":"sip:+449061234567@carrier;user=phone","to":"+442079460000"}`, 200, hangup.ActionBlock, "No-TN-Validation", ""},
		{"POST identity as a string", "POST", "/api/v1/screen", jsonBearer, `{"from":"+447400123456","to":"+442079460000","identity":"` + valid + `"}`, 200, hangup.ActionAllow, "TN-Validation-Passed", ""},
		{"POST identity as a list", "POST", "/api/v1/screen", jsonBearer, `{"from":"+447400123456","to":"+442079460000","identity":["` + tampered + `"]}`, 200, hangup.ActionLabel, "TN-Validation-Failed", ""},
		{"X-API-Key header", "GET", "/api/v1/screen?from=%2B447400123456&to=999", map[string]string{"X-API-Key": ss.secret}, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"key in the query", "GET", "/api/v1/screen?from=%2B447400123456&to=999&key=" + ss.secret, nil, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"Basic auth (Twilio)", "GET", "/api/v1/screen?from=%2B447400123456&to=999", map[string]string{"Authorization": "Basic " + basic("x", ss.secret)}, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"garbage identity", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&identity=...%3Binfo%3D%3Chttps%3A%2F%2F127.0.0.1%2Fx%3E", bearer, "", 200, hangup.ActionLabel, "TN-Validation-Failed", ""},
		{"no key", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000", nil, "", 401, "", "", hangup.EUNAUTHORIZED},
		{"wrong key", "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000", map[string]string{"Authorization": "Bearer hk_nope"}, "", 401, "", "", hangup.EUNAUTHORIZED},
		{"nothing to screen", "GET", "/api/v1/screen", bearer, "", 400, "", "", hangup.EINVALID},
		{"bad international", "GET", "/api/v1/screen?from=1&to=2&international=maybe", bearer, "", 400, "", "", hangup.EINVALID},
		{"unknown field", "POST", "/api/v1/screen", jsonBearer, `{"from":"+447400123456","caller":"x"}`, 400, "", "", hangup.EINVALID},
		{"not JSON", "POST", "/api/v1/screen", jsonBearer, `{"from":`, 400, "", "", hangup.EINVALID},
		{"wrong content type", "POST", "/api/v1/screen", bearer, `{}`, 415, "", "", hangup.EUNSUPPORTED},
		{"giant body", "POST", "/api/v1/screen", jsonBearer, `{"from":"` + strings.Repeat("1", 70000) + `"}`, 413, "", "", hangup.ETOOLARGE},
		{"too many identities", "POST", "/api/v1/screen", jsonBearer, `{"from":"+447400123456","identity":[` + strings.TrimSuffix(strings.Repeat(`"x",`, 40), ",") + `]}`, 413, "", "", hangup.ETOOLARGE},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.do(t, tc.method, tc.target, tc.hdr, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			op := doc.Paths[strings.Split(tc.target, "?")[0]][strings.ToLower(tc.method)]
			resp, ok := op.Responses[fmt.Sprint(r.status)]
			if !ok {
				t.Fatalf("status %d is not in openapi.json", r.status)
			}
			checkResponse(t, doc, resp, r.body)
			if tc.errCode != "" {
				if e := decodeBody[web.ErrorBody](t, r); e.Error.Code != tc.errCode {
					t.Errorf("error code %s, want %s", e.Error.Code, tc.errCode)
				}
				if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				return
			}
			d := decodeBody[hangup.Decision](t, r)
			if d.Action != tc.action || d.Verstat != tc.verstat {
				t.Errorf("got %s %s, want %s %s (%+v)", d.Action, d.Verstat, tc.action, tc.verstat, d.Reasons)
			}
			if d.Action == hangup.ActionBlock && (d.SIP.Code != 603 || d.SIP.Reason == "") {
				t.Errorf("block without 603 and Reason: %+v", d.SIP)
			}
		})
	}
}

func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}

func TestScreenText(t *testing.T) {
	ss := newScreenServer(t, DefaultConfig())
	q := "?from=%2B449061234567&to=%2B442079460000&key=" + ss.secret
	for _, tc := range []struct {
		name, target string
		status       int
		body         string
	}{
		{"text, block", "/api/v1/screen/text" + q, 200, "block|603|No-TN-Validation|screen.caller_premium_rate|Suspected scam\n"},
		{"text, verified organisation", "/api/v1/screen/text?from=%2B441793781800&to=%2B442079460000&key=" + ss.secret, 200, "label|0|No-TN-Validation|screen.verified_organisation|IMEX (verified)\n"},
		{"text, plain call", "/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000&key=" + ss.secret, 200, "allow|0|No-TN-Validation||\n"},
		{"text, no key", "/api/v1/screen/text?from=1&to=2", 401, "error|unauthorized|"},
		{"name, block", "/api/v1/screen/name" + q, 200, "Suspected scam"},
		{"name, nothing to say", "/api/v1/screen/name?from=%2B447400123456&to=%2B442079460000&key=" + ss.secret, 200, ""},
		{"name, bad request", "/api/v1/screen/name?key=" + ss.secret, 400, "error|invalid|"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.do(t, "GET", tc.target, nil, "")
			if r.status != tc.status || !strings.HasPrefix(string(r.body), tc.body) || (tc.status == 200 && string(r.body) != tc.body) {
				t.Errorf("got %d %q, want %d %q", r.status, r.body, tc.status, tc.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func TestScreenRateLimitPerKey(t *testing.T) {
	ss := newScreenServer(t, DefaultConfig())
	slow := ss.addKey(t, hangup.APIKey{Name: "slow", RateLimit: 0.5, RateBurst: 3})
	target := "/api/v1/screen?from=%2B447400123456&to=%2B442079460000"
	for i := range 3 {
		if r := ss.do(t, "GET", target, map[string]string{"X-API-Key": slow}, ""); r.status != 200 {
			t.Fatalf("call %d within the burst: %d %s", i, r.status, r.body)
		}
	}
	r := ss.do(t, "GET", target, map[string]string{"X-API-Key": slow}, "")
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("a flood from one key: %d %s, want 429 with Retry-After", r.status, r.body)
	}
	// Another key from the same address is unaffected: limits are per key.
	if r := ss.do(t, "GET", target, map[string]string{"X-API-Key": ss.secret}, ""); r.status != 200 {
		t.Errorf("the other key: %d", r.status)
	}
	// The per-address limit of the rest of the API does not apply: a PBX
	// sends every call from one address.
	for i := range 100 {
		if r := ss.do(t, "GET", target, map[string]string{"X-API-Key": ss.secret}, ""); r.status != 200 {
			t.Fatalf("call %d from one address with a generous key: %d", i, r.status)
		}
	}
}

func TestScreenKeysOff(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ScreenNoKeys = true
	cfg.RateLimit, cfg.RateBurst = 1, 2
	ss := newScreenServer(t, cfg)
	target := "/api/v1/screen?from=%2B449061234567&to=%2B442079460000"
	for i := range 2 {
		if r := ss.do(t, "GET", target, nil, ""); r.status != 200 {
			t.Fatalf("call %d without a key: %d %s", i, r.status, r.body)
		}
	}
	if r := ss.do(t, "GET", target, nil, ""); r.status != 429 {
		t.Errorf("keys off: the per-address limit still applies, got %d", r.status)
	}
}

func TestScreenNotConfigured(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	r := do(t, s, "GET", "/api/v1/screen?from=1&to=2", "", "")
	if r.status != 503 {
		t.Errorf("no screening engine: %d %s", r.status, r.body)
	}
}

func TestTwilio(t *testing.T) {
	ss := newScreenServer(t, DefaultConfig())
	form := func(from, verstat string) string {
		return url.Values{"From": {from}, "To": {"+442079460000"}, "StirVerstat": {verstat}, "CallSid": {"CA123"}}.Encode()
	}
	hdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic(ss.secret, "")}
	for _, tc := range []struct {
		name, query, body string
		status            int
		want              []string
	}{
		{"block", "?forward=%2B447400123456", form("+449061234567", ""), 200, []string{`<Reject reason="rejected"/>`}},
		{"allow to a number", "?forward=%2B447400123456", form("+447400999999", "TN-Validation-Passed-A"), 200, []string{"<Dial><Number>+447400123456</Number></Dial>"}},
		{"label to a number whispers", "?forward=%2B447400123456", form("+441793781800", ""), 200, []string{`<Number url="/twilio/v1/whisper?label=IMEX+%28verified%29">`}},
		{"warn to a SIP URI carries headers", "?forward=sip%3Adesk%40pbx.example", form("+441632123456", ""), 200, []string{"<Sip>sip:desk@pbx.example?X-Hangup-Action=warn&amp;X-Hangup-Label=Suspected+scam&amp;X-Hangup-Reason=screen.caller_invalid</Sip>"}},
		{"no forward", "", form("+447400999999", ""), 400, []string{"error|invalid|"}},
		{"forward to a national number", "?forward=07400123456", form("+447400999999", ""), 400, []string{"forward"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.do(t, "POST", "/twilio/v1/voice"+tc.query, hdr, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(r.body), w) {
					t.Errorf("answer lacks %s:\n%s", w, r.body)
				}
			}
		})
	}
	r := ss.do(t, "POST", "/twilio/v1/voice?forward=%2B447400123456", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form("+449061234567", ""))
	if r.status != 401 {
		t.Errorf("webhook without a key: %d", r.status)
	}
	for label, want := range map[string]string{"Suspected scam": "<Say>Warning", "IMEX (verified)": "<Say>Verified caller: IMEX.</Say>", "Say this <evil>": "<Response/>"} {
		r := ss.do(t, "POST", "/twilio/v1/whisper?label="+url.QueryEscape(label), nil, "")
		if r.status != 200 || !strings.Contains(string(r.body), want) {
			t.Errorf("whisper %q: %d %s", label, r.status, r.body)
		}
	}
}

func TestATISVerification(t *testing.T) {
	ss := newScreenServer(t, DefaultConfig())
	doc := loadOpenAPI(t)
	hdr := map[string]string{"Content-Type": "application/json", "X-API-Key": ss.secret}
	valid := ss.identity("+12155551212", "+12155551213")
	body := func(identity string, time int64) string {
		b, _ := json.Marshal(map[string]any{"verificationRequest": map[string]any{"from": map[string]any{"tn": "12155551212"},
			"to": map[string]any{"tn": []string{"12155551213"}}, "time": time, "identity": identity}})
		return string(b)
	}
	for _, tc := range []struct {
		name, body string
		status     int
		verstat    string
		reasonCode int
	}{
		{"valid", body(valid, screenNow.Unix()), 200, "TN-Validation-Passed", 0},
		{"stale Date header", body(valid, screenNow.Add(-time.Hour).Unix()), 200, "TN-Validation-Failed", 403},
		{"tampered", body(strings.Replace(valid, ".", ".e30", 1), 0), 200, "TN-Validation-Failed", 438},
		{"no identity", `{"verificationRequest":{"from":{"tn":"1"},"to":{"tn":["2"]}}}`, 400, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.do(t, "POST", "/stir/v1/verification", hdr, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			checkResponse(t, doc, doc.Paths["/stir/v1/verification"]["post"].Responses[fmt.Sprint(r.status)], r.body)
			if tc.status != 200 {
				return
			}
			v := decodeBody[VerificationResponse](t, r).VerificationResponse
			if v.Verstat != tc.verstat || v.ReasonCode != tc.reasonCode {
				t.Errorf("got %+v, want %s %d", v, tc.verstat, tc.reasonCode)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MetricsKey = "metrics-secret-0123456789"
	ss := newScreenServer(t, cfg)
	// The figures are for the operator's monitoring only.
	for _, hdr := range []map[string]string{nil, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer " + ss.secret}} {
		if r := ss.do(t, "GET", "/metrics", hdr, ""); r.status != http.StatusUnauthorized {
			t.Errorf("GET /metrics with %v: %d, want 401", hdr, r.status)
		}
	}
	if r := newScreenServer(t, DefaultConfig()).do(t, "GET", "/metrics", nil, ""); r.status != http.StatusNotFound {
		t.Errorf("GET /metrics without a metrics key configured: %d, want 404", r.status)
	}
	for range 3 {
		ss.do(t, "GET", "/api/v1/screen?from=%2B449061234567&to=%2B442079460000&key="+ss.secret, nil, "")
	}
	ss.do(t, "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&key="+ss.secret, nil, "")
	ss.do(t, "GET", "/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000", nil, "")
	r := ss.do(t, "GET", "/metrics", map[string]string{"Authorization": "Bearer " + cfg.MetricsKey}, "")
	if r.status != 200 {
		t.Fatalf("GET /metrics: %d", r.status)
	}
	body, _ := io.ReadAll(strings.NewReader(string(r.body)))
	for _, want := range []string{
		`hangup_screen_decisions_total{action="block",reason="screen.caller_premium_rate"} 3`,
		`hangup_screen_decisions_total{action="allow",reason="none"} 1`,
		`hangup_screen_decision_seconds_count 4`,
		`hangup_screen_requests_total{interface="json",outcome="ok"} 4`,
		`hangup_screen_requests_total{interface="text",outcome="unauthorized"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
