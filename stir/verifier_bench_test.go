package stir

import (
	"context"
	"crypto/ecdsa"
	"testing"
)

// BenchmarkVerifyCached measures the hot path for a new call: the
// certificate already fetched and its chain already verified, so each call
// pays for parsing, the cheap checks and one ECDSA P-256 verification. The
// signature cache is off so that the repeated header really is verified
// every time, as every new call's PASSporT would be.
func BenchmarkVerifyCached(b *testing.B) {
	f := newFixture(b)
	f.v.sigs = nil
	req := call(f.sp.Identity(claims(), testX5U))
	ctx := context.Background()
	if r := f.v.Verify(ctx, req); r.Verstat != VerstatPassed {
		b.Fatalf("warm-up: %s %s", r.Reason, r.Detail)
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := f.v.Verify(ctx, req); r.Verstat != VerstatPassed {
			b.Fatal(r.Reason)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verify/s")
}

// BenchmarkVerifyCachedParallel is the same across all cores, to show the
// caches do not serialise callers.
func BenchmarkVerifyCachedParallel(b *testing.B) {
	f := newFixture(b)
	f.v.sigs = nil
	req := call(f.sp.Identity(claims(), testX5U))
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if r := f.v.Verify(ctx, req); r.Verstat != VerstatPassed {
				b.Error(r.Reason)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verify/s")
}

// BenchmarkVerifyRepeat is the same header verified again (a SIP
// retransmission, a second screening layer): the signature cache answers.
func BenchmarkVerifyRepeat(b *testing.B) {
	f := newFixture(b)
	req := call(f.sp.Identity(claims(), testX5U))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := f.v.Verify(ctx, req); r.Verstat != VerstatPassed {
			b.Fatal(r.Reason)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verify/s")
}

// BenchmarkVerifyRejectStale is the cost of turning away a replayed header,
// which must stay far below a signature check.
func BenchmarkVerifyRejectStale(b *testing.B) {
	f := newFixture(b)
	c := claims()
	c.IAT = c.IAT.Add(-3600e9)
	req := call(f.sp.Identity(c, testX5U))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := f.v.Verify(ctx, req); r.Reason != ReasonStale {
			b.Fatal(r.Reason)
		}
	}
}

// BenchmarkParseIdentity measures parsing alone.
func BenchmarkParseIdentity(b *testing.B) {
	f := newFixture(b)
	hdr := f.sp.Identity(claims(), testX5U)
	b.ReportAllocs()
	b.SetBytes(int64(len(hdr)))
	for b.Loop() {
		if _, err := ParseIdentity(hdr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkES256Verify is the floor under BenchmarkVerifyCached: one
// SHA-256 and one P-256 ECDSA verification, nothing else.
func BenchmarkES256Verify(b *testing.B) {
	f := newFixture(b)
	id, err := ParseIdentity(f.sp.Identity(claims(), testX5U))
	if err != nil {
		b.Fatal(err)
	}
	pub := f.sp.Chain[0].PublicKey.(*ecdsa.PublicKey)
	for b.Loop() {
		if !verifyES256(pub, id.PASSporT.signingInput, id.PASSporT.signature) {
			b.Fatal("signature")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verify/s")
}
