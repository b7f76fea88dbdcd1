package history

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"sync"

	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// APIHost is what reading history through a forge's API needs; the
// GitHub adapter (forge.Client) provides it.
type APIHost interface {
	// Ref returns the commit a ref points at (repohost.ErrNotFound if
	// absent).
	Ref(ctx context.Context, ref string) (string, error)
	// Tags lists every tag with the commit it designates.
	Tags(ctx context.Context) ([]release.Tag, error)
	// Compare returns the commits reachable from head and not from base,
	// newest first, and whether base is head or an ancestor of it.
	Compare(ctx context.Context, base, head string) ([]release.Commit, bool, error)
	// History returns every commit reachable from head, newest first.
	History(ctx context.Context, head string) ([]release.Commit, error)
	// ReadFile reads path at ref.
	ReadFile(ctx context.Context, ref, path string) ([]byte, error)
	// ModeAt returns the mode of path in ref's tree, following no link.
	ModeAt(ctx context.Context, ref, path string) (uint32, error)
	// LinkAt says whether path is a symbolic link in ref's tree, following
	// no link on the way, and returns its target (as gitlog.LinkAt).
	LinkAt(ctx context.Context, ref, path string) (target string, link bool, err error)
	// ChangedPaths maps each commit to the paths it changes.
	ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error)
	// TreeOf returns the tree hash of a commit.
	TreeOf(ctx context.Context, sha string) (string, error)
}

// API reads a branch's history and files through a forge's API, for the
// App, which has no checkout. It gives the same answers as Checkout on the
// same repository. The tip is read once and kept, so that a run computes
// everything on one commit.
type API struct {
	Host   APIHost
	Branch string

	mu  sync.Mutex
	tip string
}

var _ Reader = (*API)(nil)

// Tip returns the branch's tip, read on first use.
func (a *API) Tip(ctx context.Context) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tip != "" {
		return a.tip, nil
	}
	tip, err := a.Host.Ref(ctx, "heads/"+a.Branch)
	if errors.Is(err, repohost.ErrNotFound) {
		return "", errors.New("branch " + a.Branch + " does not exist")
	}
	a.tip = tip
	return tip, err
}

// Tags lists the repository's tags.
func (a *API) Tags(ctx context.Context) ([]release.Tag, error) { return a.Host.Tags(ctx) }

// Since compares base with head, or lists head's whole history when base
// is "".
func (a *API) Since(ctx context.Context, head, base string) ([]release.Commit, bool, error) {
	if base == "" {
		commits, err := a.Host.History(ctx, head)
		return trimMessages(commits), err == nil, err
	}
	commits, ancestor, err := a.Host.Compare(ctx, base, head)
	if err != nil || !ancestor {
		return nil, false, err
	}
	return trimMessages(commits), true, nil
}

// ReadFile reads a file at commit: one call, as GitHub follows a link to a
// regular file. When that fails, links are followed here as the checkout
// does (GitHub follows none through a linked directory, nor a link to a
// link), reading the trees on the way; a missing file at the root needs no
// such look.
func (a *API) ReadFile(ctx context.Context, commit, path string) ([]byte, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	data, err := a.Host.ReadFile(ctx, commit, path)
	if err == nil || errors.Is(err, fs.ErrNotExist) && !strings.Contains(path, "/") {
		return data, err
	}
	resolved, rerr := gitlog.ResolvePath(apiLinks{ctx, a.Host, commit}, nil, path)
	switch {
	case rerr != nil:
		return nil, rerr
	case resolved != path:
		return a.Host.ReadFile(ctx, commit, resolved)
	}
	return nil, err
}

// Mode returns the mode of path in commit's tree.
func (a *API) Mode(ctx context.Context, commit, path string) (Mode, error) {
	if err := checkPath(path); err != nil {
		return 0, err
	}
	m, err := a.Host.ModeAt(ctx, commit, path)
	return Mode(m), err
}

// apiLinks is a commit's tree read through the API, as a gitlog.LinkFS.
type apiLinks struct {
	ctx    context.Context
	host   APIHost
	commit string
}

func (t apiLinks) Lstat(rel string) (string, bool, error) { return t.host.LinkAt(t.ctx, t.commit, rel) }

// ChangedPaths reads the paths each commit changes (one call per commit
// the host has not seen in a listing).
func (a *API) ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error) {
	return a.Host.ChangedPaths(ctx, hashes)
}

// Tree returns the tree of commit.
func (a *API) Tree(ctx context.Context, commit string) (string, error) {
	return a.Host.TreeOf(ctx, commit)
}

// Parsed is nil: the API parses nothing ahead.
func (a *API) Parsed() map[string][]release.Change { return nil }
