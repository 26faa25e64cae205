// Package metrics exports Binora's operational metrics in the Prometheus
// text format: HTTP requests by operation and status and their latency,
// the database connection pool, the password-hash gate, the mail delivery
// and the sign-in rate limits. Each Metrics has its own registry (never the global
// default), so that many servers can run in one process.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/ratelimit"
)

// Sources are the parts of a server whose state is exported.
type Sources struct {
	// Pools report the database connection pools, each under its own
	// db_name: open, in use and idle connections, waits for one and the
	// time waited (collectors.NewDBStatsCollector, built where the *sql.DB
	// is at hand: this package does not touch database/sql).
	Pools    []prometheus.Collector
	HashGate *password.Gate
	// Outbox is this process's mail delivery.
	Outbox Outbox
	// RateLimits are the limiters whose refusals are counted, by the name
	// the limit label gives them. Each counts the refusals of this process,
	// also when the limit itself is shared by every server.
	RateLimits map[string]ratelimit.Limiter
}

// Outbox is the mail delivery of one process (modules/core/mailtoken):
// what it counts is this process's, not the database's outbox.
type Outbox interface {
	// Pending counts messages queued and neither delivered nor given up on.
	Pending() int64
	// FailedAttempts counts sends that failed, retried ones included.
	FailedAttempts() uint64
	// Undelivered counts messages given up on.
	Undelivered() uint64
}

// Metrics is one server's registry and the collectors the HTTP edge feeds.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// New registers the metrics of src in a registry of their own.
func New(src Sources) (*Metrics, error) {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "binora_http_requests_total",
			Help: "HTTP requests answered, by operationId of openapi.yaml (none outside the API) and status code.",
		}, []string{"operation", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "binora_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by operationId.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation"}),
	}
	cs := []prometheus.Collector{
		m.requests, m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	}
	cs = append(cs, src.Pools...)
	if src.HashGate != nil {
		cs = append(cs, gateCollectors(src.HashGate)...)
	}
	if src.Outbox != nil {
		cs = append(cs, outboxCollectors(src.Outbox)...)
	}
	for name, l := range src.RateLimits {
		cs = append(cs, prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "binora_rate_limit_refusals_total",
			Help:        "Sign-in attempts a rate limit turned away in this process, by limit.",
			ConstLabels: prometheus.Labels{"limit": name},
		}, func() float64 { return float64(l.Refused()) }))
	}
	for _, c := range cs {
		if err := m.registry.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// gateCollectors read the password-hash gate at each scrape.
func gateCollectors(g *password.Gate) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "binora_password_hash_slots",
			Help: "Password hashes allowed to run at once.",
		}, func() float64 { return float64(g.Stats().Size) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "binora_password_hash_slots_in_use",
			Help: "Password hashes running now.",
		}, func() float64 { return float64(g.Stats().InUse) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "binora_password_hash_waits_total",
			Help: "Password hashes that found every slot taken and queued.",
		}, func() float64 { return float64(g.Stats().Waited) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "binora_password_hash_refusals_total",
			Help: "Password hashes that gave up waiting; their requests were answered 503.",
		}, func() float64 { return float64(g.Stats().Refused) }),
	}
}

// outboxCollectors read the mail delivery at each scrape.
func outboxCollectors(o Outbox) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "binora_outbox_pending",
			Help: "Mails this process queued and has neither delivered nor given up on yet.",
		}, func() float64 { return float64(o.Pending()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "binora_outbox_delivery_failures_total",
			Help: "Mail sends that failed, each retry counted.",
		}, func() float64 { return float64(o.FailedAttempts()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "binora_outbox_undelivered_total",
			Help: "Mails given up on after every attempt failed; they stay unsent in the outbox.",
		}, func() float64 { return float64(o.Undelivered()) }),
	}
}

// ObserveRequest counts one answered request. operation must come from a
// bounded set (an operationId, never a raw path), so the series stay few.
func (m *Metrics) ObserveRequest(operation string, status int, took time.Duration) {
	if operation == "" {
		operation = "none"
	}
	m.requests.WithLabelValues(operation, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(operation).Observe(took.Seconds())
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}
