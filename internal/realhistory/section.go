// Package realhistory measures releasebot against real public release
// histories: for each release a real tool made (release-please,
// semantic-release, standard-version), it compares the version and the
// changelog entries releasebot computes from the same commits with what the
// tool published.
//
// The package holds what both measuring instruments share: reading a
// CHANGELOG.md section into entries, normalising and comparing them, the
// network-free copy of the histories (testdata/realhistory) and its replay
// through the core, and the figures. The harness that reads the histories
// from git and runs the built binary is in ./harness; the regular test in
// this package replays the copy.
package realhistory

import (
	"regexp"
	"strings"
)

// Entry is one bullet of a changelog section.
type Entry struct {
	// Section is the sub-heading the bullet is under, normalised (see
	// Heading); "" when there is none.
	Section string `json:"section,omitempty"`
	// Breaking is set for bullets under a breaking-changes heading.
	Breaking bool `json:"breaking,omitempty"`
	// Text is the bullet's first line, normalised (see Normalize).
	Text string `json:"text"`
	// Note is the bullet's continuation lines, normalised: releasebot
	// writes a breaking change's migration note there, and the real tools
	// the rest of a migration note that spans several lines.
	Note string `json:"note,omitempty"`
	// Refs are the short commit hashes the bullet names, as written; they
	// say which commit the tool read the entry from.
	Refs []string `json:"refs,omitempty"`
}

var (
	// releaseHeading matches a release's heading line, whatever its level
	// and decoration: "## [1.2.3](url) (date)", "# 1.2.3", "### v1.2.3",
	// "## [1.2.3] - date". The version is group 1.
	releaseHeading = regexp.MustCompile(`^#{1,4}\s+\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?(?:[\s(:]|$)`)
	subHeading     = regexp.MustCompile(`^#{1,6}\s+(.*)$`)
	// anchor is conventional-changelog's `<a name="1.2.3"></a>` line
	// before a release heading.
	anchor     = regexp.MustCompile(`^\s*<a name="[^"]*">\s*</a>\s*$`)
	bulletLine = regexp.MustCompile(`^[*-]\s+(.*)$`)
	hashToken  = regexp.MustCompile(`(?:^|[\s(\[,])([0-9a-f]{7,40})(?:[\s)\],]|$)`)
)

// FindSection returns the section of changelog for version (without any
// tag prefix): the lines after its heading up to the next release heading.
// ok is false when no heading names the version.
func FindSection(changelog, version string) (section string, ok bool) {
	lines := strings.Split(strings.ReplaceAll(changelog, "\r\n", "\n"), "\n")
	start := -1
	for i, l := range lines {
		m := releaseHeading.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if start >= 0 {
			return strings.Join(lines[start:i], "\n"), true
		}
		if m[1] == version {
			start = i + 1
		}
	}
	if start < 0 {
		return "", false
	}
	return strings.Join(lines[start:], "\n"), true
}

// Whole is the entry's text and note as one text: what a real tool's
// breaking bullet says.
func (e Entry) Whole() string {
	if e.Note == "" {
		return e.Text
	}
	return e.Text + " " + e.Note
}

// Heading normalises a sub-heading: decorations (⚠, emoji, colons) and
// case dropped, so "⚠ BREAKING CHANGES" and "Breaking Changes" are equal.
func Heading(h string) string {
	h = strings.ToLower(h)
	h = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ' {
			return r
		}
		return -1
	}, h)
	return strings.Join(strings.Fields(h), " ")
}

// IsBreakingHeading reports whether a normalised heading holds breaking
// changes.
func IsBreakingHeading(h string) bool {
	return strings.Contains(h, "breaking change")
}

// ParseEntries reads the bullets of a section. A bullet's continuation
// lines (indented, or not starting a bullet or heading) are its Note.
func ParseEntries(section string) []Entry {
	var out []Entry
	heading := ""
	var first string
	var more []string
	in := false
	flush := func() {
		if !in {
			return
		}
		e := Entry{Section: heading, Breaking: IsBreakingHeading(heading)}
		e.Refs = refsOf(first)
		e.Text = Normalize(first)
		e.Note = Normalize(strings.Join(more, "\n"))
		out = append(out, e)
		in, first, more = false, "", nil
	}
	for _, l := range strings.Split(strings.ReplaceAll(section, "\r\n", "\n"), "\n") {
		if anchor.MatchString(l) {
			continue
		}
		if m := subHeading.FindStringSubmatch(l); m != nil {
			flush()
			heading = Heading(m[1])
			continue
		}
		if m := bulletLine.FindStringSubmatch(l); m != nil {
			flush()
			in, first = true, m[1]
			continue
		}
		if in {
			more = append(more, l)
		}
	}
	flush()
	return out
}

// refsOf returns the commit hashes a raw bullet line names, linked
// "[abc1234](url)" or bare "(#12, abc1234)": words of 7 to 40 lower-case
// hexadecimal digits.
func refsOf(line string) []string {
	var out []string
	for _, m := range hashToken.FindAllStringSubmatch(line, -1) {
		out = append(out, m[1])
	}
	return out
}
