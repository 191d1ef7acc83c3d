package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

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
	fs.StringVar(&started, "started", "", "how it started: "+strings.Join(startedNames(), ", "))
	fs.Var(&happened, "happened", "what happened, comma-separated: "+strings.Join(happenedNames(), ", ")+" (the --asked words of check)")
	fs.StringVar(&in.Software, "software", "", "the program they had you install")
	fs.StringVar(&in.Website, "website", "", "the website they sent you to")
	fs.StringVar(&in.Amount, "amount", "", "how much you paid")
	fs.StringVar(&in.Currency, "currency", "", "currency of the amount, e.g. GBP")
	fs.StringVar(&in.PaymentMethod, "payment-method", "", "how you paid")
	fs.StringVar(&in.OccurredAt, "occurred-at", "", "when it happened: today, yesterday or a date like 2026-11-27, with a time if known (\"yesterday 14:05\")")
	fs.StringVar(&in.Story, "story", "", "what happened in your own words (\"-\" reads standard input)")
	fs.StringVar(&in.Contact.Name, "contact-name", "", "your name (optional)")
	fs.StringVar(&in.Contact.Email, "contact-email", "", "your email (optional)")
	fs.StringVar(&in.Contact.Phone, "contact-phone", "", "your phone (optional)")
	fs.BoolVar(&in.Contact.Consent, "consent", false, "you agree to be contacted about this report")
	asJSON := fs.Bool("json", false, "read the report as JSON (the API's fields) from standard input and print the answer as JSON")
	publicURL := fs.String("public-url", "", "the site's address, to print the tracking link in full (also HANGUP_PUBLIC_URL)")
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
	if *publicURL != "" {
		cfg.PublicURL = *publicURL
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
	link := "/r/" + rc.Token
	if cfg.PublicURL != "" {
		link = strings.TrimSuffix(cfg.PublicURL, "/") + link
	}
	emailed := ""
	if app.Mailer != nil && in.Contact != nil && strings.TrimSpace(in.Contact.Email) != "" && !rc.Replayed {
		if err := app.Mailer.Send(e.ctx, report.ConfirmationEmail(strings.TrimSpace(in.Contact.Email), rc, link)); err != nil {
			fmt.Fprintf(e.stderr, "hangup: the report is saved, but the confirmation email could not be sent: %s\n", hangup.ErrorMessage(err))
		} else {
			emailed = strings.TrimSpace(in.Contact.Email)
		}
	}
	if *asJSON {
		return printJSON(e.stdout, map[string]any{"reference": rc.Report.Reference, "tracking_url": link,
			"status": rc.Report.Status, "guidance": rc.Guidance, "links": rc.Report.Links})
	}
	fmt.Fprintf(e.stdout, "Your report has been saved. Reference: %s\n", rc.Report.Reference)
	fmt.Fprintf(e.stdout, "Private link to see, add to or delete it (keep it to yourself): %s\n", link)
	if cfg.PublicURL == "" {
		fmt.Fprintln(e.stdout, "(Open it on this Hangup's website; set HANGUP_PUBLIC_URL or --public-url to print the whole address.)")
	}
	if emailed != "" {
		fmt.Fprintf(e.stdout, "We emailed the reference and the link to %s.\n", emailed)
	}
	fmt.Fprintln(e.stdout, "\nWhat to do now:")
	for i, s := range rc.Guidance.Steps {
		fmt.Fprintln(e.stdout, wrap(fmt.Sprintf("%d. %s. %s", i+1, s.Title, s.Text), "   "))
	}
	return nil
}

func happenedNames() []string {
	out := make([]string, len(hangup.HappenedValues))
	for i, h := range hangup.HappenedValues {
		out[i] = string(h)
	}
	return out
}

// maxTries is how often a question is asked again before the command gives
// up: enough for a slip, not an endless loop on pasted text.
const maxTries = 3

// prompter asks questions on a terminal, one line (or one paragraph) each.
type prompter struct {
	e *env
	r *bufio.Reader
}

// line asks q and returns the trimmed answer; "" at the end of the input.
func (p *prompter) line(q string) (string, error) {
	fmt.Fprint(p.e.stdout, q+" ")
	line, err := p.r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// until asks q until read accepts the answer (an empty answer skips), or
// gives up after maxTries with a usage error.
func (p *prompter) until(q, again string, read func(string) bool) (string, error) {
	for range maxTries {
		a, err := p.line(q)
		if err != nil || a == "" || read(a) {
			return a, err
		}
		fmt.Fprintln(p.e.stdout, again)
	}
	return "", usagef("the answers could not be read; run \"hangup report\" again, or give the answers as flags")
}

// answer is a yes/no/unsure answer.
type answer int

const (
	skipped answer = iota
	yes
	no
	unsure
)

// yesNo reads yes, no or not sure, in the ways people type them.
func yesNo(s string) (answer, bool) {
	switch strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".!") {
	case "y", "yes", "yeah", "yep", "true":
		return yes, true
	case "n", "no", "nope", "false":
		return no, true
	case "u", "?", "unsure", "not sure", "dont know", "don't know", "do not know", "maybe", "perhaps", "i don't know", "i dont know", "no idea":
		return unsure, true
	}
	return skipped, false
}

// askReport asks the report's questions one at a time, in plain words.
// Answers that can't be read are asked again; Enter skips a question.
func askReport(e *env) (hangup.ReportInput, error) {
	in := hangup.ReportInput{}
	p := &prompter{e: e, r: bufio.NewReader(e.stdin)}
	fmt.Fprintln(e.stdout, "Report a scam. Press Enter to skip any question.")
	var q strings.Builder
	q.WriteString("How did it start?")
	for i, v := range hangup.StartedValues {
		fmt.Fprintf(&q, "\n  %d %s", i+1, v.Label())
	}
	q.WriteString("\nType a number:")
	_, err := p.until(q.String(), fmt.Sprintf("Please type a number from 1 to %d, or press Enter to skip.", len(hangup.StartedValues)), func(a string) bool {
		if n, err := strconv.Atoi(a); err == nil && n >= 1 && n <= len(hangup.StartedValues) {
			in.Started = hangup.StartedValues[n-1]
			return true
		}
		if v, ok := hangup.ParseStarted(a); ok {
			in.Started = v
			return true
		}
		return false
	})
	if err != nil {
		return in, err
	}
	now := time.Now()
	if in.OccurredAt, err = p.until("When did it happen? (today, yesterday or a date like 27/11/2026; add a time if you know it: yesterday 14:05)",
		"Please type today, yesterday or a date like 27/11/2026, or press Enter to skip.",
		func(a string) bool { _, err := report.ReadWhen(a, now); return err == nil }); err != nil {
		return in, err
	}
	isNumber := func(a string) bool { return strings.ContainsAny(a, "0123456789") && len(a) <= report.MaxNumber }
	if in.NumberShown, err = p.until("What number did they call from?", "That doesn't look like a phone number. Type it as it showed, or press Enter to skip.", isNumber); err != nil {
		return in, err
	}
	if in.CallbackNumber, err = p.until("Did they give you a number to call back? Which?", "That doesn't look like a phone number. Type it, or press Enter to skip.", isNumber); err != nil {
		return in, err
	}
	if in.ClaimedOrganisation, err = p.line("Who did they say they were?"); err != nil {
		return in, err
	}
	var notSure []string
	for _, h := range hangup.HappenedValues {
		question := map[hangup.Happened]string{
			hangup.HappenedInstalledSoftware: "Did you install a program they told you to?",
			hangup.HappenedRemoteAccess:      "Did they get into your computer or phone?",
			hangup.HappenedVisitedSite:       "Did you go to a website they told you to?",
			hangup.HappenedPaid:              "Did you pay them, or buy gift cards for them?",
			hangup.HappenedBankDetails:       "Did you give bank details or log in to your bank?",
			hangup.HappenedCardDetails:       "Did you give card details?",
			hangup.HappenedPasswords:         "Did you tell them a password, PIN or code?",
		}[h]
		var got answer
		if _, err := p.until(question+" (yes, no or not sure)", "Please answer yes, no or not sure.", func(a string) bool {
			var ok bool
			got, ok = yesNo(a)
			return ok
		}); err != nil {
			return in, err
		}
		switch got {
		case yes:
			in.Happened = append(in.Happened, h)
		case unsure:
			notSure = append(notSure, h.Label())
		}
	}
	if in.HasHappened(hangup.HappenedInstalledSoftware) || in.HasHappened(hangup.HappenedRemoteAccess) {
		if in.Software, err = p.line("Which program?"); err != nil {
			return in, err
		}
	}
	if in.HasHappened(hangup.HappenedVisitedSite) {
		if in.Website, err = p.line("Which website?"); err != nil {
			return in, err
		}
	}
	if in.HasHappened(hangup.HappenedPaid) {
		if in.Amount, err = p.until("How much? (for example £199.99)", "Please type the amount as a number, for example 250 or £1,200.50.",
			func(a string) bool { _, _, err := report.ReadAmount(a); return err == nil }); err != nil {
			return in, err
		}
		if in.PaymentMethod, err = p.line("How did you pay?"); err != nil {
			return in, err
		}
	}
	fmt.Fprintln(e.stdout, "What happened, in your own words? Type or paste as many lines as you like, then an empty line to finish.")
	var story []string
	for len(story) < 2000 {
		line, err := p.r.ReadString('\n')
		if t := strings.TrimRight(line, "\r\n"); strings.TrimSpace(t) != "" {
			story = append(story, t)
		} else if err == nil {
			break
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return in, err
			}
			break
		}
	}
	for _, n := range notSure {
		story = append(story, "Not sure whether: "+n+".")
	}
	in.Story = strings.Join(story, "\n")
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
