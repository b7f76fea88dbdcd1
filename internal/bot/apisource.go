package bot

import (
	"context"
	"errors"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// HistoryHost is what reading history through the API needs.
type HistoryHost interface {
	// Ref returns the commit a ref points at (ErrNotFound if absent).
	Ref(ctx context.Context, ref string) (string, error)
	// Tags lists every tag with the commit it designates.
	Tags(ctx context.Context) ([]release.Tag, error)
	// Compare returns the commits reachable from head and not from base,
	// newest first, and whether base is head or an ancestor of it
	// (GET /repos/{owner}/{repo}/compare/{base}...{head}, all pages).
	Compare(ctx context.Context, base, head string) ([]release.Commit, bool, error)
	// History returns every commit reachable from head, newest first.
	History(ctx context.Context, head string) ([]release.Commit, error)
	// ReadFile reads path at ref.
	ReadFile(ctx context.Context, ref, path string) ([]byte, error)
	// TreeOf returns the tree hash of a commit.
	TreeOf(ctx context.Context, sha string) (string, error)
}

// APISource reads a branch's history and files through the GitHub API,
// for the App, which has no checkout. It produces the same State as the
// go-git reader on the same repository. The tip is read once and kept, so
// that a run computes everything on one commit.
type APISource struct {
	Host   HistoryHost
	Branch string
	Config config.Config
	tip    string
}

// State reads the release state of the branch's tip.
func (s *APISource) State(ctx context.Context, extra []release.Tag) (plan.State, error) {
	return plan.LoadState(ctx, apiReader{s}, s.Config, extra)
}

// PathHost reads which paths commits change, for multi-package
// repositories.
type PathHost interface {
	ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error)
}

// Packages reads the state of every package through the API; the host
// must also be a PathHost (one call per commit since each package's last
// release).
func (s *APISource) Packages(ctx context.Context, extra []release.Tag) ([]plan.PackageState, error) {
	ph, ok := s.Host.(PathHost)
	if !ok {
		return nil, errors.New("this API client cannot read the paths commits change")
	}
	return plan.LoadPackages(ctx, apiReader{s}, ph, s.Config, extra)
}

// ReadFile reads a file at the tip.
func (s *APISource) ReadFile(ctx context.Context, path string) ([]byte, error) {
	tip, err := s.Tip(ctx)
	if err != nil {
		return nil, err
	}
	return s.Host.ReadFile(ctx, tip, path)
}

// Tree returns the tree of the tip.
func (s *APISource) Tree(ctx context.Context) (string, error) {
	tip, err := s.Tip(ctx)
	if err != nil {
		return "", err
	}
	return s.Host.TreeOf(ctx, tip)
}

// Tip returns the branch's tip, read on first use.
func (s *APISource) Tip(ctx context.Context) (string, error) {
	if s.tip != "" {
		return s.tip, nil
	}
	tip, err := s.Host.Ref(ctx, "heads/"+s.Branch)
	if errors.Is(err, repohost.ErrNotFound) {
		return "", errors.New("branch " + s.Branch + " does not exist")
	}
	s.tip = tip
	return tip, err
}

// apiReader is the API as plan.LoadState reads it.
type apiReader struct{ s *APISource }

func (r apiReader) Tip(ctx context.Context) (string, error) { return r.s.Tip(ctx) }

func (r apiReader) Tags(ctx context.Context) ([]release.Tag, error) { return r.s.Host.Tags(ctx) }

func (r apiReader) Since(ctx context.Context, head, base string) ([]release.Commit, bool, error) {
	if base == "" {
		commits, err := r.s.Host.History(ctx, head)
		return commits, true, err
	}
	return r.s.Host.Compare(ctx, base, head)
}

func (r apiReader) ReadFile(ctx context.Context, path string) ([]byte, error) {
	return r.s.ReadFile(ctx, path)
}
