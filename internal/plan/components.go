package plan

import (
	"path"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
)

// Component is one released unit of a repository: a package of a
// multi-package repository, with the repository's configuration narrowed
// to it (its tag prefix, version files and changelog, all as
// repository-relative paths), or the whole of a single-package repository
// (Path ".", Name "", the configuration as it is).
type Component struct {
	Name, Path string
	Config     config.Config
}

// Components lists the components of a repository: one per entry of
// cfg.Packages, or the repository itself when it declares no packages.
func Components(cfg config.Config) []Component {
	if !MultiPackage(cfg) {
		return []Component{{Path: ".", Config: cfg}}
	}
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

// MultiPackage reports whether cfg declares packages: each then has its own
// tags, notes and files, and output names them.
func MultiPackage(cfg config.Config) bool { return len(cfg.Packages) > 0 }

// ComponentState is where one component stands: its last release and the
// commits since it that touch it.
type ComponentState struct {
	Component
	State State
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
