package main

import (
	"regexp"
	"strings"

	"github.com/releasebot/releasebot/internal/realhistory"
)

// era is how one tool released a repository: which tagged commits it made
// and the releasebot configuration that says what the tool does.
type era struct {
	// Tool names the configuration in the testdata file.
	Tool string
	// ReleaseCommit matches the subject of the commit the tool tagged (its
	// release commit, whose first parent is the commit the tool computed
	// the release on); the version in group 1 must be the tag's. nil means
	// the tool tags the commit it computed the release on, and every tag
	// not claimed by another era is this era's.
	ReleaseCommit *regexp.Regexp
	Config        string
}

// repoDef is one repository measured.
type repoDef struct {
	Repo      string
	TagPrefix string
	Changelog string
	Eras      []era
	// Skip lists tags not to compare (still visible as previous
	// releases), each with the reason in a comment.
	Skip map[string]string
}

var (
	releasePleaseCommit   = regexp.MustCompile(`(?i)^chore(?:\([^)]*\))?: release v?(\d+\.\d+\.\d+\S*)(?:\s+\(#\d+\))?$`)
	semanticReleaseGit    = regexp.MustCompile(`^chore\(release\): v?(\d+\.\d+\.\d+\S*) \[skip ci\]$`)
	standardVersionCommit = regexp.MustCompile(`^chore\(release\): v?(\d+\.\d+\.\d+\S*)$`)
)

// The tools' rules as releasebot configuration. release-please (node and
// most strategies): feat minor, breaking major, and any release at least a
// patch; a release happens only when the notes list something, so the
// listed types are the ones that release. Hidden types (chore, docs, ...)
// neither list nor release. The measured repositories ran it with
// bump-minor-pre-major (nodejs-pubsub 0.28.1 -> 0.29.0 with `build!:`).
const releasePleaseNode = `tag-prefix: v
breaking-at-zero: minor
bump: {feat: minor, feature: minor, fix: patch, perf: patch, revert: patch}
changelog:
  format: conventional
  sections:
    feat: Features
    feature: Features
    fix: Bug Fixes
    perf: Performance Improvements
    revert: Reverts
`

// release-please's python strategy lists docs and deps too, so they
// release.
const releasePleasePython = `tag-prefix: v
breaking-at-zero: minor
bump: {feat: minor, feature: minor, fix: patch, perf: patch, revert: patch, deps: patch, docs: patch}
changelog:
  format: conventional
  sections:
    feat: Features
    feature: Features
    fix: Bug Fixes
    perf: Performance Improvements
    revert: Reverts
    deps: Dependencies
    docs: Documentation
`

// semantic-release with @semantic-release/commit-analyzer's default rules
// and the angular preset's notes: feat minor; fix, perf and reverts patch;
// breaking major (no special case below 1.0.0).
const semanticRelease = `tag-prefix: v
breaking-at-zero: major
bump: {feat: minor, fix: patch, perf: patch, revert: patch}
changelog:
  format: conventional
  sections:
    feat: Features
    fix: Bug Fixes
    perf: Performance Improvements
    revert: Reverts
`

// standard-version (conventional-recommended-bump, angular/conventionalcommits
// presets): breaking major, feat minor, anything else patch; it releases
// when its user runs it, whatever the commits.
const standardVersion = `tag-prefix: v
breaking-at-zero: minor
bump: {feat: minor, feature: minor, fix: patch, perf: patch, revert: patch, docs: patch, chore: patch, style: patch, refactor: patch, test: patch, build: patch, ci: patch}
changelog:
  format: conventional
  sections:
    feat: Features
    feature: Features
    fix: Bug Fixes
    perf: Performance Improvements
    revert: Reverts
`

// toolHeadings are the sub-headings conventional-changelog's presets and
// release-please write (normalised, see realhistory.Heading). They also
// write a type with no heading of its own under the type's name, one word.
// A section with another heading was written by another tool or by hand
// (googleapis' releasetool wrote "New Features", "Implementation Changes").
var toolHeadings = map[string]bool{
	"breaking changes": true, "features": true, "bug fixes": true, "performance improvements": true,
	"reverts": true, "documentation": true, "miscellaneous chores": true, "code refactoring": true,
	"build system": true, "tests": true, "continuous integration": true, "styles": true,
	"dependencies": true, "miscellaneous": true,
}

// foreignHeading returns a heading of section the tools do not write, ""
// when there is none.
func foreignHeading(entries []realhistory.Entry) string {
	for _, e := range entries {
		if e.Section != "" && !toolHeadings[e.Section] && strings.Contains(e.Section, " ") {
			return e.Section
		}
	}
	return ""
}

func releasePlease(config string) era {
	return era{Tool: "release-please", ReleaseCommit: releasePleaseCommit, Config: config}
}

// repos are the measured repositories.
var repos = []repoDef{
	{Repo: "googleapis/release-please", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/release-please-action", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/nodejs-storage", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/nodejs-pubsub", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/google-auth-library-nodejs", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/gaxios", Eras: []era{releasePlease(releasePleaseNode)}},
	{Repo: "googleapis/python-bigquery", Eras: []era{releasePlease(releasePleasePython)}},
	{Repo: "bcoe/c8", Eras: []era{
		releasePlease(releasePleaseNode),
		{Tool: "standard-version", ReleaseCommit: standardVersionCommit, Config: standardVersion},
	}},
	{Repo: "yargs/yargs", Eras: []era{
		releasePlease(releasePleaseNode),
		{Tool: "standard-version", ReleaseCommit: standardVersionCommit, Config: standardVersion},
	}},
	{Repo: "conventional-changelog/standard-version", Eras: []era{
		releasePlease(releasePleaseNode),
		{Tool: "standard-version", ReleaseCommit: standardVersionCommit, Config: standardVersion},
	}},
	{Repo: "webpack-contrib/css-loader", Eras: []era{
		{Tool: "standard-version", ReleaseCommit: standardVersionCommit, Config: standardVersion},
	}},
	{Repo: "karma-runner/karma", Eras: []era{
		{Tool: "semantic-release", ReleaseCommit: semanticReleaseGit, Config: semanticRelease},
	}},
	{Repo: "semantic-release/semantic-release", Eras: []era{{Tool: "semantic-release", Config: semanticRelease}}},
	{Repo: "semantic-release/github", Eras: []era{{Tool: "semantic-release", Config: semanticRelease}}},
	{Repo: "semantic-release/npm", Eras: []era{{Tool: "semantic-release", Config: semanticRelease}}},
}
