package app

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestTwoReplicas: two App servers behind a load balancer get the same
// events at the same time (as when GitHub's delivery and a resync, or two
// events, land on different replicas); GitHub's ref updates arbitrate, and
// the repository ends with one release pull request, one tag and one
// release.
func TestTwoReplicas(t *testing.T) {
	for round := 0; round < 5; round++ {
		kind := "memory"
		if round >= 3 {
			// Sharing a Postgres queue, the replicas never work on the
			// repository at the same time.
			kind = "postgres"
		}
		w := newWorld(t, round == 1)
		setting := queueSetting(t, kind)
		a, b := w.start(Options{Queue: setting}), w.start(Options{Queue: setting})
		w.repo.Tag("v1.0.0", w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"s": "s\n"}}), true)
		sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: launch (#4)", Files: map[string]string{"l": "l\n"}})
		together(t, func(x *app) { x.send(t, "push", w.push("main", sha)) }, a, b)
		idle(t, a, b)
		open := w.releasePulls("open")
		if len(open) != 1 || len(w.releasePulls("")) != 1 || open[0].Title != "chore(main): release 1.1.0" {
			t.Fatalf("round %d: release pull requests %+v", round, w.releasePulls(""))
		}
		w.repo.MergePR(open[0].Number, "merge")
		closed := w.pull("closed", open[0].Number, nil)
		together(t, func(x *app) { x.send(t, "pull_request", closed) }, a, b)
		idle(t, a, b)
		tags := w.repo.Tags()
		if len(tags) != 2 || tags["v1.1.0"] == "" {
			t.Fatalf("round %d: tags %v", round, tags)
		}
		if rel := w.repo.Releases(); len(rel) != 1 || rel[0].TagName != "v1.1.0" {
			t.Fatalf("round %d: releases %+v", round, rel)
		}
		if n := len(w.releasePulls("")); n != 1 {
			t.Fatalf("round %d: %d release pull requests", round, n)
		}
		if kind == "postgres" {
			if n, jobs := overlaps(t, w.logs.String(), "acme/rocket"); n > 0 || jobs < 2 {
				t.Fatalf("round %d: %d of %d jobs overlapped another of the repository", round, n, jobs)
			}
		}
	}
}

// overlaps reads the App's JSON logs and counts the jobs of repo that
// ran while another of its jobs ran (each job's end is its log line's
// time, its start that minus its seconds), and the jobs found.
func overlaps(t *testing.T, logs, repo string) (int, int) {
	t.Helper()
	type span struct{ from, to time.Time }
	var spans []span
	for _, line := range strings.Split(logs, "\n") {
		var rec struct {
			Time       time.Time
			Repository string
			Seconds    *float64
			Msg        string
		}
		if json.Unmarshal([]byte(line), &rec) != nil || rec.Repository != repo || rec.Seconds == nil || !strings.HasPrefix(rec.Msg, "task ") {
			continue
		}
		spans = append(spans, span{rec.Time.Add(-time.Duration(*rec.Seconds * float64(time.Second))), rec.Time})
	}
	n := 0
	for i, x := range spans {
		for j, y := range spans {
			if i != j && x.from.Before(y.to) && y.from.Before(x.to) {
				n++
				break
			}
		}
	}
	return n, len(spans)
}

// together runs f for each App at the same time.
func together(t *testing.T, f func(*app), apps ...*app) {
	t.Helper()
	var wg sync.WaitGroup
	for _, a := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(a)
		}()
	}
	wg.Wait()
}

// TestResync: the periodic resync walks the installations and runs every
// repository, which opens the release pull requests no event asked for.
// With a durable queue it is a River periodic job, and the first runs at
// start since none ever ran.
func TestResync(t *testing.T) {
	for _, kind := range []string{"memory", "sqlite"} {
		t.Run(kind, func(t *testing.T) { testResync(t, kind) })
	}
}

func testResync(t *testing.T, kind string) {
	w := newWorld(t, true)
	other := w.gh.CreateRepo("zeta", "engine", "trunk")
	other.Push("trunk", fakegithub.CommitSpec{Message: "feat: ignition", Files: map[string]string{"i": "i\n"}})
	w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: launch", Files: map[string]string{"l": "l\n"}})
	interval := 50 * time.Millisecond
	if kind != "memory" {
		interval = time.Hour // the first one runs at start
	}
	a := w.start(Options{ResyncInterval: interval, Queue: queueSetting(t, kind)})
	deadline := time.Now().Add(30 * time.Second)
	for len(w.releasePulls("open")) == 0 || len(other.PRs()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no release pull requests after the resync: %+v %+v", w.repo.PRs(), other.PRs())
		}
		time.Sleep(10 * time.Millisecond)
	}
	idle(t, a)
	if p := other.PRs()[0]; p.Head != "releasebot/trunk" || p.Title != "chore(trunk): release 0.1.0" {
		t.Errorf("zeta/engine: %+v", p)
	}
	if w.calls("GET /app/installations") == 0 || w.calls("GET /installation/repositories") < 2 {
		t.Errorf("calls %v", w.gh.Calls())
	}
}

// TestOperations: /healthz, /readyz and /metrics, and a shutdown that
// stops taking deliveries.
func TestOperations(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	if code, body := get(t, a.url+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	if code, _ := get(t, a.url+"/readyz"); code != 200 {
		t.Errorf("readyz: %d", code)
	}
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x\n"}})
	a.send(t, "push", w.push("main", sha))
	a.send(t, "ping", example(t, "ping"))
	idle(t, a)
	_, metrics := get(t, a.url+"/metrics")
	for _, want := range []string{
		`releasebot_webhook_deliveries_total{event="push",outcome="queued"} 1`,
		`releasebot_webhook_deliveries_total{event="ping",outcome="ping"} 1`,
		`releasebot_queue_depth 0`,
		`releasebot_jobs_running 0`,
		`releasebot_queue_jobs{state="available"} 0`,
		`releasebot_queue_oldest_seconds{state="scheduled"} 0`,
		`releasebot_job_duration_seconds_count{kind="run",outcome="ok"} 1`,
		`releasebot_github_calls_total{endpoint="/app/installations/{n}/access_tokens",method="POST",status="201"} 1`,
		`releasebot_github_calls_total{endpoint="/repos/{owner}/{repo}/pulls",method="POST",status="201"} 1`,
		`releasebot_github_rate_limit_remaining{installation="`,
		`releasebot_webhook_ack_seconds_count 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if code, _ := get(t, a.url+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz after shutdown: %d", code)
	}
	r := newDelivery("push", w.push("main", sha), testSecret)
	if rec := serve(a.Handler(), r); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("delivery after shutdown: %d", rec.Code)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestResyncOnce: two replicas sharing a Postgres queue start together;
// the resync due at start runs once, not once per replica.
func TestResyncOnce(t *testing.T) {
	setting := queueSetting(t, "postgres")
	w := newWorld(t, false)
	w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: launch", Files: map[string]string{"l": "l\n"}})
	a := w.start(Options{ResyncInterval: time.Hour, Queue: setting})
	b := w.start(Options{ResyncInterval: time.Hour, Queue: setting})
	deadline := time.Now().Add(30 * time.Second)
	for len(w.releasePulls("open")) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no release pull request after the resync")
		}
		time.Sleep(10 * time.Millisecond)
	}
	idle(t, a, b)
	time.Sleep(time.Second) // a second resync would have started by now
	if n := w.calls("GET /app/installations"); n != 1 {
		t.Errorf("the installations were listed %d times; want one resync", n)
	}
}
