package webhook_test

import (
	"testing"
	"time"

	"github.com/hangup-org/hangup/webhook"
)

// FuzzVerify: a receiver's check of the signature header never panics,
// and accepts a header only if it is the signature of that body.
func FuzzVerify(f *testing.F) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	f.Add(webhook.Sign("whsec_x", at, []byte(`{"event":"test"}`)), []byte(`{"event":"test"}`))
	f.Fuzz(func(t *testing.T, header string, body []byte) {
		err := webhook.Verify("whsec_x", header, body, at, time.Hour)
		if err == nil && header != webhook.Sign("whsec_x", at, body) {
			// Only another timestamp within the hour may also pass: its own signature.
			for d := -time.Hour; d <= time.Hour; d += time.Second {
				if header == webhook.Sign("whsec_x", at.Add(d), body) {
					return
				}
			}
			t.Errorf("accepted %q for %q", header, body)
		}
	})
}
