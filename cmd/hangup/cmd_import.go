package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func runImport(e *env) error {
	if len(e.args) == 0 || e.args[0] != "ftc-dnc" {
		return usagef("usage: hangup import ftc-dnc FILE [--strict]")
	}
	e.args = e.args[1:]
	fs := flag.NewFlagSet("import ftc-dnc", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	strict := fs.Bool("strict", false, "import nothing if any row is malformed (default: skip bad rows and list them)")
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("usage: hangup import ftc-dnc FILE [--strict]")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return usagef("%v", err)
	}
	defer f.Close()
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	app, err := openApp(e, cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	var progress func(int)
	if out, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(out.Fd())) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(out), progressbar.OptionSetDescription("Importing FTC complaints"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("rows"), progressbar.OptionShowIts(), progressbar.OptionClearOnFinish())
		progress = func(rows int) { bar.Set(rows) }
		defer bar.Finish()
	}
	sum, err := app.Reports.ImportFTC(e.ctx, f, *strict, progress)
	if sum != nil {
		rate := float64(sum.Rows) / max(sum.Duration.Seconds(), 1e-9)
		fmt.Fprintf(e.stdout, "Read %d rows in %s (%.0f rows/s): %d imported, %d already present, %d could not be read.\n",
			sum.Rows, sum.Duration.Round(time.Millisecond), rate, sum.Imported, sum.AlreadyPresent, sum.Bad)
		for _, le := range sum.BadLines {
			fmt.Fprintf(e.stdout, "  %v\n", le)
		}
		if sum.Bad > len(sum.BadLines) {
			fmt.Fprintf(e.stdout, "  … and %d more\n", sum.Bad-len(sum.BadLines))
		}
	}
	return err
}
