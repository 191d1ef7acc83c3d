package page

import (
	"net/url"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/hangup-org/hangup/rmm"
)

func FuzzRead(f *testing.F) {
	for _, name := range []string{"defender-alert.html", "apple-locked.html", "genuine-help.html"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<script>requestFullscreen()</script><a href=x.exe>"))
	f.Add([]byte("<title>" + string(make([]byte, 300)) + "</title>"))
	f.Add([]byte("<<<>>><!--<scr<script>ipt>"))
	cat, err := rmm.Default()
	if err != nil {
		f.Fatal(err)
	}
	tools := NewTools(cat)
	base, _ := url.Parse("https://example.test/")
	f.Fuzz(func(t *testing.T, body []byte) {
		d := Read(body)
		if len(d.Links) > maxLinks || len(d.Text) > 4*maxText || len(d.Script) > 4*maxScript {
			t.Fatalf("caps exceeded: %d links, %d text, %d script", len(d.Links), len(d.Text), len(d.Script))
		}
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || len(d.Title) > maxTitle+4 {
			t.Fatalf("bad text or title %q", d.Title)
		}
		signs, score, _, scam := Signs(d, base, tools, 1)
		if scam && score < ScamScore {
			t.Fatalf("scam with score %d", score)
		}
		for _, s := range signs {
			if s.Code == "" || s.Message == "" {
				t.Fatalf("empty sign %+v", s)
			}
		}
	})
}
