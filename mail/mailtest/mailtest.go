// Package mailtest is an SMTP server for tests: it listens on loopback,
// takes every message it is given and lets the test read them back. It
// speaks enough SMTP for net/smtp and real mail clients: EHLO, STARTTLS
// (with a certificate made at start-up), AUTH PLAIN, MAIL, RCPT, DATA,
// RSET, NOOP and QUIT.
package mailtest

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one message the sink took.
type Message struct {
	From   string      // the envelope sender
	To     []string    // the envelope recipients
	Header mail.Header // the message's headers
	Body   string      // the body, quoted-printable decoded
	Raw    []byte      // the message as sent
	TLS    bool        // it came over TLS (STARTTLS)
	User   string      // the user it authenticated as, "" if none
}

// Option changes how the sink behaves.
type Option func(*Sink)

// WithSTARTTLS makes the sink offer STARTTLS with a certificate for
// 127.0.0.1 and localhost; RootCAs returns the pool that trusts it.
func WithSTARTTLS() Option { return func(s *Sink) { s.tls = newTLS(s.tb) } }

// WithAuth makes the sink require AUTH PLAIN with this user and password
// before it takes a message.
func WithAuth(user, password string) Option {
	return func(s *Sink) { s.user, s.password = user, password }
}

// Sink is a running test SMTP server.
type Sink struct {
	tb       testing.TB
	ln       net.Listener
	tls      *tls.Config
	roots    *x509.CertPool
	user     string
	password string

	mu       sync.Mutex
	messages []Message
	arrived  chan struct{}
	wg       sync.WaitGroup
}

// Start starts a sink on 127.0.0.1 and stops it when the test ends.
func Start(tb testing.TB, opts ...Option) *Sink {
	tb.Helper()
	s := &Sink{tb: tb, arrived: make(chan struct{}, 1)}
	for _, o := range opts {
		o(s)
	}
	if s.tls != nil {
		s.roots = x509.NewCertPool()
		s.roots.AddCert(s.tls.Certificates[0].Leaf)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("mailtest: %v", err)
	}
	s.ln = ln
	s.wg.Add(1)
	go s.serve()
	tb.Cleanup(s.Close)
	return s
}

// Host and Port say where the sink listens.
func (s *Sink) Host() string { return "127.0.0.1" }

// Port is the sink's port.
func (s *Sink) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// RootCAs trusts the sink's STARTTLS certificate (nil without STARTTLS).
func (s *Sink) RootCAs() *x509.CertPool { return s.roots }

// Close stops the sink and waits for its connections to end.
func (s *Sink) Close() {
	s.ln.Close()
	s.wg.Wait()
}

// Messages returns the messages taken so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Wait waits until at least n messages arrived or timeout passed, and
// returns the messages taken.
func (s *Sink) Wait(n int, timeout time.Duration) []Message {
	deadline := time.After(timeout)
	for {
		if m := s.Messages(); len(m) >= n {
			return m
		}
		select {
		case <-s.arrived:
		case <-deadline:
			return s.Messages()
		}
	}
}

func (s *Sink) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.session(c)
		}()
	}
}

// session speaks SMTP on one connection.
func (s *Sink) session(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(c)
	overTLS := false
	user := ""
	var from string
	var to []string
	reply := func(code int, text string) { tp.PrintfLine("%d %s", code, text) }
	reply(220, "mailtest ready")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO", "HELO":
			ext := []string{"mailtest", "8BITMIME"}
			if s.tls != nil && !overTLS {
				ext = append(ext, "STARTTLS")
			}
			if s.user != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				tp.PrintfLine("250%s%s", sep, e)
			}
		case "STARTTLS":
			if s.tls == nil || overTLS {
				reply(502, "not offered")
				continue
			}
			reply(220, "go ahead")
			tc := tls.Server(c, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, overTLS = tc, true
			tp = textproto.NewConn(tc)
			from, to, user = "", nil, ""
		case "AUTH":
			mech, initial, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") || s.user == "" {
				reply(504, "unrecognised authentication type")
				continue
			}
			if initial == "" {
				reply(334, "")
				if initial, err = tp.ReadLine(); err != nil {
					return
				}
			}
			raw, _ := base64.StdEncoding.DecodeString(initial)
			parts := strings.Split(string(raw), "\x00")
			if len(parts) == 3 && parts[1] == s.user && parts[2] == s.password {
				user = parts[1]
				reply(235, "authenticated")
			} else {
				reply(535, "authentication failed")
			}
		case "MAIL":
			if s.user != "" && user == "" {
				reply(530, "authentication required")
				continue
			}
			from, to = address(arg), nil
			reply(250, "ok")
		case "RCPT":
			if from == "" {
				reply(503, "MAIL first")
				continue
			}
			to = append(to, address(arg))
			reply(250, "ok")
		case "DATA":
			if len(to) == 0 {
				reply(503, "RCPT first")
				continue
			}
			reply(354, "end with .")
			raw, err := io.ReadAll(tp.DotReader())
			if err != nil {
				return
			}
			s.take(Message{From: from, To: to, Raw: raw, TLS: overTLS, User: user})
			from, to = "", nil
			reply(250, "queued")
		case "RSET":
			from, to = "", nil
			reply(250, "ok")
		case "NOOP":
			reply(250, "ok")
		case "QUIT":
			reply(221, "bye")
			return
		default:
			reply(502, "command not implemented")
		}
	}
}

func (s *Sink) take(m Message) {
	if msg, err := mail.ReadMessage(strings.NewReader(string(m.Raw))); err == nil {
		m.Header = msg.Header
		body := io.Reader(msg.Body)
		if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(body)
		}
		b, _ := io.ReadAll(bufio.NewReader(body))
		m.Body = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	s.mu.Lock()
	s.messages = append(s.messages, m)
	s.mu.Unlock()
	select {
	case s.arrived <- struct{}{}:
	default:
	}
}

// address reads "FROM:<a@b>" or "TO:<a@b> SIZE=…" to "a@b".
func address(arg string) string {
	_, v, _ := strings.Cut(arg, ":")
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '>'); i >= 0 {
		v = v[:i]
	}
	return strings.TrimPrefix(v, "<")
}

// newTLS makes a certificate for 127.0.0.1 and localhost, valid for a day.
func newTLS(tb testing.TB) *tls.Config {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatalf("mailtest: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatalf("mailtest: %v", err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}}, MinVersion: tls.VersionTLS12}
}
