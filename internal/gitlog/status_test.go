package gitlog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDirtyAsGitStatus compares Dirty with `git status` on work trees
// that go-git's status reads differently or not at all.
func TestDirtyAsGitStatus(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(f *fixture)
		dirty bool
	}{
		{"split index", func(f *fixture) { f.git("update-index", "--split-index") }, false},
		{"split index, a staged change", func(f *fixture) {
			f.git("update-index", "--split-index")
			f.write("a.txt", "staged\n")
			f.git("add", "a.txt")
		}, true},
		{"sparse index", func(f *fixture) { f.git("sparse-checkout", "set", "--sparse-index", "docs") }, false},
		{"line endings converted on checkout", func(f *fixture) {
			f.git("config", "core.autocrlf", "true")
			os.Remove(filepath.Join(f.dir, "a.txt"))
			f.git("checkout", "--", "a.txt")
		}, false},
		{"assume-unchanged", func(f *fixture) {
			f.git("update-index", "--assume-unchanged", "a.txt")
			f.write("a.txt", "changed, assumed not\n")
		}, false},
		{"no index", func(f *fixture) { os.Remove(filepath.Join(f.dir, ".git", "index")) }, true},
		{"touched", func(f *fixture) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(f.dir, "a.txt"), later, later)
		}, false},
		{"modified", func(f *fixture) { f.write("a.txt", "modified\n") }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.write("a.txt", "a\nb\n")
			f.write("docs/b.txt", "b\n")
			f.git("add", "-A")
			f.commit("feat: a")
			c.setup(f)
			if git := f.git("status", "--porcelain", "--untracked-files=no") != ""; git != c.dirty {
				t.Fatalf("git status says dirty = %v", git)
			}
			got, err := f.open().Dirty()
			if err != nil || got != c.dirty {
				t.Errorf("Dirty = %v, %v; want %v as git status", got, err, c.dirty)
			}
		})
	}
}

// TestDirtyWithoutGit falls back to go-git's status when git is not
// installed, and says so when go-git cannot read the index.
func TestDirtyWithoutGit(t *testing.T) {
	saved := gitBinary
	gitBinary = ""
	defer func() { gitBinary = saved }()
	f := newFixture(t)
	f.write("a.txt", "a\n")
	f.git("add", "-A")
	f.commit("feat: a")
	f.write("a.txt", "b\n")
	if dirty, err := f.open().Dirty(); err != nil || !dirty {
		t.Errorf("go-git status: Dirty = %v, %v; want true", dirty, err)
	}
	f.git("update-index", "--split-index")
	if _, err := f.open().Dirty(); !errors.Is(err, ErrStatusUnread) {
		t.Errorf("split index without git: err %v, want ErrStatusUnread", err)
	}
}
