// Package registry keeps Hangup's registry of organisations: who they are,
// their genuine numbers and domains, and what they say they never do. It reads
// and validates registry files, matches what callers claim ("Windows technical
// department") to entries, and serves every lookup from an immutable
// in-memory index that is swapped whole when the registry changes.
package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

// Schema is the value of the "schema" field this version reads and writes.
const Schema = "hangup-registry/1"

// Limits on registry files. They are far above any real registry and exist
// so that a hostile or corrupt file is refused quickly instead of exhausting
// memory.
const (
	MaxFileSize      = 16 << 20
	MaxOrganisations = 100_000
	maxList          = 200  // aliases, numbers, domains, policies, contacts per organisation
	maxText          = 2000 // any one text field, in characters
)

// File is the on-disk form of a registry: a schema tag, the organisations,
// and the authorities whose pages may be cited as sources for any entry.
type File struct {
	Schema        string                 `json:"schema"`
	Authorities   []Authority            `json:"authorities,omitempty"`
	Organisations []*hangup.Organisation `json:"organisations"`
}

// Authority is a government, regulator or industry body whose published
// pages may source facts about other organisations: GOV.UK lists HMRC's
// numbers, UK Finance states what every UK bank never does. A source URL's
// host must be one of its entry's own domains or an authority's domain (or
// a subdomain of either); `hangup registry check` enforces it.
type Authority struct {
	Domain string `json:"domain"` // e.g. "gov.uk", or a suffix such as "gov" for every US .gov host
	Name   string `json:"name"`
	Kind   string `json:"kind"` // government, regulator, police or industry_body
}

// AuthorityKinds lists the kinds an Authority may have.
var AuthorityKinds = []string{"government", "regulator", "police", "industry_body"}

// NumberParser fills in the E.164 form of published numbers. A parser that
// also has ParseNumberIn(input, region) (phone.Intel does) reads each
// entry's numbers as written in the entry's country.
type NumberParser interface {
	ParseNumber(input string) hangup.Number
}

func parseIn(p NumberParser, input, country string) hangup.Number {
	if in, ok := p.(interface {
		ParseNumberIn(input, region string) hangup.Number
	}); ok && country != "" {
		return in.ParseNumberIn(input, country)
	}
	return p.ParseNumber(input)
}

// Decode reads a registry file and validates every entry. On any problem it
// returns an EINVALID error whose fields name the entry and the field, e.g.
// `organisations[1] "microsoft".numbers[0].source.checked`, and no
// organisations: a bad file changes nothing.
func Decode(r io.Reader, numbers NumberParser) ([]*hangup.Organisation, error) {
	f, err := DecodeFile(r, numbers)
	if err != nil {
		return nil, err
	}
	return f.Organisations, nil
}

// DecodeFile is Decode, returning the whole file with its authorities.
func DecodeFile(r io.Reader, numbers NumberParser) (*File, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, hangup.Errorf(hangup.EINVALID, "could not read the registry file: %v", err)
	}
	if len(body) > MaxFileSize {
		return nil, hangup.Errorf(hangup.ETOOLARGE, "the registry file is larger than %d MiB", MaxFileSize>>20)
	}
	if !utf8.Valid(body) {
		return nil, hangup.Errorf(hangup.EINVALID, "the registry file is not valid UTF-8 text")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(body, err)
	}
	if dec.More() {
		return nil, hangup.Errorf(hangup.EINVALID, "the registry file has extra data after the JSON object")
	}
	if f.Schema != Schema {
		return nil, hangup.Invalid("the registry file has the wrong schema",
			hangup.FieldError{Field: "schema", Message: fmt.Sprintf("is %q, want %q", f.Schema, Schema)})
	}
	if err := validateAuthorities(f.Authorities); err != nil {
		return nil, err
	}
	if err := Validate(f.Organisations, numbers); err != nil {
		return nil, err
	}
	return &f, nil
}

func validateAuthorities(as []Authority) error {
	var fields []hangup.FieldError
	seen := map[string]bool{}
	for i, a := range as {
		at := fmt.Sprintf("authorities[%d]", i)
		d := strings.ToLower(strings.TrimSpace(a.Domain))
		if d != a.Domain || !(domainPattern.MatchString(d) || tldPattern.MatchString(d)) {
			fields = append(fields, hangup.FieldError{Field: at + ".domain", Message: fmt.Sprintf("%q is not a lower-case domain name or suffix such as gov.uk", a.Domain)})
		}
		if seen[d] {
			fields = append(fields, hangup.FieldError{Field: at + ".domain", Message: "is listed twice"})
		}
		seen[d] = true
		if strings.TrimSpace(a.Name) == "" {
			fields = append(fields, hangup.FieldError{Field: at + ".name", Message: "is required"})
		}
		if !slices.Contains(AuthorityKinds, a.Kind) {
			fields = append(fields, hangup.FieldError{Field: at + ".kind", Message: fmt.Sprintf("is %q; must be one of %v", a.Kind, AuthorityKinds)})
		}
	}
	if len(fields) > 0 {
		return hangup.Invalid(fmt.Sprintf("the registry has %d problem(s); nothing was changed", len(fields)), fields...)
	}
	return nil
}

// Encode writes orgs as a registry file, indented for people to read and
// diff. Entries are written in the order given. Authorities, when given, are
// written too.
func Encode(w io.Writer, orgs []*hangup.Organisation, authorities ...Authority) error {
	if orgs == nil {
		orgs = []*hangup.Organisation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(File{Schema: Schema, Authorities: authorities, Organisations: orgs})
}

// jsonError turns a decoding error into a message with a line number.
func jsonError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return hangup.Errorf(hangup.EINVALID, "the registry file is not valid JSON: %v (line %d)", syn, lineOf(body, syn.Offset))
	case errors.As(err, &typ):
		return hangup.Invalid("the registry file has a value of the wrong type",
			hangup.FieldError{Field: typ.Field, Message: fmt.Sprintf("must be %s, not %s (line %d)", typ.Type, typ.Value, lineOf(body, typ.Offset))})
	case errors.Is(err, io.EOF):
		return hangup.Errorf(hangup.EINVALID, "the registry file is empty")
	}
	return hangup.Errorf(hangup.EINVALID, "the registry file could not be read: %v", err)
}

func lineOf(body []byte, offset int64) int {
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
	return bytes.Count(body[:offset], []byte("\n")) + 1
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
	domainPattern  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	tldPattern     = regexp.MustCompile(`^[a-z]{2,63}$`)
)

// Validate checks orgs and fills in derived fields (each number's E.164 form,
// lower-cased domains). It reports every problem it finds, not just the first,
// as one EINVALID error with per-field details.
func Validate(orgs []*hangup.Organisation, numbers NumberParser) error {
	v := validator{numbers: numbers, today: time.Now().UTC().Format(time.DateOnly)}
	if len(orgs) > MaxOrganisations {
		return hangup.Errorf(hangup.ETOOLARGE, "the registry has %d organisations; at most %d are allowed", len(orgs), MaxOrganisations)
	}
	seen := map[string]int{}
	for i, o := range orgs {
		if o == nil {
			v.add(fmt.Sprintf("organisations[%d]", i), "is null")
			continue
		}
		at := fmt.Sprintf("organisations[%d] %q", i, o.ID)
		if j, dup := seen[o.ID]; dup && o.ID != "" {
			v.add(at+".id", fmt.Sprintf("is the same as organisations[%d]", j))
		}
		seen[o.ID] = i
		v.org(at, o)
		if len(v.fields) > 100 {
			break // enough to act on; the rest would only bury the first
		}
	}
	if len(v.fields) == 0 {
		for _, c := range AliasClashes(orgs) {
			v.add(fmt.Sprintf("organisations[%d] %q.aliases", c.Index, c.Org), c.Message)
		}
	}
	if len(v.fields) > 0 {
		return hangup.Invalid(fmt.Sprintf("the registry has %d problem(s); nothing was changed", len(v.fields)), v.fields...)
	}
	return nil
}

type validator struct {
	numbers NumberParser
	today   string
	fields  []hangup.FieldError
}

func (v *validator) add(field, msg string) {
	v.fields = append(v.fields, hangup.FieldError{Field: field, Message: msg})
}

func (v *validator) text(field, s string, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		v.add(field, "is required")
	case utf8.RuneCountInString(s) > maxText:
		v.add(field, fmt.Sprintf("is longer than %d characters", maxText))
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' }):
		v.add(field, "contains control characters")
	}
}

func (v *validator) list(field string, n int) {
	if n > maxList {
		v.add(field, fmt.Sprintf("has %d entries; at most %d are allowed", n, maxList))
	}
}

func (v *validator) org(at string, o *hangup.Organisation) {
	if !idPattern.MatchString(o.ID) {
		v.add(at+".id", "must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit")
	}
	v.text(at+".name", o.Name, true)
	v.text(at+".description", o.Description, false)
	if o.Publisher != nil {
		v.add(at+".publisher", "is set only by Hangup, for an organisation that proved control of its domain; remove it from the file")
	}
	if o.Country != "" && !countryPattern.MatchString(o.Country) {
		v.add(at+".country", "must be a two-letter country code such as GB or US, or empty for international")
	}
	if !slices.Contains(hangup.OrgKinds, o.Kind) {
		v.add(at+".kind", fmt.Sprintf("is %q; must be one of %v", o.Kind, hangup.OrgKinds))
	}
	v.list(at+".aliases", len(o.Aliases))
	for i, a := range o.Aliases {
		v.text(fmt.Sprintf("%s.aliases[%d]", at, i), a, true)
	}
	v.list(at+".domains", len(o.Domains))
	for i := range o.Domains {
		d := &o.Domains[i]
		f := fmt.Sprintf("%s.domains[%d]", at, i)
		d.Domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d.Domain)), ".")
		if !domainPattern.MatchString(d.Domain) {
			v.add(f+".domain", fmt.Sprintf("%q is not a domain name such as example.com (write internationalised names in punycode)", d.Domain))
		}
		v.source(f+".source", d.Source)
	}
	v.list(at+".numbers", len(o.Numbers))
	for i := range o.Numbers {
		n := &o.Numbers[i]
		f := fmt.Sprintf("%s.numbers[%d]", at, i)
		v.text(f+".label", n.Label, false)
		switch n.Role {
		case hangup.RoleCallsOut, hangup.RoleReceivesOnly, hangup.RoleSupport:
		default:
			v.add(f+".role", fmt.Sprintf("is %q; must be calls_out, receives_only or support", n.Role))
		}
		if v.numbers != nil {
			parsed := parseIn(v.numbers, n.Number, o.Country)
			switch {
			case !parsed.Valid:
				v.add(f+".number", fmt.Sprintf("%q is not a valid phone number", n.Number))
			case parsed.Type != hangup.NumberShortCode:
				n.E164 = parsed.E164
			default:
				n.E164 = ""
			}
		}
		v.source(f+".source", n.Source)
	}
	v.list(at+".policies", len(o.Policies))
	for i, p := range o.Policies {
		f := fmt.Sprintf("%s.policies[%d]", at, i)
		if !slices.Contains(hangup.PolicyCodes, p.Code) {
			v.add(f+".code", fmt.Sprintf("is %q; must be one of %v", p.Code, hangup.PolicyCodes))
		}
		v.text(f+".text", p.Text, true)
		v.source(f+".source", p.Source)
	}
	v.list(at+".contacts", len(o.Contacts))
	for i, c := range o.Contacts {
		f := fmt.Sprintf("%s.contacts[%d]", at, i)
		v.text(f+".text", c.Text, true)
		if c.URL != "" && !httpURL(c.URL) {
			v.add(f+".url", "must be an http or https address")
		}
		v.source(f+".source", c.Source)
	}
}

// source checks that a fact says where it comes from and when it was checked.
func (v *validator) source(at string, s hangup.Source) {
	if s.URL == "" && strings.TrimSpace(s.Document) == "" {
		v.add(at, "needs a url or a document: every fact in the registry must say where it comes from")
	}
	if s.URL != "" && !httpURL(s.URL) {
		v.add(at+".url", "must be an http or https address")
	}
	v.text(at+".document", s.Document, false)
	if s.Type != "" {
		v.add(at+".type", "is set only by Hangup, for facts an organisation published itself; a registry file may not claim to speak for an organisation")
	}
	d, err := time.Parse(time.DateOnly, s.Checked)
	switch {
	case s.Checked == "":
		v.add(at+".checked", "is required: the date someone last checked the source, YYYY-MM-DD")
	case err != nil:
		v.add(at+".checked", fmt.Sprintf("%q is not a date written YYYY-MM-DD", s.Checked))
	case d.Format(time.DateOnly) > v.today:
		v.add(at+".checked", "is in the future")
	}
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(s) <= maxText
}

// AliasClash is a name that two organisations of one country both answer
// to: a claim using it could not say which one the caller meant.
type AliasClash struct {
	Index   int    // the later organisation's position
	Org     string // its ID
	Message string
}

// AliasClashes finds names and aliases shared by two organisations of the
// same country (international entries count as every country's). Case,
// punctuation and a leading "the" or "your" don't make names different.
func AliasClashes(orgs []*hangup.Organisation) []AliasClash {
	type owner struct {
		org  *hangup.Organisation
		name string
	}
	seen := map[string][]owner{}
	var out []AliasClash
	for i, o := range orgs {
		if o == nil {
			continue
		}
		mine := map[string]bool{}
		for _, name := range append([]string{o.Name}, o.Aliases...) {
			key := aliasKey(name)
			if key == "" || mine[key] {
				continue
			}
			mine[key] = true
			for _, prev := range seen[key] {
				if prev.org.Country == o.Country || prev.org.Country == "" || o.Country == "" {
					out = append(out, AliasClash{Index: i, Org: o.ID, Message: fmt.Sprintf("%q is also a name of %q in the same country; give each organisation names of its own", name, prev.org.ID)})
					break
				}
			}
			seen[key] = append(seen[key], owner{o, name})
		}
	}
	return out
}

// aliasKey is the form names are compared by: the matcher's tokens, without
// leading filler words, run together.
func aliasKey(name string) string {
	t := tokens(name)
	for len(t) > 1 && leadingFillers[t[0]] {
		t = t[1:]
	}
	return strings.Join(t, "")
}
