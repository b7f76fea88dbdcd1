package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/safetext"
)

// nextOutput is the `next --json` contract.
type nextOutput struct {
	Current    *string        `json:"current"`
	Next       *string        `json:"next"`
	Tag        *string        `json:"tag"`
	Bump       string         `json:"bump"`
	Releasable bool           `json:"releasable"`
	Prerelease bool           `json:"prerelease"`
	ForcedBy   *string        `json:"forced_by"`
	Commits    []commitOutput `json:"commits"`
	Warnings   []string       `json:"warnings"`
}

type commitOutput struct {
	Hash        string `json:"hash"`
	Type        string `json:"type"`
	Scope       string `json:"scope,omitempty"`
	Description string `json:"description"`
	Breaking    bool   `json:"breaking"`
	PR          int    `json:"pr,omitempty"`
	Bump        string `json:"bump"`
}

func nextJSON(cfg config.Config, res plan.Result, st plan.State) nextOutput {
	p := res.Plan
	out := nextOutput{Bump: p.Level.String(), Releasable: p.Releasable, Commits: []commitOutput{}, Warnings: p.Warnings}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if p.Current != nil {
		s := p.Current.String()
		out.Current = &s
	}
	if p.Releasable || p.Current != nil {
		next, tag := p.Next.String(), release.TagName(cfg.TagPrefix, p.Next)
		out.Next, out.Tag, out.Prerelease = &next, &tag, p.Next.IsPrerelease()
	}
	if p.ForcedBy != nil {
		h := p.ForcedBy.Commit.Hash
		out.ForcedBy = &h
	}
	for _, t := range p.Triggers {
		out.Commits = append(out.Commits, commitOutput{
			Hash: t.Commit.Hash, Type: t.Type, Scope: safetext.Plain(t.Scope), Description: safetext.Plain(t.Description),
			Breaking: t.Breaking, PR: t.PR, Bump: t.Level.String(),
		})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writePlan prints the readable dry run.
func writePlan(w io.Writer, cfg config.Config, res plan.Result, st plan.State) {
	p := res.Plan
	current := "none"
	switch {
	case st.CurrentTag != "":
		current = fmt.Sprintf("%s (tag %s)", p.Current, st.CurrentTag)
	case st.FromVersionFile:
		current = fmt.Sprintf("%s (from %s, no release tag)", p.Current, cfg.VersionFile)
	}
	fmt.Fprintf(w, "Current version: %s\n", current)
	fmt.Fprintf(w, "Commits since:   %s\n", commitsSince(p, st))
	if !p.Releasable {
		fmt.Fprintln(w, "Next version:    none: no commit since the last release triggers one")
		return
	}
	fmt.Fprintf(w, "Next version:    %s (%s, tag %s)\n", p.Next, p.Level, res.Tag)
	if p.ForcedBy != nil {
		fmt.Fprintf(w, "Forced by:       Release-As: %s in %s\n", p.ForcedBy.ReleaseAs, shortHash(p.ForcedBy.Commit.Hash))
	}
	if why := release.LevelReason(p.LevelSetBy, p.Lowered, release.Remote{}); why != "" {
		fmt.Fprintf(w, "Level set by:    %s\n", why)
	}
	fmt.Fprintln(w, "\nWhy:")
	for _, t := range p.Triggers {
		fmt.Fprintf(w, "  %-6s %s %s\n", t.Level, shortHash(t.Commit.Hash), header(t.Change))
	}
	if len(res.Files) == 0 {
		fmt.Fprintln(w, "\nFiles: all already up to date")
		return
	}
	fmt.Fprintln(w, "\nFiles:")
	for _, fc := range res.Files {
		old := "a/" + fc.Path
		if fc.Created {
			old = "/dev/null"
		}
		fmt.Fprint(w, unifiedDiff(old, "b/"+fc.Path, string(fc.Old), string(fc.New)))
	}
}

// commitsSince counts the commits since the current release and, when a
// stable release gathers the commits of earlier pre-releases, those too, so
// that the count matches the changes the plan lists.
func commitsSince(p release.Plan, st plan.State) string {
	n := fmt.Sprint(len(st.SinceCurrent))
	if !p.Releasable || p.Next.IsPrerelease() || len(st.SinceStable) == len(st.SinceCurrent) {
		return n
	}
	since := "the first commit"
	if st.StableTag != "" {
		since = st.StableTag
	}
	return fmt.Sprintf("%s (%d since %s, all in this release)", n, len(st.SinceStable), since)
}

func header(c release.Change) string {
	if c.Labelled {
		return fmt.Sprintf("%s (#%d, released by its label)", c.Description, c.PR)
	}
	var b strings.Builder
	b.WriteString(c.Type)
	if c.Scope != "" {
		b.WriteString("(" + c.Scope + ")")
	}
	if c.Breaking {
		b.WriteString("!")
	}
	b.WriteString(": " + c.Description)
	if c.PR > 0 {
		fmt.Fprintf(&b, " (#%d)", c.PR)
	}
	return b.String()
}

func shortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}
