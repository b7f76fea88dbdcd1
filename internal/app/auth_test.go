package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestInstallationTokens: one transport per installation, its token reused
// while it is valid for more than a minute, and fetched again before it
// expires.
func TestInstallationTokens(t *testing.T) {
	var fetched atomic.Int32
	var lifetime atomic.Int64
	lifetime.Store(int64(time.Hour))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/access_tokens") {
			n := fetched.Add(1)
			json.NewEncoder(w).Encode(map[string]any{"token": fmt.Sprintf("ghs_%d", n), "expires_at": time.Now().Add(time.Duration(lifetime.Load())).UTC().Format(time.RFC3339)})
			return
		}
		fmt.Fprint(w, "{}")
	}))
	defer srv.Close()
	s := newServer(t, Options{APIURL: srv.URL + "/api/v3"})
	if s.auth.transport(7) != s.auth.transport(7) || s.auth.transport(7) == s.auth.transport(8) {
		t.Fatal("transports are not one per installation")
	}
	call := func(id int64) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v3/repos/o/r", nil)
		resp, err := s.auth.transport(id).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	call(7)
	call(7)
	call(8)
	if n := fetched.Load(); n != 2 {
		t.Errorf("%d tokens fetched for 3 calls of 2 installations, want 2", n)
	}
	// A token that expires within the minute is renewed before use.
	lifetime.Store(int64(50 * time.Second))
	s.auth.forget(7)
	call(7)
	call(7)
	if n := fetched.Load(); n != 4 {
		t.Errorf("%d tokens fetched, want 4: a token about to expire is renewed", n)
	}
}

func TestCallLogTellsTransientFailures(t *testing.T) {
	cases := []struct {
		status  int
		limited bool
		want    bool
	}{
		{0, false, true}, {502, false, true}, {429, false, true}, {403, true, true},
		{409, false, true}, {422, false, true}, {404, false, false}, {403, false, false}, {401, false, false},
	}
	for _, c := range cases {
		l := &callLog{}
		l.record(c.status, c.limited)
		if got := l.transient(); got != c.want {
			t.Errorf("status %d (rate limited %v): transient %v, want %v", c.status, c.limited, got, c.want)
		}
	}
	if (&callLog{}).transient() {
		t.Error("a task that made no call failed transiently")
	}
}

// TestTransientFailureIsRetried: GitHub answers 502 more times than the
// client retries on its own; the queue retries the task after a backoff,
// and it completes. A permanent failure (no such installation) is not
// retried.
func TestTransientFailureIsRetried(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{Attempts: 3})
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x\n"}})
	for k := 1; k <= 8; k++ {
		w.gh.FailCall(k, http.StatusBadGateway, nil)
	}
	a.send(t, "push", w.push("main", sha))
	idle(t, a)
	if len(w.releasePulls("open")) != 1 {
		t.Fatalf("no release pull request after the retries: %+v", w.repo.PRs())
	}
	_, metrics := get(t, a.url+"/metrics")
	for _, want := range []string{`releasebot_job_duration_seconds_count{kind="run",outcome="retry"} 1`, `releasebot_job_duration_seconds_count{kind="run",outcome="ok"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	w.gh.ResetCalls()
	lost := edit(t, w.push("main", sha), map[string]any{"installation.id": 999999})
	a.send(t, "push", lost)
	idle(t, a)
	_, metrics = get(t, a.url+"/metrics")
	if !strings.Contains(metrics, `releasebot_job_duration_seconds_count{kind="run",outcome="failed"} 1`) {
		t.Errorf("an unknown installation was not a permanent failure:\n%s", metrics)
	}
	if n := w.calls("POST /app/installations/{installation_id}/access_tokens"); n != 1 {
		t.Errorf("%d token requests for an unknown installation, want 1: a refusal is not retried", n)
	}
}
