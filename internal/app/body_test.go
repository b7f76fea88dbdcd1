package app

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestUnsignedBodyIsNotHeldInMemory: a 20 MB delivery with a wrong
// signature is hashed as it is read, and never sits in the heap: when its
// last byte is read, the heap has grown by less than 4 MB.
func TestUnsignedBodyIsNotHeldInMemory(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	s := newServer(t, Options{})
	const size = 20 << 20
	body := &heapAtEnd{r: io.LimitReader(filler{}, size)}
	r := newDelivery("push", nil, "")
	r.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("ab", 32))
	r.Body, r.ContentLength = body, size
	before := liveHeap()
	if w := serve(s.Handler(), r); w.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", w.Code)
	}
	if body.heap == 0 {
		t.Fatal("the body was not read to its end")
	}
	if grown := int64(body.heap) - int64(before); grown > 4<<20 {
		t.Errorf("the heap grew by %.1f MB while a 20 MB unsigned body was read", float64(grown)/(1<<20))
	}
}

// heapAtEnd notes the live heap when its reader ends.
type heapAtEnd struct {
	r    io.Reader
	heap uint64
}

func (h *heapAtEnd) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if err == io.EOF {
		h.heap = liveHeap()
	}
	return n, err
}

func (h *heapAtEnd) Close() error { return nil }

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func checkReleased(t *testing.T, s *Server) {
	t.Helper()
	if m, d := s.bodies.memory.used.Load(), s.bodies.disk.used.Load(); m != 0 || d != 0 {
		t.Errorf("after the delivery, %d bytes of memory and %d of disk are still counted", m, d)
	}
}

// TestBodyBudgets: a signed delivery larger than the memory kept per body
// is spooled and handled; one finding no room is answered 503 with
// Retry-After (outcome busy) and can be redelivered; without a writable
// temporary directory bodies stay in memory within its budget.
func TestBodyBudgets(t *testing.T) {
	push := example(t, "push.branch")
	padded := func(n int) []byte { return append(bytes.Clone(push), bytes.Repeat([]byte(" "), n-len(push))...) }
	small := func(t *testing.T, dir string) *Server {
		s := newServer(t, Options{})
		s.bodies = &bodyLimits{perBody: 16 << 10, memory: budget{max: 128 << 10}, disk: budget{max: 100 << 10}, dir: dir}
		return s
	}

	t.Run("spooled", func(t *testing.T) {
		s := small(t, t.TempDir())
		if w := serve(s.Handler(), newDelivery("push", padded(80<<10), testSecret)); w.Code != http.StatusAccepted {
			t.Fatalf("an 80 kB signed delivery: %d %s", w.Code, w.Body)
		}
		checkReleased(t, s)
	})

	t.Run("no room", func(t *testing.T) {
		s := small(t, t.TempDir())
		// A first delivery holds 90 kB of the disk budget while it waits.
		held := newDelivery("push", nil, "")
		held.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("ab", 32))
		gate := &gatedBody{first: bytes.Repeat([]byte(" "), 90<<10), sent: make(chan struct{}), release: make(chan struct{})}
		held.Body, held.ContentLength = gate, -1
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); serve(s.Handler(), held) }()
		<-gate.sent // all 90 kB are spooled
		r := newDelivery("push", padded(50<<10), testSecret)
		w := serve(s.Handler(), r)
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
			t.Errorf("a delivery with no room: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
		}
		close(gate.release)
		wg.Wait()
		checkReleased(t, s)
		again := newDelivery("push", padded(50<<10), testSecret)
		again.Header.Set("X-GitHub-Delivery", r.Header.Get("X-GitHub-Delivery"))
		if w := serve(s.Handler(), again); w.Code != http.StatusAccepted {
			t.Errorf("redelivered: %d %s", w.Code, w.Body)
		}
		metrics := serve(s.Handler(), httptest.NewRequest(http.MethodGet, "/metrics", nil)).Body.String()
		if want := `releasebot_webhook_deliveries_total{event="push",outcome="busy"} 1`; !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	})

	t.Run("no temporary directory", func(t *testing.T) {
		s := small(t, filepath.Join(t.TempDir(), "missing"))
		if w := serve(s.Handler(), newDelivery("push", padded(40<<10), testSecret)); w.Code != http.StatusAccepted {
			t.Errorf("40 kB in memory: %d %s", w.Code, w.Body)
		}
		if w := serve(s.Handler(), newDelivery("push", padded(80<<10), testSecret)); w.Code != http.StatusServiceUnavailable {
			t.Errorf("80 kB, beyond what the memory budget gives a large body: %d %s", w.Code, w.Body)
		}
		checkReleased(t, s)
	})
}

// TestMalformedSignatureIsNotRead: without a well-formed
// X-Hub-Signature-256 the body is not read at all.
func TestMalformedSignatureIsNotRead(t *testing.T) {
	s := newServer(t, Options{})
	for _, header := range []string{"", "sha1=" + strings.Repeat("ab", 20), "sha256=" + strings.Repeat("ab", 31), "sha256=" + strings.Repeat("zz", 32)} {
		r := newDelivery("push", nil, "")
		r.Header.Set("X-Hub-Signature-256", header)
		r.Body, r.ContentLength = unreadable{t}, 20<<20
		if w := serve(s.Handler(), r); w.Code != http.StatusUnauthorized {
			t.Errorf("signature %q: %d, want 401", header, w.Code)
		}
	}
}

type unreadable struct{ t *testing.T }

func (u unreadable) Read([]byte) (int, error) {
	u.t.Error("the body of a delivery without a well-formed signature was read")
	return 0, io.EOF
}

func (unreadable) Close() error { return nil }

// gatedBody sends first, then blocks until release.
type gatedBody struct {
	first         []byte
	sent, release chan struct{}
	once          sync.Once
}

func (g *gatedBody) Read(p []byte) (int, error) {
	if len(g.first) > 0 {
		n := copy(p, g.first)
		g.first = g.first[n:]
		return n, nil
	}
	g.once.Do(func() { close(g.sent) })
	<-g.release
	return 0, io.EOF
}

func (g *gatedBody) Close() error { return nil }

// filler is an endless body of spaces.
type filler struct{}

func (filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
