package http

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/report"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// funcs are the template functions every page may use.
var funcs = template.FuncMap{
	"telHref": func(n string) template.URL {
		var b strings.Builder
		for _, r := range n {
			if r == '+' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return template.URL("tel:" + b.String())
	},
	"isURL": func(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") },
	"policyLabel": func(c hangup.PolicyCode) string {
		return policyLabels[c]
	},
	"policyCode": func(s string) hangup.PolicyCode { return hangup.PolicyCode(s) },
	"roleLabel": func(r hangup.NumberRole) string {
		switch r {
		case hangup.RoleCallsOut:
			return "They may call you from this number"
		case hangup.RoleReceivesOnly:
			return "For calling them only: they never call out from it"
		case hangup.RoleSupport:
			return "Support line: call them on this"
		}
		return string(r)
	},
	"checked":     func(set map[string]bool, k string) bool { return set[k] },
	"siteVerdict": siteVerdictLabel,
	"highlight":   highlight,
	"money":       report.FormatMoney,
	"linkKind":    hangup.LinkKindLabel,
	"source":      hangup.SourceLabel,
	"add":         func(a, b int) int { return a + b },
	"scamType":    func(s string) string { return hangup.ScamType(s).Label() },
	"join":        strings.Join,
	"lower":       strings.ToLower,
	// host shows a source's web address by its site: the link keeps the
	// whole address, the page stays short.
	"host": func(s string) string {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return strings.TrimPrefix(u.Host, "www.")
		}
		return s
	},
	// bare writes a web address without its scheme, as people read it.
	"bare": func(s string) string {
		return strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://"), "/")
	},
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

// highlight returns text, escaped, with the indicators' evidence marked. It
// works on the indicators' byte offsets into text; spans out of range or in
// the middle of a character are skipped rather than trusted.
func highlight(text string, inds []hangup.Indicator) template.HTML {
	type span struct{ start, end int }
	var spans []span
	for _, in := range inds {
		a, b := in.ByteStart, in.ByteEnd
		if a < 0 || b > len(text) || a >= b || !utf8.RuneStart(text[a]) || (b < len(text) && !utf8.RuneStart(text[b])) {
			continue
		}
		spans = append(spans, span{a, b})
	}
	slices.SortFunc(spans, func(x, y span) int { return x.start - y.start })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	var b strings.Builder
	pos := 0
	for _, sp := range merged {
		b.WriteString(template.HTMLEscapeString(text[pos:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		pos = sp.end
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

var policyLabels = map[hangup.PolicyCode]string{
	hangup.PolicyNoUnsolicitedCalls:  "Never calls you out of the blue",
	hangup.PolicyExistingCustomers:   "Only calls its existing customers",
	hangup.PolicyNoRemoteAccess:      "Never asks you to install remote-access software",
	hangup.PolicyNoGiftCardsOrCrypto: "Never asks for payment in gift cards or cryptocurrency",
	hangup.PolicyNoPasswords:         "Never asks for passwords, PINs or codes",
	hangup.PolicyNoPremiumRate:       "Has no premium-rate numbers",
	hangup.PolicyNoSafeAccount:       "Never asks you to move money to a \"safe account\"",
	hangup.PolicyNoNumberInErrors:    "Its error messages never show a phone number",
	hangup.PolicyNoBankDetails:       "Never asks for bank or card details on a call",
	hangup.PolicyNoThreats:           "Never threatens arrest or legal action on a call",
	hangup.PolicyNoRedeliveryFee:     "Never asks for a redelivery or customs fee by phone or text",
	hangup.PolicyNoPaymentByPhone:    "Never demands payment over the phone",
	hangup.PolicyNoCashCollection:    "Never sends someone to collect cash, cards or valuables",
	hangup.PolicyNoLinksInTexts:      "Never sends texts or emails with links asking for your details",
	hangup.PolicyNoPersonalDetails:   "Never asks for your personal details out of the blue",
}

// siteVerdictLabel says a website's standing in plain words.
func siteVerdictLabel(v hangup.ReputationVerdict) string {
	switch v {
	case hangup.RepScam:
		return "Scam website"
	case hangup.RepSuspected:
		return "Suspected scam website"
	case hangup.RepVerified:
		return "Official website: never listed"
	case hangup.RepAllowed:
		return "Cleared by an analyst"
	}
	return "Not listed"
}
