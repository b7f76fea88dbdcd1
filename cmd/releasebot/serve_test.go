package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// appKeyFile writes a fresh App private key and returns its path and PEM.
func appKeyFile(t *testing.T) (string, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	path := filepath.Join(t.TempDir(), "app.pem")
	if err := os.WriteFile(path, p, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, string(p)
}

func TestServeRefusesBadSettings(t *testing.T) {
	keyPath, keyPEM := appKeyFile(t)
	notPEM := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(notPEM, []byte("hello"), 0o600)
	good := map[string]string{"RELEASEBOT_APP_ID": "4242", "RELEASEBOT_PRIVATE_KEY_FILE": keyPath, "RELEASEBOT_WEBHOOK_SECRET": "s3cret", "RELEASEBOT_QUEUE": "memory"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range good {
			m[a] = b
		}
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no app id", with("RELEASEBOT_APP_ID", ""), nil, "no App id: set RELEASEBOT_APP_ID"},
		{"app id not a number", with("RELEASEBOT_APP_ID", "my-app"), nil, `App id "my-app" is not a positive number`},
		{"no key", with("RELEASEBOT_PRIVATE_KEY_FILE", ""), nil, "no private key: set RELEASEBOT_PRIVATE_KEY_FILE"},
		{"missing key file", with("RELEASEBOT_PRIVATE_KEY_FILE", "/nonexistent/app.pem"), nil, "cannot read the private key file /nonexistent/app.pem: no such file or directory"},
		{"key not PEM", with("RELEASEBOT_PRIVATE_KEY_FILE", notPEM), nil, "private key is not a PEM-encoded RSA private key"},
		{"two keys", with("RELEASEBOT_PRIVATE_KEY", keyPEM), nil, "both RELEASEBOT_PRIVATE_KEY and RELEASEBOT_PRIVATE_KEY_FILE are set"},
		{"no secret", with("RELEASEBOT_WEBHOOK_SECRET", ""), nil, "no webhook secret: set RELEASEBOT_WEBHOOK_SECRET"},
		{"bad API URL", with("GITHUB_API_URL", "github.example.com"), nil, `API URL "github.example.com" is not an http(s) URL`},
		{"bad title conclusion", good, []string{"--invalid-title", "warning"}, `invalid-title conclusion "warning": want failure or neutral`},
		{"bad log level", with("RELEASEBOT_LOG_LEVEL", "loud"), nil, `log level "loud"`},
		{"short resync", good, []string{"--resync-interval", "1s"}, "--resync-interval 1s: want 0 (off) or at least 1m"},
		{"bad duration", good, []string{"--resync-interval", "often"}, "invalid value \"often\" for flag -resync-interval"},
		{"bad address", with("RELEASEBOT_ADDR", "127.0.0.1:99999"), nil, "cannot listen on 127.0.0.1:99999"},
		{"queue not a URL", with("RELEASEBOT_QUEUE", "redis://localhost"), nil, `queue "redis://localhost": want memory, sqlite:PATH or postgres://`},
		{"queue without a path", good, []string{"--queue", "sqlite:"}, `queue "sqlite:": want sqlite:PATH`},
		{"queue not writable", good, []string{"--queue", "sqlite:" + notPEM + "/queue.db"}, "cannot open the queue sqlite:" + notPEM + "/queue.db (--queue, RELEASEBOT_QUEUE)"},
		{"queue unreachable", good, []string{"--queue", "postgres://releasebot:hunter2@127.0.0.1:1/releasebot?connect_timeout=2"}, "cannot reach the queue postgres://releasebot:xxx@127.0.0.1:1/releasebot?connect_timeout=2 (--queue, RELEASEBOT_QUEUE)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb strings.Builder
			code := run(append([]string{"serve"}, c.args...), &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return c.env[k] }})
			msg := errb.String()
			if code != exitUsage || !strings.Contains(msg, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, msg, c.want)
			}
			if strings.Count(strings.TrimSpace(msg), "\n") > 0 {
				t.Errorf("not one sentence: %q", msg)
			}
		})
	}
}

// lockedBuffer is stderr shared with the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe runs `releasebot serve` as a user would (settings from the
// environment, the key given inline with \n escapes) against the fake
// GitHub: a signed push opens the release pull request; SIGTERM (here, the
// context) stops it cleanly.
func TestServe(t *testing.T) {
	gh := fakegithub.New(t, fakegithub.Options{Enterprise: true})
	repo := gh.CreateRepo("acme", "rocket", "main")
	sha := repo.Push("main", fakegithub.CommitSpec{Message: "feat: lift off", Files: map[string]string{"x": "x\n"}})
	_, keyPEM := appKeyFile(t)
	vars := map[string]string{
		"RELEASEBOT_APP_ID": "4242", "RELEASEBOT_PRIVATE_KEY": strings.ReplaceAll(keyPEM, "\n", `\n`),
		"RELEASEBOT_WEBHOOK_SECRET": "s3cret", "RELEASEBOT_ADDR": "127.0.0.1:0", "GITHUB_API_URL": strings.TrimSuffix(gh.URL(), "/"),
		"RELEASEBOT_QUEUE": "sqlite:" + filepath.Join(t.TempDir(), "queue.db"),
	}
	stderr := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	result := make(chan error, 1)
	go func() {
		result <- serve(ctx, &env{stdout: &strings.Builder{}, stderr: stderr, getenv: func(k string) string { return vars[k] }}, []string{"--shutdown-timeout", "5s"})
	}()
	addr := listening(t, stderr)

	payload, _ := json.Marshal(map[string]any{
		"ref": "refs/heads/main", "after": sha, "deleted": false,
		"repository":   map[string]any{"full_name": "acme/rocket", "name": "rocket", "owner": map[string]any{"login": "acme"}, "default_branch": "main"},
		"installation": map[string]any{"id": repo.InstallationID()},
	})
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write(payload)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhook", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "push")
	req.Header.Set("X-GitHub-Delivery", "d-1")
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("push: %d", resp.StatusCode)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(repo.PRs()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if prs := repo.PRs(); len(prs) != 1 || prs[0].Title != "chore(main): release 0.1.0" {
		t.Fatalf("pull requests %+v\nlogs:\n%s", prs, stderr)
	}
	cancel()
	select {
	case err := <-result:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within its shutdown timeout")
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("log line is not JSON: %q", line)
		}
	}
}

// listening waits for the "listening" log record and returns its address.
func listening(t *testing.T, stderr *lockedBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(stderr.String(), "\n") {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				return rec.Addr
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("serve did not start:\n%s", stderr)
	return ""
}

func TestServeHelp(t *testing.T) {
	var out strings.Builder
	code := run([]string{"serve", "--help"}, &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }})
	for _, want := range []string{"RELEASEBOT_WEBHOOK_SECRET", "--resync-interval", "GITHUB_API_URL"} {
		if code != exitOK || !strings.Contains(out.String(), strings.TrimPrefix(want, "--")) {
			t.Errorf("help lacks %s: %s", want, out.String())
		}
	}
}

// TestServeBoundsHeaders: a request with 200 kB of headers is refused
// (431) before it reaches the webhook; GitHub's few kB pass.
func TestServeBoundsHeaders(t *testing.T) {
	_, keyPEM := appKeyFile(t)
	vars := map[string]string{"RELEASEBOT_APP_ID": "4242", "RELEASEBOT_PRIVATE_KEY": keyPEM, "RELEASEBOT_WEBHOOK_SECRET": "s3cret",
		"RELEASEBOT_ADDR": "127.0.0.1:0", "GITHUB_API_URL": "http://127.0.0.1:1", "RELEASEBOT_QUEUE": "memory"}
	stderr := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() {
		result <- serve(ctx, &env{stdout: &strings.Builder{}, stderr: stderr, getenv: func(k string) string { return vars[k] }}, []string{"--shutdown-timeout", "1s"})
	}()
	defer func() { cancel(); <-result }()
	addr := listening(t, stderr)
	for size, want := range map[int]int{4 << 10: http.StatusUnauthorized, 200 << 10: http.StatusRequestHeaderFieldsTooLarge} {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhook", strings.NewReader("{}"))
		req.Header.Set("X-Padding", strings.Repeat("a", size))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%d kB of headers: %d, want %d", size>>10, resp.StatusCode, want)
		}
	}
}
