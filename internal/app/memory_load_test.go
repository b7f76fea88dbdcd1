package app

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWebhookMemory measures the memory unauthenticated deliveries can
// make the App hold: it starts the releasebot binary named by
// RELEASEBOT_BIN (`releasebot serve` on 127.0.0.1, built by
// .ci/bench-webhook-memory) with dummy settings, sends
// RELEASEBOT_FLOOD_REQUESTS (default 40) concurrent POSTs of
// RELEASEBOT_FLOOD_MB (default 24) MB each, half with a wrong
// X-Hub-Signature-256 and Content-Length, half chunked with no length,
// while a signed ping is sent every 100 ms, and prints the server's peak
// resident memory (VmHWM) before and after. RELEASEBOT_SERVE_TMPDIR, when
// set, is the server's TMPDIR (a missing directory shows a container
// without /tmp). Bodies are generated as they are sent, so the sender
// holds none. Skipped without RELEASEBOT_BIN.
func TestWebhookMemory(t *testing.T) {
	bin := os.Getenv("RELEASEBOT_BIN")
	if bin == "" {
		t.Skip("set RELEASEBOT_BIN to a releasebot binary (see .ci/bench-webhook-memory)")
	}
	n := envInt(t, "RELEASEBOT_FLOOD_REQUESTS", 40)
	mb := envInt(t, "RELEASEBOT_FLOOD_MB", 24)
	_, key := appKey(t)
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "RELEASEBOT_APP_ID=4242", "RELEASEBOT_PRIVATE_KEY="+string(key),
		"RELEASEBOT_WEBHOOK_SECRET="+testSecret, "GITHUB_API_URL=http://127.0.0.1:1", "RELEASEBOT_LOG_LEVEL=info",
		"RELEASEBOT_QUEUE="+queueSetting(t, "sqlite"))
	if dir := os.Getenv("RELEASEBOT_SERVE_TMPDIR"); dir != "" {
		cmd.Env = append(cmd.Env, "TMPDIR="+dir)
	}
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
	url := "http://" + waitListening(t, stderr) + "/webhook"
	time.Sleep(200 * time.Millisecond)
	_, idle := procStatus(cmd.Process.Pid)

	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxConnsPerHost: 0, DisableKeepAlives: true}}
	statuses := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := int64(mb) << 20
			req, _ := http.NewRequest(http.MethodPost, url, io.LimitReader(filler{}, size))
			if i%2 == 0 {
				req.ContentLength = size
			} else {
				req.ContentLength = -1 // chunked: the server learns the size by reading
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-GitHub-Event", "push")
			req.Header.Set("X-GitHub-Delivery", fmt.Sprintf("flood-%d", i))
			req.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("ab", 32))
			status := 0
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				status = resp.StatusCode
			}
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		}()
	}
	// Signed deliveries keep arriving during the flood.
	pings, pingsOK := 0, 0
	flooding := make(chan struct{})
	go func() { wg.Wait(); close(flooding) }()
	ping := example(t, "ping")
	for done := false; !done; {
		select {
		case <-flooding:
			done = true
		case <-time.After(100 * time.Millisecond):
			r := newDelivery("ping", ping, testSecret)
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(ping))
			req.Header = r.Header
			pings++
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					pingsOK++
				}
			}
		}
	}
	elapsed := time.Since(start)
	rss, hwm := procStatus(cmd.Process.Pid)
	fmt.Printf("flood: %d concurrent unsigned %d MB POSTs to 127.0.0.1 in %v, answers %v (0: no answer)\n", n, mb, elapsed.Round(time.Millisecond), statuses)
	fmt.Printf("signed pings during the flood: %d/%d answered 200\n", pingsOK, pings)
	fmt.Printf("server memory: VmHWM idle %.1f MB, peak %.1f MB; VmRSS after %.1f MB\n", float64(idle)/1024, float64(hwm)/1024, float64(rss)/1024)
	fmt.Printf("target (peak < 150 MB): %v\n", hwm < 150*1024)
}
