package stixpattern

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEveryGrammarRuleHasItsCounterpart reads the OASIS grammar and checks
// that each of its lexer rules is a token kind here, and each parser rule
// is followed (named in parser.go), so that a newer grammar with rules this
// parser doesn't know fails here.
func TestEveryGrammarRuleHasItsCounterpart(t *testing.T) {
	g, err := os.ReadFile("testdata/STIXPattern.g4")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("parser.go")
	if err != nil {
		t.Fatal(err)
	}
	lexer := regexp.MustCompile(`(?m)^([A-Z][A-Za-z_]*)\s*:`)
	parser := regexp.MustCompile(`(?m)^([a-z][A-Za-z]*)\s*$`)
	known := map[string]bool{}
	for _, n := range kindNames {
		known[n] = true
	}
	lexRules := lexer.FindAllStringSubmatch(string(g), -1)
	if len(lexRules) < 40 {
		t.Fatalf("found only %d lexer rules in the grammar: the test reads it wrong", len(lexRules))
	}
	for _, m := range lexRules {
		if !known[m[1]] {
			t.Errorf("lexer rule %s has no token kind", m[1])
		}
	}
	parseRules := parser.FindAllStringSubmatch(string(g), -1)
	if len(parseRules) < 15 {
		t.Fatalf("found only %d parser rules in the grammar", len(parseRules))
	}
	for _, m := range parseRules {
		if !strings.Contains(string(src), m[1]) {
			t.Errorf("parser rule %s is not followed in parser.go", m[1])
		}
	}
	// The lexer's rule order is the grammar's: ties go to the earlier rule.
	var order []string
	for _, m := range lexRules {
		order = append(order, m[1])
	}
	var ours []string
	for _, r := range rules {
		ours = append(ours, r.kind.String())
	}
	if strings.Join(order, " ") != strings.Join(ours, " ") {
		t.Errorf("lexer rules in the grammar's order:\n  %v\nhere:\n  %v", order, ours)
	}
}

func TestLexerPicksTheLongestTokenThenTheFirstRule(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Kind
	}{
		{"AND", []Kind{AND}},
		{"ANDY", []Kind{IdentifierWithoutHyphen}},
		{"phone-number", []Kind{IdentifierWithHyphen}},
		{"x_value", []Kind{IdentifierWithoutHyphen}},
		{"true", []Kind{BoolLiteral}},
		{"t'2016-02-29T23:59:60.123Z'", []Kind{TimestampLiteral}},
		{"t'2016-13-01T00:00:00Z'", []Kind{IdentifierWithoutHyphen, StringLiteral}},
		{"h'0aFF'", []Kind{HexLiteral}},
		{"h'0aF'", []Kind{IdentifierWithoutHyphen, StringLiteral}},
		{"b'AAAA'", []Kind{BinaryLiteral}},
		{"b'AAA='", []Kind{BinaryLiteral}},
		{"b''", []Kind{IdentifierWithoutHyphen, StringLiteral}},
		{"'it\\'s'", []Kind{StringLiteral}},
		{"'bad\\n'", []Kind{QUOTE, IdentifierWithoutHyphen, InvalidCharacter, IdentifierWithoutHyphen, QUOTE}},
		{"-12 +3 .5 -1.5", []Kind{IntNegLiteral, IntPosLiteral, FloatPosLiteral, FloatNegLiteral}},
		{"== <> <= >=", []Kind{EQ, NEQ, LE, GE}},
		{"a /* note */ b // end", []Kind{IdentifierWithoutHyphen, IdentifierWithoutHyphen}},
		{"\u00a0AND\u3000", []Kind{AND}},
		{"§", []Kind{InvalidCharacter}},
	} {
		var got []Kind
		for _, tok := range Lex(c.in) {
			if tok.Kind != EOF {
				got = append(got, tok.Kind)
			}
		}
		if !slicesEqual(got, c.want) {
			t.Errorf("Lex(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func slicesEqual(a, b []Kind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Examples from the STIX 2.1 specification's patterning chapter and the
// shapes each grammar alternative allows.
var valid = []string{
	"[phone-number:value = '+442034567895']",
	"[domain-name:value = 'micros0ft-support.com']",
	"[url:value = 'http://example.com/foo']",
	"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
	"[file:name = 'foo.dll'] AND [process:name = 'bar.exe']",
	"[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
	"[domain-name:value = 'example.com'] FOLLOWEDBY [url:value LIKE '%evil%'] WITHIN 600 SECONDS",
	"([file:name = 'a'] OR [file:name = 'b']) REPEATS 5 TIMES",
	"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
	"[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
	"[x509-certificate:issuer MATCHES '^CN=.*$']",
	"[user-account:account_type IN ('unix', 'windows-local')]",
	"[user-account:account_type IN ()]",
	"[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
	"[ipv4-addr:value NOT ISSUPERSET '198.51.100.0/24']",
	"[file:size NOT >= -1]",
	"[artifact:payload_bin = b'dGVzdA==']",
	"[file:hashes.MD5 = h'00ff']",
	"[x-custom:flag = true]",
	"[windows-registry-key:values[0].name = 'x' AND (file:size < 10 OR NOT EXISTS file:name)]",
	"[email-message:from_ref.value = 'a@example.com'] WITHIN .5 SECONDS",
	"[process:pid = +3]",
	"[phone-number:value = '+44'] /* comment */ AND [phone-number:value = '+1'] // end",
}

var invalid = []string{
	"",
	"phone-number:value = '+44'",
	"[phone-number:value = '+44'",
	"[phone-number:value '+44']",
	"[phone-number: = '+44']",
	"[phone-number:value = +44 foo]",
	"[phone-number:value = \"+44\"]",
	"[phone-number:phone-value = 'x']",
	"[phone-number:value = '+44'] AND",
	"[a:b = 'c'] WITHIN -5 SECONDS",
	"[a:b = 'c'] REPEATS 1.5 TIMES",
	"[a:b = 'c'] START '2016' STOP t'2016-07-01T00:00:00Z'",
	"[a:b > true]",
	"[a:b LIKE 5]",
	"[a:b IN ('x',)]",
	"[a:b[1.5] = 'x']",
	"[(a:b = 'x']",
	"[a:b = 'x'] [c:d = 'y']",
	"[a:b = 'unterminated]",
	"[a:b = 'x\\y']",
}

func TestParseFollowsTheGrammar(t *testing.T) {
	for _, s := range valid {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q): %v", s, err)
		}
	}
	for _, s := range invalid {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted a pattern the grammar refuses", s)
		}
	}
}

func TestParseReturnsTheComparisons(t *testing.T) {
	p, err := Parse("[phone-number:value = 'it\\'s \\\\ +44'] AND [file:hashes.'SHA-256' != 'x' OR NOT EXISTS file:name]")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Comparisons) != 3 {
		t.Fatalf("comparisons %+v, want 3", p.Comparisons)
	}
	c := p.Comparisons[0]
	v, ok := c.StringValue()
	if c.ObjectType != "phone-number" || len(c.Path) != 1 || c.Path[0] != "value" || c.Op != "=" || !ok || v != `it's \ +44` {
		t.Errorf("first comparison %+v (value %q)", c, v)
	}
	if c := p.Comparisons[1]; c.ObjectType != "file" || strings.Join(c.Path, ".") != "hashes.'SHA-256'" || c.Op != "!=" {
		t.Errorf("second comparison %+v", c)
	}
	if c := p.Comparisons[2]; c.Op != "EXISTS" || !c.Negated {
		t.Errorf("third comparison %+v", c)
	}
}

func TestHostilePatternsAreRefusedNotCrashing(t *testing.T) {
	deep := strings.Repeat("(", 10000) + "[a:b = 'c']" + strings.Repeat(")", 10000)
	if _, err := Parse(deep); err == nil {
		t.Error("10,000 nested parentheses were accepted")
	}
	if _, err := Parse(strings.Repeat("[a:b = 'c'] AND ", MaxLen)); err == nil {
		t.Error("an oversized pattern was accepted")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range append(append([]string{}, valid...), invalid...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err == nil && p == nil {
			t.Fatal("no pattern and no error")
		}
	})
}

// FuzzQuotedValue checks that any value quoted as export quotes it parses
// back to itself.
func FuzzQuotedValue(f *testing.F) {
	for _, s := range []string{"+442034567895", "it's", `back\slash`, "", "'", `\'`, "new\nline"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) || len(v) > 1000 {
			return
		}
		q := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v)
		p, err := Parse("[phone-number:value = '" + q + "']")
		if err != nil {
			t.Fatalf("value %q: %v", v, err)
		}
		if got, _ := p.Comparisons[0].StringValue(); got != v {
			t.Fatalf("value %q came back as %q", v, got)
		}
	})
}
