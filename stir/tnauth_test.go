package stir

import (
	"encoding/asn1"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/stir/stirtest"
)

func TestParseTNAuthList(t *testing.T) {
	h := func(s string) []byte { b, _ := hex.DecodeString(s); return b }
	ia5URL, _ := asn1.MarshalWithParams("https://ca.example/TNAuthList", "ia5")
	tests := []struct {
		name   string
		der    []byte
		spcs   []string
		tns    []string
		ranges int
		ok     bool
	}{
		{"SPC 1 (RFC 8226 explicit)", h("3005a003160131"), []string{"1"}, nil, 0, true},
		{"SPC implicit tag", h("3003800131"), []string{"1"}, nil, 0, true},
		{"SPC and number", stirtest.TNAuthList("567J", []string{"12155551212"}, nil), []string{"567J"}, []string{"12155551212"}, 0, true},
		{"range", stirtest.TNAuthList("", nil, []stirtest.TNRange{{Start: "12155550000", Count: 100}}), nil, nil, 1, true},
		{"IA5String URL", ia5URL, nil, nil, 0, false},
		{"text", []byte("881212,INTEGER:50"), nil, nil, 0, false},
		{"empty sequence", h("3000"), nil, nil, 0, false},
		{"trailing bytes", h("3005a00316013100"), nil, nil, 0, false},
		{"unknown tag", h("3005a303160131"), nil, nil, 0, false},
		{"universal entry", h("3003160131"), nil, nil, 0, false},
		{"SPC with space", h("3007a005160331203" + "1"), nil, nil, 0, false},
		{"number with letters", stirtest.TNAuthList("", []string{"1215555ABCD"}, nil), nil, nil, 0, false},
		{"number too long", stirtest.TNAuthList("", []string{"1234567890123456"}, nil), nil, nil, 0, false},
		{"range count 1", stirtest.TNAuthList("", nil, []stirtest.TNRange{{Start: "12155550000", Count: 1}}), nil, nil, 0, false},
		{"nil", nil, nil, nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseTNAuthList(tt.der)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if !tt.ok {
				if err.Reason != ReasonBadTNAuthList {
					t.Errorf("reason %s", err.Reason)
				}
				return
			}
			if strings.Join(l.SPCs, ",") != strings.Join(tt.spcs, ",") || strings.Join(l.TNs, ",") != strings.Join(tt.tns, ",") || len(l.Ranges) != tt.ranges {
				t.Errorf("got %+v", l)
			}
		})
	}
}

func TestTNAuthListCovers(t *testing.T) {
	l, err := parseTNAuthList(stirtest.TNAuthList("1", []string{"12155551212"}, []stirtest.TNRange{{Start: "12155550100", Count: 100}}))
	if err != nil {
		t.Fatal(err)
	}
	for tn, want := range map[string]bool{
		"12155551212": true, "12155550100": true, "12155550199": true,
		"12155550200": false, "12155550099": false, "2155550150": false, "12155551213": false,
	} {
		if got := l.covers(tn); got != want {
			t.Errorf("covers(%s) = %v, want %v", tn, got, want)
		}
	}
	spcOnly, _ := parseTNAuthList(stirtest.TNAuthList("1", nil, nil))
	if !spcOnly.covers("19995550000") {
		t.Error("an SPC-only list should leave number authority to the SPC")
	}
}

func TestParseClaimConstraints(t *testing.T) {
	c := &stirtest.Constraints{MustInclude: []string{"rcd"}, Permitted: map[string][]string{"rcd": {`{"nam":"A"}`}}, MustExclude: []string{"x"}}
	cc, err := parseClaimConstraints(c.DER())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cc.mustInclude, ",") != "rcd" || strings.Join(cc.mustExclude, ",") != "x" || cc.permitted["rcd"][0] != `{"nam":"A"}` || !cc.permitsName() {
		t.Errorf("got %+v", cc)
	}
	if _, err := parseClaimConstraints([]byte("junk")); err == nil || err.Reason != ReasonBadCert {
		t.Errorf("junk: %v", err)
	}
	var none *claimConstraints
	if none.permitsName() || none.check(&Claims{}) != nil {
		t.Error("nil constraints must permit no name and reject nothing")
	}
}

func TestPermittedValue(t *testing.T) {
	tests := []struct {
		claim   string
		allowed []string
		want    bool
	}{
		{`"A"`, []string{"A"}, true},
		{`"A"`, []string{"B", "A"}, true},
		{`"A"`, []string{`"A"`}, false},
		{`{"nam":"X","jcd":{}}`, []string{`{"jcd":{}, "nam":"X"}`}, true},
		{`{"nam":"X"}`, []string{`{"nam":"Y"}`, "X"}, false},
		{`{"nam":"X"}`, []string{`not json`}, false},
		{`7`, []string{`7`}, true},
	}
	for _, tt := range tests {
		if got := permittedValue([]byte(tt.claim), tt.allowed); got != tt.want {
			t.Errorf("permittedValue(%s, %q) = %v, want %v", tt.claim, tt.allowed, got, tt.want)
		}
	}
}
