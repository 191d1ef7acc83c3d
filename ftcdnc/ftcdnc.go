// Package ftcdnc reads the US Federal Trade Commission's Do Not Call
// "reported calls" CSV files (one row per consumer complaint). It only
// decodes; turning complaints into reports is the report service's job.
package ftcdnc

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hangup-org/hangup/csvmap"
)

// Columns is the header the FTC publishes.
var Columns = []string{"Company_Phone_Number", "Created_Date", "Violation_Date", "Consumer_City",
	"Consumer_State", "Consumer_Area_Code", "Subject", "Recorded_Message_Or_Robocall"}

// MaxLine caps one row; FTC rows are about 100 bytes.
const MaxLine = 4096

// Complaint is one row.
type Complaint struct {
	Line      int       // 1-based line in the file
	Number    string    // ten NANP digits, without the leading 1
	Created   time.Time // when the complaint was filed (UTC as published)
	Violation time.Time // when the call happened; zero if not given
	City      string
	State     string
	AreaCode  string // the consumer's area code
	Subject   string
	Robocall  bool
	Key       string // stable identity of the row, for idempotent imports
}

// LineError is a row that could not be read. Reading can go on after it.
type LineError = csvmap.LineError

// Reader reads complaints.
type Reader struct {
	lines *csvmap.Lines
}

// NewReader checks the header and returns a Reader. A file without the FTC
// header is refused: guessing columns would import garbage.
func NewReader(r io.Reader) (*Reader, error) {
	lines := csvmap.NewLines(r)
	head, _, err := lines.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty")
		}
		return nil, fmt.Errorf("header: %v", err)
	}
	if len(head) != len(Columns) {
		return nil, fmt.Errorf("the header has %d columns, want the FTC's %d: %s", len(head), len(Columns), strings.Join(Columns, ","))
	}
	for i, c := range Columns {
		if !strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff")), c) {
			return nil, fmt.Errorf("header column %d is %q, want %q", i+1, head[i], c)
		}
	}
	return &Reader{lines: lines}, nil
}

// Next returns the next complaint, io.EOF at the end, or a *LineError for a
// row that is malformed (the caller may go on reading).
func (r *Reader) Next() (*Complaint, error) {
	rec, line, err := r.lines.Read()
	if err != nil {
		return nil, err
	}
	if len(rec) != len(Columns) {
		return nil, &LineError{Line: line, Msg: fmt.Sprintf("has %d fields, want %d", len(rec), len(Columns))}
	}
	for _, f := range rec {
		if len(f) > MaxLine {
			return nil, &LineError{Line: line, Msg: "a field is too long"}
		}
	}
	c := &Complaint{Line: line, City: strings.TrimSpace(rec[3]), State: strings.TrimSpace(rec[4]),
		AreaCode: strings.TrimSpace(rec[5]), Subject: strings.Join(strings.Fields(rec[6]), " "),
		Robocall: strings.EqualFold(strings.TrimSpace(rec[7]), "Y")}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, rec[0])
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 {
		if strings.TrimSpace(rec[0]) == "" {
			return nil, &LineError{Line: line, Msg: "no phone number"}
		}
		return nil, &LineError{Line: line, Msg: fmt.Sprintf("phone number %q is not ten digits", rec[0])}
	}
	c.Number = digits
	if c.Created, err = parseTime(rec[1]); err != nil || c.Created.IsZero() {
		return nil, &LineError{Line: line, Msg: fmt.Sprintf("Created_Date %q is not a date and time", rec[1])}
	}
	if strings.TrimSpace(rec[2]) != "" {
		if c.Violation, err = parseTime(rec[2]); err != nil {
			return nil, &LineError{Line: line, Msg: fmt.Sprintf("Violation_Date %q is not a date and time", rec[2])}
		}
	}
	h := sha256.New()
	for _, f := range rec {
		h.Write([]byte(strings.TrimSpace(f)))
		h.Write([]byte{0})
	}
	c.Key = hex.EncodeToString(h.Sum(nil)[:16])
	return c, nil
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02", "01/02/2006 15:04", "01/02/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("unrecognised date")
}

// Category maps the consumer-chosen subject to a reputation category.
func (c *Complaint) Category() string {
	s := strings.ToLower(c.Subject)
	switch {
	case strings.Contains(s, "computer") || strings.Contains(s, "technical support"):
		return "tech_support"
	case strings.Contains(s, "pretending"):
		return "government"
	case strings.Contains(s, "lotter") || strings.Contains(s, "prize"):
		return "prize"
	case strings.Contains(s, "debt") || strings.Contains(s, "warrant") || strings.Contains(s, "vacation") ||
		strings.Contains(s, "solar") || strings.Contains(s, "home ") || strings.Contains(s, "medical"):
		return "sales"
	case c.Robocall:
		return "robocall"
	}
	return "other"
}
