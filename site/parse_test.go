package site

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in                         string
		host, domain, unicode, url, user string
		ip, spoken                       bool
	}{
		{name: "bare host", in: "anydesk.com", host: "anydesk.com", domain: "anydesk.com", url: "https://anydesk.com/"},
		{name: "upper case and trailing dot", in: "WWW.AnyDesk.COM.", host: "www.anydesk.com", domain: "anydesk.com", url: "https://www.anydesk.com/"},
		{name: "no scheme with path", in: "www.microsoft-support.help/fix", host: "www.microsoft-support.help", domain: "microsoft-support.help", url: "https://www.microsoft-support.help/fix"},
		{name: "scheme kept", in: "http://example.co.uk/a?b=c#frag", host: "example.co.uk", domain: "example.co.uk", url: "http://example.co.uk/a?b=c"},
		{name: "spoken dot", in: "go to micros0ft-support dot com", host: "micros0ft-support.com", domain: "micros0ft-support.com", url: "https://micros0ft-support.com/", spoken: true},
		{name: "spoken words joined", in: "please go to any desk dot com now", host: "anydesk.com", domain: "anydesk.com", url: "https://anydesk.com/", spoken: true},
		{name: "spoken www letters", in: "w w w dot microsoft dot com slash fix", host: "www.microsoft.com", domain: "microsoft.com", url: "https://www.microsoft.com/fix", spoken: true},
		{name: "spelled letters", in: "type b t dot com", host: "bt.com", domain: "bt.com", url: "https://bt.com/", spoken: true},
		{name: "address in a sentence", in: "Open your browser and type www.teamviewer.com, then wait.", host: "www.teamviewer.com", domain: "teamviewer.com", url: "https://www.teamviewer.com/", spoken: true},
		{name: "defanged", in: "hxxps://evil[.]example/x", host: "evil.example", domain: "evil.example", url: "https://evil.example/x"},
		{name: "unicode to punycode", in: "micrоsoft.com", host: "xn--micrsoft-qbh.com", domain: "xn--micrsoft-qbh.com", unicode: "micrоsoft.com", url: "https://xn--micrsoft-qbh.com/"},
		{name: "punycode to unicode", in: "xn--80ak6aa92e.com", host: "xn--80ak6aa92e.com", domain: "xn--80ak6aa92e.com", unicode: "аррӏе.com", url: "https://xn--80ak6aa92e.com/"},
		{name: "fullwidth letters mapped", in: "ＡＮＹＤＥＳＫ.com", host: "anydesk.com", domain: "anydesk.com", url: "https://anydesk.com/"},
		{name: "userinfo trick", in: "https://microsoft.com@evil.example/login", host: "evil.example", domain: "evil.example", user: "microsoft.com", url: "https://evil.example/login"},
		{name: "userinfo without scheme", in: "microsoft.com:login@evil.example", host: "evil.example", domain: "evil.example", user: "microsoft.com:login", url: "https://evil.example/"},
		{name: "ipv4", in: "http://192.168.0.1:8080/x", host: "192.168.0.1", domain: "192.168.0.1", url: "http://192.168.0.1:8080/x", ip: true},
		{name: "ipv4 as one number", in: "http://3232235521/", host: "192.168.0.1", domain: "192.168.0.1", url: "http://192.168.0.1/", ip: true},
		{name: "ipv4 hex parts", in: "0xc0.0xa8.0.1", host: "192.168.0.1", domain: "192.168.0.1", url: "https://192.168.0.1/", ip: true},
		{name: "ipv6", in: "http://[2001:db8::1]:443/", host: "2001:db8::1", domain: "", url: "http://[2001:db8::1]:443/", ip: true},
		{name: "private suffix", in: "mysite.github.io", host: "mysite.github.io", domain: "mysite.github.io", url: "https://mysite.github.io/"},
		{name: "bare public suffix", in: "gov.uk", host: "gov.uk", domain: "gov.uk", url: "https://gov.uk/"},
		{name: "backslash as slash", in: `https://evil.example\@microsoft.com`, host: "evil.example", domain: "evil.example", url: "https://evil.example/@microsoft.com"},
		{name: "underscore host", in: "upload_data.qq.com", host: "upload_data.qq.com", domain: "qq.com", url: "https://upload_data.qq.com/"},
		{name: "hyphens in 3rd and 4th place", in: "r3---sn-abc.googlevideo.com", host: "r3---sn-abc.googlevideo.com", domain: "googlevideo.com", url: "https://r3---sn-abc.googlevideo.com/"},
		{name: "quoted", in: `"anydesk.com"`, host: "anydesk.com", domain: "anydesk.com", url: "https://anydesk.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if a.Host != tt.host {
				t.Errorf("host: got %q, want %q", a.Host, tt.host)
			}
			if tt.domain != "" && a.Domain != tt.domain {
				t.Errorf("domain: got %q, want %q", a.Domain, tt.domain)
			}
			want := tt.unicode
			if want == "" {
				want = tt.host
			}
			if a.Unicode != want {
				t.Errorf("unicode: got %q, want %q", a.Unicode, want)
			}
			if a.URL != tt.url {
				t.Errorf("url: got %q, want %q", a.URL, tt.url)
			}
			if a.Userinfo != tt.user {
				t.Errorf("userinfo: got %q, want %q", a.Userinfo, tt.user)
			}
			if a.IP != tt.ip || a.Spoken != tt.spoken {
				t.Errorf("ip, spoken: got %v, %v; want %v, %v", a.IP, a.Spoken, tt.ip, tt.spoken)
			}
			if a.Input != tt.in {
				t.Errorf("input: got %q, want %q", a.Input, tt.in)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, code, msg string
	}{
		{"empty", "   ", hangup.EINVALID, "No website address"},
		{"no address in text", "please call me back", hangup.EINVALID, "No website address was found"},
		{"single label", "anydesk", hangup.EINVALID, "needs an ending"},
		{"invalid punycode", "xn--zz.com", hangup.EINVALID, "not a valid website name"},
		{"control character", "micro\x07soft.com", hangup.EINVALID, "control character"},
		{"bidi override", "moc.\u202etfosorcim", hangup.EINVALID, "control character"},
		{"invalid utf-8", "micro\xffsoft.com", hangup.EINVALID, "not text"},
		{"javascript", "javascript:alert(1)", hangup.EINVALID, "not a website address"},
		{"mailto", "mailto:someone@example.com", hangup.EINVALID, "not a website address"},
		{"bad port", "example.com:99999", hangup.EINVALID, "invalid port"},
		{"bad ip", "http://1.2.3.999/", hangup.EINVALID, "not a valid IP"},
		{"empty label", "a..example.com", hangup.EINVALID, "empty part"},
		{"bad characters", "exa!mple.com", hangup.EINVALID, "cannot appear"},
		{"overlong input", "https://example.com/" + strings.Repeat("a", MaxInput), hangup.ETOOLARGE, "too long"},
		{"overlong host", strings.Repeat("abcdefghi.", 30) + "com", hangup.ETOOLARGE, "too long"},
		{"overlong label", strings.Repeat("a", 64) + ".com", hangup.ETOOLARGE, "too long"},
		{"unclosed ipv6", "http://[2001:db8::1/", hangup.EINVALID, "unclosed"},
		{"broken escape", "http://exa%zzmple.com/", hangup.EINVALID, "%-escape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.in, a)
			}
			if got := hangup.ErrorCode(err); got != tt.code {
				t.Errorf("code: got %q, want %q (%v)", got, tt.code, err)
			}
			if !strings.Contains(hangup.ErrorMessage(err), tt.msg) {
				t.Errorf("message: got %q, want it to contain %q", hangup.ErrorMessage(err), tt.msg)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	text := "Hello, this is Windows support. Go to any desk dot com and then visit www.micros0ft-help.com/fix. " +
		"Don't go to anydesk.com again, and ignore version 1.2.3 and e.g. this."
	got := Extract(text, 0)
	want := []string{"anydesk.com", "www.micros0ft-help.com/fix"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Extract: got %q, want %q", got, want)
	}
	if got := Extract(text, 1); len(got) != 1 {
		t.Errorf("Extract with max 1: got %d addresses, want 1", len(got))
	}
	if got := Extract("nothing to see here", 0); len(got) != 0 {
		t.Errorf("Extract of plain text: got %q, want none", got)
	}
}

func TestSkeleton(t *testing.T) {
	tests := []struct{ in, want string }{
		{"microsoft", "microsoft"},
		{"micros0ft", "microsoft"},
		{"rnicrosoft", "microsoft"},
		{"paypa1", "paypal"},
		{"аррӏе", "apple"},         // all Cyrillic
		{"micrоsoft", "microsoft"}, // one Cyrillic о
		{"mícrosöft", "microsoft"}, // accents
		{"vvikipedia", "wikipedia"},
		{"ⅿicrosoft", "ⅿicrosoft"}, // not in the table: IDNA maps it before we see it
	}
	for _, tt := range tests {
		if got := string(skeleton(tt.in, nil)); got != tt.want {
			t.Errorf("skeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !mixedScript("pаypal") || mixedScript("paypal") || mixedScript("аррӏе") {
		t.Error("mixedScript: want true only for a label mixing Latin and Cyrillic")
	}
	if latin, ok := wholeScriptConfusable("аррӏе", nil); !ok || latin != "apple" {
		t.Errorf("wholeScriptConfusable(аррӏе) = %q, %v; want apple, true", latin, ok)
	}
	if _, ok := wholeScriptConfusable("пример", nil); ok {
		t.Error("wholeScriptConfusable(пример) = true, want false: п, м, е… don't all read as Latin")
	}
}

func TestOSA1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"microsoft", "microsoft", true}, {"microsoft", "mircosoft", true}, {"microsoft", "microsft", true},
		{"microsoft", "microsofft", true}, {"microsoft", "microsaft", true}, {"microsoft", "micrsft", false},
		{"abcd", "bcda", false}, {"abc", "acb", true}, {"", "a", true}, {"ab", "ba", true},
	}
	for _, tt := range tests {
		if got := osa1(tt.a, tt.b); got != tt.want {
			t.Errorf("osa1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
