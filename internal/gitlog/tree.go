package gitlog

import (
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TreeOf returns the hash of the tree of commit hash.
func (r *Repo) TreeOf(hash string) (string, error) {
	if !plumbing.IsHash(hash) {
		return "", fmt.Errorf("%q is not a full commit hash", hash)
	}
	c, err := object.GetCommit(r.st, plumbing.NewHash(hash))
	if err != nil {
		return "", fmt.Errorf("reading commit %s: %w", hash, err)
	}
	return c.TreeHash.String(), nil
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
