// Package metrics exposes Hangup's screening figures to Prometheus:
// decisions by action and primary reason, and how long decisions take. It
// implements screen.Observer, so the engine reports to it whichever
// interface (HTTP, AGI, CLI) asked.
package metrics

import (
	"net/http"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds Hangup's collectors in a registry of its own, so tests can
// make as many as they like and the process-wide default stays untouched.
type Metrics struct {
	registry  *prometheus.Registry
	decisions *prometheus.CounterVec
	latency   prometheus.Histogram
	requests  *prometheus.CounterVec
	limited   *prometheus.CounterVec

	// counters caches the counter of each (action, reason) pair:
	// CounterVec.WithLabelValues hashes its labels on every call, which
	// would cost more than the decision itself.
	counters sync.Map // [2]string → prometheus.Counter
}

// New returns the collectors, registered with Go runtime and process
// collectors.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hangup_screen_decisions_total",
			Help: "Screening decisions by action (allow, label, warn, block) and primary reason code (\"none\" when there is none).",
		}, []string{"action", "reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "hangup_screen_decision_seconds",
			Help: "Time to decide one call inside Hangup, STIR/SHAKEN verification included.",
			// From a cached in-memory decision (about a microsecond) to a
			// verification that waits on a certificate fetch (seconds).
			Buckets: []float64{1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3, 0.025, 0.1, 0.5, 1, 2.5},
		}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hangup_screen_requests_total",
			Help: "Screening requests by interface (json, text, name, twilio, atis, agi) and outcome (ok, unauthorized, rate_limited, invalid, error).",
		}, []string{"interface", "outcome"}),
	}
	m.limited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hangup_screen_rate_limited_total",
		Help: "Screening requests refused because their API key was over its rate limit, by key name. Each is a call the client put through unscreened.",
	}, []string{"key"})
	m.registry.MustRegister(m.decisions, m.latency, m.requests, m.limited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveDecision implements screen.Observer.
func (m *Metrics) ObserveDecision(d *hangup.Decision, elapsed time.Duration) {
	reason := d.PrimaryReason()
	if reason == "" {
		reason = "none"
	}
	key := [2]string{string(d.Action), reason}
	c, ok := m.counters.Load(key)
	if !ok {
		c, _ = m.counters.LoadOrStore(key, m.decisions.WithLabelValues(key[0], key[1]))
	}
	c.(prometheus.Counter).Inc()
	m.latency.Observe(elapsed.Seconds())
}

// Request counts one screening request by interface and outcome.
func (m *Metrics) Request(iface, outcome string) {
	m.requests.WithLabelValues(iface, outcome).Inc()
}

// RateLimited counts one screening request refused for its key's rate
// limit (screen.KeysConfig.RateLimited).
func (m *Metrics) RateLimited(key string) {
	m.limited.WithLabelValues(key).Inc()
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
