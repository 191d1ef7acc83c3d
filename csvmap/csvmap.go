// Package csvmap reads a CSV file of fraud numbers whose columns a mapping
// names, for importing a bank's or a telco's own list as a trusted source
// (hangup import csv --map number=col3,date=col1 …). It only decodes;
// turning rows into reports and evidence is the report service's job.
package csvmap

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Fields a mapping can name. number is required.
const (
	FieldNumber       = "number"       // the number that called (any format the phone engine reads)
	FieldDate         = "date"         // when the call or case happened
	FieldCategory     = "category"     // the kind of scam, in the source's words
	FieldOrganisation = "organisation" // who the caller claimed to be
)

var fields = []string{FieldNumber, FieldDate, FieldCategory, FieldOrganisation}

// MaxLine caps one field.
const MaxLine = 4096

// Map says which column holds each field: by 1-based position (col3) or
// by header name (Phone, when the file has a header row).
type Map struct {
	cols   map[string]int    // field → 0-based column
	names  map[string]string // field → header name, resolved on the header row
	Header bool              // the first row is a header
}

// ParseMap reads a mapping such as "number=col3,date=col1" or
// "number=Caller ID,date=Reported". Names other than colN mean the file
// has a header row. EINVALID-style errors name what is wrong.
func ParseMap(spec string) (Map, error) {
	m := Map{cols: map[string]int{}, names: map[string]string{}}
	if len(spec) > 4096 {
		return m, errors.New("the mapping is too long")
	}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		field, col, ok := strings.Cut(part, "=")
		field, col = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(col)
		if !ok || col == "" {
			return m, fmt.Errorf("%q: write field=column, e.g. number=col3", part)
		}
		if !known(field) {
			return m, fmt.Errorf("%q is not a field: use %s", field, strings.Join(fields, ", "))
		}
		if _, dup := m.cols[field]; dup {
			return m, fmt.Errorf("%s is mapped twice", field)
		}
		if _, dup := m.names[field]; dup {
			return m, fmt.Errorf("%s is mapped twice", field)
		}
		if n, isCol := colNumber(col); isCol {
			if n < 1 || n > 1000 {
				return m, fmt.Errorf("%s: column %d is out of range (col1 to col1000)", field, n)
			}
			m.cols[field] = n - 1
		} else {
			m.names[field] = col
			m.Header = true
		}
	}
	if _, ok := m.cols[FieldNumber]; !ok {
		if _, ok := m.names[FieldNumber]; !ok {
			return m, errors.New("map the number column, e.g. number=col3")
		}
	}
	return m, nil
}

func known(f string) bool {
	for _, k := range fields {
		if f == k {
			return true
		}
	}
	return false
}

func colNumber(s string) (int, bool) {
	if len(s) < 4 || !strings.EqualFold(s[:3], "col") {
		return 0, false
	}
	n, err := strconv.Atoi(s[3:])
	if err != nil {
		return 0, false
	}
	return n, true
}

// Row is one mapped row.
type Row struct {
	Line         int
	Number       string    // as written
	Date         time.Time // zero if not mapped or empty
	Category     string
	Organisation string
	Key          string // stable identity of the mapped values, for idempotent imports
}

// LineError is a row that could not be read. Reading can go on after it.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Lines reads CSV records and knows each one's exact line in the file,
// even after quoted newlines; a malformed record comes back as a
// *LineError and reading can go on. It is what every CSV import shares.
type Lines struct {
	cr   *csv.Reader
	line int
}

// NewLines reads r as CSV with any number of fields per record.
func NewLines(r io.Reader) *Lines {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	return &Lines{cr: cr}
}

// Read returns the next record and its 1-based line, io.EOF at the end, or
// a *LineError.
func (l *Lines) Read() ([]string, int, error) {
	rec, err := l.cr.Read()
	line := l.line + 1
	if err == nil && len(rec) > 0 {
		line, _ = l.cr.FieldPos(0)
	}
	l.line = line
	if err == io.EOF {
		return nil, line, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			l.line = pe.Line
			return nil, pe.Line, &LineError{Line: pe.Line, Msg: pe.Err.Error()}
		}
		return nil, line, err
	}
	return rec, line, nil
}

// Reader reads mapped rows.
type Reader struct {
	lines *Lines
	m     Map
}

// NewReader reads the header row when the mapping needs one (or header is
// set) and resolves header names to columns.
func NewReader(r io.Reader, m Map, header bool) (*Reader, error) {
	rd := &Reader{lines: NewLines(r), m: Map{cols: map[string]int{}, Header: m.Header || header}}
	for f, c := range m.cols {
		rd.m.cols[f] = c
	}
	if rd.m.Header {
		head, _, err := rd.lines.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, errors.New("the file is empty")
			}
			return nil, fmt.Errorf("header: %v", err)
		}
		for f, name := range m.names {
			found := -1
			for i, h := range head {
				if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), name) {
					found = i
					break
				}
			}
			if found < 0 {
				return nil, fmt.Errorf("the header has no column %q (for %s); it has: %s", name, f, strings.Join(head, ", "))
			}
			rd.m.cols[f] = found
		}
	}
	return rd, nil
}

// Next returns the next row, io.EOF at the end, or a *LineError for a row
// that is malformed (the caller may go on reading).
func (r *Reader) Next() (*Row, error) {
	rec, line, err := r.lines.Read()
	if err != nil {
		return nil, err
	}
	get := func(f string) (string, bool) {
		c, ok := r.m.cols[f]
		if !ok {
			return "", true
		}
		if c >= len(rec) {
			return "", false
		}
		return strings.TrimSpace(rec[c]), true
	}
	row := &Row{Line: line}
	h := sha256.New()
	for _, f := range fields {
		v, ok := get(f)
		if !ok {
			return nil, &LineError{Line: line, Msg: fmt.Sprintf("has %d fields; %s is in column %d", len(rec), f, r.m.cols[f]+1)}
		}
		if len(v) > MaxLine {
			return nil, &LineError{Line: line, Msg: f + " is too long"}
		}
		h.Write([]byte(v))
		h.Write([]byte{0})
		switch f {
		case FieldNumber:
			if v == "" {
				return nil, &LineError{Line: line, Msg: "no phone number"}
			}
			row.Number = v
		case FieldDate:
			if v != "" {
				t, err := ParseDate(v)
				if err != nil {
					return nil, &LineError{Line: line, Msg: fmt.Sprintf("date %q is not a date (use 2026-11-30, 2026-11-30 14:05 or RFC 3339)", v)}
				}
				row.Date = t
			}
		case FieldCategory:
			row.Category = v
		case FieldOrganisation:
			row.Organisation = v
		}
	}
	row.Key = hex.EncodeToString(h.Sum(nil)[:16])
	return row, nil
}

// ParseDate reads the date forms fraud teams' exports use. Times without a
// zone are UTC.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02", "02/01/2006 15:04", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("unrecognised date")
}
