// Command hangup is Hangup's single binary: the web service, and the
// command-line tools that use the same engines.
//
//	hangup serve                   run the web service and API
//	hangup check --number N ...    check a call
//	hangup number N                what a phone number is
//	hangup registry import|export  manage the organisation registry
//
// Run "hangup help" for everything.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/clientip"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command failed
	exitUsage = 2 // bad input: fix the command line or the data
)

// env is what a command gets: its arguments and the process's streams.
type env struct {
	ctx    context.Context
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(*env) error
}

func commands() []command {
	return []command{
		{"serve", "run the web service and API", runServe},
		{"check", "check a call: who they claimed to be, the number, what they asked", runCheck},
		{"number", "what Hangup knows about a phone number", runNumber},
		{"registry", "import or export the organisation registry", runRegistry},
		{"report", "report a scam (questions, flags or --json)", runReport},
		{"analyze", "analyse a transcript or notes (--jsonl batch, --stream live)", runAnalyze},
		{"train", "train the analysis model from labelled data", runTrain},
		{"eval", "measure the analysis on labelled data", runEval},
		{"url", "check a website address (or --jsonl for a batch)", runURL},
		{"eval-urls", "measure the website checker on lookalikes and popular domains", runEvalURLs},
		{"feeds", "blocklists of scam websites: feeds add|list|refresh|disable|enable|remove", runFeeds},
		{"import", "import reports from another source: ftc-dnc FILE | ftc-dnc --from D --to D | csv --map … FILE", runImport},
		{"sync", "keep a copy of a central Hangup's blocklist: --from URL --key KEY", runSync},
		{"user", "accounts: user add --email E --role R; user throttles [--clear] (failed sign-ins)", runUser},
		{"screen", "screen a call as a PBX would: --from N --to N [--identity H] [--json]", runScreen},
		{"apikey", "API keys for screening clients: apikey add|set|revoke|list", runAPIKey},
		{"org", "organisations speaking for themselves: org claims|approve|reject|facts|verify|withdraw|audit", runOrg},
		{"migrate", "bring the database schema up to date (SQLite or PostgreSQL)", runMigrate},
		{"copy-data", "move a SQLite installation into PostgreSQL: --from PATH.db --to postgres://…", runCopyData},
		{"backup", "write a consistent copy of the SQLite database while it serves: backup FILE", runBackup},
		{"restore", "put a backup in place of the (stopped) SQLite database: restore FILE", runRestore},
		{"version", "print the version", func(e *env) error {
			if len(e.args) > 0 {
				return usagef("version takes no arguments")
			}
			fmt.Fprintln(e.stdout, "hangup", version)
			return nil
		}},
	}
}

// Run runs the command line args and returns the process exit code. Tests
// call it directly.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(&env{ctx: ctx, args: args, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv})
}

func run(e *env) int {
	if len(e.args) == 0 || e.args[0] == "help" || e.args[0] == "-h" || e.args[0] == "--help" {
		usage(e.stdout)
		if len(e.args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	name := e.args[0]
	for _, c := range commands() {
		if c.name == name {
			e.args = e.args[1:]
			return exitCode(e, c.run(e))
		}
	}
	fmt.Fprintf(e.stderr, "hangup: unknown command %q. Run \"hangup help\" for the list.\n", name)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Hangup protects people from tech-support and impersonation scam calls.")
	fmt.Fprintln(w, "\nUsage: hangup COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"hangup COMMAND -h\" for a command's flags.")
}

// exitCode prints err the way a person can act on it and picks the exit
// code: 2 for bad input, 1 for failures.
func exitCode(e *env, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var usageErr *usageError
	if errors.As(err, &usageErr) {
		fmt.Fprintln(e.stderr, "hangup:", usageErr.msg)
		return exitUsage
	}
	code := hangup.ErrorCode(err)
	switch code {
	case hangup.EINVALID, hangup.ETOOLARGE, hangup.ENOTFOUND, hangup.EUNSUPPORTED, hangup.ECONFLICT:
		fmt.Fprintln(e.stderr, "hangup:", hangup.ErrorMessage(err))
		for _, f := range hangup.ErrorFields(err) {
			fmt.Fprintf(e.stderr, "  %s: %s\n", f.Field, f.Message)
		}
		return exitUsage
	case hangup.EINTERNAL:
		fmt.Fprintln(e.stderr, "hangup:", err)
		return exitError
	}
	fmt.Fprintln(e.stderr, "hangup:", hangup.ErrorMessage(err))
	return exitError
}

// usageError is a command-line mistake.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// parseFlags parses a command's flags, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, e *env) error {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		if strings.Contains(err.Error(), "needs an argument: -trust-proxy") {
			return usagef("%v", clientip.ErrBoolean) // the old boolean form, last on the line
		}
		return usagef("%v", err)
	}
	return nil
}

// parseInterspersed parses flags that may come before, between or after
// positional arguments ("hangup number 0906 123 4567 --json") and returns
// the positional ones.
func parseInterspersed(fs *flag.FlagSet, e *env) ([]string, error) {
	var positional []string
	args := e.args
	for {
		e.args = args
		if err := parseFlags(fs, e); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
