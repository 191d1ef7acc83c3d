package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/analyze/train"
	"github.com/hangup-org/hangup/site"
)

// analyzer builds the analysis engine over the one-shot engines, with the
// website checker so that addresses in the text are checked too.
func (eng *engines) analyzer() (*analyze.Engine, error) {
	sites, err := site.New(site.Config{Organisations: eng.registry.Organisations()})
	if err != nil {
		return nil, err
	}
	return analyze.New(analyze.Deps{Numbers: eng.numbers, Orgs: eng.registry, Sites: sites})
}

func runAnalyze(e *env) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	asJSON := fs.Bool("json", false, "print JSON")
	batch := fs.Bool("jsonl", false, `batch: read {"id": …, "text": …} lines from standard input, write one result line each`)
	stream := fs.Bool("stream", false, "live: read turns line by line from standard input and print alerts as they happen")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: hangup analyze [FILE|-] [--json]\n       hangup analyze --jsonl < calls.jsonl\n       hangup analyze --stream [--json] < turns.txt")
		fs.PrintDefaults()
	}
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) > 1 {
		return usagef("give one file (or - for standard input)")
	}
	if *batch && *stream {
		return usagef("give --jsonl (a batch) or --stream (a live call), not both")
	}
	if (*batch || *stream) && len(args) > 0 {
		return usagef("--jsonl and --stream read standard input: give no file")
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	eng, err := loadEngines(e.ctx, cfg)
	if err != nil {
		return err
	}
	an, err := eng.analyzer()
	if err != nil {
		return err
	}
	switch {
	case *batch:
		_, err := an.AnalyzeJSONL(e.ctx, e.stdin, e.stdout)
		return err
	case *stream:
		_, err := an.Stream(e.ctx, e.stdin, e.stdout, analyze.StreamOptions{JSON: *asJSON})
		return err
	}
	in := e.stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return usagef("%v", err)
		}
		defer f.Close()
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return usagef("%s is not a file: give a file of text, or - for standard input", args[0])
		}
		in = f
	}
	text, err := io.ReadAll(io.LimitReader(in, 4*analyze.MaxTextLen+1))
	if err != nil {
		return err
	}
	a, err := an.Analyze(e.ctx, string(text))
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, a)
	}
	return printAnalysis(e.stdout, a)
}

// runTrain trains the analysis model from labelled data and writes it where
// the binary embeds it from. Training is deterministic for a seed.
func runTrain(e *env) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", "data/training", "directory of labelled examples")
	shared := fs.String("shared", train.SharedDir(), "the shared data directory (robocalls, service dialogues, SMS sets, FTC complaints); default $HANGUP_SHARED_DATA or ../shared/data")
	noShared := fs.Bool("no-shared", false, "train on --data alone, without the shared data")
	out := fs.String("out", "analyze/model.json", "where to write the model (the binary embeds analyze/model.json at build time)")
	seed := fs.Uint64("seed", 1, "seed for augmentation and folds")
	l2 := fs.Float64("l2", 1, "L2 penalty on general features")
	codeL2 := fs.Float64("code-l2", 15, "L2 penalty on per-indicator features")
	noAug := fs.Bool("no-augment", false, "train without style variants")
	noTrain := fs.String("no-train", "", "comma-separated sources to leave out of training")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	cfg := train.Config{Data: *data, Shared: *shared, Seed: *seed, L2: *l2, CodeL2: *codeL2, NoAugment: *noAug, NoTrain: splitList(*noTrain)}
	if *noShared {
		cfg.Shared = ""
	}
	m, rep, err := train.Fit(cfg)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return usagef("%v", err)
	}
	if err := analyze.WriteModel(f, m); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Trained on %d texts (%d with style variants) from %s in %s; wrote %s (%d features). Rebuild the binary to embed it.\n",
		rep.Examples, rep.Augmented, strings.Join(m.Sources, ", "), rep.Duration.Round(time.Millisecond), *out, len(m.Features))
	return nil
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// runEval measures the analysis on labelled data: precision, recall, F1,
// false-positive rate, confusion matrix and earliness per source and style.
// With --holdout it retrains and reports leave-one-source-out first.
func runEval(e *env) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	data := fs.String("data", "", "labelled data: a directory, .csv, .jsonl or .txt (see docs/evaluation.md)")
	holdout := fs.Bool("holdout", false, "retrain and evaluate held out: leave one source out, cross-validation (uses --data and --shared as training data)")
	shared := fs.String("shared", train.SharedDir(), "with --holdout: the shared data directory; default $HANGUP_SHARED_DATA or ../shared/data")
	noShared := fs.Bool("no-shared", false, "with --holdout: without the shared data")
	noTrain := fs.String("no-train", "", "with --holdout: comma-separated sources to score but never train on")
	byType := fs.Bool("by-type", false, "with --holdout: also hold out each scam type in turn")
	codeCap := fs.Float64("code-cap", 2, "bound each scam code's weight at this times its catalogue weight (negative: no bound)")
	noCodes := fs.Bool("no-codes", false, "pin the scam codes' weights at zero")
	suspicious := fs.Float64("suspicious", 0, "override the suspicious threshold (experiments)")
	blind := fs.String("blind", "", "with --holdout: also score this blind set with the model trained on everything")
	verbose := fs.Bool("v", false, "with --holdout: print every split in full, with the misclassified texts")
	model := fs.String("model", "", "evaluate this model file instead of the embedded one")
	seed := fs.Uint64("seed", 1, "with --holdout: seed for augmentation and folds")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if *data == "" {
		return usagef("give the data: hangup eval --data PATH")
	}
	if *holdout {
		cfg := train.Config{Data: *data, Shared: *shared, Seed: *seed, L2: 1, CodeL2: 15, NoTrain: splitList(*noTrain), ByType: *byType, Blind: *blind, CodeCap: *codeCap, NoCodes: *noCodes, Suspicious: *suspicious}
		if *noShared {
			cfg.Shared = ""
		}
		rep, err := train.HoldOut(cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(e.stdout, train.FormatSources(rep.Sources))
		for _, s := range rep.Splits {
			if !*verbose {
				s.Errors = nil
			}
			fmt.Fprint(e.stdout, train.FormatSplit(s))
			for _, er := range s.Errors {
				fmt.Fprintf(e.stdout, "  missed: %s\n", er)
			}
		}
		fmt.Fprintf(e.stdout, "held-out evaluation took %s\n", rep.Duration.Round(time.Millisecond))
		return nil
	}
	exs, err := train.LoadExamplesPath(*data)
	if err != nil {
		return hangup.Errorf(hangup.EINVALID, "%v", err)
	}
	var deps analyze.Deps
	if *model != "" {
		f, err := os.Open(*model)
		if err != nil {
			return usagef("%v", err)
		}
		m, err := analyze.ReadModel(f)
		f.Close()
		if err != nil {
			return hangup.Errorf(hangup.EINVALID, "model %s: %v", *model, err)
		}
		deps.Model = m
	}
	an, err := analyze.New(deps)
	if err != nil {
		return err
	}
	sr, err := train.Evaluate(e.ctx, an, exs)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, strings.TrimRight(train.FormatSplit(sr), "\n")+"\n")
	if *verbose {
		for _, er := range sr.Errors {
			fmt.Fprintf(e.stdout, "  missed: %s\n", er)
		}
	}
	return nil
}
