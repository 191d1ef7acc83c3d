// Package stixpattern parses the STIX 2.1 Patterning Language following
// the OASIS ANTLR grammar (STIXPattern.g4, in testdata with its licence):
// a lexer that picks, at each position, the longest token any rule
// matches (the first rule on a tie, as ANTLR does), and a recursive-descent
// parser of the grammar's rules with their left recursion unrolled into
// loops. It checks syntax and returns the comparisons a pattern makes; it
// does not evaluate patterns.
package stixpattern

import (
	"fmt"
	"regexp"
	"strings"
)

// Token kinds, named as in the grammar.
type Kind int

// Token kinds in the grammar's rule order, which breaks ties between rules
// matching the same length.
const (
	IntNegLiteral Kind = iota
	IntPosLiteral
	FloatNegLiteral
	FloatPosLiteral
	HexLiteral
	BinaryLiteral
	StringLiteral
	BoolLiteral
	TimestampLiteral
	AND
	OR
	NOT
	FOLLOWEDBY
	LIKE
	MATCHES
	ISSUPERSET
	ISSUBSET
	EXISTS
	LAST
	IN
	START
	STOP
	SECONDS
	TRUE
	FALSE
	WITHIN
	REPEATS
	TIMES
	IdentifierWithoutHyphen
	IdentifierWithHyphen
	EQ
	NEQ
	LT
	LE
	GT
	GE
	QUOTE
	COLON
	DOT
	COMMA
	RPAREN
	LPAREN
	RBRACK
	LBRACK
	PLUS
	HYPHEN
	MINUS
	POWER_OP
	DIVIDE
	ASTERISK
	WS
	COMMENT
	LINE_COMMENT
	InvalidCharacter
	EOF
)

var kindNames = [...]string{"IntNegLiteral", "IntPosLiteral", "FloatNegLiteral", "FloatPosLiteral", "HexLiteral", "BinaryLiteral",
	"StringLiteral", "BoolLiteral", "TimestampLiteral", "AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET",
	"ISSUBSET", "EXISTS", "LAST", "IN", "START", "STOP", "SECONDS", "TRUE", "FALSE", "WITHIN", "REPEATS", "TIMES",
	"IdentifierWithoutHyphen", "IdentifierWithHyphen", "EQ", "NEQ", "LT", "LE", "GT", "GE", "QUOTE", "COLON", "DOT", "COMMA",
	"RPAREN", "LPAREN", "RBRACK", "LBRACK", "PLUS", "HYPHEN", "MINUS", "POWER_OP", "DIVIDE", "ASTERISK", "WS", "COMMENT",
	"LINE_COMMENT", "InvalidCharacter", "EOF"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Token is one lexed token.
type Token struct {
	Kind Kind
	Text string
	Pos  int // byte offset in the pattern
}

// rule is one lexer rule: a regular expression anchored at the start, or
// a function for the rules regular expressions can't say as ANTLR means
// them (a non-greedy comment).
type rule struct {
	kind  Kind
	re    *regexp.Regexp
	match func(s string) int
}

func re(kind Kind, expr string) rule {
	r := regexp.MustCompile(`^(?:` + expr + `)`)
	r.Longest()
	return rule{kind: kind, re: r}
}

func lit(kind Kind, words ...string) rule {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return re(kind, strings.Join(q, "|"))
}

const (
	b64 = `[A-Za-z0-9+/]`
	ws  = `[ \t\r\n\x{000B}\x{000C}\x{0085}\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+`
)

// rules are the grammar's lexer rules in its order.
var rules = []rule{
	re(IntNegLiteral, `-(?:0|[1-9][0-9]*)`),
	re(IntPosLiteral, `\+?(?:0|[1-9][0-9]*)`),
	re(FloatNegLiteral, `-[0-9]*\.[0-9]+`),
	re(FloatPosLiteral, `\+?[0-9]*\.[0-9]+`),
	re(HexLiteral, `h'(?:[A-Fa-f0-9][A-Fa-f0-9])*'`),
	re(BinaryLiteral, `b'(?:`+b64+`{4})*(?:`+b64+`{4}|`+b64+`{3}=|`+b64+`{2}==)'`),
	re(StringLiteral, `'(?:[^'\\]|\\'|\\\\)*'`),
	lit(BoolLiteral, "true", "false"),
	re(TimestampLiteral, `t'[0-9]{4}-(?:0[1-9]|1[012])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?Z'`),
	lit(AND, "AND"), lit(OR, "OR"), lit(NOT, "NOT"), lit(FOLLOWEDBY, "FOLLOWEDBY"), lit(LIKE, "LIKE"), lit(MATCHES, "MATCHES"),
	lit(ISSUPERSET, "ISSUPERSET"), lit(ISSUBSET, "ISSUBSET"), lit(EXISTS, "EXISTS"), lit(LAST, "LAST"), lit(IN, "IN"),
	lit(START, "START"), lit(STOP, "STOP"), lit(SECONDS, "SECONDS"), lit(TRUE, "true"), lit(FALSE, "false"),
	lit(WITHIN, "WITHIN"), lit(REPEATS, "REPEATS"), lit(TIMES, "TIMES"),
	re(IdentifierWithoutHyphen, `[a-zA-Z_][a-zA-Z0-9_]*`),
	re(IdentifierWithHyphen, `[a-zA-Z_][a-zA-Z0-9_-]*`),
	lit(EQ, "=", "=="), lit(NEQ, "!=", "<>"), lit(LT, "<"), lit(LE, "<="), lit(GT, ">"), lit(GE, ">="),
	lit(QUOTE, "'"), lit(COLON, ":"), lit(DOT, "."), lit(COMMA, ","), lit(RPAREN, ")"), lit(LPAREN, "("),
	lit(RBRACK, "]"), lit(LBRACK, "["), lit(PLUS, "+"), lit(HYPHEN, "-"), lit(MINUS, "-"), lit(POWER_OP, "^"),
	lit(DIVIDE, "/"), lit(ASTERISK, "*"),
	re(WS, ws),
	{kind: COMMENT, match: func(s string) int {
		if !strings.HasPrefix(s, "/*") {
			return 0
		}
		if end := strings.Index(s[2:], "*/"); end >= 0 {
			return end + 4
		}
		return 0
	}},
	re(LINE_COMMENT, `//[^\r\n]*`),
	re(InvalidCharacter, `(?s:.)`),
}

// Lex splits a pattern into tokens, skipping whitespace and comments, and
// ends with an EOF token.
func Lex(s string) []Token {
	var out []Token
	for pos := 0; pos < len(s); {
		rest := s[pos:]
		best, bestLen := InvalidCharacter, 0
		for _, r := range rules {
			n := 0
			if r.match != nil {
				n = r.match(rest)
			} else if loc := r.re.FindStringIndex(rest); loc != nil {
				n = loc[1]
			}
			if n > bestLen {
				best, bestLen = r.kind, n
			}
		}
		if bestLen == 0 { // cannot happen: InvalidCharacter matches any one character
			best, bestLen = InvalidCharacter, 1
		}
		if best != WS && best != COMMENT && best != LINE_COMMENT {
			out = append(out, Token{Kind: best, Text: rest[:bestLen], Pos: pos})
		}
		pos += bestLen
	}
	return append(out, Token{Kind: EOF, Pos: len(s)})
}
