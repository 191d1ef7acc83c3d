package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

const userUsage = "usage: hangup user add --email EMAIL --role admin|analyst|org_admin|org_member [--org ORGANISATION-ID]\n" +
	"       hangup user throttles [--clear] [--email EMAIL] [--network CIDR]   failed sign-ins that slow attempts down"

func runUser(e *env) error {
	if len(e.args) == 0 {
		return usagef("%s", userUsage)
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "add":
		return runUserAdd(e)
	case "throttles":
		return runUserThrottles(e)
	}
	return usagef("%s", userUsage)
}

func runUserAdd(e *env) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	email := fs.String("email", "", "the account's email address")
	role := fs.String("role", "", "admin, analyst, org_admin or org_member (\"member\" is the old name of org_member)")
	org := fs.String("org", "", "for org_admin and org_member: the registry id of their organisation")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if *email == "" || *role == "" {
		return usagef("--email and --role are required")
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	pw, err := readPassword(e, "Password (at least 12 characters): ")
	if err != nil {
		return err
	}
	app, err := openApp(e, cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	if *org != "" {
		if _, ok := app.Registry.Snapshot().Organisation(*org); !ok {
			return hangup.Invalid("Unknown organisation.", hangup.FieldError{Field: "org", Message: fmt.Sprintf("%q is not in the registry", *org)})
		}
	}
	r, ok := hangup.ParseRole(*role)
	if !ok {
		return usagef("--role must be admin, analyst, org_admin or org_member, not %q", *role)
	}
	u, err := app.Accounts.AddUser(e.ctx, *email, pw, r, *org)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s account %s. Sign in at /login.\n", u.Role, u.Email)
	return nil
}

// runUserThrottles lists the failed sign-ins that slow attempts down now,
// or with --clear forgets those of an account and/or network (both: one
// pair; neither: refused unless --all).
func runUserThrottles(e *env) error {
	fs := flag.NewFlagSet("user throttles", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	clearIt := fs.Bool("clear", false, "forget the failed sign-ins of --email and/or --network")
	all := fs.Bool("all", false, "with --clear and neither --email nor --network: forget every failed sign-in")
	email := fs.String("email", "", "the account")
	network := fs.String("network", "", "the client network, as listed (e.g. 203.0.113.0/24)")
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if *clearIt && *email == "" && *network == "" && !*all {
		return usagef("--clear needs --email, --network or both (or --all to clear everything)")
	}
	app, err := l.openWritable(e)
	if err != nil {
		return err
	}
	defer app.Close()
	if *clearIt {
		n, err := app.Accounts.ClearThrottles(e.ctx, *email, *network)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Cleared %d.\n", n)
		return nil
	}
	list, err := app.Accounts.Throttles(e.ctx, 1000)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No failed sign-ins in the last day.")
		return nil
	}
	for _, t := range list {
		if *email != "" && t.Account != strings.ToLower(*email) || *network != "" && t.Network != *network {
			continue
		}
		wait := "may try now"
		if !t.Until.IsZero() {
			wait = "waits until " + t.Until.Format("2006-01-02 15:04:05 MST")
		}
		fmt.Fprintf(e.stdout, "%s from %s: %d failed, last %s, %s\n", t.Account, t.Network, t.Failures, t.Last.Format("2006-01-02 15:04:05 MST"), wait)
	}
	return nil
}
