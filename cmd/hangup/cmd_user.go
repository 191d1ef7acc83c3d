package main

import (
	"flag"
	"fmt"

	"github.com/hangup-org/hangup"
)

func runUser(e *env) error {
	if len(e.args) == 0 || e.args[0] != "add" {
		return usagef("usage: hangup user add --email EMAIL --role admin|analyst|member [--org ORGANISATION-ID]")
	}
	e.args = e.args[1:]
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	email := fs.String("email", "", "the account's email address")
	role := fs.String("role", "", "admin, analyst or member")
	org := fs.String("org", "", "for members: the registry id of their organisation")
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
	u, err := app.Accounts.AddUser(e.ctx, *email, pw, hangup.Role(*role), *org)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s account %s. Sign in at /login.\n", u.Role, u.Email)
	return nil
}
