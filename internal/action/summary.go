package action

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/safetext"
)

// Limits that keep a summary well under GitHub's 1 MiB per step.
const (
	maxRows  = 50
	maxNotes = 64 << 10
)

// summary renders the job summary of a step as Markdown: what happened
// (with the release or pull request link), the version and bump, and the
// commits that decided the bump.
func summary(r result) string {
	var b strings.Builder
	b.WriteString("## releasebot\n\n")
	if r.dryRun && r.acted {
		b.WriteString("> **Dry run**: nothing was written; this is what the step would do.\n\n")
	}
	b.WriteString(headline(r) + "\n\n")
	writeReleaseWarnings(&b, r.report)
	if !r.acted && r.err == nil {
		return b.String()
	}
	b.WriteString(facts(r))
	for _, p := range r.report.Published {
		writeNotes(&b, "Release notes of "+p.Tag, p.Notes)
	}
	if plan := r.report.Plan; plan != nil && plan.Plan.Releasable {
		writeWhy(&b, r, plan.Plan)
		writeNotes(&b, "Release notes of "+plan.Plan.Next.String(), notesOf(*plan))
	}
	return b.String()
}

// headline is one sentence saying what the step did; it ends the log too.
func headline(r result) string {
	if r.err != nil {
		return failure(r)
	}
	if !r.acted {
		return "Nothing to do: " + r.why + "."
	}
	var parts []string
	for _, p := range r.report.Published {
		s := fmt.Sprintf("**%s %s**", releasedWord(p), link(p.Tag, p.Release.URL))
		if p.Pull > 0 {
			s += " from release pull request " + link(fmt.Sprintf("#%d", p.Pull), r.url("pull", fmt.Sprint(p.Pull)))
		}
		if p.SHA != "" {
			s += ", tagged on " + link("`"+short(p.SHA)+"`", r.url("commit", p.SHA))
		}
		parts = append(parts, s+".")
	}
	if s := pending(r); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// pending says what the step found or did about the next release.
func pending(r result) string {
	rep := r.report
	plan := rep.Plan
	switch {
	case plan == nil && r.command == "publish" && len(rep.Published) == 0:
		return "**Nothing to publish**: no merged release pull request is waiting for its release."
	case plan == nil:
		return ""
	case !plan.Plan.Releasable && plan.Plan.Current != nil:
		return fmt.Sprintf("**Nothing to release**: no commit since %s triggers a release.", plan.Plan.Current)
	case !plan.Plan.Releasable:
		return "**Nothing to release** yet: no commit triggers a first release."
	case r.command == "next":
		return fmt.Sprintf("**Next version: %s** (%s).", plan.Plan.Next, plan.Plan.Level)
	case rep.Held && rep.Pull != nil:
		return fmt.Sprintf("**Release pull request %s was left as it is**: files people changed on its branch have changed on `%s` too since. "+
			"Update them on the release branch (merge `%s` into it) and the next run picks them up; the pull request names the files.", pullLink(r, rep.Pull), r.target, r.target)
	case rep.Pull != nil && rep.Pull.Number == 0:
		return fmt.Sprintf("**Would open a release pull request for %s** (%s).", plan.Plan.Next, plan.Plan.Level)
	case rep.Pull != nil:
		return fmt.Sprintf("**Release pull request %s proposes %s** (%s).", pullLink(r, rep.Pull), plan.Plan.Next, plan.Plan.Level)
	}
	return fmt.Sprintf("**%s is pending** (%s).", plan.Plan.Next, plan.Plan.Level)
}

// failure says what went wrong; configuration mistakes name the file,
// line and field.
func failure(r result) string {
	if ce := config.Invalid(r.err); ce != nil {
		where := "`" + relPath(r.dir, ce.File) + "`"
		if ce.Line > 0 {
			where += fmt.Sprintf(" line %d", ce.Line)
		}
		if ce.Field != "" {
			where += ", `" + ce.Field + "`"
		}
		return fmt.Sprintf("**The configuration is invalid**: %s: %s", where, inline(ce.Msg))
	}
	return "**releasebot failed**: " + inline(r.err.Error())
}

// facts is a small table of the step's context and the pending release.
func facts(r result) string {
	var rows [][2]string
	if r.why != "" {
		rows = append(rows, [2]string{"Trigger", inline(r.why)})
	}
	rows = append(rows, [2]string{"Command", "`" + inline(r.command) + "`"})
	if r.target != "" {
		rows = append(rows, [2]string{"Target branch", "`" + r.target + "`"})
	}
	if plan := r.report.Plan; plan != nil && plan.Plan.Releasable {
		from := "none"
		if plan.Plan.Current != nil {
			from = plan.Plan.Current.String()
		}
		rows = append(rows, [2]string{"Next version", from + " → **" + plan.Plan.Next.String() + "**"}, [2]string{"Bump", plan.Plan.Level.String()})
	}
	var b strings.Builder
	b.WriteString("| | |\n| --- | --- |\n")
	for _, row := range rows {
		b.WriteString("| " + row[0] + " | " + row[1] + " |\n")
	}
	return b.String() + "\n"
}

// writeWhy lists the commits that raise the version, newest first.
func writeWhy(b *strings.Builder, r result, p release.Plan) {
	fmt.Fprintf(b, "### Why %s: the commits that count\n\n", p.Next)
	if p.ForcedBy != nil {
		fmt.Fprintf(b, "The version is set by `Release-As: %s` in %s.\n\n", p.ForcedBy.ReleaseAs, link("`"+short(p.ForcedBy.Commit.Hash)+"`", r.url("commit", p.ForcedBy.Commit.Hash)))
	}
	if len(p.Triggers) == 0 {
		return
	}
	b.WriteString("| bump | commit | change |\n| --- | --- | --- |\n")
	for i, t := range p.Triggers {
		if i == maxRows {
			fmt.Fprintf(b, "| | | … and %d more |\n", len(p.Triggers)-maxRows)
			break
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", t.Level, link("`"+short(t.Commit.Hash)+"`", r.url("commit", t.Commit.Hash)), change(r, t.Change))
	}
	b.WriteString("\n")
}

// change is a commit's header as Markdown for a table cell, its pull
// request linked. The header is commit text: it goes through
// safetext.Markdown, so it mentions, hides and closes nothing.
func change(r result, c release.Change) string {
	s := c.Type
	if c.Scope != "" {
		s += "(" + c.Scope + ")"
	}
	if c.Breaking {
		s += "!"
	}
	s = cell(s + ": " + c.Description)
	if c.PR > 0 {
		s += " (" + link(fmt.Sprintf("#%d", c.PR), r.url("pull", fmt.Sprint(c.PR))) + ")"
	}
	return s
}

// writeNotes adds release notes in a collapsed section, cut to maxNotes.
func writeNotes(b *strings.Builder, title, notes string) {
	notes = strings.TrimSpace(notes)
	if notes == "" {
		return
	}
	if len(notes) > maxNotes {
		cut := maxNotes
		for cut > 0 && !utf8.RuneStart(notes[cut]) {
			cut--
		}
		notes = notes[:cut] + "\n\n…cut here to keep the summary short."
	}
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n%s\n\n</details>\n\n", inline(title), notes)
}

// notesOf is the pending release's notes as the changelog will hold them.
func notesOf(res plan.Result) string {
	return firstOf(res.Written, res.Body)
}

func pullLink(r result, p *repohost.Pull) string {
	return link(fmt.Sprintf("#%d", p.Number), p.URL)
}

// url is a page of the repository (kind "commit" or "pull"), "" when the
// repository's address is unknown.
func (r result) url(kind, id string) string {
	if r.web == "" {
		return ""
	}
	return r.web + "/" + kind + "/" + id
}

func link(text, url string) string {
	if url == "" {
		return text
	}
	return "[" + text + "](" + url + ")"
}

// cell renders commit text on one line of a table cell.
func cell(s string) string {
	s = safetext.Markdown(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(s, "|", `\|`)
}

// inline escapes text for one line of Markdown (a table cell, a sentence).
func inline(s string) string {
	s = strings.Join(strings.Fields(safetext.Plain(s)), " ")
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`, "`", "\\`").Replace(s)
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
