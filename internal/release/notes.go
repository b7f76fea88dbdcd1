package release

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/safetext"
	"github.com/releasebot/releasebot/internal/semver"
)

// Changelog formats.
const (
	FormatKeepAChangelog = "keep-a-changelog"
	FormatConventional   = "conventional"
)

// BreakingSection is the heading under which breaking changes come first.
const BreakingSection = "Breaking Changes"

// NotesOptions say how release notes look.
type NotesOptions struct {
	// Format is FormatKeepAChangelog or FormatConventional.
	Format string
	// Sections maps lower-case "type" or "type(scope)" to a section
	// heading. "type(scope)" wins over "type"; a key present with the value
	// "" hides those changes; changes with no section are left out. Breaking
	// changes are always listed, under BreakingSection.
	Sections map[string]string
	// Order lists section headings in the order they appear; headings not
	// listed follow in alphabetical order.
	Order []string
	// Remote, when its BaseURL is set, turns references into links.
	Remote Remote
}

// Notes is one release's notes.
type Notes struct {
	Version semver.Version
	// Tag and PrevTag are the release's tag and the previous release's tag
	// ("" for a first release), used for the comparison link.
	Tag, PrevTag string
	Date         time.Time
	Changes      []Change
	// LevelSetBy and Lowered are the plan's (see Plan): the body says
	// which labels decided the level.
	LevelSetBy []LevelLabel
	Lowered    *Lowering
}

// Heading is the Markdown heading line of the release, without newline.
func (n Notes) Heading(o NotesOptions) string {
	date := n.Date.UTC().Format("2006-01-02")
	if o.Format == FormatConventional {
		if link := o.Remote.CompareURL(n.PrevTag, n.Tag); link != "" {
			return "## [" + n.Version.String() + "](" + link + ") (" + date + ")"
		}
		return "## " + n.Version.String() + " (" + date + ")"
	}
	return "## [" + n.Version.String() + "] - " + date
}

// Body renders the sections of the release: breaking changes first with
// their migration notes in full, then one section per heading, entries in
// commit order, oldest first, repeated entries (same scope, description and
// pull request, as cherry-picks make) listed once. When bump labels decided
// the level, a sentence before the sections says which (see LevelReason).
// It is "" when no change is visible and no label decided the level.
func (n Notes) Body(o NotesOptions) string {
	lead := n.levelParagraph(o.Remote)
	body := n.sections(o)
	if lead != "" && body != "" {
		lead += "\n"
	}
	return lead + body
}

// sections renders the changes, one section per heading.
func (n Notes) sections(o NotesOptions) string {
	if o.Format == FormatConventional {
		return n.conventionalBody(o)
	}
	groups := map[string][]string{}
	seen := map[string]bool{}
	for i := len(n.Changes) - 1; i >= 0; i-- {
		c := n.Changes[i]
		section := sectionOf(c, o.Sections)
		if section == "" {
			continue
		}
		key := section + "\x00" + c.Scope + "\x00" + c.Description + "\x00" + itoa(c.PR)
		if seen[key] {
			continue
		}
		seen[key] = true
		groups[section] = append(groups[section], entry(c, o.Remote))
	}
	var b strings.Builder
	for _, section := range orderSections(groups, o.Order) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("### " + section + "\n\n")
		b.WriteString(strings.Join(groups[section], ""))
	}
	return b.String()
}

func sectionOf(c Change, sections map[string]string) string {
	if c.Quiet {
		return ""
	}
	if c.Breaking {
		return BreakingSection
	}
	if c.Scope != "" {
		if s, ok := sections[c.Type+"("+strings.ToLower(c.Scope)+")"]; ok {
			return s
		}
	}
	return sections[c.Type]
}

func orderSections(groups map[string][]string, order []string) []string {
	var out []string
	placed := map[string]bool{}
	for _, s := range append([]string{BreakingSection}, order...) {
		if len(groups[s]) > 0 && !placed[s] {
			out = append(out, s)
			placed[s] = true
		}
	}
	var rest []string
	for s := range groups {
		if !placed[s] {
			rest = append(rest, s)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// entry renders one bullet, ending in a newline. A breaking change carries
// its note, indented under the bullet. Commit text (scope, description,
// note) goes through safetext.Markdown, so that it shows as written and
// mentions, hides and closes nothing.
func entry(c Change, r Remote) string {
	var b strings.Builder
	b.WriteString("- ")
	if c.Scope != "" {
		b.WriteString("**" + safetext.Markdown(c.Scope) + ":** ")
	}
	desc := c.Description
	if desc == "" {
		desc = "(no description)"
	}
	b.WriteString(safetext.Markdown(desc))
	if refs := references(c, r); refs != "" {
		b.WriteString(" (" + refs + ")")
	}
	b.WriteString("\n")
	if c.Breaking && c.BreakingNote != "" && c.BreakingNote != c.Description {
		b.WriteString("\n")
		for _, line := range strings.Split(safetext.Markdown(c.BreakingNote), "\n") {
			if strings.TrimSpace(line) == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("  " + line + "\n")
		}
	}
	return b.String()
}

func references(c Change, r Remote) string {
	var refs []string
	if c.PR > 0 {
		ref := "#" + itoa(c.PR)
		if u := r.PullURL(c.PR); u != "" {
			ref = "[" + ref + "](" + u + ")"
		}
		refs = append(refs, ref)
	}
	if c.Commit.Hash != "" {
		ref := short(c.Commit.Hash)
		if u := r.CommitURL(c.Commit.Hash); u != "" {
			ref = "[" + ref + "](" + u + ")"
		}
		refs = append(refs, ref)
	}
	return strings.Join(refs, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }
