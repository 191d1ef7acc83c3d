package analyze

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// Example is one labelled text for training or evaluation.
type Example struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Scam   bool   `json:"scam"`
	Type   string `json:"type"`             // the data's own type: "support", "tech_support", "bank_genuine"…
	Source string `json:"source"`           // where it comes from: "bothbosu", "hangup-written"…
	Style  string `json:"style"`            // dialogue, stt, notes, caller_only…
	Caller string `json:"caller,omitempty"` // the caller's speaker label, when known
	Group  string `json:"group"`            // variants of one text share a group: folds never split them
}

// ScamTypeOf maps a data set's type name to Hangup's scam type.
func ScamTypeOf(t string) hangup.ScamType {
	switch strings.ToLower(t) {
	case "support", "tech_support", "tech", "techsupport":
		return hangup.ScamTechSupport
	case "refund":
		return hangup.ScamRefund
	case "bank", "bank_safe_account", "safe_account", "bank_impersonation":
		return hangup.ScamBankImpersonate
	case "ssn", "government", "tax", "hmrc", "irs":
		return hangup.ScamGovernment
	case "delivery_fee", "delivery_scam":
		return hangup.ScamDelivery
	case "reward", "prize", "grant", "lottery":
		return hangup.ScamPrize
	case "investment", "crypto_investment":
		return hangup.ScamInvestment
	case "family", "family_emergency", "hi_mum":
		return hangup.ScamFamily
	}
	return hangup.ScamOther
}

// LoadExamples reads labelled examples from a file or a directory (walked
// recursively, in name order). Formats, by extension:
//
//	.csv    a "dialogue" (or "text") column, "labels" (1 scam, 0 not) and
//	        optionally "type": the bothbosu layout
//	.jsonl  one Example per line: {"id", "text", "scam", "type", "source"}
//	.txt    records, each headed by a line
//	        "### id=… label=scam|not_scam type=… style=… caller=…"
//
// Source defaults to the name of the directory holding the file.
func LoadExamples(fsys fs.FS, root string) ([]Example, error) {
	var out []Example
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		ext := path.Ext(p)
		if ext != ".csv" && ext != ".jsonl" && ext != ".txt" {
			return nil
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		source := path.Base(path.Dir(p))
		var exs []Example
		switch ext {
		case ".csv":
			exs, err = readCSVExamples(f, source, strings.TrimSuffix(path.Base(p), ext))
		case ".jsonl":
			exs, err = readJSONLExamples(f, source)
		case ".txt":
			exs, err = readTextExamples(f, source)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, exs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadExamplesPath is LoadExamples for a path on disk.
func LoadExamplesPath(p string) ([]Example, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "no data at %s", p)
	}
	if st.IsDir() {
		exs, err := LoadExamples(os.DirFS(p), ".")
		for i := range exs {
			if exs[i].Source == "." {
				exs[i].Source = filepath.Base(filepath.Clean(p))
			}
		}
		return exs, err
	}
	dir, base := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	exs, err := LoadExamples(os.DirFS(dir), base)
	if err != nil {
		return nil, err
	}
	// a single file takes its source from its directory name
	for i := range exs {
		if exs[i].Source == "." {
			exs[i].Source = filepath.Base(filepath.Clean(dir))
		}
	}
	return exs, nil
}

func readCSVExamples(r io.Reader, source, file string) ([]Example, error) {
	cr := csv.NewReader(r)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	text, ok := col["dialogue"]
	if !ok {
		if text, ok = col["text"]; !ok {
			return nil, fmt.Errorf("no dialogue or text column")
		}
	}
	label, ok := col["labels"]
	if !ok {
		if label, ok = col["label"]; !ok {
			return nil, fmt.Errorf("no labels column")
		}
	}
	typ, hasType := col["type"]
	var out []Example
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) <= text || len(rec) <= label {
			continue
		}
		ex := Example{ID: fmt.Sprintf("%s-%d", file, n), Text: rec[text], Scam: strings.TrimSpace(rec[label]) == "1", Source: source, Style: "dialogue"}
		if hasType && len(rec) > typ {
			ex.Type = rec[typ]
		}
		ex.Group = ex.ID
		out = append(out, ex)
	}
	return out, nil
}

func readJSONLExamples(r io.Reader, source string) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*MaxTextLen+4096)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var ex Example
		if err := json.Unmarshal([]byte(line), &ex); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if ex.Source == "" {
			ex.Source = source
		}
		if ex.ID == "" {
			ex.ID = fmt.Sprintf("%s-%d", source, n)
		}
		if ex.Group == "" {
			ex.Group = ex.ID
		}
		out = append(out, ex)
	}
	return out, sc.Err()
}

// readTextExamples reads the hand-written format: records headed by
// "### key=value …" lines.
func readTextExamples(r io.Reader, source string) ([]Example, error) {
	var out []Example
	var cur *Example
	var body strings.Builder
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.Text = strings.TrimSpace(body.String())
		body.Reset()
		if cur.Text == "" {
			return fmt.Errorf("record %s has no text", cur.ID)
		}
		out = append(out, *cur)
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "### ") {
			if err := flush(); err != nil {
				return nil, err
			}
			cur = &Example{Source: source, Style: "dialogue"}
			for _, f := range strings.Fields(line[4:]) {
				k, v, _ := strings.Cut(f, "=")
				switch k {
				case "id":
					cur.ID = v
				case "label":
					switch v {
					case "scam":
						cur.Scam = true
					case "not_scam":
					default:
						return nil, fmt.Errorf("record %s: label %q is not scam or not_scam", cur.ID, v)
					}
				case "type":
					cur.Type = v
				case "style":
					cur.Style = v
				case "caller":
					cur.Caller = strings.ReplaceAll(v, "_", " ")
				}
			}
			if cur.ID == "" {
				return nil, fmt.Errorf("record header without id: %q", line)
			}
			cur.Group = cur.ID
			continue
		}
		if cur != nil {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// Augment returns ex followed by style variants of each dialogue, made
// deterministically from seed: without speaker labels; lower case without
// punctuation with fillers and stutters (speech-to-text); with other speaker
// labels; the call cut short; and only the caller's side. Variants share the original's Group.
func Augment(exs []Example, seed uint64) []Example {
	out := make([]Example, 0, len(exs)*5)
	for i, ex := range exs {
		out = append(out, ex)
		turns := turns.Split(ex.Text)
		if len(turns) < 2 {
			// notes and single-speaker texts: only the speech-to-text form
			rng := rand.New(rand.NewPCG(seed, uint64(i)))
			v := ex
			v.ID, v.Style, v.Text = ex.ID+"~stt", "stt", sttStyle(ex.Text, rng)
			out = append(out, v)
			continue
		}
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		var plain []string
		for _, t := range turns {
			plain = append(plain, strings.TrimSpace(ex.Text[t.Start:t.End]))
		}
		v := ex
		v.ID, v.Style, v.Text = ex.ID+"~nolabels", "nolabels", strings.Join(plain, "\n")
		out = append(out, v)
		v = ex
		v.ID, v.Style, v.Text = ex.ID+"~stt", "stt", sttStyle(strings.Join(plain, " "), rng)
		out = append(out, v)
		v = ex
		v.ID, v.Style, v.Text = ex.ID+"~relabel", "relabel", relabel(ex.Text, turns, callerLabel(ex, turns), rng)
		out = append(out, v)
		// the call cut short: a scam is a scam before the money is asked
		// for, and a genuine call is genuine in its first minutes too; this
		// also stops the model from counting on long calls
		if len(turns) >= 4 {
			cut := len(turns)*2/5 + rng.IntN(len(turns)/3+1)
			if cut < 2 {
				cut = 2
			}
			if cut < len(turns) {
				v = ex
				v.ID, v.Style, v.Text = ex.ID+"~prefix", "prefix", ex.Text[:turns[cut-1].End]
				out = append(out, v)
			}
		}
		if caller := callerLabel(ex, turns); caller != "" {
			var side []string
			for _, t := range turns {
				if strings.EqualFold(strings.TrimSpace(t.Speaker), caller) {
					side = append(side, strings.TrimSpace(ex.Text[t.Start:t.End]))
				}
			}
			if len(side) > 0 {
				v = ex
				v.ID, v.Style, v.Text = ex.ID+"~caller", "caller_only", strings.Join(side, " ")
				out = append(out, v)
			}
		}
	}
	return out
}

// callerLabel is the caller's label: the record's own, or the speaker of the
// turn after a one-word "Hello." opening, or the first speaker.
func callerLabel(ex Example, turns []turns.Span) string {
	if ex.Caller != "" {
		return ex.Caller
	}
	first := strings.TrimSpace(turns[0].Speaker)
	if len(turns) > 1 && len(strings.Fields(ex.Text[turns[0].Start:turns[0].End])) <= 2 {
		return strings.TrimSpace(turns[1].Speaker)
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

func relabel(text string, turns []turns.Span, caller string, rng *rand.Rand) string {
	set := labelSets[rng.IntN(len(labelSets))]
	stamps := rng.IntN(2) == 0
	var b strings.Builder
	sec := 0
	for _, t := range turns {
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
