package memhost

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/repohost"
)

var ctx = context.Background()

func TestHistory(t *testing.T) {
	h := New()
	c1 := h.Commit("main", "chore: one", map[string]string{"a/x.txt": "x", "run.sh": "#!/bin/sh\n"}, "run.sh")
	h.Tag("v1.0.0", c1)
	c2 := h.Commit("main", "feat: two", map[string]string{"a/x.txt": "", "b.txt": "b"})
	side := h.Commit("side", "fix: elsewhere", map[string]string{"s.txt": "s"})
	r := h.History("main")
	tip, err := r.Tip(ctx)
	if err != nil || tip != c2 {
		t.Fatalf("tip %s, %v; want %s", tip, err, c2)
	}
	h.Commit("main", "feat: after the tip was read", nil)
	if again, _ := r.Tip(ctx); again != c2 {
		t.Errorf("tip moved to %s within one reader", again)
	}
	if commits, anc, err := r.Since(ctx, c2, ""); err != nil || !anc || len(commits) != 2 || commits[0].Hash != c2 || commits[1].Hash != c1 {
		t.Errorf("Since(all) = %+v, %v, %v", commits, anc, err)
	}
	if commits, anc, _ := r.Since(ctx, c2, c1); !anc || len(commits) != 1 || commits[0].Message != "feat: two" {
		t.Errorf("Since(c1) = %+v, %v", commits, anc)
	}
	if commits, anc, _ := r.Since(ctx, c2, side); anc || commits != nil {
		t.Errorf("Since(side) = %+v, %v; want no ancestor", commits, anc)
	}
	if paths, _ := r.ChangedPaths(ctx, []string{c2}); strings.Join(paths[c2], " ") != "a/x.txt b.txt" {
		t.Errorf("ChangedPaths = %v", paths[c2])
	}
	for path, want := range map[string]history.Mode{"run.sh": history.Executable, "a": history.Dir, "a/x.txt": history.Regular} {
		if m, err := r.Mode(ctx, c1, path); err != nil || m != want {
			t.Errorf("Mode(%s) = %o, %v; want %o", path, m, err, want)
		}
	}
	if _, err := r.Mode(ctx, c2, "a/x.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Mode of a deleted file: %v", err)
	}
	if _, err := r.ReadFile(ctx, c2, "a/x.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a deleted file: %v", err)
	}
	t1, _ := r.Tree(ctx, c1)
	same := h.Commit("other", "chore: same files", map[string]string{"a/x.txt": "x", "run.sh": "#!/bin/sh\n"}, "run.sh")
	if t2, _ := r.Tree(ctx, same); t1 != t2 {
		t.Errorf("equal snapshots have trees %s and %s", t1, t2)
	}
}

func TestHostErrorsAndPulls(t *testing.T) {
	h := New()
	c1 := h.Commit("main", "chore: one", map[string]string{"x": "x"})
	if err := h.CreateRef(ctx, "heads/main", c1); !errors.Is(err, repohost.ErrExists) {
		t.Errorf("CreateRef of an existing ref: %v", err)
	}
	if err := h.UpdateRef(ctx, "heads/nope", c1, true); !errors.Is(err, repohost.ErrNotFound) {
		t.Errorf("UpdateRef of a missing ref: %v", err)
	}
	if err := h.DeleteRef(ctx, "heads/nope"); err != nil {
		t.Errorf("DeleteRef of a missing ref: %v", err)
	}
	if err := h.CreateRef(ctx, "heads/topic", c1); err != nil {
		t.Fatal(err)
	}
	p, err := h.CreatePull(ctx, "topic", "main", "t", "b")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.CreatePull(ctx, "topic", "main", "t", "b"); !errors.Is(err, repohost.ErrExists) {
		t.Errorf("second open pull request: %v", err)
	}
	other := h.OpenPull("topic", "main", "copy", "")
	if err := h.AddLabels(ctx, p.Number, "x", "x", "y"); err != nil {
		t.Fatal(err)
	}
	list, _ := h.ListPulls(ctx, repohost.PullQuery{State: "open", Head: "topic"})
	if len(list) != 2 || list[0].Number != p.Number || strings.Join(list[0].Labels, ",") != "x,y" || list[1].Number != other {
		t.Errorf("listing, most recently updated first: %+v", list)
	}
	if list, _ := h.ListPulls(ctx, repohost.PullQuery{State: "open", Limit: 1}); len(list) != 1 {
		t.Errorf("Limit 1 listed %d", len(list))
	}
	if err := h.CreateTag(ctx, "v1", c1, "Release 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CreateRelease(ctx, repohost.NewRelease{Tag: "v1", Latest: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CreateRelease(ctx, repohost.NewRelease{Tag: "v1"}); !errors.Is(err, repohost.ErrExists) {
		t.Errorf("second release of v1: %v", err)
	}
	if l, _ := h.LatestRelease(ctx); l == nil || l.Tag != "v1" {
		t.Errorf("latest %+v", l)
	}
}
