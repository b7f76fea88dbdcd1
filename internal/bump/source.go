package bump

import (
	"context"
	"os"
	"path/filepath"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
)

// Source is the checkout as the bot's history and file source: history is
// read with go-git, files from the work tree, and no API call is made. The
// checkout must be at the tip of the target branch.
type Source struct {
	W *Workspace
}

// State reads the checkout's release state, extra tags included.
func (s Source) State(ctx context.Context, extra []release.Tag) (plan.State, error) {
	return s.W.StateWith(ctx, extra)
}

// Packages reads the state of every package of the checkout.
func (s Source) Packages(ctx context.Context, extra []release.Tag) ([]plan.PackageState, error) {
	return s.W.PackageStates(ctx, extra)
}

// ReadFile reads a file as HEAD commits it: the release commit is made on
// HEAD's tree, so what an earlier step left in the work tree stays out.
// A symbolic link is followed only inside the repository.
func (s Source) ReadFile(_ context.Context, path string) ([]byte, error) {
	head, err := s.W.repo.Head()
	if err != nil {
		return nil, err
	}
	return s.W.fileAt(head, path)
}

// Executable reports whether a file of the checkout is executable, so that
// the release commit keeps its mode.
func (s Source) Executable(path string) bool {
	fi, err := os.Lstat(filepath.Join(s.W.Root, filepath.FromSlash(path)))
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// Tree returns the tree hash of HEAD.
func (s Source) Tree(context.Context) (string, error) {
	head, err := s.W.repo.Head()
	if err != nil {
		return "", err
	}
	return s.W.repo.TreeOf(head)
}

// Branch returns the branch the checkout is on, "" when HEAD is detached.
func (w *Workspace) Branch() (string, error) { return w.repo.Branch() }

// Shallow reports whether the checkout is a shallow clone, whose history
// and tags are incomplete.
func (w *Workspace) Shallow() (bool, error) { return w.repo.Shallow() }
