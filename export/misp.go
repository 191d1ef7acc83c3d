package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// MISPEvent is a MISP event in the JSON form MISP imports
// ({"Event": {...}}). Timestamps are Unix seconds as strings, as MISP
// writes them.
type MISPEvent struct {
	Event mispEvent `json:"Event"`
}

type mispEvent struct {
	UUID          string          `json:"uuid"`
	Info          string          `json:"info"`
	Date          string          `json:"date"`
	Timestamp     string          `json:"timestamp"`
	PublishTS     string          `json:"publish_timestamp"`
	Published     bool            `json:"published"`
	Analysis      string          `json:"analysis"`        // 0 initial, 1 ongoing, 2 completed
	ThreatLevelID string          `json:"threat_level_id"` // 1 high, 2 medium, 3 low, 4 undefined
	Distribution  string          `json:"distribution"`    // 3: all communities
	Orgc          mispOrg         `json:"Orgc"`
	Tag           []mispTag       `json:"Tag"`
	Attribute     []MISPAttribute `json:"Attribute"`
}

type mispOrg struct {
	Name string `json:"name"`
	UUID string `json:"uuid"`
}

type mispTag struct {
	Name string `json:"name"`
}

// MISPAttribute is one attribute of the event.
type MISPAttribute struct {
	UUID         string    `json:"uuid"`
	Type         string    `json:"type"`
	Category     string    `json:"category"`
	Value        string    `json:"value"`
	ToIDS        bool      `json:"to_ids"`
	Comment      string    `json:"comment"`
	Timestamp    string    `json:"timestamp"`
	FirstSeen    string    `json:"first_seen,omitempty"`
	LastSeen     string    `json:"last_seen,omitempty"`
	Distribution string    `json:"distribution"` // 5: as the event
	Tag          []mispTag `json:"Tag,omitempty"`
}

// mispTypes maps indicator kinds to MISP attribute types and the category
// each is filed under (MISP's describeTypes allows phone-number under
// "Financial fraud"; domain and url under "Network activity").
var mispTypes = map[string][2]string{
	KindPhoneNumber: {"phone-number", "Financial fraud"},
	KindDomain:      {"domain", "Network activity"},
	KindURL:         {"url", "Network activity"},
}

// MISP renders the feed as one MISP event whose attributes are its
// indicators. Scam indicators are marked for detection (to_ids);
// suspected ones are context only. Impersonated organisations are named
// in each attribute's comment; tags say TLP:CLEAR (the list is public)
// and the scam categories.
func MISP(f *Feed) *MISPEvent {
	ts := strconv.FormatInt(f.Generated.Unix(), 10)
	e := mispEvent{
		UUID: uuid5(hangupNamespace, fmt.Sprintf("misp|%s|%d", f.Producer, f.Version)),
		Info: fmt.Sprintf("Hangup: scam phone numbers (%s, blocklist version %d)", hostOf(f.Producer), f.Version),
		Date: f.Generated.UTC().Format("2006-01-02"), Timestamp: ts, PublishTS: ts,
		Analysis: "2", ThreatLevelID: "3", Distribution: "3",
		Orgc:      mispOrg{Name: "Hangup at " + hostOf(f.Producer), UUID: uuid5(hangupNamespace, "producer|"+f.Producer)},
		Tag:       []mispTag{{Name: "tlp:clear"}, {Name: "hangup:blocklist"}},
		Attribute: make([]MISPAttribute, 0, len(f.Indicators)),
	}
	for _, in := range f.Indicators {
		tc, ok := mispTypes[in.Kind]
		if !ok {
			continue
		}
		comment := in.Note
		if names := orgNames(in); names != "" {
			comment += " Callers claimed to be: " + names + "."
		}
		a := MISPAttribute{UUID: uuid5(hangupNamespace, "misp-attribute|"+f.Producer+"|"+in.Kind+"|"+in.Value),
			Type: tc[0], Category: tc[1], Value: in.Value, ToIDS: in.Label == hangup.ListScam, Comment: comment,
			Timestamp: ts, FirstSeen: stampMicro(in.FirstSeen), LastSeen: stampMicro(in.LastSeen), Distribution: "5"}
		for _, c := range in.Categories {
			a.Tag = append(a.Tag, mispTag{Name: "hangup:category=\"" + c + "\""})
		}
		a.Tag = append(a.Tag, mispTag{Name: fmt.Sprintf("hangup:confidence=\"%d\"", int(in.Confidence*100+0.5))})
		e.Attribute = append(e.Attribute, a)
	}
	return &MISPEvent{Event: e}
}

func stampMicro(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z07:00") }

func orgNames(in Indicator) string {
	names := make([]string, len(in.Impersonates))
	for i, o := range in.Impersonates {
		names[i] = o.Name
	}
	return strings.Join(names, ", ")
}

// CSVColumns is the header of the CSV export.
var CSVColumns = []string{"kind", "value", "label", "confidence", "reports", "first_seen", "last_seen", "categories", "impersonates"}

// CSV writes the feed's indicators, one per row, under CSVColumns. Lists
// within a cell are separated by "|". Values that a spreadsheet would run
// as a formula are written with a leading apostrophe.
func CSV(w io.Writer, f *Feed) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVColumns)
	for _, in := range f.Indicators {
		ids := make([]string, len(in.Impersonates))
		for i, o := range in.Impersonates {
			ids[i] = o.ID
		}
		cw.Write([]string{in.Kind, cell(in.Value), string(in.Label), strconv.FormatFloat(in.Confidence, 'f', 2, 64), strconv.Itoa(in.Reports),
			in.FirstSeen.UTC().Format("2006-01-02T15:04:05Z"), in.LastSeen.UTC().Format("2006-01-02T15:04:05Z"),
			strings.Join(in.Categories, "|"), strings.Join(ids, "|")})
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses spreadsheet formulas: a value starting with = + - @ or a
// control character gets an apostrophe, which spreadsheets show as text
// and hide. An E.164 number ("+" and digits) is left as it is: it can be
// nothing but a number, and fraud systems read the column as written.
func cell(s string) string {
	if hangup.IsE164(s) {
		return s
	}
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
