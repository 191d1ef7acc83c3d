package page

import (
	"cmp"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/rmm"
)

// Sign codes. They are stable: integrations switch on them.
const (
	CodeFakeVirusWarning = "page_fake_virus_warning" // "virus detected", "Windows Defender security alert"
	CodeLockedScreen     = "page_locked_computer"    // "your computer has been locked", "do not restart", error codes
	CodeCallSupport      = "page_call_support"       // "call Microsoft support", "toll-free helpline"
	CodePhoneShown       = "page_phone_number"       // a phone number on a page with the signs above
	CodeTrapsScreen      = "page_traps_screen"       // full screen, pointer or keyboard lock by script
	CodeAutoplaySound    = "page_autoplay_sound"     // sound that plays by itself
	CodeRemoteToolLink   = "page_remote_tool_download"
	CodeNotFetched       = "page_not_fetched" // the page could not be had; why is in the message
)

// ScamScore is the score at which a page is called a tech-support scam
// page; it also needs a warning, a lock screen or a call to support: a page
// that only plays sound or offers a download is not one.
const ScamScore = 5

var (
	reVirus  = regexp.MustCompile(`(virus|viruses|trojan|spyware|malware|ransomware|adware|zeus)[^.!]{0,60}(detected|found|infected|alert|warning|removal)|infected with|(windows|microsoft) defender[^.!]{0,40}(alert|warning|security|scan)|(security|virus|malware) (alert|warning)|your (computer|pc|device|system|mac|iphone|windows)[^.!]{0,20}(is|has been|may be|are) (infected|at risk|compromised|hacked|damaged)`)
	reLocked = regexp.MustCompile(`(computer|pc|device|browser|system|windows|access to this|your mac)[^.!]{0,30}(has been|is|was|been) (locked|blocked|suspended|disabled)|do not (close|shut down|restart|turn off|ignore)|(error|code)[ :#]{0,3}(0x[0-9a-f]{6,}|dw6vb36|268d3)|(registration|license) key[^.!]{0,20}(expired|blocked)`)
	reCall   = regexp.MustCompile(`(call|contact|phone|dial|ring)[^.!]{0,40}(support|technician|helpline|help desk|helpdesk|microsoft|apple|windows|toll[- ]free|immediately)|(toll[- ]free|support|tech)[^.!]{0,20}(number|helpline|hotline)`)
	reTrap   = regexp.MustCompile(`requestfullscreen|webkitrequestfullscreen|mozrequestfullscreen|msrequestfullscreen|requestpointerlock|keyboard\.lock\(`)
	reAudio  = regexp.MustCompile(`new audio\(|\.play\(\)`)
	reBrand  = regexp.MustCompile(`microsoft|windows|apple|macos|icloud|norton|mcafee|amazon|paypal`)
	reExe    = regexp.MustCompile(`[a-z0-9_-]+\.(exe|msi|dmg|pkg|apk)\b`)
)

// Signs reads a page's marks of a tech-support scam. tools, when not nil,
// recognises download links of remote-access tools; phones is how many
// phone numbers the page shows. It returns the signs (most serious first),
// the score, the tools linked, and whether the page is a scam page.
func Signs(d Doc, base *url.URL, tools *Tools, phones int) (signs []hangup.Reason, score int, linked []string, scam bool) {
	add := func(code string, sev hangup.Severity, weight int, msg string) {
		signs = append(signs, hangup.Reason{Code: code, Severity: sev, Message: msg})
		score += weight
	}
	all := d.Text + "\n" + d.Script
	brand := "a well-known company"
	if m := reBrand.FindString(d.Title + " " + d.Text); m != "" {
		brand = brandName(m)
	}
	virus := reVirus.MatchString(all)
	locked := reLocked.MatchString(all)
	call := reCall.MatchString(all)
	if virus {
		add(CodeFakeVirusWarning, hangup.SeverityHigh, 3, "The page shows a virus or security warning, made to look like it comes from "+brand+". Websites cannot see viruses on your computer: a page that says so is lying.")
	}
	if locked {
		add(CodeLockedScreen, hangup.SeverityHigh, 3, "The page says your computer is locked or blocked, or tells you not to close or restart it. That is a trick: closing the page or restarting the computer is safe.")
	}
	if call {
		add(CodeCallSupport, hangup.SeverityHigh, 2, "The page tells you to call a support line. Real warnings from Microsoft, Apple or your antivirus never ask you to phone anyone.")
	}
	if phones > 0 && (virus || locked || call) {
		add(CodePhoneShown, hangup.SeverityHigh, 1, "The page shows a phone number to call. Whoever answers is the scammer, not "+brand+".")
	}
	if reTrap.MatchString(d.Script) {
		add(CodeTrapsScreen, hangup.SeverityMedium, 2, "The page has code to take over the whole screen or the keyboard, so that it seems you cannot get away from it. Press and hold the Esc key, or close the browser.")
	}
	if d.Autoplay || reAudio.MatchString(d.Script) {
		add(CodeAutoplaySound, hangup.SeverityMedium, 1, "The page plays sound by itself, such as an alarm or a recorded voice, to frighten you.")
	}
	if tools != nil {
		linked = toolLinks(d, base, tools)
		if len(linked) > 0 {
			add(CodeRemoteToolLink, hangup.SeverityHigh, 2, "The page offers a download of "+strings.Join(linked, ", ")+", a remote-access tool that lets someone else control your computer. Don't install it for someone who contacted you.")
		}
	}
	slices.SortStableFunc(signs, func(x, y hangup.Reason) int { return cmp.Compare(y.Severity.Rank(), x.Severity.Rank()) })
	scam = score >= ScamScore && (virus || locked || call)
	return signs, score, linked, scam
}

func brandName(m string) string {
	switch m {
	case "microsoft", "windows":
		return "Microsoft"
	case "apple", "macos", "icloud":
		return "Apple"
	case "mcafee":
		return "McAfee"
	case "paypal":
		return "PayPal"
	}
	return strings.ToUpper(m[:1]) + m[1:]
}

// toolLinks finds the remote-access tools that the page's links lead to:
// by the tool's own site or relay (the LOLRMM catalogue), or by an
// installer's file name.
func toolLinks(d Doc, base *url.URL, tools *Tools) []string {
	var out []string
	addTool := func(name string) {
		if name != "" && !slices.Contains(out, name) && len(out) < 5 {
			out = append(out, name)
		}
	}
	for _, l := range d.Links {
		u, err := url.Parse(strings.TrimSpace(l))
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		host := strings.ToLower(u.Hostname())
		if host != "" && (base == nil || host != strings.ToLower(base.Hostname())) {
			if t, ok := tools.cat.MatchDomain(host); ok {
				addTool(t.Name)
				continue
			}
		}
		if file := reExe.FindString(strings.ToLower(u.Path)); file != "" {
			addTool(tools.file(file))
		}
	}
	for _, f := range reExe.FindAllString(d.Script, 20) {
		addTool(tools.file(f))
	}
	return out
}

// Tools recognises remote-access tools in links: by the catalogue's
// domains, and by installer file names of the tools scammers favour
// (AnyDesk.exe, TeamViewerQS.exe, Supremo.exe).
type Tools struct {
	cat   *rmm.Catalogue
	names []toolName // compact name → tool, longest first
}

type toolName struct{ compact, tool string }

// NewTools indexes cat for page links.
func NewTools(cat *rmm.Catalogue) *Tools {
	t := &Tools{cat: cat}
	for _, tool := range cat.Tools() {
		if !tool.ScamFavoured {
			continue
		}
		for _, n := range tool.Names {
			if c := strings.ReplaceAll(n, " ", ""); len(c) >= 6 {
				t.names = append(t.names, toolName{c, tool.Name})
			}
		}
	}
	slices.SortFunc(t.names, func(a, b toolName) int { return cmp.Compare(len(b.compact), len(a.compact)) })
	return t
}

// file names the tool whose installer a file name is, or "".
func (t *Tools) file(name string) string {
	base := name
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	base = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, base)
	for _, n := range t.names {
		if strings.HasPrefix(base, n.compact) {
			return n.tool
		}
	}
	return ""
}
