package gitlog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TreeOf returns the hash of the tree of commit hash.
func (r *Repo) TreeOf(hash string) (string, error) {
	if !plumbing.IsHash(hash) {
		return "", fmt.Errorf("%q is not a full commit hash", hash)
	}
	raw, err := r.readCommit(plumbing.NewHash(hash))
	if err != nil {
		return "", fmt.Errorf("reading commit %s: %w", hash, err)
	}
	// A commit object starts with "tree <hash>\n".
	if line, _, _ := strings.Cut(string(raw), "\n"); strings.HasPrefix(line, "tree ") && plumbing.IsHash(line[5:]) {
		return line[5:], nil
	}
	return "", fmt.Errorf("commit %s has no tree line", hash)
}

// Branch returns the branch HEAD is on, "" when HEAD is detached.
func (r *Repo) Branch() (string, error) {
	ref, err := r.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", fmt.Errorf("reading HEAD: %w", err)
	}
	if ref.Type() != plumbing.SymbolicReference || !ref.Target().IsBranch() {
		return "", nil
	}
	return ref.Target().Short(), nil
}

// FileAt returns the content of path (slash-separated, relative to the
// root) in commit hash; a missing file is an error satisfying
// errors.Is(err, fs.ErrNotExist).
func (r *Repo) FileAt(hash, path string) ([]byte, error) {
	if !plumbing.IsHash(hash) {
		return nil, fmt.Errorf("%q is not a full commit hash", hash)
	}
	c, err := object.GetCommit(r.st, r.replaced(plumbing.NewHash(hash)))
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", hash, err)
	}
	f, err := c.File(path)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, fmt.Errorf("%s at %s: %w", path, hash[:7], fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s at %s: %w", path, hash[:7], err)
	}
	content, err := f.Contents()
	return []byte(content), err
}

// LinkAt says whether path (slash-separated, relative to the root) is a
// symbolic link in commit hash, and returns its target; it follows no link
// on the way. A missing path is an error satisfying
// errors.Is(err, fs.ErrNotExist).
func (r *Repo) LinkAt(hash, path string) (target string, link bool, err error) {
	if !plumbing.IsHash(hash) {
		return "", false, fmt.Errorf("%q is not a full commit hash", hash)
	}
	c, err := object.GetCommit(r.st, plumbing.NewHash(hash))
	if err != nil {
		return "", false, fmt.Errorf("reading commit %s: %w", hash, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return "", false, fmt.Errorf("reading the tree of %s: %w", hash[:7], err)
	}
	e, err := findEntry(tree, path, hash)
	if err != nil {
		return "", false, err
	}
	if e.Mode != filemode.Symlink {
		return "", false, nil
	}
	blob, err := object.GetBlob(r.st, e.Hash)
	if err != nil {
		return "", false, fmt.Errorf("reading the link %s at %s: %w", path, hash[:7], err)
	}
	rd, err := blob.Reader()
	if err != nil {
		return "", false, fmt.Errorf("reading the link %s at %s: %w", path, hash[:7], err)
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, 4096))
	return string(data), err == nil, err
}

// HasCommit reports whether the repository holds the commit hash. It
// reads through the packs' fast path, so that asking does not make go-git
// load its own pack index.
func (r *Repo) HasCommit(hash string) bool {
	if !plumbing.IsHash(hash) {
		return false
	}
	_, err := r.readCommit(plumbing.NewHash(hash))
	return err == nil
}

// ModeAt returns the mode git records for path (slash-separated, relative
// to the root) in commit hash's tree, following no symbolic link: 0o100644,
// 0o100755, 0o120000 (a link), 0o040000 (a directory) or 0o160000 (a
// submodule). A missing path is an error satisfying
// errors.Is(err, fs.ErrNotExist).
func (r *Repo) ModeAt(hash, path string) (uint32, error) {
	if !plumbing.IsHash(hash) {
		return 0, fmt.Errorf("%q is not a full commit hash", hash)
	}
	c, err := object.GetCommit(r.st, r.replaced(plumbing.NewHash(hash)))
	if err != nil {
		return 0, fmt.Errorf("reading commit %s: %w", hash, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return 0, fmt.Errorf("reading the tree of %s: %w", hash[:7], err)
	}
	e, err := findEntry(tree, path, hash)
	if err != nil {
		return 0, err
	}
	return uint32(e.Mode), nil
}

// findEntry looks path up in tree, the tree of commit hash, one name at a
// time. A path below a file, a link or a submodule is missing, as in a
// file system (go-git's Tree.FindEntry instead fails to read the file as a
// tree); a missing path satisfies errors.Is(err, fs.ErrNotExist).
func findEntry(tree *object.Tree, path, hash string) (*object.TreeEntry, error) {
	names := strings.Split(path, "/")
	for i, name := range names {
		var e *object.TreeEntry
		for j := range tree.Entries {
			if tree.Entries[j].Name == name {
				e = &tree.Entries[j]
				break
			}
		}
		switch {
		case e == nil || i < len(names)-1 && e.Mode != filemode.Dir:
			return nil, fmt.Errorf("%s at %s: %w", path, hash[:7], fs.ErrNotExist)
		case i == len(names)-1:
			return e, nil
		}
		sub, err := tree.Tree(name)
		if err != nil {
			return nil, fmt.Errorf("reading %s at %s: %w", path, hash[:7], err)
		}
		tree = sub
	}
	return nil, fmt.Errorf("%s at %s: %w", path, hash[:7], fs.ErrNotExist)
}
