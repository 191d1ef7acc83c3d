// Package chart draws small charts as SVG on the server: bars or lines of
// counts over days or weeks, for the number page, an organisation's
// dashboard and public figures. No JavaScript: the SVG is part of the page,
// carries a <title> and a <desc>, and every chart comes with a table of the
// same figures, so a screen reader or a printout loses nothing.
package chart

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Kind is how values are drawn.
type Kind int

// Kinds of chart.
const (
	Bars Kind = iota // one bar per label (side by side for several series)
	Line             // one line per series
	// HBars draws one horizontal bar per label, the label above its bar:
	// for categories (organisations, countries) whose names are too long
	// for an x axis. One series only.
	HBars
)

// Series is one set of values, one per label of its chart.
type Series struct {
	Name   string    // "Reports", "Look-ups"
	Values []float64 // counts: finite, zero or more
	// Text, if set, has one entry per value: a non-empty entry is shown
	// instead of the value ("fewer than 5") in the table, the CSV and the
	// bar's title, and no bar is drawn for it. Its value must be 0, so
	// that nothing hidden is ever written into the page.
	Text []string
}

// text returns what to write for value i: its Text, else the number.
func (s Series) text(i int, format func(float64) string) string {
	if i < len(s.Text) && s.Text[i] != "" {
		return s.Text[i]
	}
	return format(s.Values[i])
}

// hidden reports whether value i is shown as text only.
func (s Series) hidden(i int) bool { return i < len(s.Text) && s.Text[i] != "" }

// Chart is a chart to draw.
type Chart struct {
	Title       string   // the SVG's <title> and the table's caption
	Description string   // the SVG's <desc>: what the chart shows, in a sentence
	Kind        Kind     // Bars or Line
	Labels      []string // the x axis: "2 Dec", "w/c 1 Dec"
	Series      []Series // at most len(palette)
	// ID makes the SVG's element ids unique on a page with several charts
	// of the same title; empty derives them from the title.
	ID string
	// LabelHeading heads the labels' column in the table and the CSV;
	// empty: "When".
	LabelHeading string
}

func (c Chart) labelHeading() string {
	if c.LabelHeading != "" {
		return c.LabelHeading
	}
	return "When"
}

// MaxLabels bounds a chart's width in points: a year of days.
const MaxLabels = 400

// Geometry of the drawing, in SVG user units; the SVG scales to its box.
const (
	width, height = 640, 260
	left, right   = 44, 12
	top, bottom   = 14, 44
	plotW, plotH  = width - left - right, height - top - bottom
)

// palette has colours that keep their contrast on white and apart from each
// other for the common kinds of colour blindness.
var palette = []string{"#1d4ed8", "#b10e1e", "#00703c", "#8a4b00"}

// Validate checks the chart can be drawn honestly.
func (c Chart) Validate() error {
	switch {
	case strings.TrimSpace(c.Title) == "":
		return errors.New("chart: a chart needs a title")
	case len(c.Labels) > MaxLabels:
		return fmt.Errorf("chart: %d labels, at most %d", len(c.Labels), MaxLabels)
	case len(c.Series) == 0 || len(c.Series) > len(palette):
		return fmt.Errorf("chart: %d series, want 1 to %d", len(c.Series), len(palette))
	case c.Kind == HBars && len(c.Series) != 1:
		return fmt.Errorf("chart: horizontal bars take one series, not %d", len(c.Series))
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return fmt.Errorf("chart: series %q has %d values for %d labels", s.Name, len(s.Values), len(c.Labels))
		}
		if len(s.Text) != 0 && len(s.Text) != len(s.Values) {
			return fmt.Errorf("chart: series %q has %d texts for %d values", s.Name, len(s.Text), len(s.Values))
		}
		for i, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return fmt.Errorf("chart: series %q has the value %v; values are counts", s.Name, v)
			}
			if s.hidden(i) && v != 0 {
				return fmt.Errorf("chart: series %q shows %q instead of %v; a value shown as text must be 0", s.Name, s.Text[i], v)
			}
		}
	}
	return nil
}

// HTML returns the chart as a figure: the SVG, then a table of the figures.
func (c Chart) HTML() (template.HTML, error) {
	svg, err := c.SVG()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	b.WriteString(`<figure class="chart">`)
	b.WriteString(string(svg))
	b.WriteString(string(c.Table()))
	b.WriteString(`</figure>`)
	return template.HTML(b.String()), nil
}

// Table returns the chart's figures as an HTML table: one row per label,
// one column per series.
func (c Chart) Table() template.HTML {
	var b bytes.Buffer
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<table class="chart-data"><caption>%s</caption><thead><tr><th scope="col">%s</th>`, esc(c.Title), esc(c.labelHeading()))
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, esc(s.Name))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, l := range c.Labels {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th>`, esc(l))
		for _, s := range c.Series {
			if i < len(s.Values) {
				fmt.Fprintf(&b, `<td>%s</td>`, esc(s.text(i, number)))
			}
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table>`)
	return template.HTML(b.String())
}

// CSV writes the table's figures as CSV: a header row (the labels' heading
// and the series' names), then one row per label. Values are plain numbers
// (1500, 2.5), or the value's Text. A cell that a spreadsheet would read as
// a formula (starting =, +, -, @, tab or carriage return) is prefixed with
// an apostrophe.
func (c Chart) CSV(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{cell(c.labelHeading())}
	for _, s := range c.Series {
		head = append(head, cell(s.Name))
	}
	cw.Write(head)
	plain := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for i, l := range c.Labels {
		row := []string{cell(l)}
		for _, s := range c.Series {
			row = append(row, cell(s.text(i, plain)))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses text a spreadsheet would run as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SVG returns the chart as an inline SVG element that scales to the width
// of its container.
func (c Chart) SVG() (template.HTML, error) {
	if err := c.Validate(); err != nil {
		return "", err
	}
	esc := template.HTMLEscapeString
	var b bytes.Buffer
	id := "chart-" + strconv.FormatUint(uint64(hash(c.Title)), 36)
	if c.ID != "" {
		id = "chart-" + strconv.FormatUint(uint64(hash(c.ID)), 36)
	}
	if c.Kind == HBars {
		c.hbars(&b, id)
		return template.HTML(b.String()), nil
	}
	fmt.Fprintf(&b, `<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc">`, width, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.describe()))
	ceil := niceMax(c.max())
	// Grid lines and y labels: 0, a quarter… the top.
	for i := 0; i <= 4; i++ {
		v := ceil * float64(i) / 4
		y := yOf(v, ceil)
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%s" y2="%s" stroke="#b1b4b6" stroke-width="1"/>`, left, width-right, f(y), f(y))
		fmt.Fprintf(&b, `<text x="%d" y="%s" font-size="12" text-anchor="end" fill="#454b50">%s</text>`, left-6, f(y+4), number(v))
	}
	n := len(c.Labels)
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" text-anchor="middle" fill="#454b50">No figures yet</text>`, left+plotW/2, top+plotH/2)
	}
	slot := float64(plotW) / float64(max(n, 1))
	switch c.Kind {
	case Line:
		for si, s := range c.Series {
			// A value shown as text breaks the line: it is not a point.
			var pts []string
			line := func() {
				if len(pts) > 0 {
					fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5" points="%s"/>`, palette[si], strings.Join(pts, " "))
				}
				pts = nil
			}
			for i, v := range s.Values {
				if s.hidden(i) {
					line()
					continue
				}
				pts = append(pts, f(float64(left)+slot*(float64(i)+0.5))+","+f(yOf(v, ceil)))
			}
			line()
			for i, v := range s.Values {
				x := f(float64(left) + slot*(float64(i)+0.5))
				if s.hidden(i) {
					fmt.Fprintf(&b, `<text x="%s" y="%d" font-size="10" text-anchor="middle" fill="#454b50"><title>%s: %s %s</title>%s</text>`,
						x, top+plotH-4, esc(c.Labels[i]), esc(s.Text[i]), esc(strings.ToLower(s.Name)), esc(short(s.Text[i])))
					continue
				}
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s: %s %s</title></circle>`,
					x, f(yOf(v, ceil)), palette[si], esc(c.Labels[i]), number(v), esc(strings.ToLower(s.Name)))
			}
		}
	default:
		bw := slot * 0.8 / float64(len(c.Series))
		for si, s := range c.Series {
			for i, v := range s.Values {
				x := float64(left) + slot*float64(i) + slot*0.1 + bw*float64(si)
				if s.hidden(i) {
					// A small mark instead of a bar: "<5" for "fewer than 5".
					fmt.Fprintf(&b, `<text x="%s" y="%d" font-size="10" text-anchor="middle" fill="#454b50"><title>%s: %s %s</title>%s</text>`,
						f(x+bw/2), top+plotH-4, esc(c.Labels[i]), esc(s.Text[i]), esc(strings.ToLower(s.Name)), esc(short(s.Text[i])))
					continue
				}
				y := yOf(v, ceil)
				fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s %s</title></rect>`,
					f(x), f(y), f(bw), f(float64(top+plotH)-y), palette[si], esc(c.Labels[i]), number(v), esc(strings.ToLower(s.Name)))
			}
		}
	}
	// X labels: at most eight, evenly spread, so they never overlap.
	step := max(1, (n+7)/8)
	for i := 0; i < n; i += step {
		fmt.Fprintf(&b, `<text x="%s" y="%d" font-size="12" text-anchor="middle" fill="#454b50">%s</text>`,
			f(float64(left)+slot*(float64(i)+0.5)), top+plotH+18, esc(c.Labels[i]))
	}
	fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#0b0c0c" stroke-width="1.5"/>`, left, width-right, top+plotH, top+plotH)
	if len(c.Series) > 1 {
		x := left
		for si, s := range c.Series {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12" fill="#0b0c0c">%s</text>`,
				x, height-14, palette[si], x+16, height-3, esc(s.Name))
			x += 24 + 8*len([]rune(s.Name))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), nil
}

// short writes a value's text in a bar's width: "fewer than 5" is "<5".
func short(text string) string {
	if n, ok := strings.CutPrefix(text, "fewer than "); ok {
		return "<" + n
	}
	return "…"
}

// Geometry of horizontal bars: narrower than the other charts, so that on
// a phone the names keep about their size.
const (
	hbWidth, hbLeft, hbRight = 400, 4, 64
	hbRow, hbBar, hbTop      = 46, 16, 6
	hbLine, hbChars          = 19, 40 // a name's lines: height, characters
)

// hbars draws one bar per label, the label written above its bar and the
// value after it.
func (c Chart) hbars(b *bytes.Buffer, id string) {
	esc := template.HTMLEscapeString
	s := c.Series[0]
	n := len(c.Labels)
	// Long names take two lines or more: the SVG would cut them off.
	names := make([][]string, n)
	h := hbTop + 4
	for i, l := range c.Labels {
		names[i] = wrap(l, hbChars)
		h += hbRow + hbLine*(len(names[i])-1)
	}
	if n == 0 {
		h += hbRow
	}
	fmt.Fprintf(b, `<svg class="chart-svg hbars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc">`, hbWidth, h, id, id)
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.describe()))
	if n == 0 {
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="14" fill="#454b50">No figures yet</text>`, hbLeft, hbTop+hbRow/2)
	}
	ceil := c.max()
	if ceil == 0 {
		ceil = 1
	}
	span := float64(hbWidth - hbLeft - hbRight)
	y := hbTop
	for i, l := range c.Labels {
		for j, line := range names[i] {
			fmt.Fprintf(b, `<text x="%d" y="%d" font-size="16" fill="#0b0c0c">%s</text>`, hbLeft, y+16+j*hbLine, esc(line))
		}
		by := y + 23 + hbLine*(len(names[i])-1)
		y += hbRow + hbLine*(len(names[i])-1)
		if s.hidden(i) {
			fmt.Fprintf(b, `<text x="%d" y="%d" font-size="15" fill="#454b50">%s</text>`, hbLeft, by+hbBar-3, esc(s.Text[i]))
			continue
		}
		w := s.Values[i] / ceil * span
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%s" height="%d" fill="%s"><title>%s: %s %s</title></rect>`,
			hbLeft, by, f(w), hbBar, palette[0], esc(l), number(s.Values[i]), esc(strings.ToLower(s.Name)))
		fmt.Fprintf(b, `<text x="%s" y="%d" font-size="15" fill="#0b0c0c">%s</text>`, f(float64(hbLeft)+w+6), by+hbBar-2, number(s.Values[i]))
	}
	b.WriteString(`</svg>`)
}

// wrap breaks text into lines of at most width characters at spaces; a
// word longer than a line is cut.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		for len([]rune(w)) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			r := []rune(w)
			lines, w = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// describe says what the chart shows, for its <desc>: the range and the
// totals, so the gist is there without the picture.
func (c Chart) describe() string {
	if c.Description != "" {
		return c.Description
	}
	if len(c.Labels) == 0 {
		return "No figures yet."
	}
	var parts []string
	for _, s := range c.Series {
		total, hidden := 0.0, false
		for i, v := range s.Values {
			total += v
			hidden = hidden || s.hidden(i)
		}
		if hidden {
			parts = append(parts, fmt.Sprintf("%s: %s in all, besides figures too small to show", s.Name, number(total)))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s in all", s.Name, number(total)))
	}
	return fmt.Sprintf("From %s to %s. %s.", c.Labels[0], c.Labels[len(c.Labels)-1], strings.Join(parts, "; "))
}

func (c Chart) max() float64 {
	m := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			m = max(m, v)
		}
	}
	return m
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten, so the
// axis reads in round numbers; at least 4, so small counts get whole steps.
func niceMax(m float64) float64 {
	if m <= 4 {
		return 4
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, k := range []float64{1, 2, 4, 5, 10} {
		if k*p >= m {
			return k * p
		}
	}
	return 10 * p
}

// yOf is the y coordinate of v on an axis from 0 to ceil.
func yOf(v, ceil float64) float64 { return float64(top+plotH) - v/ceil*float64(plotH) }

// f writes a coordinate with at most one decimal.
func f(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// number writes a value as people read counts: 12, 1,200, 2.5.
func number(v float64) string {
	if v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	s := strconv.FormatFloat(v, 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// CountByDay counts times into one bucket a day for the days days ending on
// the day of end (UTC), oldest first, with labels such as "2 Dec".
func CountByDay(end time.Time, days int, times []time.Time) (labels []string, values []float64) {
	end = day(end)
	start := end.AddDate(0, 0, -(days - 1))
	values = make([]float64, days)
	for i := range days {
		labels = append(labels, start.AddDate(0, 0, i).Format("2 Jan"))
	}
	for _, t := range times {
		if i := int(day(t).Sub(start).Hours() / 24); i >= 0 && i < days {
			values[i]++
		}
	}
	return labels, values
}

// CountByWeek counts times into weeks starting on Monday, for the weeks
// weeks ending with the week of end (UTC), oldest first, with labels such as
// "w/c 1 Dec".
func CountByWeek(end time.Time, weeks int, times []time.Time) (labels []string, values []float64) {
	monday := func(t time.Time) time.Time {
		d := day(t)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	start := monday(end).AddDate(0, 0, -7*(weeks-1))
	values = make([]float64, weeks)
	for i := range weeks {
		labels = append(labels, "w/c "+start.AddDate(0, 0, 7*i).Format("2 Jan"))
	}
	for _, t := range times {
		if i := int(monday(t).Sub(start).Hours() / (24 * 7)); i >= 0 && i < weeks && !monday(t).Before(start) {
			values[i]++
		}
	}
	return labels, values
}

func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
