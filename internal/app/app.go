// Package app is releasebot's GitHub App: it receives webhook deliveries,
// authenticates as the App's installations, and runs the bot in the
// background, one job at a time per repository.
//
// A delivery is checked (signature, size, duplicate) and answered within
// milliseconds; its event handler (one file per event) turns it into tasks
// for the queue. Every task is convergent — it reads GitHub's current state
// and writes only what is missing — so a task lost in a crash, or raced by
// another replica, is completed by the next one.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/releasebot/releasebot/internal/forge"
)

// Options configure a Server. AppID, PrivateKey and WebhookSecret are
// required; the rest have defaults.
type Options struct {
	// AppID is the GitHub App's id.
	AppID int64
	// PrivateKey is the App's private key, PEM-encoded (PKCS#1 or PKCS#8).
	PrivateKey []byte
	// WebhookSecret is the secret deliveries are signed with.
	WebhookSecret []byte
	// APIURL is GitHub's API: https://api.github.com (the default) or a
	// GitHub Enterprise Server's https://HOST/api/v3.
	APIURL string
	// Workers bounds the repositories worked on at once (default 4).
	Workers int
	// MaxQueued bounds the tasks waiting in the queue (default 10000);
	// deliveries beyond it are answered 503. A durable queue counts its
	// tasks every 5 seconds.
	MaxQueued int
	// Debounce delays each new task of a repository (not the events that
	// merge into it), so that a burst of events becomes one run; 0 runs
	// tasks as soon as a worker is free.
	Debounce time.Duration
	// Attempts is the most tries of a task that fails for a transient
	// reason (default 4); Backoff is the first wait, doubled on each try
	// (default 5s).
	Attempts int
	Backoff  time.Duration
	// JobTimeout bounds one task (default 5m).
	JobTimeout time.Duration
	// ResyncInterval, when positive, runs every repository of every
	// installation that often.
	ResyncInterval time.Duration
	// Queue is where the tasks wait (see ParseQueue): "memory" (the
	// default: in the process, lost with it), "sqlite:PATH" (a file, one
	// replica) or a postgres:// URL (shared by the replicas).
	Queue string
	// InvalidTitle is the conclusion of the preview when a squash-merging
	// repository's pull request title is not a conventional commit:
	// "failure" (the default) or "neutral".
	InvalidTitle string
	// Retry configures the GitHub client inside a task.
	Retry forge.Retry
	// Logger receives structured logs (default: slog.Default()).
	Logger *slog.Logger
	// Transport carries every request to GitHub (default
	// http.DefaultTransport); tests put checks here.
	Transport http.RoundTripper
}

// Server is a running App: an http.Handler for the webhook and the
// operations endpoints, and the workers behind it.
type Server struct {
	opts     Options
	log      *slog.Logger
	metrics  *metrics
	auth     *installations
	queue    workQueue
	bodies   *bodyLimits
	handlers map[string]eventHandler
	// draining is set once Shutdown starts: deliveries are refused and
	// /readyz fails, so that a load balancer sends them elsewhere.
	draining atomic.Bool
	started  atomic.Bool
}

// New checks the options and builds a server; it starts nothing (see
// Start). Errors are one sentence naming the setting.
func New(o Options) (*Server, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, log: o.Logger, metrics: newMetrics(), bodies: newBodyLimits()}
	base := &observed{base: o.Transport, metrics: s.metrics}
	atr, err := ghinstallation.NewAppsTransport(documentedBody{base}, o.AppID, o.PrivateKey)
	if err != nil {
		return nil, errors.New("the App's private key is not a PEM-encoded RSA private key; download a new one from the App's settings page")
	}
	atr.BaseURL = strings.TrimSuffix(o.APIURL, "/")
	s.auth = newInstallations(atr)
	s.handlers = map[string]eventHandler{
		"push":                      pushHandler{},
		"pull_request":              pullRequestHandler{},
		"installation":              installationHandler{s.auth, s.metrics},
		"installation_repositories": installationReposHandler{s.metrics},
		"ping":                      pingHandler{},
	}
	// Opened last: nothing after it may fail and leave it open.
	s.queue, err = openQueue(o.Queue, queueOptions{
		workers: o.Workers, maxQueued: o.MaxQueued, attempts: o.Attempts, debounce: o.Debounce, backoff: o.Backoff,
		timeout: o.JobTimeout, metrics: s.metrics, log: s.log, resync: s.resync, resyncEvery: o.ResyncInterval,
	}, s.execute)
	if err != nil {
		return nil, err
	}
	s.metrics.watch(s.queue)
	return s, nil
}

func (o Options) withDefaults() (Options, error) {
	switch {
	case o.AppID <= 0:
		return o, errors.New("no App id: set RELEASEBOT_APP_ID to the App's numeric id (App settings, About)")
	case len(o.PrivateKey) == 0:
		return o, errors.New("no private key: set RELEASEBOT_PRIVATE_KEY_FILE (or RELEASEBOT_PRIVATE_KEY) to the App's PEM private key")
	case len(o.WebhookSecret) == 0:
		return o, errors.New("no webhook secret: set RELEASEBOT_WEBHOOK_SECRET to the secret configured in the App's webhook settings")
	}
	if o.APIURL == "" {
		o.APIURL = "https://api.github.com"
	}
	if u, err := url.Parse(o.APIURL); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil {
		return o, fmt.Errorf("API URL %q is not an http(s) URL without credentials, such as https://github.example.com/api/v3", o.APIURL)
	}
	switch o.InvalidTitle {
	case "":
		o.InvalidTitle = "failure"
	case "failure", "neutral":
	default:
		return o, fmt.Errorf("invalid-title conclusion %q: want failure or neutral", o.InvalidTitle)
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.MaxQueued <= 0 {
		o.MaxQueued = 10_000
	}
	if o.Attempts <= 0 {
		o.Attempts = 4
	}
	if o.Backoff <= 0 {
		o.Backoff = 5 * time.Second
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = 5 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	return o, nil
}

// Handler serves POST /webhook, GET /healthz, GET /readyz and GET /metrics.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/webhook", s.serveWebhook)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.serveReady)
	mux.Handle("GET /metrics", s.metrics.handler())
	return mux
}

func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	switch {
	case s.draining.Load():
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "shutting down")
	case !s.started.Load():
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "starting")
	default:
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.queue.check(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "the queue cannot be reached:", err)
			return
		}
		fmt.Fprintln(w, "ready")
	}
}

// Start starts the workers and, when configured, the periodic resync. It
// returns at once; Shutdown stops them.
func (s *Server) Start() {
	if s.started.Swap(true) {
		return
	}
	s.queue.start()
	s.log.Info("releasebot App started", "app_id", s.opts.AppID, "api_url", s.opts.APIURL, "workers", s.opts.Workers)
}

// Shutdown stops taking deliveries, lets running tasks finish until ctx
// ends, then stops them. The memory queue abandons its queued and
// stopped tasks; a durable queue keeps them for the next start (or
// another replica). It returns ctx's error when work was abandoned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.draining.Store(true)
	abandoned, err := s.queue.drain(ctx) // closes a durable queue's store
	if !s.started.Load() {
		return nil
	}
	if abandoned > 0 {
		s.log.Warn("abandoned tasks at shutdown; the next event or resync of their repositories redoes them", "tasks", abandoned)
	}
	s.log.Info("releasebot App stopped")
	return err
}
