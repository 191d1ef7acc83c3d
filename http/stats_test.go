package http

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/apitest"
)

// addReports stores n reports made a day ago, changed by edit, straight
// into the test server's database.
func addReports(t *testing.T, s *Server, n int, edit func(r *hangup.Report)) {
	t.Helper()
	for range n {
		seq++
		ref := fmt.Sprintf("HU-WEBS-%04d", seq)
		at := time.Now().Add(-24 * time.Hour)
		r := &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: at, UpdatedAt: at,
			Country: "GB", Happened: []hangup.Happened{}, Story: "My name is Margaret Example " + ref,
			ReporterKey: "anon:secret-" + ref, ReporterWeight: 0.5}
		if edit != nil {
			edit(r)
		}
		if err := testDBs[s].CreateReport(context.Background(), r, nil, []byte(ref), nil); err != nil {
			t.Fatal(err)
		}
	}
}

var seq int

// sectionTable reads the chart table of the page's section id as rows of
// cell text, the heading row first.
func sectionTable(t *testing.T, page, id string) [][]string {
	t.Helper()
	start := strings.Index(page, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no section %s", id)
	}
	page = page[start:]
	tbl := regexp.MustCompile(`(?s)<table class="chart-data">.*?</table>`).FindString(page)
	if tbl == "" {
		t.Fatalf("section %s has no table", id)
	}
	d := xml.NewDecoder(strings.NewReader(tbl))
	var rows [][]string
	var cell *strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rows
		} else if err != nil {
			t.Fatalf("section %s: %v", id, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "tr" {
				rows = append(rows, nil)
			} else if e.Name.Local == "th" || e.Name.Local == "td" {
				cell = &strings.Builder{}
			}
		case xml.CharData:
			if cell != nil {
				cell.Write(e)
			}
		case xml.EndElement:
			if (e.Name.Local == "th" || e.Name.Local == "td") && cell != nil && len(rows) > 0 {
				rows[len(rows)-1] = append(rows[len(rows)-1], cell.String())
				cell = nil
			}
		}
	}
}

func TestStatsPageSuppressesSmallCountsAndItsCSVMatchesItsTables(t *testing.T) {
	for _, us := range []int{4, 5} {
		t.Run(fmt.Sprintf("%d reports from the US", us), func(t *testing.T) {
			s := newTestServer(t, DefaultConfig())
			addReports(t, s, 12, func(r *hangup.Report) {
				r.OrganisationID, r.PaymentMethod, r.Amount, r.Currency = "hmrc", "Gift cards", 300, "GBP"
				r.Links = []hangup.Link{{Kind: hangup.LinkTool, Value: "AnyDesk"}}
			})
			addReports(t, s, 3, func(r *hangup.Report) { r.OrganisationID, r.PaymentMethod = "microsoft", "=cmd|' /C calc'!A0" })
			addReports(t, s, us, func(r *hangup.Report) { r.Country = "US" })
			r := do(t, s, "GET", "/stats", "", "")
			if r.status != 200 {
				t.Fatalf("GET /stats → %d", r.status)
			}
			page := string(r.body)
			if n := strings.Count(page, `<svg class="chart-svg`); n < 6 {
				t.Errorf("%d charts, want one per figure (6)", n)
			}
			text := visibleText(page)
			if shown := strings.Contains(text, "United States"); shown != (us >= 5) {
				t.Errorf("with %d reports from the US, the page shows them: %v", us, shown)
			}
			// Microsoft has 3 reports; no story, reporter or reference is
			// ever shown.
			for _, hidden := range []string{"Microsoft", "calc", "Margaret", "secret-", "HU-WEBS"} {
				if strings.Contains(page, hidden) {
					t.Errorf("the page shows %q", hidden)
				}
			}
			hmrc, _ := s.deps.Registry.Snapshot().OrganisationByID("hmrc")
			if !strings.Contains(text, hmrc.Name) || !strings.Contains(text, "fewer than 5") {
				t.Error("the page lacks HMRC (12 reports) or a suppressed week")
			}
			for _, name := range []string{"weeks", "organisations", "tools", "payments", "countries", "money-gbp"} {
				table := sectionTable(t, page, name)
				c := do(t, s, "GET", "/stats/"+name+".csv", "", "")
				if c.status != 200 || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") {
					t.Fatalf("%s.csv → %d %s", name, c.status, c.header.Get("Content-Type"))
				}
				records, err := csv.NewReader(strings.NewReader(string(c.body))).ReadAll()
				if err != nil {
					t.Fatalf("%s.csv: %v", name, err)
				}
				if len(records) != len(table) || len(records) < 2 {
					t.Fatalf("%s: %d CSV rows, %d table rows", name, len(records), len(table))
				}
				for i := range records {
					// Counts: the table writes 1,200 as people read it.
					same := len(records[i]) == len(table[i]) && records[i][0] == table[i][0]
					for j := 1; same && j < len(records[i]); j++ {
						same = records[i][j] == strings.ReplaceAll(table[i][j], ",", "")
					}
					if !same {
						t.Errorf("%s row %d: CSV %q, table %q", name, i, records[i], table[i])
					}
				}
			}
			// The JSON holds the same, with the same suppression.
			a := do(t, s, "GET", "/api/v1/stats", "", "")
			var got StatsResponse
			if err := json.Unmarshal(a.body, &got); err != nil || a.status != 200 {
				t.Fatalf("GET /api/v1/stats → %d %v", a.status, err)
			}
			// With figures in it, the answer still fits the OpenAPI document.
			apitest.CheckResponse(t, loadOpenAPI(t), loadOpenAPI(t).Paths["/api/v1/stats"]["get"].Responses["200"], a.body)
			if a.header.Get("Cache-Control") != "public, max-age=60" {
				t.Errorf("Cache-Control %q", a.header.Get("Cache-Control"))
			}
			weeks, countries := 0, 0
			for _, w := range got.Weeks {
				weeks += w.Reports
			}
			for _, c := range got.Countries {
				countries += c.Reports
				if c.Key == "US" && us < 5 {
					t.Errorf("the API shows %d reports from the US", c.Reports)
				}
			}
			if want := 15 + map[bool]int{true: us}[us >= 5]; weeks != want || countries != want {
				t.Errorf("the weeks add up to %d and the countries to %d, want %d", weeks, countries, want)
			}
			if strings.Contains(string(a.body), "secret-") || strings.Contains(string(a.body), "Margaret") || strings.Contains(string(a.body), `"microsoft"`) {
				t.Errorf("the API gives away a report: %s", a.body)
			}
		})
	}
}

func TestStatsCSVNames(t *testing.T) {
	s := newTestServer(t, DefaultConfig())
	for path, want := range map[string]int{"/stats/weeks.csv": 200, "/stats/money.csv": 200, "/stats/nothing.csv": 404,
		"/stats/weeks": 404, "/stats/..%2f..%2fetc%2fpasswd.csv": 404, "/stats/" + strings.Repeat("a", 5000) + ".csv": 404} {
		if r := do(t, s, "GET", path, "", ""); r.status != want {
			t.Errorf("GET %.60s → %d, want %d", path, r.status, want)
		}
	}
}
