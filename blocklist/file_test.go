package blocklist

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

func TestAddressBookCardsAreValidVCards(t *testing.T) {
	e := Entry{Number: "+442034567895", Label: hangup.ListScam, Confidence: 0.87, Reports: 21,
		Categories: []string{"tech_support", "bank_safe_account", "a,b;c\\d\nnew line ünïcödé " + strings.Repeat("é", 60)}}
	cards := AddressBook([]Entry{e, {Number: "+12025550143", Label: hangup.ListSuspected}}, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	if len(cards) != 2 || cards[0].Name == cards[1].Name || cards[0].ETag == cards[1].ETag {
		t.Fatalf("cards %+v", cards)
	}
	c := cards[0]
	if !strings.HasPrefix(c.Body, "BEGIN:VCARD\r\nVERSION:3.0\r\n") || !strings.HasSuffix(c.Body, "END:VCARD\r\n") {
		t.Errorf("card %q", c.Body)
	}
	for _, line := range strings.Split(strings.TrimSuffix(c.Body, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("folding split a character: %q", line)
		}
		if strings.ContainsAny(line, "\n\r") {
			t.Errorf("raw newline in %q", line)
		}
	}
	unfolded := strings.ReplaceAll(c.Body, "\r\n ", "")
	if !strings.Contains(unfolded, `a\,b\;c\\d\nnew line`) || !strings.Contains(unfolded, "TEL;TYPE=VOICE:+442034567895\r\n") ||
		!strings.Contains(unfolded, "FN:Scam (Hangup)\r\n") || !strings.Contains(unfolded, "confidence 87%") {
		t.Errorf("unfolded card %q", unfolded)
	}
	if !strings.Contains(cards[1].Body, "FN:Suspected scam (Hangup)") {
		t.Errorf("suspected card %q", cards[1].Body)
	}
}

func TestWriteFile(t *testing.T) {
	es := []Entry{{Number: "+442034567895", Label: hangup.ListScam, Confidence: 0.9, Categories: []string{"tech_support"}}}
	var b bytes.Buffer
	if err := WriteFile(&b, FormatText, true, 7, es); err != nil || b.String() != "# Hangup blocklist, version 7: 1 numbers. One number per line.\n442034567895\n" {
		t.Errorf("text: %q %v", b.String(), err)
	}
	b.Reset()
	if err := WriteFile(&b, FormatCSV, false, 7, es); err != nil || b.String() != "number,label,confidence,categories\n+442034567895,scam,0.90,tech_support\n" {
		t.Errorf("csv: %q %v", b.String(), err)
	}
	if err := WriteFile(&b, "xml", false, 7, es); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
}

func TestHashIsTheDocumentedOne(t *testing.T) {
	// SHA-256("+442034567895"), computed independently with sha256sum.
	if got := Hash("+442034567895"); got != "06c02dcf25124311a913096b4b86ba97cb3d1d5492a6ebb1a1af1b26c7214e9a" {
		t.Errorf("Hash = %q", got)
	}
}
