package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/csvmap"
	"github.com/hangup-org/hangup/ftcdnc"
	"github.com/hangup-org/hangup/report"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

const importUsage = `usage:
  hangup import ftc-dnc FILE [--strict]
  hangup import ftc-dnc --from 2026-11-01 [--to 2026-11-07] [--url TEMPLATE] [--strict]
  hangup import csv --map number=col3,date=col1[,category=colN][,organisation=colN] --source NAME [--weight W] [--header] [--strict] FILE`

func runImport(e *env) error {
	if len(e.args) == 0 {
		return usagef("%s", importUsage)
	}
	switch e.args[0] {
	case "ftc-dnc":
	case "csv":
		e.args = e.args[1:]
		return runImportCSV(e)
	default:
		return usagef("%s", importUsage)
	}
	e.args = e.args[1:]
	fs := flag.NewFlagSet("import ftc-dnc", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	strict := fs.Bool("strict", false, "import nothing if any row is malformed (default: skip bad rows and list them)")
	from := fs.String("from", "", "download the FTC's daily files from this day (YYYY-MM-DD)")
	to := fs.String("to", "", "to this day, inclusive (default: the same day)")
	tmpl := fs.String("url", "", "the files' address, {date} standing for the day (default "+ftcdnc.DefaultURL+"; also HANGUP_FTC_URL)")
	allowPrivate := fs.Bool("allow-private", false, "let --url reach private or loopback addresses and plain http (a local mirror)")
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if *from != "" {
		if len(args) != 0 {
			return usagef("give either FILE or --from, not both\n%s", importUsage)
		}
		return importFTCRange(e, l, *from, *to, *tmpl, *allowPrivate, *strict)
	}
	if len(args) != 1 {
		return usagef("%s", importUsage)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return usagef("%v", err)
	}
	defer f.Close()
	app, err := l.openWritable(e)
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
	printSummary(e, sum)
	return err
}

func printSummary(e *env, sum *report.ImportSummary) {
	if sum == nil {
		return
	}
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

// maxFTCDays bounds one --from/--to range.
const maxFTCDays = 366

// importFTCRange downloads and imports the FTC's file of each day in the
// range. A day without a file is reported and skipped; any other failure
// stops, keeping what was imported (a re-run adds only what is missing).
func importFTCRange(e *env, l *configLoader, fromS, toS, tmpl string, allowPrivate, strict bool) error {
	from, err := time.Parse("2006-01-02", fromS)
	if err != nil {
		return usagef("--from %q is not a day such as 2026-11-01", fromS)
	}
	to := from
	if toS != "" {
		if to, err = time.Parse("2006-01-02", toS); err != nil {
			return usagef("--to %q is not a day such as 2026-11-07", toS)
		}
	}
	days, err := ftcdnc.Days(from, to, maxFTCDays)
	if err != nil {
		return usagef("%v", err)
	}
	if tmpl == "" {
		tmpl = e.getenv("HANGUP_FTC_URL")
	}
	fetcher, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: tmpl, AllowPrivate: allowPrivate})
	if err != nil {
		return usagef("--url: %v", err)
	}
	app, err := l.openWritable(e)
	if err != nil {
		return err
	}
	defer app.Close()
	for _, day := range days {
		body, err := fetcher.Get(e.ctx, day)
		if errors.Is(err, ftcdnc.ErrNoFile) {
			fmt.Fprintf(e.stdout, "%s: no file (%s).\n", day.Format("2006-01-02"), fetcher.URL(day))
			continue
		}
		if err != nil {
			return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: fmt.Sprintf("Downloading the file of %s failed; the days before it are imported.", day.Format("2006-01-02")), Err: err}
		}
		fmt.Fprintf(e.stdout, "%s: ", day.Format("2006-01-02"))
		sum, err := app.Reports.ImportFTC(e.ctx, bytes.NewReader(body), strict, nil)
		printSummary(e, sum)
		if err != nil {
			return err
		}
	}
	return nil
}

// runImportCSV imports a CSV of fraud numbers as a trusted source.
func runImportCSV(e *env) error {
	fs := flag.NewFlagSet("import csv", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	mapping := fs.String("map", "", "which column holds what: number=col3,date=col1,category=col5,organisation=col2 (or header names)")
	source := fs.String("source", "", "the source's name, e.g. acme-bank")
	weight := fs.Float64("weight", 1, fmt.Sprintf("the evidence one row gives, 0.1 to %d (an account's report weighs 1)", report.MaxCSVWeight))
	header := fs.Bool("header", false, "the first row is a header (implied when --map names columns by header)")
	strict := fs.Bool("strict", false, "import nothing if any row is malformed")
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	if len(args) != 1 || *mapping == "" || *source == "" {
		return usagef("%s", importUsage)
	}
	m, err := csvmap.ParseMap(*mapping)
	if err != nil {
		return usagef("--map: %v", err)
	}
	src := report.CSVSource{Name: *source, Weight: *weight}
	if err := src.Validate(); err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return usagef("%v", err)
	}
	defer f.Close()
	app, err := l.openWritable(e)
	if err != nil {
		return err
	}
	defer app.Close()
	sum, err := app.Reports.ImportCSV(e.ctx, f, m, *header, src, *strict)
	printSummary(e, sum)
	return err
}
