package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
	"golang.org/x/term"
)

// openApp opens the database and engines for commands that write (report,
// import, user): the same wiring as the service, without listening. The
// caller has checked the database with configLoader.writable, before
// asking anyone anything.
func openApp(e *env, cfg Config) (*App, error) {
	return NewApp(e.ctx, cfg, newLogger(e, "warn"))
}

func runReport(e *env) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	in := hangup.ReportInput{Contact: &hangup.Contact{}}
	var happened listFlag
	var started string
	fs.StringVar(&in.NumberShown, "number-shown", "", "the number that called")
	fs.StringVar(&in.CallbackNumber, "callback-number", "", "a number they gave you to call back")
	fs.StringVar(&in.ClaimedOrganisation, "claims", "", "who they said they were")
	fs.StringVar(&started, "started", "", "how it started: they_called, i_called, popup, email, text")
	fs.Var(&happened, "happened", "what happened, comma-separated: installed_software, remote_access, visited_site, paid, bank_details, card_details, passwords")
	fs.StringVar(&in.Software, "software", "", "the program they had you install")
	fs.StringVar(&in.Website, "website", "", "the website they sent you to")
	fs.StringVar(&in.Amount, "amount", "", "how much you paid")
	fs.StringVar(&in.Currency, "currency", "", "currency of the amount, e.g. GBP")
	fs.StringVar(&in.PaymentMethod, "payment-method", "", "how you paid")
	fs.StringVar(&in.OccurredAt, "occurred-at", "", "when it happened, e.g. 2026-11-27T14:05")
	fs.StringVar(&in.Story, "story", "", "what happened in your own words (\"-\" reads standard input)")
	fs.StringVar(&in.Contact.Name, "contact-name", "", "your name (optional)")
	fs.StringVar(&in.Contact.Email, "contact-email", "", "your email (optional)")
	fs.StringVar(&in.Contact.Phone, "contact-phone", "", "your phone (optional)")
	fs.BoolVar(&in.Contact.Consent, "consent", false, "you agree to be contacted about this report")
	asJSON := fs.Bool("json", false, "read the report as JSON (the API's fields) from standard input and print the answer as JSON")
	publicURL := fs.String("public-url", "", "the site's address, to print the tracking link in full")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: hangup report                 answer questions one by one")
		fmt.Fprintln(e.stderr, "       hangup report --story TEXT [--number-shown N] [--happened LIST] …")
		fmt.Fprintln(e.stderr, "       hangup report --json < report.json")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	flagsGiven := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "db", "config", "region", "ofcom-dir", "public-url", "json", "create":
		default:
			flagsGiven = true
		}
	})
	switch {
	case *asJSON:
		in = hangup.ReportInput{}
		dec := json.NewDecoder(io.LimitReader(e.stdin, 1<<20))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return hangup.Errorf(hangup.EINVALID, "The report on standard input is not valid JSON: %v", err)
		}
	case flagsGiven:
		in.Started = hangup.Started(started)
		for _, h := range happened {
			in.Happened = append(in.Happened, hangup.Happened(h))
		}
		if in.Story == "-" {
			b, err := io.ReadAll(io.LimitReader(e.stdin, 4*report.MaxStory+1))
			if err != nil {
				return err
			}
			in.Story = string(b)
		}
	default:
		var err error
		if in, err = askReport(e); err != nil {
			return err
		}
	}
	app, err := openApp(e, cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	rc, err := app.Reports.Submit(e.ctx, in, report.Reporter{Source: "cli", Address: "cli"}, "")
	if err != nil {
		return err
	}
	link := strings.TrimSuffix(*publicURL, "/") + "/r/" + rc.Token
	if *asJSON {
		return printJSON(e.stdout, map[string]any{"reference": rc.Report.Reference, "tracking_url": link,
			"status": rc.Report.Status, "guidance": rc.Guidance, "links": rc.Report.Links})
	}
	fmt.Fprintf(e.stdout, "Your report has been saved. Reference: %s\n", rc.Report.Reference)
	fmt.Fprintf(e.stdout, "Private link to see, add to or delete it (keep it to yourself): %s\n\nWhat to do now:\n", link)
	for i, s := range rc.Guidance.Steps {
		fmt.Fprintln(e.stdout, wrap(fmt.Sprintf("%d. %s. %s", i+1, s.Title, s.Text), "   "))
	}
	return nil
}

// askReport asks the report's questions one at a time, in plain words.
// Empty answers skip a question.
func askReport(e *env) (hangup.ReportInput, error) {
	in := hangup.ReportInput{}
	r := bufio.NewReader(e.stdin)
	ask := func(q string) (string, error) {
		fmt.Fprint(e.stdout, q+" ")
		line, err := r.ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			if errors.Is(err, io.EOF) {
				return "", nil
			}
			return "", err
		}
		return strings.TrimSpace(line), nil
	}
	yes := func(q string) (bool, error) {
		a, err := ask(q + " (y/n)")
		return strings.HasPrefix(strings.ToLower(a), "y"), err
	}
	var err error
	fmt.Fprintln(e.stdout, "Report a scam. Press Enter to skip any question.")
	steps := []func() error{
		func() error {
			a, err := ask("How did it start? 1 they called me, 2 I called a number I found, 3 a pop-up, 4 an email, 5 a text:")
			in.Started = map[string]hangup.Started{"1": hangup.StartedTheyCalled, "2": hangup.StartedICalled, "3": hangup.StartedPopup,
				"4": hangup.StartedEmail, "5": hangup.StartedText}[a]
			return err
		},
		func() (err error) { in.OccurredAt, err = ask("When did it happen (e.g. 2026-11-27 14:05)?"); return },
		func() (err error) { in.NumberShown, err = ask("What number did they call from?"); return },
		func() (err error) {
			in.CallbackNumber, err = ask("Did they give you a number to call back? Which?")
			return
		},
		func() (err error) { in.ClaimedOrganisation, err = ask("Who did they say they were?"); return },
		func() error {
			for _, q := range []struct {
				h    hangup.Happened
				text string
			}{
				{hangup.HappenedInstalledSoftware, "Did you install a program they told you to?"},
				{hangup.HappenedRemoteAccess, "Did they get into your computer or phone?"},
				{hangup.HappenedVisitedSite, "Did you go to a website they told you to?"},
				{hangup.HappenedPaid, "Did you pay them, or buy gift cards?"},
				{hangup.HappenedBankDetails, "Did you give bank details or log in to your bank?"},
				{hangup.HappenedCardDetails, "Did you give card details?"},
				{hangup.HappenedPasswords, "Did you tell them a password, PIN or code?"},
			} {
				ok, err := yes(q.text)
				if err != nil {
					return err
				}
				if ok {
					in.Happened = append(in.Happened, q.h)
				}
			}
			return nil
		},
		func() (err error) {
			if in.HasHappened(hangup.HappenedInstalledSoftware) || in.HasHappened(hangup.HappenedRemoteAccess) {
				in.Software, err = ask("Which program?")
			}
			return
		},
		func() (err error) {
			if in.HasHappened(hangup.HappenedVisitedSite) {
				in.Website, err = ask("Which website?")
			}
			return
		},
		func() (err error) {
			if in.HasHappened(hangup.HappenedPaid) {
				if in.Amount, err = ask("How much?"); err == nil {
					in.PaymentMethod, err = ask("How did you pay?")
				}
			}
			return
		},
		func() (err error) { in.Story, err = ask("What happened, in your own words (one line)?"); return },
	}
	for _, step := range steps {
		if err = step(); err != nil {
			return in, err
		}
	}
	return in, nil
}

// readPassword reads a password without echo on a terminal, or one line
// from standard input otherwise.
func readPassword(e *env, prompt string) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
