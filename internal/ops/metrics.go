// Package ops holds the operator's HTTP endpoints: Prometheus metrics fed
// by the bot's hooks, and a health check for probes and the
// `bot healthcheck` subcommand. Nothing it exposes carries message text,
// user ids or the bot token.
package ops

import (
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/telegram"
)

// screeningBuckets suit screenings that take 10 µs – 10 ms, with two
// buckets above for the slow outliers.
var screeningBuckets = []float64{
	0.00001, 0.000025, 0.00005,
	0.0001, 0.00025, 0.0005,
	0.001, 0.0025, 0.005,
	0.01, 0.025, 0.1,
}

// Metrics are the bot's Prometheus metrics, in a registry of their own
// (with the Go runtime and process collectors).
type Metrics struct {
	reg *prometheus.Registry

	updates      *prometheus.CounterVec
	screenings   *prometheus.CounterVec
	ruleHits     *prometheus.CounterVec
	apiCalls     *prometheus.CounterVec
	queueDepth   prometheus.Gauge
	duration     prometheus.Histogram
	pollFailures prometheus.Counter
	// versions reads the active rules' and text model's versions at each
	// scrape (set by Versions).
	versions   atomic.Pointer[func() (rules, model int)]
	responsive responsive
	img        *imageMetrics
}

// NewMetrics makes the metrics and registers them.
func NewMetrics() *Metrics {
	const ns = "cekloker"
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "updates_received_total",
			Help: "Telegram updates received, by kind.",
		}, []string{"kind"}),
		screenings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "screenings_total",
			Help: "Texts screened, by verdict level and chat type.",
		}, []string{"level", "chat_type"}),
		ruleHits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "rule_hits_total",
			Help: "Rule matches in screenings, by rule id.",
		}, []string{"rule"}),
		apiCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "telegram_api_calls_total",
			Help: "Bot API calls, by method and outcome (ok, 429, 5xx, network, or a 4xx code).",
		}, []string{"method", "outcome"}),
		queueDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "send_queue_depth",
			Help: "Bot API calls waiting or in flight.",
		}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: ns, Name: "screening_duration_seconds",
			Help:    "Time one screening takes.",
			Buckets: screeningBuckets,
		}),
		pollFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "getupdates_failures_total",
			Help: "getUpdates calls that failed.",
		}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.updates, m.screenings, m.ruleHits, m.apiCalls,
		m.queueDepth, m.duration, m.pollFailures,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: ns, Name: "rules_version",
			Help: "Version of the active rules.",
		}, func() float64 { r, _ := m.currentVersions(); return float64(r) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: ns, Name: "model_version",
			Help: "Version of the active text model (0: the rules screen alone).",
		}, func() float64 { _, v := m.currentVersions(); return float64(v) }),
	)
	m.responsive = newResponsive(m.reg)
	m.img = newImageMetrics(m.reg)
	return m
}

// Registry is the registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Versions makes the metrics read the versions of the active rules and
// text model from current at each scrape, so that edits, imports, reloads
// and rollbacks all show. current returns 0 for the model when none is
// joined.
func (m *Metrics) Versions(current func() (rules, model int)) { m.versions.Store(&current) }

func (m *Metrics) currentVersions() (rules, model int) {
	if f := m.versions.Load(); f != nil {
		return (*f)()
	}
	return 0, 0
}

// Hooks are the bot hooks that feed the metrics.
func (m *Metrics) Hooks() telegram.Hooks {
	h := telegram.Hooks{
		Update:   m.update,
		Screened: m.screened,
		Polled:   m.polled,
		Call:     m.call,
		Queue:    m.queue,
		Image:    m.img.observe,
	}
	m.responsive.hooks(&h)
	return h
}

func (m *Metrics) update(kind string) { m.updates.WithLabelValues(orUnknown(kind)).Inc() }

func (m *Metrics) screened(chatType string, v screen.Verdict, took time.Duration) {
	m.screenings.WithLabelValues(orUnknown(v.Level), orUnknown(chatType)).Inc()
	for _, h := range v.Hits {
		m.ruleHits.WithLabelValues(orUnknown(h.Rule)).Inc()
	}
	m.duration.Observe(took.Seconds())
}

func (m *Metrics) polled(err error) {
	if err != nil {
		m.pollFailures.Inc()
	}
}

func (m *Metrics) call(method, outcome string) {
	m.apiCalls.WithLabelValues(orUnknown(method), orUnknown(outcome)).Inc()
}

func (m *Metrics) queue(delta int) { m.queueDepth.Add(float64(delta)) }

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
