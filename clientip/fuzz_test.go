package clientip

import (
	"net/http"
	"testing"
)

// FuzzClient feeds arbitrary forwarding headers to Client: it must never
// panic, must answer with an address, and must never answer with a trusted
// proxy's address unless that proxy is the peer or wrote the answer.
func FuzzClient(f *testing.F) {
	f.Add("203.0.113.1, 10.0.0.1", `for=192.0.2.60;proto=http;by=203.0.113.43`)
	f.Add("", `for="[2001:db8:cafe::17]:4711"`)
	f.Add("unknown, [::1]", `for="_gazonk", For="\"quoted\""`)
	f.Add(",,,", `;;;=,=,"`)
	proxies, _ := ParseProxies("127.0.0.1,10.0.0.0/8")
	f.Fuzz(func(t *testing.T, xff, fwd string) {
		h := http.Header{}
		if xff != "" {
			h.Set("X-Forwarded-For", xff)
		}
		if fwd != "" {
			h.Set("Forwarded", fwd)
		}
		a, ok := proxies.Client("127.0.0.1:80", h)
		if !ok || !a.IsValid() {
			t.Fatalf("Client(%q, %q) = %v %v", xff, fwd, a, ok)
		}
		// Untrusted peers are never moved by headers.
		if b, _ := proxies.Client("192.0.2.1:80", h); b.String() != "192.0.2.1" {
			t.Fatalf("headers moved an untrusted peer to %v", b)
		}
		Network(a)
		Host(a)
	})
}

// FuzzParseProxies: any text is a list, ErrBoolean or an error; never a
// panic.
func FuzzParseProxies(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "10.0.0.0/8, ::1", "true", "", "1.2.3.4/99", "::ffff:1.2.3.4/120"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseProxies(s)
		if err == nil {
			_ = p.String()
		}
	})
}
