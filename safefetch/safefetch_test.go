package safefetch

import (
	"errors"
	"net/netip"
	"net/url"
	"testing"
)

func TestAddrAllowedOnlyPublic(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true}, {"2606:4700::1111", true},
		{"127.0.0.1", false}, {"::1", false}, {"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"fe80::1", false}, {"100.64.0.1", false}, {"0.0.0.0", false}, {"::", false},
		{"224.0.0.1", false}, {"198.18.0.1", false}, {"203.0.113.7", false}, {"::ffff:127.0.0.1", false}, {"fc00::1", false},
	} {
		if got := AddrAllowed(netip.MustParseAddr(tt.ip), false); got != tt.want {
			t.Errorf("AddrAllowed(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
	if !AddrAllowed(netip.MustParseAddr("127.0.0.1"), true) || AddrAllowed(netip.MustParseAddr("10.0.0.1"), true) {
		t.Error("AllowLoopback must let loopback, and only loopback, through")
	}
}

func TestCheckURLRefusesWhatTheRulesForbid(t *testing.T) {
	c := New(Config{})
	for _, raw := range []string{"ftp://example.com/", "http://user:pw@example.com/", "http://example.com:8080/", "http://127.0.0.1/",
		"http://[::1]/", "http://169.254.169.254/latest/", "http:///nohost", "file:///etc/passwd"} {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if err := c.CheckURL(u); !errors.Is(err, ErrRefused) {
			t.Errorf("CheckURL(%s) = %v, want ErrRefused", raw, err)
		}
	}
	for _, raw := range []string{"https://example.com/", "http://example.com/a?b=c", "https://93.184.215.14/"} {
		u, _ := url.Parse(raw)
		if err := c.CheckURL(u); err != nil {
			t.Errorf("CheckURL(%s) = %v, want nil", raw, err)
		}
	}
}
