package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/orgportal"
)

const orgUsage = "usage: hangup org claims [--status queued|confirmed|verified|rejected|email_sent]\n" +
	"       hangup org approve|reject --claim ID --reason TEXT --by EMAIL   decide a queued claim\n" +
	"       hangup org facts [--org ID]                                     what organisations published\n" +
	"       hangup org verify --fact ID --evidence TEXT --by EMAIL          verify a declared number or domain on documents\n" +
	"       hangup org withdraw --fact ID --reason TEXT --by EMAIL          withdraw a published fact (settles a conflict)\n" +
	"       hangup org audit [--org ID] [--limit N]                         the record of every step"

// runOrg is the analysts' side of the organisation portal at the shell.
// The person at the shell acts as an analyst, named by --by in the record.
func runOrg(e *env) error {
	if len(e.args) == 0 {
		return usagef("%s", orgUsage)
	}
	sub := e.args[0]
	e.args = e.args[1:]
	fs := flag.NewFlagSet("org "+sub, flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	status := fs.String("status", "queued", "which claims to list (empty: all)")
	claim := fs.Int64("claim", 0, "the claim's id")
	fact := fs.Int64("fact", 0, "the fact's id")
	org := fs.String("org", "", "one organisation's registry id")
	reason := fs.String("reason", "", "why (recorded)")
	evidence := fs.String("evidence", "", "the documents seen (recorded)")
	by := fs.String("by", "", "your email, for the record")
	limit := fs.Int("limit", 100, "at most this many entries")
	switch sub {
	case "claims", "approve", "reject", "facts", "verify", "withdraw", "audit":
	default:
		return usagef("%s", orgUsage)
	}
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	writes := sub == "approve" || sub == "reject" || sub == "verify" || sub == "withdraw"
	if writes && strings.TrimSpace(*by) == "" {
		return usagef("--by EMAIL is required: every change is recorded with who made it")
	}
	var cfg Config
	var err error
	if writes {
		cfg, err = l.writable(e)
	} else {
		cfg, err = l.resolve(e)
	}
	if err != nil {
		return err
	}
	app, err := openApp(e, cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	a := orgportal.Actor{Name: "cli:" + strings.TrimSpace(*by), Role: hangup.RoleAnalyst}
	ctx := e.ctx
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	defer tw.Flush()
	switch sub {
	case "claims":
		claims, err := app.Portal.Claims(ctx, a, hangup.ClaimStatus(*status))
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, "ID\tORGANISATION\tEMAIL\tDOMAIN\tSTATUS\tWHY QUEUED\tCREATED")
		for _, c := range claims {
			fmt.Fprintf(tw, "%d\t%s (%s)\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.OrganisationID, c.OrganisationName, c.Email, c.Domain, c.Status,
				c.QueueReason, c.CreatedAt.Format("2006-01-02 15:04"))
		}
	case "approve", "reject":
		c, err := app.Portal.Decide(ctx, a, *claim, sub == "approve", *reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Claim %d is %s.\n", c.ID, c.Status)
	case "facts":
		var facts []*hangup.OrgFact
		if *org != "" {
			facts, err = app.Portal.Facts(ctx, a, *org)
		} else {
			facts, err = app.Portal.AllFacts(ctx, a)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, "ID\tORGANISATION\tKIND\tVALUE\tROLE\tSTATUS\tMETHOD\tBY")
		for _, f := range facts {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.ID, f.OrganisationID, f.Kind, f.Value, f.Role, f.Status, f.Method, f.CreatedBy)
		}
	case "verify":
		f, err := app.Portal.VerifyOnEvidence(ctx, a, *fact, *evidence)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Fact %d (%s) is verified for %s.\n", f.ID, f.Value, f.OrganisationID)
	case "withdraw":
		f, err := app.Portal.Withdraw(ctx, a, *fact, *reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Fact %d (%s) of %s is withdrawn.\n", f.ID, f.Value, f.OrganisationID)
	case "audit":
		entries, err := app.Portal.Audit(ctx, a, *org, *limit)
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, "AT\tORGANISATION\tACTOR\tACTION\tSUBJECT\tDETAIL")
		for _, x := range entries {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.At.Format("2006-01-02 15:04:05"), x.OrganisationID, x.Actor, x.Action, x.Subject, x.Detail)
		}
	}
	return nil
}
