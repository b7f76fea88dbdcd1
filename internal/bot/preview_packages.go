package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// previewPackages is Preview for a multi-package repository: each
// package's release is computed without and with the pull request's
// commits (attributed to packages by the paths they change), and the
// preview names every package whose release the pull request makes or
// raises.
func (b *Bot) previewPackages(ctx context.Context, pc PullCommits, pr repohost.Pull, o PreviewOptions) (Preview, error) {
	states, err := b.load(ctx, nil)
	if err != nil || len(states) == 0 {
		return Preview{}, err
	}
	open, err := b.currentReleasePull(ctx)
	if err != nil {
		return Preview{}, err
	}
	in, err := b.packagesInput(ctx, states, open)
	if err != nil {
		return Preview{}, err
	}
	before, err := plan.Releases(in, states, plan.Notes)
	if err != nil {
		return Preview{}, err
	}
	head := states[0].State.Head
	commits, err := pc.Brought(ctx, head, pr.HeadSHA)
	if err != nil {
		return Preview{}, fmt.Errorf("reading the commits of #%d: %w", pr.Number, err)
	}
	landed := landing(pr, commits, o.Squash, b.date())
	changed, err := landedPaths(ctx, b.History, commits, landed, o.Squash)
	if err != nil {
		return Preview{}, err
	}
	comps := make([]plan.Component, len(states))
	for i, st := range states {
		comps[i] = st.Component
	}
	after := make([]plan.ComponentState, len(states))
	for i, st := range states {
		after[i] = st
		var own []string
		for _, c := range landed {
			if plan.Owners(changed[c.Hash], comps, b.Config.SharedCommits)[st.Name] {
				own = append(own, c.Hash)
			}
		}
		pin := withPull(plan.Input{State: st.State, Pulls: in.Pulls}, pr, pick(landed, own), b.Config.Labels)
		after[i].State = pin.State
		in.Pulls = pin.Pulls
	}
	results, err := plan.Releases(in, after, plan.Notes)
	if err != nil {
		return Preview{Conclusion: "failure", Title: "Merging this PR cannot release", TitleOK: true,
			Summary: "releasebot could not compute the releases this pull request would make: " + err.Error() + "\n"}, nil
	}
	p := describePackages(before, results)
	if o.Squash {
		p.checkTitle(pr, landed, o.InvalidTitle)
	}
	return p, nil
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
