package phone_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/data"
	"github.com/hangup-org/hangup/phone"
)

func newIntel(tb testing.TB, region string) *phone.Intel {
	tb.Helper()
	p, err := phone.New(phone.Config{DefaultRegion: region})
	if err != nil {
		tb.Fatalf("phone.New(%q): %v", region, err)
	}
	return p
}

func TestParseFormats(t *testing.T) {
	p := newIntel(t, "GB")
	// IMEX's published number, written every way people write numbers.
	const want = "+441793781800"
	for _, in := range []string{
		"01793 781800", "01793781800", "+44 1793 781800", "+44 (0)1793 781800",
		"0044 1793 781800", "011 44 1793 781800", "(01793) 781-800", "01793.781.800",
		"tel:+44-1793-781800", "+44-1793-781800", "  01793 781800  ",
	} {
		t.Run(in, func(t *testing.T) {
			n := p.ParseNumber(in)
			if n.E164 != want || !n.Valid {
				t.Fatalf("ParseNumber(%q) = %q valid=%v, want %q valid", in, n.E164, n.Valid, want)
			}
			if n.Region != "GB" || n.Country != "United Kingdom" {
				t.Errorf("region = %q (%q), want GB (United Kingdom)", n.Region, n.Country)
			}
			if n.UK == nil || n.UK.Range != "geographic" || n.UK.Checked {
				t.Errorf("UK = %+v, want geographic, not checked", n.UK)
			}
			if !n.HasFinding(phone.CodeUKGeographic) {
				t.Errorf("missing %s finding: %+v", phone.CodeUKGeographic, n.Findings)
			}
		})
	}
}

func TestParseExtension(t *testing.T) {
	p := newIntel(t, "GB")
	for _, tc := range []struct{ in, e164, ext string }{
		{"01793 781800 ext. 5", "+441793781800", "5"},
		{"tel:+44-1793-781800;ext=12", "+441793781800", "12"},
		{"+1 (212) 555-0123 x7", "+12125550123", "7"},
	} {
		n := p.ParseNumber(tc.in)
		if n.E164 != tc.e164 || n.Extension != tc.ext {
			t.Errorf("ParseNumber(%q) = %q ext %q, want %q ext %q", tc.in, n.E164, n.Extension, tc.e164, tc.ext)
		}
	}
}

func TestParseUKRanges(t *testing.T) {
	p := newIntel(t, "GB")
	tests := []struct {
		name, in, rangeCode, finding string
		checked                      bool
		provider, status             string
	}{
		{"premium rate 0906", "0906 123 4567", "premium_rate", phone.CodeUKPremiumRate, true, "Vodafone Ltd (C&W)", "allocated"},
		{"premium rate 0911", "0911 000 1234", "premium_rate", phone.CodeUKPremiumRate, true, "IV Response Limited", "allocated"},
		{"adult 098", "0982 000 1234", "adult_premium_rate", phone.CodeUKAdultPremiumRate, true, "Sports Tel Ltd", "allocated"},
		{"service charge 084", "0843 000 1234", "service_charge", phone.CodeUKServiceCharge, true, "Assume Nothing Limited", "allocated"},
		{"service charge 087", "0870 000 1234", "service_charge", phone.CodeUKServiceCharge, true, "Lumen Technologies UK Limited", "allocated"},
		{"personal 070", "07000 012345", "personal_numbering", phone.CodeUKPersonal, true, "Vodafone Limited", "allocated"},
		{"pager 076", "07600 012345", "pager", phone.CodeUKPager, true, "Sound Advertising Ltd", "allocated"},
		{"uk-wide 03", "0300 002 1234", "uk_wide", phone.CodeUKWide, true, "DRD Communications Limited", "allocated"},
		{"freephone 080", "0800 010 123", "freephone", phone.CodeUKFreephone, true, "BT", "allocated_closed_range"},
		{"drama range", "07700 900123", "mobile", phone.CodeUKDramaRange, true, "", "protected"},
		{"free pager block", "07600 123456", "pager", phone.CodeUKUnallocated, true, "", "free"},
		{"quarantined premium", "09000 912345", "premium_rate", phone.CodeUKUnallocated, true, "", "quarantined"},
		{"geographic", "020 7946 0000", "geographic", phone.CodeUKGeographic, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := p.ParseNumber(tc.in)
			if n.UK == nil {
				t.Fatalf("ParseNumber(%q).UK = nil, want range %s", tc.in, tc.rangeCode)
			}
			if n.UK.Range != tc.rangeCode || n.UK.Checked != tc.checked {
				t.Errorf("range = %s checked=%v, want %s checked=%v", n.UK.Range, n.UK.Checked, tc.rangeCode, tc.checked)
			}
			if n.UK.Provider != tc.provider || n.UK.Status != tc.status {
				t.Errorf("block = %q %q, want %q %q", n.UK.Provider, n.UK.Status, tc.provider, tc.status)
			}
			if !n.HasFinding(tc.finding) {
				t.Errorf("findings %+v lack %s", n.Findings, tc.finding)
			}
			for _, f := range n.Findings {
				if f.Message == "" || f.Severity == "" {
					t.Errorf("finding %s has no message or severity", f.Code)
				}
			}
		})
	}
}

// TestOfcomRows checks numbers drawn from every 97th row of the shipped Ofcom
// tables against what the row itself says, so the whole format is exercised.
func TestOfcomRows(t *testing.T) {
	p := newIntel(t, "GB")
	for _, table := range []string{"S3", "S5", "S7", "S8", "S9"} {
		f, err := data.FS.Open("ofcom/" + table + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for i := 1; i < len(rows); i += 97 {
			row := rows[i]
			prefix := strings.ReplaceAll(row[0], " ", "")
			length := 10
			fmt.Sscanf(row[3], "%d", &length)
			if len(prefix) > length {
				continue
			}
			nsn := prefix + strings.Repeat("1", length-len(prefix))
			n := p.ParseNumber("0" + nsn)
			if n.UK == nil || !n.UK.Checked {
				t.Errorf("%s row %d (%s): 0%s not checked: %+v", table, i, row[0], nsn, n.UK)
				continue
			}
			if n.UK.Provider != row[2] {
				t.Errorf("%s row %d: 0%s provider %q, want %q", table, i, nsn, n.UK.Provider, row[2])
			}
			allocated := strings.HasPrefix(strings.ToLower(row[1]), "allocated")
			if got := n.HasFinding(phone.CodeUKUnallocated) || n.HasFinding(phone.CodeUKDramaRange); got == allocated {
				t.Errorf("%s row %d: 0%s status %q, unallocated finding %v", table, i, nsn, row[1], got)
			}
			checked++
		}
		if checked < 5 {
			t.Errorf("%s: only %d rows checked", table, checked)
		}
	}
}

func TestShortNumbers(t *testing.T) {
	p := newIntel(t, "GB")
	for _, tc := range []struct{ in, code string }{
		{"999", phone.CodeShortEmergency},
		{"112", phone.CodeShortEmergency},
		{"159", phone.CodeShortBankFraud},
		{"7726", phone.CodeShortScamText},
		{"118 118", phone.CodeShortDirectory},
		{"118500", phone.CodeShortDirectory},
		{"101", phone.CodeShortService},
	} {
		n := p.ParseNumber(tc.in)
		if n.Type != hangup.NumberShortCode || !n.HasFinding(tc.code) {
			t.Errorf("ParseNumber(%q) = type %s findings %+v, want short code %s", tc.in, n.Type, n.Findings, tc.code)
		}
	}
	us := newIntel(t, "US")
	if n := us.ParseNumber("911"); !n.HasFinding(phone.CodeShortEmergency) {
		t.Errorf("US 911: findings %+v, want emergency", n.Findings)
	}
}

func TestNANPForeign(t *testing.T) {
	gb, us := newIntel(t, "GB"), newIntel(t, "US")
	for _, tc := range []struct {
		p       *phone.Intel
		in      string
		region  string
		foreign bool
	}{
		{gb, "+1 876 555 1234", "JM", true},
		{us, "(876) 555-1234", "JM", true},
		{us, "809-555-1234", "DO", true},
		{us, "+1 268 555 1234", "AG", true},
		{us, "(212) 555-0123", "US", false},
		{us, "+1 787 555 1234", "PR", false},
		{us, "011 44 20 7946 0000", "GB", false},
	} {
		n := tc.p.ParseNumber(tc.in)
		if n.Region != tc.region || n.HasFinding(phone.CodeNANPForeign) != tc.foreign {
			t.Errorf("ParseNumber(%q) region %s foreign=%v, want %s foreign=%v (%+v)", tc.in, n.Region, n.HasFinding(phone.CodeNANPForeign), tc.region, tc.foreign, n.Findings)
		}
	}
}

func TestBadInput(t *testing.T) {
	p := newIntel(t, "GB")
	for _, in := range []string{"", "   ", "abc", "call me", strings.Repeat("1", 200), "\xff\xfe", "0800\x00123", "++++"} {
		n := p.ParseNumber(in)
		if n.Valid || n.E164 != "" {
			t.Errorf("ParseNumber(%q) = valid %v %q, want invalid", in, n.Valid, n.E164)
		}
		if !n.HasFinding(phone.CodeUnreadable) {
			t.Errorf("ParseNumber(%q) findings %+v, want %s", in, n.Findings, phone.CodeUnreadable)
		}
	}
	if _, err := phone.New(phone.Config{DefaultRegion: "XX"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("New(XX) err = %v, want EINVALID", err)
	}
}

// TestReplaceOfcom shows that newer tables in a directory replace the shipped
// ones without a rebuild, and that a malformed table is refused whole.
func TestReplaceOfcom(t *testing.T) {
	dir := t.TempDir()
	csvText := "NMS Number Block: Number Block,Block Status,CP Name,Non Geo Number Length,Allocation Date\n" +
		"9061 23,Free,,10 digit numbers,\n9061 24,Allocated,Example Telecom Ltd,10 digit numbers,01/02/2026\n"
	if err := os.WriteFile(filepath.Join(dir, "S9.csv"), []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := phone.LoadOfcom(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	p, err := phone.New(phone.Config{Ofcom: o})
	if err != nil {
		t.Fatal(err)
	}
	if n := p.ParseNumber("0906 123 4567"); !n.HasFinding(phone.CodeUKUnallocated) {
		t.Errorf("replaced table: 0906 123 4567 findings %+v, want unallocated", n.Findings)
	}
	if n := p.ParseNumber("0906 124 4567"); n.UK.Provider != "Example Telecom Ltd" || n.UK.AllocatedOn != "2026-02-01" {
		t.Errorf("replaced table: UK = %+v", n.UK)
	}
	if n := p.ParseNumber("0300 021 2345"); n.UK.Checked {
		t.Errorf("03 not in replacement tables but Checked = true")
	}

	for name, body := range map[string]string{
		"wrong header": "a,b,c\n1,2,3\n",
		"bad block":    "NMS Number Block: Number Block,Block Status\nabc,Free\n",
		"bad date":     "NMS Number Block: Number Block,Block Status,CP Name,Non Geo Number Length,Allocation Date\n9061 23,Allocated,X,10 digit numbers,2026-01-01\n",
		"empty":        "",
	} {
		fsys := fstest.MapFS{"S9.csv": {Data: []byte(body)}}
		if _, err := phone.LoadOfcom(fsys, "."); err == nil {
			t.Errorf("%s: LoadOfcom accepted a malformed table", name)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0906 123 4567", "+44 (0)1793 781800", "tel:+1-876-555-1234;ext=9", "011 44 20 7946 0000", "999", "118118", "\xff", "0"} {
		f.Add(s)
	}
	p := newIntel(f, "GB")
	f.Fuzz(func(t *testing.T, in string) {
		n := p.ParseNumber(in)
		if n.Valid && n.Type != hangup.NumberShortCode && !strings.HasPrefix(n.E164, "+") {
			t.Fatalf("valid number %q has E164 %q", in, n.E164)
		}
		if len(n.Findings) == 0 && !n.Valid {
			t.Fatalf("invalid number %q has no finding", in)
		}
	})
}

func BenchmarkParseNumber(b *testing.B) {
	p := newIntel(b, "GB")
	inputs := []string{"0906 123 4567", "+44 (0)1793 781800", "07000 012345", "+1 876 555 1234", "020 7946 0000", "159"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = p.ParseNumber(inputs[i%len(inputs)])
	}
}

// BenchmarkParseNumberCold parses a different number every time, so the
// cache never helps: the cost of libphonenumber plus Ofcom facts.
func BenchmarkParseNumberCold(b *testing.B) {
	p := newIntel(b, "GB")
	formats := []string{"0906 %07d", "+44 1793 %06d", "070 0%07d", "+1 876 55%05d", "0800 %06d"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = p.ParseNumber(fmt.Sprintf(formats[i%len(formats)], i))
	}
}

func BenchmarkOfcomLookup(b *testing.B) {
	p := newIntel(b, "GB")
	o := p.Ofcom()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := o.Lookup("9061234567"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLoadOfcom(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := phone.LoadOfcom(data.FS, "ofcom"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"+441632960123", 441632960123, true}, {"+12125550123", 12125550123, true}, {"+999999999999999", 999999999999999, true},
		{"441632960123", 0, false}, {"+", 0, false}, {"+4", 0, false}, {"+44 1632", 0, false}, {"+1234567890123456", 0, false}, {"", 0, false},
	} {
		if got, ok := phone.Key(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("Key(%q) = %d %v, want %d %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestEveryOfcomDramaRangeIsFlagged: Ofcom keeps a block in each range for
// TV, radio and film. A caller ID in one is faked, and is never "valid".
func TestEveryOfcomDramaRangeIsFlagged(t *testing.T) {
	p := newIntel(t, "GB")
	for _, tc := range []struct{ first, last string }{
		{"020 7946 0000", "020 7946 0999"}, {"0113 496 0000", "0113 496 0999"}, {"0114 496 0000", "0114 496 0999"},
		{"0115 496 0000", "0115 496 0999"}, {"0116 496 0000", "0116 496 0999"}, {"0117 496 0000", "0117 496 0999"},
		{"0118 496 0000", "0118 496 0999"}, {"0121 496 0000", "0121 496 0999"}, {"0131 496 0000", "0131 496 0999"},
		{"0141 496 0000", "0141 496 0999"}, {"0151 496 0000", "0151 496 0999"}, {"0161 496 0000", "0161 496 0999"},
		{"0191 498 0000", "0191 498 0999"}, {"028 9649 6000", "028 9649 6999"}, {"029 2018 0000", "029 2018 0999"},
		{"01632 960000", "01632 960999"}, {"07700 900000", "07700 900999"}, {"08081 570000", "08081 570999"},
		{"0909 879 0000", "0909 879 0999"}, {"03069 990000", "03069 990999"},
	} {
		for _, in := range []string{tc.first, tc.last} {
			n := p.ParseNumber(in)
			if !n.HasFinding(phone.CodeUKDramaRange) || n.Valid {
				t.Errorf("ParseNumber(%q): drama finding %v, valid %v; want the drama finding and not valid", in, n.HasFinding(phone.CodeUKDramaRange), n.Valid)
			}
		}
	}
	// Just outside the blocks: ordinary numbers.
	for _, in := range []string{"020 7946 1000", "0113 496 1000", "07700 901000", "029 2018 1000"} {
		if n := p.ParseNumber(in); n.HasFinding(phone.CodeUKDramaRange) {
			t.Errorf("ParseNumber(%q) flagged as a drama number", in)
		}
	}
}

// TestValidOnlyWhenTheNumberCanWork: a number Ofcom's data rules out (a
// digit too many for its block, a block nobody holds) is not valid, even if
// its shape fits the numbering plan.
func TestValidOnlyWhenTheNumberCanWork(t *testing.T) {
	p := newIntel(t, "GB")
	for _, tc := range []struct {
		in    string
		valid bool
		code  string
	}{
		{"0800 123 4567", false, phone.CodeUKWrongLength},
		{"07600 123456", false, phone.CodeUKUnallocated},
		{"0906 123 4567", true, phone.CodeUKPremiumRate},
		{"01793 781800", true, phone.CodeUKGeographic},
	} {
		n := p.ParseNumber(tc.in)
		if n.Valid != tc.valid || !n.HasFinding(tc.code) {
			t.Errorf("ParseNumber(%q): valid %v (want %v), finding %s present %v", tc.in, n.Valid, tc.valid, tc.code, n.HasFinding(tc.code))
		}
	}
}

func TestFindNumbersInPageText(t *testing.T) {
	p, err := phone.New(phone.Config{DefaultRegion: "GB"})
	if err != nil {
		t.Fatal(err)
	}
	text := "WARNING! Call Microsoft Support now on 0800 046 5678 or toll free +1 (844) 555-0147. Error #0x80070005, ref 2026-12-02. " +
		"Call 1-888-275-8747 today. Again: 0800 046 5678."
	got := p.FindNumbers(text, 0)
	var e164 []string
	for _, n := range got {
		e164 = append(e164, n.E164)
	}
	want := []string{"+448000465678", "+18445550147", "+18882758747"}
	if strings.Join(e164, ",") != strings.Join(want, ",") {
		t.Errorf("got %v, want %v", e164, want)
	}
	if got[0].Input != "0800 046 5678" {
		t.Errorf("input %q, want the number as written", got[0].Input)
	}
	if n := p.FindNumbers("no numbers here, only 12345 and 2026-12-02", 0); len(n) != 0 {
		t.Errorf("found %v in text without phone numbers", n)
	}
}

func FuzzFindNumbers(f *testing.F) {
	for _, s := range []string{"Call 0800 046 5678 now", "+1 (844) 555-0147", "1-888-275-8747", "((((((((", "0x80070005 2026-12-02"} {
		f.Add(s)
	}
	p, err := phone.New(phone.Config{DefaultRegion: "GB"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := p.FindNumbers(text, 5)
		if len(got) > 5 {
			t.Fatalf("%d numbers, want at most 5", len(got))
		}
		for _, n := range got {
			if !n.Valid || !strings.HasPrefix(n.E164, "+") || !strings.Contains(text, n.Input) {
				t.Fatalf("bad number %+v from %q", n, text)
			}
		}
	})
}
