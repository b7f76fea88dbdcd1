package bump

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// EscapeError says that a repository path leads out of the checkout: a
// symbolic link on the way points outside it. releasebot neither reads nor
// writes such a path.
type EscapeError struct {
	// Path is the repository-relative path asked for.
	Path string
	// Link is the symbolic link that leaves, repository-relative, and
	// Target what it points to, as the link holds it.
	Link, Target string
}

// Error names the link and its target; callers name the path they were
// reading or writing.
func (e *EscapeError) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, outside the repository; releasebot reads and writes only files inside the checkout: replace the link with the file, or point it inside the repository", e.Link, e.Target)
}

// maxLinks bounds the symbolic links followed for one path, as the
// operating system does, so that a loop of links ends in an error.
const maxLinks = 40

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
	c := &confined{root: root}
	for _, p := range []string{dir, evalOrSelf(dir)} {
		if abs, err := filepath.Abs(p); err == nil {
			c.prefixes = append(c.prefixes, filepath.Clean(abs))
		}
	}
	return c, nil
}

func evalOrSelf(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func (c *confined) Close() error { return c.root.Close() }

// resolve returns the file rel names inside the checkout (see
// resolvePath).
func (c *confined) resolve(rel string) (string, error) {
	return resolvePath(c, c.prefixes, rel)
}

// lstat says whether rel, which has no link on the way, is a symbolic
// link, and its target.
func (c *confined) lstat(rel string) (string, bool, error) {
	fi, err := c.root.Lstat(rel)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return "", false, err
	}
	target, err := c.root.Readlink(rel)
	return target, err == nil, err
}

// linkFS is a tree of files with symbolic links: the work tree, or a
// commit's tree.
type linkFS interface {
	// lstat says whether rel, which has no symbolic link on the way, is
	// one, and what it points to; a missing path is an error satisfying
	// errors.Is(err, fs.ErrNotExist).
	lstat(rel string) (target string, link bool, err error)
}

// resolvePath returns the file rel names, as a "/"-separated path relative
// to the root with no symbolic link in it: each link on the way is replaced
// by its target, which must lie inside the root (a link may name it by a
// relative path, or by an absolute one starting with one of prefixes, the
// root's absolute paths). The file itself, and directories at the end of
// the path, need not exist. A link that leaves is an *EscapeError naming
// it; rel itself must be relative and stay inside.
func resolvePath(fsys linkFS, prefixes []string, rel string) (string, error) {
	if rel == "" || filepath.IsAbs(rel) || path.IsAbs(filepath.ToSlash(rel)) {
		return "", fmt.Errorf("%q is not a path inside the repository", rel)
	}
	pending := strings.Split(filepath.ToSlash(rel), "/")
	var done []string
	var via *EscapeError // the last link followed, blamed for a ".." too many
	outside := func() error {
		if via != nil {
			return via
		}
		return errors.New("the path leads outside the repository")
	}
	links := 0
	for len(pending) > 0 {
		part := pending[0]
		pending = pending[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", outside()
			}
			done = done[:len(done)-1]
			continue
		}
		cur := path.Join(append(done, part)...)
		target, link, err := fsys.lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			// Nothing below a missing directory can be a link: the rest is
			// plain names, created as directories when written.
			rest := path.Clean(path.Join(append(append(done, part), pending...)...))
			if rest == ".." || strings.HasPrefix(rest, "../") {
				return "", outside()
			}
			return notGit(rest, via)
		}
		if err != nil {
			return "", err
		}
		if !link {
			done = append(done, part)
			continue
		}
		if links++; links > maxLinks {
			return "", fmt.Errorf("too many symbolic links (a loop at %s?)", cur)
		}
		via = &EscapeError{Path: rel, Link: cur, Target: target}
		if filepath.IsAbs(target) || path.IsAbs(target) {
			inside, ok := insidePrefixes(prefixes, target)
			if !ok {
				return "", via
			}
			done, target = nil, inside
		}
		pending = append(strings.Split(filepath.ToSlash(target), "/"), pending...)
	}
	if len(done) == 0 {
		return ".", nil
	}
	return notGit(path.Join(done...), via)
}

// notGit refuses a resolved path inside .git, git's own files (hooks,
// configuration), which a link could otherwise have releasebot write.
func notGit(resolved string, via *EscapeError) (string, error) {
	first, _, _ := strings.Cut(resolved, "/")
	if !strings.EqualFold(first, ".git") {
		return resolved, nil
	}
	if via == nil {
		return "", fmt.Errorf("%s is inside .git, git's own files; name a file of the work tree", resolved)
	}
	return "", fmt.Errorf("%s is a symbolic link to %s, inside .git, git's own files; point it at a file of the work tree", via.Link, via.Target)
}

// insidePrefixes returns an absolute path as a path relative to the root
// whose absolute paths are prefixes, and whether it is inside at all.
func insidePrefixes(prefixes []string, abs string) (string, bool) {
	abs = filepath.Clean(abs)
	for _, p := range prefixes {
		if abs == p {
			return ".", true
		}
		if rest, ok := strings.CutPrefix(abs, p+string(filepath.Separator)); ok {
			return filepath.ToSlash(rest), true
		}
	}
	return "", false
}

// ReadFile reads the file rel names inside the checkout. A missing file is
// an error satisfying errors.Is(err, fs.ErrNotExist); a link leading out
// is an *EscapeError, never followed.
func (c *confined) ReadFile(rel string) ([]byte, error) {
	resolved, err := c.resolve(rel)
	if err != nil {
		return nil, err
	}
	return c.root.ReadFile(resolved)
}

// commitTree is a commit's tree as a linkFS.
type commitTree struct {
	w    *Workspace
	hash string
}

func (t commitTree) lstat(rel string) (string, bool, error) { return t.w.repo.LinkAt(t.hash, rel) }

// fileAt reads the file rel names in commit hash, following symbolic links
// only inside the repository, as ReadFile does in the work tree.
func (w *Workspace) fileAt(hash, rel string) ([]byte, error) {
	resolved, err := resolvePath(commitTree{w, hash}, w.files.prefixes, rel)
	if err != nil {
		return nil, err
	}
	return w.repo.FileAt(hash, resolved)
}
