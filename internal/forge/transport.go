package forge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry says how the transport retries.
type Retry struct {
	// Attempts is the most tries of one request (default 5).
	Attempts int
	// Backoff is the first wait after a server error or a network failure;
	// it doubles on each try, up to MaxBackoff, with full jitter
	// (defaults 1s and 30s).
	Backoff, MaxBackoff time.Duration
	// MaxWait bounds a wait that GitHub asks for (Retry-After, or a rate
	// limit reset); a longer one is not waited for (default 2m).
	MaxWait time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.Attempts <= 0 {
		r.Attempts = 5
	}
	if r.Backoff <= 0 {
		r.Backoff = time.Second
	}
	if r.MaxBackoff <= 0 {
		r.MaxBackoff = 30 * time.Second
	}
	if r.MaxWait <= 0 {
		r.MaxWait = 2 * time.Minute
	}
	return r
}

// transport retries what is worth retrying and counts every call:
//   - 403 or 429 with Retry-After, or with X-RateLimit-Remaining: 0, or a
//     secondary rate limit: wait as told (bounded by MaxWait and the
//     request's context), then retry;
//   - 5xx and network errors: capped exponential backoff with jitter;
//   - any other 4xx is the request's own fault and is returned at once.
//
// Requests are retried with their body (GetBody); a POST retried after a
// lost response may find its object made, which the callers handle as
// ErrExists.
type transport struct {
	base  http.RoundTripper
	retry Retry
	calls *Calls
	sleep func(ctx context.Context, d time.Duration) error
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		try := req
		if attempt > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			try = req.Clone(ctx)
			try.Body = body
		}
		resp, err := t.base.RoundTrip(try)
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.calls.add(req.Method, req.URL.Path, status)
		wait, retry := t.decide(resp, err, attempt)
		if retry && mayDuplicate(req, resp) {
			retry = false // the comment may be posted: the caller checks and tries again
		}
		if !retry {
			return resp, err
		}
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
		}
		if serr := t.sleep(ctx, wait); serr != nil {
			if err == nil {
				err = fmt.Errorf("status %d", status)
			}
			return nil, fmt.Errorf("%s %s: gave up after %d attempts (%w): %w", req.Method, req.URL.Path, attempt, err, serr)
		}
	}
}

// decide says whether to retry and after how long.
func (t *transport) decide(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if attempt >= t.retry.Attempts {
		return 0, false
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return 0, false
		}
		return t.backoff(attempt), true
	}
	switch {
	case resp.StatusCode >= 500:
		return t.backoff(attempt), true
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests:
		wait, limited := rateLimitWait(resp)
		if !limited || wait > t.retry.MaxWait {
			return 0, false
		}
		return wait, true
	}
	return 0, false
}

func (t *transport) backoff(attempt int) time.Duration {
	d := t.retry.Backoff << (attempt - 1)
	if d <= 0 || d > t.retry.MaxBackoff {
		d = t.retry.MaxBackoff
	}
	return time.Duration(rand.Int64N(int64(d))) + d/2
}

// mayDuplicate reports a failed write that GitHub may have applied and
// that a retry would make twice: creating a comment has no uniqueness
// (refs, pull requests, tags and releases come back as "already exists").
// A rate-limit refusal is safe to retry: it was not applied.
func mayDuplicate(req *http.Request, resp *http.Response) bool {
	if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/comments") {
		return false
	}
	return resp == nil || resp.StatusCode >= 500
}

// rateLimitWait reads how long GitHub asks to wait on a 403 or 429;
// limited is false when the response is not about a rate limit.
func rateLimitWait(resp *http.Response) (time.Duration, bool) {
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, true
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return max(time.Until(time.Unix(reset, 0)), 0) + time.Second, true
		}
		return time.Minute, true
	}
	// A secondary rate limit without Retry-After: GitHub asks for at
	// least a minute. The body is read and put back for the caller.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if strings.Contains(strings.ToLower(string(body)), "secondary rate limit") {
		return time.Minute, true
	}
	return 0, false
}

// sleepCtx waits d or until ctx ends, whichever is first; it refuses to
// start a wait that the context's deadline would cut short.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return fmt.Errorf("waiting %s would pass the deadline", d.Round(time.Second))
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
