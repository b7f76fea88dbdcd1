package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestLoad measures how fast the App acknowledges deliveries: it starts
// the releasebot binary named by RELEASEBOT_BIN (`releasebot serve`, built
// by .ci/bench-app) against a fake GitHub on loopback, sends signed
// deliveries at a steady rate (RELEASEBOT_LOAD_RATE per second, default
// 500, for RELEASEBOT_LOAD_SECONDS, default 10) to 127.0.0.1 only, and
// prints the acknowledgement latency (p50, p99, max) and the server's
// memory (peak resident set). The deliveries are GitHub's own examples
// (about 25 kB for a pull_request), for 20 repositories, a third pushes to
// the default branch and the rest pull request updates, so the server
// does real work in the background while it answers. Skipped without
// RELEASEBOT_BIN. RELEASEBOT_LOAD_QUEUE picks the queue: memory (the
// default), sqlite (a file in a temporary directory) or postgres (a new
// database of RELEASEBOT_TEST_POSTGRES).
func TestLoad(t *testing.T) {
	bin := os.Getenv("RELEASEBOT_BIN")
	if bin == "" {
		t.Skip("set RELEASEBOT_BIN to a releasebot binary (see .ci/bench-app)")
	}
	rate := envInt(t, "RELEASEBOT_LOAD_RATE", 500)
	seconds := envInt(t, "RELEASEBOT_LOAD_SECONDS", 10)
	gh := fakegithub.New(t, fakegithub.Options{})
	deliveries := loadDeliveries(t, gh, 20, rate*seconds)

	kind := os.Getenv("RELEASEBOT_LOAD_QUEUE")
	if kind == "" {
		kind = "memory"
	}
	_, key := appKey(t)
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "RELEASEBOT_APP_ID=4242", "RELEASEBOT_PRIVATE_KEY="+string(key),
		"RELEASEBOT_WEBHOOK_SECRET="+testSecret, "GITHUB_API_URL="+withoutRateLimit(t, gh.URL()), "RELEASEBOT_LOG_LEVEL=info",
		"RELEASEBOT_QUEUE="+queueSetting(t, kind))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	addr := waitListening(t, stderr)

	peak := sampleRSS(cmd.Process.Pid)
	lat, failures := sendAtRate(t, "http://"+addr+"/webhook", deliveries, rate)
	rss, hwm := peak()
	_, metrics := get(t, "http://"+addr+"/metrics")

	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	fmt.Printf("load, %s queue: %d signed deliveries at %d/s for %ds on 127.0.0.1 (%d failed)\n", kind, len(deliveries), rate, seconds, failures)
	fmt.Printf("ack latency: p50 %v  p90 %v  p99 %v  max %v\n", pct(.50).Round(10*time.Microsecond), pct(.90).Round(10*time.Microsecond),
		pct(.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	fmt.Printf("server-side ack time (its own histogram): p99 <= %s\n", histogramQuantile(metrics, "releasebot_webhook_ack_seconds", .99))
	fmt.Printf("server memory: peak RSS %.1f MB sampled, VmHWM %.1f MB\n", float64(rss)/1024, float64(hwm)/1024)
	fmt.Printf("background tasks done: %s; GitHub calls: %s\n", sumMetric(metrics, "releasebot_job_duration_seconds_count"), sumMetric(metrics, "releasebot_github_calls_total"))
	target := 5 * time.Millisecond
	if kind != "memory" {
		target = 20 * time.Millisecond
	}
	fmt.Printf("targets (p99 < %v, memory < 100 MB): %v\n", target, pct(.99) < target && hwm < 100*1024)
	if failures > 0 {
		t.Errorf("%d deliveries were not acknowledged with 202", failures)
	}
}

// withoutRateLimit puts a proxy before the fake that drops its rate-limit
// headers: the fake counts one limit of 5000 calls for all installations
// together, where GitHub gives each installation its own, so a run of
// several thousand calls would otherwise stop every client.
func withoutRateLimit(t *testing.T, target string) string {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		for k := range resp.Header {
			if strings.HasPrefix(strings.ToLower(k), "x-ratelimit-") {
				resp.Header.Del(k)
			}
		}
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 100_000 {
		t.Fatalf("%s=%q: want a positive number up to 100000", name, s)
	}
	return n
}

// loadDeliveries makes n signed deliveries spread over repos repositories
// of the fake, each with an open pull request.
func loadDeliveries(t *testing.T, gh *fakegithub.Server, repos, n int) []*http.Request {
	push, pull := example(t, "push.branch"), example(t, "pull_request.synchronize")
	type target struct{ push, pull []byte }
	var targets []target
	for i := 0; i < repos; i++ {
		owner, name := fmt.Sprintf("org%d", i), "svc"
		r := gh.CreateRepo(owner, name, "main")
		sha := r.Push("main", fakegithub.CommitSpec{Message: "feat: start", Files: map[string]string{"a": "a\n"}})
		head := r.Push("topic", fakegithub.CommitSpec{Message: "fix: topic", Files: map[string]string{"b": "b\n"}})
		pr := r.OpenPR("topic", "main", "fix: topic", "")
		f := map[string]any{
			"repository.full_name": owner + "/" + name, "repository.name": name, "repository.owner.login": owner,
			"repository.default_branch": "main", "installation.id": r.InstallationID(),
		}
		p := map[string]any{"ref": "refs/heads/main", "after": sha}
		q := map[string]any{"number": pr, "pull_request.number": pr, "pull_request.head.sha": head, "pull_request.head.ref": "topic", "pull_request.base.ref": "main"}
		for k, v := range f {
			p[k], q[k] = v, v
		}
		targets = append(targets, target{edit(t, push, p), edit(t, pull, q)})
	}
	out := make([]*http.Request, 0, n)
	for i := 0; i < n; i++ {
		tg := targets[i%repos]
		event, body := "pull_request", tg.pull
		if i%3 == 0 {
			event, body = "push", tg.push
		}
		out = append(out, newDelivery(event, body, testSecret))
	}
	return out
}

// sendAtRate sends the deliveries open-loop at rate per second over
// keep-alive connections, and returns each one's time to acknowledgement
// and the number not answered 202. The requests are built beforehand and
// the generator's own garbage collection is made rare, so that the
// figures are the server's more than the load generator's.
func sendAtRate(t *testing.T, url string, reqs []*http.Request, rate int) ([]time.Duration, int) {
	defer debug.SetGCPercent(debug.SetGCPercent(800))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 10 * time.Second}
	ready := make([]*http.Request, len(reqs))
	for i, r := range reqs {
		body, _ := io.ReadAll(r.Body)
		ready[i], _ = http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		ready[i].Header = r.Header
	}
	lat := make([]time.Duration, len(reqs))
	var failed int
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for i, req := range ready {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			sent := time.Now()
			resp, err := client.Do(req)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			lat[i] = time.Since(sent)
			if err != nil || resp.StatusCode != http.StatusAccepted {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return lat, failed
}

// sampleRSS samples the resident set of pid every 50ms; the returned
// function stops and returns the peak sampled and the kernel's VmHWM, in kB.
func sampleRSS(pid int) func() (int, int) {
	stop := make(chan struct{})
	peak := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if rss, _ := procStatus(pid); rss > peak {
				peak = rss
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() (int, int) {
		close(stop)
		<-done
		_, hwm := procStatus(pid)
		return peak, hwm
	}
}

var statusField = regexp.MustCompile(`(?m)^(VmRSS|VmHWM):\s+(\d+) kB`)

func procStatus(pid int) (rss, hwm int) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, m := range statusField.FindAllStringSubmatch(string(data), -1) {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "VmRSS" {
			rss = n
		} else {
			hwm = n
		}
	}
	return rss, hwm
}

// waitListening reads the server's JSON logs until it says where it
// listens, then keeps draining them.
func waitListening(t *testing.T, stderr io.Reader) string {
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "listening" {
			go io.Copy(io.Discard, stderr)
			return rec.Addr
		}
	}
	t.Fatal("the server exited before listening")
	return ""
}

// histogramQuantile is the upper bound of the first bucket of a
// Prometheus histogram holding at least the fraction q of its samples.
func histogramQuantile(text, name string, q float64) string {
	var total float64
	type bucket struct {
		le    string
		count float64
	}
	var buckets []bucket
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, name+"_bucket{le=\"") {
			continue
		}
		le, rest, _ := strings.Cut(strings.TrimPrefix(line, name+"_bucket{le=\""), "\"")
		f := strings.Fields(rest)
		n, _ := strconv.ParseFloat(f[len(f)-1], 64)
		buckets = append(buckets, bucket{le, n})
		total = max(total, n)
	}
	for _, b := range buckets {
		if b.count >= q*total {
			return b.le + "s"
		}
	}
	return "?"
}

// sumMetric adds up the samples of a metric in Prometheus text.
func sumMetric(text, name string) string {
	total := 0.0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, name) {
			f := strings.Fields(line)
			if v, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
				total += v
			}
		}
	}
	return strconv.FormatFloat(total, 'f', 0, 64)
}
