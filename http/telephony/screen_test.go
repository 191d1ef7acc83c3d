package telephony_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/http/internal/apitest"
	"github.com/hangup-org/hangup/http/internal/screentest"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/telephony"
)

// openAPI reads the API's document as the server serves it.
func openAPI(t *testing.T, ss *screentest.Server) apitest.Doc {
	t.Helper()
	r := ss.Do(t, "GET", "/api/v1/openapi.json", nil, "")
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json: %d", r.Status)
	}
	return apitest.Parse(t, r.Body)
}

func decodeBody[T any](t *testing.T, r screentest.Response) T {
	t.Helper()
	return apitest.Decode[T](t, r.Body)
}

func TestScreenAPI(t *testing.T) {
	ss := screentest.New(t, hhttp.DefaultConfig())
	doc := openAPI(t, ss)
	bearer := map[string]string{"Authorization": "Bearer " + ss.Secret}
	jsonBearer := map[string]string{"Authorization": "Bearer " + ss.Secret, "Content-Type": "application/json"}
	valid := ss.Identity("+447400123456", "+442079460000")
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
		{"X-API-Key header", "GET", "/api/v1/screen?from=%2B447400123456&to=999", map[string]string{"X-API-Key": ss.Secret}, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"key in the query", "GET", "/api/v1/screen?from=%2B447400123456&to=999&key=" + ss.Secret, nil, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
		{"Basic auth (Twilio)", "GET", "/api/v1/screen?from=%2B447400123456&to=999", map[string]string{"Authorization": "Basic " + basic("x", ss.Secret)}, "", 200, hangup.ActionAllow, "No-TN-Validation", ""},
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
			r := ss.Do(t, tc.method, tc.target, tc.hdr, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			op := doc.Paths[strings.Split(tc.target, "?")[0]][strings.ToLower(tc.method)]
			resp, ok := op.Responses[fmt.Sprint(r.Status)]
			if !ok {
				t.Fatalf("status %d is not in openapi.json", r.Status)
			}
			apitest.CheckResponse(t, doc, resp, r.Body)
			if tc.errCode != "" {
				if e := decodeBody[web.ErrorBody](t, r); e.Error.Code != tc.errCode {
					t.Errorf("error code %s, want %s", e.Error.Code, tc.errCode)
				}
				if tc.status == 401 && r.Header.Get("WWW-Authenticate") == "" {
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
	ss := screentest.New(t, hhttp.DefaultConfig())
	q := "?from=%2B449061234567&to=%2B442079460000&key=" + ss.Secret
	for _, tc := range []struct {
		name, target string
		status       int
		body         string
	}{
		{"text, block", "/api/v1/screen/text" + q, 200, "block|603|No-TN-Validation|screen.caller_premium_rate|Suspected scam\n"},
		{"text, verified organisation", "/api/v1/screen/text?from=%2B441793781800&to=%2B442079460000&key=" + ss.Secret, 200, "label|0|No-TN-Validation|screen.verified_organisation|IMEX (verified)\n"},
		{"text, plain call", "/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000&key=" + ss.Secret, 200, "allow|0|No-TN-Validation||\n"},
		{"text, no key", "/api/v1/screen/text?from=1&to=2", 401, "error|unauthorized|"},
		{"name, block", "/api/v1/screen/name" + q, 200, "Suspected scam"},
		{"name, nothing to say", "/api/v1/screen/name?from=%2B447400123456&to=%2B442079460000&key=" + ss.Secret, 200, ""},
		{"name, bad request", "/api/v1/screen/name?key=" + ss.Secret, 400, "error|invalid|"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.Do(t, "GET", tc.target, nil, "")
			if r.Status != tc.status || !strings.HasPrefix(string(r.Body), tc.body) || (tc.status == 200 && string(r.Body) != tc.body) {
				t.Errorf("got %d %q, want %d %q", r.Status, r.Body, tc.status, tc.body)
			}
			if ct := r.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func TestScreenRateLimitPerKey(t *testing.T) {
	ss := screentest.New(t, hhttp.DefaultConfig())
	slow := ss.AddKey(t, hangup.APIKey{Name: "slow", RateLimit: 0.5, RateBurst: 3})
	target := "/api/v1/screen?from=%2B447400123456&to=%2B442079460000"
	for i := range 3 {
		if r := ss.Do(t, "GET", target, map[string]string{"X-API-Key": slow}, ""); r.Status != 200 {
			t.Fatalf("call %d within the burst: %d %s", i, r.Status, r.Body)
		}
	}
	r := ss.Do(t, "GET", target, map[string]string{"X-API-Key": slow}, "")
	if r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Errorf("a flood from one key: %d %s, want 429 with Retry-After", r.Status, r.Body)
	}
	// Another key from the same address is unaffected: limits are per key.
	if r := ss.Do(t, "GET", target, map[string]string{"X-API-Key": ss.Secret}, ""); r.Status != 200 {
		t.Errorf("the other key: %d", r.Status)
	}
	// The per-address limit of the rest of the API does not apply: a PBX
	// sends every call from one address.
	for i := range 100 {
		if r := ss.Do(t, "GET", target, map[string]string{"X-API-Key": ss.Secret}, ""); r.Status != 200 {
			t.Fatalf("call %d from one address with a generous key: %d", i, r.Status)
		}
	}
}

func TestScreenKeysOff(t *testing.T) {
	cfg := hhttp.DefaultConfig()
	cfg.ScreenNoKeys = true
	cfg.RateLimit, cfg.RateBurst = 1, 2
	ss := screentest.New(t, cfg)
	target := "/api/v1/screen?from=%2B449061234567&to=%2B442079460000"
	for i := range 2 {
		if r := ss.Do(t, "GET", target, nil, ""); r.Status != 200 {
			t.Fatalf("call %d without a key: %d %s", i, r.Status, r.Body)
		}
	}
	if r := ss.Do(t, "GET", target, nil, ""); r.Status != 429 {
		t.Errorf("keys off: the per-address limit still applies, got %d", r.Status)
	}
}

func TestScreenNotConfigured(t *testing.T) {
	ss := screentest.New(t, hhttp.DefaultConfig())
	s, err := hhttp.NewServer(hhttp.DefaultConfig(), hhttp.Deps{Checker: check.New(ss.Phone, ss.Registry), Numbers: ss.Phone, Registry: ss.Registry, ScreenKeys: ss.Keys})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/screen?from=1&to=2", nil))
	if rec.Code != 503 {
		t.Errorf("no screening engine: %d %s", rec.Code, rec.Body)
	}
}

func TestTwilio(t *testing.T) {
	ss := screentest.New(t, hhttp.DefaultConfig())
	form := func(from, verstat string) string {
		return url.Values{"From": {from}, "To": {"+442079460000"}, "StirVerstat": {verstat}, "CallSid": {"CA123"}}.Encode()
	}
	hdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic(ss.Secret, "")}
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
			r := ss.Do(t, "POST", "/twilio/v1/voice"+tc.query, hdr, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(r.Body), w) {
					t.Errorf("answer lacks %s:\n%s", w, r.Body)
				}
			}
		})
	}
	r := ss.Do(t, "POST", "/twilio/v1/voice?forward=%2B447400123456", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form("+449061234567", ""))
	if r.Status != 401 {
		t.Errorf("webhook without a key: %d", r.Status)
	}
	for label, want := range map[string]string{"Suspected scam": "<Say>Warning", "IMEX (verified)": "<Say>Verified caller: IMEX.</Say>", "Say this <evil>": "<Response/>"} {
		r := ss.Do(t, "POST", "/twilio/v1/whisper?label="+url.QueryEscape(label), nil, "")
		if r.Status != 200 || !strings.Contains(string(r.Body), want) {
			t.Errorf("whisper %q: %d %s", label, r.Status, r.Body)
		}
	}
}

func TestATISVerification(t *testing.T) {
	ss := screentest.New(t, hhttp.DefaultConfig())
	doc := openAPI(t, ss)
	hdr := map[string]string{"Content-Type": "application/json", "X-API-Key": ss.Secret}
	valid := ss.Identity("+12155551212", "+12155551213")
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
		{"valid", body(valid, screentest.Now.Unix()), 200, "TN-Validation-Passed", 0},
		{"stale Date header", body(valid, screentest.Now.Add(-time.Hour).Unix()), 200, "TN-Validation-Failed", 403},
		{"tampered", body(strings.Replace(valid, ".", ".e30", 1), 0), 200, "TN-Validation-Failed", 438},
		{"no identity", `{"verificationRequest":{"from":{"tn":"1"},"to":{"tn":["2"]}}}`, 400, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ss.Do(t, "POST", "/stir/v1/verification", hdr, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			apitest.CheckResponse(t, doc, doc.Paths["/stir/v1/verification"]["post"].Responses[fmt.Sprint(r.Status)], r.Body)
			if tc.status != 200 {
				return
			}
			v := decodeBody[telephony.VerificationResponse](t, r).VerificationResponse
			if v.Verstat != tc.verstat || v.ReasonCode != tc.reasonCode {
				t.Errorf("got %+v, want %s %d", v, tc.verstat, tc.reasonCode)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	cfg := hhttp.DefaultConfig()
	cfg.MetricsKey = "metrics-secret-0123456789"
	ss := screentest.New(t, cfg)
	// The figures are for the operator's monitoring only.
	for _, hdr := range []map[string]string{nil, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer " + ss.Secret}} {
		if r := ss.Do(t, "GET", "/metrics", hdr, ""); r.Status != http.StatusUnauthorized {
			t.Errorf("GET /metrics with %v: %d, want 401", hdr, r.Status)
		}
	}
	if r := screentest.New(t, hhttp.DefaultConfig()).Do(t, "GET", "/metrics", nil, ""); r.Status != http.StatusNotFound {
		t.Errorf("GET /metrics without a metrics key configured: %d, want 404", r.Status)
	}
	for range 3 {
		ss.Do(t, "GET", "/api/v1/screen?from=%2B449061234567&to=%2B442079460000&key="+ss.Secret, nil, "")
	}
	ss.Do(t, "GET", "/api/v1/screen?from=%2B447400123456&to=%2B442079460000&key="+ss.Secret, nil, "")
	ss.Do(t, "GET", "/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000", nil, "")
	r := ss.Do(t, "GET", "/metrics", map[string]string{"Authorization": "Bearer " + cfg.MetricsKey}, "")
	if r.Status != 200 {
		t.Fatalf("GET /metrics: %d", r.Status)
	}
	body, _ := io.ReadAll(strings.NewReader(string(r.Body)))
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
