package safefetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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
		{"127.1.2.3", false}, {"255.255.255.255", false}, {"ff02::1", false}, {"fd12::1", false}, {"192.0.2.1", false},
		{"::ffff:192.168.1.1", false}, {"2001:4860:4860::8888", true},
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

// The address rule runs again on the address DNS returned, when the socket
// connects: "localhost" passes every static check, and only the dial-time
// hook can see it is loopback. The same server is reached when loopback is
// allowed, so the refusal came from the address rule alone.
func TestDialTimeGuardSeesTheResolvedAddress(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	port, _ := strconv.Atoi(srv.URL[strings.LastIndex(srv.URL, ":")+1:])
	byName := "http://localhost:" + strconv.Itoa(port) + "/"
	c := New(Config{Ports: []int{port}, Timeout: 2 * time.Second})
	if _, err := c.Get(context.Background(), byName, nil); !errors.Is(err, ErrRefused) || hits.Load() != 0 {
		t.Fatalf("localhost with loopback refused: err %v, server hits %d", err, hits.Load())
	}
	c = New(Config{Ports: []int{port}, Timeout: 2 * time.Second, AllowLoopback: true})
	if _, err := c.Get(context.Background(), byName, nil); err != nil || hits.Load() != 1 {
		t.Fatalf("localhost with loopback allowed: err %v, server hits %d", err, hits.Load())
	}
	for _, addr := range []string{"8.8.8.8:25", "10.0.0.1:443", "[fe80::1]:443", "127.0.0.1:" + strconv.Itoa(port)} {
		if err := New(Config{}).control("tcp", addr, nil); !errors.Is(err, ErrRefused) {
			t.Errorf("control(%s) = %v, want refused (port or address)", addr, err)
		}
	}
	if err := New(Config{}).control("tcp", "8.8.8.8:443", nil); err != nil {
		t.Errorf("control(8.8.8.8:443) = %v, want allowed", err)
	}
}
