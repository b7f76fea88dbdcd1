package app

import (
	"bytes"
	"context"
	"crypto/rsa"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// world is a fake GitHub with one repository, acme/rocket, and releasebot
// App servers in front of it, reached over loopback HTTP as GitHub would.
type world struct {
	t    *testing.T
	gh   *fakegithub.Server
	repo *fakegithub.Repo
	jwts *jwtCheck
	logs *syncBuffer
}

func newWorld(t *testing.T, enterprise bool) *world {
	t.Helper()
	key, _ := appKey(t)
	w := &world{t: t, gh: fakegithub.New(t, fakegithub.Options{Enterprise: enterprise}), logs: &syncBuffer{}}
	w.jwts = &jwtCheck{t: t, key: &key.PublicKey, base: http.DefaultTransport}
	w.repo = w.gh.CreateRepo("acme", "rocket", "main")
	w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: initial commit", Files: map[string]string{"README.md": "# rocket\n"}})
	return w
}

// app is one running releasebot App and its URL.
type app struct {
	*Server
	url string
}

// start starts an App server on the world's GitHub.
func (w *world) start(o Options) *app {
	w.t.Helper()
	o.APIURL, o.Transport, o.Logger = w.gh.URL(), w.jwts, testLogger(w.t, w.logs)
	if o.Backoff == 0 {
		o.Backoff = 20 * time.Millisecond
	}
	o.Retry = forge.Retry{Backoff: time.Millisecond, MaxWait: 10 * time.Millisecond}
	s := newServer(w.t, o)
	s.Start()
	hs := httptest.NewServer(s.Handler())
	w.t.Cleanup(func() {
		hs.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	})
	return &app{Server: s, url: hs.URL}
}

// send delivers a signed event to the App over HTTP and returns the status.
func (a *app) send(t *testing.T, event string, payload []byte) int {
	t.Helper()
	r := newDelivery(event, payload, testSecret)
	req, err := http.NewRequest(http.MethodPost, a.url+"/webhook", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = r.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		t.Fatalf("delivering %s: %d %s", event, resp.StatusCode, body)
	}
	return resp.StatusCode
}

// idle waits until no App has a task waiting or running.
func idle(t *testing.T, apps ...*app) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		busy := false
		for _, a := range apps {
			busy = busy || a.queue.busy(context.Background())
		}
		if !busy {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the App is still busy after 60s")
}

// repoFields are the payload fields naming acme/rocket and its
// installation.
func (w *world) repoFields() map[string]any {
	return map[string]any{
		"repository.full_name": "acme/rocket", "repository.name": "rocket",
		"repository.owner.login": "acme", "repository.owner.name": "acme",
		"repository.default_branch": "main", "repository.master_branch": "main",
		"installation.id": w.repo.InstallationID(),
	}
}

// push is a push delivery of branch, GitHub's example with our values.
func (w *world) push(branch, after string) []byte {
	f := w.repoFields()
	f["ref"], f["after"], f["before"], f["deleted"], f["created"] = "refs/heads/"+branch, after, strings.Repeat("0", 40), false, false
	return edit(w.t, example(w.t, "push.branch"), f)
}

// pull is a pull_request delivery of the fake's pull request number n.
func (w *world) pull(action string, n int, extra map[string]any) []byte {
	w.t.Helper()
	var pr *fakegithub.PR
	for _, p := range w.repo.PRs() {
		if p.Number == n {
			pr = &p
		}
	}
	if pr == nil {
		w.t.Fatalf("no pull request #%d", n)
	}
	labels := []any{}
	for _, l := range pr.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	f := w.repoFields()
	for k, v := range map[string]any{
		"action": action, "number": n, "pull_request.number": n, "pull_request.title": pr.Title,
		"pull_request.state": pr.State, "pull_request.merged": pr.Merged, "pull_request.merge_commit_sha": pr.MergeCommitSHA,
		"pull_request.head.ref": pr.Head, "pull_request.head.sha": pr.HeadSHA, "pull_request.base.ref": pr.Base,
		"pull_request.labels": labels, "pull_request.base.repo.full_name": "acme/rocket",
	} {
		f[k] = v
	}
	for k, v := range extra {
		f[k] = v
	}
	return edit(w.t, example(w.t, "pull_request.opened"), f)
}

// client reads the fake's state through the API.
func (w *world) client() *forge.Client {
	c, err := forge.New("acme", "rocket", forge.Options{APIURL: w.gh.URL()})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// check returns the releasebot check run of a commit.
func (w *world) check(sha string) forge.CheckRun {
	w.t.Helper()
	cr, err := w.client().FindCheckRun(context.Background(), sha, checkName)
	if err != nil || cr == nil {
		w.t.Fatalf("check run of %s: %+v, %v", sha, cr, err)
	}
	return *cr
}

// openRelease returns the open release pull requests.
func (w *world) releasePulls(state string) []fakegithub.PR {
	var out []fakegithub.PR
	for _, p := range w.repo.PRs() {
		if p.Head == "releasebot/main" && (state == "" || p.State == state) {
			out = append(out, p)
		}
	}
	return out
}

// calls counts the fake's calls to an operation ("POST /app/installations/{installation_id}/access_tokens").
func (w *world) calls(op string) int {
	n := 0
	for _, c := range w.gh.Calls() {
		if c.Method+" "+c.Path == op {
			n++
		}
	}
	return n
}

// jwtCheck is the transport under the App in tests: it verifies that
// every /app call carries a JWT signed with the App's key (RS256, issued
// for the App id, valid for at most 10 minutes), and that every other
// call carries an installation token.
type jwtCheck struct {
	t     *testing.T
	key   *rsa.PublicKey
	base  http.RoundTripper
	valid atomic.Int32
}

func (c *jwtCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	auth := req.Header.Get("Authorization")
	if strings.HasPrefix(strings.TrimPrefix(req.URL.Path, "/api/v3"), "/app/") {
		if err := c.verify(strings.TrimPrefix(auth, "Bearer ")); err != nil {
			c.t.Errorf("%s %s: the App's JWT does not verify: %v", req.Method, req.URL.Path, err)
		} else {
			c.valid.Add(1)
		}
	} else if !strings.HasPrefix(auth, "token ghs_") {
		c.t.Errorf("%s %s: no installation token (Authorization %q)", req.Method, req.URL.Path, auth)
	}
	return c.base.RoundTrip(req)
}

func (c *jwtCheck) verify(token string) error {
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(tok *jwt.Token) (any, error) {
		if tok.Method != jwt.SigningMethodRS256 {
			return nil, fmt.Errorf("signed with %v, want RS256", tok.Method.Alg())
		}
		return c.key, nil
	})
	if err != nil {
		return err
	}
	if claims.Issuer != strconv.Itoa(4242) {
		return fmt.Errorf("issuer %q, want the App id 4242", claims.Issuer)
	}
	if claims.ExpiresAt == nil || claims.IssuedAt == nil || claims.ExpiresAt.Sub(claims.IssuedAt.Time) > 10*time.Minute {
		return fmt.Errorf("lifetime %v-%v: GitHub takes at most 10 minutes", claims.IssuedAt, claims.ExpiresAt)
	}
	return nil
}

// syncBuffer collects logs from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
