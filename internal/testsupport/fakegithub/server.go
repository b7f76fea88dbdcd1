package fakegithub

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configures a fake GitHub.
type Options struct {
	// Enterprise serves the API under /api/v3 (GitHub Enterprise Server) instead of /.
	Enterprise bool
	// Token, when set, is the only accepted credential ("Authorization: Bearer T"
	// or "token T"); installation tokens the fake issues are accepted too, and
	// the /app endpoints also accept any JWT-shaped bearer credential (the fake
	// does not check App signatures). When empty, every request is accepted.
	Token string
	// RecordViolations makes OpenAPI violations only recorded (see
	// Server.Violations) instead of also failing the test. It exists for tests
	// that check the validation itself.
	RecordViolations bool
}

// Server is a running fake GitHub. It is safe for concurrent use: API
// requests and the test-side methods are serialised by one lock, so a ref
// update is an atomic compare-and-swap.
type Server struct {
	t       testing.TB
	opts    Options
	srv     *httptest.Server
	apiBase string // ends in "/"
	webBase string // ends in "/"
	started time.Time

	mu       sync.Mutex // guards the fields below and all repository state
	repos    map[string]*Repo
	order    []*Repo
	users    map[string]int64
	tokens   map[string]int64 // installation token -> installation id
	revoked  map[string]bool  // installation tokens revoked (RevokeTokens)
	installs map[string]int64 // lower-case owner -> installation id
	nextID   int64
	lastTime time.Time

	callMu     sync.Mutex // guards the call log, faults and violations
	callCount  int
	calls      []Call
	faults     map[int]fault
	violations []string
}

// New starts a fake GitHub; it is closed by t.Cleanup.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	if _, err := loadSpec(); err != nil {
		t.Fatalf("fakegithub: loading the OpenAPI subset: %v", err)
	}
	s := &Server{
		t:        t,
		opts:     opts,
		started:  time.Now(),
		repos:    map[string]*Repo{},
		users:    map[string]int64{},
		tokens:   map[string]int64{},
		installs: map[string]int64{},
		nextID:   1000,
		faults:   map[int]fault{},
	}
	s.srv = httptest.NewUnstartedServer(s.routes())
	// Without keep-alive every request has its own connection, so a dropped
	// connection (FailCall with status 0) reaches the client as an error
	// instead of being retried transparently by net/http on a reused one.
	s.srv.Config.SetKeepAlivesEnabled(false)
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	s.webBase = s.srv.URL + "/"
	s.apiBase = s.webBase
	if opts.Enterprise {
		s.apiBase = s.webBase + "api/v3/"
	}
	return s
}

// URL returns the base API URL to give a client, ending in "/":
// "http://127.0.0.1:N/" or, for Enterprise, "http://127.0.0.1:N/api/v3/".
func (s *Server) URL() string { return s.apiBase }

// prefix is the path prefix under which the API is served ("" or "/api/v3").
func (s *Server) prefix() string {
	if s.opts.Enterprise {
		return "/api/v3"
	}
	return ""
}

// newID returns a fresh id, unique across all objects of the server.
// Callers hold s.mu.
func (s *Server) newID() int64 {
	s.nextID++
	return s.nextID
}

// now returns the current time in whole seconds, strictly after every time
// it returned before, so commits made in a burst still order by date.
// Callers hold s.mu.
func (s *Server) now() time.Time {
	t := time.Now().UTC().Truncate(time.Second)
	if !t.After(s.lastTime) {
		t = s.lastTime.Add(time.Second)
	}
	s.lastTime = t
	return t
}

// userID returns the stable id of a login, allocating one on first use.
// Callers hold s.mu.
func (s *Server) userID(login string) int64 {
	key := strings.ToLower(login)
	if id, ok := s.users[key]; ok {
		return id
	}
	id := s.newID()
	s.users[key] = id
	return id
}
