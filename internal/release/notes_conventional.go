package release

import (
	"strings"

	"github.com/releasebot/releasebot/internal/safetext"
)

// ConventionalBreakingSection is the heading of breaking changes in the
// conventional format, as conventional-changelog and release-please write
// it.
const ConventionalBreakingSection = "⚠ BREAKING CHANGES"

// typeHeadings name the sections of types that the conventional format
// hides, for the breaking changes that show them anyway (as
// conventional-changelog does).
var typeHeadings = map[string]string{
	"feat": "Features", "fix": "Bug Fixes", "perf": "Performance Improvements", "revert": "Reverts",
	"docs": "Documentation", "style": "Styles", "chore": "Miscellaneous Chores", "refactor": "Code Refactoring",
	"test": "Tests", "build": "Build System", "ci": "Continuous Integration",
}

// conventionalBody renders the notes as conventional-changelog does: one
// bullet per migration note under ⚠ BREAKING CHANGES (the description when a
// breaking change has no note), then every change under its type's
// section, breaking changes included even when their type is hidden.
func (n Notes) conventionalBody(o NotesOptions) string {
	groups := map[string][]string{}
	seen := map[string]bool{}
	for i := len(n.Changes) - 1; i >= 0; i-- {
		c := n.Changes[i]
		section := typeSection(c, o.Sections)
		if section == "" && !c.Breaking {
			continue
		}
		key := c.Type + "\x00" + c.Scope + "\x00" + c.Description + "\x00" + itoa(c.PR)
		if seen[key] {
			continue
		}
		seen[key] = true
		if c.Breaking {
			groups[ConventionalBreakingSection] = append(groups[ConventionalBreakingSection], breakingBullets(c)...)
			if section == "" {
				section = fallbackHeading(c)
			}
		}
		plain := c
		plain.Breaking = false
		groups[section] = append(groups[section], entry(plain, o.Remote))
	}
	order := append([]string{ConventionalBreakingSection}, o.Order...)
	var b strings.Builder
	for _, section := range orderSections(groups, order) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("### " + section + "\n\n")
		b.WriteString(strings.Join(groups[section], ""))
	}
	return b.String()
}

// typeSection is the section of c's type (or type(scope)), ignoring
// whether c is breaking; "" when hidden.
func typeSection(c Change, sections map[string]string) string {
	c.Breaking = false
	return sectionOf(c, sections)
}

// fallbackHeading names the section of a hidden type that a breaking
// change shows: its usual heading, else the type itself.
func fallbackHeading(c Change) string {
	if h, ok := typeHeadings[c.Type]; ok {
		return h
	}
	if c.Type == "" {
		return "Other Changes"
	}
	return c.Type
}

// breakingBullets renders a breaking change's notes, one bullet each, with
// its scope in bold.
func breakingBullets(c Change) []string {
	notes := c.BreakingNotes
	if len(notes) == 0 {
		notes = []string{c.Description}
	}
	prefix := "- "
	if c.Scope != "" {
		prefix += "**" + safetext.Markdown(c.Scope) + ":** "
	}
	out := make([]string, 0, len(notes))
	for _, note := range notes {
		lines := strings.Split(safetext.Markdown(note), "\n")
		// The note's first paragraph is the bullet, its lines joined as
		// conventional-changelog joins them; the rest is indented under it.
		first := 1
		for first < len(lines) && strings.TrimSpace(lines[first]) != "" && !isListLine(lines[first]) {
			first++
		}
		var b strings.Builder
		b.WriteString(prefix + joinLines(lines[:first]) + "\n")
		for _, line := range lines[first:] {
			if strings.TrimSpace(line) == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("  " + line + "\n")
		}
		out = append(out, b.String())
	}
	return out
}

// joinLines joins the lines of a paragraph with single spaces.
func joinLines(lines []string) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, strings.TrimSpace(l))
	}
	return strings.Join(parts, " ")
}

// isListLine reports a Markdown list item or a fourth-level heading, which
// keep their own line in a note.
func isListLine(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "#### ")
}
