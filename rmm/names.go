package rmm

import (
	"slices"
	"strings"
	"unicode"
)

// scamFavoured names (lower case, as LOLRMM spells them) the tools that
// tech-support scam studies and fraud reports name as the ones victims are
// asked to install: the S2 list of docs/scam-playbook.md (AnyDesk,
// TeamViewer, UltraViewer, Supremo, LogMeIn Rescue, ScreenConnect, Quick
// Assist, AnyViewer, RustDesk, Ammyy) and the others named with them in the
// LOLRMM data notes (HopToDesk, Splashtop, Zoho Assist, AeroAdmin), plus
// GoToAssist, whose fastsupport.com join page scammers read out.
var scamFavoured = map[string]bool{
	"anydesk": true, "teamviewer": true, "ultraviewer": true, "supremo": true,
	"logmein rescue": true, "screenconnect": true, "connectwise control": true,
	"microsoft quick assist": true, "quick assist": true, "anyviewer": true,
	"rustdesk": true, "ammyy admin": true, "hoptodesk": true, "splashtop": true,
	"splashtop remote": true, "zoho assist": true, "aeroadmin": true, "gotoassist": true,
}

// extraNames are spellings people use that the catalogue's names don't give
// by rule (split at capitals, parenthesised names, spaces removed): how the
// tools are said on the phone and mistyped in searches.
var extraNames = map[string][]string{
	"anydesk":                {"any desk"},
	"ammyy admin":            {"ammyy", "ammy admin", "ammy"},
	"logmein rescue":         {"log me in rescue", "logmein", "log me in"},
	"logmein":                {"log me in"},
	"screenconnect":          {"screen connect", "connectwise control"},
	"connectwise control":    {"screen connect", "screenconnect"},
	"microsoft quick assist": {"quick assist"},
	"gotoassist":             {"goto assist", "fastsupport", "fast support"},
	"chrome remote desktop":  {"google remote desktop"},
	"supremo":                {"supremo remote desktop", "supremo control"},
	"aweray":                 {"awesun", "awe sun"},
	"iperius remote":         {"iperius"},
	"netsupport manager":     {"netsupport", "net support"},
	"zoho assist":            {"zohoassist"},
}

// everyday holds names that are also ordinary words or phrases. A
// transcript saying "I can't find any support" or "the water level" is not
// naming a tool; the analyser should want more evidence for these.
var everyday = map[string]bool{
	"level": true, "any support": true, "remote pc": true, "simple help": true,
	"show my pc": true, "fast support": true, "terminals": true, "synergy": true,
	"remotely": true, "parsec": true, "electric ai": true, "free ping tool": true,
	"free tools launcher": true, "pocket controller": true, "total software deployment": true,
	"net monitor for employees": true, "remote desktop plus": true, "to desk": true,
	"insync": true, "basecamp": true, "net support": true, "go to opener": true,
	"vnc": true, "royal apps": true,
}

// sharedPatterns are LOLRMM patterns that name hosts serving everyone, not
// only the tool: LOLRMM lists them because a tool downloads from or talks to
// them, but calling all of github.com or zoho.com "a remote-access tool"
// would be wrong and would alarm people for nothing. Load sets them aside.
var sharedPatterns = map[string]string{
	"github.com":                    "code hosting that serves everyone's software",
	"raw.githubusercontent.com":     "code hosting that serves everyone's software",
	"objects.githubusercontent.com": "code hosting that serves everyone's software",
	"ghcr.io":                       "code hosting that serves everyone's software",
	"stunserver.stunprotocol.org":   "a public network service many programs use",
	"*.zoho.com":                    "all of Zoho (mail, office apps), not only Zoho Assist; assist.zoho.com stays",
	"*.zoho.eu":                     "all of Zoho, not only Zoho Assist",
	"*.zoho.in":                     "all of Zoho, not only Zoho Assist",
	"*.zoho.com.au":                 "all of Zoho, not only Zoho Assist",
	"*.zoho.com.cn":                 "all of Zoho, not only Zoho Assist",
	"*.sophos.com":                  "all of Sophos, an antivirus maker, not only its management console",
	"*.freshworks.com":              "Freshworks' help-desk and chat services, embedded in many companies' websites",
	"*.myfreshworks.com":            "Freshworks' help-desk and chat services, embedded in many companies' websites",
	"*.freshchat.com":               "Freshworks' help-desk and chat services, embedded in many companies' websites",
	"*.webpush.freshchat.com":       "Freshworks' help-desk and chat services, embedded in many companies' websites",
	"apicdn-wchat.freshchat.com":    "Freshworks' help-desk and chat services, embedded in many companies' websites",
}

// namesFor derives every name of a tool from its catalogue name: the name
// itself, the name split at capitals ("AnyDesk" → "any desk"), names in
// parentheses ("BeyondTrust (Bomgar)" → "bomgar"), each also without spaces,
// plus extraNames. It returns the names, the catalogue name's form first, and
// the subset that are everyday words.
func namesFor(name string) (names, everydayNames []string) {
	add := func(s string) {
		n := NormaliseName(s)
		if n == "" {
			return
		}
		for _, v := range []string{n, strings.ReplaceAll(n, " ", "")} {
			if !slices.Contains(names, v) {
				names = append(names, v)
			}
		}
	}
	main := baseName(name)
	_, paren, _ := strings.Cut(name, "(")
	paren = strings.TrimSuffix(strings.TrimSpace(paren), ")")
	add(main)
	add(splitCamel(main))
	add(strings.TrimSuffix(strings.TrimSpace(main), ".exe"))
	if p := parenName(paren); p != "" {
		add(p)
		add(splitCamel(p))
	}
	for _, e := range extraNames[strings.ToLower(name)] {
		add(e)
	}
	for _, n := range names {
		if everyday[n] {
			everydayNames = append(everydayNames, n)
		}
	}
	return names, everydayNames
}

// parenName returns the other name a parenthesis gives ("Now Datto",
// "formerly NinjaRMM", "aka Impero Connect"), or "" when the parenthesis is
// a description rather than a name ("of the VNC").
func parenName(p string) string {
	for _, prefix := range []string{"also known as ", "aka ", "formerly ", "now "} {
		if len(p) > len(prefix) && strings.EqualFold(p[:len(prefix)], prefix) {
			p = p[len(prefix):]
		}
	}
	if p == "" || !unicode.IsUpper([]rune(p)[0]) || notNames[strings.ToLower(p)] {
		return ""
	}
	return p
}

// notNames are parenthesised words in catalogue names that describe a
// variant rather than name the tool: "PSEXEC (Clone)" is not called
// "clone".
var notNames = map[string]bool{"remote access": true, "clone": true, "beta": true}

// baseName is a catalogue name without its parenthesis: "Kaseya (VSA)" →
// "Kaseya".
func baseName(name string) string {
	main, _, _ := strings.Cut(name, "(")
	return strings.TrimSpace(main)
}

// splitCamel inserts a space at each lower-to-upper change: "TeamViewer" →
// "Team Viewer", "HopToDesk" → "Hop To Desk". Runs of capitals stay
// together ("ShowMyPC" → "Show My PC").
func splitCamel(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
