package train

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
)

// The shared data sets live outside the repository (../shared/data, or
// $HANGUP_SHARED_DATA): they are read at training time and never copied
// into the repository or the binary. Each directory's SOURCE.md gives its
// origin and licence; data/training/README.md and NOTICE record what the
// project uses them for.
const (
	// SourceRobocall: 1,101 real robocalls from the FTC's Project Point of
	// No Entry, Whisper speech-to-text, caller side only. Public domain.
	// Every call is a scam or an illegal sales call: label scam.
	SourceRobocall = "robocall-ftc-ppone"
	// SourceSGD: Schema-Guided Dialogue bank, payment and appointment
	// dialogues between a user and a service. CC BY-SA 4.0: trained on, with
	// attribution, never shipped. Every dialogue is genuine.
	SourceSGD = "sgd-service-dialogues"
	// SourceUCISMS: the UCI SMS Spam Collection, CC BY 4.0. Spam is
	// labelled scam, ham genuine. Another medium: auxiliary.
	SourceUCISMS = "uci-sms-spam"
	// SourceSmishing: the Mendeley SMS phishing set, CC BY 4.0. Smishing and
	// spam are labelled scam, ham genuine. Another medium: auxiliary.
	SourceSmishing = "mendeley-smishing"
	// SourceComplaints: the subjects people chose when reporting unwanted
	// calls to the FTC (one day of Do Not Call complaints). Public domain.
	// Category strings, not call text: auxiliary, never trained on.
	SourceComplaints = "ftc-dnc-complaints"
)

// Auxiliary sources are reported but do not gate acceptance: the SMS sets
// are another medium, the complaint subjects are categories, not calls.
var Auxiliary = map[string]bool{SourceUCISMS: true, SourceSmishing: true, SourceComplaints: true}

// SharedDir returns the shared data directory: $HANGUP_SHARED_DATA, else
// ../shared/data.
func SharedDir() string {
	if d := os.Getenv("HANGUP_SHARED_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "data")
}

// LoadShared loads every shared source under dir that the analysis uses:
// the robocalls, the service dialogues, both SMS sets and the complaint
// subjects. A missing source is an error: a model trained without it
// would differ from the embedded one.
func LoadShared(dir string) ([]Example, error) {
	var out []Example
	for _, l := range []struct {
		name string
		load func(string) ([]Example, error)
	}{
		{SourceRobocall, LoadRobocalls},
		{SourceSGD, LoadServiceDialogues},
		{SourceUCISMS, LoadUCISMS},
		{SourceSmishing, LoadSmishing},
		{SourceComplaints, LoadComplaintSubjects},
	} {
		exs, err := l.load(filepath.Join(dir, l.name))
		if err != nil {
			return nil, err
		}
		out = append(out, exs...)
	}
	return out, nil
}

func openShared(dir, file string) (*os.File, error) {
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "shared data %s not found (set --shared or HANGUP_SHARED_DATA to the shared/data directory): %v", filepath.Join(dir, file), err)
	}
	return f, nil
}

// csvRecords reads a CSV file with a header into maps by column name.
func csvRecords(r io.Reader, comma rune, need ...string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, fmt.Errorf("no %q column", n)
		}
	}
	var out []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(col))
		for name, i := range col {
			if i < len(rec) {
				m[name] = rec[i]
			}
		}
		out = append(out, m)
	}
}

// RobocallDevShare is the share of robocall campaigns (dup_group) that the
// developers may read while writing the catalogue; the rest ("test") were
// never read. Both are scored, and reported apart.
const RobocallDevShare = 6 // in tenths

// robocallSplit puts a dup_group on the dev or the test side, by a hash
// that does not depend on the order of the file.
func robocallSplit(group string) string {
	h := fnv.New64a()
	io.WriteString(h, "robocall/"+group)
	if h.Sum64()%10 < RobocallDevShare {
		return "dev"
	}
	return "test"
}

// LoadRobocalls reads robocall_transcripts_annotated.csv of the FTC
// robocall set. Every call is labelled scam; near-copies of one campaign
// share a Group (its dup_group), so that folds and held-out splits never
// cut a campaign in two. Empty transcripts are skipped.
func LoadRobocalls(dir string) ([]Example, error) {
	f, err := openShared(dir, "robocall_transcripts_annotated.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRobocalls(f)
}

func readRobocalls(f io.Reader) ([]Example, error) {
	recs, err := csvRecords(f, ',', "call_id", "transcript", "dup_group")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SourceRobocall, err)
	}
	var out []Example
	for _, r := range recs {
		text := strings.TrimSpace(r["transcript"])
		if text == "" || r["call_id"] == "" {
			continue
		}
		typ, _, _ := strings.Cut(r["topic_tags_heuristic"], ";")
		out = append(out, Example{
			ID: "robocall-" + r["call_id"], Text: text, Scam: true, Type: typ,
			Source: SourceRobocall, Style: "robocall", Group: "robocall/" + r["dup_group"],
			Split: robocallSplit(r["dup_group"]), Lang: r["language"],
		})
	}
	return out, nil
}

// sgdLabels are the speaker labels the service dialogues are given, chosen
// per dialogue by a hash of its id: the source's own USER/SYSTEM tags would
// let a model recognise the source by its format.
var sgdLabels = [][2]string{{"Customer", "Agent"}, {"A", "B"}, {"Speaker 1", "Speaker 2"}, {"Caller", "Assistant"}, {"Me", "Them"}, {"", ""}}

// LoadServiceDialogues reads sgd_bank_payment_services.jsonl: genuine
// dialogues in which a user asks a service for balances, transfers,
// payments and appointments. The user started the conversation and is the
// caller. Split is the upstream train/dev/test split.
func LoadServiceDialogues(dir string) ([]Example, error) {
	f, err := openShared(dir, "sgd_bank_payment_services.jsonl")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readServiceDialogues(f)
}

func readServiceDialogues(f io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4*analyze.MaxTextLen)
	for n := 1; sc.Scan(); n++ {
		var d struct {
			ID       string   `json:"dialogue_id"`
			Split    string   `json:"split"`
			Services []string `json:"services"`
			Turns    []struct {
				Speaker   string `json:"speaker"`
				Utterance string `json:"utterance"`
			} `json:"turns"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", SourceSGD, n, err)
		}
		if d.ID == "" || len(d.Turns) == 0 {
			continue
		}
		// dialogue ids restart in each upstream split
		id := d.Split + "-" + d.ID
		h := fnv.New32a()
		io.WriteString(h, id)
		labels := sgdLabels[h.Sum32()%uint32(len(sgdLabels))]
		var b strings.Builder
		for _, t := range d.Turns {
			lab := labels[1]
			if t.Speaker == "USER" {
				lab = labels[0]
			}
			if lab != "" {
				b.WriteString(lab + ": ")
			}
			b.WriteString(strings.TrimSpace(t.Utterance) + "\n")
		}
		typ := "service"
		if len(d.Services) > 0 {
			typ = strings.ToLower(d.Services[0])
		}
		out = append(out, Example{
			ID: "sgd-" + id, Text: b.String(), Type: typ, Source: SourceSGD, Style: "dialogue",
			Caller: labels[0], Group: "sgd/" + id, Split: d.Split,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", SourceSGD, err)
	}
	return out, nil
}

// textGroup groups identical messages (after case and space folding), so
// that a message sent many times never lands on both sides of a split.
func textGroup(source, text string) string {
	h := fnv.New64a()
	io.WriteString(h, strings.Join(strings.Fields(strings.ToLower(text)), " "))
	return fmt.Sprintf("%s/%016x", source, h.Sum64())
}

// LoadUCISMS reads the UCI SMS Spam Collection (SMSSpamCollection.tsv):
// spam is labelled scam, ham genuine.
func LoadUCISMS(dir string) ([]Example, error) {
	f, err := openShared(dir, "SMSSpamCollection.tsv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readUCISMS(f)
}

func readUCISMS(f io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		label, text, ok := strings.Cut(sc.Text(), "\t")
		label = strings.ToLower(strings.TrimSpace(label))
		text = strings.TrimSpace(text)
		if !ok || text == "" || (label != "spam" && label != "ham") {
			continue // the header line and blank lines
		}
		out = append(out, Example{
			ID: fmt.Sprintf("uci-%d", n), Text: text, Scam: label == "spam", Type: "sms_" + label,
			Source: SourceUCISMS, Style: "sms", Group: textGroup(SourceUCISMS, text),
		})
	}
	return out, sc.Err()
}

// LoadSmishing reads the Mendeley SMS phishing set (Dataset_5971.csv):
// smishing and spam are labelled scam, ham genuine.
func LoadSmishing(dir string) ([]Example, error) {
	f, err := openShared(dir, "Dataset_5971.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSmishing(f)
}

func readSmishing(f io.Reader) ([]Example, error) {
	recs, err := csvRecords(f, ',', "label", "text")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SourceSmishing, err)
	}
	var out []Example
	for i, r := range recs {
		label := strings.ToLower(strings.TrimSpace(r["label"]))
		text := strings.ToValidUTF8(strings.TrimSpace(r["text"]), " ")
		if text == "" || (label != "ham" && label != "spam" && label != "smishing") {
			continue
		}
		out = append(out, Example{
			ID: fmt.Sprintf("smishing-%d", i+2), Text: text, Scam: label != "ham", Type: "sms_" + label,
			Source: SourceSmishing, Style: "sms", Group: textGroup(SourceSmishing, text),
		})
	}
	return out, nil
}

// complaintSkip are subjects that say nothing about the call.
var complaintSkip = map[string]bool{"other": true, "no subject provided": true, "dropped call or no message": true}

// LoadComplaintSubjects reads the FTC Do Not Call complaints and returns
// one example per distinct subject that names a kind of call ("Calls
// pretending to be government, businesses, or family and friends",
// "Warranties & protection plans"…), labelled scam (each was reported as
// an unwanted, illegal call), with Type the number of complaints. These are
// category strings, not call text: evaluated, never trained on.
func LoadComplaintSubjects(dir string) ([]Example, error) {
	f, err := openShared(dir, "dnc_complaint_numbers_2021-07-08.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readComplaintSubjects(f)
}

func readComplaintSubjects(f io.Reader) ([]Example, error) {
	recs, err := csvRecords(f, ',', "subject")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SourceComplaints, err)
	}
	count := map[string]int{}
	for _, r := range recs {
		s := strings.Join(strings.Fields(r["subject"]), " ")
		if s != "" && !complaintSkip[strings.ToLower(s)] {
			count[s]++
		}
	}
	subjects := make([]string, 0, len(count))
	for s := range count {
		subjects = append(subjects, s)
	}
	sort.Strings(subjects)
	var out []Example
	for i, s := range subjects {
		out = append(out, Example{
			ID: fmt.Sprintf("ftc-subject-%d", i+1), Text: s, Scam: true, Type: fmt.Sprintf("complaints_%d", count[s]),
			Source: SourceComplaints, Style: "complaint_subject", Group: "ftc/" + s,
		})
	}
	return out, nil
}
