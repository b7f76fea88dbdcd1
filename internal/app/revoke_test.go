package app

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestRevokedTokenIsReplaced: after the installation's token is revoked,
// the next job is answered 401, drops the token, gets a new one and
// carries on; nothing fails.
func TestRevokedTokenIsReplaced(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	main := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat(api): add the launch endpoint", Files: map[string]string{"api.go": "package api\n"}})
	a.send(t, "push", w.push("main", main))
	idle(t, a)
	if open := w.releasePulls("open"); len(open) != 1 {
		t.Fatalf("release pull requests after the first push: %+v", w.repo.PRs())
	}

	if n := w.gh.RevokeTokens(w.repo.InstallationID()); n != 1 {
		t.Fatalf("revoked %d tokens, want 1", n)
	}
	main = w.repo.Push("main", fakegithub.CommitSpec{Message: "feat(api): add the countdown", Files: map[string]string{"count.go": "package api\n"}})
	a.send(t, "push", w.push("main", main))
	idle(t, a)
	open := w.releasePulls("open")
	if len(open) != 1 || !strings.Contains(open[0].Body, "add the countdown") {
		t.Errorf("the release pull request was not refreshed after the token was revoked: %+v", open)
	}
	if n := w.calls("POST /app/installations/{installation_id}/access_tokens"); n != 2 {
		t.Errorf("%d installation tokens fetched, want 2 (the first, and one after the revocation)", n)
	}
	if logs := w.logs.String(); strings.Contains(logs, "task failed") {
		t.Errorf("a task failed:\n%s", logs)
	}
}

// tokenServer issues tokens ghs_1, ghs_2, ... and answers other requests
// 401 when their token is refused, else 200 with the body received.
type tokenServer struct {
	*httptest.Server
	fetched, calls atomic.Int32
	mu             sync.Mutex
	refused        func(token string) bool
	bodies         []string
}

func newTokenServer(t *testing.T, refused func(string) bool) *tokenServer {
	ts := &tokenServer{refused: refused}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/access_tokens") {
			n := ts.fetched.Add(1)
			json.NewEncoder(w).Encode(map[string]any{"token": fmt.Sprintf("ghs_%d", n), "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
			return
		}
		ts.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		ts.mu.Lock()
		ts.bodies = append(ts.bodies, string(body))
		refused := ts.refused(strings.TrimPrefix(r.Header.Get("Authorization"), "token "))
		ts.mu.Unlock()
		if refused {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Bad credentials"}`)
			return
		}
		fmt.Fprint(w, "{}")
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *tokenServer) do(t *testing.T, rt http.RoundTripper, body io.Reader) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/v3/repos/o/r/git/refs", body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestTokenRenewedOnceOn401: a 401 to a request made with the cached
// token fetches a new token and sends the request again, with its body;
// a second 401 is returned; a body that cannot be sent again is not.
func TestTokenRenewedOnceOn401(t *testing.T) {
	t.Run("revoked", func(t *testing.T) {
		ts := newTokenServer(t, func(tok string) bool { return tok == "ghs_1" })
		s := newServer(t, Options{APIURL: ts.URL + "/api/v3"})
		rt := s.auth.transport(7)
		if got := ts.do(t, rt, strings.NewReader(`{"ref":"refs/heads/x"}`)); got != 200 {
			t.Fatalf("status %d after the revoked token, want 200", got)
		}
		if f, c := ts.fetched.Load(), ts.calls.Load(); f != 2 || c != 2 {
			t.Errorf("%d tokens fetched and %d calls, want 2 and 2", f, c)
		}
		if !slices.Equal(ts.bodies, []string{`{"ref":"refs/heads/x"}`, `{"ref":"refs/heads/x"}`}) {
			t.Errorf("bodies received %q: the retry must carry the same body", ts.bodies)
		}
		ts.do(t, rt, nil)
		if f := ts.fetched.Load(); f != 2 {
			t.Errorf("%d tokens fetched, want the new token reused", f)
		}
	})
	t.Run("refused again", func(t *testing.T) {
		ts := newTokenServer(t, func(string) bool { return true })
		s := newServer(t, Options{APIURL: ts.URL + "/api/v3"})
		rt := s.auth.transport(7)
		if got := ts.do(t, rt, nil); got != 401 {
			t.Fatalf("status %d, want 401", got)
		}
		if f, c := ts.fetched.Load(), ts.calls.Load(); f != 2 || c != 2 {
			t.Errorf("%d tokens fetched and %d calls, want 2 and 2 (one retry)", f, c)
		}
		ts.do(t, rt, nil) // the token was just renewed: the 401 stands
		if f, c := ts.fetched.Load(), ts.calls.Load(); f != 2 || c != 3 {
			t.Errorf("%d tokens fetched and %d calls, want 2 and 3", f, c)
		}
	})
	t.Run("body without GetBody", func(t *testing.T) {
		ts := newTokenServer(t, func(tok string) bool { return tok == "ghs_1" })
		s := newServer(t, Options{APIURL: ts.URL + "/api/v3"})
		if got := ts.do(t, s.auth.transport(7), io.MultiReader(strings.NewReader("{}"))); got != 401 {
			t.Errorf("status %d, want the 401: the body cannot be sent again", got)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		ts := newTokenServer(t, func(tok string) bool { return tok == "ghs_1" })
		s := newServer(t, Options{APIURL: ts.URL + "/api/v3"})
		rt := s.auth.transport(7)
		ts.do(t, rt, nil) // fetches ghs_1, refused, renews to ghs_2
		ts.mu.Lock()
		ts.refused = func(tok string) bool { return tok == "ghs_2" }
		ts.mu.Unlock()
		s.auth.transport(7).(*tokenTransport).renewed = time.Time{} // as if long ago
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := ts.do(t, rt, nil); got != 200 {
					t.Errorf("status %d, want 200", got)
				}
			}()
		}
		wg.Wait()
		if f := ts.fetched.Load(); f != 3 {
			t.Errorf("%d tokens fetched by 8 concurrent requests refused together, want 3 (one more)", f)
		}
	})
}
