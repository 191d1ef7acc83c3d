// Package orgportaltest runs what the organisation portal proves domains
// against, on loopback, for tests: a DNS server (github.com/miekg/dns)
// answering TXT records the test sets, and an HTTPS server serving
// /.well-known/hangup-challenge for any domain the test names.
package orgportaltest

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hangup-org/hangup/orgportal"
	"github.com/hangup-org/hangup/safefetch"
	"github.com/miekg/dns"
)

// DNS is a running loopback DNS server.
type DNS struct {
	Addr string // host:port, UDP and TCP
	mu   sync.Mutex
	txt  map[string][]string // fully qualified, lower case
}

// StartDNS starts a DNS server on 127.0.0.1 and stops it when the test ends.
func StartDNS(tb testing.TB) *DNS {
	tb.Helper()
	d := &DNS{txt: map[string][]string{}}
	// The server answers on one port over UDP and TCP. The port the system
	// gives the UDP socket may be taken for TCP by another test running at
	// the same time: then try another.
	var (
		pc  net.PacketConn
		ln  net.Listener
		err error
	)
	for range 20 {
		if pc, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
			tb.Fatal(err)
		}
		if ln, err = net.Listen("tcp", pc.LocalAddr().String()); err == nil {
			break
		}
		pc.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
	d.Addr = pc.LocalAddr().String()
	udp := &dns.Server{PacketConn: pc, Handler: d}
	tcp := &dns.Server{Listener: ln, Handler: d}
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	tb.Cleanup(func() { udp.Shutdown(); tcp.Shutdown() })
	return d
}

// SetTXT replaces the TXT records of name ("_hangup-challenge.imex.example").
func (d *DNS) SetTXT(name string, values ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.txt[dns.Fqdn(strings.ToLower(name))] = values
}

// ServeDNS implements dns.Handler.
func (d *DNS) ServeDNS(w dns.ResponseWriter, r *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(r)
	m.Authoritative = true
	d.mu.Lock()
	for _, q := range r.Question {
		vals, ok := d.txt[strings.ToLower(q.Name)]
		if !ok {
			m.Rcode = dns.RcodeNameError
			continue
		}
		if q.Qtype != dns.TypeTXT {
			continue
		}
		for _, v := range vals {
			m.Answer = append(m.Answer, &dns.TXT{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{v}})
		}
	}
	d.mu.Unlock()
	w.WriteMsg(m)
}

// Resolver returns a resolver that asks only this server.
func (d *DNS) Resolver() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var dl net.Dialer
		return dl.DialContext(ctx, network, d.Addr)
	}}
}

// Web is a running loopback HTTPS server standing in for organisations'
// websites.
type Web struct {
	Server *httptest.Server
	mu     sync.Mutex
	files  map[string]string // domain → challenge file body
}

// StartWeb starts the HTTPS server and stops it when the test ends.
func StartWeb(tb testing.TB) *Web {
	tb.Helper()
	w := &Web{files: map[string]string{}}
	w.Server = httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		w.mu.Lock()
		body, ok := w.files[strings.ToLower(host)]
		w.mu.Unlock()
		if r.URL.Path != orgportal.ChallengePath || !ok {
			http.NotFound(rw, r)
			return
		}
		rw.Write([]byte(body))
	}))
	tb.Cleanup(w.Server.Close)
	return w
}

// SetFile serves body at https://domain/.well-known/hangup-challenge.
func (w *Web) SetFile(domain, body string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[strings.ToLower(domain)] = body
}

// Fetcher returns a fetcher that reaches every domain at this server, over
// TLS verified against the server's certificate: the production fetcher's
// rules (HTTPS only, loopback allowed for the test) with the address
// resolved to the test server.
func (w *Web) Fetcher() orgportal.Fetcher { return fetcher{w} }

type fetcher struct{ w *Web }

func (f fetcher) Get(ctx context.Context, rawURL string, hdr http.Header) (*safefetch.Response, error) {
	tr := f.w.Server.Client().Transport.(*http.Transport).Clone()
	addr := f.w.Server.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	tr.TLSClientConfig = tr.TLSClientConfig.Clone()
	tr.TLSClientConfig.ServerName = "example.com" // the name on httptest's certificate
	tr.TLSClientConfig.MinVersion = tls.VersionTLS12
	c := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(rawURL, "https://") {
		return nil, safefetch.ErrRefused
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if err != nil {
		return nil, err
	}
	return &safefetch.Response{URL: rawURL, Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// Prover returns a prover using both servers.
func Prover(d *DNS, w *Web) *orgportal.Prover {
	p := &orgportal.Prover{}
	if d != nil {
		p.Resolver = d.Resolver()
	}
	if w != nil {
		p.Fetcher = w.Fetcher()
	}
	return p
}
