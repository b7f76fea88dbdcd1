// Package changelog edits the text of a CHANGELOG.md file: it adds a release
// section safely, reads sections back, replaces one, and merges a section
// people edited with its new generation (MergeSection). It does no I/O.
//
// Two heading styles are recognised. Keep a Changelog:
//
//	## [Unreleased]
//	## [1.3.0] - 2026-11-21
//	...
//	[unreleased]: https://host/o/r/compare/v1.3.0...HEAD
//	[1.3.0]: https://host/o/r/compare/v1.2.3...v1.3.0
//
// and conventional-changelog / release-please:
//
//	# [2.0.0](https://host/o/r/compare/v1.3.0...v2.0.0) (2026-12-01)
//	## [1.3.0](https://host/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)
//	## 1.3.0 (2026-11-21)
//	## v1.3.0
//
// A release heading is an ATX heading of level 1 to 3 whose first word, or
// leading bracketed text, is a semantic version (an optional "v" is ignored)
// or "Unreleased" (any case). Level 3 is accepted because some tools write
// patch releases as "### [1.2.1](...)". Lines inside fenced code blocks
// (``` or ~~~) and HTML comments are never headings.
//
// A section runs from its heading to the next heading of level 1 or 2, the
// next release heading, the link-reference block or the end of the file.
// The link-reference block is the run of link reference definitions and
// blank lines that ends the file.
package changelog

import (
	"bytes"
	"fmt"
	"strings"
)

// Release is a release section to write.
type Release struct {
	// Version is the semantic version of the release without prefix,
	// e.g. "1.3.0" or "2.0.0-rc.1". A leading "v" is ignored. A section
	// whose heading names the same version counts as already written.
	Version string
	// Heading is the full heading line without newline, e.g.
	// "## [1.3.0] - 2026-11-21". It must be a release heading (see the
	// package documentation) naming Version, so that the section is found
	// again by Section and by later calls to Insert.
	Heading string
	// Body is the Markdown under the heading, e.g.
	// "### Added\n\n- x\n\n### Fixed\n\n- y\n". It may be empty. Leading and
	// trailing blank lines are dropped. It must not contain headings of level
	// 1 or 2 or release headings, and must close every code fence and HTML
	// comment it opens.
	Body string
	// Link, if non-empty, is the URL of the link reference for the heading:
	// "[1.3.0]: Link" (the label is the heading's bracketed text if it has
	// any, else Version). It must not contain white space.
	Link string
	// UnreleasedLink, if non-empty, becomes the URL of the "[unreleased]:"
	// link reference, provided the file has an Unreleased heading or such a
	// reference. It must not contain white space.
	UnreleasedLink string
}

// Insert returns existing with the section for r added.
//
// If a release heading for r.Version already exists, Insert returns
// existing itself, changed=false and a nil error: a version is never written
// twice. 1.3.0 matches "v1.3.0" and "[1.3.0](url)" but not 1.3.0-rc.1 or
// 11.3.0. Otherwise changed is true and:
//
//   - If existing is empty or only white space (as bytes.TrimSpace sees
//     it), the result is a new file: a "# Changelog" title, an introductory
//     paragraph, the section and, if r.Link is set, its link reference.
//   - The section goes just above the first version heading of the file (the
//     newest release), or if there is none, after the rest of the content
//     and before the link-reference block. Exactly one blank line separates
//     it from what comes before and after.
//   - Hand-written content under the first Unreleased heading is moved into
//     the new section, and the Unreleased heading stays, above it. Text before
//     the first "### " subsection goes first in the body. Each "### X"
//     subsection of the hand-written content is merged into the "### X"
//     subsection of r.Body (compared ignoring case), its lines after the
//     generated ones; subsections r.Body lacks are added after the others.
//     A subsection heading without any content under it is a template: it
//     stays under the Unreleased heading. If there is nothing but such
//     headings and blank lines, the Unreleased section is left alone.
//   - If r.Link is set, "[label]: r.Link" is added to the link-reference
//     block (created after a blank line if there is none) before the first
//     reference whose label is a version, else after "[unreleased]:", else at
//     the end. An existing reference with that label gets the new URL.
//     If r.UnreleasedLink is set, the "[unreleased]:" reference gets it as
//     its URL, or is added before the version references when the file has
//     an Unreleased heading but no such reference. Labels are compared
//     ignoring case; other references are untouched.
//
// Every other line is kept byte for byte, including its line ending, except
// that the blank lines on either side of the new section are normalised to
// exactly one. Added lines use the line ending of the file's first line
// ("\r\n" or "\n"); lines moved out of the Unreleased section take it too.
// When changed, the output always ends with exactly one line ending: a
// missing final newline is added and trailing blank lines are dropped.
//
// Insert fails, returning nil, only if r breaks the rules documented on
// Release, or if the section or link references would have to go at the
// end of a file that ends inside an unclosed code fence or HTML comment. The
// error names the field or gives the line number.
func Insert(existing []byte, r Release) (out []byte, changed bool, err error) {
	ver := trimV(r.Version)
	if err := r.validate(ver); err != nil {
		return nil, false, err
	}
	if len(bytes.TrimSpace(existing)) == 0 {
		existing = newFile(existing)
	}
	d := parse(existing)
	if d.find(ver) >= 0 {
		return existing, false, nil
	}
	out, err = d.insert(r, ver)
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// Section returns the body of the section for version (a leading "v" is
// ignored), without its heading and without surrounding blank lines, lines
// joined with "\n" and ending in "\n" (or "" for an empty section). ok is
// false if there is no such section.
func Section(content []byte, version string) (body string, ok bool) {
	ver := trimV(version)
	if !isVersion(ver) {
		return "", false
	}
	d := parse(content)
	i := d.find(ver)
	if i < 0 {
		return "", false
	}
	return d.body(i), true
}

// Unreleased returns the body under the first Unreleased heading
// ("## [Unreleased]", "## Unreleased", ...) in the form Section returns, or
// "" if there is none.
func Unreleased(content []byte) string {
	d := parse(content)
	if i := d.find(""); i >= 0 {
		return d.body(i)
	}
	return ""
}

// intro is the paragraph under the title of a new changelog.
const intro = "Every notable change to this project is recorded here, newest release first. " +
	"Entries are organised as described by [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), " +
	"and version numbers follow [Semantic Versioning](https://semver.org/spec/v2.0.0.html)."

// newFile returns the start of a new changelog, with "\r\n" line endings
// if blank already uses them.
func newFile(blank []byte) []byte {
	nl := "\n"
	if strings.Contains(string(blank), "\r\n") {
		nl = "\r\n"
	}
	return []byte("# Changelog" + nl + nl + intro + nl)
}

// validate checks r against the rules documented on Release.
func (r Release) validate(ver string) error {
	if !isVersion(ver) {
		return fmt.Errorf("changelog: Release.Version %q is not a semantic version", r.Version)
	}
	s, shallow := unindent(r.Heading)
	if in := plain(s, shallow, r.Heading); strings.ContainsAny(r.Heading, "\r\n") ||
		!in.release() || in.version != ver {
		return fmt.Errorf("changelog: Release.Heading %q is not a level 1-3 heading naming version %s", r.Heading, ver)
	}
	for _, f := range [][2]string{{"Link", r.Link}, {"UnreleasedLink", r.UnreleasedLink}} {
		if strings.IndexFunc(f[1], func(c rune) bool { return c <= ' ' || c == 0x7f }) >= 0 {
			return fmt.Errorf("changelog: Release.%s %q contains white space or control characters", f[0], f[1])
		}
	}
	return validateBody(r.Body)
}

// validateBody checks that body cannot end the section early or swallow
// what follows it.
func validateBody(body string) error {
	lines := strings.Split(body, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	infos, open := classify(lines)
	for i, in := range infos {
		if in.boundary() {
			return fmt.Errorf("changelog: Release.Body line %d: heading %q would end the release section", i+1, lines[i])
		}
	}
	if open >= 0 {
		return fmt.Errorf("changelog: Release.Body line %d: code fence or HTML comment is never closed", open+1)
	}
	return nil
}
