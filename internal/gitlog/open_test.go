package gitlog

import (
	"os"
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
		{"GIT_DIR not a repository", func(f *fixture) {
			f.commit("feat: a")
		}, "GIT_DIR=nowhere is not a git directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			c.setup(f)
			env := map[string]string{}
			if strings.HasPrefix(c.name, "GIT_DIR") {
				env["GIT_DIR"] = "nowhere"
			}
			r, err := OpenEnv(f.dir, func(k string) string { return env[k] })
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

// TestOpenEnvFindsTheRepositoryAsGitDoes opens with GIT_DIR and
// GIT_WORK_TREE set, relative to the directory given, and with
// core.worktree: the work tree is the one git uses.
func TestOpenEnvFindsTheRepositoryAsGitDoes(t *testing.T) {
	f := newFixture(t)
	head := f.commit("feat: a")
	elsewhere := t.TempDir()
	moved := filepath.Join(elsewhere, "meta.git")
	if err := os.Rename(filepath.Join(f.dir, ".git"), moved); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(elsewhere, f.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, dir string
		env       map[string]string
		workTree  string
	}{
		{"GIT_DIR and GIT_WORK_TREE relative", elsewhere, map[string]string{"GIT_DIR": "meta.git", "GIT_WORK_TREE": rel}, f.dir},
		{"GIT_DIR alone: the directory is the work tree", f.dir, map[string]string{"GIT_DIR": moved}, f.dir},
	} {
		r, err := OpenEnv(c.dir, func(k string) string { return c.env[k] })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := r.Head()
		if err != nil || got != head || r.WorkTree() != c.workTree {
			t.Errorf("%s: HEAD %s (%v), work tree %s; want %s in %s", c.name, got, err, r.WorkTree(), head, c.workTree)
		}
		r.Close()
	}
	if _, err := Open(elsewhere); err == nil {
		t.Error("Open found a repository without GIT_DIR")
	}
	f.gitIn(elsewhere, "--git-dir="+moved, "config", "core.worktree", f.dir)
	r, err := OpenEnv(t.TempDir(), func(k string) string { return map[string]string{"GIT_DIR": moved}[k] })
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.WorkTree() != f.dir {
		t.Errorf("with core.worktree: work tree %s, want %s", r.WorkTree(), f.dir)
	}
}
