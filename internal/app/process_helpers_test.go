package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// serveProc is a running `releasebot serve` process.
type serveProc struct {
	t    *testing.T
	cmd  *exec.Cmd
	url  string
	logs *syncBuffer
	done chan struct{}
}

// startServe starts `releasebot serve` on 127.0.0.1 with the tests' App
// settings, GitHub at apiURL and the queue setting, and waits until it
// listens. It is killed at the end of the test if still running.
func startServe(t *testing.T, bin, apiURL, queue string, logs *syncBuffer, args ...string) *serveProc {
	t.Helper()
	_, key := appKey(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--shutdown-timeout", "5s"}, args...)...)
	cmd.Env = append(os.Environ(), "RELEASEBOT_APP_ID=4242", "RELEASEBOT_PRIVATE_KEY="+string(key),
		"RELEASEBOT_WEBHOOK_SECRET="+testSecret, "GITHUB_API_URL="+apiURL, "RELEASEBOT_QUEUE="+queue, "RELEASEBOT_LOG_LEVEL=info")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProc{t: t, cmd: cmd, logs: logs, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			logs.Write(append(sc.Bytes(), '\n'))
			var rec struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "listening" {
				addr <- rec.Addr
			}
		}
		cmd.Wait()
	}()
	t.Cleanup(p.kill)
	select {
	case a := <-addr:
		p.url = "http://" + a
	case <-p.done:
		t.Fatalf("releasebot serve exited before listening:\n%s", logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("releasebot serve did not listen within 60s:\n%s", logs)
	}
	return p
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *serveProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// send delivers a signed event and returns the status.
func (p *serveProc) send(event string, payload []byte) int {
	p.t.Helper()
	r := newDelivery(event, payload, testSecret)
	req, _ := http.NewRequest(http.MethodPost, p.url+"/webhook", bytes.NewReader(payload))
	req.Header = r.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatalf("delivering %s: %v", event, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// gate is a proxy before the fake GitHub that can hold one request: the
// first request matching what arm named is kept, never forwarded, until
// its client goes away (the process is killed); hit receives it.
type gate struct {
	url string
	mu  sync.Mutex
	arm func(*http.Request) bool
	hit chan string
}

func newGate(t *testing.T, target string) *gate {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{hit: make(chan string, 1)}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		hold := g.arm != nil && g.arm(r)
		if hold {
			g.arm = nil
		}
		g.mu.Unlock()
		if hold {
			g.hit <- r.Method + " " + r.URL.Path
			// With the body read, the server notices the client going.
			io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Minute):
			}
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	g.url = srv.URL + "/"
	return g
}

// holdWrite arms the gate on the next call that changes the repository
// (method other than GET, path under /repos/) and ends with suffix.
func (g *gate) holdWrite(suffix string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.arm = func(r *http.Request) bool {
		return r.Method != http.MethodGet && strings.Contains(r.URL.Path, "/repos/") && strings.HasSuffix(r.URL.Path, suffix)
	}
}

// waitHit waits for the held request.
func (g *gate) waitHit(t *testing.T, within time.Duration) string {
	t.Helper()
	select {
	case h := <-g.hit:
		return h
	case <-time.After(within):
		t.Fatalf("no call to hold within %v", within)
		return ""
	}
}

// eventually polls cond until it holds, failing the test after within.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool, logs ...*syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			var all strings.Builder
			for _, l := range logs {
				all.WriteString(l.String())
			}
			t.Fatalf("%s: not after %v\nlogs:\n%s", what, within, all.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
