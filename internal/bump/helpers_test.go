package bump

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// fixture is a real git checkout built for one test, with a directory
// beside it standing for the rest of the machine.
type fixture struct {
	t            *testing.T
	dir, outside string
	repo         *gitfixture.Repo
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	base := t.TempDir()
	f := &fixture{t: t, dir: filepath.Join(base, "repo"), outside: filepath.Join(base, "outside")}
	if err := os.Mkdir(f.outside, 0o755); err != nil {
		t.Fatal(err)
	}
	f.repo = gitfixture.Init(t, f.dir)
	f.repo.Name, f.repo.When, f.repo.Step = "Ann", gitfixture.Epoch, 0
	// releasebot's own commits (bump --commit) read the repository's
	// identity: tests do not depend on the machine's global configuration.
	f.git("config", "user.name", "Rel Bot")
	f.git("config", "user.email", "bot@example.com")
	return f
}

func (f *fixture) git(args ...string) string {
	f.t.Helper()
	return f.repo.Run(args...)
}

// write writes a file of the checkout, making its directories.
func (f *fixture) write(rel, content string) {
	f.t.Helper()
	f.repo.Write(rel, content)
}

// link makes the symbolic link rel (in the checkout) pointing to target.
func (f *fixture) link(target, rel string) {
	f.t.Helper()
	p := filepath.Join(f.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		f.t.Fatal(err)
	}
}

// commit commits everything in the work tree.
func (f *fixture) commit(msg string) {
	f.t.Helper()
	f.repo.Commit(msg, nil)
}

func (f *fixture) open() *checkout.Workspace {
	f.t.Helper()
	w, err := checkout.Open(checkout.Options{Dir: f.dir})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { w.Close() })
	return w
}

// outsideFiles lists what the directory outside the checkout holds.
func (f *fixture) outsideFiles() []string {
	f.t.Helper()
	var names []string
	filepath.WalkDir(f.outside, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != f.outside {
			rel, _ := filepath.Rel(f.outside, p)
			names = append(names, rel)
		}
		return nil
	})
	return names
}
