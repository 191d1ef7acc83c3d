package analyze

import (
	"strings"
	"testing"
)

func tokenTexts(s string) []string {
	z := &tokenizer{}
	var out []string
	for _, t := range z.tokenize(s, 0, len(s), nil) {
		out = append(out, t.text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"lower case and punctuation", "Hello, World!", "hello , world !"},
		{"contraction with apostrophe", "I don't have it", "i do not have it"},
		{"contraction without apostrophe", "i dont have it", "i do not have it"},
		{"curly apostrophe", "we won’t ask", "we will not ask"},
		{"speech-to-text I'd", "id be happy to help", "i would be happy to help"},
		{"an id stays an id", "read me the id number", "read me the id number"},
		{"possessive dropped", "Microsoft's team", "microsoft team"},
		{"it is", "it's fine", "it is fine"},
		{"fillers dropped", "um so uh go to the site", "so go to the site"},
		{"stutter collapsed", "go to the the website", "go to the website"},
		{"spoken digits joined", "read me seven four one two", "read me 7412"},
		{"double digit", "oh double seven nine", "0779"},
		{"cardinal number", "two hundred and fifty dollars", "250 dollars"},
		{"nine digit code", "the nine digit code", "the 9 digit code"},
		{"year chunks", "twenty twenty four", "2024"},
		{"single one", "one time fix", "1 time fix"},
		{"oh alone is a word", "oh no", "oh no"},
		{"spoken domain", "anydesk dot com", "anydesk . com"},
		{"dot not before a tld", "a polka dot dress", "a polka dot dress"},
		{"written domain", "go to anydesk.com now", "go to anydesk . com now"},
		{"letters spelled", "w w w dot example dot com", "www . example . com"},
		{"thousands separator", "£1,000 now", "£ 1000 now"},
		{"decimal", "costs 3.50", "costs 3.50"},
		{"full-width letters", "ＡｎｙＤｅｓｋ", "anydesk"},
		{"cyrillic confusables", "Аnydеsk", "anydesk"},
		{"zero-width inside a word", "any\u200bdesk", "anydesk"},
		{"soft hyphen", "team\u00adviewer", "teamviewer"},
		{"accents stripped", "café crème", "cafe creme"},
		{"letters and digits split", "2pm", "2 pm"},
		{"invalid utf8", "any\xffdesk", "any desk"},
		{"slash said", "example dot com slash help", "example . com / help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(tokenTexts(tt.in), " ")
			if got != tt.want {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenOffsetsPointIntoOriginal(t *testing.T) {
	in := "Ｃaller: “Read me the code” — seven four one, please\u200b!"
	z := &tokenizer{}
	for _, tk := range z.tokenize(in, 0, len(in), nil) {
		if tk.start < 0 || tk.end > len(in) || tk.start >= tk.end {
			t.Fatalf("token %q has span [%d,%d) outside the text", tk.text, tk.start, tk.end)
		}
	}
	toks := z.tokenize(in, 0, len(in), nil)
	var seven token
	for _, tk := range toks {
		if tk.text == "741" {
			seven = tk
		}
	}
	if got := in[seven.start:seven.end]; got != "seven four one" {
		t.Errorf("spoken number span = %q, want %q", got, "seven four one")
	}
}

func TestDomainAndNumberExtraction(t *testing.T) {
	m, err := sharedMatcher()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		kind string
		want string
	}{
		{"spoken domain", "go to any desk dot com", "url", "desk.com"},
		{"www spoken", "type w w w dot anydesk dot com", "url", "www.anydesk.com"},
		{"url with path", "visit https://support.example.co.uk/help now", "url", "support.example.co.uk/help"},
		{"hyphenated domain", "go to fixmypc-support.com", "url", "fixmypc-support.com"},
		{"dash said", "type www dot fixmypc dash support dot com", "url", "fixmypc-support.com"},
		{"code spoken", "it says seven four one eight five two nine six three", "code", "741852963"},
		{"code in groups", "the id is 741 852 963", "code", "741852963"},
		{"phone number", "call us back on 0800 123 4567", "phone", "08001234567"},
		{"phone international", "ring +44 20 7946 0000", "phone", "+442079460000"},
		{"amount symbol", "it costs $299 today", "amount", "USD 299"},
		{"amount words", "five hundred pounds", "amount", "GBP 500"},
		{"amount k", "send 5k dollars", "amount", "USD 5000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := &tokenizer{}
			ts := z.tokenize(tt.in, 0, len(tt.in), nil)
			m.lex.assignIDs(ts)
			_, ents := m.extract(tt.in, ts, nil, nil)
			for _, e := range ents {
				if e.kind == tt.kind {
					if e.value != tt.want {
						t.Errorf("%s = %q, want %q", tt.kind, e.value, tt.want)
					}
					return
				}
			}
			t.Errorf("no %s entity in %q (got %+v)", tt.kind, tt.in, ents)
		})
	}
}
