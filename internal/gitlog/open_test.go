package gitlog

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRefusesInOneSentence lists the repositories releasebot cannot
// read: each is refused with one line that names the problem and, where
// there is one, the fix.
func TestOpenRefusesInOneSentence(t *testing.T) {
	for _, c := range []struct {
		name   string
		setup  func(f *fixture)
		phrase string
	}{
		{"SHA-256 objects", func(f *fixture) {
			f.git("init", "-q", "--object-format=sha256", "-b", "main", "sub")
			f.dir = filepath.Join(f.dir, "sub")
			f.commit("feat: a")
		}, "SHA-256 object names"},
		{"refs in reftable", func(f *fixture) {
			f.commit("feat: a")
			f.git("config", "core.repositoryFormatVersion", "1")
			f.git("config", "extensions.refStorage", "reftable")
		}, "git refs migrate --ref-format=files"},
		{"an unknown extension", func(f *fixture) {
			f.commit("feat: a")
			f.git("config", "core.repositoryFormatVersion", "1")
			f.git("config", "extensions.futureThing", "true")
		}, "extensions.futurething"},
		{"format version 2", func(f *fixture) {
			f.commit("feat: a")
			f.git("config", "core.repositoryFormatVersion", "2")
		}, "core.repositoryFormatVersion is 2"},
		{"core.bare in a checkout", func(f *fixture) {
			f.commit("feat: a")
			f.git("config", "core.bare", "true")
		}, "git config --bool core.bare false"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			c.setup(f)
			r, err := Open(f.dir)
			if err == nil {
				r.Close()
				t.Fatal("opened")
			}
			if msg := err.Error(); !strings.Contains(msg, c.phrase) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line saying %q", msg, c.phrase)
			}
		})
	}
}

// TestOpenReadsConfigWorktree reads a repository with
// extensions.worktreeConfig (as `git sparse-checkout` makes): each
// worktree's config.worktree is read after the common configuration.
func TestOpenReadsConfigWorktree(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: a")
	f.git("sparse-checkout", "set", "docs")
	f.git("config", "--worktree", "remote.origin.url", "https://example.com/main.git")
	wt := filepath.Join(f.dir, "wt")
	f.git("worktree", "add", "-q", "--detach", wt)
	f.gitIn(wt, "config", "--worktree", "remote.origin.url", "https://example.com/linked.git")
	for _, dir := range []string{f.dir, wt} {
		want := f.gitIn(dir, "remote", "get-url", "origin")
		got, err := openAt(t, dir).RemoteURL("origin")
		if err != nil || got != want {
			t.Errorf("%s: RemoteURL = %q, %v; git reads %q", dir, got, err, want)
		}
	}
}
