package train_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/analyze/train"
)

func TestTrainDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("trains twice")
	}
	dir := t.TempDir()
	writeData(t, dir)
	cfg := train.Config{Data: dir, Seed: 3}
	m1, rep, err := train.Fit(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := train.Fit(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 bytes.Buffer
	_ = analyze.WriteModel(&b1, m1)
	_ = analyze.WriteModel(&b2, m2)
	if b1.String() != b2.String() {
		t.Error("two trainings with the same seed differ")
	}
	if rep.Examples != 8 || rep.Augmented <= rep.Examples {
		t.Errorf("report: %d examples, %d augmented", rep.Examples, rep.Augmented)
	}
	// the model it writes loads and runs
	m, err := analyze.ReadModel(&b1)
	if err != nil {
		t.Fatal(err)
	}
	e, err := analyze.New(analyze.Deps{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	exs, err := train.LoadExamplesPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	sr, err := train.Evaluate(context.Background(), e, exs)
	if err != nil {
		t.Fatal(err)
	}
	if sr.Overall.N != 8 || sr.Overall.TP+sr.Overall.FN != 4 {
		t.Errorf("evaluation counted %+v", sr.Overall)
	}
	if !strings.Contains(train.FormatSplit(sr), "precision") && !strings.Contains(train.FormatSplit(sr), "prec") {
		t.Error("formatted report lacks its header")
	}
}

func writeData(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	scams := []string{
		"Caller: This is Microsoft. Your computer has a virus. Please install AnyDesk and read me the code.\nMe: ok",
		"Caller: This is your bank's fraud team. Move your savings to a safe account today.\nMe: why?",
		"He said he was from the IRS and I had to pay with gift cards or be arrested.",
		"Caller: You have won a prize! Pay the processing fee with a Google Play card.\nMe: really?",
	}
	genuine := []string{
		"Agent: Thank you for calling, how can I help?\nCustomer: My card is lost.\nAgent: I've cancelled it, we will never ask for your PIN.",
		"Pharmacy: Your prescription is ready for collection.\nMe: Thanks, I'll pay at the counter.",
		"The dentist rang to move my appointment to Tuesday.",
		"Driver: I'm outside with your parcel.\nMe: Please leave it with next door.",
	}
	for i, s := range scams {
		fmt.Fprintf(&b, "### id=s%d label=scam type=tech_support\n%s\n", i, s)
	}
	for i, s := range genuine {
		fmt.Fprintf(&b, "### id=g%d label=not_scam type=genuine\n%s\n", i, s)
	}
	if err := os.WriteFile(dir+"/mine.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The embedded model must be exactly what `hangup train` makes from the
// committed data and the shared sets: training is deterministic, and a
// catalogue or code change without retraining fails here.
func TestEmbeddedModelIsWhatTrainingMakes(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the full model")
	}
	m, _, err := train.Fit(train.Config{Data: "../../data/training", Shared: sharedData(t)})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := analyze.WriteModel(&got, m); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../model.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("training on data/training and the shared sets does not give analyze/model.json: run `hangup train` and commit the model")
	}
}
