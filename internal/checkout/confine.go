package checkout

import (
	"io/fs"
	"os"

	"github.com/releasebot/releasebot/internal/gitlog"
)

// confined is the checkout's work tree as releasebot may touch it: every
// path is resolved inside the root, following symbolic links only while
// they stay inside, and every file operation goes through an os.Root, so
// that a link changed between the check and the operation cannot lead out
// either.
type confined struct {
	root *os.Root
	// prefixes are the root's absolute path as given and with its own
	// links resolved, for links that name a file inside by absolute path.
	prefixes []string
}

func openConfined(dir string) (*confined, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &confined{root: root, prefixes: gitlog.RootPrefixes(dir)}, nil
}

func (c *confined) Close() error { return c.root.Close() }

// resolve returns the file rel names inside the checkout (see
// gitlog.ResolvePath).
func (c *confined) resolve(rel string) (string, error) {
	return gitlog.ResolvePath(c, c.prefixes, rel)
}

// Lstat says whether rel, which has no link on the way, is a symbolic
// link, and its target.
func (c *confined) Lstat(rel string) (string, bool, error) {
	fi, err := c.root.Lstat(rel)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return "", false, err
	}
	target, err := c.root.Readlink(rel)
	return target, err == nil, err
}

// ReadFile reads the file rel names inside the checkout. A missing file is
// an error satisfying errors.Is(err, fs.ErrNotExist); a link leading out
// is a *gitlog.EscapeError, never followed.
func (c *confined) ReadFile(rel string) ([]byte, error) {
	resolved, err := c.resolve(rel)
	if err != nil {
		return nil, err
	}
	return c.root.ReadFile(resolved)
}

// Resolve returns the file a repository-relative path names inside the
// checkout, symbolic links followed (see gitlog.ResolvePath): where a
// write to path lands.
func (w *Workspace) Resolve(path string) (string, error) { return w.files.resolve(path) }
