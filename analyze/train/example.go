package train

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
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
	// Split is a part of the source that is reported apart: "dev" and
	// "test" for the robocalls (by campaign), the upstream split for the
	// service dialogues; "" for the rest.
	Split string `json:"split,omitempty"`
	// Lang is the language when the source says it ("en", "zh").
	Lang string `json:"lang,omitempty"`
	// Variant names the style variant Augment made ("stt", "prefix"…); ""
	// for the text as written.
	Variant string `json:"variant,omitempty"`
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
	sc.Buffer(make([]byte, 0, 64*1024), 4*analyze.MaxTextLen+4096)
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
