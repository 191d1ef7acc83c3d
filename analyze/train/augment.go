package train

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// Augment returns ex followed by style variants of each dialogue, made
// deterministically from seed: without speaker labels; lower case without
// punctuation with fillers and stutters (speech-to-text); with other speaker
// labels; the call cut short; and only the caller's side. Variants share the original's Group.
func Augment(exs []Example, seed uint64) []Example {
	out := make([]Example, 0, len(exs)*5)
	for i, ex := range exs {
		out = append(out, ex)
		ts := turns.Split(ex.Text)
		if len(ts) < 2 {
			// notes and single-speaker texts: only the speech-to-text form
			rng := rand.New(rand.NewPCG(seed, uint64(i)))
			v := ex
			v.ID, v.Style, v.Variant, v.Text = ex.ID+"~stt", "stt", "stt", sttStyle(ex.Text, rng)
			out = append(out, v)
			continue
		}
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		var plain []string
		for _, t := range ts {
			plain = append(plain, strings.TrimSpace(ex.Text[t.Start:t.End]))
		}
		v := ex
		v.ID, v.Style, v.Variant, v.Text = ex.ID+"~nolabels", "nolabels", "nolabels", strings.Join(plain, "\n")
		out = append(out, v)
		v = ex
		v.ID, v.Style, v.Variant, v.Text = ex.ID+"~stt", "stt", "stt", sttStyle(strings.Join(plain, " "), rng)
		out = append(out, v)
		v = ex
		v.ID, v.Style, v.Variant, v.Text = ex.ID+"~relabel", "relabel", "relabel", relabel(ex.Text, ts, callerLabel(ex, ts), rng)
		out = append(out, v)
		// the call cut short: a scam is a scam before the money is asked
		// for, and a genuine call is genuine in its first minutes too; this
		// also stops the model from counting on long calls
		if len(ts) >= 4 {
			cut := len(ts)*2/5 + rng.IntN(len(ts)/3+1)
			if cut < 2 {
				cut = 2
			}
			if cut < len(ts) {
				v = ex
				v.ID, v.Style, v.Variant, v.Text = ex.ID+"~prefix", "prefix", "prefix", ex.Text[:ts[cut-1].End]
				out = append(out, v)
			}
		}
		if caller := callerLabel(ex, ts); caller != "" {
			var side []string
			for _, t := range ts {
				if strings.EqualFold(strings.TrimSpace(t.Speaker), caller) {
					side = append(side, strings.TrimSpace(ex.Text[t.Start:t.End]))
				}
			}
			if len(side) > 0 {
				v = ex
				v.ID, v.Style, v.Variant, v.Text = ex.ID+"~caller", "caller_only", "caller_only", strings.Join(side, " ")
				out = append(out, v)
			}
		}
		// a window of about 400 characters from anywhere in the call, both
		// sides run together in speech-to-text style: what a recording
		// cut into pieces gives
		if w, ok := window(strings.Join(plain, " "), WindowLen, rand.New(rand.NewPCG(seed+1, uint64(i)))); ok {
			v = ex
			v.ID, v.Style, v.Variant, v.Text = ex.ID+"~window", "window", "window", sttStyle(w, rng)
			out = append(out, v)
		}
	}
	return out
}

// WindowLen is the length of the "window" variant, in bytes.
const WindowLen = 400

// window returns about n bytes of s from a random word boundary, or false
// when s is not much longer than n.
func window(s string, n int, rng *rand.Rand) (string, bool) {
	if len(s) < n*3/2 {
		return "", false
	}
	from := rng.IntN(len(s) - n)
	for from > 0 && s[from-1] != ' ' {
		from--
	}
	to := from + n
	for to < len(s) && s[to] != ' ' {
		to++
	}
	return s[from:to], true
}

// callerLabel is the caller's label: the record's own, or the speaker of the
// turn after a one-word "Hello." opening, or the first speaker.
func callerLabel(ex Example, ts []turns.Span) string {
	if ex.Caller != "" {
		return ex.Caller
	}
	first := strings.TrimSpace(ts[0].Speaker)
	if len(ts) > 1 && len(strings.Fields(ex.Text[ts[0].Start:ts[0].End])) <= 2 {
		return strings.TrimSpace(ts[1].Speaker)
	}
	return first
}

var sttFillers = []string{"um", "uh", "like", "you know", "er", "so"}

// sttStyle imitates speech-to-text output: lower case, no punctuation,
// numbers as words now and then, fillers and repeated words.
func sttStyle(s string, rng *rand.Rand) string {
	var words []string
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.Trim(w, ".,!?;:\"()[]…“”"))
		w = strings.NewReplacer(".", "", ",", "", "!", "", "?", "", ";", "", ":", "", "\"", "").Replace(w)
		if w == "" {
			continue
		}
		if isDigits(w) && len(w) <= 12 && rng.IntN(2) == 0 {
			var sp []string
			for _, c := range w {
				sp = append(sp, digitWords[c-'0'])
			}
			w = strings.Join(sp, " ")
		}
		if rng.IntN(3) == 0 {
			w = strings.ReplaceAll(w, "'", "")
		}
		switch rng.IntN(25) {
		case 0:
			words = append(words, sttFillers[rng.IntN(len(sttFillers))])
		case 1:
			words = append(words, w)
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

var digitWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// labelSets are speaker labels used by relabel: none of them is a role word
// the analyser knows, so the variant teaches it to cope with anonymous
// speakers.
var labelSets = [][2]string{{"A", "B"}, {"Speaker 1", "Speaker 2"}, {"Person A", "Person B"}, {"SPK_0", "SPK_1"}, {"Bob", "Mary"}, {"Caller", "Receiver"}}

func relabel(text string, ts []turns.Span, caller string, rng *rand.Rand) string {
	set := labelSets[rng.IntN(len(labelSets))]
	stamps := rng.IntN(2) == 0
	var b strings.Builder
	sec := 0
	for _, t := range ts {
		lab := set[1]
		if strings.EqualFold(strings.TrimSpace(t.Speaker), caller) {
			lab = set[0]
		}
		if stamps {
			sec += 3 + rng.IntN(20)
			fmt.Fprintf(&b, "[00:%02d:%02d] ", sec/60%60, sec%60)
		}
		b.WriteString(lab + ": " + strings.TrimSpace(text[t.Start:t.End]) + "\n")
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
