package ftcdnc_test

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/ftcdnc"
)

const header = "Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall\n"

func readAll(t *testing.T, body string) (good []*ftcdnc.Complaint, bad []*ftcdnc.LineError) {
	t.Helper()
	r, err := ftcdnc.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for {
		c, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var le *ftcdnc.LineError
		if errors.As(err, &le) {
			bad = append(bad, le)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, c)
	}
}

func TestRead(t *testing.T) {
	body := header +
		"4703352559,2021-07-07 00:01:15,2021-07-06 11:48:00,,California,510,No Subject Provided,\n" +
		"2178398804,2021-07-07 00:01:41,2021-07-06 18:17:00,Clinton,Illinois,217,Computer  & technical support,Y\n" +
		",2021-07-07 00:01:41,,,,,Other,\n" +
		"70611454600144,2021-07-07 00:01:49,,,California,510,Other,\n" +
		"2178398804,yesterday,,,,,Other,\n" +
		"2178398804,2021-07-07 00:01:41\n" +
		"\"2178398804,2021-07-07 00:01:41,,,,,\"Other\"\",\n" +
		"+1 (217) 839-8805,2021-07-07 00:02:00,,,,,Other,N\n"
	good, bad := readAll(t, body)
	if len(good) != 3 {
		t.Fatalf("%d good rows, want 3", len(good))
	}
	if good[1].Number != "2178398804" || good[1].Category() != "tech_support" || !good[1].Robocall || good[1].Line != 3 {
		t.Errorf("row 2: %+v", good[1])
	}
	if good[2].Number != "2178398805" {
		t.Errorf("formatted number: %q", good[2].Number)
	}
	if good[0].Key == good[1].Key || good[0].Key == "" {
		t.Error("row keys must differ and be set")
	}
	wantLines := []int{4, 5, 6, 7, 8}
	if len(bad) != len(wantLines) {
		t.Fatalf("bad rows %v, want lines %v", bad, wantLines)
	}
	for i, le := range bad {
		if le.Line != wantLines[i] {
			t.Errorf("bad row %d at line %d, want %d (%s)", i, le.Line, wantLines[i], le.Msg)
		}
	}
}

func TestHeaderRefused(t *testing.T) {
	for _, body := range []string{"", "a,b,c\n1,2,3\n", strings.Replace(header, "Subject", "Topic", 1)} {
		if _, err := ftcdnc.NewReader(strings.NewReader(body)); err == nil {
			t.Errorf("header %q accepted", body)
		}
	}
}

// TestRealFile reads the shipped sample of the FTC data when present.
func TestRealFile(t *testing.T) {
	path := "../testdata/ftc/dnc_complaint_numbers_2021-07-08.csv"
	f, err := os.Open(path)
	if err != nil {
		t.Skip("sample not present")
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	good, bad := readAll(t, string(b))
	if len(good)+len(bad) != 14034 || len(good) < 13000 {
		t.Errorf("%d good + %d bad, want 14034 rows", len(good), len(bad))
	}
}

func FuzzReader(f *testing.F) {
	f.Add(header + "4703352559,2021-07-07 00:01:15,2021-07-06 11:48:00,,California,510,No Subject Provided,\n")
	f.Add(header + "\"\n")
	f.Add("\ufeff" + header + ",,,,,,,\n")
	f.Fuzz(func(t *testing.T, body string) {
		r, err := ftcdnc.NewReader(strings.NewReader(body))
		if err != nil {
			return
		}
		for range 10000 {
			c, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			var le *ftcdnc.LineError
			if errors.As(err, &le) {
				continue
			}
			if err != nil {
				return
			}
			if len(c.Number) != 10 || c.Key == "" {
				t.Fatalf("bad complaint %+v", c)
			}
		}
	})
}
