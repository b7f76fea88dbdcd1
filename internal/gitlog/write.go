package gitlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// CommitFiles stages the given paths (relative to the root of the work tree;
// a path deleted from the work tree is staged as a deletion) and commits
// them with message on top of HEAD, as author and committer the user.name
// and user.email of the git configuration. Like `git commit`, it commits
// everything staged, including changes staged before the call. It returns
// the hash of the new commit.
func (r *Repo) CommitFiles(paths []string, message string) (string, error) {
	author, committer, err := r.signatures()
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
	h, err := wt.Commit(canonical(message), &git.CommitOptions{Author: author, Committer: committer})
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
	_, tagger, err := r.signatures()
	if err != nil {
		return err
	}
	_, err = r.repo.CreateTag(name, plumbing.NewHash(hash), &git.CreateTagOptions{
		Tagger:  tagger,
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

// CheckIdentity fails, saying how to fix it, when commits and tags could not
// be made for lack of a configured identity. Call it before changing
// anything that a commit would follow.
func (r *Repo) CheckIdentity() error {
	_, _, err := r.signatures()
	return err
}

// signatures returns the author and the committer (also the tagger) as git
// would: GIT_AUTHOR_NAME/EMAIL and GIT_COMMITTER_NAME/EMAIL when set, else
// the user of the git configuration (repository, then global, then
// system), with the current time.
func (r *Repo) signatures() (author, committer *object.Signature, err error) {
	name, email, err := r.configUser()
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	pick := func(prefix string) (*object.Signature, error) {
		n, e := os.Getenv(prefix+"_NAME"), os.Getenv(prefix+"_EMAIL")
		if n == "" {
			n = name
		}
		if e == "" {
			e = email
		}
		if n == "" || e == "" {
			return nil, errors.New("the git user is not configured: set it with " +
				"`git config user.name \"NAME\"` and `git config user.email \"EMAIL\"` " +
				"(add --global for every repository), or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL")
		}
		return &object.Signature{Name: n, Email: e, When: now}, nil
	}
	if author, err = pick("GIT_AUTHOR"); err != nil {
		return nil, nil, err
	}
	if committer, err = pick("GIT_COMMITTER"); err != nil {
		return nil, nil, err
	}
	return author, committer, nil
}

// configUser returns user.name and user.email from the git configuration.
func (r *Repo) configUser() (name, email string, err error) {
	local, err := r.repo.Config()
	if err != nil {
		return "", "", fmt.Errorf("reading the repository configuration: %w", err)
	}
	cfgs := []*config.Config{local}
	for _, scope := range []config.Scope{config.GlobalScope, config.SystemScope} {
		c, err := config.LoadConfig(scope)
		if err != nil {
			return "", "", fmt.Errorf("reading the git configuration: %w", err)
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
	return name, email, nil
}
