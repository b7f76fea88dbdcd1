package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Load reads where every component of the repository stands (see
// plan.Components): each from its own tags, with the commits since its
// last release. In a multi-package repository a component keeps only the
// commits that touch it (see plan.Owners); the paths of all commits are
// read once. extra are tags made since r was opened (by this run's
// publishing); they count as if r listed them. The changes r parsed while
// reading are attached to every state.
//
// A package whose path is nowhere (not in the tip's tree, never tagged
// and touched by no commit) is a *usererr.Error naming the field.
func Load(ctx context.Context, r Reader, cfg config.Config, extra []release.Tag) ([]plan.ComponentState, error) {
	comps := plan.Components(cfg)
	out := make([]plan.ComponentState, len(comps))
	seen := map[string]bool{}
	var hashes []string
	for i, c := range comps {
		st, err := loadState(ctx, r, c.Config, extra)
		if err != nil {
			return nil, err
		}
		out[i] = plan.ComponentState{Component: c, State: st}
		for _, commit := range st.SinceStable {
			if !seen[commit.Hash] {
				seen[commit.Hash] = true
				hashes = append(hashes, commit.Hash)
			}
		}
	}
	if plan.MultiPackage(cfg) {
		if err := keepOwnCommits(ctx, r, cfg, comps, out, hashes); err != nil {
			return nil, err
		}
		if err := checkPackagePaths(ctx, r, cfg, out); err != nil {
			return nil, err
		}
	}
	parsed := r.Parsed()
	for i := range out {
		out[i].State.Parsed = parsed
	}
	return out, nil
}

// keepOwnCommits narrows each package's commits to those it owns.
func keepOwnCommits(ctx context.Context, r Reader, cfg config.Config, comps []plan.Component, states []plan.ComponentState, hashes []string) error {
	paths, err := r.ChangedPaths(ctx, hashes)
	if err != nil {
		return err
	}
	for i := range states {
		name := states[i].Name
		keep := func(c release.Commit) bool { return plan.Owners(paths[c.Hash], comps, cfg.SharedCommits)[name] }
		states[i].State.SinceStable = filterCommits(states[i].State.SinceStable, keep)
		states[i].State.SinceCurrent = filterCommits(states[i].State.SinceCurrent, keep)
	}
	return nil
}

func filterCommits(commits []release.Commit, keep func(release.Commit) bool) []release.Commit {
	var out []release.Commit
	for _, c := range commits {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// checkPackagePaths refuses a package whose path is nowhere: not in the
// tip's tree, never tagged and touched by no commit. (A package that a
// sparse checkout leaves out of the work tree is still in the tree.)
func checkPackagePaths(ctx context.Context, r Reader, cfg config.Config, states []plan.ComponentState) error {
	for i, st := range states {
		if st.Path == "." || st.State.CurrentTag != "" || len(st.State.SinceStable) > 0 {
			continue
		}
		_, err := r.Mode(ctx, st.State.Head, st.Path)
		if err == nil {
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		file := cfg.Path
		if file == "" {
			file = config.DefaultPath
		}
		return &usererr.Error{File: file, Field: fmt.Sprintf("packages[%d].path", i),
			Msg: fmt.Sprintf("%q does not exist in the repository; fix the path or create the directory", st.Path)}
	}
	return nil
}
