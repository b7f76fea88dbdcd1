package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// queueCollector reads the queue's tasks by state at each scrape:
// releasebot_queue_jobs{state} and releasebot_queue_oldest_seconds{state}
// (for a shared queue, the whole queue as this replica sees it).
type queueCollector struct {
	queue     workQueue
	jobs, age *prometheus.Desc
}

var queueStates = []string{"available", "scheduled", "retryable", "running"}

// watch registers the collector of q's states.
func (m *metrics) watch(q workQueue) {
	m.reg.MustRegister(&queueCollector{
		queue: q,
		jobs: prometheus.NewDesc("releasebot_queue_jobs",
			"Tasks in the queue by state: available (due), scheduled (debounce or backoff), retryable, running.", []string{"state"}, nil),
		age: prometheus.NewDesc("releasebot_queue_oldest_seconds",
			"Age of the oldest task in each state, since it was queued (0 when none).", []string{"state"}, nil),
	})
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.jobs
	ch <- c.age
}

// Collect sends nothing when the queue cannot be read within 2 s (then
// /readyz fails too).
func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := c.queue.stats(ctx)
	if err != nil {
		return
	}
	for _, state := range queueStates {
		ch <- prometheus.MustNewConstMetric(c.jobs, prometheus.GaugeValue, float64(st[state].count), state)
		ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, st[state].oldest.Seconds(), state)
	}
}
