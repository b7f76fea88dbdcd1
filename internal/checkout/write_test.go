package checkout_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/testsupport/checkoutfixture"
)

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func TestWriteThroughADirectoryLinkLeavingTheCheckoutChangesNothing(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Link("../outside", "sub")
	f.Write(".github/releasebot.yml", "changelog:\n  path: sub/CHANGELOG.md\n")
	f.Commit("chore: init", nil)
	w := f.Open()
	err := w.Write([]plan.FileChange{
		{Path: "VERSION", New: []byte("1.0.0\n"), Created: true},
		{Path: "sub/CHANGELOG.md", New: []byte("# Changelog\n"), Created: true},
	})
	checkoutfixture.WantEscape(t, err, "sub", "../outside")
	if got := f.OutsideFiles(); len(got) > 0 {
		t.Errorf("written outside the checkout: %v", got)
	}
	if _, err := os.Lstat(filepath.Join(f.Dir, "VERSION")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("VERSION was written before the check failed: %v", err)
	}
}

func TestWritesFollowLinksInsideTheCheckout(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Write("docs/CHANGELOG.md", "# Changelog\n")
	f.Link("docs/CHANGELOG.md", "CHANGELOG.md")
	f.Write("meta/VERSION", "1.0.0\n")
	f.Link(filepath.Join(f.Dir, "meta", "VERSION"), "VERSION") // absolute, inside
	f.Commit("chore: init", nil)
	f.Run("tag", "v1.0.0")
	f.Commit("fix: x", nil)
	w := f.Open()
	results, _, err := w.Releases(day, plan.Files)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(results[0].Files); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"CHANGELOG.md", "VERSION"} {
		if fi, err := os.Lstat(filepath.Join(f.Dir, l)); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", l)
		}
	}
	if v, _ := os.ReadFile(filepath.Join(f.Dir, "meta", "VERSION")); string(v) != "1.0.1\n" {
		t.Errorf("meta/VERSION = %q", v)
	}
	if c, _ := os.ReadFile(filepath.Join(f.Dir, "docs", "CHANGELOG.md")); !strings.Contains(string(c), "## [1.0.1]") {
		t.Errorf("docs/CHANGELOG.md:\n%s", c)
	}
}

func TestWriteThroughALinkIntoGitIsRefused(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Link(".git/hooks/post-commit", "CHANGELOG.md")
	f.Commit("chore: init", nil)
	w := f.Open()
	err := w.Write([]plan.FileChange{{Path: "CHANGELOG.md", New: []byte("#!/bin/sh\n"), Created: true}})
	if err == nil || !strings.Contains(err.Error(), "inside .git") {
		t.Errorf("writing through a link into .git: %v", err)
	}
	if _, err := os.Stat(filepath.Join(f.Dir, ".git", "hooks", "post-commit")); err == nil {
		t.Errorf("a hook was written")
	}
}
