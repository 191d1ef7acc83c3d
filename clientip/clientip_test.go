package clientip

import (
	"errors"
	"net/http"
	"net/netip"
	"testing"
)

func TestNetworkAndHost(t *testing.T) {
	tests := []struct {
		addr, network, host string
	}{
		{"203.0.113.77", "203.0.113.0/24", "203.0.113.77"},
		{"::ffff:203.0.113.77", "203.0.113.0/24", "203.0.113.77"},
		{"2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::/48", "2001:db8:abcd:12::/64"},
		{"cli", "cli", "cli"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := NetworkOf(tt.addr); got != tt.network {
			t.Errorf("NetworkOf(%q) = %q, want %q", tt.addr, got, tt.network)
		}
		if got := HostOf(tt.addr); got != tt.host {
			t.Errorf("HostOf(%q) = %q, want %q", tt.addr, got, tt.host)
		}
	}
	// Every address of one /24 is one network; the next /24 is another.
	a, b, c := netip.MustParseAddr("198.51.100.1"), netip.MustParseAddr("198.51.100.254"), netip.MustParseAddr("198.51.101.1")
	if Network(a) != Network(b) || Network(a) == Network(c) {
		t.Errorf("networks of %v %v %v: %v %v %v", a, b, c, Network(a), Network(b), Network(c))
	}
}

func TestParseProxies(t *testing.T) {
	tests := []struct {
		in    string
		len   int
		bool_ bool
		bad   bool
	}{
		{"", 0, false, false},
		{"false", 0, false, false},
		{"127.0.0.1", 1, false, false},
		{"127.0.0.1, 10.0.0.0/8 2001:db8::/32", 3, false, false},
		{"true", 0, true, false},
		{"TRUE", 0, true, false},
		{"1", 0, true, false},
		{"proxy.example.org", 0, false, true},
		{"10.0.0.0/33", 0, false, true},
		{"127.0.0.1,nonsense", 0, false, true},
	}
	for _, tt := range tests {
		p, err := ParseProxies(tt.in)
		switch {
		case tt.bool_:
			if !errors.Is(err, ErrBoolean) {
				t.Errorf("ParseProxies(%q) = %v, want ErrBoolean", tt.in, err)
			}
		case tt.bad:
			if err == nil {
				t.Errorf("ParseProxies(%q) accepted", tt.in)
			}
		case err != nil || p.Len() != tt.len:
			t.Errorf("ParseProxies(%q) = %d entries, %v; want %d", tt.in, p.Len(), err, tt.len)
		}
	}
}

func TestClient(t *testing.T) {
	proxies, err := ParseProxies("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		trusted bool
		peer    string
		xff     []string
		fwd     []string
		want    string
	}{
		{"no proxies: headers ignored", false, "192.0.2.9:5000", []string{"203.0.113.1"}, nil, "192.0.2.9"},
		{"untrusted peer: headers ignored", true, "192.0.2.9:5000", []string{"203.0.113.1"}, nil, "192.0.2.9"},
		{"trusted peer, no header", true, "127.0.0.1:5000", nil, nil, "127.0.0.1"},
		{"one hop", true, "127.0.0.1:5000", []string{"203.0.113.1"}, nil, "203.0.113.1"},
		{"forged entries left of the real one", true, "127.0.0.1:5000", []string{"1.2.3.4, 5.6.7.8, 203.0.113.1"}, nil, "203.0.113.1"},
		{"two trusted proxies", true, "127.0.0.1:5000", []string{"1.2.3.4, 203.0.113.1, 10.1.2.3"}, nil, "203.0.113.1"},
		{"several header lines", true, "127.0.0.1:5000", []string{"1.2.3.4", "203.0.113.1"}, nil, "203.0.113.1"},
		{"all trusted", true, "127.0.0.1:5000", []string{"10.0.0.1, 10.0.0.2"}, nil, "10.0.0.1"},
		{"port in entry", true, "127.0.0.1:5000", []string{"203.0.113.1:4711"}, nil, "203.0.113.1"},
		{"ipv6 entry", true, "127.0.0.1:5000", []string{"[2001:db8::7]:4711"}, nil, "2001:db8::7"},
		{"garbage entry stops at the proxy", true, "127.0.0.1:5000", []string{"203.0.113.1, unknown"}, nil, "127.0.0.1"},
		{"garbage left of the real one", true, "127.0.0.1:5000", []string{"<script>, 203.0.113.1"}, nil, "203.0.113.1"},
		{"forwarded", true, "127.0.0.1:5000", nil, []string{`for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https`}, "2001:db8:cafe::17"},
		{"forwarded quoted comma", true, "127.0.0.1:5000", nil, []string{`for="_a,b", for=203.0.113.1;by=10.0.0.1`}, "203.0.113.1"},
		{"forwarded obfuscated", true, "127.0.0.1:5000", nil, []string{`for=_hidden`}, "127.0.0.1"},
		{"both agree", true, "127.0.0.1:5000", []string{"203.0.113.1"}, []string{"for=203.0.113.1"}, "203.0.113.1"},
		{"both disagree: the proxy", true, "127.0.0.1:5000", []string{"203.0.113.1"}, []string{"for=198.51.100.1"}, "127.0.0.1"},
		{"ipv6 peer", true, "[::ffff:127.0.0.1]:80", []string{"203.0.113.1"}, nil, "203.0.113.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.xff {
				h.Add("X-Forwarded-For", v)
			}
			for _, v := range tt.fwd {
				h.Add("Forwarded", v)
			}
			p := Proxies{}
			if tt.trusted {
				p = proxies
			}
			got, ok := p.Client(tt.peer, h)
			if !ok || got.String() != tt.want {
				t.Errorf("Client = %v %v, want %s", got, ok, tt.want)
			}
		})
	}
	if _, ok := proxies.Client("not an address", http.Header{}); ok {
		t.Error("an unreadable peer was read")
	}
}
