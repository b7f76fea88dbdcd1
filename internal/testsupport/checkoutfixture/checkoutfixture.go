// Package checkoutfixture builds a real git checkout for tests of what
// releasebot reads and writes in one (internal/checkout, internal/bump),
// beside a directory that stands for the rest of the machine: a test links
// files or directories of the checkout out to it, and checks that nothing
// was read from or written to it.
//
//	f := checkoutfixture.New(t)
//	f.Link("../outside", "sub")
//	f.Commit("chore: init", nil)
//	_, err := f.Open().ReadFile("sub/secret")
//	checkoutfixture.WantEscape(t, err, "sub", "../outside")
package checkoutfixture

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// Fixture is a checkout (the embedded Repo, whose Dir is its work tree)
// and the directory Outside beside it. Its commits all have one date, and
// the repository's own configuration names a git identity, so that
// releasebot's commits (bump --commit) do not depend on the machine.
type Fixture struct {
	*gitfixture.Repo
	Outside string

	t testing.TB
}

// New makes an empty checkout and an empty Outside directory in a new
// temporary directory, removed when the test ends.
func New(t testing.TB) *Fixture {
	t.Helper()
	base := t.TempDir()
	f := &Fixture{Outside: filepath.Join(base, "outside"), t: t}
	if err := os.Mkdir(f.Outside, 0o755); err != nil {
		t.Fatal(err)
	}
	f.Repo = gitfixture.Init(t, filepath.Join(base, "repo"))
	f.Name, f.When, f.Step = "Ann", gitfixture.Epoch, 0
	f.Run("config", "user.name", "Rel Bot")
	f.Run("config", "user.email", "bot@example.com")
	return f
}

// Link makes the symbolic link rel (slash-separated, in the checkout)
// pointing to target, creating its directories.
func (f *Fixture) Link(target, rel string) {
	f.t.Helper()
	p := filepath.Join(f.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		f.t.Fatal(err)
	}
}

// Open opens the checkout as releasebot does, closed when the test ends.
func (f *Fixture) Open() *checkout.Workspace {
	f.t.Helper()
	w, err := checkout.Open(checkout.Options{Dir: f.Dir})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { w.Close() })
	return w
}

// OutsideFiles lists what the Outside directory holds, relative to it.
func (f *Fixture) OutsideFiles() []string {
	f.t.Helper()
	var names []string
	filepath.WalkDir(f.Outside, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != f.Outside {
			rel, _ := filepath.Rel(f.Outside, p)
			names = append(names, rel)
		}
		return nil
	})
	return names
}

// WantEscape fails t unless err is a *gitlog.EscapeError blaming the link
// link, which points to target, with a message that says so, and unless
// err reads as something other than a missing file (which a release would
// create).
func WantEscape(t testing.TB, err error, link, target string) {
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
