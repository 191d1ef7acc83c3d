// Package webhooktest is a webhook receiver on loopback for tests: it checks
// every delivery as Hangup's documentation tells receivers to, and an
// outbound client that may reach it.
package webhooktest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup/safefetch"
	"github.com/hangup-org/hangup/webhook"
)

// Receiver is a webhook receiver on loopback. Each delivery is checked
// against the secret given with SetSecret (the signature, within five
// minutes) and its body against the event header.
type Receiver struct {
	URL  string // http://127.0.0.1:PORT
	Port int

	mu       sync.Mutex
	secret   string
	fail     int // answer 503 to this many deliveries first
	calls    int
	verified []webhook.Notice
	rejected []error
}

// Start starts a receiver, stopped when the test ends.
func Start(tb testing.TB) *Receiver {
	tb.Helper()
	rc := &Receiver{}
	srv := httptest.NewServer(http.HandlerFunc(rc.serve))
	tb.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	rc.URL = srv.URL
	rc.Port, _ = strconv.Atoi(u.Port())
	return rc
}

func (rc *Receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls++
	if rc.calls <= rc.fail {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if err := webhook.Verify(rc.secret, r.Header.Get(webhook.HeaderSignature), body, time.Now(), 5*time.Minute); err != nil {
		rc.rejected = append(rc.rejected, err)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var n webhook.Notice
	if err := json.Unmarshal(body, &n); err != nil || n.Event != r.Header.Get(webhook.HeaderEvent) {
		rc.rejected = append(rc.rejected, errors.New("body or event header wrong"))
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	rc.verified = append(rc.verified, n)
	w.WriteHeader(http.StatusNoContent)
}

// SetSecret tells the receiver the webhook's secret.
func (rc *Receiver) SetSecret(s string) {
	rc.mu.Lock()
	rc.secret = s
	rc.mu.Unlock()
}

// FailNext makes the receiver answer 503 to the next n deliveries.
func (rc *Receiver) FailNext(n int) {
	rc.mu.Lock()
	rc.fail, rc.calls = n, 0
	rc.mu.Unlock()
}

// Verified returns the notices delivered and verified so far.
func (rc *Receiver) Verified() []webhook.Notice {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]webhook.Notice(nil), rc.verified...)
}

// Rejected returns why deliveries were refused so far.
func (rc *Receiver) Rejected() []error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]error(nil), rc.rejected...)
}

// Counts returns how many deliveries verified and how many did not.
func (rc *Receiver) Counts() (verified, rejected int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.verified), len(rc.rejected)
}

// Client is an outbound client that may reach this receiver.
func (rc *Receiver) Client() *safefetch.Client { return LoopbackClient(rc.Port) }

// LoopbackClient is an outbound client whose rules allow plain HTTP to
// loopback on port only: the only way a test lets webhooks reach a
// receiver, since production rules refuse loopback.
func LoopbackClient(port int) *safefetch.Client {
	return safefetch.New(safefetch.Config{AllowLoopback: true, Schemes: []string{"http"}, Ports: []int{port}, Timeout: 5 * time.Second})
}
