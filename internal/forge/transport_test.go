package forge

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// script answers each call with the next of its responses.
type script struct {
	calls     atomic.Int32
	responses []func(w http.ResponseWriter, r *http.Request)
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(s.calls.Add(1)) - 1
	if n >= len(s.responses) {
		http.Error(w, "unexpected call", http.StatusTeapot)
		return
	}
	s.responses[n](w, r)
}

func status(code int, headers ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, `{"message":"x"}`)
	}
}

func drop(w http.ResponseWriter, _ *http.Request) {
	conn, _, _ := w.(http.Hijacker).Hijack()
	conn.Close()
}

func TestTransportRetries(t *testing.T) {
	cases := []struct {
		name      string
		responses []func(http.ResponseWriter, *http.Request)
		wantCode  int
		wantCalls int
		wantWaits []time.Duration
	}{
		{"502 then success", []func(http.ResponseWriter, *http.Request){status(502), status(200)}, 200, 2, nil},
		{"dropped connection then success", []func(http.ResponseWriter, *http.Request){drop, status(201)}, 201, 2, nil},
		{"retry-after", []func(http.ResponseWriter, *http.Request){status(403, "Retry-After", "7"), status(200)}, 200, 2, []time.Duration{7 * time.Second}},
		{"429 retry-after", []func(http.ResponseWriter, *http.Request){status(429, "Retry-After", "1"), status(200)}, 200, 2, []time.Duration{time.Second}},
		{"secondary rate limit in the body", []func(http.ResponseWriter, *http.Request){func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(403)
			io.WriteString(w, `{"message":"You have exceeded a secondary rate limit."}`)
		}, status(200)}, 200, 2, []time.Duration{time.Minute}},
		{"plain 403 is not retried", []func(http.ResponseWriter, *http.Request){status(403), status(200)}, 403, 1, nil},
		{"422 is not retried", []func(http.ResponseWriter, *http.Request){status(422), status(200)}, 422, 1, nil},
		{"404 is not retried", []func(http.ResponseWriter, *http.Request){status(404)}, 404, 1, nil},
		{"a wait longer than allowed is not waited for", []func(http.ResponseWriter, *http.Request){status(403, "Retry-After", "3600"), status(200)}, 403, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &script{responses: c.responses}
			srv := httptest.NewServer(s)
			defer srv.Close()
			var waits []time.Duration
			tr := &transport{base: http.DefaultTransport, retry: Retry{Backoff: time.Millisecond}.withDefaults(), calls: &Calls{},
				sleep: func(_ context.Context, d time.Duration) error {
					if d >= time.Second {
						waits = append(waits, d)
					}
					return nil
				}}
			req, _ := http.NewRequest("POST", srv.URL+"/repos/o/r/git/refs", strings.NewReader(`{"ref":"refs/heads/x","sha":"y"}`))
			req.GetBody = func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(`{"ref":"refs/heads/x","sha":"y"}`)), nil
			}
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.wantCode || int(s.calls.Load()) != c.wantCalls || tr.calls.Total() != c.wantCalls {
				t.Errorf("status %d after %d calls (counted %d), want %d after %d", resp.StatusCode, s.calls.Load(), tr.calls.Total(), c.wantCode, c.wantCalls)
			}
			if len(waits) != len(c.wantWaits) {
				t.Fatalf("waits %v, want %v", waits, c.wantWaits)
			}
			for i := range waits {
				if waits[i] != c.wantWaits[i] {
					t.Errorf("wait %d = %v, want %v", i, waits[i], c.wantWaits[i])
				}
			}
		})
	}
}

func TestTransportGivesUpAndSaysWhich(t *testing.T) {
	s := &script{}
	for i := 0; i < 10; i++ {
		s.responses = append(s.responses, status(502))
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr := &transport{base: http.DefaultTransport, retry: Retry{Attempts: 3, Backoff: time.Millisecond}.withDefaults(), calls: &Calls{}, sleep: sleepCtx}
	req, _ := http.NewRequest("GET", srv.URL+"/repos/o/r/pulls", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil || resp.StatusCode != 502 || s.calls.Load() != 3 {
		t.Errorf("err %v, calls %d", err, s.calls.Load())
	}
}

func TestTransportHonoursTheDeadline(t *testing.T) {
	s := &script{responses: []func(http.ResponseWriter, *http.Request){status(429, "Retry-After", "60"), status(200)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr := &transport{base: http.DefaultTransport, retry: Retry{}.withDefaults(), calls: &Calls{}, sleep: sleepCtx}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/repos/o/r/pulls", nil)
	start := time.Now()
	_, err := tr.RoundTrip(req)
	if err == nil || !strings.Contains(err.Error(), "GET /repos/o/r/pulls") || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("waited %v although the deadline could not be met", time.Since(start))
	}
}

func TestEndpoint(t *testing.T) {
	cases := map[string]string{
		"/repos/o/r/pulls/12":                                      "/repos/{owner}/{repo}/pulls/{n}",
		"/api/v3/repos/o/r/git/ref/heads/a/b":                      "/repos/{owner}/{repo}/git/ref/{...}",
		"/repos/o/r/commits/" + strings.Repeat("a", 40) + "/pulls": "/repos/{owner}/{repo}/commits/{sha}/pulls",
		"/repos/o/r/issues/3/labels":                               "/repos/{owner}/{repo}/issues/{n}/labels",
		"/app/installations/99/access_tokens":                      "/app/installations/{n}/access_tokens",
	}
	for in, want := range cases {
		if got := Endpoint(in); got != want {
			t.Errorf("Endpoint(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommentsAreNotRetriedAfterAServerError(t *testing.T) {
	s := &script{responses: []func(http.ResponseWriter, *http.Request){status(502), status(201)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr := &transport{base: http.DefaultTransport, retry: Retry{Backoff: time.Millisecond}.withDefaults(), calls: &Calls{}, sleep: sleepCtx}
	req, _ := http.NewRequest("POST", srv.URL+"/repos/o/r/issues/3/comments", strings.NewReader(`{"body":"x"}`))
	resp, err := tr.RoundTrip(req)
	if err != nil || resp.StatusCode != 502 || s.calls.Load() != 1 {
		t.Errorf("err %v, status %v, calls %d: a comment that may be posted must not be posted again", err, resp, s.calls.Load())
	}
	rl := &script{responses: []func(http.ResponseWriter, *http.Request){status(429, "Retry-After", "0"), status(201)}}
	srv2 := httptest.NewServer(rl)
	defer srv2.Close()
	req2, _ := http.NewRequest("POST", srv2.URL+"/repos/o/r/issues/3/comments", strings.NewReader(`{"body":"x"}`))
	req2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(`{"body":"x"}`)), nil }
	if resp, err := tr.RoundTrip(req2); err != nil || resp.StatusCode != 201 {
		t.Errorf("a rate-limited comment is retried: %v %v", resp, err)
	}
}
