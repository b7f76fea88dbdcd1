package changelog

import "strings"

// Realistic changelogs shared by the tests and the fuzz seeds.

const kacFile = `# Changelog

Changes worth knowing about, newest first. Layout: [Keep a Changelog](https://keepachangelog.com/en/1.1.0/);
versions: [SemVer](https://semver.org/spec/v2.0.0.html).

## [Unreleased]

## [1.2.3] - 2026-10-02

### Fixed

- Retry uploads when the host returns 502.

## [1.2.0] - 2026-09-14

### Added

- ` + "`--dry-run`" + ` flag.

[unreleased]: https://example.com/o/r/compare/v1.2.3...HEAD
[1.2.3]: https://example.com/o/r/compare/v1.2.0...v1.2.3
[1.2.0]: https://example.com/o/r/releases/tag/v1.2.0
`

const handFile = `# Changelog

Notable changes, newest first.

## [Unreleased]

Heads-up: the config file moved to ` + "`.releasebot.yml`" + `.

### Added

- Hand-written: support for GitLab.
  Needs a token with api scope.

### Removed

- The deprecated ` + "`--legacy`" + ` flag.

### Fixed

- Hand-written: crash on empty tags.

### Security

## [1.2.3] - 2026-10-02

### Fixed

- Retry uploads.

[unreleased]: https://example.com/o/r/compare/v1.2.3...HEAD
[1.2.3]: https://example.com/o/r/compare/v1.2.0...v1.2.3
`

const pleaseFile = `# Changelog

# [2.0.0](https://github.com/o/r/compare/v1.9.1...v2.0.0) (2026-10-30)


### ⚠ BREAKING CHANGES

* drop Go 1.22 support

### Features

* new plan output ([#88](https://github.com/o/r/issues/88)) ([abc1234](https://github.com/o/r/commit/abc1234))

## [1.9.1](https://github.com/o/r/compare/v1.9.0...v1.9.1) (2026-10-01)


### Bug Fixes

* quote tag names ([def5678](https://github.com/o/r/commit/def5678))

## 1.9.0 (2026-09-20)

### Features

* first public release
`

const fencedFile = "# Changelog\n\n" +
	"How a section looks:\n\n" +
	"```markdown\n## [1.3.0] - 2026-11-21\n\n### Added\n\n- x\n```\n\n" +
	"~~~~\n## 1.3.0 (2026-11-21)\n~~~\n## v1.3.0\n~~~~\n\n" +
	"<!--\n## [1.3.0]\n-->\n\n" +
	"    ## 1.3.0 indented code\n\n" +
	"## [1.2.0] - 2026-09-14\n\n" +
	"```sh\nreleasebot plan\n```\n\n" +
	"[1.2.0]: https://example.com/o/r/releases/tag/v1.2.0\n"

const titleFile = "# Changelog\n"

// crlf converts a fixture to CRLF line endings.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// rel is the release most tests insert.
var rel = Release{
	Version:        "1.3.0",
	Heading:        "## [1.3.0] - 2026-11-21",
	Body:           "### Added\n\n- Generated: plan command.\n\n### Fixed\n\n- Generated: tag sorting.\n",
	Link:           "https://example.com/o/r/compare/v1.2.3...v1.3.0",
	UnreleasedLink: "https://example.com/o/r/compare/v1.3.0...HEAD",
}

// pleaseRel is a release in conventional-changelog style, without link
// references.
var pleaseRel = Release{
	Version: "2.1.0",
	Heading: "## [2.1.0](https://github.com/o/r/compare/v2.0.0...v2.1.0) (2026-11-21)",
	Body:    "\n\n### Features\n\n* sign tags ([1a2b3c4](https://github.com/o/r/commit/1a2b3c4))\n\n\n",
}

// seeds are the fixtures used as fuzz seeds.
var seeds = []string{kacFile, handFile, pleaseFile, fencedFile, titleFile, "", crlf(kacFile), crlf(handFile)}
