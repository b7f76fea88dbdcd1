package app

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const testSecret = "It's a Secret to Everybody"

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
)

// appKey returns the tests' App private key (generated once) and its PEM.
func appKey(t testing.TB) (*rsa.PrivateKey, []byte) {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(testKey)})
}

// testLogger writes JSON logs to the test's log, and to logs when given.
func testLogger(t testing.TB, logs io.Writer) *slog.Logger {
	w := io.Writer(tWriter{t})
	if logs != nil {
		w = io.MultiWriter(w, logs)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	if testing.Verbose() {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// newServer builds a server (not started: tasks stay queued) with the
// tests' key and secret.
func newServer(t testing.TB, o Options) *Server {
	t.Helper()
	_, pemKey := appKey(t)
	if o.AppID == 0 {
		o.AppID = 4242
	}
	if o.PrivateKey == nil {
		o.PrivateKey = pemKey
	}
	if o.WebhookSecret == nil {
		o.WebhookSecret = []byte(testSecret)
	}
	if o.APIURL == "" {
		o.APIURL = "http://127.0.0.1:1"
	}
	if o.Logger == nil {
		o.Logger = testLogger(t, nil)
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// signature is X-Hub-Signature-256 for body under secret.
func signature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

var deliverySeq atomic.Int64

// newDelivery is a webhook request as GitHub sends it, signed with
// testSecret unless secret says otherwise ("" leaves it unsigned).
func newDelivery(event string, body []byte, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "GitHub-Hookshot/044aadd")
	r.Header.Set("X-GitHub-Event", event)
	r.Header.Set("X-GitHub-Delivery", fmt.Sprintf("72d3162e-cc78-11e3-81ab-%012d", deliverySeq.Add(1)))
	if secret != "" {
		r.Header.Set("X-Hub-Signature-256", signature(secret, body))
	}
	return r
}

// serve sends a request to h and returns the recorded answer.
func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// example reads testdata/webhooks/NAME.json.
func example(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "webhooks", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// edit changes fields of a JSON payload: each key is a dotted path
// ("pull_request.merged"), each value the new value.
func edit(t testing.TB, payload []byte, changes map[string]any) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(payload, &doc); err != nil {
		t.Fatal(err)
	}
	for path, v := range changes {
		parts := strings.Split(path, ".")
		m := doc
		for _, p := range parts[:len(parts)-1] {
			next, ok := m[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[p] = next
			}
			m = next
		}
		m[parts[len(parts)-1]] = v
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// queued lists the waiting tasks as "REPO KEY", in order.
func queued(s *Server) []string {
	q := memory(s)
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []string
	for _, key := range q.ready {
		for _, t := range q.lines[key].tasks {
			out = append(out, t.repo()+" "+t.key())
		}
	}
	return out
}

// memory is the server's memory queue.
func memory(s *Server) *queue { return s.queue.(*queue) }
