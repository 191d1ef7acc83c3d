package site

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
)

// Caps on what Parse accepts. Browsers and DNS impose the host limits; the
// input cap keeps a pasted page from costing more than an address.
const (
	MaxInput = 4096 // bytes of input: a URL or a sentence holding one
	MaxHost  = 253  // bytes of the ASCII host, the DNS limit
	MaxLabel = 63   // bytes of one ASCII label, the DNS limit
)

// Address is one website address, parsed the way a browser would read it.
type Address struct {
	Input    string // as given
	URL      string // normalised: scheme://host[:port]/path[?query], host in ASCII, no userinfo
	Scheme   string // "http" or "https"; "https" when none was given
	Host     string // lower case ASCII (punycode for international names), no trailing dot
	Unicode  string // Host with international labels in Unicode
	Port     string // "" when none was given
	Path     string // "/" when none was given
	Query    string // without the "?"
	Userinfo string // what came before "@" in the authority: a trick, the browser ignores it
	Domain   string // registrable domain: public suffix plus one label; Host for IPs and bare suffixes
	Suffix   string // public suffix from the Public Suffix List ("com", "co.uk", "github.io")
	ICANN    bool   // Suffix is an ICANN top-level domain rule rather than a private one (github.io)
	Listed   bool   // the top-level domain exists (is on the Public Suffix List)
	IP       bool   // Host is an IPv4 or IPv6 literal (IPv6 without brackets)
	Spoken   bool   // the address was found in a sentence or spelled out in words
}

// Site returns the label that names the site within its registrable domain:
// "micros0ft-support" for www.micros0ft-support.com, "mysite" for
// mysite.github.io. It is "" for IPs.
func (a *Address) Site() string {
	if a.IP || a.Domain == a.Suffix {
		return ""
	}
	return strings.TrimSuffix(a.Domain, "."+a.Suffix)
}

// Subdomain returns the labels before the registrable domain, "" if none.
func (a *Address) Subdomain() string {
	if a.IP || len(a.Host) <= len(a.Domain) {
		return ""
	}
	return a.Host[:len(a.Host)-len(a.Domain)-1]
}

// profile converts hosts the way browsers do (UTS #46, non-transitional) but
// accepts underscores and "--" in the third and fourth places, which real
// hosts use (r3---sn-abc.googlevideo.com); the ASCII result is then checked
// for characters DNS cannot carry.
var profile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
	idna.StrictDomainName(false), idna.CheckHyphens(false))

// Parse reads one website address as people write or say it: a URL with or
// without scheme ("www.microsoft-support.help/fix"), a bare host in any case
// with or without a trailing dot, an international name in Unicode or
// punycode, a defanged address ("hxxp://evil[.]example"), or a sentence that
// holds one, typed or spoken ("go to anydesk dot com", "w w w dot …"); the
// first address in a sentence is taken. Returns EINVALID for input that holds
// no usable web address or a malformed one (invalid punycode, control
// characters, a bad port or IP, a host without an ending), ETOOLARGE for
// input over MaxInput or a host over MaxHost.
func Parse(input string) (Address, error) {
	if len(input) > MaxInput {
		return Address{}, hangup.Errorf(hangup.ETOOLARGE, "That is too long to be a website address (over %d characters).", MaxInput)
	}
	if !utf8.ValidString(input) {
		return Address{}, invalid("The address contains bytes that are not text.")
	}
	if r, ok := controlRune(input); ok {
		return Address{}, invalid("The address contains an invisible control character (U+%04X). Addresses with hidden characters are often tricks; type the address yourself.", r)
	}
	s := defang(strings.TrimSpace(input))
	if s == "" {
		return Address{}, invalid("No website address was given.")
	}
	if hasSpace(s) {
		cands := candidates(s)
		if len(cands) == 0 {
			return Address{}, invalid("No website address was found in %q.", clip(input))
		}
		var first error
		for _, c := range cands {
			a, err := parseURL(c)
			if err == nil {
				a.Input, a.Spoken = input, true
				return a, nil
			}
			if first == nil {
				first = err
			}
		}
		return Address{}, first
	}
	a, err := parseURL(s)
	a.Input = input
	return a, err
}

// hasSpace reports whether s holds white space, quickly for ASCII.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c >= '\t' && c <= '\r' {
				return true
			}
			continue
		}
		return strings.IndexFunc(s[i:], unicode.IsSpace) >= 0
	}
	return false
}

// Extract returns every website address found in free text (a transcript, a
// message), written or spoken, in order and without repeats, each in a form
// Parse accepts. At most max addresses are returned (max <= 0: all); only
// the first 64 KiB of text are read.
func Extract(text string, max int) []string {
	if len(text) > 16*MaxInput {
		text = text[:16*MaxInput]
	}
	text = strings.ToValidUTF8(text, " ")
	var out []string
	for _, c := range candidates(defang(text)) {
		if _, err := parseURL(c); err != nil {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == c
		}
		if !dup {
			out = append(out, c)
			if max > 0 && len(out) == max {
				break
			}
		}
	}
	return out
}

func invalid(format string, args ...any) error {
	return hangup.Errorf(hangup.EINVALID, format, args...)
}

// clip shortens input for quoting in an error message.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 57
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// controlRune finds characters that have no business in an address and are
// used to disguise one: C0 and C1 controls other than ordinary whitespace,
// DEL, and the bidirectional overrides that reverse how text is shown.
func controlRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			return r, true
		}
	}
	return 0, false
}

// defang undoes the ways analysts and warnings write addresses so that
// nobody clicks them: hxxp://, [.], (.), [dot].
func defang(s string) string {
	if !strings.ContainsAny(s, "[({") && !containsFold(s, "hxxp") {
		return s
	}
	return defanger.Replace(s)
}

var defanger = strings.NewReplacer("[.]", ".", "(.)", ".", "{.}", ".", "[dot]", ".", "(dot)", ".",
	"[:]", ":", "hxxps", "https", "hxxp", "http", "HXXPS", "https", "HXXP", "http")

// containsFold reports whether s contains the lower-case ASCII word w in any
// case, without allocating.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && s[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// parseURL parses one address with no spaces in it.
func parseURL(s string) (Address, error) {
	s = trimWrapping(s)
	a := Address{Input: s, Scheme: "https"}
	rest := s
	if i := strings.Index(rest, "://"); i > 0 && isScheme(rest[:i]) {
		a.Scheme = strings.ToLower(rest[:i])
		rest = rest[i+3:]
	} else if i := strings.IndexByte(rest, ':'); i > 0 && isScheme(rest[:i]) && !strings.Contains(rest[:i], ".") && !isPortAfter(rest[i+1:]) {
		// "http:example.com" and "https:/example.com" reach example.com in a
		// browser; "javascript:…" and "mailto:…" are not web addresses.
		a.Scheme = strings.ToLower(rest[:i])
		rest = strings.TrimLeft(rest[i+1:], `/\`)
	} else {
		rest = strings.TrimLeft(rest, `/\`)
	}
	if a.Scheme != "http" && a.Scheme != "https" {
		return Address{}, invalid("%q is not a website address (it starts with %q).", clip(s), a.Scheme+":")
	}
	// Browsers end the authority at the first slash, backslash, ? or #.
	auth, tail := rest, ""
	if i := strings.IndexAny(rest, `/\?#`); i >= 0 {
		auth, tail = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		a.Userinfo, auth = auth[:i], auth[i+1:]
	}
	host := auth
	if strings.HasPrefix(auth, "[") {
		j := strings.IndexByte(auth, ']')
		if j < 0 {
			return Address{}, invalid("The address %q has an unclosed [ in its host.", clip(s))
		}
		host, a.Port = auth[1:j], strings.TrimPrefix(auth[j+1:], ":")
		if auth[j+1:] != "" && !strings.HasPrefix(auth[j+1:], ":") {
			return Address{}, invalid("The address %q has text after its IP address.", clip(s))
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !ip.Is6() {
			return Address{}, invalid("The address %q has an invalid IPv6 address.", clip(s))
		}
		a.Host, a.Unicode, a.IP = ip.String(), ip.String(), true
	} else if i := strings.LastIndexByte(auth, ':'); i >= 0 {
		host, a.Port = auth[:i], auth[i+1:]
	}
	if a.Port != "" {
		n, err := strconv.Atoi(a.Port)
		if err != nil || n < 0 || n > 65535 || strings.HasPrefix(a.Port, "+") {
			return Address{}, invalid("The address %q has an invalid port %q.", clip(s), clip(a.Port))
		}
		a.Port = strconv.Itoa(n)
	}
	if !a.IP {
		if err := a.setHost(host); err != nil {
			return Address{}, err
		}
	}
	a.Path, a.Query = "/", ""
	if tail != "" {
		path := tail
		if i := strings.IndexByte(path, '#'); i >= 0 {
			path = path[:i]
		}
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path, a.Query = path[:i], path[i+1:]
		}
		path = strings.ReplaceAll(path, `\`, "/")
		if path != "" {
			a.Path = path
		}
	}
	var u strings.Builder
	u.Grow(len(a.Scheme) + len(a.Host) + len(a.Port) + len(a.Path) + len(a.Query) + 8)
	u.WriteString(a.Scheme)
	u.WriteString("://")
	if a.IP && strings.Contains(a.Host, ":") {
		u.WriteString("[" + a.Host + "]")
	} else {
		u.WriteString(a.Host)
	}
	if a.Port != "" {
		u.WriteByte(':')
		u.WriteString(a.Port)
	}
	u.WriteString(a.Path)
	if a.Query != "" {
		u.WriteByte('?')
		u.WriteString(a.Query)
	}
	a.URL = u.String()
	return a, nil
}

// trimWrapping removes what wraps an address in prose: quotes, angle
// brackets, parentheses and trailing punctuation. Square brackets stay when
// they enclose an IPv6 address.
func trimWrapping(s string) string {
	if s == "" || !wrapByte(s[0]) && !wrapByte(s[len(s)-1]) {
		return s // the common case: nothing to trim
	}
	for {
		t := strings.TrimLeft(s, `"'<({“‘«`)
		t = strings.TrimRight(t, `"'>)},;!?”’».:`)
		if strings.HasPrefix(t, "[") && !strings.Contains(t, "]") {
			t = t[1:]
		}
		if strings.HasSuffix(t, "]") && !strings.Contains(t, "[") {
			t = t[:len(t)-1]
		}
		if t == s {
			return s
		}
		s = t
	}
}

// wrapByte reports whether c may start or end wrapping: ASCII quotes,
// brackets and punctuation, or the first or last byte of a typographic
// quote.
func wrapByte(c byte) bool {
	return c >= 0x80 || strings.IndexByte(`"'<>(){}[],;!?.:`, c) >= 0
}

func isScheme(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= 'a' && c <= 'z' || i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
			return false
		}
	}
	return true
}

// isPortAfter reports whether what follows a colon is a port ("example.com:8080"),
// so that "example.com:8080" is not read as scheme "example.com".
func isPortAfter(s string) bool {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(s) || strings.ContainsRune(`/\?#`, rune(s[n])))
}

// setHost validates and converts the host part and fills Host, Unicode,
// Domain, Suffix, ICANN, Listed and IP.
func (a *Address) setHost(host string) error {
	if strings.Contains(host, "%") {
		h, err := url.PathUnescape(host)
		if err != nil || !utf8.ValidString(h) {
			return invalid("The host %q has a broken %%-escape.", clip(host))
		}
		host = h
		if r, ok := controlRune(host); ok {
			return invalid("The host hides a control character (U+%04X).", r)
		}
	}
	host = strings.TrimRight(host, ".")
	if host == "" {
		return invalid("The address has no host (the part like example.com).")
	}
	if len(host) > 4*MaxHost {
		return hangup.Errorf(hangup.ETOOLARGE, "The host is too long to be real (over %d characters).", MaxHost)
	}
	ascii, ok := fastASCII(host)
	if !ok {
		var err error
		ascii, err = profile.ToASCII(host)
		if err != nil {
			return invalid("%q is not a valid website name: %s.", clip(host), idnaReason(err))
		}
		if !validASCIIHost(ascii) {
			return invalid("%q has characters that cannot appear in a website name.", clip(host))
		}
	}
	if len(ascii) > MaxHost {
		return hangup.Errorf(hangup.ETOOLARGE, "The host is too long to be real (%d characters; the limit is %d).", len(ascii), MaxHost)
	}
	last := ""
	for l := range strings.SplitSeq(ascii, ".") {
		if l == "" {
			return invalid("%q has an empty part between dots.", clip(host))
		}
		if len(l) > MaxLabel {
			return hangup.Errorf(hangup.ETOOLARGE, "One part of the host is too long (%d characters; the limit is %d).", len(l), MaxLabel)
		}
		last = l
	}
	if ip, ok, err := parseIPv4(ascii, last); ok || err != nil {
		if err != nil {
			return err
		}
		a.Host, a.Unicode, a.Domain, a.IP = ip, ip, ip, true
		return nil
	}
	if !strings.Contains(ascii, ".") {
		return invalid("%q is not a complete website address: it needs an ending such as .com.", clip(host))
	}
	a.Host, a.Unicode = ascii, ascii
	if strings.Contains(ascii, "xn--") {
		u, err := profile.ToUnicode(ascii)
		if err != nil {
			return invalid("%q is not a valid website name: %s.", clip(host), idnaReason(err))
		}
		a.Unicode = u
	}
	suffix, icann := publicsuffix.PublicSuffix(ascii)
	a.Suffix, a.ICANN = suffix, icann
	a.Listed = icann
	if !icann {
		// A private suffix (github.io) sits under a real TLD; an unknown TLD
		// gets the default rule, which is neither ICANN nor private.
		_, a.Listed = publicsuffix.PublicSuffix("x." + last)
	}
	if ascii == suffix {
		a.Domain = ascii
	} else {
		a.Domain = ascii[strings.LastIndexByte(ascii[:len(ascii)-len(suffix)-1], '.')+1:]
	}
	return nil
}

// fastASCII lower-cases a host that needs no IDNA processing: ASCII
// letters, digits, hyphens, underscores and dots, with no punycode label. It
// reports false when the host needs the full conversion.
func fastASCII(host string) (string, bool) {
	upper := false
	for i := 0; i < len(host); i++ {
		c := host[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '.', c == '_':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", false
		}
	}
	if upper {
		host = strings.ToLower(host)
	}
	if strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--") {
		return "", false
	}
	return host, true
}

func validASCIIHost(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// idnaReason turns an idna error into words.
func idnaReason(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "invalid label"):
		return "one part is not valid (bad punycode or characters not allowed in names)"
	case strings.Contains(msg, "disallowed rune"):
		return "it contains characters not allowed in website names"
	case strings.Contains(msg, "bidi"), strings.Contains(msg, "Bidi"):
		return "it mixes right-to-left and left-to-right writing in a way names may not"
	}
	return "it cannot be converted to a valid name"
}

// parseIPv4 reads the host as an IPv4 address the way browsers do (WHATWG
// URL standard): when the last label is a number, the host is an IPv4
// address in any of its forms (dotted quad, a single decimal number,
// octal or hex parts), or invalid. ok is false when the host is a name.
func parseIPv4(host, last string) (ip string, ok bool, err error) {
	if !isIPNumber(last) {
		return "", false, nil
	}
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return "", true, invalid("%q is not a valid IP address.", clip(host))
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, good := ipNumber(p)
		if !good {
			return "", true, invalid("%q is not a valid IP address.", clip(host))
		}
		nums[i] = n
	}
	var v uint64
	for i, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", true, invalid("%q is not a valid IP address.", clip(host))
		}
		v |= n << (8 * (3 - i))
	}
	lastN := nums[len(nums)-1]
	if lastN >= 1<<(8*(5-len(nums))) {
		return "", true, invalid("%q is not a valid IP address.", clip(host))
	}
	v |= lastN
	b := [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
	return netip.AddrFrom4(b).String(), true, nil
}

func isIPNumber(s string) bool {
	_, ok := ipNumber(s)
	return ok
}

// ipNumber parses one IPv4 part: decimal, octal with a leading 0, or hex
// with 0x.
func ipNumber(s string) (uint64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false // names are by far the common case: no parsing, no error value
	}
	base := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, s = 16, s[2:]
		if s == "" {
			return 0, true
		}
	case len(s) >= 2 && s[0] == '0':
		base, s = 8, s[1:]
	}
	n, err := strconv.ParseUint(s, base, 64)
	if err != nil || n > 1<<32 {
		return 0, false
	}
	return n, true
}
