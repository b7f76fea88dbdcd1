package app

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestExamples feeds GitHub's published examples (testdata/webhooks),
// signed, and checks the answer and what is queued.
func TestExamples(t *testing.T) {
	const repo = "Codertocat/Hello-World"
	cases := []struct {
		file, event string
		changes     map[string]any
		status      int
		tasks       []string
	}{
		{"push.branch", "push", nil, 202, []string{repo + " run master"}},
		{"push.branch", "push", map[string]any{"ref": "refs/heads/lts/1.x"}, 202, []string{repo + " run lts/1.x"}},
		// A person's push to a release branch refreshes its target's
		// release; releasebot's own (a bot's) is ignored.
		{"push.branch", "push", map[string]any{"ref": "refs/heads/releasebot/master"}, 202, []string{repo + " run master"}},
		{"push.branch", "push", map[string]any{"ref": "refs/heads/releasebot/master--api"}, 202, []string{repo + " run master"}},
		{"push.branch", "push", map[string]any{"ref": "refs/heads/releasebot/master", "sender.type": "Bot"}, 200, nil},
		{"push.tag", "push", nil, 200, nil},
		{"push.deleted", "push", nil, 200, nil},
		{"pull_request.opened", "pull_request", nil, 202, []string{repo + " preview #2"}},
		{"pull_request.opened.repository-hook", "pull_request", nil, 200, nil},
		{"pull_request.synchronize", "pull_request", nil, 202, []string{repo + " preview #2"}},
		{"pull_request.reopened", "pull_request", nil, 202, []string{repo + " preview #2"}},
		{"pull_request.opened", "pull_request", map[string]any{"action": "edited", "changes": map[string]any{"title": map[string]any{"from": "Old"}}}, 202, []string{repo + " preview #2"}},
		{"pull_request.opened", "pull_request", map[string]any{"action": "edited", "changes": map[string]any{"body": map[string]any{"from": "Old"}}}, 200, nil},
		{"pull_request.opened", "pull_request", map[string]any{"action": "edited", "pull_request.state": "closed", "pull_request.merged": true,
			"pull_request.body": "BEGIN_COMMIT_OVERRIDE\nfix: a\nEND_COMMIT_OVERRIDE", "changes": map[string]any{"body": map[string]any{"from": "Old"}}}, 202, []string{repo + " run master"}},
		{"pull_request.opened", "pull_request", map[string]any{"action": "edited", "pull_request.state": "closed", "pull_request.merged": true,
			"pull_request.body": "New words", "changes": map[string]any{"body": map[string]any{"from": "BEGIN_COMMIT_OVERRIDE\nfix: a"}}}, 202, []string{repo + " run master"}},
		{"pull_request.opened", "pull_request", map[string]any{"action": "edited", "pull_request.state": "closed", "pull_request.merged": true,
			"pull_request.body": "New words", "changes": map[string]any{"body": map[string]any{"from": "Old words"}}}, 200, nil},
		{"pull_request.labeled", "pull_request", nil, 202, []string{repo + " preview #2"}},
		{"pull_request.unlabeled", "pull_request", nil, 202, []string{repo + " preview #2"}},
		{"pull_request.labeled", "pull_request", map[string]any{"pull_request.head.ref": "releasebot/master"}, 202, []string{repo + " preview #2", repo + " run master"}},
		{"pull_request.labeled", "pull_request", map[string]any{"pull_request.state": "closed", "pull_request.merged": true}, 202, []string{repo + " run master"}},
		{"pull_request.labeled", "pull_request", map[string]any{"pull_request.state": "closed"}, 200, nil},
		{"pull_request.closed", "pull_request", nil, 200, nil},
		{"pull_request.closed", "pull_request", map[string]any{"pull_request.merged": true}, 202, []string{repo + " run master"}},
		{"pull_request.closed", "pull_request", map[string]any{"pull_request.merged": true, "pull_request.head.ref": "releasebot/master"}, 202, []string{repo + " run master"}},
		{"pull_request.closed", "pull_request", map[string]any{"pull_request.merged": true, "pull_request.head.ref": "releasebot/master--api"}, 202, []string{repo + " run master"}},
		{"pull_request.assigned", "pull_request", nil, 200, nil},
		{"installation.created", "installation", nil, 200, nil},
		{"installation.deleted", "installation", nil, 200, nil},
		{"installation.suspend", "installation", nil, 200, nil},
		{"installation_repositories.added", "installation_repositories", nil, 200, nil},
		{"installation_repositories.removed", "installation_repositories", nil, 200, nil},
		{"ping", "ping", nil, 200, nil},
		{"ping.app", "ping", nil, 200, nil},
	}
	for _, c := range cases {
		name := c.file
		if c.changes != nil {
			name += "+changes"
		}
		t.Run(name, func(t *testing.T) {
			s := newServer(t, Options{})
			body := example(t, c.file)
			if c.changes != nil {
				body = edit(t, body, c.changes)
			}
			w := serve(s.Handler(), newDelivery(c.event, body, testSecret))
			if w.Code != c.status {
				t.Fatalf("status %d (%s), want %d", w.Code, strings.TrimSpace(w.Body.String()), c.status)
			}
			if got := queued(s); !slices.Equal(got, c.tasks) {
				t.Errorf("queued %q, want %q", got, c.tasks)
			}
		})
	}
}

// TestUnsignedExamples: every example without a signature, or signed with
// another secret, is refused with 401 and queues nothing.
func TestUnsignedExamples(t *testing.T) {
	for _, file := range []string{"push.branch", "pull_request.opened", "pull_request.closed", "installation.created", "ping"} {
		event, _, _ := strings.Cut(file, ".")
		s := newServer(t, Options{})
		body := example(t, file)
		for name, r := range map[string]*http.Request{
			"unsigned":     newDelivery(event, body, ""),
			"other secret": newDelivery(event, body, "not the secret"),
			"sha1 only":    withHeader(newDelivery(event, body, ""), "X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"),
			"not hex":      withHeader(newDelivery(event, body, ""), "X-Hub-Signature-256", "sha256=zz"),
		} {
			if w := serve(s.Handler(), r); w.Code != http.StatusUnauthorized {
				t.Errorf("%s %s: status %d, want 401", file, name, w.Code)
			}
		}
		// A body changed after signing does not pass either.
		r := newDelivery(event, body, testSecret)
		r.Body = io.NopCloser(bytes.NewReader(append(body, ' ')))
		r.ContentLength++
		if w := serve(s.Handler(), r); w.Code != http.StatusUnauthorized {
			t.Errorf("%s tampered: status %d", file, w.Code)
		}
		if q := queued(s); len(q) != 0 {
			t.Errorf("%s: unsigned deliveries queued %q", file, q)
		}
	}
}

func withHeader(r *http.Request, k, v string) *http.Request {
	r.Header.Set(k, v)
	return r
}

func TestDuplicateDeliveryIsDoneOnce(t *testing.T) {
	s := newServer(t, Options{})
	body := example(t, "push.branch")
	first := newDelivery("push", body, testSecret)
	again := newDelivery("push", body, testSecret)
	again.Header.Set("X-GitHub-Delivery", first.Header.Get("X-GitHub-Delivery"))
	if w := serve(s.Handler(), first); w.Code != 202 {
		t.Fatalf("first: %d", w.Code)
	}
	if w := serve(s.Handler(), again); w.Code != 200 || !strings.Contains(w.Body.String(), "already received") {
		t.Fatalf("again: %d %s", w.Code, w.Body)
	}
	if q := queued(s); len(q) != 1 {
		t.Errorf("queued %q", q)
	}
}

func TestBurstCollapses(t *testing.T) {
	s := newServer(t, Options{})
	push := example(t, "push.branch")
	pr := example(t, "pull_request.synchronize")
	for i := 0; i < 50; i++ {
		serve(s.Handler(), newDelivery("push", push, testSecret))
		serve(s.Handler(), newDelivery("pull_request", edit(t, pr, map[string]any{"pull_request.head.sha": strings.Repeat("a", 39) + string(rune('0'+i%10))}), testSecret))
	}
	want := []string{"Codertocat/Hello-World run master", "Codertocat/Hello-World preview #2"}
	if q := queued(s); !slices.Equal(q, want) {
		t.Errorf("queued %q, want %q", q, want)
	}
	if sha := memory(s).lines["codertocat/hello-world"].tasks[1].pull.HeadSHA; !strings.HasSuffix(sha, "9") {
		t.Errorf("the collapsed preview is for %s, not the latest head", sha)
	}
}

func TestRefusals(t *testing.T) {
	s := newServer(t, Options{})
	h := s.Handler()
	body := example(t, "push.branch")

	if w := serve(h, httptest.NewRequest(http.MethodGet, "/webhook", nil)); w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET: %d", w.Code)
	}
	big := bytes.Repeat([]byte(" "), maxBody+1)
	if w := serve(h, newDelivery("push", big, testSecret)); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("announced 25 MB + 1: %d", w.Code)
	}
	r := newDelivery("push", big, testSecret)
	r.ContentLength = -1 // sent chunked: found while reading
	if w := serve(h, r); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 25 MB + 1: %d", w.Code)
	}
	if w := serve(h, newDelivery("push", []byte("{not json"), testSecret)); w.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: %d", w.Code)
	}
	if w := serve(h, newDelivery("push", []byte(`{"ref":"refs/heads/main","installation":{"id":1}}`), testSecret)); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "names no repository") {
		t.Errorf("no repository: %d %s", w.Code, w.Body)
	}
	if w := serve(h, withHeader(newDelivery("push", body, testSecret), "X-GitHub-Delivery", "")); w.Code != http.StatusBadRequest {
		t.Errorf("no delivery id: %d", w.Code)
	}
	if w := serve(h, withHeader(newDelivery("push", body, testSecret), "Content-Type", "text/plain")); w.Code != http.StatusBadRequest {
		t.Errorf("text/plain: %d", w.Code)
	}
	if w := serve(h, newDelivery("star", []byte(`{"action":"created"}`), testSecret)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "ignored") {
		t.Errorf("star: %d", w.Code)
	}
	s.draining.Store(true)
	if w := serve(h, newDelivery("push", body, testSecret)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("draining: %d", w.Code)
	}
	if q := queued(s); len(q) != 0 {
		t.Errorf("refused deliveries queued %q", q)
	}
}

func TestFormEncodedDelivery(t *testing.T) {
	s := newServer(t, Options{})
	form := []byte("payload=" + url.QueryEscape(string(example(t, "push.branch"))))
	r := newDelivery("push", form, testSecret)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := serve(s.Handler(), r); w.Code != http.StatusAccepted {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestQueueFullIsRefusedAndCanBeRedelivered(t *testing.T) {
	s := newServer(t, Options{MaxQueued: 1})
	push := example(t, "push.branch")
	serve(s.Handler(), newDelivery("push", push, testSecret))
	r := newDelivery("push", edit(t, push, map[string]any{"repository.full_name": "Codertocat/Other"}), testSecret)
	again := r.Clone(r.Context())
	again.Body = io.NopCloser(bytes.NewReader(edit(t, push, map[string]any{"repository.full_name": "Codertocat/Other"})))
	if w := serve(s.Handler(), r); w.Code != http.StatusServiceUnavailable {
		t.Fatalf("full queue: %d", w.Code)
	}
	memory(s).opts.maxQueued = 2
	if w := serve(s.Handler(), again); w.Code != http.StatusAccepted {
		t.Fatalf("redelivered: %d %s", w.Code, w.Body)
	}
}
