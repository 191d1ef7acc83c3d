package report

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseAmount: any text is an amount or a refusal, never a panic; an
// accepted amount is finite, between 0 and a billion, and says the same when
// written back and read again.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"250", "£1,200.50", "300 pounds", "GBP 40", "12abc", "1,20", "-5", "$£5", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, cur, err := parseAmount(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || v < 0 || v > 1e9 {
			t.Fatalf("parseAmount(%q) = %v", s, v)
		}
		if cur != "" && cur != "GBP" && cur != "USD" && cur != "EUR" {
			t.Fatalf("parseAmount(%q) currency %q", s, cur)
		}
		if strings.ContainsAny(strings.ToLower(s), "xz!?") {
			t.Fatalf("parseAmount(%q) accepted stray characters", s)
		}
		again, _, err := parseAmount(strconv.FormatFloat(v, 'f', 2, 64))
		if err != nil || again != v {
			t.Fatalf("parseAmount(%q) = %v, which reads back as %v (%v)", s, v, again, err)
		}
	})
}
