// Package page checks the page at a website address for the marks of a
// tech-support scam: fake virus and "Windows Defender" warnings, a number to
// call "Microsoft support", "your computer is locked" text, full-screen and
// keyboard-trapping scripts, sound that plays by itself, and downloads of
// remote-access tools. The page is fetched once under the outbound rules of
// package safefetch (public addresses only, capped size and time, no
// cookies) and read as text and markup: its scripts are never run, only
// searched. The phone numbers it shows are extracted and linked to what
// number reputation knows of them.
package page

import (
	"bytes"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Caps on what Read looks at.
const (
	maxText    = 256 << 10 // bytes of visible text kept
	maxScript  = 256 << 10 // bytes of script kept
	maxLinks   = 500
	maxTitle   = 120
	maxTokens  = 200_000 // markup tokens read: a page of endless empty tags stops here
	maxAttrLen = 2048
)

// Doc is what Read took from a page: its visible text, its scripts (as
// text, never run), its links and the media set to play by themselves.
type Doc struct {
	Title    string
	Text     string   // visible text, lower case, white space folded
	RawText  string   // visible text as written, white space folded (for phone numbers)
	Script   string   // inline scripts and event handlers, lower case
	Links    []string // href and src values
	Autoplay bool     // an <audio> or <video> with autoplay, <bgsound>, or an <embed> of sound
	Refresh  string   // a <meta http-equiv="refresh"> target
}

// Read parses HTML (or plain text) without running anything. It never
// fails: whatever cannot be read is skipped.
func Read(body []byte) Doc {
	var d Doc
	var text, script bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(1 << 20)
	skip := 0 // inside <style>, <noscript>… whose text is not shown
	inScript, inTitle := false, false
	for n := 0; n < maxTokens; n++ {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				_ = z.Err() // a broken page: keep what was read
			}
			return d.finish(&text, &script)
		case html.TextToken:
			t := z.Text()
			switch {
			case inScript:
				if script.Len() < maxScript {
					script.Write(t)
					script.WriteByte('\n')
				}
			case inTitle:
				if len(d.Title) < maxTitle {
					d.Title += string(t)
				}
				fallthrough
			case skip == 0:
				if text.Len() < maxText {
					text.Write(t)
					text.WriteByte(' ')
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tt == html.EndTagToken {
				switch tag {
				case "script":
					inScript = false
				case "title":
					inTitle = false
				case "style", "template", "noscript", "svg":
					skip = max(skip-1, 0)
				}
				continue
			}
			switch tag {
			case "script":
				inScript = tt == html.StartTagToken
			case "title":
				inTitle = tt == html.StartTagToken
			case "style", "template", "noscript", "svg":
				if tt == html.StartTagToken {
					skip++
				}
			case "bgsound":
				d.Autoplay = true
			case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "td":
				text.WriteByte(' ')
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(v) > maxAttrLen {
					v = v[:maxAttrLen]
				}
				key := string(k)
				switch {
				case key == "href" || key == "src" || key == "action" || key == "data":
					if len(d.Links) < maxLinks {
						d.Links = append(d.Links, string(v))
					}
					if tag == "embed" && soundFile(string(v)) {
						d.Autoplay = true
					}
				case key == "autoplay" && (tag == "audio" || tag == "video"):
					d.Autoplay = true
				case strings.HasPrefix(key, "on"):
					if script.Len() < maxScript {
						script.Write(v)
						script.WriteByte('\n')
					}
				case key == "content" && tag == "meta":
					if i := bytes.Index(bytes.ToLower(v), []byte("url=")); i >= 0 {
						d.Refresh = string(v[i+4:])
					}
				}
			}
		}
	}
	return d.finish(&text, &script)
}

var spaces = regexp.MustCompile(`\s+`)

func (d Doc) finish(text, script *bytes.Buffer) Doc {
	raw := spaces.ReplaceAllString(strings.ToValidUTF8(text.String(), " "), " ")
	d.RawText = strings.TrimSpace(html.UnescapeString(raw))
	d.Text = strings.ToLower(d.RawText)
	d.Script = strings.ToLower(strings.ToValidUTF8(script.String(), " "))
	d.Title = strings.TrimSpace(spaces.ReplaceAllString(strings.ToValidUTF8(d.Title, " "), " "))
	if len(d.Title) > maxTitle {
		d.Title = strings.ToValidUTF8(d.Title[:maxTitle], "") + "…"
	}
	return d
}

func soundFile(u string) bool {
	u = strings.ToLower(u)
	for _, ext := range []string{".mp3", ".wav", ".ogg", ".m4a", ".aac"} {
		if strings.Contains(u, ext) {
			return true
		}
	}
	return false
}
