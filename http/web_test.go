package http

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestHighlight(t *testing.T) {
	text := `he said <b>"go to anydesk dot com"</b> — read me the code`
	i := strings.Index(text, "go to anydesk dot com")
	j := strings.Index(text, "read me the code")
	got := string(highlight(text, []hangup.Indicator{
		{ByteStart: i, ByteEnd: i + len("go to anydesk dot com")},
		{ByteStart: i + 6, ByteEnd: i + 13}, // inside the first: merged
		{ByteStart: j, ByteEnd: j + len("read me the code")},
		{ByteStart: -1, ByteEnd: 3},                           // out of range: ignored
		{ByteStart: 5, ByteEnd: len(text) + 9},                // out of range: ignored
		{ByteStart: strings.Index(text, "—") + 1, ByteEnd: j}, // splits a character: ignored
	}))
	want := `he said &lt;b&gt;&#34;<mark>go to anydesk dot com</mark>&#34;&lt;/b&gt; — <mark>read me the code</mark>`
	if got != want {
		t.Errorf("highlight:\n got %s\nwant %s", got, want)
	}
}
