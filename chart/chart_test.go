package chart_test

import (
	"encoding/csv"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup/chart"
)

// wellFormed parses s as XML (the SVG, and the table, are XHTML-clean).
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well formed: %v\n%s", err, s)
		}
	}
}

var rectRE = regexp.MustCompile(`<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#1d4ed8"><title>([^<]*)</title>`)

func TestBarsAreProportionalAndLabelled(t *testing.T) {
	c := chart.Chart{Title: "Reports about 0906 123 4567", Labels: []string{"1 Dec", "2 Dec", "3 Dec", "4 Dec"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{0, 3, 6, 12}}}}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(svg))
	for _, want := range []string{`role="img"`, `<title id="`, ">Reports about 0906 123 4567</title>", "<desc", "From 1 Dec to 4 Dec. Reports: 21 in all."} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	bars := rectRE.FindAllStringSubmatch(string(svg), -1)
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4", len(bars))
	}
	h := func(i int) float64 { v, _ := strconv.ParseFloat(bars[i][1], 64); return v }
	if h(0) != 0 || math.Abs(h(2)*2-h(3)) > 0.2 || math.Abs(h(1)*2-h(2)) > 0.2 {
		t.Errorf("bar heights %v %v %v %v are not proportional to 0, 3, 6, 12", h(0), h(1), h(2), h(3))
	}
	if bars[3][2] != "4 Dec: 12 reports" {
		t.Errorf("bar title %q, want \"4 Dec: 12 reports\"", bars[3][2])
	}
}

func TestTableHoldsTheSameFigures(t *testing.T) {
	c := chart.Chart{Title: "Activity", Kind: chart.Line, Labels: []string{"w/c 1 Dec", "w/c 8 Dec"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{2, 1500}}, {Name: "Look-ups", Values: []float64{7, 9}}}}
	h, err := c.HTML()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(h))
	for _, want := range []string{"<caption>Activity</caption>", `<th scope="col">Look-ups</th>`, `<th scope="row">w/c 8 Dec</th><td>1,500</td><td>9</td>`, "<polyline"} {
		if !strings.Contains(string(h), want) {
			t.Errorf("figure lacks %s", want)
		}
	}
}

func TestTextIsEscaped(t *testing.T) {
	c := chart.Chart{Title: `<script>alert("x")</script>`, Labels: []string{"<b>"}, Series: []chart.Series{{Name: "a&b", Values: []float64{1}}}}
	h, err := c.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(h), "<script>") || strings.Contains(string(h), "<b>") {
		t.Errorf("markup in the chart's text was not escaped:\n%s", h)
	}
	wellFormed(t, string(h))
}

func TestBadChartsAreRefused(t *testing.T) {
	for name, c := range map[string]chart.Chart{
		"no title":         {Labels: []string{"a"}, Series: []chart.Series{{Values: []float64{1}}}},
		"no series":        {Title: "t", Labels: []string{"a"}},
		"too many series":  {Title: "t", Series: make([]chart.Series, 5)},
		"values ≠ labels":  {Title: "t", Labels: []string{"a", "b"}, Series: []chart.Series{{Values: []float64{1}}}},
		"negative":         {Title: "t", Labels: []string{"a"}, Series: []chart.Series{{Values: []float64{-1}}}},
		"not a number":     {Title: "t", Labels: []string{"a"}, Series: []chart.Series{{Values: []float64{math.NaN()}}}},
		"infinite":         {Title: "t", Labels: []string{"a"}, Series: []chart.Series{{Values: []float64{math.Inf(1)}}}},
		"more than a year": {Title: "t", Labels: make([]string, chart.MaxLabels+1), Series: []chart.Series{{Values: make([]float64, chart.MaxLabels+1)}}},
	} {
		if _, err := c.HTML(); err == nil {
			t.Errorf("%s: drawn without an error", name)
		}
	}
	// No data is not an error: the chart says so.
	svg, err := chart.Chart{Title: "Nothing", Series: []chart.Series{{Name: "Reports"}}}.SVG()
	if err != nil || !strings.Contains(string(svg), "No figures yet") {
		t.Errorf("empty chart: %v\n%s", err, svg)
	}
}

func TestCountByDayAndWeek(t *testing.T) {
	end := time.Date(2026, 12, 10, 15, 0, 0, 0, time.UTC) // a Thursday
	at := func(s string) time.Time { v, _ := time.Parse(time.DateTime, s); return v }
	times := []time.Time{at("2026-12-10 09:00:00"), at("2026-12-10 23:59:00"), at("2026-12-08 12:00:00"),
		at("2026-12-01 00:00:00"), at("2026-11-30 23:00:00"), at("2026-12-11 00:00:01"), at("2025-01-01 00:00:00")}
	labels, values := chart.CountByDay(end, 10, times)
	if len(labels) != 10 || labels[0] != "1 Dec" || labels[9] != "10 Dec" {
		t.Fatalf("labels %v", labels)
	}
	if values[9] != 2 || values[7] != 1 || values[0] != 1 || sum(values) != 4 {
		t.Errorf("days %v: want 2 on 10 Dec, 1 on 8 Dec, 1 on 1 Dec and nothing outside", values)
	}
	labels, values = chart.CountByWeek(end, 2, times)
	if len(labels) != 2 || labels[0] != "w/c 30 Nov" || labels[1] != "w/c 7 Dec" {
		t.Fatalf("week labels %v", labels)
	}
	if values[0] != 2 || values[1] != 4 {
		t.Errorf("weeks %v: want 2 in the week of 30 Nov, 4 in the week of 7 Dec", values)
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// tableCells reads the table's rows (heading row included) as text.
func tableCells(t *testing.T, h string) [][]string {
	t.Helper()
	start := strings.Index(h, `<table`)
	if start < 0 {
		t.Fatalf("no table in\n%s", h)
	}
	d := xml.NewDecoder(strings.NewReader(h[start:]))
	var rows [][]string
	var text *strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rows
		} else if err != nil {
			t.Fatal(err)
		}
		if e, ok := tok.(xml.EndElement); ok && e.Name.Local == "table" {
			return rows
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tr":
				rows = append(rows, nil)
			case "th", "td":
				text = &strings.Builder{}
			}
		case xml.CharData:
			if text != nil {
				text.Write(e)
			}
		case xml.EndElement:
			if (e.Name.Local == "th" || e.Name.Local == "td") && text != nil && len(rows) > 0 {
				rows[len(rows)-1] = append(rows[len(rows)-1], text.String())
				text = nil
			}
		}
	}
}

func TestSuppressedValuesAreTextOnly(t *testing.T) {
	c := chart.Chart{Title: "Reports per week", Labels: []string{"w/c 2 Nov", "w/c 9 Nov", "w/c 16 Nov"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{12, 0, 7}, Text: []string{"", "fewer than 5", ""}}}}
	h, err := c.HTML()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(h))
	if bars := rectRE.FindAllStringSubmatch(string(h), -1); len(bars) != 2 || bars[0][2] != "w/c 2 Nov: 12 reports" || bars[1][2] != "w/c 16 Nov: 7 reports" {
		t.Errorf("bars %v: want two, for 12 and 7, none for the suppressed week", bars)
	}
	rows := tableCells(t, string(h))
	if len(rows) != 4 || rows[2][1] != "fewer than 5" || rows[1][1] != "12" {
		t.Errorf("table rows %q: want the middle week as \"fewer than 5\"", rows)
	}
	if !strings.Contains(string(h), "w/c 9 Nov: fewer than 5 reports") {
		t.Error("the suppressed week's mark has no title saying so")
	}
	// A hidden value must be 0, so the number never reaches the page.
	c.Series[0].Values[1] = 3
	if _, err := c.HTML(); err == nil {
		t.Error("a suppressed value of 3 was drawn")
	}
}

func TestCSVHoldsTheTable(t *testing.T) {
	for _, c := range []chart.Chart{
		{Title: "Activity", Kind: chart.Line, Labels: []string{"w/c 1 Dec", "w/c 8 Dec"},
			Series: []chart.Series{{Name: "Reports", Values: []float64{2, 1500}}, {Name: "Look-ups", Values: []float64{7, 9.5}}}},
		{Title: "Organisations", Kind: chart.HBars, LabelHeading: "Organisation", Labels: []string{"HMRC", `Bank "A", Ltd`, "BT"},
			Series: []chart.Series{{Name: "Reports", Values: []float64{1234, 5, 0}, Text: []string{"", "", "fewer than 5"}}}},
	} {
		h, err := c.HTML()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := c.CSV(&b); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		table := tableCells(t, string(h))
		if len(records) != len(table) || len(records) != len(c.Labels)+1 {
			t.Fatalf("%s: %d CSV rows, %d table rows, %d labels", c.Title, len(records), len(table), len(c.Labels))
		}
		for i := range records {
			for j := range records[i] {
				// The table writes 1,500 as people read it; the CSV 1500.
				if got, want := records[i][j], strings.ReplaceAll(table[i][j], ",", ""); got != want && records[i][j] != table[i][j] {
					t.Errorf("%s: CSV row %d column %d is %q, the table says %q", c.Title, i, j, got, table[i][j])
				}
			}
		}
		if records[0][0] != table[0][0] || (c.LabelHeading != "" && records[0][0] != c.LabelHeading) {
			t.Errorf("%s: heading %q, table %q", c.Title, records[0][0], table[0][0])
		}
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	c := chart.Chart{Title: "Payment", Labels: []string{`=HYPERLINK("http://x")`, "+1", "-2", "@SUM(A1)", "gift cards"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{5, 6, 7, 8, 9}}}}
	var b strings.Builder
	if err := c.CSV(&b); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records[1:5] {
		if !strings.HasPrefix(r[0], "'") {
			t.Errorf("the label %q would run as a formula", r[0])
		}
	}
	if records[5][0] != "gift cards" {
		t.Errorf("a plain label became %q", records[5][0])
	}
}

var hbarRE = regexp.MustCompile(`<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="[^"]+" fill="#1d4ed8"><title>([^<]*)</title>`)

func TestHorizontalBarsAreProportionalWithNamesAbove(t *testing.T) {
	c := chart.Chart{Title: "Most impersonated", Kind: chart.HBars, Labels: []string{"HM Revenue & Customs", "Microsoft", "BT"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{40, 20, 10}}}}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(svg))
	bars := hbarRE.FindAllStringSubmatch(string(svg), -1)
	if len(bars) != 3 {
		t.Fatalf("%d bars, want 3", len(bars))
	}
	w := func(i int) float64 { v, _ := strconv.ParseFloat(bars[i][1], 64); return v }
	if math.Abs(w(1)*2-w(0)) > 0.2 || math.Abs(w(2)*2-w(1)) > 0.2 || w(2) <= 0 {
		t.Errorf("bar widths %v %v %v are not proportional to 40, 20, 10", w(0), w(1), w(2))
	}
	if !strings.Contains(string(svg), ">HM Revenue &amp; Customs</text>") || bars[0][2] != "HM Revenue &amp; Customs: 40 reports" {
		t.Errorf("the names are not written, escaped, with their bars:\n%s", svg)
	}
	if _, err := (chart.Chart{Title: "t", Kind: chart.HBars, Labels: []string{"a"},
		Series: []chart.Series{{Values: []float64{1}}, {Values: []float64{2}}}}).SVG(); err == nil {
		t.Error("horizontal bars drew two series")
	}
}

func TestASuppressedPointBreaksTheLine(t *testing.T) {
	c := chart.Chart{Title: "Weekly", Kind: chart.Line, Labels: []string{"a", "b", "c", "d", "e"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{6, 7, 0, 9, 8}, Text: []string{"", "", "fewer than 5", "", ""}}}}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(svg))
	lines := regexp.MustCompile(`<polyline [^>]*points="([^"]*)"`).FindAllStringSubmatch(string(svg), -1)
	if len(lines) != 2 || len(strings.Fields(lines[0][1])) != 2 || len(strings.Fields(lines[1][1])) != 2 {
		t.Errorf("lines %v: want two of two points each, broken at the suppressed value", lines)
	}
	if n := strings.Count(string(svg), "<circle"); n != 4 {
		t.Errorf("%d points, want 4", n)
	}
	if !strings.Contains(string(svg), "c: fewer than 5 reports") {
		t.Error("the suppressed value has no mark saying so")
	}
}

func TestLongNamesWrapInsteadOfBeingCutOff(t *testing.T) {
	long := "UK government (GOV.UK and departments on gov.uk)"
	c := chart.Chart{Title: "Organisations", Kind: chart.HBars, Labels: []string{long, "BT", "Averyveryveryveryveryveryveryveryverylongword"},
		Series: []chart.Series{{Name: "Reports", Values: []float64{10, 5, 7}}}}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, string(svg))
	var lines []string
	for _, m := range regexp.MustCompile(`<text x="4" y="\d+" font-size="16" fill="#0b0c0c">([^<]*)</text>`).FindAllStringSubmatch(string(svg), -1) {
		lines = append(lines, m[1])
		if n := len([]rune(m[1])); n > 40 {
			t.Errorf("a line of %d characters: %q", n, m[1])
		}
	}
	if strings.Join(lines[:2], " ") != long || lines[2] != "BT" || strings.Join(lines[3:], "") != c.Labels[2] {
		t.Errorf("the names' lines %q do not give back the names", lines)
	}
	// The three bars still follow each other without overlapping.
	ys := regexp.MustCompile(`<rect x="4" y="(\d+)"`).FindAllStringSubmatch(string(svg), -1)
	prev := -1
	for _, y := range ys {
		v, _ := strconv.Atoi(y[1])
		if v <= prev+16 {
			t.Errorf("bars at %v overlap", ys)
		}
		prev = v
	}
}
