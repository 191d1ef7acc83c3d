package stir

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup/stir/stirtest"
)

// t0 is the pinned "now" of the generated-CA tests.
var t0 = time.Date(2027, 1, 15, 8, 0, 0, 0, time.UTC)

const (
	testX5U  = "https://certs.example.test/stir/sp.pem"
	testOrig = "12155551212"
	testDest = "12155551213"
)

// fixture is one trust store, one SP and a verifier pinned at t0.
type fixture struct {
	ca    *stirtest.CA
	sp    *stirtest.SP
	fetch MapFetcher
	v     *Verifier
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	ca := stirtest.NewCA(tb)
	sp := ca.IssueSP("567J", stirtest.SPOptions{})
	f := &fixture{ca: ca, sp: sp, fetch: MapFetcher{testX5U: sp.Chain}}
	f.v = mustVerifier(tb, Config{TrustAnchors: ca.Pool(), Fetcher: f.fetch, Now: func() time.Time { return t0 }})
	return f
}

func mustVerifier(tb testing.TB, cfg Config) *Verifier {
	tb.Helper()
	v, err := NewVerifier(cfg)
	if err != nil {
		tb.Fatalf("NewVerifier: %v", err)
	}
	return v
}

// claims are conformant SHAKEN claims for the default call at t0.
func claims() stirtest.Claims {
	return stirtest.Claims{Orig: testOrig, Dest: []string{testDest}, Attest: "A", OrigID: "7f8e2a1c-3b4d-4e5f-9a0b-1c2d3e4f5a6b", IAT: t0}
}

func call(identity ...string) Request {
	return Request{Identity: identity, From: testOrig, To: testDest}
}

// with returns c changed by fn, so table rows read as "the default, except…".
func with(fn func(*stirtest.Claims)) stirtest.Claims {
	c := claims()
	fn(&c)
	return c
}

// spWith serves sp's chain at x5u and returns sp.
func (f *fixture) spWith(_ testing.TB, x5u string, sp *stirtest.SP) *stirtest.SP {
	f.fetch[x5u] = sp.Chain
	return sp
}

func TestVerifyChecklist(t *testing.T) {
	f := newFixture(t)
	ident := func(c stirtest.Claims) string { return f.sp.Identity(c, testX5U) }
	// Certificates that break one rule each, served under their own x5u.
	signedBy := func(name string, sp *stirtest.SP) string {
		u := "https://certs.example.test/" + name + ".pem"
		return f.spWith(t, u, sp).Identity(claims(), u)
	}
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)

	good := ident(claims())
	tokenOf := func(h string) string { tok, _, _ := strings.Cut(h, ";"); return tok }
	otherTok := tokenOf(ident(with(func(c *stirtest.Claims) { c.Attest = "C" })))

	tests := []struct {
		name    string
		req     Request
		verstat Verstat
		reason  Reason
		code    int
	}{
		{"conformant A", call(good), VerstatPassed, ReasonOK, 0},
		{"conformant B", call(ident(with(func(c *stirtest.Claims) { c.Attest = "B" }))), VerstatPassed, ReasonOK, 0},
		{"conformant C", call(ident(with(func(c *stirtest.Claims) { c.Attest = "C" }))), VerstatPassed, ReasonOK, 0},
		{"numbers in SIP forms", Request{Identity: []string{good}, From: "\"Alice\" <sip:+1-215-555-1212@example.com;user=phone>", To: "tel:+1 (215) 555-1213;phone-context=+1"}, VerstatPassed, ReasonOK, 0},
		{"dest among several", call(ident(with(func(c *stirtest.Claims) { c.Dest = []string{"12155550000", "+1-215-555-1213"} }))), VerstatPassed, ReasonOK, 0},
		{"header with name, folding and spaces", call("Identity:  " + strings.Replace(good, ";", " ;\r\n ", -1)), VerstatPassed, ReasonOK, 0},
		{"quoted parameters", call(strings.NewReplacer("ppt=shaken", `ppt="shaken"`, "alg=ES256", `alg="ES256"`).Replace(good)), VerstatPassed, ReasonOK, 0},
		{"intermediate from x5u", call(signedBy("ica", f.ca.Intermediate().IssueSP("567J", stirtest.SPOptions{}))), VerstatPassed, ReasonOK, 0},
		{"critical TNAuthList", call(signedBy("crit", f.ca.IssueSP("567J", stirtest.SPOptions{CriticalTNAuthList: true}))), VerstatPassed, ReasonOK, 0},

		// 1. Identity header syntax.
		{"no Identity header", call(), VerstatNone, ReasonNoIdentity, 0},
		{"garbage", call("not a passport"), VerstatFailed, ReasonMalformed, 438},
		{"two parts", call("eyJhIjoxfQ.eyJhIjoxfQ;info=<" + testX5U + ">"), VerstatFailed, ReasonMalformed, 438},
		{"bad base64", call("eyJh!!.eyJh.c2ln;info=<" + testX5U + ">"), VerstatFailed, ReasonMalformed, 438},
		{"too large", call(good + ";x=" + strings.Repeat("a", MaxIdentitySize)), VerstatFailed, ReasonTooLarge, 438},
		{"missing info", call(stirtest.IdentityValue(tokenOf(good), "", "shaken")), VerstatFailed, ReasonMissingInfo, 436},
		{"info without ';' before alg", call(strings.Replace(good, ">;alg", ">alg", 1)), VerstatFailed, ReasonMalformed, 438},
		{"alg parameter not ES256", call(strings.Replace(good, "alg=ES256", "alg=RS256", 1)), VerstatFailed, ReasonUnsupportedAlg, 438},
		{"base PASSporT, no ppt", call(stirtest.IdentityValue(tokenOf(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"ppt": nil} }))), testX5U, "")), VerstatFailed, ReasonUnsupportedPPT, 438},
		{"ppt parameter on a base PASSporT", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"ppt": nil} }))), VerstatFailed, ReasonBadHeader, 438},

		// 2. JOSE header.
		{"JOSE alg ES384", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"alg": "ES384"} }))), VerstatFailed, ReasonUnsupportedAlg, 438},
		{"JOSE alg none", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"alg": "none"} }))), VerstatFailed, ReasonUnsupportedAlg, 438},
		{"typ not passport", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"typ": "JWT"} }))), VerstatFailed, ReasonBadHeader, 438},
		{"ppt parameter disagrees with header", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"ppt": "div"} }))), VerstatFailed, ReasonBadHeader, 438},
		{"crit header", call(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"crit": []string{"x"}} }))), VerstatFailed, ReasonBadHeader, 438},
		{"no x5u", call(stirtest.IdentityValue(tokenOf(ident(with(func(c *stirtest.Claims) { c.Header = map[string]any{"x5u": nil} }))), testX5U, "shaken")), VerstatFailed, ReasonBadHeader, 438},
		{"x5u differs from info", call(stirtest.IdentityValue(tokenOf(good), "https://evil.example/sp.pem", "shaken")), VerstatFailed, ReasonX5UMismatch, 438},

		// 3. Claims.
		{"missing attest", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"attest": nil} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"missing origid", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"origid": nil} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"missing iat", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": nil} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"missing orig", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"orig": nil} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"missing dest", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"dest": nil} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"orig.uri instead of tn", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"orig": map[string]any{"uri": "sip:a@b"}} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"empty dest.tn", call(ident(with(func(c *stirtest.Claims) { c.Dest = []string{} }))), VerstatFailed, ReasonMissingClaim, 438},
		{"attest D", call(ident(with(func(c *stirtest.Claims) { c.Attest = "D" }))), VerstatFailed, ReasonBadClaim, 438},
		{"empty origid", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"origid": ""} }))), VerstatFailed, ReasonBadClaim, 438},
		{"orig as JSON string (legacy)", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"orig": `{"tn":"12155551212"}`} }))), VerstatFailed, ReasonBadClaim, 438},
		{"dest.tn as string", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"dest": map[string]any{"tn": testDest}} }))), VerstatFailed, ReasonBadClaim, 438},
		{"iat as string", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": fmt.Sprint(t0.Unix())} }))), VerstatFailed, ReasonBadClaim, 438},
		{"iat fractional", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": float64(t0.Unix()) + 0.5} }))), VerstatFailed, ReasonBadClaim, 438},

		// 4. Freshness.
		{"iat 60 s old", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(-60 * time.Second) }))), VerstatPassed, ReasonOK, 0},
		{"iat 60 s ahead", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(60 * time.Second) }))), VerstatPassed, ReasonOK, 0},
		{"iat 61 s old", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(-61 * time.Second) }))), VerstatFailed, ReasonStale, 403},
		{"iat 61 s ahead", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(61 * time.Second) }))), VerstatFailed, ReasonFuture, 403},
		{"iat a year ahead", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.AddDate(1, 0, 0) }))), VerstatFailed, ReasonFuture, 403},
		{"iat 2^62 s ahead", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": int64(1) << 62} }))), VerstatFailed, ReasonFuture, 403},
		{"iat max int64", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": int64(math.MaxInt64)} }))), VerstatFailed, ReasonStale, 403},
		{"iat max int64 minus epoch offset", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": int64(math.MaxInt64 - 62135596800)} }))), VerstatFailed, ReasonFuture, 403},
		{"iat min int64", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": int64(math.MinInt64)} }))), VerstatFailed, ReasonStale, 403},
		{"iat zero", call(ident(with(func(c *stirtest.Claims) { c.Extra = map[string]any{"iat": 0} }))), VerstatFailed, ReasonStale, 403},
		{"SIP Date year 9999", Request{Identity: []string{good}, From: testOrig, To: testDest, Date: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}, VerstatFailed, ReasonStaleDate, 403},
		{"SIP Date fresh", Request{Identity: []string{good}, From: testOrig, To: testDest, Date: t0.Add(-30 * time.Second)}, VerstatPassed, ReasonOK, 0},
		{"SIP Date stale", Request{Identity: []string{good}, From: testOrig, To: testDest, Date: t0.Add(-2 * time.Minute)}, VerstatFailed, ReasonStaleDate, 403},
		{"SIP Date future", Request{Identity: []string{good}, From: testOrig, To: testDest, Date: t0.Add(2 * time.Minute)}, VerstatFailed, ReasonStaleDate, 403},

		// 5. Fetch.
		{"x5u not available", call(f.sp.Identity(claims(), "https://certs.example.test/missing.pem")), VerstatFailed, ReasonCertFetch, 436},

		// 6. Certificate.
		{"untrusted CA", call(signedBy("untrusted", stirtest.NewCA(t).IssueSP("567J", stirtest.SPOptions{}))), VerstatFailed, ReasonUntrusted, 437},
		{"expired at iat", call(signedBy("expired", f.ca.IssueSP("567J", stirtest.SPOptions{NotAfter: t0.Add(-time.Hour)}))), VerstatFailed, ReasonCertExpired, 437},
		{"not yet valid at iat", call(signedBy("future", f.ca.IssueSP("567J", stirtest.SPOptions{NotBefore: t0.Add(time.Hour)}))), VerstatFailed, ReasonCertExpired, 437},
		{"P-384 key", call(signedBy("p384", f.ca.IssueSP("567J", stirtest.SPOptions{Key: p384}))), VerstatFailed, ReasonBadKey, 437},
		{"RSA key", call(signedBy("rsa", f.ca.IssueSP("567J", stirtest.SPOptions{Key: rsaKey}))), VerstatFailed, ReasonBadKey, 437},
		{"no TNAuthList", call(signedBy("notn", f.ca.IssueSP("567J", stirtest.SPOptions{OmitTNAuthList: true}))), VerstatFailed, ReasonNoTNAuthList, 437},
		{"TNAuthList is an IA5String URL", call(signedBy("ia5", f.ca.IssueSP("567J", stirtest.SPOptions{RawTNAuthList: mustASN1(t, "https://ca.example/TNAuthList", "ia5")}))), VerstatFailed, ReasonBadTNAuthList, 437},
		{"TNAuthList is text", call(signedBy("text", f.ca.IssueSP("567J", stirtest.SPOptions{RawTNAuthList: []byte("881212,INTEGER:50")}))), VerstatFailed, ReasonBadTNAuthList, 437},
		{"TNAuthList without SPC", call(signedBy("nospc", f.ca.IssueSP("", stirtest.SPOptions{TNs: []string{testOrig}}))), VerstatFailed, ReasonBadTNAuthList, 437},
		{"TNAuthList number covers orig", call(signedBy("tnok", f.ca.IssueSP("567J", stirtest.SPOptions{TNs: []string{testOrig}}))), VerstatPassed, ReasonOK, 0},
		{"TNAuthList range covers orig", call(signedBy("rangeok", f.ca.IssueSP("567J", stirtest.SPOptions{Ranges: []stirtest.TNRange{{Start: "12155551200", Count: 100}}}))), VerstatPassed, ReasonOK, 0},
		{"TNAuthList numbers exclude orig", call(signedBy("tnbad", f.ca.IssueSP("567J", stirtest.SPOptions{TNs: []string{"12155550000"}, Ranges: []stirtest.TNRange{{Start: "12155551213", Count: 10}}}))), VerstatFailed, ReasonTNNotInCert, 438},

		// 7. Signature.
		{"DER signature", call(ident(with(func(c *stirtest.Claims) { c.DERSignature = true }))), VerstatFailed, ReasonBadSignature, 438},
		{"tampered payload", call(strings.Replace(good, strings.Split(tokenOf(good), ".")[1], strings.Split(otherTok, ".")[1], 1)), VerstatFailed, ReasonBadSignature, 438},
		{"tampered signature", call(flipSignatureBit(good)), VerstatFailed, ReasonBadSignature, 438},
		{"signed by another key", call(stirtest.IdentityValue(tokenOf(f.ca.IssueSP("567J", stirtest.SPOptions{}).Identity(claims(), testX5U)), testX5U, "shaken")), VerstatFailed, ReasonBadSignature, 438},

		// 8. Numbers.
		{"orig is not From", Request{Identity: []string{good}, From: "12155559999", To: testDest}, VerstatFailed, ReasonOrigMismatch, 438},
		{"From missing", Request{Identity: []string{good}, To: testDest}, VerstatFailed, ReasonOrigMismatch, 438},
		{"From not a number", Request{Identity: []string{good}, From: "sip:alice@example.com", To: testDest}, VerstatFailed, ReasonOrigMismatch, 438},
		{"dest lacks To", Request{Identity: []string{good}, From: testOrig, To: "12155559999"}, VerstatFailed, ReasonDestMismatch, 438},
		{"dest.tn not a number", call(ident(with(func(c *stirtest.Claims) { c.Dest = []string{"alice"} }))), VerstatFailed, ReasonBadClaim, 438},

		// Several Identity headers.
		{"garbage then good", call("garbage", good), VerstatPassed, ReasonOK, 0},
		{"good joined with comma", call("garbage," + good), VerstatPassed, ReasonOK, 0},
		{"stale then good", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(-time.Hour) })), good), VerstatPassed, ReasonOK, 0},
		{"unknown ppt beside shaken", call(ident(with(func(c *stirtest.Claims) { c.PPT = "foo" })), good), VerstatPassed, ReasonOK, 0},
		{"two failures report the first", call(ident(with(func(c *stirtest.Claims) { c.IAT = t0.Add(-time.Hour) })), ident(with(func(c *stirtest.Claims) { c.Attest = "X" }))), VerstatFailed, ReasonStale, 403},
		{"only the first 8 values are examined", call(append(strings.Split(strings.Repeat("garbage,", 8), ",")[:8], good)...), VerstatFailed, ReasonMalformed, 438},
		{"only an unknown ppt", call(ident(with(func(c *stirtest.Claims) { c.PPT = "foo" }))), VerstatFailed, ReasonUnsupportedPPT, 438},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.v.Verify(context.Background(), tt.req)
			if got.Verstat != tt.verstat || got.Reason != tt.reason || got.ReasonCode != tt.code {
				t.Fatalf("got %s/%s/%d (%s), want %s/%s/%d", got.Verstat, got.Reason, got.ReasonCode, got.Detail, tt.verstat, tt.reason, tt.code)
			}
			if got.ReasonText != tt.reason.Text() || got.Detail == "" {
				t.Errorf("ReasonText %q, Detail %q: want %q and a detail", got.ReasonText, got.Detail, tt.reason.Text())
			}
			if tt.verstat == VerstatPassed {
				if got.SPC != "567J" || got.OrigTN != testOrig || got.OrigID == "" || got.Attestation == "" || got.X5U == "" || got.IAT.IsZero() {
					t.Errorf("passed result lacks facts: %+v", got)
				}
			} else if got.Attestation != "" || got.SPC != "" || got.OrigTN != "" {
				t.Errorf("failed result carries unverified facts: %+v", got)
			}
		})
	}
}

func TestVerifyResultFields(t *testing.T) {
	f := newFixture(t)
	c := with(func(c *stirtest.Claims) { c.Attest = "B"; c.Dest = []string{"+1 215 555 1213", "12155550000"} })
	got := f.v.Verify(context.Background(), call(f.sp.Identity(c, testX5U)))
	want := Result{
		Verstat: VerstatPassed, Attestation: "B", OrigID: c.OrigID, SPC: "567J", OrigTN: testOrig,
		DestTNs: []string{testDest, "12155550000"}, IAT: t0, X5U: testX5U, NameStatus: NameAbsent,
		Reason: ReasonOK, ReasonText: ReasonOK.Text(), Detail: "SHAKEN PASSporT verified",
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

func TestVerifyCallerName(t *testing.T) {
	f := newFixture(t)
	branded := f.spWith(t, "https://certs.example.test/branded.pem",
		f.ca.IssueSP("567J", stirtest.SPOptions{PermittedNames: []string{"Contoso IT Support", "Contoso"}}))
	strict := f.spWith(t, "https://certs.example.test/strict.pem",
		f.ca.IssueSP("567J", stirtest.SPOptions{Constraints: &stirtest.Constraints{MustInclude: []string{"rcd"}, Permitted: map[string][]string{"rcd": {`{"nam":"Contoso"}`}}}}))
	enhanced := f.spWith(t, "https://certs.example.test/enhanced.pem",
		f.ca.IssueSP("567J", stirtest.SPOptions{Constraints: &stirtest.Constraints{MustExclude: []string{"rcd"}}}))
	named := func(name string) stirtest.Claims { return with(func(c *stirtest.Claims) { c.Name = name }) }

	tests := []struct {
		name        string
		hdr         string
		verstat     Verstat
		reason      Reason
		status      NameStatus
		callerName  string
		claimedName string
	}{
		{"permitted name is verified", branded.Identity(named("Contoso IT Support"), "https://certs.example.test/branded.pem"), VerstatPassed, ReasonOK, NameVerified, "Contoso IT Support", ""},
		{"second permitted name", branded.Identity(named("Contoso"), "https://certs.example.test/branded.pem"), VerstatPassed, ReasonOK, NameVerified, "Contoso", ""},
		{"name outside permitted values fails the PASSporT", branded.Identity(named("Microsoft Support"), "https://certs.example.test/branded.pem"), VerstatFailed, ReasonConstraints, NameAbsent, "", ""},
		{"certificate without constraints: name untrusted", f.sp.Identity(named("Microsoft Support"), testX5U), VerstatPassed, ReasonOK, NameUntrusted, "", "Microsoft Support"},
		{"no rcd", f.sp.Identity(claims(), testX5U), VerstatPassed, ReasonOK, NameAbsent, "", ""},
		{"mustInclude rcd missing", strict.Identity(claims(), "https://certs.example.test/strict.pem"), VerstatFailed, ReasonConstraints, NameAbsent, "", ""},
		{"mustInclude rcd present", strict.Identity(named("Contoso"), "https://certs.example.test/strict.pem"), VerstatPassed, ReasonOK, NameVerified, "Contoso", ""},
		{"mustExclude rcd (RFC 9118)", enhanced.Identity(named("Contoso"), "https://certs.example.test/enhanced.pem"), VerstatFailed, ReasonConstraints, NameAbsent, "", ""},
		{"mustExclude satisfied", enhanced.Identity(claims(), "https://certs.example.test/enhanced.pem"), VerstatPassed, ReasonOK, NameAbsent, "", ""},
		{"bidi override stripped", f.sp.Identity(named("\u202eMicrosoft\u202c Support\x07"), testX5U), VerstatPassed, ReasonOK, NameUntrusted, "", "Microsoft Support"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.v.Verify(context.Background(), call(tt.hdr))
			if got.Verstat != tt.verstat || got.Reason != tt.reason {
				t.Fatalf("got %s/%s (%s), want %s/%s", got.Verstat, got.Reason, got.Detail, tt.verstat, tt.reason)
			}
			if got.NameStatus != tt.status || got.CallerName != tt.callerName || got.ClaimedName != tt.claimedName {
				t.Errorf("name: got %s %q %q, want %s %q %q", got.NameStatus, got.CallerName, got.ClaimedName, tt.status, tt.callerName, tt.claimedName)
			}
		})
	}
}

func TestVerifyDiversion(t *testing.T) {
	f := newFixture(t)
	const orig, first, second = "12155551212", "12155551213", "12155551214"
	shaken := f.sp.Identity(with(func(c *stirtest.Claims) { c.Dest = []string{first} }), testX5U)
	div := f.sp.Identity(stirtest.Claims{Orig: orig, Dest: []string{second}, Div: first, IAT: t0}, testX5U)
	divOther := f.sp.Identity(stirtest.Claims{Orig: orig, Dest: []string{second}, Div: "12155550000", IAT: t0}, testX5U)
	divStale := f.sp.Identity(stirtest.Claims{Orig: orig, Dest: []string{second}, Div: first, IAT: t0.Add(-time.Hour)}, testX5U)
	divNoDiv := f.sp.Identity(stirtest.Claims{Orig: orig, Dest: []string{second}, PPT: "div", IAT: t0}, testX5U)
	divJunk := f.sp.Identity(stirtest.Claims{Orig: orig, Dest: []string{second}, Div: "alice", IAT: t0}, testX5U)

	tests := []struct {
		name        string
		req         Request
		verstat     Verstat
		reason      Reason
		divVerified bool
		divReason   Reason // "" means no Diversion expected
	}{
		{"retargeted with div and previous hop", Request{Identity: []string{shaken, div}, From: orig, To: second, DivertedFrom: first}, VerstatPassed, ReasonOK, true, ReasonOK},
		{"div first, shaken second", Request{Identity: []string{div, shaken}, From: orig, To: second, DivertedFrom: "+1-215-555-1213"}, VerstatPassed, ReasonOK, true, ReasonOK},
		{"retargeted with div, previous hop unknown", Request{Identity: []string{shaken, div}, From: orig, To: second}, VerstatPassed, ReasonOK, true, ReasonOK},
		{"div.tn is not the previous hop", Request{Identity: []string{shaken, div}, From: orig, To: second, DivertedFrom: "12155550000"}, VerstatFailed, ReasonDestMismatch, false, ReasonDivMismatch},
		{"div.tn does not chain to shaken dest", Request{Identity: []string{shaken, divOther}, From: orig, To: second}, VerstatFailed, ReasonDestMismatch, true, ReasonOK},
		{"stale div", Request{Identity: []string{shaken, divStale}, From: orig, To: second, DivertedFrom: first}, VerstatFailed, ReasonDestMismatch, false, ReasonStale},
		{"div without div claim", Request{Identity: []string{shaken, divNoDiv}, From: orig, To: second}, VerstatFailed, ReasonDestMismatch, false, ReasonMissingClaim},
		{"div.tn not a number", Request{Identity: []string{shaken, divJunk}, From: orig, To: second}, VerstatFailed, ReasonDestMismatch, false, ReasonBadClaim},
		{"retargeted without div", Request{Identity: []string{shaken}, From: orig, To: second, DivertedFrom: first}, VerstatFailed, ReasonDestMismatch, false, ""},
		{"not retargeted, div irrelevant", Request{Identity: []string{shaken, divOther}, From: orig, To: first}, VerstatPassed, ReasonOK, false, ReasonDestMismatch},
		{"div alone", Request{Identity: []string{div}, From: orig, To: second, DivertedFrom: first}, VerstatFailed, ReasonUnsupportedPPT, true, ReasonOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.v.Verify(context.Background(), tt.req)
			if got.Verstat != tt.verstat || got.Reason != tt.reason {
				t.Fatalf("got %s/%s (%s), want %s/%s", got.Verstat, got.Reason, got.Detail, tt.verstat, tt.reason)
			}
			if tt.divReason == "" {
				if got.Diversion != nil {
					t.Fatalf("Diversion = %+v, want nil", got.Diversion)
				}
				return
			}
			d := got.Diversion
			if d == nil {
				t.Fatalf("Diversion = nil, want %s", tt.divReason)
			}
			if d.Verified != tt.divVerified || d.Reason != tt.divReason {
				t.Fatalf("Diversion = %+v, want verified=%v reason %s", d, tt.divVerified, tt.divReason)
			}
			if d.Verified && (d.DivTN == "" || d.SPC != "567J" || len(d.DestTNs) == 0) {
				t.Errorf("verified Diversion lacks facts: %+v", d)
			}
		})
	}
}

// blockingFetcher never answers until its context ends.
type blockingFetcher struct{ calls atomic.Int32 }

func (b *blockingFetcher) Fetch(ctx context.Context, _ string) ([]*x509.Certificate, error) {
	b.calls.Add(1)
	<-ctx.Done()
	return nil, ctx.Err()
}

type refusingFetcher struct{}

func (refusingFetcher) Fetch(context.Context, string) ([]*x509.Certificate, error) {
	return nil, fmt.Errorf("test: %w", ErrX5URefused)
}

func TestVerifyFetchFailures(t *testing.T) {
	f := newFixture(t)
	hdr := f.sp.Identity(claims(), testX5U)

	bf := &blockingFetcher{}
	v := mustVerifier(t, Config{TrustAnchors: f.ca.Pool(), Fetcher: bf, Now: func() time.Time { return t0 }, FetchTimeout: 50 * time.Millisecond})
	start := time.Now()
	got := v.Verify(context.Background(), call(hdr))
	if got.Reason != ReasonCertFetch || got.ReasonCode != 436 {
		t.Errorf("hanging fetcher: got %s/%d, want %s/436", got.Reason, got.ReasonCode, ReasonCertFetch)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("Verify took %s with a 50ms fetch timeout", el)
	}

	v = mustVerifier(t, Config{TrustAnchors: f.ca.Pool(), Fetcher: refusingFetcher{}, Now: func() time.Time { return t0 }})
	if got := v.Verify(context.Background(), call(hdr)); got.Reason != ReasonX5URefused || got.ReasonCode != 436 {
		t.Errorf("refusing fetcher: got %s/%d, want %s/436", got.Reason, got.ReasonCode, ReasonX5URefused)
	}

	// Many headers with distinct x5u share one deadline and a fetch budget.
	bf3 := &blockingFetcher{}
	v = mustVerifier(t, Config{TrustAnchors: f.ca.Pool(), Fetcher: bf3, Now: func() time.Time { return t0 }, FetchTimeout: 100 * time.Millisecond})
	var many []string
	for i := 0; i < 6; i++ {
		many = append(many, f.sp.Identity(claims(), fmt.Sprintf("https://h%d.example/sp.pem", i)))
	}
	start = time.Now()
	if got := v.Verify(context.Background(), call(many...)); got.Reason != ReasonCertFetch {
		t.Errorf("many x5u: got %s, want %s", got.Reason, ReasonCertFetch)
	}
	if el := time.Since(start); el > 500*time.Millisecond {
		t.Errorf("six hanging fetches took %s; the call's 100ms budget is shared", el)
	}
	if n := bf3.calls.Load(); n != maxX5UPerCall {
		t.Errorf("fetcher called %d times, want %d (per-call x5u budget)", n, maxX5UPerCall)
	}

	// A malformed header must be rejected before any fetch is attempted.
	bf2 := &blockingFetcher{}
	v = mustVerifier(t, Config{TrustAnchors: f.ca.Pool(), Fetcher: bf2, Now: func() time.Time { return t0 }, FetchTimeout: time.Millisecond})
	stale := f.sp.Identity(with(func(c *stirtest.Claims) { c.IAT = t0.Add(-time.Hour) }), testX5U)
	wrongOrig := f.sp.Identity(with(func(c *stirtest.Claims) { c.Orig = "19995550000" }), testX5U)
	for _, h := range []string{stale, wrongOrig, "garbage"} {
		v.Verify(context.Background(), call(h))
	}
	if n := bf2.calls.Load(); n != 0 {
		t.Errorf("fetcher called %d times for headers that fail cheap checks", n)
	}
}

func TestChainCache(t *testing.T) {
	f := newFixture(t)
	now := t0
	v := mustVerifier(t, Config{TrustAnchors: f.ca.Pool(), Fetcher: f.fetch, Now: func() time.Time { return now }})
	short := f.spWith(t, "https://certs.example.test/short.pem", f.ca.IssueSP("567J", stirtest.SPOptions{NotBefore: t0.Add(-time.Hour), NotAfter: t0.Add(time.Hour)}))

	hdr := short.Identity(claims(), "https://certs.example.test/short.pem")
	if got := v.Verify(context.Background(), call(hdr)); got.Verstat != VerstatPassed {
		t.Fatalf("first: %s %s", got.Reason, got.Detail)
	}
	if n := len(v.chains.m); n != 1 {
		t.Fatalf("chain cache has %d entries, want 1", n)
	}
	for _, e := range v.chains.m {
		if e.info == nil || !e.info.notAfter.Equal(t0.Add(time.Hour)) {
			t.Fatalf("cached window = %+v, want notAfter %s", e.info, t0.Add(time.Hour))
		}
	}
	if got := v.Verify(context.Background(), call(hdr)); got.Verstat != VerstatPassed {
		t.Fatalf("cached: %s %s", got.Reason, got.Detail)
	}
	// Past the certificate's end the cached success must not apply.
	now = t0.Add(2 * time.Hour)
	late := short.Identity(with(func(c *stirtest.Claims) { c.IAT = now }), "https://certs.example.test/short.pem")
	if got := v.Verify(context.Background(), call(late)); got.Reason != ReasonCertExpired {
		t.Fatalf("after expiry: got %s, want %s", got.Reason, ReasonCertExpired)
	}

	// An untrusted certificate is remembered as such.
	now = t0
	rogue := f.spWith(t, "https://certs.example.test/rogue.pem", stirtest.NewCA(t).IssueSP("666", stirtest.SPOptions{}))
	for i := 0; i < 2; i++ {
		if got := v.Verify(context.Background(), call(rogue.Identity(claims(), "https://certs.example.test/rogue.pem"))); got.Reason != ReasonUntrusted {
			t.Fatalf("rogue #%d: got %s, want %s", i, got.Reason, ReasonUntrusted)
		}
	}
	neg := 0
	for _, e := range v.chains.m {
		if e.err != nil && e.err.Reason == ReasonUntrusted {
			neg++
		}
	}
	if neg != 1 {
		t.Errorf("negative entries for the rogue certificate = %d, want 1", neg)
	}
}

func TestSignatureCache(t *testing.T) {
	f := newFixture(t)
	good := f.sp.Identity(claims(), testX5U)
	bad := flipSignatureBit(good)
	for i := 0; i < 3; i++ {
		if got := f.v.Verify(context.Background(), call(good)); got.Verstat != VerstatPassed {
			t.Fatalf("good #%d: %s", i, got.Reason)
		}
		if got := f.v.Verify(context.Background(), call(bad)); got.Reason != ReasonBadSignature {
			t.Fatalf("bad #%d: %s, want %s", i, got.Reason, ReasonBadSignature)
		}
	}
	if n := len(f.v.sigs.m); n != 2 {
		t.Fatalf("signature cache has %d entries, want 2", n)
	}
	// The same token checked against another certificate is a new key: the
	// cached success must not carry over.
	impostor := f.ca.IssueSP("567J", stirtest.SPOptions{})
	f.fetch[testX5U] = impostor.Chain
	if got := f.v.Verify(context.Background(), call(good)); got.Reason != ReasonBadSignature {
		t.Fatalf("other certificate: got %s, want %s", got.Reason, ReasonBadSignature)
	}
	// Entries are bounded.
	c := &sigCache{m: map[[32]byte]sigEntry{}, max: 16}
	info := &certInfo{pub: &impostor.Key.(*ecdsa.PrivateKey).PublicKey}
	for i := 0; i < 100; i++ {
		c.verify(info, fmt.Sprint("x.", i), make([]byte, 64), t0, time.Minute)
		if len(c.m) > 16 {
			t.Fatalf("cache grew to %d entries, max 16", len(c.m))
		}
	}
}

func TestNewVerifierConfig(t *testing.T) {
	pool := x509.NewCertPool()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"complete", Config{TrustAnchors: pool, Fetcher: MapFetcher{}}, true},
		{"no anchors", Config{Fetcher: MapFetcher{}}, false},
		{"no fetcher", Config{TrustAnchors: pool}, false},
		{"negative freshness", Config{TrustAnchors: pool, Fetcher: MapFetcher{}, Freshness: -time.Second}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := NewVerifier(tt.cfg)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && (v.cfg.Freshness != DefaultFreshness || v.cfg.Now == nil) {
				t.Errorf("defaults not applied: %+v", v.cfg)
			}
		})
	}
}

func TestReasonTable(t *testing.T) {
	for r, info := range reasonInfo {
		if !strings.HasPrefix(string(r), "stir.") {
			t.Errorf("%q lacks the stir. prefix", r)
		}
		switch info.code {
		case 0, 403, 436, 437, 438:
		default:
			t.Errorf("%s maps to SIP %d", r, info.code)
		}
		if r.SIPCode() != info.code || r.Text() != info.text {
			t.Errorf("%s: SIPCode/Text disagree with the table", r)
		}
	}
	if Reason("stir.unknown").SIPCode() != 438 {
		t.Error("unknown reasons should map to 438")
	}
	var e *Error
	if err := error(fail(ReasonStale, "x")); !errors.As(err, &e) || e.Reason != ReasonStale {
		t.Error("fail does not build an *Error")
	}
}

func mustASN1(tb testing.TB, v any, params string) []byte {
	tb.Helper()
	b, err := asn1.MarshalWithParams(v, params)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// flipSignatureBit corrupts one bit of the signature part of an Identity
// header value.
func flipSignatureBit(hdr string) string {
	tok, params, _ := strings.Cut(hdr, ";")
	i := strings.LastIndexByte(tok, '.')
	sig, _ := b64(tok[i+1:])
	sig[10] ^= 0x01
	return tok[:i+1] + base64.RawURLEncoding.EncodeToString(sig) + ";" + params
}
