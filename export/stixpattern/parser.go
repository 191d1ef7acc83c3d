package stixpattern

import (
	"fmt"
	"strings"
)

// MaxLen caps the patterns Parse reads, and MaxDepth the nesting of
// parentheses and brackets: hostile input can't exhaust the stack.
const (
	MaxLen   = 64 << 10
	MaxDepth = 100
)

// Comparison is one property test of a pattern: objectPath op literal.
type Comparison struct {
	ObjectType string   // e.g. "phone-number"
	Path       []string // the property path: "value", or "extensions", "'x'", "[0]"…
	Negated    bool     // NOT before the operator
	Op         string   // "=", "!=", ">", "IN", "LIKE", "MATCHES", "EXISTS"…
	Literal    Token    // the literal compared with (Kind EOF for EXISTS and sets)
}

// StringValue returns the literal as the string it denotes, for a
// StringLiteral: quotes removed and \' and \\ unescaped.
func (c Comparison) StringValue() (string, bool) {
	if c.Literal.Kind != StringLiteral {
		return "", false
	}
	return Unquote(c.Literal.Text), true
}

// Unquote returns the value of a StringLiteral token's text.
func Unquote(text string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(text, "'"), "'")
	return strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(s)
}

// Pattern is a parsed pattern: its comparisons, in order.
type Pattern struct {
	Comparisons []Comparison
}

// SyntaxError says where a pattern breaks the grammar.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("stix pattern: at byte %d: %s", e.Pos, e.Msg)
}

type parser struct {
	toks  []Token
	i     int
	depth int
	out   *Pattern
}

// Parse parses a pattern under the rule
//
//	pattern : observationExpressions EOF
//
// and returns its comparisons, or a *SyntaxError.
func Parse(s string) (p *Pattern, err error) {
	if len(s) > MaxLen {
		return nil, &SyntaxError{Pos: MaxLen, Msg: "pattern too long"}
	}
	ps := &parser{toks: Lex(s), out: &Pattern{}}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			p, err = nil, se
		}
	}()
	ps.observationExpressions()
	ps.expect(EOF)
	return ps.out, nil
}

func (p *parser) peek() Token { return p.toks[p.i] }

func (p *parser) at(kinds ...Kind) bool {
	k := p.toks[p.i].Kind
	for _, want := range kinds {
		if k == want {
			return true
		}
	}
	return false
}

func (p *parser) next() Token {
	t := p.toks[p.i]
	if t.Kind != EOF {
		p.i++
	}
	return t
}

func (p *parser) fail(format string, args ...any) {
	panic(&SyntaxError{Pos: p.peek().Pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) expect(kinds ...Kind) Token {
	if !p.at(kinds...) {
		t := p.peek()
		p.fail("want %v, got %v %q", kinds, t.Kind, t.Text)
	}
	return p.next()
}

func (p *parser) enter() {
	if p.depth++; p.depth > MaxDepth {
		p.fail("nested too deeply")
	}
}

func (p *parser) leave() { p.depth-- }

// observationExpressions : observationExpressions FOLLOWEDBY observationExpressions | observationExpressionOr
func (p *parser) observationExpressions() {
	p.observationExpressionOr()
	for p.at(FOLLOWEDBY) {
		p.next()
		p.observationExpressionOr()
	}
}

// observationExpressionOr : observationExpressionOr OR observationExpressionOr | observationExpressionAnd
func (p *parser) observationExpressionOr() {
	p.observationExpressionAnd()
	for p.at(OR) {
		p.next()
		p.observationExpressionAnd()
	}
}

// observationExpressionAnd : observationExpressionAnd AND observationExpressionAnd | observationExpression
func (p *parser) observationExpressionAnd() {
	p.observationExpression()
	for p.at(AND) {
		p.next()
		p.observationExpression()
	}
}

// observationExpression
//
//	: LBRACK comparisonExpression RBRACK
//	| LPAREN observationExpressions RPAREN
//	| observationExpression (startStopQualifier | withinQualifier | repeatedQualifier)
func (p *parser) observationExpression() {
	p.enter()
	defer p.leave()
	switch {
	case p.at(LBRACK):
		p.next()
		p.comparisonExpression()
		p.expect(RBRACK)
	case p.at(LPAREN):
		p.next()
		p.observationExpressions()
		p.expect(RPAREN)
	default:
		t := p.peek()
		p.fail("want an observation expression ('[' or '('), got %v %q", t.Kind, t.Text)
	}
	for {
		switch {
		case p.at(START): // startStopQualifier : START TimestampLiteral STOP TimestampLiteral
			p.next()
			p.expect(TimestampLiteral)
			p.expect(STOP)
			p.expect(TimestampLiteral)
		case p.at(WITHIN): // withinQualifier : WITHIN (IntPosLiteral|FloatPosLiteral) SECONDS
			p.next()
			p.expect(IntPosLiteral, FloatPosLiteral)
			p.expect(SECONDS)
		case p.at(REPEATS): // repeatedQualifier : REPEATS IntPosLiteral TIMES
			p.next()
			p.expect(IntPosLiteral)
			p.expect(TIMES)
		default:
			return
		}
	}
}

// comparisonExpression : comparisonExpression OR comparisonExpression | comparisonExpressionAnd
func (p *parser) comparisonExpression() {
	p.comparisonExpressionAnd()
	for p.at(OR) {
		p.next()
		p.comparisonExpressionAnd()
	}
}

// comparisonExpressionAnd : comparisonExpressionAnd AND comparisonExpressionAnd | propTest
func (p *parser) comparisonExpressionAnd() {
	p.propTest()
	for p.at(AND) {
		p.next()
		p.propTest()
	}
}

var orderable = []Kind{IntPosLiteral, IntNegLiteral, FloatPosLiteral, FloatNegLiteral, StringLiteral, BinaryLiteral, HexLiteral, TimestampLiteral}

var primitive = append(append([]Kind{}, orderable...), BoolLiteral)

// propTest
//
//	: objectPath NOT? (EQ|NEQ) primitiveLiteral
//	| objectPath NOT? (GT|LT|GE|LE) orderableLiteral
//	| objectPath NOT? IN setLiteral
//	| objectPath NOT? (LIKE|MATCHES|ISSUBSET|ISSUPERSET) StringLiteral
//	| LPAREN comparisonExpression RPAREN
//	| NOT? EXISTS objectPath
func (p *parser) propTest() {
	switch {
	case p.at(LPAREN):
		p.enter()
		defer p.leave()
		p.next()
		p.comparisonExpression()
		p.expect(RPAREN)
		return
	case p.at(NOT, EXISTS):
		c := Comparison{Op: "EXISTS", Literal: Token{Kind: EOF}}
		if p.at(NOT) {
			p.next()
			c.Negated = true
		}
		p.expect(EXISTS)
		c.ObjectType, c.Path = p.objectPath()
		p.out.Comparisons = append(p.out.Comparisons, c)
		return
	}
	var c Comparison
	c.ObjectType, c.Path = p.objectPath()
	if p.at(NOT) {
		p.next()
		c.Negated = true
	}
	op := p.next()
	c.Op = op.Text
	switch op.Kind {
	case EQ, NEQ:
		c.Literal = p.expect(primitive...)
	case GT, LT, GE, LE:
		c.Literal = p.expect(orderable...)
	case IN:
		c.Literal = Token{Kind: EOF}
		p.setLiteral()
	case LIKE, MATCHES, ISSUBSET, ISSUPERSET:
		c.Literal = p.expect(StringLiteral)
	default:
		p.i--
		p.fail("want a comparison operator, got %v %q", op.Kind, op.Text)
	}
	p.out.Comparisons = append(p.out.Comparisons, c)
}

// setLiteral : LPAREN RPAREN | LPAREN primitiveLiteral (COMMA primitiveLiteral)* RPAREN
func (p *parser) setLiteral() {
	p.expect(LPAREN)
	if p.at(RPAREN) {
		p.next()
		return
	}
	p.expect(primitive...)
	for p.at(COMMA) {
		p.next()
		p.expect(primitive...)
	}
	p.expect(RPAREN)
}

// objectPath : objectType COLON firstPathComponent objectPathComponent?
//
// objectType : IdentifierWithoutHyphen | IdentifierWithHyphen
// firstPathComponent : IdentifierWithoutHyphen | StringLiteral
// objectPathComponent : objectPathComponent objectPathComponent
//
//	| '.' (IdentifierWithoutHyphen | StringLiteral)
//	| LBRACK (IntPosLiteral|IntNegLiteral|ASTERISK) RBRACK
func (p *parser) objectPath() (string, []string) {
	typ := p.expect(IdentifierWithoutHyphen, IdentifierWithHyphen).Text
	p.expect(COLON)
	path := []string{p.expect(IdentifierWithoutHyphen, StringLiteral).Text}
	for {
		switch {
		case p.at(DOT):
			p.next()
			path = append(path, p.expect(IdentifierWithoutHyphen, StringLiteral).Text)
		case p.at(LBRACK):
			p.next()
			path = append(path, "["+p.expect(IntPosLiteral, IntNegLiteral, ASTERISK).Text+"]")
			p.expect(RBRACK)
		default:
			return typ, path
		}
	}
}
