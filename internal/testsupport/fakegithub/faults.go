package fakegithub

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Call is one API call the server received.
type Call struct {
	Method string
	// Path is the operation's template as in the description, e.g.
	// "/repos/{owner}/{repo}/pulls" (the request path for unknown routes).
	Path string
	// URL is the request's path and query, without the /api/v3 prefix.
	URL    string
	Status int // 0 when the connection was dropped
	Write  bool
}

type fault struct {
	delay   time.Duration
	inject  bool
	status  int
	headers map[string]string
}

// FailCall makes the k-th API call from now (1-based, counting every call)
// answer status with the given headers, without executing it. Status 0 drops
// the connection instead (hijack and close), which the client sees as a
// network error. For status >= 400 the body is a GitHub error message.
func (s *Server) FailCall(k int, status int, headers map[string]string) {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	f := s.faults[s.callCount+k]
	f.inject, f.status, f.headers = true, status, headers
	s.faults[s.callCount+k] = f
}

// DelayCall makes the k-th API call from now (1-based) wait d before it is
// served (or failed, if FailCall names the same call).
func (s *Server) DelayCall(k int, d time.Duration) {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	f := s.faults[s.callCount+k]
	f.delay = d
	s.faults[s.callCount+k] = f
}

// Calls returns every call received since the start or the last ResetCalls.
func (s *Server) Calls() []Call {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	return append([]Call(nil), s.calls...)
}

// ResetCalls forgets the calls received so far. It does not reset the
// numbering FailCall and DelayCall count from, nor the rate limit.
func (s *Server) ResetCalls() {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	s.calls = nil
}

// Violations returns the OpenAPI violations seen so far: requests GitHub
// would reject, responses of the fake not matching the description, and
// calls to operations outside the subset.
func (s *Server) Violations() []string {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	return append([]string(nil), s.violations...)
}

// violation records a violation and, unless Options.RecordViolations, fails
// the test.
func (s *Server) violation(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.callMu.Lock()
	s.violations = append(s.violations, msg)
	s.callMu.Unlock()
	if !s.opts.RecordViolations {
		s.t.Errorf("fakegithub: %s", msg)
	}
}

// beginCall numbers a new call and takes the fault planned for it.
func (s *Server) beginCall() (int, fault) {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	s.callCount++
	n := s.callCount
	f := s.faults[n]
	delete(s.faults, n)
	return n, f
}

func (s *Server) record(c Call) {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	s.calls = append(s.calls, c)
}

// inject answers call n with the planned fault instead of serving it.
func (s *Server) inject(w http.ResponseWriter, r *http.Request, n int, path string, f fault) {
	call := Call{Method: r.Method, Path: path, URL: strings.TrimPrefix(r.URL.RequestURI(), s.prefix()), Status: f.status, Write: r.Method != http.MethodGet}
	if f.status == 0 {
		s.record(call)
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic("fakegithub: the response writer cannot be hijacked")
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	header := s.headers(n, reply{})
	for k, v := range f.headers {
		header.Set(k, v)
	}
	var body []byte
	if f.status >= 400 {
		header.Set("Content-Type", "application/json; charset=utf-8")
		body = encodeBody(faultBody(f.status, header))
	}
	s.record(call)
	write(w, f.status, header, body)
}

// faultBody is the error GitHub sends with an injected status; rate-limit
// errors carry the messages and documentation URLs clients recognise.
func faultBody(status int, header http.Header) obj {
	const limits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
	body := fail(status, http.StatusText(status)).body.(obj)
	switch {
	case header.Get("Retry-After") != "":
		body["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
		body["documentation_url"] = limits + "#about-secondary-rate-limits"
	case header.Get("X-RateLimit-Remaining") == "0":
		body["message"] = "API rate limit exceeded."
		body["documentation_url"] = limits + "#about-the-primary-rate-limit"
	}
	return body
}
