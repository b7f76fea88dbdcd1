package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestUnsafeNamesAreRefused: signed deliveries (GitHub's examples with one
// field changed) naming a repository, branch or commit that GitHub would
// not allow are refused with 400 naming the field, counted as
// invalid_field, and GitHub is never called.
func TestUnsafeNamesAreRefused(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	push, pull := w.push("main", strings.Repeat("a", 40)), example(t, "pull_request.opened")
	cases := []struct {
		event   string
		payload []byte
		changes map[string]any
		field   string
	}{
		{"push", push, map[string]any{"repository.full_name": "../../x"}, "repository.full_name"},
		{"push", push, map[string]any{"repository.full_name": "acme/w?x=1#"}, "repository.full_name"},
		{"push", push, map[string]any{"repository.full_name": "acme/.."}, "repository.full_name"},
		{"push", push, map[string]any{"repository.full_name": "acme%2Frocket"}, "repository.full_name"},
		{"push", push, map[string]any{"repository.full_name": "-acme/rocket"}, "repository.full_name"},
		{"push", push, map[string]any{"repository.full_name": "", "repository.owner.login": "..", "repository.name": "x"}, "repository.owner.login"},
		{"push", push, map[string]any{"installation.id": -4}, "installation.id"},
		{"push", push, map[string]any{"ref": "refs/heads/../../../x"}, "ref"},
		{"push", push, map[string]any{"ref": "refs/heads/main?x=1"}, "ref"},
		{"push", push, map[string]any{"after": "../../pulls"}, "after"},
		{"pull_request", pull, map[string]any{"repository.full_name": "acme/w?x=1#"}, "repository.full_name"},
		{"pull_request", pull, map[string]any{"pull_request.base.ref": "../../x"}, "pull_request.base.ref"},
		{"pull_request", pull, map[string]any{"pull_request.head.ref": "a..b"}, "pull_request.head.ref"},
		{"pull_request", pull, map[string]any{"pull_request.head.sha": "../../x"}, "pull_request.head.sha"},
		{"pull_request", pull, map[string]any{"pull_request.merge_commit_sha": "x#"}, "pull_request.merge_commit_sha"},
		{"pull_request", pull, map[string]any{"installation.id": -1}, "installation.id"},
	}
	for _, c := range cases {
		r := newDelivery(c.event, edit(t, c.payload, c.changes), testSecret)
		req, _ := http.NewRequest(http.MethodPost, a.url+"/webhook", r.Body)
		req.Header = r.Header
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), c.field) {
			t.Errorf("%s %v: %d %q, want 400 naming %s", c.event, c.changes, resp.StatusCode, body, c.field)
		}
	}
	idle(t, a)
	if calls := w.gh.Calls(); len(calls) != 0 {
		t.Errorf("GitHub was called: %+v", calls)
	}
	metrics := serve(a.Handler(), httptest.NewRequest(http.MethodGet, "/metrics", nil)).Body.String()
	for _, want := range []string{`{event="push",outcome="invalid_field"} 10`, `{event="pull_request",outcome="invalid_field"} 6`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// The unchanged examples still pass.
	if got := a.send(t, "push", push); got != http.StatusAccepted {
		t.Errorf("the push itself: %d", got)
	}
}
