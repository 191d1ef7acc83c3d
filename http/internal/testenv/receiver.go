package testenv

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup/webhook"
)

// SignedReceiver is a webhook receiver on loopback that checks every
// delivery's signature with the secret it is given once the webhook is made.
type SignedReceiver struct {
	URL  string // the receiver's address, http://127.0.0.1:PORT
	Port int

	mu                 sync.Mutex
	secret             string
	verified, rejected int
}

// NewSignedReceiver starts a receiver, stopped when the test ends.
func NewSignedReceiver(t testing.TB) *SignedReceiver {
	t.Helper()
	sr := &SignedReceiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sr.mu.Lock()
		defer sr.mu.Unlock()
		if err := webhook.Verify(sr.secret, r.Header.Get(webhook.HeaderSignature), body, time.Now(), time.Minute); err != nil {
			sr.rejected++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		sr.verified++
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	sr.URL = srv.URL
	sr.Port, _ = strconv.Atoi(u.Port())
	return sr
}

// SetSecret tells the receiver the webhook's secret.
func (sr *SignedReceiver) SetSecret(s string) {
	sr.mu.Lock()
	sr.secret = s
	sr.mu.Unlock()
}

// Counts returns how many deliveries verified and how many did not.
func (sr *SignedReceiver) Counts() (verified, rejected int) {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	return sr.verified, sr.rejected
}
