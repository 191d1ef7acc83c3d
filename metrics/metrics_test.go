package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

func TestMetrics(t *testing.T) {
	m := New()
	block := &hangup.Decision{Action: hangup.ActionBlock, Reasons: []hangup.Reason{{Code: "screen.caller_premium_rate"}}}
	allow := &hangup.Decision{Action: hangup.ActionAllow}
	for range 3 {
		m.ObserveDecision(block, 2*time.Microsecond)
	}
	m.ObserveDecision(allow, 3*time.Millisecond)
	m.Request("agi", "unauthorized")
	m.RateLimited("kamailio")
	m.RateLimited("kamailio")
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`hangup_screen_decisions_total{action="block",reason="screen.caller_premium_rate"} 3`,
		`hangup_screen_decisions_total{action="allow",reason="none"} 1`,
		`hangup_screen_decision_seconds_bucket{le="2.5e-06"} 3`,
		`hangup_screen_decision_seconds_bucket{le="0.001"} 3`,
		`hangup_screen_decision_seconds_bucket{le="0.005"} 4`,
		`hangup_screen_requests_total{interface="agi",outcome="unauthorized"} 1`,
		`hangup_screen_rate_limited_total{key="kamailio"} 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// Two registries do not collide: tests and servers can make many.
	New().ObserveDecision(block, time.Microsecond)
}
