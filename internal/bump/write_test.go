package bump

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/plan"
)

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func wantEscape(t *testing.T, err error, link, target string) {
	t.Helper()
	var e *gitlog.EscapeError
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want one naming the link %s", err, link)
	}
	if e.Link != link || e.Target != target {
		t.Errorf("blamed %s -> %s, want %s -> %s", e.Link, e.Target, link, target)
	}
	if msg := err.Error(); !strings.Contains(msg, link+" is a symbolic link to "+target) || !strings.Contains(msg, "outside the repository") {
		t.Errorf("message does not say which link leads where: %s", msg)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a link leading out reads as a missing file, which a release would create: %v", err)
	}
}

func TestWriteThroughADirectoryLinkLeavingTheCheckoutChangesNothing(t *testing.T) {
	f := newFixture(t)
	f.link("../outside", "sub")
	f.write(".github/releasebot.yml", "changelog:\n  path: sub/CHANGELOG.md\n")
	f.commit("chore: init")
	w := f.open()
	err := w.Write([]plan.FileChange{
		{Path: "VERSION", New: []byte("1.0.0\n"), Created: true},
		{Path: "sub/CHANGELOG.md", New: []byte("# Changelog\n"), Created: true},
	})
	wantEscape(t, err, "sub", "../outside")
	if got := f.outsideFiles(); len(got) > 0 {
		t.Errorf("written outside the checkout: %v", got)
	}
	if _, err := os.Lstat(filepath.Join(f.dir, "VERSION")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("VERSION was written before the check failed: %v", err)
	}
}

func TestBumpOfAPackageLinkedOutsideChangesNothing(t *testing.T) {
	f := newFixture(t)
	f.write(".github/releasebot.yml", "packages:\n  - path: pkg\n")
	f.write("README", "x\n")
	f.commit("chore: init")
	f.link(f.outside, "pkg")
	f.commit("feat(pkg): link the package")
	w := f.open()
	results, _, err := w.Releases(day, plan.Files)
	if err == nil {
		var releases []Release
		for _, r := range results {
			releases = append(releases, Release{Name: r.Name, Result: r.Result, State: r.State, Config: r.Config})
		}
		_, err = Bump(w, releases, BumpOptions{})
	}
	wantEscape(t, err, "pkg", f.outside)
	if got := f.outsideFiles(); len(got) > 0 {
		t.Errorf("written outside the checkout: %v", got)
	}
}

func TestWritesFollowLinksInsideTheCheckout(t *testing.T) {
	f := newFixture(t)
	f.write("docs/CHANGELOG.md", "# Changelog\n")
	f.link("docs/CHANGELOG.md", "CHANGELOG.md")
	f.write("meta/VERSION", "1.0.0\n")
	f.link(filepath.Join(f.dir, "meta", "VERSION"), "VERSION") // absolute, inside
	f.commit("chore: init")
	f.git("tag", "v1.0.0")
	f.commit("fix: x")
	w := f.open()
	results, _, err := w.Releases(day, plan.Files)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(results[0].Files); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"CHANGELOG.md", "VERSION"} {
		if fi, err := os.Lstat(filepath.Join(f.dir, l)); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", l)
		}
	}
	if v, _ := os.ReadFile(filepath.Join(f.dir, "meta", "VERSION")); string(v) != "1.0.1\n" {
		t.Errorf("meta/VERSION = %q", v)
	}
	if c, _ := os.ReadFile(filepath.Join(f.dir, "docs", "CHANGELOG.md")); !strings.Contains(string(c), "## [1.0.1]") {
		t.Errorf("docs/CHANGELOG.md:\n%s", c)
	}
}

func TestWriteThroughALinkIntoGitIsRefused(t *testing.T) {
	f := newFixture(t)
	f.link(".git/hooks/post-commit", "CHANGELOG.md")
	f.commit("chore: init")
	w := f.open()
	err := w.Write([]plan.FileChange{{Path: "CHANGELOG.md", New: []byte("#!/bin/sh\n"), Created: true}})
	if err == nil || !strings.Contains(err.Error(), "inside .git") {
		t.Errorf("writing through a link into .git: %v", err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, ".git", "hooks", "post-commit")); err == nil {
		t.Errorf("a hook was written")
	}
}

func TestBumpCommitsTheFilesLinksPointTo(t *testing.T) {
	f := newFixture(t)
	f.write("pkg/VERSION", "1.2.3\n")
	f.link("pkg/VERSION", "VERSION")
	f.commit("chore: init")
	f.git("tag", "v1.2.3")
	f.commit("fix: x")
	w := f.open()
	results, _, err := w.Releases(day, plan.Files)
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	if _, err := Bump(w, []Release{{Result: r.Result, State: r.State, Config: r.Config}}, BumpOptions{Commit: true}); err != nil {
		t.Fatal(err)
	}
	if out := f.git("status", "--porcelain"); out != "" {
		t.Errorf("the release commit left files out:\n%s", out)
	}
	if got := f.git("show", "HEAD:pkg/VERSION"); got != "1.2.4" {
		t.Errorf("pkg/VERSION at the release commit = %q", got)
	}
	if mode := f.git("ls-tree", "HEAD", "VERSION"); !strings.HasPrefix(mode, "120000 ") {
		t.Errorf("VERSION is no longer a link in the release commit: %s", mode)
	}
}
