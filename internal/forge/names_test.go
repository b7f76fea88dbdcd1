package forge

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recorder answers every request 404 and records its escaped path.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func newRecorder(t *testing.T) (*recorder, string) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.paths = append(rec.paths, r.URL.EscapedPath())
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found"}`)
	}))
	t.Cleanup(srv.Close)
	return rec, srv.URL
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.paths
	r.paths = nil
	return out
}

// TestNamesNeverReachPathsUnchecked: owner and repository names, commit
// names, references and file paths that would change the request's path
// or query are refused before any call; label and tag names are escaped.
func TestNamesNeverReachPathsUnchecked(t *testing.T) {
	for _, r := range [][2]string{{"..", "x"}, {"acme", "w?x=1#"}, {"acme", ".."}, {"-acme", "w"}, {"acme", "w x"}, {"acme", "a%2Fb"}, {strings.Repeat("a", 40), "w"}, {"acme", strings.Repeat("w", 101)}} {
		if _, err := New(r[0], r[1], Options{}); err == nil {
			t.Errorf("New(%q, %q) accepted", r[0], r[1])
		}
	}
	for _, r := range [][2]string{{"Codertocat", "Hello-World"}, {"a-b", "x.y_z"}, {"octo_emu", ".github"}, {"9", "a..b"}} {
		if _, err := New(r[0], r[1], Options{}); err != nil {
			t.Errorf("New(%q, %q): %v", r[0], r[1], err)
		}
	}

	rec, url := newRecorder(t)
	c, err := New("acme", "rocket", Options{APIURL: url, Retry: Retry{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246"
	refused := map[string]func() error{
		"CommitMessage ../../x": func() error { _, err := c.CommitMessage(ctx, "../../x"); return err },
		"TreeOf x?y":            func() error { _, err := c.TreeOf(ctx, "x?y"); return err },
		"PullsOfCommit ../..":   func() error { _, err := c.PullsOfCommit(ctx, "../../pulls"); return err },
		"ChangedPaths":          func() error { _, err := c.ChangedPaths(ctx, []string{sha, "../" + sha}); return err },
		"FindCheckRun":          func() error { _, err := c.FindCheckRun(ctx, "../../x", "releasebot"); return err },
		"Ref heads/../../x":     func() error { _, err := c.Ref(ctx, "heads/../../x"); return err },
		"CreateRef":             func() error { return c.CreateRef(ctx, "heads/a b", sha) },
		"UpdateRef":             func() error { return c.UpdateRef(ctx, "heads/main", "../x", false) },
		"Compare":               func() error { _, _, err := c.Compare(ctx, "main", "x/../../y"); return err },
		"Brought":               func() error { _, err := c.Brought(ctx, "a:b", sha); return err },
		"History":               func() error { _, err := c.History(ctx, "main?x=1"); return err },
		"ReadFile path":         func() error { _, err := c.ReadFile(ctx, "main", "../../contents/x"); return err },
		"ReadFile ref":          func() error { _, err := c.ReadFile(ctx, "main:x", ".github/releasebot.yml"); return err },
		"ReleaseByTag":          func() error { _, err := c.ReleaseByTag(ctx, "v1/../../x"); return err },
	}
	for name, call := range refused {
		if err := call(); err == nil || !strings.Contains(err.Error(), "not a") {
			t.Errorf("%s: %v, want a refusal naming the value", name, err)
		}
		if got := rec.take(); len(got) != 0 {
			t.Errorf("%s: called GitHub: %q", name, got)
		}
	}

	escaped := []struct {
		name string
		call func()
		want string
	}{
		{"RemoveLabel type/bug", func() { c.RemoveLabel(ctx, 3, "type/bug") }, "/repos/acme/rocket/issues/3/labels/type%2Fbug"},
		{"RemoveLabel ..", func() { c.RemoveLabel(ctx, 3, "..") }, "/repos/acme/rocket/issues/3/labels/%2E%2E"},
		{"RemoveLabel a?b#c", func() { c.RemoveLabel(ctx, 3, "a?b#c") }, "/repos/acme/rocket/issues/3/labels/a%3Fb%23c"},
		{"ReleaseByTag v1#x", func() { c.ReleaseByTag(ctx, "api/v1#x") }, "/repos/acme/rocket/releases/tags/api/v1%23x"},
	}
	for _, e := range escaped {
		e.call()
		if got := rec.take(); len(got) == 0 || got[0] != e.want {
			t.Errorf("%s: called %q, want %s first", e.name, got, e.want)
		}
	}
}
