package gitlog

import (
	"bytes"
	"errors"

	"github.com/go-git/go-git/v5/plumbing"
)

// errBadTree reports a tree object that cannot be parsed.
var errBadTree = errors.New("malformed tree")

// File modes of tree entries, as git stores them (octal).
const (
	modeType    = 0o170000
	modeDir     = 0o040000
	modeFile    = 0o100000
	modeSymlink = 0o120000
	modeGitlink = 0o160000
)

// treeEntry is one entry of a raw tree; name aliases the tree's content.
type treeEntry struct {
	mode uint32
	name []byte
	hash plumbing.Hash
}

// isDir reports whether the entry is a subtree.
func (e *treeEntry) isDir() bool { return e.mode&modeType == modeDir }

// nextEntry parses the entry at the start of a raw tree into e: an octal
// mode, a space, a name, a NUL byte and the 20-byte object name. It
// returns the rest of the tree and false once the tree is exhausted.
func nextEntry(tree []byte, e *treeEntry) (rest []byte, ok bool, err error) {
	if len(tree) == 0 {
		return nil, false, nil
	}
	sp := bytes.IndexByte(tree, ' ')
	if sp <= 0 || sp > 7 {
		return nil, false, errBadTree
	}
	var mode uint32
	for _, c := range tree[:sp] {
		if c < '0' || c > '7' {
			return nil, false, errBadTree
		}
		mode = mode<<3 | uint32(c-'0')
	}
	nul := bytes.IndexByte(tree[sp+1:], 0)
	if nul <= 0 || sp+1+nul+1+hashSize > len(tree) {
		return nil, false, errBadTree
	}
	end := sp + 1 + nul
	e.mode, e.name = mode, tree[sp+1:end]
	copy(e.hash[:], tree[end+1:end+1+hashSize])
	return tree[end+1+hashSize:], true, nil
}

// compareEntries orders entries as git sorts trees and walks them in
// diffs: by name, a directory's name compared as if it ended with a slash.
// It returns 0 only for the same name and the same kind (directory or not).
func compareEntries(a, b *treeEntry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	ca, cb := nameEnd(a, n), nameEnd(b, n)
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}

// nameEnd returns the byte of e's name at position n, or what stands for
// its end: a slash for a directory, NUL otherwise.
func nameEnd(e *treeEntry, n int) byte {
	if n < len(e.name) {
		return e.name[n]
	}
	if e.isDir() {
		return '/'
	}
	return 0
}

// canonMode returns the mode git compares entries by (canon_mode): a
// regular file is 100644 or 100755 by its owner's execute bit, whatever
// permissions an old tree recorded; symbolic links and gitlinks are their
// type alone.
func canonMode(mode uint32) uint32 {
	switch mode & modeType {
	case modeFile:
		if mode&0o100 != 0 {
			return modeFile | 0o755
		}
		return modeFile | 0o644
	case modeSymlink, modeDir:
		return mode & modeType
	}
	return modeGitlink
}
