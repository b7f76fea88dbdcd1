package gitlog

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Dirty reports whether the work tree has uncommitted changes to tracked
// files: changes staged in the index, or files of the index modified or
// deleted in the work tree. Untracked files do not count. It fails on a bare
// repository.
func (r *Repo) Dirty() (bool, error) {
	wt, err := r.repo.Worktree()
	if err != nil {
		return false, fmt.Errorf("reading the work tree: %w", err)
	}
	st, err := wt.Status()
	if err != nil {
		return false, fmt.Errorf("reading the work tree status: %w", err)
	}
	for _, fs := range st {
		if changed(fs.Staging) || changed(fs.Worktree) {
			return true, nil
		}
	}
	return false, nil
}

// changed reports whether a status code is a change to a tracked file.
func changed(c git.StatusCode) bool {
	return c != git.Unmodified && c != git.Untracked
}

// CommitFiles stages the given paths (relative to the root of the work tree;
// a path deleted from the work tree is staged as a deletion) and commits
// them with message on top of HEAD, as author and committer the user.name
// and user.email of the git configuration. Like `git commit`, it commits
// everything staged, including changes staged before the call. It returns
// the hash of the new commit.
func (r *Repo) CommitFiles(paths []string, message string) (string, error) {
	sig, err := r.signature()
	if err != nil {
		return "", err
	}
	wt, err := r.repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("reading the work tree: %w", err)
	}
	for _, p := range paths {
		rel, err := relPath(p)
		if err != nil {
			return "", err
		}
		if err := wt.AddWithOptions(&git.AddOptions{Path: rel, SkipStatus: true}); err != nil {
			return "", fmt.Errorf("staging %s: %w", p, err)
		}
	}
	h, err := wt.Commit(canonical(message), &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		return "", fmt.Errorf("committing: %w", err)
	}
	return h.String(), nil
}

// relPath checks that p is a relative path inside the work tree and returns
// it cleaned, with forward slashes.
func relPath(p string) (string, error) {
	c := filepath.ToSlash(filepath.Clean(p))
	if p == "" || filepath.IsAbs(p) || c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%q is not a path inside the work tree", p)
	}
	return c, nil
}

// CreateTag creates the annotated tag name on commit hash with message, the
// tagger being the user.name and user.email of the git configuration. It
// fails, naming the tag, if a tag of that name exists.
func (r *Repo) CreateTag(name, hash, message string) error {
	if !plumbing.IsHash(hash) {
		return fmt.Errorf("%q is not a full commit hash", hash)
	}
	sig, err := r.signature()
	if err != nil {
		return err
	}
	_, err = r.repo.CreateTag(name, plumbing.NewHash(hash), &git.CreateTagOptions{
		Tagger:  sig,
		Message: message,
	})
	if errors.Is(err, git.ErrTagExists) {
		return fmt.Errorf("tag %s already exists", name)
	} else if err != nil {
		return fmt.Errorf("creating tag %s: %w", name, err)
	}
	return nil
}

// canonical ends a message with exactly one newline, as git stores them.
func canonical(message string) string {
	return strings.TrimRight(message, "\n") + "\n"
}

// signature returns the user of the git configuration (repository, then
// global, then system) with the current time.
func (r *Repo) signature() (*object.Signature, error) {
	var name, email string
	local, err := r.repo.Config()
	if err != nil {
		return nil, fmt.Errorf("reading the repository configuration: %w", err)
	}
	cfgs := []*config.Config{local}
	for _, scope := range []config.Scope{config.GlobalScope, config.SystemScope} {
		c, err := config.LoadConfig(scope)
		if err != nil {
			return nil, fmt.Errorf("reading the git configuration: %w", err)
		}
		cfgs = append(cfgs, c)
	}
	for _, c := range cfgs {
		if name == "" {
			name = c.User.Name
		}
		if email == "" {
			email = c.User.Email
		}
	}
	if name == "" || email == "" {
		return nil, errors.New("the git user is not configured: set it with " +
			"`git config user.name \"NAME\"` and `git config user.email \"EMAIL\"` " +
			"(add --global for every repository)")
	}
	return &object.Signature{Name: name, Email: email, When: time.Now()}, nil
}
