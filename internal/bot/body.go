package bot

import (
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/safetext"
)

// notes is the release's section: its heading and its body as the
// changelog holds it.
func (b *Bot) notes(res plan.Result) string {
	if strings.TrimSpace(res.Written) == "" {
		return res.Heading + "\n"
	}
	return res.Heading + "\n\n" + strings.TrimRight(res.Written, "\n") + "\n"
}

// body is the release pull request's description: the notes, a footer
// saying what merging does, and the hidden marker. notices (about people's
// edits) come first. It fits GitHub's limit.
func (b *Bot) body(res plan.Result, m Marker, notices ...string) string {
	var s strings.Builder
	level := b.level(res.Plan)
	if m.Pin != "" && m.Pin == res.Plan.Next.String() {
		level = "the version set by hand on `" + b.branch() + "`"
	}
	fmt.Fprintf(&s, "This pull request releases **%s** (%s).\n\n", res.Plan.Next, level)
	writeNotices(&s, notices)
	writeWarnings(&s, res.Plan.Warnings)
	s.WriteString(b.notes(res))
	b.footer(&s, "`"+res.Tag+"`")
	return truncate(s.String(), "\n"+m.String()+"\n", b.changelogLink(b.branch()))
}

func writeNotices(s *strings.Builder, notices []string) {
	for _, n := range notices {
		fmt.Fprintf(s, "> [!NOTE]\n> %s\n\n", quoted(n))
	}
}

// level is the release's level and, when bump labels decided it, which
// ("major: `release:major` on #12").
func (b *Bot) level(p release.Plan) string {
	if why := release.LevelReason(p.LevelSetBy, p.Lowered, b.Remote); why != "" {
		return why
	}
	return p.Level.String()
}

func writeWarnings(s *strings.Builder, warnings []string) {
	for _, warning := range warnings {
		fmt.Fprintf(s, "> [!WARNING]\n> %s\n\n", quoted(warning))
	}
}

// quoted is a warning as the lines of a quote. Warnings quote commit text
// (a header, a Release-As value) and go.mod's module line, so they go
// through safetext.Markdown.
func quoted(warning string) string {
	return strings.ReplaceAll(safetext.Markdown(strings.TrimSpace(warning)), "\n", "\n> ")
}

// footer says what merging does and how to have the pull request made anew.
func (b *Bot) footer(s *strings.Builder, tags string) {
	fmt.Fprintf(s, "\n---\n\nMerging it tags %s on the merge commit and publishes the GitHub release. "+
		"releasebot keeps it up to date as `%s` moves, and keeps what you push to `%s`: "+
		"your changelog edits are merged with new entries, a version you write in the version file becomes the release's, "+
		"and other files you change are carried along.\n", tags, b.Target, b.branch())
}

// changelogLink is the web address of the changelog on ref, "" when the
// repository's address or the changelog is unknown.
func (b *Bot) changelogLink(ref string) string {
	if b.Remote.BaseURL == "" || b.Config.Changelog.Path == "" {
		return ""
	}
	return b.Remote.BaseURL + "/blob/" + ref + "/" + b.Config.Changelog.Path
}

// notesFromBody recovers the release notes from a release pull request's
// description, for a release whose changelog has no section for it: the
// text between the release's heading and the footer.
func notesFromBody(body string) string {
	body = markerRE.ReplaceAllString(body, "")
	if end := strings.LastIndex(body, "\n---\n"); end >= 0 {
		body = body[:end]
	}
	if i := strings.Index(body, "\n## "); i >= 0 {
		body = body[i+1:]
		if nl := strings.IndexByte(body, '\n'); nl >= 0 {
			body = body[nl+1:]
		} else {
			body = ""
		}
	}
	return strings.TrimSpace(body) + "\n"
}
