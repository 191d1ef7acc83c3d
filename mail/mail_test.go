package mail_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"log/slog"
	"mime"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/mail/mailtest"
)

func sender(t *testing.T, sink *mailtest.Sink, user, password string) *mail.SMTP {
	t.Helper()
	cfg := mail.Config{Host: sink.Host(), Port: sink.Port(), Username: user, Password: password,
		From: "Hangup <noreply@hangup.example>", Timeout: 5 * time.Second}
	if roots := sink.RootCAs(); roots != nil {
		cfg.TLS = &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
	}
	m, err := mail.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSendReachesTheServer(t *testing.T) {
	sink := mailtest.Start(t)
	m := sender(t, sink, "", "")
	e := hangup.Email{To: "Ann Example <ann@example.org>", Subject: "Your report – HU-7K3M-Q9TX", Text: "You paid £199.99.\nLine two.\n.\nAfter a lone dot.\n"}
	if err := m.Send(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	got := sink.Wait(1, 5*time.Second)
	if len(got) != 1 {
		t.Fatalf("%d messages on the sink, want 1", len(got))
	}
	msg := got[0]
	if msg.From != "noreply@hangup.example" || len(msg.To) != 1 || msg.To[0] != "ann@example.org" {
		t.Errorf("envelope from %q to %v", msg.From, msg.To)
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); subj != e.Subject {
		t.Errorf("subject %q, want %q", subj, e.Subject)
	}
	if msg.Body != e.Text {
		t.Errorf("body %q, want %q", msg.Body, e.Text)
	}
	if msg.TLS || msg.User != "" {
		t.Errorf("tls %v user %q on a plain server", msg.TLS, msg.User)
	}
}

func TestStartTLSAndAuthentication(t *testing.T) {
	sink := mailtest.Start(t, mailtest.WithSTARTTLS(), mailtest.WithAuth("hangup", "s3cret-pass"))
	if err := sender(t, sink, "hangup", "s3cret-pass").Send(context.Background(), hangup.Email{To: "ann@example.org", Subject: "Hi", Text: "Hello"}); err != nil {
		t.Fatal(err)
	}
	got := sink.Wait(1, 5*time.Second)
	if len(got) != 1 || !got[0].TLS || got[0].User != "hangup" {
		t.Fatalf("messages %+v: want one, over STARTTLS, as user hangup", got)
	}
	// A wrong password fails without ever showing it.
	err := sender(t, sink, "hangup", "wrong-pass-xyz").Send(context.Background(), hangup.Email{To: "ann@example.org", Subject: "Hi", Text: "Hello"})
	if hangup.ErrorCode(err) != hangup.EUNAVAILABLE || strings.Contains(err.Error(), "wrong-pass-xyz") {
		t.Errorf("wrong password: %v (code %s), want EUNAVAILABLE without the password", err, hangup.ErrorCode(err))
	}
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("%d messages after a failed login, want 1", n)
	}
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	sink := mailtest.Start(t)
	m := sender(t, sink, "", "")
	for _, e := range []hangup.Email{
		{To: "not an address", Subject: "x", Text: "x"},
		{To: "ann@example.org\r\nBcc: eve@example.org", Subject: "x", Text: "x"},
		{To: "ann@example.org", Subject: "x\r\nBcc: eve@example.org", Text: "x"},
	} {
		if err := m.Send(context.Background(), e); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("Send(%q, %q) = %v, want EINVALID", e.To, e.Subject, err)
		}
	}
	if n := len(sink.Messages()); n != 0 {
		t.Errorf("%d messages sent, want none", n)
	}
}

func TestUnreachableServer(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	m, err := mail.New(mail.Config{Host: "127.0.0.1", Port: port, From: "noreply@hangup.example", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), hangup.Email{To: "ann@example.org", Subject: "x", Text: "x"}); hangup.ErrorCode(err) != hangup.EUNAVAILABLE {
		t.Errorf("Send to a closed port = %v, want EUNAVAILABLE", err)
	}
}

func TestConfigNeverShowsThePassword(t *testing.T) {
	cfg := mail.Config{Host: "smtp.example.org", Username: "u", Password: "hunter2-secret", From: "noreply@example.org"}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("mail", "config", cfg)
	if s := buf.String() + cfg.String(); strings.Contains(s, "hunter2-secret") {
		t.Errorf("the password shows: %s", s)
	}
	for _, bad := range []mail.Config{{}, {Host: "smtp.example.org", From: "nobody"}, {Host: "h", From: "a@b.example", Password: "p"}, {Host: "h", From: "a@b.example", Port: 70000}} {
		if err := bad.Validate(); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("Validate(%+v) = %v, want EINVALID", bad, err)
		}
	}
}
