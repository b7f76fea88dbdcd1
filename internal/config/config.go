// Package config reads releasebot's configuration file,
// .github/releasebot.yml.
//
// Every default lives in Default. Parse is strict: YAML syntax errors,
// unknown keys, wrong types, duplicate keys and values the bot could not use
// are reported as a *usererr.Error naming the file, the line and the field.
// Load adds reading the file through a reader (the checkout, a named file,
// the API at a ref) and keeps "could not read" (Unreadable) apart from
// "read but invalid" (Invalid).
//
// The file's JSON Schema (draft 2020-12) is embedded as Schema; the package's
// tests keep it in step with the Go types and with Parse.
package config

import (
	"maps"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// DefaultPath is where releasebot looks for its configuration, relative to
// the repository root.
const DefaultPath = ".github/releasebot.yml"

// Changelog formats accepted in changelog.format.
const (
	// FormatKeepAChangelog follows https://keepachangelog.com (Added, Fixed...).
	FormatKeepAChangelog = "keep-a-changelog"
	// FormatConventional follows conventional-changelog (Features, Bug Fixes...).
	FormatConventional = "conventional"
)

// Config is releasebot's configuration with defaults applied. A Config
// returned by Parse or Load has passed Validate.
type Config struct {
	// TagPrefix precedes the version in tag names: "v" gives v1.2.3, "" gives
	// 1.2.3. It never holds characters git refuses in ref names.
	TagPrefix string `yaml:"tag-prefix"`
	// InitialVersion is the first release when there is neither a tag nor a
	// version file: a SemVer version without prefix or build metadata, so
	// semver.Parse always accepts it.
	InitialVersion string `yaml:"initial-version"`
	// Prerelease is the pre-release identifier ("rc" gives 1.2.0-rc.1); ""
	// means stable releases.
	Prerelease string `yaml:"prerelease"`
	// VersionFile is the plain version file rewritten on every release;
	// "" disables it.
	VersionFile string `yaml:"version-file"`
	// VersionFiles are further repository-relative files whose version string
	// is updated. nil when there are none.
	VersionFiles []string `yaml:"version-files"`
	// BreakingAtZero is what a breaking change raises while the major version
	// is 0: "minor" or "major". See BreakingLevel.
	BreakingAtZero string `yaml:"breaking-at-zero"`
	// Bump maps lower-case commit types to the level they raise, the user's
	// entries merged over the defaults. Types it lacks raise nothing; see
	// BumpLevel.
	Bump Bumps `yaml:"bump"`
	// Changelog configures CHANGELOG.md.
	Changelog Changelog `yaml:"changelog"`
	// PullRequest configures the release pull request.
	PullRequest PullRequest `yaml:"pull-request"`
	// Labels names the labels releasebot reads and sets on pull requests.
	Labels Labels `yaml:"labels"`
	// Release configures the GitHub release.
	Release Release `yaml:"release"`
	// Channels maps a branch name (or a path.Match pattern) to the
	// pre-release identifier its releases carry: next -> rc.
	Channels map[string]string `yaml:"channels"`
	// MaintenanceBranches are patterns of branches that release within a
	// range: <major> and <minor> stand for numbers, so release/<major>.x
	// matches release/1.x and releases 1.y.z only.
	MaintenanceBranches []string `yaml:"maintenance-branches"`
	// Packages, when set, makes the repository release several
	// components, each from the commits that touch its path.
	Packages []Package `yaml:"packages"`
	// LinkedVersions are groups of package names that always share one
	// version.
	LinkedVersions [][]string `yaml:"linked-versions"`
	// SeparatePullRequests opens one release pull request per package
	// instead of one for all.
	SeparatePullRequests bool `yaml:"separate-pull-requests"`
	// SharedCommits says where a commit goes that touches no package's
	// path: "root" (the package at ".", if any), "all" or "none".
	SharedCommits string `yaml:"shared-commits"`
	// Path is the file the configuration came from; "" for Default().
	Path string `yaml:"-"`
}

// Changelog configures the changelog file.
type Changelog struct {
	// Path is the repository-relative changelog file; "" disables writing it.
	Path string `yaml:"path"`
	// Format is FormatKeepAChangelog or FormatConventional.
	Format string `yaml:"format"`
	// Sections holds the user's overrides only: lower-case "type" or
	// "type(scope)" to a section heading, "" hiding that type. nil when there
	// are none. Use EffectiveSections or SectionFor to read them merged over
	// the format's defaults.
	Sections map[string]string `yaml:"sections"`
}

// PullRequest configures the release pull request.
type PullRequest struct {
	// Title is the title pattern: ${branch} becomes the target branch and
	// ${version} the version. It must hold ${version}.
	Title string `yaml:"title"`
}

// Labels names the labels on pull requests. The bump labels on merged pull
// requests raise (Major, Minor, Patch) or suppress (None) their commits'
// bump; on the open release pull request, Major, Minor and Patch set the
// level of the pending release. Pending and Tagged mark release pull
// requests before and after publishing.
type Labels struct {
	Pending string `yaml:"pending"`
	Tagged  string `yaml:"tagged"`
	Major   string `yaml:"major"`
	Minor   string `yaml:"minor"`
	Patch   string `yaml:"patch"`
	None    string `yaml:"none"`
}

// Package is one component of a multi-package repository. Paths are
// relative to the repository root; Changelog, VersionFile and VersionFiles
// are relative to the package's Path, and their defaults are the global
// ones placed in it (sub/CHANGELOG.md, sub/VERSION).
type Package struct {
	// Path is the package's directory, "." for the repository root.
	Path string `yaml:"path"`
	// Name defaults to Path ("root" for ".").
	Name string `yaml:"name"`
	// TagPrefix defaults to "<path>/v" (the Go multi-module convention), and
	// to the global tag-prefix for ".".
	TagPrefix    string   `yaml:"tag-prefix"`
	Changelog    string   `yaml:"changelog"`
	VersionFile  string   `yaml:"version-file"`
	VersionFiles []string `yaml:"version-files"`
}

// Release configures the GitHub release.
type Release struct {
	// Draft publishes releases as drafts, for a maintainer to publish.
	Draft bool `yaml:"draft"`
}

// Default returns the configuration used when there is no file. Every call
// returns fresh maps.
func Default() Config {
	return Config{
		TagPrefix:      "v",
		InitialVersion: "0.1.0",
		Prerelease:     "",
		VersionFile:    "VERSION",
		VersionFiles:   nil,
		BreakingAtZero: semver.Minor.String(),
		Bump:           defaultBumps(),
		Changelog: Changelog{
			Path:   "CHANGELOG.md",
			Format: FormatKeepAChangelog,
		},
		PullRequest:         PullRequest{Title: "chore(${branch}): release ${version}"},
		MaintenanceBranches: []string{"release/<major>.x", "release/<major>.<minor>.x", "stable/<major>.<minor>.x"},
		SharedCommits:       "root",
		Labels: Labels{
			Pending: "autorelease: pending",
			Tagged:  "autorelease: tagged",
			Major:   "release:major",
			Minor:   "release:minor",
			Patch:   "release:patch",
			None:    "release:none",
		},
	}
}

func defaultBumps() Bumps {
	b := Bumps{"feat": semver.Minor}
	for _, t := range []string{"fix", "perf", "revert"} {
		b[t] = semver.Patch
	}
	for _, t := range []string{"docs", "chore", "style", "refactor", "test", "build", "ci"} {
		b[t] = semver.None
	}
	return b
}

// Formats returns the accepted changelog formats, the default first.
func Formats() []string {
	return []string{FormatKeepAChangelog, FormatConventional}
}

// BreakingAtZeroValues returns the accepted values of breaking-at-zero, the
// default first.
func BreakingAtZeroValues() []string {
	return []string{semver.Minor.String(), semver.Major.String()}
}

// DefaultSections returns a fresh map of the default section headings of
// format, keyed by lower-case "type" or "type(scope)"; nil for an unknown
// format.
func DefaultSections(format string) map[string]string {
	switch format {
	case FormatKeepAChangelog:
		return map[string]string{
			"feat":          "Added",
			"fix":           "Fixed",
			"perf":          "Changed",
			"revert":        "Changed",
			"security":      "Security",
			"fix(security)": "Security",
			"deprecate":     "Deprecated",
			"remove":        "Removed",
		}
	case FormatConventional:
		return map[string]string{
			"feat":   "Features",
			"fix":    "Bug Fixes",
			"perf":   "Performance Improvements",
			"revert": "Reverts",
		}
	}
	return nil
}

// SectionOrder returns a fresh slice of the canonical order of format's
// default headings; nil for an unknown format. Headings the user adds that
// it lacks are the caller's to place (after these, say).
func SectionOrder(format string) []string {
	switch format {
	case FormatKeepAChangelog:
		return []string{"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
	case FormatConventional:
		return []string{"Features", "Bug Fixes", "Performance Improvements", "Reverts"}
	}
	return nil
}

// EffectiveSections returns a fresh map of the format's default sections
// with c.Sections merged over them and the "" (hidden) entries removed. Keys
// are lower case.
func (c Changelog) EffectiveSections() map[string]string {
	out := DefaultSections(c.Format)
	if out == nil {
		out = map[string]string{}
	}
	for k, v := range c.Sections {
		out[strings.ToLower(k)] = v
	}
	maps.DeleteFunc(out, func(_, v string) bool { return v == "" })
	return out
}

// SectionFor returns the heading for a commit of type typ and scope scope
// (scope may be ""), case-insensitively. "type(scope)" wins over "type",
// and the user's entries win over the format's defaults at each step. ok is
// false when the commit belongs in no section (unknown or hidden type).
func (c Changelog) SectionFor(typ, scope string) (heading string, ok bool) {
	typ = strings.ToLower(typ)
	keys := []string{typ}
	if scope != "" {
		keys = []string{typ + "(" + strings.ToLower(scope) + ")", typ}
	}
	defaults := DefaultSections(c.Format)
	for _, k := range keys {
		if h, set := c.Sections[k]; set {
			return h, h != ""
		}
		if h, set := defaults[k]; set {
			return h, true
		}
	}
	return "", false
}

// BumpLevel returns the level a commit of type typ raises
// (case-insensitive); semver.None for types c.Bump lacks.
func (c Config) BumpLevel(typ string) semver.Level {
	return c.Bump[strings.ToLower(typ)]
}

// BreakingLevel returns BreakingAtZero as a level: semver.Minor or
// semver.Major (semver.Minor if the field holds anything else).
func (c Config) BreakingLevel() semver.Level {
	if l, ok := semver.ParseLevel(c.BreakingAtZero); ok && l == semver.Major {
		return l
	}
	return semver.Minor
}
