package screen

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/stir"
	"github.com/hangup-org/hangup/stir/stirtest"
)

const testX5U = "https://certs.example.test/sp.pem"

// signer is a test STI-CA and a service provider whose certificate is
// served from memory under testX5U, with the verifier's clock pinned.
type signer struct {
	sp       *stirtest.SP
	verifier *stir.Verifier
}

func newSigner(t testing.TB) *signer {
	t.Helper()
	ca := stirtest.NewCA(t)
	sp := ca.Intermediate().IssueSP("1234", stirtest.SPOptions{})
	v, err := stir.NewVerifier(stir.Config{TrustAnchors: ca.Pool(), Fetcher: stir.MapFetcher{testX5U: sp.Chain},
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return &signer{sp: sp, verifier: v}
}

func (s *signer) identity(from, to, attest string, iat time.Time) string {
	return s.sp.Identity(stirtest.Claims{Orig: strings.TrimPrefix(from, "+"), Dest: []string{strings.TrimPrefix(to, "+")}, Attest: attest, IAT: iat}, testX5U)
}

// tamper rewrites the PASSporT's origid claim, keeping the token well
// formed, so only the signature check can catch it.
func tamper(hdr string) string {
	token, params, _ := strings.Cut(hdr, ";")
	parts := strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		panic(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		panic(err)
	}
	claims["origid"] = "00000000-0000-4000-8000-000000000000"
	b, _ := json.Marshal(claims)
	parts[1] = base64.RawURLEncoding.EncodeToString(b)
	return strings.Join(parts, ".") + ";" + params
}

func TestSTIR(t *testing.T) {
	s := newSigner(t)
	w := newWorld(t, Config{Verifier: s.verifier})
	w.report(t, telIMEX, 30) // scammers spoof IMEX's number

	valid := s.identity(telMobile, telLandline, "A", now)
	tests := []struct {
		name     string
		req      hangup.ScreenRequest
		verstat  stir.Verstat
		attest   string
		action   hangup.ScreenAction
		label    string
		reason   string // must be among the reasons
		sipCause int
	}{
		{"valid A attestation", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{valid}},
			stir.VerstatPassed, "A", hangup.ActionAllow, "", string(stir.ReasonOK), 0},
		{"valid, numbers in SIP and national forms", hangup.ScreenRequest{From: "sip:07400123456@pbx", To: "<sip:02071234567@pbx>", Identity: []string{valid}},
			stir.VerstatPassed, "A", hangup.ActionAllow, "", string(stir.ReasonOK), 0},
		{"tampered payload", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{tamper(valid)}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, string(stir.ReasonBadSignature), 438},
		{"signed for another caller", hangup.ScreenRequest{From: telUS, To: telLandline, Identity: []string{valid}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, string(stir.ReasonOrigMismatch), 438},
		{"stale", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{s.identity(telMobile, telLandline, "A", now.Add(-5*time.Minute))}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, string(stir.ReasonStale), 403},
		{"garbage token", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{"%%%.***.!!!;info=<" + testX5U + ">"}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, string(stir.ReasonMalformed), 438},
		{"truncated token", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{valid[:len(valid)/2]}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, "", 0},
		{"giant header", hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{strings.Repeat("a", 1<<20)}},
			stir.VerstatFailed, "", hangup.ActionLabel, hangup.LabelUnverified, string(stir.ReasonTooLarge), 438},
		{"spoofed organisation number, attested A", hangup.ScreenRequest{From: telIMEX, To: telLandline, Identity: []string{s.identity(telIMEX, telLandline, "A", now)}},
			stir.VerstatPassed, "A", hangup.ActionLabel, "IMEX (verified)", CodeReputationSpoofed, 0},
		{"spoofed organisation number, attested B", hangup.ScreenRequest{From: telIMEX, To: telLandline, Identity: []string{s.identity(telIMEX, telLandline, "B", now)}},
			stir.VerstatPassed, "B", hangup.ActionLabel, "IMEX (often faked)", CodeReputationSpoofed, 0},
		{"spoofed organisation number, unsigned", hangup.ScreenRequest{From: telIMEX, To: telLandline},
			stir.VerstatNone, "", hangup.ActionLabel, "IMEX (often faked)", CodeReputationSpoofed, 0},
		// Reports and a failed signature on a verified number warn and say
		// how to reach the real organisation; they never block its calls.
		{"spoofed organisation number, tampered", hangup.ScreenRequest{From: telIMEX, To: telLandline, Identity: []string{tamper(s.identity(telIMEX, telLandline, "A", now))}},
			stir.VerstatFailed, "", hangup.ActionWarn, "IMEX (often faked)", string(stir.ReasonBadSignature), 438},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := w.engine.Screen(context.Background(), tc.req, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d.Verstat != string(tc.verstat) || d.Attestation != tc.attest {
				t.Errorf("verstat %s %q, want %s %q (reasons %+v)", d.Verstat, d.Attestation, tc.verstat, tc.attest, d.Reasons)
			}
			if d.Action != tc.action || d.Label != tc.label {
				t.Errorf("got %s %q, want %s %q (score %d, %v)", d.Action, d.Label, tc.action, tc.label, d.Score, codes(d))
			}
			found := tc.reason == ""
			for _, r := range d.Reasons {
				if r.Code == tc.reason {
					found = true
				}
			}
			if !found {
				t.Errorf("reasons %v lack %s", codes(d), tc.reason)
			}
			if tc.sipCause != 0 && stir.Reason(tc.reason).SIPCode() != tc.sipCause {
				t.Errorf("%s maps to SIP %d, want %d", tc.reason, stir.Reason(tc.reason).SIPCode(), tc.sipCause)
			}
		})
	}
}

func TestVerifyTimeoutBoundsASlowFetcher(t *testing.T) {
	ca := stirtest.NewCA(t)
	sp := ca.IssueSP("1", stirtest.SPOptions{})
	v, err := stir.NewVerifier(stir.Config{TrustAnchors: ca.Pool(), Fetcher: slowFetcher{}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, Config{Verifier: v, VerifyTimeout: 200 * time.Millisecond})
	hdr := sp.Identity(stirtest.Claims{Orig: "447400123456", Dest: []string{"442071234567"}, IAT: now}, testX5U)
	start := time.Now()
	d, _ := w.engine.Screen(context.Background(), hangup.ScreenRequest{From: telMobile, To: telLandline, Identity: []string{hdr}}, nil)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("a slow certificate host held the call for %s", el)
	}
	if d.Verstat != string(stir.VerstatFailed) || d.Reasons[0].Code != string(stir.ReasonCertFetch) {
		t.Errorf("got %s %v, want a failed verification for an unavailable certificate", d.Verstat, codes(d))
	}
}

// slowFetcher is a certificate host that never answers in time: it waits
// for the context like a real fetch would.
type slowFetcher struct{}

func (slowFetcher) Fetch(ctx context.Context, _ string) ([]*x509.Certificate, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}
