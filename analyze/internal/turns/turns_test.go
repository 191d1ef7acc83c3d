package turns

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		speakers []string
		first    string // the first turn's text
	}{
		{"no labels", "he said he was from microsoft", []string{""}, "he said he was from microsoft"},
		{"caller and me", "Caller: hello\nMe: who is this?", []string{"Caller", "Me"}, "hello"},
		{"single letters", "A: hi there\nB: hello\nA: bye", []string{"A", "B", "A"}, "hi there"},
		{"person a", "Person A: hi\nPerson B: yes\nPerson A: go", []string{"Person A", "Person B", "Person A"}, "hi"},
		{"timestamps", "[00:01:23] Bob: hi\n[00:01:30] Alice: hello\n[00:01:35] Bob: ok", []string{"Bob", "Alice", "Bob"}, "hi"},
		{"inline labels", "Agent: Hello there. Customer: Hi. Agent: Bye now.", []string{"Agent", "Customer", "Agent"}, "Hello there."},
		{"lower-case role", "caller: go to the site", []string{"caller"}, "go to the site"},
		{"speaker numbers", "SPEAKER 1: yes\nSPEAKER 2: no\nSPEAKER 1: ok", []string{"SPEAKER 1", "SPEAKER 2", "SPEAKER 1"}, "yes"},
		{"time is no label", "the appointment is at 2:30 tomorrow", []string{""}, "the appointment is at 2:30 tomorrow"},
		{"he said is no label", "He said: go to the website. Then he said: read me the code.", []string{""}, "He said: go to the website. Then he said: read me the code."},
		{"note is no label", "Note: he called twice", []string{""}, "Note: he called twice"},
		{"preamble kept", "Transcript of a call\nAgent: hi\nCustomer: hello", []string{"", "Agent", "Customer"}, "Transcript of a call\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := Split(tt.in)
			var got []string
			for _, tu := range ts {
				got = append(got, tu.Speaker)
			}
			if strings.Join(got, "|") != strings.Join(tt.speakers, "|") {
				t.Fatalf("speakers = %q, want %q", got, tt.speakers)
			}
			if first := tt.in[ts[0].Start:ts[0].End]; strings.TrimSpace(first) != strings.TrimSpace(tt.first) {
				t.Errorf("first turn = %q, want %q", first, tt.first)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, speaker, text string
	}{
		{"labelled", "Caller: go to anydesk dot com", "Caller", "go to anydesk dot com"},
		{"timestamp", "[00:01:02] Agent: hello", "Agent", "hello"},
		{"no label", "go to anydesk dot com", "", "go to anydesk dot com"},
		{"time is no label", "see you at 2:30 then", "", "see you at 2:30 then"},
		{"he said", "He said: read me the code", "", "He said: read me the code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, text := Line(tt.in)
			if sp != tt.speaker || text != tt.text {
				t.Errorf("Line(%q) = %q, %q; want %q, %q", tt.in, sp, text, tt.speaker, tt.text)
			}
		})
	}
}

// FuzzSplit checks that turns are in order, inside the text, and that a
// line's text is part of the line.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "Caller: hi\nMe: who?", "A: x\nB: y\nA: z", "[00:01:23] Bob: hi", "Agent: Hi. Customer: ok. Agent: bye", "\xff\xfe: :", "::::", "note: x: y: z:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		prev := 0
		for _, tu := range Split(s) {
			if tu.Start < prev || tu.End < tu.Start || tu.End > len(s) {
				t.Fatalf("turn [%d,%d) out of order or bounds (prev end %d, len %d)", tu.Start, tu.End, prev, len(s))
			}
			prev = tu.End
		}
		line := strings.TrimSpace(s)
		if _, text := Line(line); !strings.Contains(line, text) {
			t.Fatalf("turn text %q is not part of the line %q", text, line)
		}
	})
}
