package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// withLanded is every component's state with the pull request's landed
// commits on top. In a multi-package repository each component gets the
// commits that touch it (attributed by the paths they change, as
// history.Load attributes the history); the one component of a repository
// without packages gets them all, and no path is read.
func (b *Bot) withLanded(ctx context.Context, states []plan.ComponentState, pr repohost.Pull, commits, landed []release.Commit, squash bool) ([]plan.ComponentState, error) {
	after := slices.Clone(states)
	if !b.multi() {
		after[0].State = withCommits(after[0].State, pr, landed)
		return after, nil
	}
	changed, err := landedPaths(ctx, b.History, commits, landed, squash)
	if err != nil {
		return nil, err
	}
	comps := make([]plan.Component, len(states))
	for i, st := range states {
		comps[i] = st.Component
	}
	for i, st := range states {
		var own []string
		for _, c := range landed {
			if plan.Owners(changed[c.Hash], comps, b.Config.SharedCommits)[st.Name] {
				own = append(own, c.Hash)
			}
		}
		after[i].State = withCommits(st.State, pr, pick(landed, own))
	}
	return after, nil
}

// landedPaths maps each landed commit to the paths it changes; a squash
// commit changes what the pull request's commits change.
func landedPaths(ctx context.Context, ph history.Reader, commits, landed []release.Commit, squash bool) (map[string][]string, error) {
	hashes := make([]string, len(commits))
	for i, c := range commits {
		hashes[i] = c.Hash
	}
	paths, err := ph.ChangedPaths(ctx, hashes)
	if err != nil || !squash || len(landed) == 0 {
		return paths, err
	}
	var all []string
	for _, h := range hashes {
		all = append(all, paths[h]...)
	}
	return map[string][]string{landed[0].Hash: all}, nil
}

func pick(commits []release.Commit, hashes []string) []release.Commit {
	want := map[string]bool{}
	for _, h := range hashes {
		want[h] = true
	}
	var out []release.Commit
	for _, c := range commits {
		if want[c.Hash] {
			out = append(out, c)
		}
	}
	return out
}

// describePackages words which packages merging releases.
func describePackages(before, after []plan.ComponentResult) Preview {
	p := Preview{Conclusion: "success", TitleOK: true}
	var parts []string
	var sb strings.Builder
	for i, r := range after {
		b := before[i]
		if !r.Plan.Releasable || b.Plan.Releasable && b.Plan.Next.String() == r.Plan.Next.String() {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s)", r.Name, r.Plan.Next, r.Plan.Level))
		if !p.Releasable {
			p.Releasable, p.Version, p.Level = true, r.Plan.Next.String(), r.Plan.Level
		}
		fmt.Fprintf(&sb, "- **%s** %s (%s)", r.Name, r.Plan.Next, r.Plan.Level)
		if b.Plan.Releasable {
			fmt.Fprintf(&sb, ", instead of %s", b.Plan.Next)
		}
		sb.WriteString("\n")
		sb.WriteString(newWarnings(b.Plan.Warnings, r.Plan.Warnings))
	}
	if len(parts) == 0 {
		p.Title = "No release: this pull request changes no package's next release"
		p.Summary = "Merging this pull request releases nothing by itself.\n"
		return p
	}
	p.Title = "Merging this PR releases " + strings.Join(parts, ", ")
	p.Summary = "Merging this pull request releases:\n\n" + sb.String()
	return p
}
