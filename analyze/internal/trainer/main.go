// Command trainer trains, evaluates and writes the analysis model until the
// hangup binary's `train` and `eval` commands are wired:
//
//	go run ./analyze/internal/trainer -data data/training -out analyze/model.json
//	go run ./analyze/internal/trainer -data data/training -holdout
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/hangup-org/hangup/analyze"
)

func main() {
	data := flag.String("data", "data/training", "directory of labelled examples")
	out := flag.String("out", "", "write the trained model here (e.g. analyze/model.json)")
	holdout := flag.Bool("holdout", false, "run the held-out evaluations (cv, by source, by scam type)")
	eval := flag.String("eval", "", "evaluate the embedded model on the labelled data at this path")
	seed := flag.Uint64("seed", 1, "seed for augmentation and folds")
	l2 := flag.Float64("l2", 1, "L2 penalty on general features")
	codeL2 := flag.Float64("code-l2", 15, "L2 penalty on per-indicator features")
	noAug := flag.Bool("no-augment", false, "train without style variants")
	modelPath := flag.String("model", "", "with -eval: use this model file instead of the embedded one")
	verbose := flag.Bool("v", false, "with -eval: print each example's verdict and indicators")
	show := flag.String("show", "", "with -eval -v: also print the evidence of examples whose id has this prefix")
	flag.Parse()
	opts.model, opts.verbose, opts.show = *modelPath, *verbose, *show
	cfg := analyze.TrainConfig{Data: *data, Seed: *seed, L2: *l2, CodeL2: *codeL2, NoAugment: *noAug}
	if err := run(cfg, *out, *holdout, *eval); err != nil {
		fmt.Fprintln(os.Stderr, "trainer:", err)
		os.Exit(1)
	}
}

var opts struct {
	model   string
	verbose bool
	show    string
}

func run(cfg analyze.TrainConfig, out string, holdout bool, eval string) error {
	switch {
	case eval != "":
		exs, err := analyze.LoadExamplesPath(eval)
		if err != nil {
			return err
		}
		var deps analyze.Deps
		if opts.model != "" {
			f, err := os.Open(opts.model)
			if err != nil {
				return err
			}
			m, err := analyze.ReadModel(f)
			f.Close()
			if err != nil {
				return err
			}
			deps.Model = m
		}
		eng, err := analyze.New(deps)
		if err != nil {
			return err
		}
		if opts.verbose {
			for _, ex := range exs {
				a, err := eng.Analyze(context.Background(), ex.Text)
				if err != nil {
					fmt.Printf("%s error %v\n", ex.ID, err)
					continue
				}
				var codes []string
				for _, in := range a.Indicators {
					codes = append(codes, in.Code)
				}
				mark := " "
				if (a.Verdict != "not_scam") != ex.Scam {
					mark = "X"
				}
				fmt.Printf("%s %-22s scam=%-5v %-10s %.3f %-12s %v\n", mark, ex.ID, ex.Scam, a.Verdict, a.Score, a.ScamType, codes)
				if opts.show != "" && strings.HasPrefix(ex.ID, opts.show) {
					for _, in := range a.Indicators {
						fmt.Printf("    %-26s %q\n", in.Code, in.Evidence)
					}
				}
			}
		}
		sr, err := analyze.Evaluate(context.Background(), eng, exs)
		if err != nil {
			return err
		}
		fmt.Print(analyze.FormatSplit(sr))
	case holdout:
		rep, err := analyze.HoldOut(cfg)
		if err != nil {
			return err
		}
		for _, s := range rep.Splits {
			fmt.Print(analyze.FormatSplit(s))
			if opts.verbose {
				for _, e := range s.Errors {
					fmt.Println("  error:", e)
				}
			}
		}
		fmt.Printf("held-out evaluation took %s\n", rep.Duration)
	default:
		m, rep, err := analyze.Train(cfg)
		if err != nil {
			return err
		}
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Println(string(b))
		if out != "" {
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			if err := analyze.WriteModel(f, m); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Printf("wrote %s (%d features) in %s\n", out, len(m.Features), rep.Duration)
		}
	}
	return nil
}
