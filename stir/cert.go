package stir

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// LoadTrustAnchors reads the STI trust anchors (STI-PA approved root CAs) from
// PEM or DER files, or from the *.pem, *.crt, *.cer and *.der files in a
// directory (symbolic links followed, as in mounted secrets), and returns
// them as a pool. It fails if any such file holds no certificate, or if the
// paths yield none at all: a verifier with an empty trust store would fail
// every call, which is a configuration error to report at start-up.
func LoadTrustAnchors(paths ...string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	n := 0
	add := func(file string) error {
		b, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("stir: read trust anchor: %w", err)
		}
		certs, err := ParseCertificates(b)
		if err != nil {
			return fmt.Errorf("stir: trust anchor %s: %w", file, err)
		}
		for _, c := range certs {
			pool.AddCert(c)
			n++
		}
		return nil
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("stir: trust anchors: %w", err)
		}
		if !st.IsDir() {
			if err := add(p); err != nil {
				return nil, err
			}
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("stir: trust anchors: %w", err)
		}
		for _, e := range entries {
			name := filepath.Join(p, e.Name())
			switch strings.ToLower(filepath.Ext(e.Name())) {
			case ".pem", ".crt", ".cer", ".der":
			default:
				continue
			}
			if st, err := os.Stat(name); err != nil || !st.Mode().IsRegular() {
				continue
			}
			if err := add(name); err != nil {
				return nil, err
			}
		}
	}
	if n == 0 {
		return nil, errors.New("stir: no trust anchor certificates found")
	}
	return pool, nil
}

// ParseCertificates parses the body an x5u URL serves: one or more PEM
// CERTIFICATE blocks (the leaf first, then any intermediates), or DER. Other
// PEM blocks, such as a stray private key, are skipped, never returned.
func ParseCertificates(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := data
	sawPEM := false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		sawPEM = true
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate: %w", err)
		}
		certs = append(certs, c)
	}
	if !sawPEM && len(bytes.TrimSpace(data)) > 0 {
		c, err := x509.ParseCertificates(data)
		if err != nil {
			return nil, fmt.Errorf("neither PEM nor DER certificates: %w", err)
		}
		certs = c
	}
	if len(certs) == 0 {
		return nil, errors.New("no certificate found")
	}
	return certs, nil
}

// certInfo is what the verifier needs from a trusted signing certificate,
// extracted once and cached so later calls only pay for the ECDSA check.
type certInfo struct {
	key         [32]byte // certSetKey of the certificates, for the signature cache
	pub         *ecdsa.PublicKey
	spc         string
	tnAuth      *tnAuthList
	constraints *claimConstraints
	// Validity window of the whole verified chain: a PASSporT whose iat falls
	// inside it is covered by the cached chain result.
	notBefore, notAfter time.Time
}

// chainEntry caches one certificate set's outcome. Failures that do not
// depend on time (unknown issuer, wrong key, bad TNAuthList) are cached
// until expires, so a flood of calls with an untrusted certificate does not
// rebuild chains; failures about validity dates are never cached, because
// another iat may be inside the window.
type chainEntry struct {
	info    *certInfo
	err     *Error
	expires time.Time // for failures only
}

// chainCache maps a SHA-256 over the DER of the fetched certificates to
// their outcome. The trust anchors never change during a Verifier's life, so
// a success stays valid for as long as the entry is kept.
type chainCache struct {
	mu  sync.RWMutex
	m   map[[32]byte]*chainEntry
	max int
}

const (
	chainCacheMax      = 4096
	chainNegativeTTL   = 5 * time.Minute
	maxCertsPerChain   = 5 // leaf plus intermediates; SHAKEN chains have 2–3
	maxCertSetRawBytes = 64 << 10
)

func certSetKey(certs []*x509.Certificate) [32]byte {
	h := sha256.New()
	for _, c := range certs {
		var n [4]byte
		l := len(c.Raw)
		n[0], n[1], n[2], n[3] = byte(l>>24), byte(l>>16), byte(l>>8), byte(l)
		h.Write(n[:]) // length prefix: no two sets share a byte stream
		h.Write(c.Raw)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// trust returns the verified certificate facts for certs (leaf first) at
// iat, using the cache when it can.
func (v *Verifier) trust(certs []*x509.Certificate, iat, now time.Time) (*certInfo, *Error) {
	if len(certs) == 0 || certs[0] == nil {
		return nil, fail(ReasonCertFetch, "x5u yielded no certificate")
	}
	if len(certs) > maxCertsPerChain {
		return nil, fail(ReasonUntrusted, "x5u yielded %d certificates; at most %d are accepted", len(certs), maxCertsPerChain)
	}
	key := certSetKey(certs)
	c := v.chains
	c.mu.RLock()
	e := c.m[key]
	c.mu.RUnlock()
	if e != nil {
		if e.info != nil && !iat.Before(e.info.notBefore) && !iat.After(e.info.notAfter) {
			return e.info, nil
		}
		if e.err != nil && now.Before(e.expires) {
			return nil, e.err
		}
	}
	info, ferr, cacheable := v.checkCerts(certs, iat)
	if info != nil {
		info.key = key
	}
	if ferr == nil || cacheable {
		c.mu.Lock()
		if len(c.m) >= c.max {
			for k := range c.m { // evict an arbitrary entry; map order is random
				delete(c.m, k)
				break
			}
		}
		c.m[key] = &chainEntry{info: info, err: ferr, expires: now.Add(chainNegativeTTL)}
		c.mu.Unlock()
	}
	return info, ferr
}

// checkCerts does the uncached work: chain to the trust anchors at iat, then
// the STIR profile of the leaf (P-256 key, TNAuthList with an SPC, claim
// constraints). cacheable says whether a failure is independent of iat.
func (v *Verifier) checkCerts(certs []*x509.Certificate, iat time.Time) (*certInfo, *Error, bool) {
	leaf := certs[0]
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		// Intermediates from x5u are untrusted input: they may help build a
		// path, but only a configured anchor can end it.
		inter.AddCert(c)
	}
	// Go refuses certificates with critical extensions it does not know.
	// The STIR extensions are ours to handle, so hide them from that check
	// on a shallow copy rather than on the shared, cached certificate.
	vleaf := leaf
	if len(leaf.UnhandledCriticalExtensions) > 0 {
		cp := *leaf
		cp.UnhandledCriticalExtensions = nil
		for _, oid := range leaf.UnhandledCriticalExtensions {
			if !oid.Equal(OIDTNAuthList) && !oid.Equal(OIDJWTClaimConstraints) && !oid.Equal(OIDEnhancedJWTClaimConstraints) {
				cp.UnhandledCriticalExtensions = append(cp.UnhandledCriticalExtensions, oid)
			}
		}
		vleaf = &cp
	}
	chains, err := vleaf.Verify(x509.VerifyOptions{
		Roots:         v.cfg.TrustAnchors,
		Intermediates: inter,
		CurrentTime:   iat,
		// STI certificates carry no TLS extended key usage.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		var inv x509.CertificateInvalidError
		if errors.As(err, &inv) && inv.Reason == x509.Expired {
			return nil, &Error{Reason: ReasonCertExpired, Detail: "certificate chain not valid at the PASSporT's iat", Err: err}, false
		}
		return nil, &Error{Reason: ReasonUntrusted, Detail: "certificate does not chain to a configured STI trust anchor", Err: err}, true
	}
	info := &certInfo{notBefore: leaf.NotBefore, notAfter: leaf.NotAfter}
	for _, c := range chains[0] {
		if c.NotBefore.After(info.notBefore) {
			info.notBefore = c.NotBefore
		}
		if c.NotAfter.Before(info.notAfter) {
			info.notAfter = c.NotAfter
		}
	}
	pub, ok := leaf.PublicKey.(*ecdsa.PublicKey)
	if !ok || pub.Curve != elliptic.P256() {
		return nil, fail(ReasonBadKey, "signing certificate key is not ECDSA P-256"), true
	}
	info.pub = pub
	var tnDER, ccDER, eccDER []byte
	for _, ext := range leaf.Extensions {
		switch {
		case ext.Id.Equal(OIDTNAuthList):
			if tnDER != nil {
				return nil, fail(ReasonBadTNAuthList, "certificate has two TNAuthList extensions"), true
			}
			tnDER = ext.Value
		case ext.Id.Equal(OIDJWTClaimConstraints):
			ccDER = ext.Value
		case ext.Id.Equal(OIDEnhancedJWTClaimConstraints):
			eccDER = ext.Value
		}
	}
	if tnDER == nil {
		return nil, fail(ReasonNoTNAuthList, "signing certificate has no TNAuthList extension"), true
	}
	tl, ferr := parseTNAuthList(tnDER)
	if ferr != nil {
		return nil, ferr, true
	}
	if len(tl.SPCs) == 0 {
		return nil, fail(ReasonBadTNAuthList, "TNAuthList names no service provider code"), true
	}
	info.tnAuth, info.spc = tl, tl.SPCs[0]
	switch {
	case ccDER != nil && eccDER != nil:
		// RFC 9118 §3: a certificate carries one form or the other.
		return nil, fail(ReasonBadCert, "certificate has both JWTClaimConstraints forms"), true
	case ccDER != nil || eccDER != nil:
		der := ccDER
		if der == nil {
			der = eccDER
		}
		cc, cerr := parseClaimConstraints(der)
		if cerr != nil {
			return nil, cerr, true
		}
		info.constraints = cc
	}
	return info, nil, false
}
