package stir

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup/stir/stirtest"
)

// Seeds beyond these live in testdata/fuzz/<FuzzName>/.

func FuzzParseIdentity(f *testing.F) {
	sp := stirtest.NewCA(f).IssueSP("1", stirtest.SPOptions{})
	f.Add(sp.Identity(claims(), testX5U))
	f.Add(sp.Identity(stirtest.Claims{Orig: testOrig, Dest: []string{testDest}, Div: "1", IAT: t0, Name: "X"}, testX5U))
	f.Add("a.b.c;info=<x>")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIdentity(s)
		if err != nil {
			if reasonOf(err) == "" {
				t.Fatalf("error without a Reason: %v", err)
			}
			if id != nil {
				t.Fatal("non-nil Identity with an error")
			}
			return
		}
		if id.Info == "" {
			t.Fatal("parsed without info")
		}
		p := id.PASSporT
		if p.signingInput == "" || strings.Count(p.signingInput, ".") != 1 || !strings.Contains(s, p.signingInput) {
			t.Fatalf("signing input %q not taken from the input", p.signingInput)
		}
		if len(s) > MaxIdentitySize {
			t.Fatal("accepted an oversize value")
		}
	})
}

func FuzzVerify(f *testing.F) {
	fx := newFixture(f)
	good := fx.sp.Identity(claims(), testX5U)
	f.Add(good, testOrig, testDest, "")
	f.Add(good+","+good, "+1 215 555 1212", "tel:+12155551213", "1")
	f.Add(fx.sp.Identity(stirtest.Claims{Orig: testOrig, Dest: []string{"2"}, Div: testDest, IAT: t0}, testX5U), testOrig, "2", testDest)
	f.Add(fx.sp.Identity(with(func(c *stirtest.Claims) { c.Name = "Support" }), testX5U), testOrig, testDest, "")
	f.Fuzz(func(t *testing.T, hdr, from, to, divertedFrom string) {
		r := fx.v.Verify(context.Background(), Request{Identity: []string{hdr}, From: from, To: to, DivertedFrom: divertedFrom, Date: t0.Add(-time.Second)})
		if r.Detail == panicDetail {
			t.Fatalf("Verify panicked on %q", hdr)
		}
		switch r.Verstat {
		case VerstatPassed:
			if r.Reason != ReasonOK || r.SPC == "" || r.OrigTN == "" {
				t.Fatalf("inconsistent pass: %+v", r)
			}
		case VerstatFailed:
			if r.ReasonCode == 0 || r.Reason == ReasonOK {
				t.Fatalf("failure without a code: %+v", r)
			}
		case VerstatNone:
			if r.Reason != ReasonNoIdentity {
				t.Fatalf("none with reason %s", r.Reason)
			}
		default:
			t.Fatalf("verstat %q", r.Verstat)
		}
	})
}

func FuzzCanonicalTN(f *testing.F) {
	for _, s := range []string{"+1 (215) 555-1212", "sip:+12155551212@example.com;user=phone", "tel:+44-20;x", "<sip:%2B1@h>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tn, ok := CanonicalTN(s)
		if ok != (tn != "") || strings.Trim(tn, "0123456789*#") != "" || len(tn) > maxTNDigits {
			t.Fatalf("CanonicalTN(%q) = %q, %v", s, tn, ok)
		}
		if again, ok2 := CanonicalTN(tn); ok && (!ok2 || again != tn) {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, tn, again)
		}
	})
}

func FuzzParseTNAuthList(f *testing.F) {
	f.Add(stirtest.TNAuthList("567J", []string{"12155551212"}, []stirtest.TNRange{{Start: "12155550000", Count: 100}}))
	f.Add([]byte{0x30, 0x05, 0xa0, 0x03, 0x16, 0x01, 0x31})
	f.Add((&stirtest.Constraints{MustInclude: []string{"rcd"}, Permitted: map[string][]string{"rcd": {"x"}}}).DER())
	f.Fuzz(func(t *testing.T, der []byte) {
		if l, err := parseTNAuthList(der); err == nil {
			if len(l.SPCs)+len(l.TNs)+len(l.Ranges) == 0 {
				t.Fatal("accepted an empty list")
			}
			l.covers("12155551212")
		}
		if cc, err := parseClaimConstraints(der); err == nil {
			cc.check(&Claims{})
		}
	})
}
