package blocklist

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Card is one vCard of the address book: one listed number.
type Card struct {
	Name   string // the resource name in the collection, e.g. "3f2a….vcf"
	ETag   string // quoted, changes whenever the card's text does
	Body   string // vCard 3.0, CRLF line endings
	Number string
}

// DisplayName is what a phone shows for a listed number.
func DisplayName(l hangup.ListingLabel) string {
	if l == hangup.ListSuspected {
		return "Suspected scam (Hangup)"
	}
	return "Scam (Hangup)"
}

// AddressBook returns the cards of entries, in their order. vCard 3.0 is
// what Fritz!Box and most phones read.
func AddressBook(entries []Entry, rev time.Time) []Card {
	out := make([]Card, 0, len(entries))
	for _, e := range entries {
		h := Hash(e.Number)
		var b strings.Builder
		line := func(s string) { b.WriteString(fold(s)) }
		line("BEGIN:VCARD")
		line("VERSION:3.0")
		line("PRODID:-//Hangup//Blocklist//EN")
		line("UID:urn:hangup:blocklist:" + h[:32])
		name := DisplayName(e.Label)
		line("FN:" + vcardText(name))
		line("N:" + vcardText(name) + ";;;;")
		line("TEL;TYPE=VOICE:" + e.Number)
		cats := []string{"Hangup blocklist"}
		for _, c := range e.Categories {
			cats = append(cats, strings.ReplaceAll(c, "_", " "))
		}
		escaped := make([]string, len(cats))
		for i, c := range cats {
			escaped[i] = vcardText(c)
		}
		line("CATEGORIES:" + strings.Join(escaped, ","))
		line("NOTE:" + vcardText(Note(e)))
		line("REV:" + rev.UTC().Format("20060102T150405Z"))
		line("END:VCARD")
		body := b.String()
		sum := sha256.Sum256([]byte(body))
		out = append(out, Card{Name: h[:32] + ".vcf", ETag: `"` + hex.EncodeToString(sum[:8]) + `"`, Body: body, Number: e.Number})
	}
	return out
}

// Note describes an entry in a sentence for people.
func Note(e Entry) string {
	what := "Reported as a scam number"
	if e.Label == hangup.ListSuspected {
		what = "Reported as a possible scam number (a warning only)"
	}
	if len(e.Categories) > 0 {
		what += ": " + strings.ReplaceAll(strings.Join(e.Categories, ", "), "_", " ")
	}
	return fmt.Sprintf("%s. %d reports; confidence %d%%. Do not call back; if it claims to be your bank or a company, hang up and call the number you know.",
		what, e.Reports, int(e.Confidence*100+0.5))
}

// vcardText escapes a TEXT value (RFC 2426 §4): backslash, comma,
// semicolon and newlines.
func vcardText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold ends a content line with CRLF, folding it at 75 octets without
// splitting a UTF-8 character (RFC 2425 §5.8.1).
func fold(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := len(string(r))
		if n+w > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += w
	}
	b.WriteString("\r\n")
	return b.String()
}

// File formats for PBXs that can't call an API.
const (
	FormatText = "text" // one number per line, comments start with '#'
	FormatCSV  = "csv"  // number,label,confidence,categories with a header row
)

// WriteFile writes entries in format, numbers in E.164 or, with digits,
// without the "+" (as Asterisk's AstDB blacklist family and many dial
// plans compare them). EINVALID for an unknown format.
func WriteFile(w io.Writer, format string, digits bool, version int64, entries []Entry) error {
	num := func(n string) string {
		if digits {
			return strings.TrimPrefix(n, "+")
		}
		return n
	}
	switch format {
	case FormatText, "":
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "# Hangup blocklist, version %d: %d numbers. One number per line.\n", version, len(entries))
		for _, e := range entries {
			bw.WriteString(num(e.Number))
			bw.WriteByte('\n')
		}
		return bw.Flush()
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"number", "label", "confidence", "categories"})
		for _, e := range entries {
			cw.Write([]string{num(e.Number), string(e.Label), strconv.FormatFloat(e.Confidence, 'f', 2, 64), strings.Join(e.Categories, " ")})
		}
		cw.Flush()
		return cw.Error()
	}
	return hangup.Invalid("Unknown file format.", hangup.FieldError{Field: "format", Message: "must be text or csv"})
}
