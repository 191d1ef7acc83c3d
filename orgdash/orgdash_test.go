package orgdash_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/orgdash"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/report/reporttest"
)

type fixture struct {
	reports *report.Service
	dash    *orgdash.Service
	reg     *registry.Service
}

func newFixture(t *testing.T, feedNames ...string) fixture {
	t.Helper()
	st := reporttest.New(t, true)
	var entries []hangup.FeedEntry
	for _, n := range feedNames {
		entries = append(entries, hangup.FeedEntry{Name: n, FirstSeen: time.Now()})
	}
	ix := feed.NewIndex([]feed.Source{{Feed: "phishing-list", Entries: entries}})
	dash := orgdash.New(orgdash.Deps{Reports: st.DB, Sites: st.Sites, Feeds: func() orgdash.FeedNames { return ix }})
	return fixture{st.Reports, dash, st.Registry}
}

func (f fixture) submit(t *testing.T, in hangup.ReportInput, who string) {
	t.Helper()
	u := &hangup.User{ID: int64(len(who)), Email: who, Role: hangup.RoleAnalyst}
	if _, err := f.reports.Submit(context.Background(), in, report.Reporter{User: u, Source: "api"}, ""); err != nil {
		t.Fatal(err)
	}
}

func find(cs []orgdash.Count, v string) int {
	for _, c := range cs {
		if c.Value == v {
			return c.Reports
		}
	}
	return 0
}

// TestReportsNamingMicrosoftMakeItsDashboard: three reports naming
// Microsoft and one naming BT; the dashboard counts Microsoft's, charts
// them in this week's bar, lists the numbers, tools, payment and websites
// they named, finds the lookalike in a report and one on a feed, and counts
// Microsoft's own number shown on a call.
func TestReportsNamingMicrosoftMakeItsDashboard(t *testing.T) {
	f := newFixture(t, "micros0ft-support.com", "example.org", "paypal-login.example.net", "microsoft.com")
	ctx := context.Background()
	f.submit(t, hangup.ReportInput{NumberShown: "0906 123 4567", CallbackNumber: "020 7946 0000", ClaimedOrganisation: "Microsoft",
		Started: hangup.StartedTheyCalled, Software: "AnyDesk", Website: "microsoft-helpdesk-support.com", PaymentMethod: "Gift cards",
		Happened: []hangup.Happened{hangup.HappenedRemoteAccess, hangup.HappenedPaid}}, "a@example.org")
	f.submit(t, hangup.ReportInput{NumberShown: "0906 123 4567", ClaimedOrganisation: "Microsoft", Started: hangup.StartedTheyCalled,
		Software: "TeamViewer", PaymentMethod: "gift cards"}, "b@example.org")
	f.submit(t, hangup.ReportInput{NumberShown: "+44 800 032 6417", ClaimedOrganisation: "Microsoft Support", Started: hangup.StartedTheyCalled}, "c@example.org")
	f.submit(t, hangup.ReportInput{NumberShown: "0906 765 4321", ClaimedOrganisation: "BT", Started: hangup.StartedTheyCalled}, "d@example.org")

	ms, _ := f.reg.Snapshot().Organisation("microsoft")
	d, err := f.dash.Build(ctx, ms, 4)
	if err != nil {
		t.Fatal(err)
	}
	if d.Reports != 3 {
		t.Errorf("reports = %d, want Microsoft's 3 (not BT's)", d.Reports)
	}
	if len(d.Weeks) != 4 || d.Weeks[3].Reports != 3 || d.Weeks[0].Reports != 0 {
		t.Errorf("weeks = %v, want 3 in this week, the last", d.Weeks)
	}
	svg, err := d.Chart.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains([]byte(svg), []byte("<rect")) || !bytes.Contains([]byte(svg), []byte("Reports naming Microsoft")) {
		t.Errorf("the chart has no bars or no title: %s", svg)
	}
	for _, c := range []struct {
		name  string
		rows  []orgdash.Count
		value string
		want  int
	}{
		{"numbers shown", d.NumbersShown, "+449061234567", 2},
		{"numbers shown", d.NumbersShown, "+449067654321", 0},
		{"callback numbers", d.CallbackNumbers, "+442079460000", 1},
		{"tools", d.Tools, "AnyDesk", 1},
		{"tools", d.Tools, "TeamViewer", 1},
		{"payment methods", d.PaymentMethods, "gift cards", 2},
		{"websites", d.Websites, "microsoft-helpdesk-support.com", 1},
		{"spoofed", d.Spoofed, "+448000326417", 1},
	} {
		if got := find(c.rows, c.value); got != c.want {
			t.Errorf("%s: %s in %d reports, want %d (%v)", c.name, c.value, got, c.want, c.rows)
		}
	}
	var hosts []string
	for _, l := range d.Lookalikes {
		hosts = append(hosts, l.Where+":"+l.Host)
	}
	for _, want := range []string{"reports:microsoft-helpdesk-support.com", "feed:micros0ft-support.com"} {
		if !slices.Contains(hosts, want) {
			t.Errorf("lookalikes %v lack %s", hosts, want)
		}
	}
	for _, not := range []string{"feed:microsoft.com", "feed:example.org", "feed:paypal-login.example.net"} {
		if slices.Contains(hosts, not) {
			t.Errorf("lookalikes %v hold %s", hosts, not)
		}
	}

	// BT's dashboard holds none of Microsoft's.
	bt, _ := f.reg.Snapshot().Organisation("bt")
	if d, _ := f.dash.Build(ctx, bt, 4); d.Reports != 1 || find(d.NumbersShown, "+449061234567") != 0 || len(d.Tools) != 0 {
		t.Errorf("BT's dashboard = %d reports, %v, tools %v", d.Reports, d.NumbersShown, d.Tools)
	}

	var b bytes.Buffer
	if err := orgdash.WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], orgdash.CSVHeader) || !slices.ContainsFunc(rows, func(r []string) bool {
		return r[0] == "number_shown" && r[1] == "'+449061234567" && r[2] == "2"
	}) {
		t.Errorf("CSV rows = %v", rows)
	}
}

func TestDashboardCSVDefusesFormulas(t *testing.T) {
	d := &orgdash.Dashboard{PaymentMethods: []orgdash.Count{{Value: "=HYPERLINK(\"http://x\")", Reports: 1}}}
	var b bytes.Buffer
	orgdash.WriteCSV(&b, d)
	rows, _ := csv.NewReader(&b).ReadAll()
	for _, r := range rows {
		if r[0] == "payment_method" && r[1][0] != '\'' {
			t.Errorf("a formula went out as %q", r[1])
		}
	}
}

// An organisation nobody has reported yet has a dashboard of empty lists,
// and its JSON says [] for each of them, never null: API clients iterate
// over them without a nil check.
func TestEmptyDashboardListsAreEmptyNotNull(t *testing.T) {
	f := newFixture(t)
	o, ok := f.reg.Snapshot().Organisation("hmrc")
	if !ok {
		t.Fatal("HMRC is not in the registry")
	}
	d, err := f.dash.Build(context.Background(), o, 4)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"numbers_shown", "callback_numbers", "tools", "payment_methods", "happened", "websites", "lookalikes", "spoofed"} {
		if v, ok := fields[k]; !ok || string(v) != "[]" {
			t.Errorf("%s = %s, want []", k, v)
		}
	}
	if d.Reports != 0 {
		t.Errorf("a fresh database has %d reports naming HMRC", d.Reports)
	}
}
