package plan

import (
	"context"
	"path"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
)

// Component is one package of a multi-package repository, with the
// repository's configuration narrowed to it: its tag prefix, version files
// and changelog, all as repository-relative paths.
type Component struct {
	Name, Path string
	Config     config.Config
}

// Components resolves cfg.Packages; it is empty for a single-package
// repository.
func Components(cfg config.Config) []Component {
	var out []Component
	for _, p := range cfg.Packages {
		c := Component{Name: config.PackageName(p), Path: p.Path, Config: cfg}
		c.Config.Packages, c.Config.LinkedVersions = nil, nil
		c.Config.TagPrefix = config.EffectiveTagPrefix(cfg, p)
		c.Config.VersionFile = within(p.Path, firstNonEmpty(p.VersionFile, cfg.VersionFile))
		c.Config.Changelog.Path = within(p.Path, firstNonEmpty(p.Changelog, cfg.Changelog.Path))
		c.Config.VersionFiles = nil
		for _, f := range p.VersionFiles {
			c.Config.VersionFiles = append(c.Config.VersionFiles, within(p.Path, f))
		}
		if p.Path == "." { // the root package takes the global version files too
			c.Config.VersionFiles = append(c.Config.VersionFiles, cfg.VersionFiles...)
		}
		out = append(out, c)
	}
	return out
}

// within joins a package-relative file to the package's path; "" stays ""
// (the file is disabled).
func within(dir, file string) string {
	if file == "" {
		return ""
	}
	return path.Join(dir, file)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// PathReader reads which paths commits change.
type PathReader interface {
	// ChangedPaths maps each commit hash to the paths it changes
	// relative to its first parent.
	ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error)
}

// PackageState is where one package stands: its last release and the
// commits since it that touch the package.
type PackageState struct {
	Component
	State State
}

// LoadPackages loads the state of every package: each from its own tags,
// keeping only the commits that touch it (see Owners). Each package's
// history is read once and the changed paths of all commits once.
func LoadPackages(ctx context.Context, r HistoryReader, pr PathReader, cfg config.Config, extra []release.Tag) ([]PackageState, error) {
	comps := Components(cfg)
	out := make([]PackageState, len(comps))
	seen := map[string]bool{}
	var hashes []string
	for i, c := range comps {
		st, err := LoadState(ctx, r, c.Config, extra)
		if err != nil {
			return nil, err
		}
		out[i] = PackageState{Component: c, State: st}
		for _, commit := range st.SinceStable {
			if !seen[commit.Hash] {
				seen[commit.Hash] = true
				hashes = append(hashes, commit.Hash)
			}
		}
	}
	paths, err := pr.ChangedPaths(ctx, hashes)
	if err != nil {
		return nil, err
	}
	for i := range out {
		keep := func(c release.Commit) bool { return Owners(paths[c.Hash], comps, cfg.SharedCommits)[out[i].Name] }
		out[i].State.SinceStable = filterCommits(out[i].State.SinceStable, keep)
		out[i].State.SinceCurrent = filterCommits(out[i].State.SinceCurrent, keep)
	}
	return out, nil
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

// Owners tells which packages a commit belongs to, from the paths it
// changes: each path to the most specific package containing it (the root
// package "." contains every path). A commit whose paths no package
// contains (or that changes none) goes where shared says: "root" (the root
// package, if any), "all", or "none".
func Owners(paths []string, comps []Component, shared string) map[string]bool {
	out := map[string]bool{}
	orphan := len(paths) == 0
	for _, p := range paths {
		best, bestLen := "", -1
		for _, c := range comps {
			if c.Path == "." && bestLen < 0 {
				best, bestLen = c.Name, 0
			} else if (p == c.Path || strings.HasPrefix(p, c.Path+"/")) && len(c.Path) > bestLen {
				best, bestLen = c.Name, len(c.Path)
			}
		}
		if best == "" {
			orphan = true
			continue
		}
		out[best] = true
	}
	if orphan {
		for _, c := range comps {
			if shared == "all" || shared == "root" && c.Path == "." {
				out[c.Name] = true
			}
		}
	}
	return out
}
