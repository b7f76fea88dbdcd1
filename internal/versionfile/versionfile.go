// Package versionfile reads and rewrites the version written inside the
// files a repository lists as holding its version: a plain VERSION file,
// package.json, Cargo.toml, pyproject.toml, Chart.yaml, pom.xml, or any
// other text file whose version lines carry an x-releasebot marker.
//
// The package is pure: functions take and return bytes and never touch the
// file system. Update changes only the bytes of the version text itself;
// formatting, key order, comments, indentation, quoting style, line endings
// (LF or CRLF), a byte order mark and the presence or absence of a trailing
// newline all stay byte-for-byte as they were.
//
// Where the version is, per Kind:
//
//   - Plain: the whole file, optionally surrounded by whitespace. A "v"
//     before it is dropped by Read and kept by Update; an empty file becomes
//     the version and a newline.
//   - PackageJSON: the string value of the top-level "version" key only.
//   - CargoTOML: version in [package] and in [workspace.package] (both are
//     updated when both exist). A version inherited from the workspace
//     (version.workspace = true) with no [workspace.package] version in
//     the same file is an error.
//   - PyprojectTOML: version in [project], else in [tool.poetry]. A version
//     declared dynamic in [project] and held by neither is an error.
//   - ChartYAML: the top-level (column 0) version key, plain or quoted, on
//     the key's line; appVersion and nested keys are left alone.
//   - PomXML: the text of <version> directly under the root <project>, not
//     the one in <parent> or in dependencies and plugins. If it is exactly
//     ${name} and <project><properties> sets <name>, that property instead.
//   - Marker: every SemVer-looking text (MAJOR.MINOR.PATCH, optional "v",
//     -PRE and +BUILD) on each line containing x-releasebot-version and on
//     each line strictly between a line containing x-releasebot-start and
//     the next line containing x-releasebot-end. A hyphen right after a
//     version reads as the start of a pre-release, so write such names as
//     "tool_1.2.3_linux" rather than "tool-1.2.3-linux".
//
// Every error is an *Error naming the file by the path the caller passed
// and, when the problem sits at a place in the file, its 1-based line, as in
// "pom.xml:12: ...". Messages say what to do about the problem.
package versionfile

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// Kind names a supported file format.
type Kind string

// The supported kinds. Each non-marker kind is named after the base name of
// the file it applies to.
const (
	Plain         Kind = "plain"          // VERSION: the whole file is the version
	PackageJSON   Kind = "package.json"   // npm manifest: top-level "version"
	CargoTOML     Kind = "Cargo.toml"     // [package] / [workspace.package] version
	PyprojectTOML Kind = "pyproject.toml" // [project] or [tool.poetry] version
	ChartYAML     Kind = "Chart.yaml"     // Helm chart: top-level version
	PomXML        Kind = "pom.xml"        // Maven: /project/version
	Marker        Kind = "marker"         // any text file with x-releasebot markers
)

// KindOf picks the kind from the base name of path (either slash style):
// "VERSION" is Plain; "package.json", "Cargo.toml", "pyproject.toml",
// "Chart.yaml" and "pom.xml" are their own kinds (names match exactly,
// case-sensitively); anything else is Marker. To treat another file as a
// plain version file, call ReadAs or UpdateAs with Plain.
func KindOf(p string) Kind {
	switch base := path.Base(strings.ReplaceAll(p, `\`, "/")); base {
	case "VERSION":
		return Plain
	case string(PackageJSON), string(CargoTOML), string(PyprojectTOML), string(ChartYAML), string(PomXML):
		return Kind(base)
	}
	return Marker
}

// Read returns the version currently written in the file at path, whose
// bytes are content, without any "v" prefix. The kind comes from
// KindOf(path); for Marker files it is the first version on a marked line.
// The result is always a valid SemVer version; anything else is an error.
func Read(path string, content []byte) (string, error) {
	return ReadAs(KindOf(path), path, content)
}

// ReadAs is Read with the kind given by the caller instead of KindOf.
func ReadAs(kind Kind, path string, content []byte) (string, error) {
	loc, err := locator(kind, path)
	if err != nil {
		return "", err
	}
	spans, err := loc(path, content)
	if err != nil {
		return "", err
	}
	s := spans[0]
	if _, err := semver.Parse(s.value); err != nil {
		return "", errLine(path, s.line, "the current version is not SemVer (MAJOR.MINOR.PATCH[-PRE][+BUILD]): %v", err)
	}
	return s.value, nil
}

// Update returns content with the version written in it replaced by
// version, a SemVer version without prefix (a "v" already in front of the
// old version stays). The kind comes from KindOf(path); path is otherwise
// used only in error messages.
//
// Only the version's bytes change. changed is false, and out is content
// itself, when the file already holds version; otherwise out is a new slice
// and content is left untouched. Update is idempotent: updating out to the
// same version again reports changed == false: a rewrite that would not
// read back as version everywhere (text next to a version in a marker file
// can merge with it) is an error rather than a silent change. On error out
// is nil and changed is false.
func Update(path string, content []byte, version string) (out []byte, changed bool, err error) {
	return UpdateAs(KindOf(path), path, content, version)
}

// UpdateAs is Update with the kind given by the caller instead of KindOf.
func UpdateAs(kind Kind, path string, content []byte, version string) (out []byte, changed bool, err error) {
	if _, err := semver.Parse(version); err != nil {
		return nil, false, errFile(path, "cannot be set to an invalid version: %v", err)
	}
	loc, err := locator(kind, path)
	if err != nil {
		return nil, false, err
	}
	if kind == Plain && isBlank(content) {
		return append(content[:bomLen(content):bomLen(content)], version+"\n"...), true, nil
	}
	spans, err := loc(path, content)
	if err != nil {
		return nil, false, err
	}
	out, err = splice(path, content, spans, version)
	if err != nil {
		return nil, false, err
	}
	if bytes.Equal(out, content) {
		return content, false, nil
	}
	if err := verify(loc, path, out, version, len(spans)); err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// span is one located version text in a file.
type span struct {
	start, end int    // bytes to replace: no quotes, no "v" prefix
	value      string // the version the bytes denote (unescaped)
	line       int    // 1-based line of start
	fixed      string // when set: why these bytes cannot be rewritten
}

// locateFunc finds the version texts of one kind in content. On success it
// returns at least one span; spans are sorted and do not overlap.
type locateFunc func(path string, content []byte) ([]span, error)

func locator(kind Kind, path string) (locateFunc, error) {
	switch kind {
	case Plain:
		return locatePlain, nil
	case PackageJSON:
		return locatePackageJSON, nil
	case CargoTOML:
		return locateCargo, nil
	case PyprojectTOML:
		return locatePyproject, nil
	case ChartYAML:
		return locateChart, nil
	case PomXML:
		return locatePOM, nil
	case Marker:
		return locateMarker, nil
	}
	return nil, errFile(path, "has unknown version file kind %q", string(kind))
}

// splice writes version over every span that does not already hold it. It
// returns content itself when nothing needs to change.
func splice(path string, content []byte, spans []span, version string) ([]byte, error) {
	var out []byte
	last, edited := 0, false
	for _, s := range spans {
		if s.value == version {
			continue
		}
		if s.fixed != "" {
			return nil, errLine(path, s.line, "%s", s.fixed)
		}
		out = append(out, content[last:s.start]...)
		out = append(out, version...)
		last, edited = s.end, true
	}
	if !edited {
		return content, nil
	}
	return append(out, content[last:]...), nil
}

// verify re-reads the rewritten file and insists that every version text
// found in it is the new version, so that a second Update is a no-op. It
// catches rewrites that surrounding text would make ambiguous.
func verify(loc locateFunc, path string, out []byte, version string, want int) error {
	spans, err := loc(path, out)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			c := *e
			c.Msg += " (after writing version " + version + ")"
			return &c
		}
		return err
	}
	for _, s := range spans {
		if s.value != version {
			return errLine(path, s.line, "writing version %s here would be read back as %q; separate the version from the text around it", version, s.value)
		}
	}
	if len(spans) != want {
		return errFile(path, "would show %d version texts instead of %d after writing version %s; separate the versions from the text around them", len(spans), want, version)
	}
	return nil
}

// Error reports why a version file could not be read or updated.
type Error struct {
	Path string // the path the caller passed
	Line int    // 1-based line of the problem; 0 when it concerns the whole file
	Msg  string // what is wrong and, where possible, what to do
}

// Error formats e as "path:line: msg", or "path msg" when Line is 0 (Msg
// then reads as a sentence about the file, e.g. "has no ...").
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + " " + e.Msg
}

func errFile(path, format string, args ...any) error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

func errLine(path string, line int, format string, args ...any) error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// errAt is errLine for the line holding byte offset off of content.
func errAt(path string, content []byte, off int, format string, args ...any) error {
	return errLine(path, lineAt(content, off), format, args...)
}

// lineAt returns the 1-based line number of byte offset off (clamped to
// content).
func lineAt(content []byte, off int) int {
	off = min(max(off, 0), len(content))
	return 1 + bytes.Count(content[:off], []byte("\n"))
}

// bomLen returns the length of a UTF-8 byte order mark opening content.
func bomLen(content []byte) int {
	if bytes.HasPrefix(content, []byte("\ufeff")) {
		return 3
	}
	return 0
}

const asciiSpace = " \t\r\n\v\f"

func isBlank(content []byte) bool {
	return len(bytes.Trim(content[bomLen(content):], asciiSpace)) == 0
}
