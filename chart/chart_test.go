package chart_test

import (
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
