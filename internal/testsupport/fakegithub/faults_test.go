package fakegithub

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

func TestFaults(t *testing.T) {
	s, _, _ := seeded(t, Options{})
	gh := client(t, s, "")

	s.FailCall(1, http.StatusBadGateway, nil)
	if _, _, err := gh.Repositories.Get(ctx, "acme", "widget"); statusOf(err) != 502 {
		t.Errorf("first call: %v, want 502", err)
	}
	if _, _, err := gh.Repositories.Get(ctx, "acme", "widget"); err != nil {
		t.Errorf("second call: %v, want success", err)
	}

	s.FailCall(1, 0, nil)
	_, _, err := gh.Git.CreateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("refs/heads/x"), Object: &github.GitObject{SHA: github.String("0000000000000000000000000000000000000000")}})
	if err == nil || statusOf(err) != 0 {
		t.Errorf("dropped connection: %v, want a network error", err)
	}
	s.FailCall(1, 0, nil)
	if _, _, err := gh.Repositories.Get(ctx, "acme", "widget"); err == nil || statusOf(err) != 0 {
		t.Errorf("dropped GET: %v, want a network error", err)
	}

	s.DelayCall(1, 50*time.Millisecond)
	start := time.Now()
	gh.Repositories.Get(ctx, "acme", "widget")
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("delayed call took %v", d)
	}

	// go-github refuses further calls after a secondary rate limit: last.
	s.FailCall(2, http.StatusForbidden, map[string]string{"Retry-After": "7"})
	gh.Repositories.Get(ctx, "acme", "widget")
	_, _, err = gh.Repositories.Get(ctx, "acme", "widget")
	var abuse *github.AbuseRateLimitError
	if !errors.As(err, &abuse) || abuse.GetRetryAfter() != 7*time.Second {
		t.Errorf("secondary rate limit: %T %v", err, err)
	}

	var statuses []int
	for _, c := range s.Calls() {
		statuses = append(statuses, c.Status)
	}
	if got := fmt.Sprint(statuses); got != "[502 200 0 0 200 200 403]" {
		t.Errorf("statuses = %s", got)
	}
	if calls := s.Calls(); !calls[2].Write || calls[2].Path != "/repos/{owner}/{repo}/git/refs" {
		t.Errorf("dropped call = %+v", calls[2])
	}
	s.ResetCalls()
	if len(s.Calls()) != 0 {
		t.Error("ResetCalls kept calls")
	}
}

func TestRateLimitHeadersDecrease(t *testing.T) {
	s, _, _ := seeded(t, Options{})
	gh := client(t, s, "")
	_, first, _ := gh.Repositories.Get(ctx, "acme", "widget")
	_, second, _ := gh.Repositories.Get(ctx, "acme", "widget")
	if first.Rate.Remaining != second.Rate.Remaining+1 || first.Rate.Reset.IsZero() || second.Header.Get("X-RateLimit-Used") != "2" || second.Header.Get("X-RateLimit-Resource") != "core" {
		t.Errorf("rate: %+v then %+v", first.Rate, second.Rate)
	}
}

func TestConcurrentRefUpdatesAreCompareAndSwap(t *testing.T) {
	s, r, _ := seeded(t, Options{})
	// Two bots race to move releasebot/main to different children of base.
	a := r.Push("a", CommitSpec{Message: "a", Files: map[string]string{"a": "a"}})
	b := r.Push("b", CommitSpec{Message: "b", Files: map[string]string{"b": "b"}})
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, sha := range []string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gh := client(t, s, "")
			_, _, errs[i] = gh.Git.UpdateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("heads/main"), Object: &github.GitObject{SHA: github.String(sha)}}, false)
		}()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
			if statusOf(err) != 422 {
				t.Errorf("loser: %v, want 422", err)
			}
		}
	}
	if failed != 1 {
		t.Errorf("%d updates failed, want exactly 1: %v", failed, errs)
	}
}
