package http

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/chart"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/stats"
)

// StatsPage is "Scam figures": the public figures, each chart with its
// table and a CSV file.
type StatsPage struct {
	web.Page
	From, To string // "2 Jun 2026"
	Sections []StatsSection
	Money    []MoneySection
	MinCount int
}

// StatsSection is one figure on the page.
type StatsSection struct {
	Name    string // the figure's name: its anchor and CSV file (/stats/NAME.csv)
	Heading string
	Intro   string
	Figure  template.HTML // the chart and its table
	Note    string        // what is left out
	Empty   string        // said instead of the chart when nothing is shown
}

// MoneySection is what people lost in one currency.
type MoneySection struct {
	StatsSection
	Currency      string
	Total, Median string // "£12,400"
}

// statsChart is one figure as a chart, by the name of its CSV file.
type statsChart struct {
	name  string
	chart chart.Chart
}

// countChart draws counts, suppressed ones as text only.
func countChart(name, title, desc, heading string, kind chart.Kind, cs []stats.Count) statsChart {
	c := chart.Chart{Title: title, Description: desc, Kind: kind, ID: name, LabelHeading: heading,
		Series: []chart.Series{{Name: "Reports", Values: []float64{}}}}
	s := &c.Series[0]
	for _, x := range cs {
		c.Labels = append(c.Labels, x.Label)
		s.Values = append(s.Values, float64(x.Reports))
		t := ""
		if x.Suppressed {
			t = stats.FewerThan
		}
		s.Text = append(s.Text, t)
	}
	return statsChart{name: name, chart: c}
}

// statsCharts turns the figures into charts, in the page's order.
func statsCharts(f *stats.Figures) []statsChart {
	from, to := f.From.Format("2 Jan 2006"), f.To.Format("2 Jan 2006")
	out := []statsChart{
		countChart("weeks", "Reports per week", fmt.Sprintf("Scam reports made each week from %s to %s. Weeks with fewer than %d reports are not counted.", from, to, stats.MinCount),
			"Week starting", chart.Bars, f.Weeks),
		countChart("organisations", "Who the callers said they were", "The organisations scammers pretended to be, most reported first.", "Organisation", chart.HBars, f.Organisations),
		countChart("tools", "Remote-access programs they asked for", "The programs scammers asked people to install so they could get into their computer or phone.", "Program", chart.HBars, f.Tools),
		countChart("payments", "How they asked to be paid", "The ways of paying that people reported, most reported first.", "Way of paying", chart.HBars, f.Payments),
		countChart("countries", "Reports by country", "Where the people who reported live.", "Country", chart.HBars, f.Countries),
	}
	for _, m := range f.Money {
		out = append(out, countChart("money-"+strings.ToLower(m.Currency), "Money lost in "+m.Currency+", by amount",
			"How many people lost each amount of money, in "+m.Currency+".", "Amount lost", chart.HBars, m.Buckets))
	}
	return out
}

func (s *Server) webStats(w http.ResponseWriter, r *http.Request) {
	f, err := s.deps.Stats.Figures(r.Context())
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p := StatsPage{Page: s.site.Page(r, "Scam figures"), From: f.From.Format("2 Jan 2006"), To: f.To.Format("2 Jan 2006"), MinCount: stats.MinCount}
	intro := map[string][3]string{
		"weeks":         {"How many scams were reported each week.", "", "No week has enough reports to show yet."},
		"organisations": {"The organisations scammers most often pretended to be. The real ones would not call you like this.", "Organisations named in fewer than 5 reports are not shown.", "No organisation has been named in enough reports to show yet."},
		"tools":         {"Scammers ask you to install one of these so they can see and control your screen. Never install one because a caller asks.", "Programs named in fewer than 5 reports are not shown.", "No program has been named in enough reports to show yet."},
		"payments":      {"Gift cards, transfers and other ways of paying that scammers asked for.", "Ways of paying named in fewer than 5 reports are not shown.", "No way of paying has been named in enough reports to show yet."},
		"countries":     {"Where the people who reported live.", "Countries with fewer than 5 reports are not shown. Their reports, and those of weeks with fewer than 5, are left out of both this and the weekly figures, so that no small number can be worked out from the others.", "No country has enough reports to show yet."},
	}
	money := map[string]stats.Money{}
	for _, m := range f.Money {
		money["money-"+strings.ToLower(m.Currency)] = m
	}
	for _, c := range statsCharts(f) {
		fig, err := c.chart.HTML()
		if err != nil {
			s.site.Error(w, r, err)
			return
		}
		sec := StatsSection{Name: c.name, Heading: c.chart.Title, Figure: fig}
		if m, ok := money[c.name]; ok {
			sec.Note = "Amounts with fewer than 5 reports are shown as “fewer than 5”."
			p.Money = append(p.Money, MoneySection{StatsSection: sec, Currency: m.Currency,
				Total: report.FormatMoney(m.Total, m.Currency), Median: report.FormatMoney(m.Median, m.Currency)})
			continue
		}
		in := intro[c.name]
		sec.Intro, sec.Note = in[0], in[1]
		if len(c.chart.Labels) == 0 || c.name == "weeks" && !hasShown(c.chart) {
			sec.Figure, sec.Empty = "", in[2]
		}
		p.Sections = append(p.Sections, sec)
	}
	s.site.Render(w, r, http.StatusOK, "stats", p) // no-store: the layout holds the browser's form token
}

func hasShown(c chart.Chart) bool {
	for i := range c.Labels {
		if c.Series[0].Text[i] == "" {
			return true
		}
	}
	return false
}

// webStatsCSV serves one figure's table as CSV: /stats/NAME.csv.
func (s *Server) webStatsCSV(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	if !ok {
		s.site.NotFound(w, r)
		return
	}
	f, err := s.deps.Stats.Figures(r.Context())
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	var b bytes.Buffer
	if name == "money" {
		err = moneyCSV(&b, f.Money)
	} else {
		found := false
		for _, c := range statsCharts(f) {
			if c.name == name {
				found, err = true, c.chart.CSV(&b)
			}
		}
		if !found {
			s.site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no figure called %q.", name))
			return
		}
	}
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="hangup-`+name+`.csv"`)
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Write(b.Bytes())
}

// moneyCSV writes each currency's total and median lost.
func moneyCSV(b *bytes.Buffer, ms []stats.Money) error {
	cw := csv.NewWriter(b)
	cw.Write([]string{"Currency", "Total lost", "Median lost"})
	for _, m := range ms {
		cw.Write([]string{m.Currency, strconv.FormatFloat(m.Total, 'f', -1, 64), strconv.FormatFloat(m.Median, 'f', -1, 64)})
	}
	cw.Flush()
	return cw.Error()
}

// StatsResponse is GET /api/v1/stats: the public figures, counts under
// min_count suppressed.
type StatsResponse struct {
	MinCount int `json:"min_count"`
	*stats.Figures
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	f, err := s.deps.Stats.Figures(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSONCached(w, StatsResponse{MinCount: stats.MinCount, Figures: f})
}

// writeJSONCached writes public JSON that caches may keep a minute: the
// figures behind it are cached as long.
func writeJSONCached(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}
