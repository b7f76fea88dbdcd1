package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/releasebot/releasebot/internal/app"
	"github.com/releasebot/releasebot/internal/usererr"
)

func init() {
	register(command{name: "serve", summary: "run the GitHub App: receive webhooks, release every installed repository", run: runServe})
}

// serveFlags are serve's settings; each flag defaults to its environment
// variable.
type serveFlags struct {
	addr, appID, keyFile, apiURL, invalidTitle, logLevel, queue string
	workers                                                     int
	resync, shutdown, jobTimeout, debounce                      time.Duration
}

func runServe(e *env, args []string) error {
	// A server's heap is small and long-lived: the frequent collections
	// main asks for (they help long history walks) would only take CPU
	// from the webhook path. The soft limit keeps the heap well under
	// 100 MB whatever the traffic.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(80 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, e, args)
}

// serve runs the App until ctx ends (SIGTERM or SIGINT), then stops taking
// deliveries and gives the work under way --shutdown-timeout to finish.
func serve(ctx context.Context, e *env, args []string) error {
	f, err := parseServe(e, args)
	if err != nil {
		return err
	}
	opts, err := f.options(e)
	if err != nil {
		return err
	}
	s, err := app.New(opts)
	if err != nil {
		return &usererr.Error{Msg: err.Error()}
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		s.Shutdown(context.Background()) // closes the queue
		return usererr.Errorf("cannot listen on %s (--addr, RELEASEBOT_ADDR): %v", f.addr, err)
	}
	// GitHub's deliveries carry a few kB of headers: the 1 MB net/http
	// allows by default would let unauthenticated connections hold a
	// megabyte each.
	hs := &http.Server{
		Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	s.Start()
	failed := make(chan error, 1)
	go func() { failed <- hs.Serve(ln) }()
	opts.Logger.Info("listening", "addr", ln.Addr().String())
	select {
	case <-ctx.Done():
	case err = <-failed:
	}
	opts.Logger.Info("shutting down", "timeout", f.shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdown)
	defer cancel()
	go hs.Shutdown(sctx)
	s.Shutdown(sctx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving %s: %w", f.addr, err)
	}
	return nil
}

func parseServe(e *env, args []string) (*serveFlags, error) {
	f := &serveFlags{}
	fs := newFlags(e, "serve", "Run releasebot as a GitHub App: POST /webhook receives GitHub's deliveries, "+
		"GET /healthz, /readyz and /metrics serve operations.\n\n"+
		"The App's secrets come from the environment: RELEASEBOT_WEBHOOK_SECRET, and RELEASEBOT_PRIVATE_KEY (the PEM "+
		"itself) or RELEASEBOT_PRIVATE_KEY_FILE. Logs are JSON lines on stderr.", nil, false)
	fs.StringVar(&f.addr, "addr", firstOf(e.getenv("RELEASEBOT_ADDR"), ":8080"), "listen on `ADDR` (env RELEASEBOT_ADDR)")
	fs.StringVar(&f.appID, "app-id", e.getenv("RELEASEBOT_APP_ID"), "the GitHub App's numeric `ID` (env RELEASEBOT_APP_ID)")
	fs.StringVar(&f.keyFile, "private-key-file", e.getenv("RELEASEBOT_PRIVATE_KEY_FILE"), "the App's private key, a PEM `FILE` (env RELEASEBOT_PRIVATE_KEY_FILE)")
	fs.StringVar(&f.apiURL, "api-url", firstOf(e.getenv("GITHUB_API_URL"), "https://api.github.com"), "GitHub's API `URL`; GitHub Enterprise Server: https://HOST/api/v3 (env GITHUB_API_URL)")
	fs.StringVar(&f.invalidTitle, "invalid-title", firstOf(e.getenv("RELEASEBOT_INVALID_TITLE"), "failure"), "the preview's `CONCLUSION` when a squash-merging repository's pull request title is not a conventional commit: failure or neutral (env RELEASEBOT_INVALID_TITLE)")
	fs.StringVar(&f.logLevel, "log-level", firstOf(e.getenv("RELEASEBOT_LOG_LEVEL"), "info"), "`LEVEL` of the logs: debug, info, warn or error (env RELEASEBOT_LOG_LEVEL)")
	fs.StringVar(&f.queue, "queue", firstOf(e.getenv("RELEASEBOT_QUEUE"), "sqlite:releasebot-queue.db"), "where the jobs wait, a `URL`: sqlite:PATH (one replica; created if missing), postgres://USER:PASSWORD@HOST/DATABASE (shared by several replicas) or memory (lost with the process) (env RELEASEBOT_QUEUE)")
	fs.IntVar(&f.workers, "workers", 4, "work on at most `N` repositories at once")
	fs.DurationVar(&f.resync, "resync-interval", 0, "every `DURATION` (e.g. 6h), run every repository of every installation; 0 turns it off")
	fs.DurationVar(&f.debounce, "debounce", time.Second, "wait `DURATION` before working on a repository's new event, so that a burst of events becomes one job")
	fs.DurationVar(&f.shutdown, "shutdown-timeout", 30*time.Second, "on SIGTERM, give work under way `DURATION` to finish before abandoning it")
	fs.DurationVar(&f.jobTimeout, "job-timeout", 5*time.Minute, "give up on one repository's job after `DURATION`")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return f, nil
}

// options checks the settings and turns them into the App's options;
// every mistake is one sentence naming the setting.
func (f *serveFlags) options(e *env) (app.Options, error) {
	var o app.Options
	level, ok := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[f.logLevel]
	if !ok {
		return o, usererr.Errorf("log level %q: want debug, info, warn or error", f.logLevel)
	}
	o.Logger = slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	if f.appID == "" {
		return o, usererr.Errorf("no App id: set RELEASEBOT_APP_ID (or --app-id) to the App's numeric id, shown on its settings page")
	}
	id, err := strconv.ParseInt(f.appID, 10, 64)
	if err != nil || id <= 0 {
		return o, usererr.Errorf("App id %q is not a positive number: set RELEASEBOT_APP_ID (or --app-id) to the App's numeric id", f.appID)
	}
	o.AppID = id
	if o.PrivateKey, err = privateKey(e, f.keyFile); err != nil {
		return o, err
	}
	secret := e.getenv("RELEASEBOT_WEBHOOK_SECRET")
	if secret == "" {
		return o, usererr.Errorf("no webhook secret: set RELEASEBOT_WEBHOOK_SECRET to the secret of the App's webhook")
	}
	o.WebhookSecret = []byte(secret)
	switch {
	case f.workers <= 0:
		return o, usererr.Errorf("--workers %d: want at least 1", f.workers)
	case f.resync < 0 || f.resync > 0 && f.resync < time.Minute:
		return o, usererr.Errorf("--resync-interval %s: want 0 (off) or at least 1m", f.resync)
	case f.shutdown <= 0 || f.jobTimeout <= 0 || f.debounce < 0:
		return o, usererr.Errorf("--shutdown-timeout and --job-timeout must be positive durations, --debounce zero or positive")
	}
	o.APIURL, o.InvalidTitle, o.Workers, o.ResyncInterval, o.JobTimeout = f.apiURL, f.invalidTitle, f.workers, f.resync, f.jobTimeout
	o.Debounce, o.Queue = f.debounce, f.queue
	if err := app.ParseQueue(f.queue); err != nil {
		return o, &usererr.Error{Msg: err.Error() + " (--queue, RELEASEBOT_QUEUE)"}
	}
	return o, nil
}

// privateKey reads the App's key from --private-key-file,
// RELEASEBOT_PRIVATE_KEY_FILE or RELEASEBOT_PRIVATE_KEY. A key given
// inline with literal "\n" (as some secret stores keep it) is accepted.
func privateKey(e *env, file string) ([]byte, error) {
	inline := e.getenv("RELEASEBOT_PRIVATE_KEY")
	switch {
	case file != "" && inline != "" && e.getenv("RELEASEBOT_PRIVATE_KEY_FILE") != "":
		return nil, usererr.Errorf("both RELEASEBOT_PRIVATE_KEY and RELEASEBOT_PRIVATE_KEY_FILE are set: keep one")
	case file != "":
		data, err := os.ReadFile(file)
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if err != nil {
			return nil, usererr.Errorf("cannot read the private key file %s: %v", file, err)
		}
		return data, nil
	case inline != "":
		if !strings.Contains(inline, "\n") {
			inline = strings.ReplaceAll(inline, `\n`, "\n")
		}
		return []byte(inline), nil
	}
	return nil, usererr.Errorf("no private key: set RELEASEBOT_PRIVATE_KEY_FILE (or --private-key-file) to the App's .pem file, or RELEASEBOT_PRIVATE_KEY to its content")
}
