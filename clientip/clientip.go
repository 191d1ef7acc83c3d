// Package clientip answers two questions every abuse control asks about a
// request: which address sent it, and which network that address belongs
// to.
//
// The address is the connection's peer unless the peer is one of the
// operator's own proxies (Proxies, from --trust-proxy). Then it is the
// rightmost X-Forwarded-For (or RFC 7239 Forwarded) entry that is not one
// of those proxies: each proxy appends the address it saw, so entries to the
// left of the nearest untrusted one were written by the client and prove
// nothing.
//
// The network is what an attacker has to pay for: an IPv4 /24 or an IPv6
// /48. One person or one rented server easily has many addresses inside
// one of those; having many of them means many providers, sites or tunnel
// accounts. Reporter evidence and failed sign-ins are counted per network.
package clientip

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// Network prefix lengths. See docs/security.md for why.
const (
	NetworkBits4 = 24 // IPv4: a /24, the smallest block routed on the internet
	NetworkBits6 = 48 // IPv6: a /48, what a site (or a free tunnel account) is given
	HostBits6    = 64 // IPv6: a /64 is one host's or one LAN's, never less
)

// Network returns the network a is counted in: its /24 (IPv4) or /48
// (IPv6). IPv4-mapped IPv6 addresses count as IPv4.
func Network(a netip.Addr) netip.Prefix {
	a = a.Unmap()
	bits := NetworkBits6
	if a.Is4() {
		bits = NetworkBits4
	}
	p, _ := a.Prefix(bits)
	return p
}

// Host returns the smallest unit one client is assumed to control: the
// address itself for IPv4, its /64 for IPv6 (every IPv6 host can pick any
// address in its /64). Per-client request limits and live-call caps key on
// it.
func Host(a netip.Addr) netip.Prefix {
	a = a.Unmap()
	bits := 32
	if a.Is6() {
		bits = HostBits6
	}
	p, _ := a.Prefix(bits)
	return p
}

// NetworkOf is Network for an address in text. Text that is not an IP
// address (a CLI's "cli", an empty string) is its own network.
func NetworkOf(addr string) string {
	if a, err := netip.ParseAddr(addr); err == nil {
		return Network(a).String()
	}
	return addr
}

// HostOf is Host for an address in text; text that is not an IP address
// is returned unchanged.
func HostOf(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	return Host(a).String()
}

// Proxies is the set of the operator's own reverse proxies. The zero value
// trusts nobody: forwarding headers are then ignored.
type Proxies struct {
	prefixes []netip.Prefix
}

// ErrBoolean is returned by ParseProxies for the old boolean form of
// --trust-proxy. Its message says what to write instead.
var ErrBoolean = errors.New(`--trust-proxy (HANGUP_TRUST_PROXY) no longer takes true: give the addresses of your own proxies, ` +
	`e.g. --trust-proxy 127.0.0.1 for a proxy on this machine, or --trust-proxy 10.0.0.0/8,192.168.1.5; ` +
	`Hangup then takes the client address from the last X-Forwarded-For entry those proxies did not write`)

// ParseProxies reads a list of proxy addresses and CIDR prefixes separated
// by commas or spaces: "127.0.0.1", "10.0.0.0/8, 2001:db8::/32". An empty
// list (or "false", "0", "off", "no": the old way to say none) trusts
// nobody. "true" and the other yes-words are refused with ErrBoolean: they
// used to trust every peer, which let any client pick its own address.
func ParseProxies(s string) (Proxies, error) {
	var p Proxies
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) == 1 {
		switch strings.ToLower(fields[0]) {
		case "false", "0", "off", "no":
			return p, nil
		case "true", "1", "on", "yes", "t":
			return p, ErrBoolean
		}
	}
	for _, f := range fields {
		if strings.Contains(f, "/") {
			pre, err := netip.ParsePrefix(f)
			if err != nil {
				return Proxies{}, fmt.Errorf("--trust-proxy: %q is not an IP address or CIDR prefix such as 10.0.0.0/8", f)
			}
			p.prefixes = append(p.prefixes, pre.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return Proxies{}, fmt.Errorf("--trust-proxy: %q is not an IP address or CIDR prefix such as 10.0.0.0/8", f)
		}
		a = a.Unmap()
		p.prefixes = append(p.prefixes, netip.PrefixFrom(a, a.BitLen()))
	}
	return p, nil
}

// Len returns how many addresses and prefixes are trusted.
func (p Proxies) Len() int { return len(p.prefixes) }

// String lists the trusted prefixes, comma-separated.
func (p Proxies) String() string {
	s := make([]string, len(p.prefixes))
	for i, pre := range p.prefixes {
		s[i] = pre.String()
	}
	return strings.Join(s, ",")
}

// Trusts reports whether a is one of the proxies.
func (p Proxies) Trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, pre := range p.prefixes {
		if pre.Contains(a) {
			return true
		}
	}
	return false
}

// Peer returns the address of a connection's peer as net/http writes
// RemoteAddr ("192.0.2.1:1234", "[2001:db8::1]:1234").
func Peer(remoteAddr string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(remoteAddr); err == nil {
		return ap.Addr().Unmap(), true
	}
	if a, err := netip.ParseAddr(remoteAddr); err == nil {
		return a.Unmap(), true
	}
	return netip.Addr{}, false
}

// Client returns the address of the client behind a request: the peer,
// or, when the peer is a trusted proxy, the rightmost forwarded address
// that is not. It reads X-Forwarded-For, and Forwarded when there is no
// X-Forwarded-For. When both are present and name different clients, or
// the entry to use is not an address ("unknown", an obfuscated name,
// garbage), the answer is the nearest trusted proxy: someone is forging
// headers, and they get no address of their choosing. ok is false only
// when remoteAddr itself is unreadable.
func (p Proxies) Client(remoteAddr string, h http.Header) (netip.Addr, bool) {
	peer, ok := Peer(remoteAddr)
	if !ok || len(p.prefixes) == 0 || !p.Trusts(peer) {
		return peer, ok
	}
	xff, fwd := h.Values("X-Forwarded-For"), h.Values("Forwarded")
	switch {
	case len(xff) > 0 && len(fwd) > 0:
		a := p.rightmost(peer, splitXFF(xff))
		if b := p.rightmost(peer, forwardedFor(fwd)); a != b {
			return peer, true
		}
		return a, true
	case len(xff) > 0:
		return p.rightmost(peer, splitXFF(xff)), true
	case len(fwd) > 0:
		return p.rightmost(peer, forwardedFor(fwd)), true
	}
	return peer, true
}

// rightmost walks the hops from the nearest (the right) and returns the
// first that is not a trusted proxy. An unreadable hop stops the walk at the
// last trusted one; a chain of trusted proxies only gives its leftmost.
func (p Proxies) rightmost(peer netip.Addr, hops []string) netip.Addr {
	last := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			return last
		}
		if !p.Trusts(a) {
			return a
		}
		last = a
	}
	return last
}

// maxHops bounds the entries read from forwarding headers: a real chain
// has a handful, and a request stuffed with thousands must cost nothing.
const maxHops = 32

func splitXFF(values []string) []string {
	var hops []string
	for _, v := range values {
		for h := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	if len(hops) > maxHops {
		hops = hops[len(hops)-maxHops:]
	}
	return hops
}

// parseHop reads one forwarded address: "192.0.2.1", "192.0.2.1:8080",
// "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:8080".
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), a.Zone() == ""
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), ap.Addr().Zone() == ""
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil && a.Is6() {
			return a.Unmap(), a.Zone() == ""
		}
	}
	return netip.Addr{}, false
}

// forwardedFor returns the for= value of each element of Forwarded header
// values (RFC 7239 section 4), in order. An element without for= gives
// "", which parseHop refuses.
func forwardedFor(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, elem := range splitQuoted(v, ',') {
			hop := ""
			for _, pair := range splitQuoted(elem, ';') {
				name, value, ok := strings.Cut(pair, "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "for") {
					continue
				}
				hop = unquote(strings.TrimSpace(value))
			}
			hops = append(hops, hop)
			if len(hops) > 4*maxHops {
				break
			}
		}
	}
	if len(hops) > maxHops {
		hops = hops[len(hops)-maxHops:]
	}
	return hops
}

// splitQuoted splits s at sep outside double-quoted strings.
func splitQuoted(s string, sep byte) []string {
	var out []string
	quoted, escaped, start := false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			escaped = false
		case quoted && c == '\\':
			escaped = true
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unquote removes the quotes of an RFC 7230 quoted-string; a token is
// returned as it is.
func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return strings.ReplaceAll(s[1:len(s)-1], `\`, "")
}
