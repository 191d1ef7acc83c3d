package csvmap

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseMap(t *testing.T) {
	for _, c := range []struct {
		spec   string
		ok     bool
		header bool
	}{
		{"number=col3,date=col1", true, false},
		{"number=col3, date=col1, category=col5, organisation=col2", true, false},
		{"NUMBER=COL1", true, false},
		{"number=Caller ID,date=Reported", true, true},
		{"number=col1,date=Reported", true, true},
		{"", false, false},
		{"date=col1", false, false},
		{"number", false, false},
		{"number=", false, false},
		{"number=col0", false, false},
		{"number=col1001", false, false},
		{"number=col1,number=col2", false, false},
		{"number=col1,story=col2", false, false},
		{strings.Repeat("number=col1,", 400), false, false},
	} {
		m, err := ParseMap(c.spec)
		if (err == nil) != c.ok || (err == nil && m.Header != c.header) {
			t.Errorf("ParseMap(%q) = header %v, %v; want ok %v header %v", c.spec, m.Header, err, c.ok, c.header)
		}
	}
}

func readAll(t *testing.T, m Map, header bool, body string) (rows []*Row, bad []*LineError) {
	t.Helper()
	r, err := NewReader(strings.NewReader(body), m, header)
	if err != nil {
		t.Fatal(err)
	}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var le *LineError
		if errors.As(err, &le) {
			bad = append(bad, le)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}

func TestReaderNamesBadRowsByLine(t *testing.T) {
	m, _ := ParseMap("number=col3,date=col1,category=col2")
	body := "2026-11-30,bank impersonation,020 3456 7895\n" + // 1
		"2026-11-30,tech,\n" + // 2: no number
		"yesterday,tech,+442034567896\n" + // 3: bad date
		"2026-11-29\n" + // 4: too few fields
		"\"2026-11-29,tech,\"x\"\"\n" + // 5: broken quotes
		"30/11/2026 14:05,,+442034567897\n" // 6
	rows, bad := readAll(t, m, false, body)
	if len(rows) != 2 || rows[0].Number != "020 3456 7895" || rows[0].Category != "bank impersonation" || rows[0].Date.Day() != 30 || rows[1].Line != 6 || rows[1].Date.Hour() != 14 {
		t.Errorf("rows %+v", rows)
	}
	want := []int{2, 3, 4, 5}
	if len(bad) != len(want) {
		t.Fatalf("bad rows %v, want lines %v", bad, want)
	}
	for i, le := range bad {
		if le.Line != want[i] {
			t.Errorf("bad row %d at line %d, want %d (%s)", i, le.Line, want[i], le.Msg)
		}
	}
	if rows[0].Key == rows[1].Key || rows[0].Key == "" {
		t.Error("row keys must differ and be set")
	}
	again, _ := readAll(t, m, false, body)
	if again[0].Key != rows[0].Key {
		t.Error("the same row gave another key: imports would not be idempotent")
	}
}

func TestReaderResolvesHeaderNames(t *testing.T) {
	m, _ := ParseMap("number=Caller,organisation=Claimed to be")
	rows, bad := readAll(t, m, false, "\ufeffId,Caller,Claimed to be\n1,+442034567895,HMRC\n")
	if len(bad) != 0 || len(rows) != 1 || rows[0].Number != "+442034567895" || rows[0].Organisation != "HMRC" || rows[0].Line != 2 {
		t.Errorf("rows %+v bad %v", rows, bad)
	}
	if _, err := NewReader(strings.NewReader("Id,Phone\n"), m, false); err == nil {
		t.Error("a header without the named column was accepted")
	}
	if _, err := NewReader(strings.NewReader(""), m, false); err == nil {
		t.Error("an empty file was accepted")
	}
}

func FuzzParseMap(f *testing.F) {
	for _, s := range []string{"number=col3,date=col1", "number=Caller ID", "number=col0", "=,=", "number=col1,number=col1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		m, err := ParseMap(spec)
		if err != nil {
			return
		}
		if _, ok := m.cols[FieldNumber]; !ok {
			if _, ok := m.names[FieldNumber]; !ok {
				t.Fatalf("%q accepted without a number column", spec)
			}
		}
	})
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{"2026-11-30,x,+442034567895\n", "a,b\n\"c\n", ",,,\n", "\"\"\"\n"} {
		f.Add(s)
	}
	m, _ := ParseMap("number=col3,date=col1,category=col2")
	f.Fuzz(func(t *testing.T, body string) {
		r, err := NewReader(strings.NewReader(body), m, false)
		if err != nil {
			return
		}
		for range 10000 {
			row, err := r.Next()
			if err != nil {
				var le *LineError
				if errors.As(err, &le) {
					continue
				}
				return
			}
			if row.Number == "" || row.Key == "" {
				t.Fatalf("row %+v without number or key", row)
			}
		}
	})
}
