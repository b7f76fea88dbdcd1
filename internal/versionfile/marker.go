package versionfile

import (
	"bytes"
	"regexp"
	"strings"
)

// The markers recognised in Marker files.
const (
	markVersion = "x-releasebot-version" // the version on this line
	markStart   = "x-releasebot-start"   // versions on the lines after this one...
	markEnd     = "x-releasebot-end"     // ...up to the line before this one
)

// semverLike matches SemVer-looking text: MAJOR.MINOR.PATCH with an
// optional "v" before it, and optional -PRE and +BUILD parts. Dot-separated
// identifiers after the first of each part must contain a digit ("rc.1",
// "build.5" but not ".tar" or ".gz"), so "tool-1.2.3-rc.1.tar.gz" yields
// "1.2.3-rc.1".
var semverLike = regexp.MustCompile(`v?(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)` +
	`(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]*[0-9][0-9A-Za-z-]*)*)?` +
	`(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]*[0-9][0-9A-Za-z-]*)*)?`)

// locateMarker finds the versions on marked lines: every line containing
// x-releasebot-version, and every line strictly between a line containing
// x-releasebot-start and the next line containing x-releasebot-end. All
// SemVer-looking texts on such lines are returned, a "v" before them
// excluded. A version-marked line without a version, a block without one,
// an unbalanced block and a file without any marker are errors.
func locateMarker(path string, content []byte) ([]span, error) {
	var spans []span
	blockLine, blockHasVersion, sawMarker := 0, false, false
	off, n := 0, 0
	for line := range bytes.Lines(content) {
		n++
		lineStart := off
		off += len(line)
		hasVersion := bytes.Contains(line, []byte(markVersion))
		hasStart := bytes.Contains(line, []byte(markStart))
		hasEnd := bytes.Contains(line, []byte(markEnd))
		sawMarker = sawMarker || hasVersion || hasStart || hasEnd
		if hasEnd {
			if blockLine == 0 {
				return nil, errLine(path, n, "%s without an %s line before it; add one or remove this marker", markEnd, markStart)
			}
			if !blockHasVersion {
				return nil, errLine(path, blockLine, "the %s block ending on line %d holds no version (like 1.2.3); put the versions between the markers", markStart, n)
			}
			blockLine = 0
		}
		if hasVersion || blockLine > 0 {
			found := markedVersions(line, lineStart, n)
			if len(found) == 0 && hasVersion {
				return nil, errLine(path, n, "line has an %s marker but no version (like 1.2.3); put the version on the marked line", markVersion)
			}
			blockHasVersion = blockHasVersion || len(found) > 0
			spans = append(spans, found...)
		}
		if hasStart {
			if blockLine > 0 {
				return nil, errLine(path, n, "%s inside the block opened on line %d; close that block with %s first", markStart, blockLine, markEnd)
			}
			blockLine, blockHasVersion = n, false
		}
	}
	if blockLine > 0 {
		return nil, errLine(path, blockLine, "%s has no matching %s line after it; add one", markStart, markEnd)
	}
	if !sawMarker && isJSON(path) {
		// JSON has no comments to hold a marker: a JSON file without one
		// (composer.json, manifest.json, app.json) carries its version as
		// package.json does, in a top-level "version".
		return locatePackageJSON(path, content)
	}
	if !sawMarker {
		return nil, errFile(path, "has no version marker; add %s (for example in a comment) on the line holding the version, "+
			"or put the lines between %s and %s lines, or remove the file from version-files", markVersion, markStart, markEnd)
	}
	return spans, nil
}

// markedVersions returns the spans of the stand-alone SemVer-looking texts
// in line, which starts at offset lineStart and is line number n.
func markedVersions(line []byte, lineStart, n int) []span {
	var spans []span
	for _, m := range semverLike.FindAllIndex(line, -1) {
		s, e := m[0], m[1]
		if !standalone(line, s, e) {
			continue
		}
		if line[s] == 'v' {
			s++
		}
		spans = append(spans, span{start: lineStart + s, end: lineStart + e, value: string(line[s:e]), line: n})
	}
	return spans
}

// standalone reports whether line[s:e] is not part of a longer word or
// dotted number: no letter, digit or dot right before it, and no letter,
// digit, or dot followed by a digit right after it.
func standalone(line []byte, s, e int) bool {
	if s > 0 && (isAlnum(line[s-1]) || line[s-1] == '.') {
		return false
	}
	if e < len(line) && (isAlnum(line[e]) || line[e] == '.' && e+1 < len(line) && isDigit(line[e+1])) {
		return false
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' }

// isJSON reports a path whose extension is .json, in any letter case.
func isJSON(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".json")
}
