package train

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzReaders feeds the same bytes to every reader of labelled data: the
// project's own formats and the shared sets'. None may panic; whatever they
// return must be well formed.
func FuzzReaders(f *testing.F) {
	f.Add("### id=a label=scam type=x style=stt\nhello\n### id=b label=not_scam\nbye\n")
	f.Add("{\"id\":\"1\",\"text\":\"hi\",\"scam\":true}\n{\"text\":\"\"}\nnot json\n")
	f.Add("dialogue,type,labels\n\"Suspect: hi\",ssn,1\n,,\n")
	f.Add("call_id,transcript,dup_group,language\n1,\"press 1\",abc,en\n2,,abc,en\n")
	f.Add("{\"dialogue_id\":\"1_1\",\"split\":\"train\",\"services\":[\"Banks_1\"],\"turns\":[{\"speaker\":\"USER\",\"utterance\":\"hi\"}]}\n")
	f.Add("Label\tSMS\nham\thello\nspam\tyou have won\n\tno label\n")
	f.Add("label,TEXT,URL\nSmishing,\"call now\",No\n")
	f.Add("Subject,Company_Phone_Number\nWarranties  & protection plans,1\nOther,2\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		check := func(name string, exs []Example) {
			for _, ex := range exs {
				if ex.ID == "" || ex.Group == "" || ex.Source == "" {
					t.Fatalf("%s: example without id, group or source: %+v", name, ex)
				}
			}
		}
		for _, file := range []string{"x.txt", "x.jsonl", "x.csv"} {
			exs, err := LoadExamples(fstest.MapFS{"src/" + file: {Data: []byte(s)}}, ".")
			if err == nil {
				check(file, exs)
			}
		}
		for name, read := range map[string]func(r *strings.Reader) ([]Example, error){
			"robocalls": func(r *strings.Reader) ([]Example, error) { return readRobocalls(r) },
			"sgd":       func(r *strings.Reader) ([]Example, error) { return readServiceDialogues(r) },
			"uci":       func(r *strings.Reader) ([]Example, error) { return readUCISMS(r) },
			"smishing":  func(r *strings.Reader) ([]Example, error) { return readSmishing(r) },
			"ftc":       func(r *strings.Reader) ([]Example, error) { return readComplaintSubjects(r) },
		} {
			exs, err := read(strings.NewReader(s))
			if err == nil {
				check(name, exs)
			}
		}
	})
}
