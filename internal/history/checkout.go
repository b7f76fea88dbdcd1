package history

import (
	"context"
	"errors"
	"io/fs"
	"sync"

	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/release"
)

// Checkout reads a local checkout with go-git, making no API call. Its tip
// is HEAD, read once. A shallow clone is refused with the way to fetch the
// whole history, since its tags and commits are missing. Commits are
// parsed on another goroutine while the walk finds them (see Parsed).
type Checkout struct {
	repo *gitlog.Repo

	once    sync.Once
	tip     string
	tipErr  error
	mu      sync.Mutex
	parser  *aheadParser
	settled map[string][]release.Change
}

// NewCheckout reads repo, which the caller keeps open while the Checkout
// is used.
func NewCheckout(repo *gitlog.Repo) *Checkout { return &Checkout{repo: repo} }

var _ Reader = (*Checkout)(nil)

// Tip returns HEAD, or gitlog.ErrShallow in a shallow clone.
func (c *Checkout) Tip(context.Context) (string, error) {
	c.once.Do(func() {
		shallow, err := c.repo.Shallow()
		switch {
		case err != nil:
			c.tipErr = err
		case shallow:
			c.tipErr = gitlog.ErrShallow
		default:
			c.tip, c.tipErr = c.repo.Head()
		}
	})
	return c.tip, c.tipErr
}

// Tags lists every tag of the checkout with the commit it designates.
func (c *Checkout) Tags(context.Context) ([]release.Tag, error) {
	raw, err := c.repo.Tags()
	if err != nil {
		return nil, err
	}
	tags := make([]release.Tag, len(raw))
	for i, t := range raw {
		tags[i] = release.Tag{Name: t.Name, Commit: t.Commit}
	}
	return tags, nil
}

// Since walks the commits from head down to base. A base the checkout
// does not have (a tag made through the API after the checkout was taken,
// by a run that just published) cannot be an ancestor of head.
func (c *Checkout) Since(_ context.Context, head, base string) ([]release.Commit, bool, error) {
	var exclude []string
	if base != "" {
		if !c.repo.HasCommit(base) {
			return nil, false, nil
		}
		exclude = []string{base}
	}
	p := c.ahead()
	commits, ancestors, err := c.repo.RangeFunc(head, exclude, p.visit)
	if err != nil || base != "" && !ancestors[base] {
		return nil, false, err
	}
	return trimMessages(commits), true, nil
}

// ReadFile reads a file as commit has it: the state of the repository is
// what is committed, not what an earlier step left in the work tree.
// Links are followed inside the repository (an absolute one may name the
// work tree's root).
func (c *Checkout) ReadFile(_ context.Context, commit, path string) ([]byte, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	resolved, err := gitlog.ResolvePath(commitLinks{c.repo, commit}, gitlog.RootPrefixes(c.repo.WorkTree()), path)
	if err != nil {
		return nil, err
	}
	data, err := c.repo.FileAt(commit, resolved)
	if errors.Is(err, fs.ErrNotExist) {
		if m, merr := c.repo.ModeAt(commit, resolved); merr == nil && (Mode(m) == Dir || Mode(m) == Submodule) {
			return nil, notAFile(path, commit, Mode(m))
		}
	}
	return data, err
}

// Mode returns the mode of path in commit's tree.
func (c *Checkout) Mode(_ context.Context, commit, path string) (Mode, error) {
	if err := checkPath(path); err != nil {
		return 0, err
	}
	m, err := c.repo.ModeAt(commit, path)
	return Mode(m), err
}

// commitLinks is a commit's tree as a gitlog.LinkFS.
type commitLinks struct {
	repo   *gitlog.Repo
	commit string
}

func (t commitLinks) Lstat(rel string) (string, bool, error) { return t.repo.LinkAt(t.commit, rel) }

// ChangedPaths reads the paths each commit changes.
func (c *Checkout) ChangedPaths(_ context.Context, hashes []string) (map[string][]string, error) {
	return c.repo.ChangedPaths(hashes)
}

// Tree returns the tree hash of commit.
func (c *Checkout) Tree(_ context.Context, commit string) (string, error) {
	return c.repo.TreeOf(commit)
}

// Parsed waits for the commits queued so far and returns every result.
func (c *Checkout) Parsed() map[string][]release.Change {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.parser != nil {
		parsed := c.parser.finish()
		if c.settled == nil {
			c.settled = parsed // the usual case: one walk, no copy
		} else {
			for h, ch := range parsed {
				c.settled[h] = ch
			}
		}
		c.parser = nil
	}
	return c.settled
}

// ahead returns the running parser, starting one when none runs.
func (c *Checkout) ahead() *aheadParser {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.parser == nil {
		c.parser = newAheadParser()
	}
	return c.parser
}
