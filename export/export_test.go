package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
	"github.com/hangup-org/hangup/export"
	"github.com/hangup-org/hangup/export/stixpattern"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var t0 = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

func sampleFeed() *export.Feed {
	imex := blocklist.Organisation{ID: "imex", Name: "IMEX", Kind: hangup.KindBank, Country: "GB", Reports: 12}
	ms := blocklist.Organisation{ID: "microsoft", Name: "Microsoft", Kind: hangup.KindTechnology, Reports: 3}
	entries := []blocklist.Entry{
		{Number: "+442034567895", Label: hangup.ListScam, Confidence: 0.87, Reports: 21, FirstSeen: t0.Add(-72 * time.Hour),
			LastSeen: t0.Add(-time.Hour), Categories: []string{"tech_support", "bank_impersonation"}, Organisations: []blocklist.Organisation{imex, ms}},
		{Number: "+12025550143", Label: hangup.ListScam, Confidence: 0.93, Reports: 60, FirstSeen: t0.Add(-30 * 24 * time.Hour),
			LastSeen: t0.Add(-24 * time.Hour), Categories: []string{}, Organisations: []blocklist.Organisation{imex}},
		{Number: "+449061230002", Label: hangup.ListSuspected, Confidence: 0.61, Reports: 9, FirstSeen: t0, LastSeen: t0,
			Categories: []string{"other"}, Organisations: []blocklist.Organisation{}},
	}
	f := export.FromEntries("https://hangup.example.org", t0, 42, entries)
	// The seams for what Hangup will list later: domains and URLs (issue 14)
	// and campaigns (public alerts), so that their STIX is checked today.
	f.Indicators = append(f.Indicators,
		export.Indicator{Kind: export.KindDomain, Value: "micros0ft-support.com", Label: hangup.ListScam, Confidence: 0.9, FirstSeen: t0, LastSeen: t0, Note: "A fake support site."},
		export.Indicator{Kind: export.KindURL, Value: "http://micros0ft-support.com/fix?id='1'", Label: hangup.ListScam, Confidence: 0.9, FirstSeen: t0, LastSeen: t0})
	f.Campaigns = []export.Campaign{{Key: "alert-7", Name: "Fake IMEX fraud team calls", FirstSeen: t0.Add(-72 * time.Hour), LastSeen: t0,
		Indicators: []string{export.KindPhoneNumber + ":+442034567895", export.KindDomain + ":micros0ft-support.com", "phone-number:+440000"}}}
	return f
}

// schemaLoader maps the OASIS schemas' $id URLs onto testdata.
type schemaLoader struct{}

const schemaBase = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

func (schemaLoader) Load(u string) (any, error) {
	f, err := os.Open(filepath.Join("testdata/stix2/schemas", filepath.FromSlash(strings.TrimPrefix(u, schemaBase))))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(schemaLoader{})
	c.AssertFormat()
	s, err := c.Compile(schemaBase + name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSTIXBundleValidatesAgainstTheOASISSchemas validates the bundle with
// the OASIS schemas. The bundle schema matches an extension-definition
// object by both of its generic branches (core and cyber-observable-core)
// inside a oneOf, so no bundle holding one can pass it (proved below):
// the extension definition is validated against extension-definition.json
// and the rest of the bundle against bundle.json.
func TestSTIXBundleValidatesAgainstTheOASISSchemas(t *testing.T) {
	b := export.STIX(sampleFeed())
	doc := asJSON(t, b).(map[string]any)
	objects := doc["objects"].([]any)
	var rest []any
	var ext map[string]any
	for _, o := range objects {
		m := o.(map[string]any)
		if m["type"] == "extension-definition" {
			ext = m
			continue
		}
		rest = append(rest, o)
	}
	if ext == nil {
		t.Fatal("the bundle lacks the extension definition of phone-number")
	}
	if err := compile(t, "common/extension-definition.json").Validate(ext); err != nil {
		t.Errorf("extension definition: %v", err)
	}
	doc["objects"] = rest
	if err := compile(t, "common/bundle.json").Validate(doc); err != nil {
		t.Errorf("bundle: %v", err)
	}
	// Each object also fits the schema of its own type, where OASIS has one.
	for _, o := range rest {
		m := o.(map[string]any)
		typ := m["type"].(string)
		for _, dir := range []string{"sdos", "sros", "observables"} {
			if _, err := os.Stat(filepath.Join("testdata/stix2/schemas", dir, typ+".json")); err == nil {
				if err := compile(t, dir+"/"+typ+".json").Validate(m); err != nil {
					t.Errorf("%s %s: %v", typ, m["id"], err)
				}
			}
		}
	}
	// The validator is not vacuous: a broken indicator fails.
	bad := asJSON(t, b).(map[string]any)
	for _, o := range bad["objects"].([]any) {
		if m := o.(map[string]any); m["type"] == "indicator" {
			m["confidence"] = 101
			m["valid_from"] = "yesterday"
			break
		}
	}
	bad["objects"] = bad["objects"].([]any)[3:]
	if compile(t, "common/bundle.json").Validate(bad) == nil {
		t.Error("a bundle with confidence 101 and valid_from \"yesterday\" passed the schema")
	}
}

// TestOASISBundleSchemaRefusesEveryExtensionDefinition records the schema
// defect the test above works around, so that a fixed schema shows up.
func TestOASISBundleSchemaRefusesEveryExtensionDefinition(t *testing.T) {
	b := export.STIX(sampleFeed())
	doc := asJSON(t, b).(map[string]any)
	var only []any
	for _, o := range doc["objects"].([]any) {
		if o.(map[string]any)["type"] == "extension-definition" {
			only = append(only, o)
		}
	}
	doc["objects"] = only
	err := compile(t, "common/bundle.json").Validate(doc)
	if err == nil {
		t.Fatal("the OASIS bundle schema now accepts an extension definition: validate the whole bundle in the test above")
	}
	if !strings.Contains(err.Error(), "subschemas 0, 1 matched") {
		t.Errorf("the bundle schema refuses the extension definition for another reason: %v", err)
	}
}

func TestEveryPatternParsesUnderTheSTIXGrammar(t *testing.T) {
	f := sampleFeed()
	b := export.STIX(f)
	patterns := b.Patterns()
	if len(patterns) != len(f.Indicators) {
		t.Fatalf("%d patterns for %d indicators", len(patterns), len(f.Indicators))
	}
	for i, p := range patterns {
		parsed, err := stixpattern.Parse(p)
		if err != nil {
			t.Errorf("pattern %q: %v", p, err)
			continue
		}
		in := f.Indicators[i]
		if len(parsed.Comparisons) != 1 {
			t.Fatalf("pattern %q: %d comparisons", p, len(parsed.Comparisons))
		}
		c := parsed.Comparisons[0]
		v, _ := c.StringValue()
		if c.ObjectType != in.Kind || strings.Join(c.Path, ".") != "value" || c.Op != "=" || v != in.Value {
			t.Errorf("pattern %q compares %s:%v %s %q, want %s:value = %q", p, c.ObjectType, c.Path, c.Op, v, in.Kind, in.Value)
		}
	}
}

func TestSTIXSaysWhatItShouldAndNothingMore(t *testing.T) {
	f := sampleFeed()
	b := export.STIX(f)
	raw, _ := json.Marshal(b)
	var doc struct {
		Objects []map[string]any `json:"objects"`
	}
	json.Unmarshal(raw, &doc)
	byID := map[string]map[string]any{}
	count := map[string]int{}
	for _, o := range doc.Objects {
		byID[o["id"].(string)] = o
		count[o["type"].(string)]++
	}
	if count["indicator"] != 5 || count["phone-number"] != 3 || count["threat-actor"] != 2 || count["campaign"] != 1 || count["extension-definition"] != 1 {
		t.Errorf("object counts %v", count)
	}
	var ind map[string]any
	for _, o := range doc.Objects {
		if o["type"] == "indicator" && strings.Contains(o["pattern"].(string), "+442034567895") {
			ind = o
		}
	}
	if ind["confidence"] != 87.0 || ind["valid_from"] != "2026-11-30T10:00:00.000Z" || ind["valid_until"] != "2027-03-03T09:00:00.000Z" {
		t.Errorf("indicator confidence/validity: %v %v %v", ind["confidence"], ind["valid_from"], ind["valid_until"])
	}
	// The phone-number observable carries the extension.
	for _, o := range doc.Objects {
		if o["type"] == "phone-number" {
			ext, _ := o["extensions"].(map[string]any)
			if _, ok := ext[export.PhoneNumberExtension]; !ok {
				t.Errorf("observable %v lacks the extension", o)
			}
		}
	}
	// Relationships: impersonators impersonate the organisation, the
	// indicators indicate them and the campaign; every reference resolves.
	kinds := map[string]int{}
	for _, o := range doc.Objects {
		if o["type"] != "relationship" {
			continue
		}
		kinds[o["relationship_type"].(string)]++
		src, dst := byID[o["source_ref"].(string)], byID[o["target_ref"].(string)]
		if src == nil || dst == nil {
			t.Errorf("relationship %v refers to a missing object", o["id"])
			continue
		}
		if o["relationship_type"] == "impersonates" && (src["type"] != "threat-actor" || dst["type"] != "identity" || dst["identity_class"] != "organization") {
			t.Errorf("impersonates %v → %v", src["type"], dst["type"])
		}
	}
	if kinds["impersonates"] != 2 || kinds["indicates"] != 3+2 || kinds["related-to"] != 5 {
		t.Errorf("relationships %v, want 2 impersonates, 5 indicates (3 to impersonators, 2 to the campaign), 5 related-to", kinds)
	}
	// Deterministic: the same feed gives the same ids.
	again := export.STIX(f)
	for i := range b.Objects {
		if id := again.Objects[i]; id.ID != b.Objects[i].ID {
			t.Fatalf("object %d has id %s then %s", i, b.Objects[i].ID, id.ID)
		}
	}
}

// mispTypes is the part of MISP's describeTypes.json (its category →
// types table) that this export uses.
var mispTypes = map[string][]string{
	"Financial fraud":  {"btc", "xmr", "iban", "bic", "bank-account-nr", "aba-rtn", "bin", "cc-number", "prtn", "phone-number", "comment", "text", "other", "hex"},
	"Network activity": {"ip-src", "ip-dst", "port", "hostname", "domain", "domain|ip", "mac-address", "mac-eui-64", "email", "email-dst", "email-src", "eppn", "url", "uri", "user-agent", "http-method", "AS", "snort", "pattern-in-file", "filename-pattern", "stix2-pattern", "pattern-in-traffic", "x509-fingerprint-md5", "x509-fingerprint-sha1", "x509-fingerprint-sha256", "ja3-fingerprint-md5", "jarm-fingerprint", "hassh-md5", "hasshserver-md5", "other", "hex", "cookie", "hostname|port", "bro", "zeek", "anonymised", "community-id", "email-subject", "favicon-mmh3", "dkim", "dkim-signature", "ssh-fingerprint"},
}

func TestMISPEventLoadsAsAMISPEvent(t *testing.T) {
	f := sampleFeed()
	raw, err := json.Marshal(export.MISP(f))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	ev, ok := doc["Event"]
	if !ok {
		t.Fatalf("no Event: %s", raw)
	}
	// MISP's event import needs info, and reads these as strings of digits
	// in these ranges.
	for field, allowed := range map[string][]string{"threat_level_id": {"1", "2", "3", "4"}, "analysis": {"0", "1", "2"}, "distribution": {"0", "1", "2", "3", "4"}} {
		v, _ := ev[field].(string)
		if !contains(allowed, v) {
			t.Errorf("Event.%s = %v, want one of %v", field, ev[field], allowed)
		}
	}
	if info, _ := ev["info"].(string); info == "" {
		t.Error("Event.info is empty")
	}
	if d, _ := ev["date"].(string); d != "2026-12-03" {
		t.Errorf("Event.date = %v", ev["date"])
	}
	if !uuidLike(ev["uuid"]) {
		t.Errorf("Event.uuid = %v", ev["uuid"])
	}
	attrs := ev["Attribute"].([]any)
	if len(attrs) != len(f.Indicators) {
		t.Fatalf("%d attributes for %d indicators", len(attrs), len(f.Indicators))
	}
	seen := map[string]bool{}
	for _, a := range attrs {
		m := a.(map[string]any)
		typ, cat, val := m["type"].(string), m["category"].(string), m["value"].(string)
		if !contains(mispTypes[cat], typ) {
			t.Errorf("attribute %q: type %q is not allowed in category %q", val, typ, cat)
		}
		if !uuidLike(m["uuid"]) || seen[m["uuid"].(string)] {
			t.Errorf("attribute %q: uuid %v missing or repeated", val, m["uuid"])
		}
		seen[m["uuid"].(string)] = true
		if _, ok := m["to_ids"].(bool); !ok {
			t.Errorf("attribute %q: to_ids %v", val, m["to_ids"])
		}
		if _, err := time.Parse(time.RFC3339, m["first_seen"].(string)); err != nil {
			t.Errorf("attribute %q: first_seen %v", val, m["first_seen"])
		}
		if val == "+449061230002" && m["to_ids"] == true {
			t.Error("a suspected number is marked for detection (to_ids)")
		}
		if val == "+442034567895" && !strings.Contains(m["comment"].(string), "IMEX, Microsoft") {
			t.Errorf("comment %q does not name the impersonated organisations", m["comment"])
		}
	}
}

func uuidLike(v any) bool {
	s, _ := v.(string)
	return len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-'
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestCSVHasOneRowPerIndicatorAndDefusesFormulas(t *testing.T) {
	f := sampleFeed()
	f.Indicators = append(f.Indicators, export.Indicator{Kind: export.KindDomain, Value: "=HYPERLINK(\"x\")", Label: hangup.ListScam})
	var buf bytes.Buffer
	if err := export.CSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(f.Indicators)+1 || strings.Join(rows[0], ",") != strings.Join(export.CSVColumns, ",") {
		t.Fatalf("rows %v", rows)
	}
	if rows[1][1] != "+442034567895" || rows[1][8] != "imex|microsoft" || rows[1][3] != "0.87" {
		t.Errorf("first row %v", rows[1])
	}
	if last := rows[len(rows)-1][1]; !strings.HasPrefix(last, "'") {
		t.Errorf("formula cell %q was not defused", last)
	}
}

// TestExportsCarryNoReporterData builds a feed from entries and checks that
// no field of any format could hold a reporter's key, contact or story:
// the export types have no such fields, and nothing outside the entries'
// public facts appears.
func TestExportsCarryNoReporterData(t *testing.T) {
	f := sampleFeed()
	stixJSON, _ := json.Marshal(export.STIX(f))
	mispJSON, _ := json.Marshal(export.MISP(f))
	var csvBuf bytes.Buffer
	export.CSV(&csvBuf, f)
	for name, out := range map[string]string{"stix": string(stixJSON), "misp": string(mispJSON), "csv": csvBuf.String()} {
		for _, secret := range []string{"anon:", "user:", "reporter", "email", "@example", "story"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s export contains %q", name, secret)
			}
		}
	}
}
