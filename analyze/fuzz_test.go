package analyze

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// Seeds for every target live in testdata/fuzz/<FuzzName>/ as well as here.
var fuzzSeeds = []string{
	"hi this is the windows technical department please go to anydesk dot com and read me the nine digit code",
	"Caller: hello\nMe: who is this?\n[00:01:23] Bob: ok",
	"Agent: We will never ask for your PIN. Customer: I don't have AnyDesk.",
	"ＡｎｙＤｅｓｋ а\u200bnydesk one two three double four $1,000.50 www.example.co.uk/path",
	"oh oh oh double triple a hundred and and twenty twenty billion billion billion",
	"::: A: B: :A :: 00:00: [] [:] (0:01) x: y:",
	"\xff\xfe\x00 invalid \xc3",
}

func FuzzNormalise(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		ts := turns.Split(s)
		prev := 0
		for _, tu := range ts {
			if tu.Start < prev || tu.End < tu.Start || tu.End > len(s) {
				t.Fatalf("turn [%d,%d) out of order or bounds (prev end %d, len %d)", tu.Start, tu.End, prev, len(s))
			}
			prev = tu.End
			z := &tokenizer{}
			for _, tk := range z.tokenize(s, tu.Start, tu.End, nil) {
				if tk.start < tu.Start || tk.end > tu.End || tk.start >= tk.end {
					t.Fatalf("token %q span [%d,%d) outside turn [%d,%d)", tk.text, tk.start, tk.end, tu.Start, tu.End)
				}
				if tk.text == "" {
					t.Fatalf("empty token at %d", tk.start)
				}
				if !utf8.ValidString(tk.text) {
					t.Fatalf("token %q is not valid UTF-8", tk.text)
				}
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	m, err := sharedMatcher()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		z := &tokenizer{}
		ts := z.tokenize(s, 0, len(s), nil)
		m.lex.assignIDs(ts)
		hits := m.lex.match(ts, nil)
		hits, ents := m.extract(s, ts, hits, nil)
		ents = m.claims(ts, hits, s, ents)
		for _, h := range hits {
			if h.from < 0 || h.to > int32(len(ts)) || h.from >= h.to {
				t.Fatalf("hit [%d,%d) outside %d tokens", h.from, h.to, len(ts))
			}
		}
		for _, e := range ents {
			if e.from < 0 || e.to > int32(len(ts)) || e.from >= e.to {
				t.Fatalf("entity %s [%d,%d) outside %d tokens", e.kind, e.from, e.to, len(ts))
			}
			if e.value == "" {
				t.Fatalf("entity %s without value", e.kind)
			}
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	e, err := New(Deps{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		a, err := e.Analyze(context.Background(), s)
		if err != nil {
			if c := hangup.ErrorCode(err); c != hangup.EINVALID && c != hangup.ETOOLARGE {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if a.Score < 0 || a.Score > 1 {
			t.Fatalf("score %f", a.Score)
		}
		for _, in := range a.Indicators {
			if in.ByteStart < 0 || in.ByteEnd > len(s) || in.ByteStart > in.ByteEnd {
				t.Fatalf("%s span [%d,%d) outside %d bytes", in.Code, in.ByteStart, in.ByteEnd, len(s))
			}
			if got := s[in.ByteStart:in.ByteEnd]; !strings.HasPrefix(got, strings.TrimSuffix(in.Evidence, "…")) {
				t.Fatalf("%s evidence %q, text %q", in.Code, in.Evidence, got)
			}
			if in.Start > in.End || in.End > utf8.RuneCountInString(s) {
				t.Fatalf("%s character span [%d,%d)", in.Code, in.Start, in.End)
			}
		}
	})
}

func FuzzStreamLine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(`{"speaker":"caller","text":"hi"}`)
	f.Fuzz(func(t *testing.T, s string) {
		turn, err := parseTurnLine(s)
		if err != nil {
			if hangup.ErrorCode(err) != hangup.EINVALID {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !strings.HasPrefix(strings.TrimSpace(s), "{") && !strings.Contains(s, turn.Text) {
			t.Fatalf("turn text %q is not part of the line %q", turn.Text, s)
		}
	})
}
