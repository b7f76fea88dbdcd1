package gitlog

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// treeCacheBytes is the budget of decoded objects (mostly trees and their
// delta bases) kept while listing changed paths; git's delta base cache is
// 96 MiB by default.
const treeCacheBytes = 32 << 20

// commitCacheBytes is the budget of decoded commits kept as delta bases:
// commits are seldom stored as deltas, and each is read once.
const commitCacheBytes = 4 << 20

// ChangedPaths returns, for each commit hash given, the paths
// (slash-separated, relative to the root) that differ between the commit's
// tree and its first parent's tree (all paths of the tree for a root
// commit, or for a shallow boundary whose parents were not fetched). Merge
// commits are compared with their first parent too. Only paths are
// returned, in sorted (byte) order, without duplicates; a renamed file
// appears as both its old and new path. These are the paths of
// `git diff-tree -r --name-only --no-renames <first parent> <commit>`
// (`git diff-tree -r --name-only --root <commit>` for a root commit).
//
// A path counts as changed when its entry was added or deleted, or its
// object or its mode changed (a file made executable, a file replaced by a
// symbolic link); a file replaced by a directory gives the file's path and
// the paths of the directory's files. Submodules (gitlinks) are paths,
// never descended into. Directories appear only through their files.
//
// Every hash given is a key of the map, with a nil slice for a commit that
// changes nothing (an empty commit). The hashes must be full commit hashes;
// a tag object is not peeled. Commits are best given as Range returns them,
// each shortly before its parents: consecutive commits share most of their
// trees, which are read once and cached meanwhile (decoded objects within
// treeCacheBytes, released when ChangedPaths returns). Trees and commits
// are read straight from the pack files, deltas included, and through
// go-git's storer when loose or unusual.
func (r *Repo) ChangedPaths(hashes []string) (map[string][]string, error) {
	shallow, err := r.st.Shallow()
	if err != nil {
		return nil, fmt.Errorf("reading the shallow list: %w", err)
	}
	d := &differ{r: r, trees: newDeltaReader(r.packs, treeCacheBytes),
		commits:  newDeltaReader(r.packs, commitCacheBytes),
		boundary: make(map[plumbing.Hash]bool, len(shallow)),
		intern:   make(map[string]string), seen: make(map[plumbing.Hash][]byte),
		last: make(map[plumbing.Hash][]byte)}
	for _, h := range shallow {
		d.boundary[h] = true
	}
	out := make(map[string][]string, len(hashes))
	// The tree and first parent of the commits read ahead of their turn:
	// the parents, whose turn comes next, usually.
	ahead := make(map[plumbing.Hash]commitTrees)
	for _, s := range hashes {
		if !plumbing.IsHash(s) {
			return nil, fmt.Errorf("%q is not a full commit hash", s)
		}
		if _, done := out[s]; done {
			continue
		}
		h := plumbing.NewHash(s)
		c, ok := ahead[h]
		if ok {
			delete(ahead, h)
		} else if c, err = d.commitTrees(h); err != nil {
			return nil, err
		}
		var old plumbing.Hash
		if !c.parent.IsZero() {
			p, ok := ahead[c.parent]
			if !ok {
				if p, err = d.commitTrees(c.parent); err != nil {
					return nil, err
				}
				ahead[c.parent] = p
			}
			old = p.tree
		}
		if err := d.diff(old, c.tree); err != nil {
			return nil, fmt.Errorf("commit %s: %w", s, err)
		}
		out[s] = d.take()
	}
	return out, nil
}

// commitTrees is what ChangedPaths needs of a commit.
type commitTrees struct {
	// tree is the commit's tree; parent its first parent, zero for a root
	// commit or a shallow boundary.
	tree, parent plumbing.Hash
}

// commitTrees reads the tree and first parent of commit h: through
// d.commits when the packs have it, whole or as a delta, with readCommit
// otherwise.
func (d *differ) commitTrees(h plumbing.Hash) (commitTrees, error) {
	var c commitTrees
	typ, raw, ok := d.commits.object(d.r.replaced(h))
	if !ok || typ != packCommit {
		var err error
		raw, err = d.r.readCommit(h)
		if errors.Is(err, errMissing) {
			return c, d.r.missing(h)
		} else if err != nil {
			return c, err
		}
	}
	var err error
	if c.tree, c.parent, err = commitTree(raw); err != nil {
		return c, fmt.Errorf("commit %s: %w", h, err)
	}
	if d.boundary[h] {
		c.parent = plumbing.ZeroHash
	}
	return c, nil
}

// commitTree returns the tree and the first parent (zero if none) of a raw
// commit, read as parseHeader reads them: the tree header first, then the
// parent headers.
func commitTree(raw []byte) (tree, parent plumbing.Hash, err error) {
	line, rest, _ := bytes.Cut(raw, []byte("\n"))
	value, ok := bytes.CutPrefix(line, []byte("tree "))
	if !ok {
		return tree, parent, fmt.Errorf("%w: no tree header first", errMalformed)
	}
	if tree, err = parseHash(value); err != nil {
		return tree, parent, err
	}
	line, _, _ = bytes.Cut(rest, []byte("\n"))
	if value, ok := bytes.CutPrefix(line, []byte("parent ")); ok {
		parent, err = parseHash(value)
	}
	return tree, parent, err
}

// differ lists the paths that differ between two trees.
type differ struct {
	r *Repo
	// trees and commits read trees and commits from the packs, each
	// through windows of their own: packs often store them apart.
	trees, commits *deltaReader
	// boundary holds the shallow boundaries, whose parents are ignored.
	boundary map[plumbing.Hash]bool
	// path is the directory being compared, with a trailing slash.
	path []byte
	// found collects the changed paths of the current comparison.
	found []string
	// seen and last hold the trees read for the current comparison and
	// for the previous one: the commits come newest first, so the old
	// side of a comparison is most often the new side of the next one.
	seen, last map[plumbing.Hash][]byte
	// intern shares the strings of paths found several times: a long
	// history changes the same files over and over.
	intern map[string]string
}

// take returns the paths found, sorted and without duplicates, and resets
// the list for the next comparison.
func (d *differ) take() []string {
	d.last, d.seen = d.seen, d.last
	clear(d.seen)
	if len(d.found) == 0 {
		return nil
	}
	p := slices.Clone(d.found)
	slices.Sort(p)
	d.found = d.found[:0]
	return slices.Compact(p)
}

// diff adds the paths under d.path that differ between the trees a and b,
// either of which may be zero for no tree at all. It descends only into
// subtrees whose hashes differ.
func (d *differ) diff(a, b plumbing.Hash) error {
	if a == b {
		return nil
	}
	ta, err := d.tree(a)
	if err != nil {
		return err
	}
	tb, err := d.tree(b)
	if err != nil {
		return err
	}
	var ea, eb treeEntry
	okA, okB := false, false
	if ta, okA, err = nextEntry(ta, &ea); err != nil {
		return fmt.Errorf("tree %s: %w", a, err)
	}
	if tb, okB, err = nextEntry(tb, &eb); err != nil {
		return fmt.Errorf("tree %s: %w", b, err)
	}
	for okA || okB {
		c := 0
		switch {
		case !okA:
			c = 1
		case !okB:
			c = -1
		default:
			c = compareEntries(&ea, &eb)
		}
		switch {
		case c < 0:
			err = d.entry(&ea, nil)
		case c > 0:
			err = d.entry(nil, &eb)
		default:
			err = d.entry(&ea, &eb)
		}
		if err != nil {
			return err
		}
		if c <= 0 {
			if ta, okA, err = nextEntry(ta, &ea); err != nil {
				return fmt.Errorf("tree %s: %w", a, err)
			}
		}
		if c >= 0 {
			if tb, okB, err = nextEntry(tb, &eb); err != nil {
				return fmt.Errorf("tree %s: %w", b, err)
			}
		}
	}
	return nil
}

// tree returns the content of the tree h, empty for the zero hash.
func (d *differ) tree(h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	t, ok := d.seen[h]
	if !ok {
		if t, ok = d.last[h]; !ok {
			var err error
			if t, err = d.r.readTree(d.trees, h); err != nil {
				return nil, err
			}
		}
		d.seen[h] = t
	}
	return t, nil
}

// entry handles an entry present in the old tree (a), the new one (b) or
// both under the same name and kind (directory or not): a directory on
// either side is compared as a tree, a file (any other entry) is a changed
// path unless both sides have the same object and canonical mode.
func (d *differ) entry(a, b *treeEntry) error {
	name := a
	if name == nil {
		name = b
	}
	if name.isDir() {
		var ha, hb plumbing.Hash
		if a != nil {
			ha = a.hash
		}
		if b != nil {
			hb = b.hash
		}
		if ha == hb {
			return nil
		}
		n := len(d.path)
		d.path = append(append(d.path, name.name...), '/')
		err := d.diff(ha, hb)
		d.path = d.path[:n]
		return err
	}
	if a != nil && b != nil && a.hash == b.hash && canonMode(a.mode) == canonMode(b.mode) {
		return nil
	}
	n := len(d.path)
	d.path = append(d.path, name.name...)
	p, ok := d.intern[string(d.path)]
	if !ok {
		p = string(d.path)
		d.intern[p] = p
	}
	d.path = d.path[:n]
	d.found = append(d.found, p)
	return nil
}
