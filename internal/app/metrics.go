package app

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/releasebot/releasebot/internal/forge"
)

// metrics are the App's Prometheus series, on a registry of its own (two
// servers in one process do not collide).
type metrics struct {
	reg           *prometheus.Registry
	deliveries    *prometheus.CounterVec
	ack           prometheus.Histogram
	queueDepth    prometheus.Gauge
	running       prometheus.Gauge
	jobs          *prometheus.HistogramVec
	calls         *prometheus.CounterVec
	rateRemaining *prometheus.GaugeVec
	installEvents *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "releasebot_webhook_deliveries_total",
			Help: "Webhook deliveries by event and outcome (queued, ignored, duplicate, bad_signature, too_large, busy, malformed, invalid_field, unavailable, ping).",
		}, []string{"event", "outcome"}),
		ack: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "releasebot_webhook_ack_seconds",
			Help:    "Time from receiving a delivery to answering it.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .5},
		}),
		queueDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "releasebot_queue_depth",
			Help: "Tasks waiting in the queue (not running).",
		}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "releasebot_jobs_running",
			Help: "Tasks running now.",
		}),
		jobs: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "releasebot_job_duration_seconds",
			Help:    "Duration of tasks by kind (run, preview) and outcome (ok, skipped, config_error, retry, failed, abandoned).",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300},
		}, []string{"kind", "outcome"}),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "releasebot_github_calls_total",
			Help: "Calls to GitHub's API by method, endpoint template and status (0: no response).",
		}, []string{"method", "endpoint", "status"}),
		rateRemaining: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "releasebot_github_rate_limit_remaining",
			Help: "X-RateLimit-Remaining of GitHub's last answer, by installation (0 for the App's own calls).",
		}, []string{"installation"}),
		installEvents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "releasebot_installation_events_total",
			Help: "installation and installation_repositories events by action.",
		}, []string{"event", "action"}),
	}
	m.reg.MustRegister(m.deliveries, m.ack, m.queueDepth, m.running, m.jobs, m.calls, m.rateRemaining, m.installEvents,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// knownEvents bounds the event label: the header of an unsigned request is
// anyone's to choose.
var knownEvents = map[string]bool{
	"push": true, "pull_request": true, "installation": true, "installation_repositories": true, "ping": true,
	"check_run": true, "check_suite": true, "release": true, "create": true, "delete": true,
	"issue_comment": true, "issues": true, "pull_request_review": true, "status": true,
	"workflow_run": true, "workflow_job": true, "repository": true, "github_app_authorization": true,
}

func (m *metrics) delivery(event, outcome string) {
	if !knownEvents[event] {
		event = "other"
	}
	m.deliveries.WithLabelValues(event, outcome).Inc()
}

// ctxKey keys the values the transport reads from a request's context.
type ctxKey int

const (
	installationKey ctxKey = iota
	callLogKey
)

// callLog remembers how a task's last call to GitHub ended, so that a
// failed task can tell a transient failure (no answer, a 5xx, a rate
// limit, a conflict with a concurrent writer) from a permanent one.
type callLog struct {
	mu     sync.Mutex
	calls  int
	status int // of the last call; 0 when it got no answer
	limit  bool
}

func (l *callLog) record(status int, limited bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	l.status, l.limit = status, limited
}

// transient reports whether the last call failed in a way worth retrying.
func (l *callLog) transient() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.calls == 0:
		return false
	case l.status == 0, l.status >= 500, l.status == http.StatusTooManyRequests, l.limit:
		return true
	case l.status == http.StatusConflict, l.status == http.StatusUnprocessableEntity:
		return true // a concurrent run moved a ref first: the next try converges
	}
	return false
}

// observed is the transport under every GitHub call (installation tokens
// included): it counts calls by endpoint and status, records the rate
// limit left, and tells the task's callLog how each call ended.
type observed struct {
	base    http.RoundTripper
	metrics *metrics
}

func (o *observed) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := o.base.RoundTrip(req)
	status, limited := 0, false
	if resp != nil {
		status = resp.StatusCode
		remaining := resp.Header.Get("X-RateLimit-Remaining")
		if n, perr := strconv.ParseFloat(remaining, 64); perr == nil {
			o.metrics.rateRemaining.WithLabelValues(installationLabel(req.Context())).Set(n)
		}
		limited = (status == http.StatusForbidden || status == http.StatusTooManyRequests) &&
			(remaining == "0" || resp.Header.Get("Retry-After") != "")
	}
	path := strings.TrimPrefix(req.URL.Path, "/api/v3")
	o.metrics.calls.WithLabelValues(req.Method, forge.Endpoint(path), strconv.Itoa(status)).Inc()
	if l, ok := req.Context().Value(callLogKey).(*callLog); ok {
		l.record(status, limited)
	}
	return resp, err
}

func installationLabel(ctx context.Context) string {
	id, _ := ctx.Value(installationKey).(int64)
	return strconv.FormatInt(id, 10)
}
