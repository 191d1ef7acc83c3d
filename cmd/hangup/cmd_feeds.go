package main

import (
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
)

const feedsUsage = `usage:
  hangup feeds add NAME URL --format hosts|adblock|domains|csv [--no-fetch]
  hangup feeds list [--json]
  hangup feeds refresh [NAME]
  hangup feeds disable NAME
  hangup feeds enable NAME
  hangup feeds remove NAME

Feeds are blocklists of scam and phishing websites that someone else keeps
at a URL. Hangup ships none: you choose. A running server fetches each
enabled feed every 6 hours (a conditional GET: an unchanged feed costs a
304) and keeps the last good copy when a fetch fails; every server on the
database uses the same copy. Sites a feed lists are flagged with its name.`

// runFeeds manages blocklist feeds.
func runFeeds(e *env) error {
	if len(e.args) == 0 {
		return usagef("%s", feedsUsage)
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "add", "list", "refresh", "disable", "enable", "remove":
	default:
		return usagef("unknown feeds command %q\n%s", sub, feedsUsage)
	}
	fs := flag.NewFlagSet("feeds "+sub, flag.ContinueOnError)
	l := newConfigLoader()
	l.bind(fs, false)
	format := fs.String("format", "", "the feed's format: hosts, adblock, domains or csv (add)")
	noFetch := fs.Bool("no-fetch", false, "add the feed without fetching it now (add)")
	asJSON := fs.Bool("json", false, "print as JSON (list)")
	args, err := parseInterspersed(fs, e)
	if err != nil {
		return err
	}
	want := map[string]int{"add": 2, "list": 0, "disable": 1, "enable": 1, "remove": 1}
	if n, fixed := want[sub]; fixed && len(args) != n || sub == "refresh" && len(args) > 1 {
		return usagef("wrong number of arguments\n%s", feedsUsage)
	}
	cfg, err := l.resolve(e)
	if err != nil {
		return err
	}
	db, _, err := openDatabase(e.ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := feed.NewService(db, feed.Config{Client: cfg.feedClient})
	switch sub {
	case "add":
		f := &hangup.Feed{Name: args[0], URL: args[1], Format: hangup.FeedFormat(*format)}
		if *format == "" {
			return usagef("--format is required: hosts, adblock, domains or csv")
		}
		if err := db.CreateFeed(e.ctx, f); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added feed %q (%s).\n", f.Name, f.Format)
		if *noFetch {
			return nil
		}
		return refreshOne(e, svc, f)
	case "refresh":
		feeds, err := db.ListFeeds(e.ctx)
		if err != nil {
			return err
		}
		found := false
		for _, f := range feeds {
			if len(args) == 1 && f.Name != args[0] || len(args) == 0 && f.Disabled {
				continue
			}
			found = true
			if err := refreshOne(e, svc, f); err != nil {
				return err
			}
		}
		if len(args) == 1 && !found {
			return hangup.Errorf(hangup.ENOTFOUND, "There is no feed called %q.", args[0])
		}
	case "disable", "enable":
		if err := db.SetFeedDisabled(e.ctx, args[0], sub == "disable"); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Feed %q %sd. Running servers pick it up within a minute.\n", args[0], sub)
	case "remove":
		if err := db.DeleteFeed(e.ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Feed %q removed, with its copy.\n", args[0])
	case "list":
		feeds, err := db.ListFeeds(e.ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, feeds)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tFORMAT\tSTATE\tENTRIES\tUPDATED\tLAST ERROR\tURL")
		for _, f := range feeds {
			state := "enabled"
			if f.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", f.Name, f.Format, state, f.Entries, when(f.UpdatedAt), f.LastError, f.URL)
		}
		return tw.Flush()
	}
	return nil
}

// refreshOne fetches one feed now and says what happened. A feed that
// could not be fetched is reported, not an error of the command: the last
// good copy stays.
func refreshOne(e *env, svc *feed.Service, f *hangup.Feed) error {
	out, err := svc.Refresh(e.ctx, f)
	var fe *feed.FetchError
	switch {
	case errors.As(err, &fe):
		fmt.Fprintf(e.stdout, "Feed %q could not be fetched: %s. The last good copy stays.\n", f.Name, fe.Reason)
		return nil
	case err != nil:
		return err
	case out == feed.NotModified:
		fmt.Fprintf(e.stdout, "Feed %q has not changed.\n", f.Name)
	default:
		got, err := svc.Store().FindFeed(e.ctx, f.Name)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Feed %q fetched: %d sites listed.\n", f.Name, got.Entries)
	}
	return nil
}

func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
