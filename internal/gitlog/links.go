package gitlog

import (
	"errors"
	"fmt"
	"io/fs"
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

// LinkFS is a tree of files with symbolic links: the work tree, or a
// commit's tree.
type LinkFS interface {
	// Lstat says whether rel, which has no symbolic link on the way, is
	// one, and what it points to; a missing path is an error satisfying
	// errors.Is(err, fs.ErrNotExist).
	Lstat(rel string) (target string, link bool, err error)
}

// ResolvePath returns the file rel names, as a "/"-separated path relative
// to the root with no symbolic link in it: each link on the way is replaced
// by its target, which must lie inside the root (a link may name it by a
// relative path, or by an absolute one starting with one of prefixes, the
// root's absolute paths). The file itself, and directories at the end of
// the path, need not exist. A link that leaves is an *EscapeError naming
// it; rel itself must be relative and stay inside.
func ResolvePath(fsys LinkFS, prefixes []string, rel string) (string, error) {
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
		target, link, err := fsys.Lstat(cur)
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

// RootPrefixes are the absolute paths of a work tree's root, as given and
// with its own symbolic links resolved: a link may name a file inside by
// either.
func RootPrefixes(dir string) []string {
	var out []string
	resolved := dir
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		resolved = r
	}
	for _, p := range []string{dir, resolved} {
		if abs, err := filepath.Abs(p); err == nil {
			out = append(out, filepath.Clean(abs))
		}
	}
	return out
}

// linkTree is a commit's tree as a LinkFS.
type linkTree struct {
	r    *Repo
	hash string
}

func (t linkTree) Lstat(rel string) (string, bool, error) { return t.r.LinkAt(t.hash, rel) }

// ReadFileAt reads the file rel names in commit hash, following symbolic
// links only inside the repository (see ResolvePath; an absolute link may
// name the work tree's root). A missing file satisfies
// errors.Is(err, fs.ErrNotExist); a link leading out is an *EscapeError.
func (r *Repo) ReadFileAt(hash, rel string) ([]byte, error) {
	resolved, err := ResolvePath(linkTree{r, hash}, RootPrefixes(r.WorkTree()), rel)
	if err != nil {
		return nil, err
	}
	return r.FileAt(hash, resolved)
}
