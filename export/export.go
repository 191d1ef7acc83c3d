// Package export writes what Hangup shares in the formats security teams,
// banks and the police read: STIX 2.1 bundles, MISP events and CSV. It
// only renders a Feed; what goes into the feed (and so what may never
// leave, such as reporters' data or verified organisations' numbers) is
// decided by package blocklist. See docs/sharing.md.
package export

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/blocklist"
)

// Indicator kinds: the STIX Cyber-observable type each indicator's value
// is. Numbers today; domains and URLs join when Hangup lists them.
const (
	KindPhoneNumber = PhoneNumberType // defined by Hangup's STIX extension
	KindDomain      = "domain-name"
	KindURL         = "url"
)

// Indicator is one thing to look out for: a value of a kind, as confident
// as the evidence behind it.
type Indicator struct {
	Kind       string              // KindPhoneNumber, KindDomain or KindURL
	Value      string              // E.164 number, domain name or URL
	Label      hangup.ListingLabel // scam, or suspected (a warning only)
	Confidence float64             // 0..1
	Reports    int
	FirstSeen  time.Time
	LastSeen   time.Time
	Categories []string
	// Impersonates names the organisations reports say the scammers
	// claimed to be.
	Impersonates []blocklist.Organisation
	Note         string // a sentence for people
}

// Campaign is a scam wave: a name, when it ran, and the indicators seen in
// it (by Kind and Value). Nothing fills campaigns yet; public alerts
// (organisations' warnings about a live wave) will.
type Campaign struct {
	Key         string // stable identity within the producer, e.g. an alert id
	Name        string
	Description string
	FirstSeen   time.Time
	LastSeen    time.Time
	Indicators  []string // Kind + ":" + Value of the indicators seen in it
}

// Feed is what one export holds.
type Feed struct {
	Producer   string // the producing Hangup's public address, e.g. https://hangup.example.org
	Generated  time.Time
	Version    int64 // the blocklist version the feed was made from
	Indicators []Indicator
	Campaigns  []Campaign
}

// Validity is how long after the last report an indicator stays valid:
// evidence fades with a half-life of about four months, and a number
// nobody has reported for three months is on its way off the list.
const Validity = 90 * 24 * time.Hour

// FromEntries makes a feed of phone-number indicators from blocklist
// entries.
func FromEntries(producer string, generated time.Time, version int64, entries []blocklist.Entry) *Feed {
	f := &Feed{Producer: producer, Generated: generated.UTC(), Version: version, Indicators: make([]Indicator, 0, len(entries))}
	for _, e := range entries {
		first, last := e.FirstSeen, e.LastSeen
		if first.IsZero() {
			first, last = f.Generated, f.Generated
		}
		f.Indicators = append(f.Indicators, Indicator{Kind: KindPhoneNumber, Value: e.Number, Label: e.Label, Confidence: e.Confidence,
			Reports: e.Reports, FirstSeen: first.UTC(), LastSeen: last.UTC(), Categories: e.Categories,
			Impersonates: e.Organisations, Note: blocklist.Note(e)})
	}
	return f
}

// uuid5 returns the name-based UUID (RFC 9562, version 5, SHA-1) of name
// in namespace, as STIX uses for deterministic identifiers.
func uuid5(namespace [16]byte, name string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	s := h.Sum(nil)
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	b := hex.EncodeToString(s[:16])
	return fmt.Sprintf("%s-%s-%s-%s-%s", b[0:8], b[8:12], b[12:16], b[16:20], b[20:32])
}

func mustUUID(s string) [16]byte {
	var u [16]byte
	b, err := hex.DecodeString(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36])
	if err != nil || len(b) != 16 {
		panic("export: bad uuid " + s)
	}
	copy(u[:], b)
	return u
}

// hangupNamespace is the namespace of Hangup's deterministic identifiers:
// the same producer exporting the same number always names it alike.
var hangupNamespace = mustUUID("a8940553-033e-4cfc-9dd1-4535bd8e0626")

// stixNamespace is the namespace STIX 2.1 gives for the deterministic ids
// of Cyber-observable objects (§2.9).
var stixNamespace = mustUUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
