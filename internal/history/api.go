package history

import (
	"context"
	"errors"
	"sync"

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
	// ModeAt returns the mode of path in ref's tree.
	ModeAt(ctx context.Context, ref, path string) (uint32, error)
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
		return commits, true, err
	}
	return a.Host.Compare(ctx, base, head)
}

// ReadFile reads a file at commit.
func (a *API) ReadFile(ctx context.Context, commit, path string) ([]byte, error) {
	return a.Host.ReadFile(ctx, commit, path)
}

// Mode returns the mode of path in commit's tree.
func (a *API) Mode(ctx context.Context, commit, path string) (Mode, error) {
	m, err := a.Host.ModeAt(ctx, commit, path)
	return Mode(m), err
}

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
