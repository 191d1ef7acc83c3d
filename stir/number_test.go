package stir

import "testing"

func TestCanonicalTN(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"12155551212", "12155551212", true},
		{"+12155551212", "12155551212", true},
		{"+1 (215) 555-1212", "12155551212", true},
		{"1.215.555.1212", "12155551212", true},
		{"tel:+1-215-555-1212", "12155551212", true},
		{"TEL:+12155551212;phone-context=+1", "12155551212", true},
		{"sip:+12155551212@example.com;user=phone", "12155551212", true},
		{"sips:+12155551212@example.com", "12155551212", true},
		{"sip:%2B12155551212@example.com", "12155551212", true},
		{`"Alice" <sip:+12155551212@example.com>;tag=1`, "12155551212", true},
		{"<tel:+442079460000>", "442079460000", true},
		{"01256500600", "01256500600", true},
		{"*67#", "*67#", true},
		{"  +44 20 7946 0000  ", "442079460000", true},
		{"", "", false},
		{"+", "", false},
		{"sip:alice@example.com", "", false},
		{"sip:12155551212", "", false}, // no host: not a SIP URI
		{"1215555121x", "", false},
		{"12+155551212", "", false},
		{"123456789012345678901", "", false}, // 21 digits
		{"sip:%zz@example.com", "", false},
		{"١٢٣", "", false}, // non-ASCII digits are not dialable here
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := CanonicalTN(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("CanonicalTN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
