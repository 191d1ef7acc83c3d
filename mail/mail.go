// Package mail sends Hangup's email (a reporter's confirmation) through an
// SMTP server: the standard library's client, with STARTTLS whenever the
// server offers it, TLS from the first byte on port 465, and
// authentication only over TLS (or to a server on this machine). The
// password is never logged or shown in errors.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Config says how to reach the mail server.
type Config struct {
	Host     string // the SMTP server, e.g. smtp.example.org
	Port     int    // default 587; 465 means TLS from the start
	Username string // empty: no authentication
	Password string // never logged
	From     string // the sender, e.g. "Hangup <noreply@example.org>"
	// Timeout bounds one message, from connecting to the server's final
	// answer; default 30 s.
	Timeout time.Duration
	// TLS, when set, is the TLS configuration to use (tests give their
	// server's certificate); nil trusts the system's roots.
	TLS *tls.Config
}

// Validate checks the configuration.
func (c Config) Validate() error {
	var p []hangup.FieldError
	if strings.TrimSpace(c.Host) == "" {
		p = append(p, hangup.FieldError{Field: "smtp_host", Message: "The mail server's name is missing. Set HANGUP_SMTP_HOST."})
	}
	if c.Port < 0 || c.Port > 65535 {
		p = append(p, hangup.FieldError{Field: "smtp_port", Message: "The mail server's port must be a number from 1 to 65535."})
	}
	if a, err := mail.ParseAddress(c.From); err != nil || a.Address == "" {
		p = append(p, hangup.FieldError{Field: "smtp_from", Message: "The sender address must be an email address, for example \"Hangup <noreply@example.org>\". Set HANGUP_SMTP_FROM."})
	}
	if c.Password != "" && c.Username == "" {
		p = append(p, hangup.FieldError{Field: "smtp_user", Message: "A mail password needs a user name. Set HANGUP_SMTP_USER."})
	}
	if len(p) > 0 {
		return hangup.Invalid("The mail settings are not complete.", p...)
	}
	return nil
}

// LogValue shows the configuration in logs without the password.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.port()), slog.String("user", c.Username),
		slog.Bool("password", c.Password != ""), slog.String("from", c.From))
}

// String is the configuration without the password, for messages.
func (c Config) String() string {
	return fmt.Sprintf("smtp://%s@%s", c.Username, net.JoinHostPort(c.Host, strconv.Itoa(c.port())))
}

func (c Config) port() int {
	if c.Port == 0 {
		return 587
	}
	return c.Port
}

// SMTP sends email through one SMTP server. It is safe for concurrent use:
// each message has its own connection.
type SMTP struct {
	cfg  Config
	from *mail.Address
}

var _ hangup.Mailer = (*SMTP)(nil)

// New returns a sender for cfg, after validating it.
func New(cfg Config) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	from, _ := mail.ParseAddress(cfg.From)
	return &SMTP{cfg: cfg, from: from}, nil
}

// Send implements hangup.Mailer.
func (m *SMTP) Send(ctx context.Context, e hangup.Email) error {
	to, err := mail.ParseAddress(e.To)
	if err != nil || strings.ContainsAny(e.To+e.Subject, "\r\n") {
		return hangup.Invalid("That email address can't be used.", hangup.FieldError{Field: "to", Message: "Enter an email address in the right format, like name@example.com."})
	}
	msg, err := m.message(to, e)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, m.cfg.Timeout)
	defer cancel()
	if err := m.send(ctx, to.Address, msg); err != nil {
		return m.problem(err)
	}
	return nil
}

// errRecipient marks the server's refusal of the recipient.
type errRecipient struct{ err error }

func (e errRecipient) Error() string { return e.err.Error() }
func (e errRecipient) Unwrap() error { return e.err }

// problem turns a failure into an application error whose text names the
// server, never the password.
func (m *SMTP) problem(err error) error {
	text := err.Error()
	if m.cfg.Password != "" {
		text = strings.ReplaceAll(text, m.cfg.Password, "…")
	}
	cause := errors.New("mail: " + m.cfg.String() + ": " + text)
	var rcpt errRecipient
	var proto *textproto.Error
	if errors.As(err, &rcpt) && errors.As(err, &proto) && proto.Code >= 500 {
		return &hangup.Error{Code: hangup.EINVALID, Message: "The mail server would not take that address.", Err: cause}
	}
	return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The email could not be sent just now.", Err: cause}
}

func (m *SMTP) send(ctx context.Context, to string, msg []byte) error {
	addr := net.JoinHostPort(m.cfg.Host, strconv.Itoa(m.cfg.port()))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	tlsConf := m.tlsConfig()
	if m.cfg.port() == 465 {
		tc := tls.Client(conn, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			return err
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, m.cfg.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello(helloName(m.from.Address)); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok && m.cfg.port() != 465 {
		if err := c.StartTLS(tlsConf); err != nil {
			return err
		}
	}
	if m.cfg.Username != "" {
		// PlainAuth refuses to send the password over a connection without
		// TLS, unless the server is on this machine.
		if err := c.Auth(smtp.PlainAuth("", m.cfg.Username, m.cfg.Password, m.cfg.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return errRecipient{err}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func (m *SMTP) tlsConfig() *tls.Config {
	if m.cfg.TLS != nil {
		c := m.cfg.TLS.Clone()
		if c.ServerName == "" {
			c.ServerName = m.cfg.Host
		}
		return c
	}
	return &tls.Config{ServerName: m.cfg.Host, MinVersion: tls.VersionTLS12}
}

// helloName is the name the client gives in EHLO: the sender's domain.
func helloName(from string) string {
	if _, domain, ok := strings.Cut(from, "@"); ok && domain != "" {
		return domain
	}
	return "localhost"
}

// message writes e as an RFC 5322 message: UTF-8 text, quoted-printable,
// headers encoded where they need it.
func (m *SMTP) message(to *mail.Address, e hangup.Email) ([]byte, error) {
	var b bytes.Buffer
	id := make([]byte, 12)
	rand.Read(id)
	header := [][2]string{
		{"From", m.from.String()},
		{"To", to.String()},
		{"Subject", mime.QEncoding.Encode("utf-8", e.Subject)},
		{"Date", time.Now().Format(time.RFC1123Z)},
		{"Message-ID", "<" + hex.EncodeToString(id) + "@" + helloName(m.from.Address) + ">"},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
		{"Auto-Submitted", "auto-generated"},
	}
	for _, h := range header {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(e.Text, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
