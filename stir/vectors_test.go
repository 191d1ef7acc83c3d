package stir

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup/data/sharedtest"
)

// Vectors from other projects. The MIT ones live in testdata/vectors; the
// GPL-2.0 Asterisk certificates and the tokens derived from them are read
// from the shared data directory and never copied into the repository.

const mitVectors = "testdata/vectors"

// sharedStirShaken returns the shared stirshaken directory, or skips the
// test (fails it with HANGUP_REQUIRE_SHARED_DATA=1) when it cannot be found.
func sharedStirShaken(t *testing.T) string {
	t.Helper()
	return filepath.Join(sharedtest.Dir(t, "stirshaken/vectors.json"), "stirshaken")
}

func readVector(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func vectorCerts(t *testing.T, root, rel string) []*x509.Certificate {
	t.Helper()
	certs, err := ParseCertificates([]byte(readVector(t, root, rel)))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return certs
}

func vectorPool(t *testing.T, root, rel string) *x509.CertPool {
	t.Helper()
	pool, err := LoadTrustAnchors(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return pool
}

func vectorPub(t *testing.T, root, rel string) *ecdsa.PublicKey {
	t.Helper()
	block, _ := pem.Decode([]byte(readVector(t, root, rel)))
	if block == nil {
		t.Fatalf("%s: no PEM", rel)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*ecdsa.PublicKey)
}

// vectorVerifier pins the clock at the vector's verify_at and serves certs
// at x5u.
func vectorVerifier(t *testing.T, anchors *x509.CertPool, x5u string, certs []*x509.Certificate, at int64) *Verifier {
	t.Helper()
	return mustVerifier(t, Config{
		TrustAnchors: anchors,
		Fetcher:      MapFetcher{x5u: certs},
		Now:          func() time.Time { return time.Unix(at, 0) },
	})
}

// splitToken returns the signing input and signature of a compact JWS
// without judging its claims, so signatures can be checked on tokens whose
// claims are deliberately broken.
func splitToken(t *testing.T, tok string) (string, []byte) {
	t.Helper()
	tok, _, _ = strings.Cut(tok, ";")
	i := strings.LastIndexByte(tok, '.')
	sig, err := b64(tok[i+1:])
	if err != nil {
		t.Fatal(err)
	}
	return tok[:i], sig
}

func extension(c *x509.Certificate, oid []int) []byte {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return e.Value
		}
	}
	return nil
}

func TestVectorsLibstirshaken(t *testing.T) {
	root := mitVectors
	const (
		x5u      = "https://shaken.signalwire.cloud/sp.pem"
		verifyAt = 1616442530
	)
	anchors := vectorPool(t, root, "libstirshaken/ca.pem")
	sp := vectorCerts(t, root, "libstirshaken/sp.pem")
	pub := vectorPub(t, root, "libstirshaken/sp.pub")
	if !pub.Equal(sp[0].PublicKey) {
		t.Fatal("sp.pub is not sp.pem's key")
	}
	ident := readVector(t, root, "libstirshaken/identity_conformant_B.txt")
	bare := readVector(t, root, "libstirshaken/passport_conformant_B.jwt")

	t.Run("lss-conformant-B-identity", func(t *testing.T) {
		id, err := ParseIdentity(ident)
		if err != nil {
			t.Fatal(err)
		}
		c := id.PASSporT.Claims
		if id.Info != x5u || id.PPT != "shaken" || id.Alg != "ES256" || c.Attest != "B" || c.IAT != 1616442523 ||
			c.OrigTN != "01256500600" || strings.Join(c.DestTNs, ",") != "01256700800" || c.OrigID != "e32f4189-cb86-460f-bb92-bd3acb89f29c" {
			t.Fatalf("parsed %+v", id)
		}
		if !verifyES256(pub, id.PASSporT.signingInput, id.PASSporT.signature) {
			t.Error("signature: want valid")
		}
		if _, err := sp[0].Verify(x509.VerifyOptions{Roots: anchors, CurrentTime: time.Unix(verifyAt, 0), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
			t.Errorf("chain: want valid, got %v", err)
		}
		if _, err := parseTNAuthList(extension(sp[0], OIDTNAuthList)); err == nil || err.Reason != ReasonBadTNAuthList {
			t.Errorf("TNAuthList: got %v, want %s (IA5String URL)", err, ReasonBadTNAuthList)
		}
		// Signature and chain are fine, but the certificate names no SPC in
		// RFC 8226 form, so a SHAKEN verifier must refuse it.
		v := vectorVerifier(t, anchors, x5u, sp, verifyAt)
		got := v.Verify(context.Background(), Request{Identity: []string{ident}, From: "01256500600", To: "01256700800"})
		if got.Verstat != VerstatFailed || got.Reason != ReasonBadTNAuthList || got.ReasonCode != 437 {
			t.Errorf("Verify: got %s/%s/%d (%s), want Failed/%s/437", got.Verstat, got.Reason, got.ReasonCode, got.Detail, ReasonBadTNAuthList)
		}
	})

	t.Run("lss-conformant-B-jwt", func(t *testing.T) {
		p, err := parsePASSporT(bare)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := ParseIdentity(ident)
		if p.signingInput != id.PASSporT.signingInput {
			t.Error("bare JWT and Identity header should sign the same input")
		}
		if string(p.signature) == string(id.PASSporT.signature) {
			t.Error("signatures should differ (ECDSA is randomised)")
		}
		if !verifyES256(pub, p.signingInput, p.signature) {
			t.Error("signature: want valid")
		}
		// Without ;info=<…> it is not an Identity header: 436.
		if _, err := ParseIdentity(bare); reasonOf(err) != ReasonMissingInfo {
			t.Errorf("as Identity header: got %v, want %s", err, ReasonMissingInfo)
		}
	})

	legacyCases := []struct{ id, file string }{
		{"lss-legacy-stringified-A", "libstirshaken/identity_legacy_stringified_A.txt"},
		{"lss-legacy-stringified-A-jwt", "libstirshaken/passport_legacy_stringified_A.jwt"},
	}
	for _, lc := range legacyCases {
		t.Run(lc.id, func(t *testing.T) {
			tok := readVector(t, root, lc.file)
			input, sig := splitToken(t, tok)
			if !verifyES256(pub, input, sig) {
				t.Error("signature: want valid")
			}
			if _, err := parsePASSporT(strings.SplitN(tok, ";", 2)[0]); reasonOf(err) != ReasonBadClaim {
				t.Errorf("parse: got %v, want %s", err, ReasonBadClaim)
			}
			hdr := tok
			if !strings.Contains(hdr, ";info=") {
				hdr += ";info=<http://shaken.signalwire.cloud/sp.pem>;alg=ES256;ppt=shaken"
			}
			v := vectorVerifier(t, anchors, "http://shaken.signalwire.cloud/sp.pem", sp, 1603458135)
			got := v.Verify(context.Background(), Request{Identity: []string{hdr}, From: "01256789999", To: "01256500600"})
			if got.Verstat != VerstatFailed || got.ReasonCode != 438 || got.Reason != ReasonBadClaim {
				t.Errorf("Verify: got %s/%s/%d, want Failed/%s/438", got.Verstat, got.Reason, got.ReasonCode, ReasonBadClaim)
			}
			// The x5u is http: the production fetcher refuses it outright.
			if _, err := NewHTTPFetcher(HTTPFetcherConfig{}).Fetch(context.Background(), "http://shaken.signalwire.cloud/sp.pem"); !errors.Is(err, ErrX5URefused) {
				t.Errorf("HTTPFetcher: got %v, want ErrX5URefused", err)
			}
		})
	}

	t.Run("lss-wrong-sp-cert", func(t *testing.T) {
		wrong := vectorCerts(t, root, "libstirshaken/wrongsp.pem")
		if _, err := wrong[0].Verify(x509.VerifyOptions{Roots: anchors, CurrentTime: time.Unix(verifyAt, 0), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err == nil {
			t.Fatal("chain: want invalid")
		}
		v := vectorVerifier(t, anchors, x5u, wrong, verifyAt)
		got := v.Verify(context.Background(), Request{Identity: []string{ident}, From: "01256500600", To: "01256700800"})
		if got.Reason != ReasonUntrusted || got.ReasonCode != 437 {
			t.Errorf("Verify: got %s/%d, want %s/437", got.Reason, got.ReasonCode, ReasonUntrusted)
		}
	})
}

func TestVectorsAgranig(t *testing.T) {
	root := mitVectors
	anchors := vectorPool(t, root, "libstirshaken/ca.pem")

	t.Run("neg-garbage", func(t *testing.T) {
		hdr := readVector(t, root, "agranig/agranig_010_identity_garbage.txt")
		if _, err := ParseIdentity(hdr); reasonOf(err) != ReasonMalformed {
			t.Errorf("parse: got %v, want %s", err, ReasonMalformed)
		}
		v := vectorVerifier(t, anchors, "", nil, time.Now().Unix())
		got := v.Verify(context.Background(), Request{Identity: []string{hdr}, From: "1", To: "2"})
		if got.Verstat != VerstatFailed || got.ReasonCode != 438 {
			t.Errorf("Verify: got %s/%d, want Failed/438", got.Verstat, got.ReasonCode)
		}
	})

	t.Run("neg-bad-signature", func(t *testing.T) {
		const x5u = "http://sipp.opensipit.sipfront.org/cert.pem"
		tok := readVector(t, root, "agranig/agranig_011_invalid_signature.jwt")
		p, err := parsePASSporT(tok)
		if err != nil {
			t.Fatalf("parse: %v, want ok", err)
		}
		if len(p.signature) != 18 || p.Header.X5U != x5u {
			t.Fatalf("signature %d bytes, x5u %q", len(p.signature), p.Header.X5U)
		}
		v := vectorVerifier(t, anchors, x5u, nil, p.Claims.IAT+5)
		got := v.Verify(context.Background(), Request{Identity: []string{tok + ";info=<" + x5u + ">;alg=ES256;ppt=shaken"}, From: "439991001", To: "439991001"})
		if got.Reason != ReasonBadSignature || got.ReasonCode != 438 {
			t.Errorf("Verify: got %s/%d, want %s/438", got.Reason, got.ReasonCode, ReasonBadSignature)
		}
	})
}

// vectorsFile is the shape of shared/data/stirshaken/vectors.json.
type vectorsFile struct {
	Vectors []struct {
		ID          string          `json:"id"`
		File        string          `json:"file"`
		X5U         string          `json:"x5u"`
		Cert        string          `json:"cert"`
		TrustAnchor string          `json:"trust_anchor"`
		VerifyAt    int64           `json:"verify_at"`
		IAT         int64           `json:"iat"`
		Attest      string          `json:"attest"`
		OrigTN      string          `json:"orig_tn"`
		DestTN      []string        `json:"dest_tn"`
		DivTN       string          `json:"div_tn"`
		OrigID      string          `json:"origid"`
		Expect      json.RawMessage `json:"expect"`
		RCD         struct {
			Nam string `json:"nam"`
		} `json:"rcd"`
	} `json:"vectors"`
}

// coveredVectors are the vectors.json ids this file tests; the shared test
// fails if vectors.json gains one that is not listed (and so not tested).
var coveredVectors = map[string]bool{
	"lss-conformant-B-identity": true, "lss-conformant-B-jwt": true,
	"lss-legacy-stringified-A": true, "lss-legacy-stringified-A-jwt": true, "lss-wrong-sp-cert": true,
	"ast-spc1-cert": true, "ast-spc2-cert": true, "ast-expired-ca-cert": true,
	"derived-shaken-A": true, "derived-div": true, "derived-shaken-A-rcd": true,
	"neg-garbage": true, "neg-bad-signature": true, "neg-asterisk-legacy": true, "neg-rfc8225-appA": true,
}

func TestVectorsShared(t *testing.T) {
	root := sharedStirShaken(t)
	var vf vectorsFile
	if err := json.Unmarshal([]byte(readVector(t, root, "vectors.json")), &vf); err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, v := range vf.Vectors {
		byID[v.ID] = i
		if !coveredVectors[v.ID] {
			t.Errorf("vectors.json has %q, which no test covers", v.ID)
		}
	}
	for id := range coveredVectors {
		if _, ok := byID[id]; !ok {
			t.Errorf("test covers %q, which vectors.json no longer has", id)
		}
	}
	vec := func(id string) int { return byID[id] }

	// The MIT copies in testdata must be the very bytes vectors.json
	// describes.
	for _, v := range vf.Vectors {
		var local string
		switch {
		case strings.HasPrefix(v.File, "libstirshaken/"):
			local = filepath.Join(mitVectors, v.File)
		case strings.HasPrefix(v.File, "negative/agranig_"):
			local = filepath.Join(mitVectors, "agranig", filepath.Base(v.File))
		default:
			continue
		}
		if readVector(t, root, v.File) != readVector(t, ".", local) {
			t.Errorf("%s differs from the shared copy %s", local, v.File)
		}
	}

	spc1 := vectorCerts(t, root, "asterisk-testsuite/SPAST1-cert.pem")
	astCA := vectorPool(t, root, "asterisk-testsuite/astdev-ca.crt")
	const derivedX5U = "https://certs.example.test/stir/SPAST1-cert.pem"

	for _, c := range []struct{ id, spc, hex string }{{"ast-spc1-cert", "1", "3005a003160131"}, {"ast-spc2-cert", "2", "3005a003160132"}} {
		t.Run(c.id, func(t *testing.T) {
			v := vf.Vectors[vec(c.id)]
			cert := vectorCerts(t, root, v.File)[0]
			ext := extension(cert, OIDTNAuthList)
			if hex.EncodeToString(ext) != c.hex {
				t.Errorf("TNAuthList DER = %x, want %s", ext, c.hex)
			}
			tl, err := parseTNAuthList(ext)
			if err != nil || len(tl.SPCs) != 1 || tl.SPCs[0] != c.spc {
				t.Errorf("TNAuthList = %+v, %v; want SPC %s", tl, err, c.spc)
			}
			if _, err := cert.Verify(x509.VerifyOptions{Roots: vectorPool(t, root, v.TrustAnchor), CurrentTime: time.Unix(1800000010, 0), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
				t.Errorf("chain: %v", err)
			}
		})
	}

	t.Run("ast-expired-ca-cert", func(t *testing.T) {
		v := vf.Vectors[vec("ast-expired-ca-cert")]
		cert := vectorCerts(t, root, v.File)
		if _, err := parseTNAuthList(extension(cert[0], OIDTNAuthList)); err == nil || err.Reason != ReasonBadTNAuthList {
			t.Errorf("TNAuthList: got %v, want malformed", err)
		}
		expiredCA := vectorPool(t, root, v.TrustAnchor)
		ver := vectorVerifier(t, expiredCA, derivedX5U, cert, 1800000010)
		got := ver.Verify(context.Background(), Request{Identity: []string{readVector(t, root, "derived/shaken_A.identity.txt")}, From: "12155551212", To: "12155551213"})
		if got.Verstat != VerstatFailed || got.ReasonCode != 437 {
			t.Errorf("Verify: got %s/%s/%d, want Failed/437", got.Verstat, got.Reason, got.ReasonCode)
		}
	})

	t.Run("derived-shaken-A", func(t *testing.T) {
		v := vf.Vectors[vec("derived-shaken-A")]
		hdr := readVector(t, root, v.File)
		req := Request{Identity: []string{hdr}, From: v.OrigTN, To: v.DestTN[0]}
		for _, c := range []struct {
			at     int64
			reason Reason
		}{{v.VerifyAt, ReasonOK}, {1800000060, ReasonOK}, {1800000061, ReasonStale}, {v.IAT - 61, ReasonFuture}} {
			got := vectorVerifier(t, astCA, v.X5U, spc1, c.at).Verify(context.Background(), req)
			if got.Reason != c.reason {
				t.Errorf("at %d: got %s (%s), want %s", c.at, got.Reason, got.Detail, c.reason)
			}
			if c.reason == ReasonOK && (got.Verstat != VerstatPassed || got.Attestation != v.Attest || got.OrigID != v.OrigID || got.SPC != "1" || got.IAT.Unix() != v.IAT) {
				t.Errorf("at %d: got %+v", c.at, got)
			}
		}
	})

	t.Run("derived-div", func(t *testing.T) {
		v := vf.Vectors[vec("derived-div")]
		shaken := readVector(t, root, "derived/shaken_A.identity.txt")
		div := readVector(t, root, v.File)
		ver := vectorVerifier(t, astCA, derivedX5U, spc1, v.VerifyAt)
		got := ver.Verify(context.Background(), Request{Identity: []string{shaken, div}, From: v.OrigTN, To: v.DestTN[0], DivertedFrom: v.DivTN})
		if got.Verstat != VerstatPassed || got.Diversion == nil || !got.Diversion.Verified || got.Diversion.DivTN != v.DivTN {
			t.Fatalf("got %+v (diversion %+v)", got, got.Diversion)
		}
		// Without the div PASSporT the retargeted call cannot verify.
		got = ver.Verify(context.Background(), Request{Identity: []string{shaken}, From: v.OrigTN, To: v.DestTN[0], DivertedFrom: v.DivTN})
		if got.Reason != ReasonDestMismatch {
			t.Errorf("without div: got %s, want %s", got.Reason, ReasonDestMismatch)
		}
	})

	t.Run("derived-shaken-A-rcd", func(t *testing.T) {
		v := vf.Vectors[vec("derived-shaken-A-rcd")]
		ver := vectorVerifier(t, astCA, derivedX5U, spc1, v.VerifyAt)
		got := ver.Verify(context.Background(), Request{Identity: []string{readVector(t, root, v.File)}, From: "12155551212", To: "12155551213"})
		if got.Verstat != VerstatPassed || got.NameStatus != NameUntrusted || got.CallerName != "" || got.ClaimedName != v.RCD.Nam {
			t.Errorf("got %s %s name %q/%q, want Passed untrusted claimed %q", got.Verstat, got.NameStatus, got.CallerName, got.ClaimedName, v.RCD.Nam)
		}
	})

	t.Run("neg-asterisk-legacy", func(t *testing.T) {
		v := vf.Vectors[vec("neg-asterisk-legacy")]
		hdr := readVector(t, root, v.File)
		tok, _, _ := strings.Cut(hdr, ";")
		p, err := parsePASSporT(tok)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.signature) != 71 || p.Claims.has("dest") {
			t.Errorf("signature %d bytes, dest present %v: not the vector described", len(p.signature), p.Claims.has("dest"))
		}
		ver := vectorVerifier(t, astCA, v.X5U, spc1, p.Claims.IAT+1)
		got := ver.Verify(context.Background(), Request{Identity: []string{hdr}, From: "1234567", To: "1234567"})
		if got.Verstat != VerstatFailed || got.ReasonCode != 438 {
			t.Errorf("Verify: got %s/%s/%d, want Failed/438", got.Verstat, got.Reason, got.ReasonCode)
		}
		// Even with the ';' restored it fails: DER signature.
		fixed := strings.Replace(hdr, ">alg=", ">;alg=", 1)
		if got := ver.Verify(context.Background(), Request{Identity: []string{fixed}, From: "1234567", To: "1234567"}); got.Reason != ReasonBadSignature {
			t.Errorf("with ';' restored: got %s, want %s", got.Reason, ReasonBadSignature)
		}
		if _, err := NewHTTPFetcher(HTTPFetcherConfig{}).Fetch(context.Background(), v.X5U); !errors.Is(err, ErrX5URefused) {
			t.Errorf("HTTPFetcher on loopback http x5u: got %v, want ErrX5URefused", err)
		}
	})

	t.Run("neg-rfc8225-appA", func(t *testing.T) {
		v := vf.Vectors[vec("neg-rfc8225-appA")]
		tok := readVector(t, root, v.File)
		p, err := parsePASSporT(tok)
		if err != nil {
			t.Fatalf("encoding: %v", err)
		}
		if p.Header.PPT != "" || p.Header.Typ != "passport" || p.Claims.OrigTN != "12155551212" || !p.Claims.has("dest") || len(p.Claims.DestTNs) != 0 {
			t.Errorf("decoded %+v", p)
		}
		const x5u = "https://cert.example.org/passport.cer"
		ver := vectorVerifier(t, astCA, x5u, spc1, p.Claims.IAT)
		got := ver.Verify(context.Background(), Request{Identity: []string{tok + ";info=<" + x5u + ">;alg=ES256"}, From: "12155551212", To: "12155551213"})
		if got.Reason != ReasonUnsupportedPPT {
			t.Errorf("Verify: got %s, want %s (base PASSporT, not SHAKEN)", got.Reason, ReasonUnsupportedPPT)
		}
	})
}

func reasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}
