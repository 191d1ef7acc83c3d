package feed

import (
	"slices"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name   string
		format hangup.FeedFormat
		in     string
		want   []string
	}{
		{"hosts file", hangup.FeedHosts, "# a comment\n0.0.0.0 evil.example\n127.0.0.1 localhost\n0.0.0.0 www.evil.example Bad.Example. # twice\n::1 ip6-localhost\n",
			[]string{"bad.example", "evil.example"}},
		{"adblock", hangup.FeedAdblock, "[Adblock Plus 2.0]\n! Title: list\n||scam.example^\n||pay-fix.example^$third-party\n@@||good.example^\nexample.org##.ad\n||cdn.example/path\n",
			[]string{"pay-fix.example", "scam.example"}},
		{"domains", hangup.FeedDomains, "# list\nfake-bank.example\n*.wild.example\nxn--micrsoft-qbh.com\nmicrоsoft.example\n\n",
			[]string{"fake-bank.example", "wild.example", "xn--micrsoft-qbh.com", "xn--micrsoft-qbh.example"}},
		{"csv with a url column", hangup.FeedCSV, "id,url,date\n1,https://login.evil.example/x?y=1,2026-01-01\n2,\"http://evil2.example:8080/\",2026-01-02\n",
			[]string{"evil2.example", "login.evil.example"}},
		{"csv without a header", hangup.FeedCSV, "a.example,x\nb.example,y\n", []string{"a.example", "b.example"}},
		{"public suffixes are no one's site", hangup.FeedDomains, "github.io\nco.uk\nmine.github.io\n", []string{"mine.github.io"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(tt.in), tt.format, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(l.Names, want) {
				t.Errorf("got %v, want %v", l.Names, want)
			}
		})
	}
}

func TestParseRefusesWhatIsNotAList(t *testing.T) {
	html := "<!doctype html>\n<html>\n<head><title>Not a list</title></head>\n<body>\n" + strings.Repeat("<p>hello there</p>\n", 40) + "</body></html>\n"
	tests := []struct {
		name   string
		format hangup.FeedFormat
		in     string
		code   string
	}{
		{"empty", hangup.FeedHosts, "", hangup.EINVALID},
		{"only comments", hangup.FeedDomains, "# nothing\n# here\n", hangup.EINVALID},
		{"an HTML page as a domain list", hangup.FeedDomains, html, hangup.EINVALID},
		{"an HTML page as a hosts file", hangup.FeedHosts, html, hangup.EINVALID},
		{"a domain list read as hosts", hangup.FeedHosts, strings.Repeat("evil.example\n", 3), hangup.EINVALID},
		{"mostly malformed", hangup.FeedHosts, "0.0.0.0 a.example\n" + strings.Repeat("junk line here\n", 20), hangup.EINVALID},
		{"a line longer than MaxLine", hangup.FeedDomains, "a.example\n" + strings.Repeat("x", MaxLine+10) + "\n", hangup.EINVALID},
		{"csv line longer than MaxLine", hangup.FeedCSV, "url\n" + strings.Repeat("y", MaxLine+10), hangup.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in), tt.format, 0)
			if hangup.ErrorCode(err) != tt.code {
				t.Errorf("got %v, want %s", err, tt.code)
			}
			if err != nil && hangup.ErrorMessage(err) == "" {
				t.Error("no message for people")
			}
		})
	}
	var b strings.Builder
	for i := range 20 {
		b.WriteString("0.0.0.0 h" + strings.Repeat("x", i%5) + string(rune('a'+i)) + ".example\n")
	}
	if _, err := Parse(strings.NewReader(b.String()), hangup.FeedHosts, 10); hangup.ErrorCode(err) != hangup.ETOOLARGE {
		t.Errorf("20 names with a cap of 10: %v, want ETOOLARGE", err)
	}
}

func TestIndexCoversSubdomainsNearestFirst(t *testing.T) {
	ix := NewIndex([]Source{
		{Feed: "one", Entries: []hangup.FeedEntry{{Name: "evil.example"}}},
		{Feed: "two", Entries: []hangup.FeedEntry{{Name: "login.evil.example"}, {Name: "evil.example"}}},
	})
	got := ix.SiteListings("www.login.evil.example")
	if len(got) != 2 || got[0].Source != "two" || got[0].Entry != "login.evil.example" || got[1].Source != "one" {
		t.Errorf("got %+v, want feed two by its nearer entry, then one", got)
	}
	if got := ix.SiteListings("notevil.example"); len(got) != 0 {
		t.Errorf("a different site matched: %+v", got)
	}
	if got := ix.SiteListings("example"); len(got) != 0 {
		t.Errorf("a bare ending matched: %+v", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0.0.0.0 evil.example\n", "||scam.example^\n", "a.example\n*.b.example\n", "url\nhttps://x.example/a\n",
		"0.0.0.0 a\x00b.example\n", "\ufeff# bom\nx.example\n"} {
		for _, fm := range hangup.FeedFormats {
			f.Add(s, string(fm))
		}
	}
	f.Fuzz(func(t *testing.T, in, format string) {
		l, err := Parse(strings.NewReader(in), hangup.FeedFormat(format), 1000)
		if err != nil {
			if c := hangup.ErrorCode(err); c != hangup.EINVALID && c != hangup.ETOOLARGE {
				t.Fatalf("error code %q: %v", c, err)
			}
			return
		}
		if len(l.Names) == 0 || len(l.Names) > 1000 || !slices.IsSorted(l.Names) {
			t.Fatalf("bad list %v", l.Names)
		}
		for _, n := range l.Names {
			if m, ok, skip := Normalise(n); !ok || skip || m != n {
				t.Fatalf("name %q does not normalise to itself (%q %v %v)", n, m, ok, skip)
			}
		}
	})
}
