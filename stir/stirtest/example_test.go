package stirtest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hangup-org/hangup/stir"
	"github.com/hangup-org/hangup/stir/stirtest"
)

// A test CA, an intermediate, a service provider with a permitted branded
// name, and a signed Identity header, verified end to end.
func Example() {
	now := time.Date(2027, 1, 15, 8, 0, 0, 0, time.UTC)
	const x5u = "https://certs.example.test/sp.pem"

	ca := stirtest.NewCA(nil)
	sp := ca.Intermediate().IssueSP("567J", stirtest.SPOptions{PermittedNames: []string{"Contoso"}})
	hdr := sp.Identity(stirtest.Claims{Orig: "12155551212", Dest: []string{"12155551213"}, Attest: "A", IAT: now, Name: "Contoso"}, x5u)

	v, err := stir.NewVerifier(stir.Config{
		TrustAnchors: ca.Pool(),
		Fetcher:      stir.MapFetcher{x5u: sp.Chain},
		Now:          func() time.Time { return now },
	})
	if err != nil {
		panic(err)
	}
	r := v.Verify(context.Background(), stir.Request{Identity: []string{hdr}, From: "+1 215 555 1212", To: "tel:+12155551213"})
	fmt.Println(r.Verstat, r.Attestation, r.SPC, r.CallerName, r.NameStatus)

	// Two minutes later the same header is stale: 403 Stale Date.
	now = now.Add(2 * time.Minute)
	r = v.Verify(context.Background(), stir.Request{Identity: []string{hdr}, From: "12155551212", To: "12155551213"})
	fmt.Println(r.Verstat, r.ReasonCode, r.Reason, r.ReasonText)
	// Output:
	// TN-Validation-Passed A 567J Contoso verified
	// TN-Validation-Failed 403 stir.stale Stale Date
}

func TestIssueSPChain(t *testing.T) {
	ca := stirtest.NewCA(t)
	ica := ca.Intermediate()
	sp := ica.IssueSP("1", stirtest.SPOptions{})
	if len(sp.Chain) != 2 || !sp.Chain[1].Equal(ica.Cert) {
		t.Fatalf("chain = %d certificates, want leaf and intermediate", len(sp.Chain))
	}
	certs, err := stir.ParseCertificates(sp.PEM())
	if err != nil || len(certs) != 2 || !certs[0].Equal(sp.Cert) {
		t.Fatalf("PEM round trip: %v", err)
	}
}
