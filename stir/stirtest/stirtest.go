// Package stirtest makes STIR/SHAKEN test material at test time: a root CA,
// intermediates, service-provider certificates with an RFC 8226 TNAuthList
// (and optionally JWTClaimConstraints for branded names), and signed
// PASSporTs and Identity header values with any claims and iat.
//
// Nothing is read from disk and every key is fresh, so suites that use it
// stand alone and ship no third-party keys:
//
//	ca := stirtest.NewCA(t)
//	sp := ca.IssueSP("SPC1", stirtest.SPOptions{})
//	hdr := sp.Identity(stirtest.Claims{Orig: "12155551212", Dest: []string{"12155551213"}, Attest: "A", IAT: now}, x5u)
//	anchors := ca.Pool()          // trust anchors for the verifier
//	fetcher := stir.MapFetcher{x5u: sp.Chain} // or serve sp.PEM() over HTTPS
//
// It does not import package stir, so stir's own tests can use it.
package stirtest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Extension OIDs (RFC 8226 §9, §8; RFC 9118).
var (
	oidTNAuthList                  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 26}
	oidJWTClaimConstraints         = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 27}
	oidEnhancedJWTClaimConstraints = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 33}
)

// Default validity of generated certificates: wide enough that any pinned
// test clock of this era falls inside, so only tests about expiry need to
// think about dates.
var (
	defaultNotBefore = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	defaultNotAfter  = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

var serial atomic.Int64

// CA is a certificate authority: a self-signed root from NewCA, or an
// intermediate from CA.Intermediate.
type CA struct {
	Cert  *x509.Certificate
	Key   *ecdsa.PrivateKey
	Chain []*x509.Certificate // this CA and the intermediates above it, up to but excluding the root

	tb testing.TB
}

// SP is a service provider's STI certificate and key.
type SP struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate // leaf first, then intermediates: what an x5u URL serves
	SPC   string

	tb testing.TB
}

// SPOptions shape an SP certificate. The zero value gives a valid SHAKEN
// certificate: P-256 key, TNAuthList with the SPC, long validity.
type SPOptions struct {
	NotBefore, NotAfter time.Time // default 2000-01-01 to 2099-12-31

	// Key replaces the generated P-256 key, e.g. with a P-384 or RSA key to
	// test key-type checks.
	Key crypto.Signer

	// TNs and Ranges add telephone-number entries to the TNAuthList next
	// to the SPC (delegate-certificate style).
	TNs    []string
	Ranges []TNRange

	// OmitTNAuthList leaves the extension out; RawTNAuthList, if set, is
	// used as the extension value verbatim (for malformed encodings).
	OmitTNAuthList bool
	RawTNAuthList  []byte
	// CriticalTNAuthList marks the extension critical.
	CriticalTNAuthList bool

	// PermittedNames authorises rcd claims {"nam": name} through
	// JWTClaimConstraints permittedValues for "rcd" (RFC 8226 §8), which is
	// what lets a verifier show the name as verified.
	PermittedNames []string
	// Constraints adds arbitrary claim constraints; merged with
	// PermittedNames.
	Constraints *Constraints
}

// TNRange is a TelephoneNumberRange: Count numbers from Start.
type TNRange struct {
	Start string
	Count int
}

// Constraints is a JWTClaimConstraints extension. With Enhanced set, or
// when MustExclude is used, it is encoded as RFC 9118's
// EnhancedJWTClaimConstraints instead.
type Constraints struct {
	MustInclude []string
	Permitted   map[string][]string
	MustExclude []string
	Enhanced    bool
}

// NewCA returns a fresh self-signed P-256 root. tb may be nil (e.g. in a
// benchmark helper or a TestMain); errors then panic.
func NewCA(tb testing.TB) *CA {
	if tb != nil {
		tb.Helper()
	}
	key := newKey(tb)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial.Add(1)),
		Subject:               pkix.Name{CommonName: "Hangup Test STI-CA", Organization: []string{"stirtest"}},
		NotBefore:             defaultNotBefore,
		NotAfter:              defaultNotAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	check(tb, err)
	cert, err := x509.ParseCertificate(der)
	check(tb, err)
	return &CA{Cert: cert, Key: key, tb: tb}
}

// Pool returns a pool holding just this CA, for use as trust anchors.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// PEM returns the CA certificate in PEM.
func (ca *CA) PEM() []byte { return certsPEM([]*x509.Certificate{ca.Cert}) }

// Intermediate returns a CA signed by ca. SPs it issues carry it in their
// Chain, so verifiers must accept it from x5u while trusting only the root.
func (ca *CA) Intermediate() *CA {
	if ca.tb != nil {
		ca.tb.Helper()
	}
	key := newKey(ca.tb)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial.Add(1)),
		Subject:               pkix.Name{CommonName: fmt.Sprintf("Hangup Test STI-ICA %d", serial.Load()), Organization: []string{"stirtest"}},
		NotBefore:             defaultNotBefore,
		NotAfter:              defaultNotAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.Key)
	check(ca.tb, err)
	cert, err := x509.ParseCertificate(der)
	check(ca.tb, err)
	chain := append([]*x509.Certificate{cert}, ca.Chain...)
	return &CA{Cert: cert, Key: key, Chain: chain, tb: ca.tb}
}

// IssueSP issues a service-provider certificate for spc.
func (ca *CA) IssueSP(spc string, opts SPOptions) *SP {
	if ca.tb != nil {
		ca.tb.Helper()
	}
	signer := opts.Key
	if signer == nil {
		signer = newKey(ca.tb)
	}
	nb, na := opts.NotBefore, opts.NotAfter
	if nb.IsZero() {
		nb = defaultNotBefore
	}
	if na.IsZero() {
		na = defaultNotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial.Add(1)),
		Subject:      pkix.Name{CommonName: "SHAKEN " + spc, Organization: []string{"stirtest"}},
		NotBefore:    nb,
		NotAfter:     na,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if !opts.OmitTNAuthList {
		val := opts.RawTNAuthList
		if val == nil {
			val = TNAuthList(spc, opts.TNs, opts.Ranges)
		}
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkixExt(oidTNAuthList, opts.CriticalTNAuthList, val))
	}
	cons := opts.Constraints
	if len(opts.PermittedNames) > 0 {
		merged := Constraints{Permitted: map[string][]string{}}
		if cons != nil {
			merged = *cons
			merged.Permitted = map[string][]string{}
			for k, v := range cons.Permitted {
				merged.Permitted[k] = append([]string(nil), v...)
			}
		}
		for _, n := range opts.PermittedNames {
			b, _ := json.Marshal(map[string]string{"nam": n})
			merged.Permitted["rcd"] = append(merged.Permitted["rcd"], string(b))
		}
		cons = &merged
	}
	if cons != nil {
		oid := oidJWTClaimConstraints
		if cons.Enhanced || len(cons.MustExclude) > 0 {
			oid = oidEnhancedJWTClaimConstraints
		}
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkixExt(oid, false, cons.DER()))
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, signer.Public(), ca.Key)
	check(ca.tb, err)
	cert, err := x509.ParseCertificate(der)
	check(ca.tb, err)
	chain := append([]*x509.Certificate{cert}, ca.Chain...)
	return &SP{Cert: cert, Key: signer, Chain: chain, SPC: spc, tb: ca.tb}
}

// PEM returns the SP's chain (leaf first) in PEM, as an x5u URL serves it.
func (sp *SP) PEM() []byte { return certsPEM(sp.Chain) }

// Claims are the PASSporT claims and signing choices for one token. Zero
// fields get SHAKEN-conformant defaults; Extra and Header can override or
// delete anything, to build malformed tokens.
type Claims struct {
	Orig   string    // orig.tn
	Dest   []string  // dest.tn
	Attest string    // default "A"
	OrigID string    // default a random UUID
	IAT    time.Time // default time.Now()
	Div    string    // div.tn; makes the default ppt "div" (RFC 8946)
	Name   string    // rcd nam (RFC 9795)
	PPT    string    // default "shaken", or "div" when Div is set

	// Extra claims are merged over the generated ones; a nil value deletes
	// a claim.
	Extra map[string]any
	// Header entries are merged over the JOSE header; a nil value deletes.
	Header map[string]any
	// DERSignature signs with an ASN.1 DER signature instead of JWS r‖s,
	// the classic signer bug verifiers must reject.
	DERSignature bool
}

// ppt returns the effective ppt.
func (c Claims) ppt() string {
	switch {
	case c.PPT != "":
		return c.PPT
	case c.Div != "":
		return "div"
	}
	return "shaken"
}

// PASSporT returns a signed compact PASSporT "header.payload.signature"
// whose x5u is x5u. JSON members are sorted with no whitespace (RFC 8225 §9).
func (sp *SP) PASSporT(c Claims, x5u string) string {
	if sp.tb != nil {
		sp.tb.Helper()
	}
	ppt := c.ppt()
	hdr := map[string]any{"alg": "ES256", "typ": "passport", "ppt": ppt, "x5u": x5u}
	merge(hdr, c.Header)

	iat := c.IAT
	if iat.IsZero() {
		iat = time.Now()
	}
	claims := map[string]any{
		"iat":  iat.Unix(),
		"orig": map[string]any{"tn": c.Orig},
		"dest": map[string]any{"tn": nonNil(c.Dest)},
	}
	if ppt != "div" {
		attest, origid := c.Attest, c.OrigID
		if attest == "" {
			attest = "A"
		}
		if origid == "" {
			origid = uuid()
		}
		claims["attest"], claims["origid"] = attest, origid
	}
	if c.Div != "" {
		claims["div"] = map[string]any{"tn": c.Div}
	}
	if c.Name != "" {
		claims["rcd"] = map[string]any{"nam": c.Name}
	}
	merge(claims, c.Extra)

	hb, err := json.Marshal(hdr)
	check(sp.tb, err)
	pb, err := json.Marshal(claims)
	check(sp.tb, err)
	input := b64(hb) + "." + b64(pb)
	return input + "." + b64(sp.sign(input, c.DERSignature))
}

// Identity returns a whole Identity header value:
// "<passport>;info=<x5u>;alg=ES256;ppt=<ppt>".
func (sp *SP) Identity(c Claims, x5u string) string {
	if sp.tb != nil {
		sp.tb.Helper()
	}
	return IdentityValue(sp.PASSporT(c, x5u), x5u, c.ppt())
}

// IdentityValue assembles an Identity header value from a compact PASSporT,
// for tests that need to pair a token with other parameters. An empty info
// or ppt leaves that parameter out.
func IdentityValue(passport, info, ppt string) string {
	var b strings.Builder
	b.WriteString(passport)
	if info != "" {
		b.WriteString(";info=<" + info + ">")
	}
	b.WriteString(";alg=ES256")
	if ppt != "" {
		b.WriteString(";ppt=" + ppt)
	}
	return b.String()
}

// sign makes the JWS ES256 signature. Keys that cannot make one (not
// P-256) get a well-formed but meaningless 64-byte value, so tests reach
// the verifier's certificate checks instead of failing on length.
func (sp *SP) sign(input string, der bool) []byte {
	digest := sha256.Sum256([]byte(input))
	k, ok := sp.Key.(*ecdsa.PrivateKey)
	if !ok || k.Curve != elliptic.P256() {
		out := make([]byte, 64)
		_, _ = rand.Read(out)
		return out
	}
	if der {
		sig, err := ecdsa.SignASN1(rand.Reader, k, digest[:])
		check(sp.tb, err)
		return sig
	}
	r, s, err := ecdsa.Sign(rand.Reader, k, digest[:])
	check(sp.tb, err)
	out := make([]byte, 64)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return out
}

// TNAuthList encodes an RFC 8226 TNAuthorizationList (EXPLICIT tags): an SPC
// entry if spc is not empty, then the numbers and ranges.
func TNAuthList(spc string, tns []string, ranges []TNRange) []byte {
	var entries []asn1.RawValue
	explicit := func(tag int, inner []byte) {
		entries = append(entries, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: true, Bytes: inner})
	}
	if spc != "" {
		explicit(0, ia5(spc))
	}
	for _, r := range ranges {
		count, _ := asn1.Marshal(r.Count)
		seq, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: append(ia5(r.Start), count...)})
		explicit(1, seq)
	}
	for _, tn := range tns {
		explicit(2, ia5(tn))
	}
	der, err := asn1.Marshal(entries)
	if err != nil {
		panic(err)
	}
	return der
}

// DER encodes the constraints as the extension value.
func (c *Constraints) DER() []byte {
	var fields []byte
	if len(c.MustInclude) > 0 {
		fields = append(fields, explicitTag(0, seqOf(ia5List(c.MustInclude)))...)
	}
	if len(c.Permitted) > 0 {
		names := make([]string, 0, len(c.Permitted))
		for n := range c.Permitted {
			names = append(names, n)
		}
		sort.Strings(names)
		var list []byte
		for _, n := range names {
			var vals []byte
			for _, v := range c.Permitted[n] {
				b, _ := asn1.MarshalWithParams(v, "utf8")
				vals = append(vals, b...)
			}
			list = append(list, seqOf(append(ia5(n), seqOf(vals)...))...)
		}
		fields = append(fields, explicitTag(1, seqOf(list))...)
	}
	if len(c.MustExclude) > 0 {
		fields = append(fields, explicitTag(2, seqOf(ia5List(c.MustExclude)))...)
	}
	return seqOf(fields)
}

func ia5(s string) []byte {
	b, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagIA5String, Bytes: []byte(s)})
	if err != nil {
		panic(err)
	}
	return b
}

func ia5List(ss []string) []byte {
	var out []byte
	for _, s := range ss {
		out = append(out, ia5(s)...)
	}
	return out
}

func seqOf(content []byte) []byte {
	b, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: content})
	if err != nil {
		panic(err)
	}
	return b
}

func explicitTag(tag int, inner []byte) []byte {
	b, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: true, Bytes: inner})
	if err != nil {
		panic(err)
	}
	return b
}

func pkixExt(oid asn1.ObjectIdentifier, critical bool, val []byte) pkix.Extension {
	return pkix.Extension{Id: oid, Critical: critical, Value: val}
}

func certsPEM(certs []*x509.Certificate) []byte {
	var b []byte
	for _, c := range certs {
		b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return b
}

func merge(dst, src map[string]any) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
		} else {
			dst[k] = v
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func newKey(tb testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(tb, err)
	return k
}

func check(tb testing.TB, err error) {
	if err == nil {
		return
	}
	if tb != nil {
		tb.Helper()
		tb.Fatalf("stirtest: %v", err)
	}
	panic("stirtest: " + err.Error())
}
