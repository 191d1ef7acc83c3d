package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/screen"
)

const apikeyUsage = `usage:
  hangup apikey add --name NAME [--db PATH] [--create] [--scopes screen,export|org --org ID] [--rate N] [--burst N] [--label-at N --warn-at N --block-at N] [--allow LIST] [--deny LIST]
  hangup apikey set --name NAME [same flags] [--allow-add LIST] [--deny-add LIST] [--enable]
  hangup apikey revoke --name NAME
  hangup apikey list [--json]`

// runAPIKey manages the API keys of screening clients. A new key's secret
// is printed once; only its hash is stored.
func runAPIKey(e *env) error {
	if len(e.args) == 0 {
		return usagef("%s", apikeyUsage)
	}
	sub := e.args[0]
	e.args = e.args[1:]
	fs := flag.NewFlagSet("apikey "+sub, flag.ContinueOnError)
	l := newConfigLoader()
	l.bindWriting(fs)
	name := fs.String("name", "", "the key's name, e.g. pbx-london")
	var o keyOptions
	if sub == "add" || sub == "set" {
		o.bind(fs, sub == "set")
	}
	asJSON := fs.Bool("json", false, "print as JSON (list)")
	switch sub {
	case "add", "set", "revoke", "list":
	default:
		return usagef("unknown apikey command %q\n%s", sub, apikeyUsage)
	}
	if err := parseFlags(fs, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q\n%s", fs.Args(), apikeyUsage)
	}
	if sub != "list" && *name == "" {
		return usagef("--name is required")
	}
	cfg, err := l.writable(e)
	if err != nil {
		return err
	}
	db, _, err := openDatabase(e.ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		k := &hangup.APIKey{Name: *name, Policy: hangup.DefaultScreenPolicy()}
		if err := o.apply(cfg, k); err != nil {
			return err
		}
		secret, prefix, hash, err := screen.NewKeySecret()
		if err != nil {
			return err
		}
		k.Prefix, k.Hash = prefix, hash
		if err := db.CreateAPIKey(e.ctx, k); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "Created API key %q. Keep the key below secret: it is shown only now.\n", k.Name)
		fmt.Fprintln(e.stdout, secret)
	case "set", "revoke":
		k, err := db.FindAPIKey(e.ctx, *name)
		if err != nil {
			return err
		}
		if sub == "revoke" {
			k.Disabled = true
		} else if err := o.apply(cfg, k); err != nil {
			return err
		}
		if err := db.UpdateAPIKey(e.ctx, k); err != nil {
			return err
		}
		state := "updated"
		if k.Disabled {
			state = "revoked"
		}
		fmt.Fprintf(e.stdout, "API key %q %s. Running servers pick it up within a second.\n", k.Name, state)
	case "list":
		keys, err := db.ListAPIKeys(e.ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(keys)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tKEY\tSTATE\tSCOPES\tRATE/S\tLABEL/WARN/BLOCK\tALLOW\tDENY\tCREATED")
		for _, k := range keys {
			state := "active"
			if k.Disabled {
				state = "revoked"
			}
			rate := "no limit"
			if k.RateLimit > 0 {
				rate = fmt.Sprint(k.RateLimit)
			}
			fmt.Fprintf(tw, "%s\t%s…\t%s\t%s\t%s\t%d/%d/%d\t%d\t%d\t%s\n", k.Name, k.Prefix, state, strings.Join(k.Scopes, ","), rate,
				k.Policy.LabelAt, k.Policy.WarnAt, k.Policy.BlockAt, len(k.Allow), len(k.Deny), k.CreatedAt.Format("2006-01-02"))
		}
		return tw.Flush()
	}
	return nil
}

// keyOptions are the settable parts of a key; for "set", only the flags
// given change anything.
type keyOptions struct {
	rate                     float64
	burst                    int
	labelAt, warnAt, blockAt int
	allow, deny              listFlag
	allowAdd, denyAdd        listFlag
	scopes                   listFlag
	org                      string
	fs                       *flag.FlagSet
	enable                   bool
}

func (o *keyOptions) bind(fs *flag.FlagSet, set bool) {
	o.fs = fs
	fs.Float64Var(&o.rate, "rate", 0, "limit this key to `N` requests per second; 0: no limit (the default). Over the limit, calls go through unscreened")
	fs.IntVar(&o.burst, "burst", 0, "`N` requests allowed at once above the rate (default twice the rate)")
	fs.IntVar(&o.labelAt, "label-at", 0, "risk at which calls are labelled Unverified (default 20)")
	fs.IntVar(&o.warnAt, "warn-at", 0, "risk at which calls are labelled Suspected scam (default 50)")
	fs.IntVar(&o.blockAt, "block-at", 0, "risk at which calls are blocked, 101 for never (default 80)")
	fs.Var(&o.scopes, "scopes", "what the key may do, comma-separated: screen (screen calls), export (read the blocklist, sync, CardDAV, exports), org or org_read (one organisation's /api/v1/org/, with --org); default screen")
	if !set {
		fs.StringVar(&o.org, "org", "", "the registry id of the organisation an org or org_read key belongs to")
	}
	fs.Var(&o.allow, "allow", "numbers always put through, comma-separated (replaces the list)")
	fs.Var(&o.deny, "deny", "numbers always blocked, comma-separated (replaces the list)")
	if set {
		fs.Var(&o.allowAdd, "allow-add", "numbers to add to the allow list")
		fs.Var(&o.denyAdd, "deny-add", "numbers to add to the deny list")
		fs.BoolVar(&o.enable, "enable", false, "re-enable a revoked key")
	}
}

func (o *keyOptions) apply(cfg Config, k *hangup.APIKey) error {
	given := map[string]bool{}
	o.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["rate"] {
		k.RateLimit = o.rate
	}
	if given["burst"] {
		k.RateBurst = o.burst
	}
	if given["label-at"] {
		k.Policy.LabelAt = o.labelAt
	}
	if given["warn-at"] {
		k.Policy.WarnAt = o.warnAt
	}
	if given["block-at"] {
		k.Policy.BlockAt = o.blockAt
	}
	if o.enable {
		k.Disabled = false
	}
	if given["scopes"] {
		k.Scopes = o.scopes
	}
	if given["org"] {
		k.OrganisationID = o.org
	}
	if !given["allow"] && !given["deny"] && !given["allow-add"] && !given["deny-add"] {
		return nil
	}
	numbers, err := numberIntel(cfg)
	if err != nil {
		return err
	}
	norm := func(field string, in []string) ([]string, error) {
		out := make([]string, 0, len(in))
		for _, s := range in {
			n := numbers.ParseNumber(s)
			if n.E164 == "" {
				return nil, hangup.Invalid("A number in a list is not a phone number.", hangup.FieldError{Field: field, Message: fmt.Sprintf("%q is not a phone number", s)})
			}
			out = append(out, n.E164)
		}
		return out, nil
	}
	for _, l := range []struct {
		flag, addFlag string
		dst           *[]string
		vals, add     []string
	}{{"allow", "allow-add", &k.Allow, o.allow, o.allowAdd}, {"deny", "deny-add", &k.Deny, o.deny, o.denyAdd}} {
		if given[l.flag] {
			v, err := norm(l.flag, l.vals)
			if err != nil {
				return err
			}
			*l.dst = v
		}
		if given[l.addFlag] {
			v, err := norm(l.addFlag, l.add)
			if err != nil {
				return err
			}
			*l.dst = append(*l.dst, v...)
		}
	}
	return nil
}
