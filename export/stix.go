package export

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// STIX has no object for a telephone number, so Hangup defines one through
// a STIX 2.1 extension definition (docs/stix-phone-number.md): a new
// Cyber-observable object of type "phone-number" whose one property,
// value, is the number in E.164 form. Patterns use it as
// [phone-number:value = '+442034567895'].
const (
	PhoneNumberType = "phone-number"
	// PhoneNumberExtension is the extension definition's id: fixed, so
	// every Hangup and every consumer names the definition alike.
	PhoneNumberExtension = "extension-definition--a835de50-a4bf-4c36-90ac-b45be14582e2"
	// ProjectIdentity is the Hangup project's identity, the author of the
	// extension definition.
	ProjectIdentity = "identity--ee3c1eb7-3448-4b66-9746-9d09f3610e05"
	// PhoneNumberSchema is the definition's normative text.
	PhoneNumberSchema = "A phone-number Cyber-observable object has type \"phone-number\", spec_version \"2.1\", a deterministic id " +
		"(UUIDv5 in the STIX namespace over {\"value\":…}) and one property, value (required): the telephone number in E.164 form, " +
		"\"+\" followed by 2 to 15 digits with no spaces, e.g. \"+441632960123\". Patterns compare value as a string: " +
		"[phone-number:value = '+441632960123']. See https://github.com/hangup-org/hangup/blob/main/docs/stix-phone-number.md."
)

// extensionEpoch is when the extension definition (and the project's
// identity) were made: they never change, so neither do their times.
var extensionEpoch = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func stamp(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
}

type stixObject struct {
	Type               string         `json:"type"`
	SpecVersion        string         `json:"spec_version"`
	ID                 string         `json:"id"`
	CreatedByRef       string         `json:"created_by_ref,omitempty"`
	Created            string         `json:"created,omitempty"`
	Modified           string         `json:"modified,omitempty"`
	Name               string         `json:"name,omitempty"`
	Description        string         `json:"description,omitempty"`
	IdentityClass      string         `json:"identity_class,omitempty"`
	Sectors            []string       `json:"sectors,omitempty"`
	Schema             string         `json:"schema,omitempty"`
	Version            string         `json:"version,omitempty"`
	ExtensionTypes     []string       `json:"extension_types,omitempty"`
	IndicatorTypes     []string       `json:"indicator_types,omitempty"`
	ThreatActorTypes   []string       `json:"threat_actor_types,omitempty"`
	Pattern            string         `json:"pattern,omitempty"`
	PatternType        string         `json:"pattern_type,omitempty"`
	PatternVersion     string         `json:"pattern_version,omitempty"`
	ValidFrom          string         `json:"valid_from,omitempty"`
	ValidUntil         string         `json:"valid_until,omitempty"`
	FirstSeen          string         `json:"first_seen,omitempty"`
	LastSeen           string         `json:"last_seen,omitempty"`
	Confidence         *int           `json:"confidence,omitempty"`
	Labels             []string       `json:"labels,omitempty"`
	RelationshipType   string         `json:"relationship_type,omitempty"`
	SourceRef          string         `json:"source_ref,omitempty"`
	TargetRef          string         `json:"target_ref,omitempty"`
	Value              string         `json:"value,omitempty"`
	Extensions         map[string]any `json:"extensions,omitempty"`
	ExternalReferences []extRef       `json:"external_references,omitempty"`
}

type extRef struct {
	SourceName  string `json:"source_name"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
}

// Bundle is a STIX 2.1 bundle.
type Bundle struct {
	Type    string       `json:"type"`
	ID      string       `json:"id"`
	Objects []stixObject `json:"objects"`
}

// STIX renders the feed as a STIX 2.1 bundle: the extension definition of
// the phone-number object and its author; the producer's identity; per
// indicator an indicator SDO with a STIX pattern, its observable and a
// related-to relationship; per impersonated organisation an identity, the
// threat actor "scam callers impersonating" it (impersonates), which the
// indicators indicate; per campaign a campaign the indicators indicate.
// Ids are deterministic: the same producer exporting the same number
// names the same indicator.
func STIX(f *Feed) *Bundle {
	producer := "identity--" + uuid5(hangupNamespace, "producer|"+f.Producer)
	now := stamp(f.Generated)
	epoch := stamp(extensionEpoch)
	b := &Bundle{Type: "bundle", ID: "bundle--" + uuid5(hangupNamespace, fmt.Sprintf("bundle|%s|%d|%s", f.Producer, f.Version, now))}
	add := func(o stixObject) { b.Objects = append(b.Objects, o) }
	add(stixObject{Type: "identity", SpecVersion: "2.1", ID: ProjectIdentity, Created: epoch, Modified: epoch,
		Name: "Hangup project", IdentityClass: "organization",
		Description: "The open-source Hangup project, which protects people from scam calls. Author of the phone-number STIX extension."})
	add(stixObject{Type: "extension-definition", SpecVersion: "2.1", ID: PhoneNumberExtension, CreatedByRef: ProjectIdentity,
		Created: epoch, Modified: epoch, Name: "Hangup phone-number observable",
		Description: "A Cyber-observable object for telephone numbers, which STIX 2.1 lacks, so that indicators can match the numbers scam calls come from.",
		Schema:      PhoneNumberSchema, Version: "1.0.0", ExtensionTypes: []string{"new-sco"}})
	add(stixObject{Type: "identity", SpecVersion: "2.1", ID: producer, CreatedByRef: producer, Created: epoch, Modified: epoch,
		Name: "Hangup at " + hostOf(f.Producer), IdentityClass: "system",
		Description:        "A Hangup service. Its listings come from people's reports, accounts and trusted sources; anonymous reports alone never list a number as a scam, and verified organisations' numbers are never listed.",
		ExternalReferences: []extRef{{SourceName: "hangup", URL: f.Producer}}})

	type actor struct {
		org        stixObject
		actor      stixObject
		indicators []string
	}
	actors := map[string]*actor{}
	var actorOrder []string
	byKey := map[string]string{} // Kind:Value → indicator id
	for _, in := range f.Indicators {
		id := "indicator--" + uuid5(hangupNamespace, "indicator|"+f.Producer+"|"+in.Kind+"|"+in.Value)
		byKey[in.Kind+":"+in.Value] = id
		conf := int(math.Round(in.Confidence * 100))
		created := stamp(in.FirstSeen)
		o := stixObject{Type: "indicator", SpecVersion: "2.1", ID: id, CreatedByRef: producer, Created: created, Modified: now,
			Name: indicatorName(in), Description: in.Note, IndicatorTypes: []string{"malicious-activity"},
			Pattern: Pattern(in.Kind, in.Value), PatternType: "stix", PatternVersion: "2.1",
			ValidFrom: created, ValidUntil: stamp(in.LastSeen.Add(Validity)), Confidence: &conf}
		if now < created { // a clock behind the evidence: modified may not precede created
			o.Modified = created
		}
		for _, c := range in.Categories {
			o.Labels = append(o.Labels, strings.ReplaceAll(c, "_", "-"))
		}
		if in.Label == hangup.ListSuspected {
			o.Labels = append(o.Labels, "suspected")
		}
		if in.Kind == KindPhoneNumber && f.Producer != "" {
			o.ExternalReferences = []extRef{{SourceName: "hangup", URL: f.Producer + "/numbers/" + url.PathEscape(in.Value),
				Description: "What Hangup knows about this number"}}
		}
		add(o)
		sco := observable(in.Kind, in.Value)
		add(sco)
		add(relationship(producer, created, now, id, "related-to", sco.ID))
		for _, org := range in.Impersonates {
			a := actors[org.ID]
			if a == nil {
				orgID := "identity--" + uuid5(hangupNamespace, "organisation|"+org.ID)
				a = &actor{
					org: stixObject{Type: "identity", SpecVersion: "2.1", ID: orgID, CreatedByRef: producer, Created: epoch, Modified: epoch,
						Name: org.Name, IdentityClass: "organization", Sectors: sectors(org.Kind),
						Description:        "A genuine organisation. Scammers pretend to call from it: it is the victim of impersonation, not the caller.",
						ExternalReferences: []extRef{{SourceName: "hangup-registry", URL: f.Producer + "/organisations/" + url.PathEscape(org.ID)}}},
					actor: stixObject{Type: "threat-actor", SpecVersion: "2.1",
						ID:      "threat-actor--" + uuid5(hangupNamespace, "impersonators|"+f.Producer+"|"+org.ID),
						Created: created, Modified: now, CreatedByRef: producer,
						Name:             "Scam callers impersonating " + org.Name,
						Description:      "Unknown callers who claim to be " + org.Name + " to defraud the people they call.",
						ThreatActorTypes: []string{"criminal"}},
				}
				actors[org.ID] = a
				actorOrder = append(actorOrder, org.ID)
			}
			if created < a.actor.Created {
				a.actor.Created = created
			}
			a.indicators = append(a.indicators, id)
		}
	}
	for _, key := range actorOrder {
		a := actors[key]
		add(a.org)
		add(a.actor)
		add(relationship(producer, a.actor.Created, now, a.actor.ID, "impersonates", a.org.ID))
		for _, ind := range a.indicators {
			add(relationship(producer, a.actor.Created, now, ind, "indicates", a.actor.ID))
		}
	}
	for _, c := range f.Campaigns {
		id := "campaign--" + uuid5(hangupNamespace, "campaign|"+f.Producer+"|"+c.Key)
		first := stamp(c.FirstSeen)
		add(stixObject{Type: "campaign", SpecVersion: "2.1", ID: id, CreatedByRef: producer, Created: first, Modified: now,
			Name: c.Name, Description: c.Description, FirstSeen: first, LastSeen: stamp(c.LastSeen)})
		for _, k := range c.Indicators {
			if ind, ok := byKey[k]; ok {
				add(relationship(producer, first, now, ind, "indicates", id))
			}
		}
	}
	return b
}

func relationship(by, created, modified, source, kind, target string) stixObject {
	if modified < created {
		modified = created
	}
	return stixObject{Type: "relationship", SpecVersion: "2.1", ID: "relationship--" + uuid5(hangupNamespace, source+"|"+kind+"|"+target),
		CreatedByRef: by, Created: created, Modified: modified, RelationshipType: kind, SourceRef: source, TargetRef: target}
}

// observable is the Cyber-observable object of a value, with the
// deterministic id STIX gives it: UUIDv5 of its id-contributing property.
func observable(kind, value string) stixObject {
	contrib, _ := json.Marshal(map[string]string{"value": value})
	o := stixObject{Type: kind, SpecVersion: "2.1", ID: kind + "--" + uuid5(stixNamespace, string(contrib)), Value: value}
	if kind == KindPhoneNumber {
		o.Extensions = map[string]any{PhoneNumberExtension: map[string]string{"extension_type": "new-sco"}}
	}
	return o
}

// Pattern is the STIX pattern that matches value as an observable of
// kind: [kind:value = 'value'], the value quoted as the grammar's
// StringLiteral wants (backslash and quote escaped).
func Pattern(kind, value string) string {
	q := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(value)
	return "[" + kind + ":value = '" + q + "']"
}

func indicatorName(in Indicator) string {
	what := "Scam calls from "
	switch in.Kind {
	case KindDomain:
		what = "Scam website "
	case KindURL:
		what = "Scam web address "
	}
	if in.Label == hangup.ListSuspected {
		what = "Suspected: " + strings.ToLower(what[:1]) + what[1:]
	}
	return what + in.Value
}

// sectors maps a registry kind to STIX's industry-sector vocabulary.
func sectors(k hangup.OrgKind) []string {
	m := map[hangup.OrgKind]string{
		hangup.KindTechnology: "technology", hangup.KindITServices: "technology", hangup.KindISP: "telecommunications",
		hangup.KindBank: "financial-services", hangup.KindPayments: "financial-services", hangup.KindCrypto: "financial-services",
		hangup.KindGovernment: "government", hangup.KindPolice: "emergency-services", hangup.KindReportingService: "government-public-services",
		hangup.KindSecurity: "technology", hangup.KindRetail: "retail", hangup.KindDelivery: "transportation",
		hangup.KindUtility: "utilities", hangup.KindCharity: "non-profit",
	}
	if s, ok := m[k]; ok {
		return []string{s}
	}
	return nil
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return u
	}
	return p.Host
}

// Patterns returns every pattern in the bundle (for tests and tools).
func (b *Bundle) Patterns() []string {
	var out []string
	for _, o := range b.Objects {
		if o.Pattern != "" {
			out = append(out, o.Pattern)
		}
	}
	return slices.Clip(out)
}
