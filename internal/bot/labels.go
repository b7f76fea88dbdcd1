package bot

import (
	"context"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
)

// labelSlack widens the window of merged pull requests read for bump
// labels, for clocks that disagree.
const labelSlack = 24 * time.Hour

// applyLabels reads the bump labels of the pull requests merged into the
// target since the last release and of the open release pull request, and
// records them in in (and, for commits, in st). Each pull request's labels are read once,
// from one listing; commits whose message names no pull request are looked
// up (commits/{sha}/pulls) only when some merged pull request carries a
// bump label, since otherwise the answer cannot change anything.
func (b *Bot) applyLabels(ctx context.Context, st *plan.State, in *plan.Input, open *repohost.Pull) error {
	if open != nil {
		in.Force = forcedLevel(b.Config.Labels, open.Labels)
	}
	if len(st.SinceStable) == 0 {
		return nil
	}
	pulls, err := b.Host.ListPulls(ctx, repohost.PullQuery{State: "closed", Base: b.Target, Stop: oldest(st.SinceStable).Add(-labelSlack)})
	if err != nil {
		return err
	}
	in.Pulls = map[int]release.PullLabel{}
	for _, p := range pulls {
		if !p.Merged || p.Head == b.branch() {
			continue
		}
		if l, ok := pullLabel(b.Config.Labels, p.Labels); ok {
			in.Pulls[p.Number] = l
		}
	}
	if len(in.Pulls) == 0 {
		return nil
	}
	return b.lookUpCommitPulls(ctx, st)
}

// lookUpCommitPulls asks which pull request brought each commit that names
// none (the commits of merge-commit and rebase merges).
func (b *Bot) lookUpCommitPulls(ctx context.Context, st *plan.State) error {
	st.CommitPulls = map[string]int{}
	for _, c := range st.SinceStable {
		if c.Merge || namesPull(c) {
			continue
		}
		numbers, err := b.Host.PullsOfCommit(ctx, c.Hash)
		if err != nil {
			return err
		}
		if len(numbers) > 0 {
			st.CommitPulls[c.Hash] = numbers[0]
		}
	}
	return nil
}

// namesPull reports whether a commit's message gives its pull request.
func namesPull(c release.Commit) bool {
	for _, ch := range release.ParseCommit(c) {
		if ch.PR != 0 {
			return true
		}
	}
	return false
}

// pullLabel reads the bump labels of a merged pull request; the strongest
// wins, and none beats every raise.
func pullLabel(names config.Labels, labels []string) (release.PullLabel, bool) {
	var out release.PullLabel
	found := false
	for _, l := range labels {
		switch l {
		case names.None:
			return release.PullLabel{Suppress: true}, true
		case names.Major:
			out.Level, found = max(out.Level, semver.Major), true
		case names.Minor:
			out.Level, found = max(out.Level, semver.Minor), true
		case names.Patch:
			out.Level, found = max(out.Level, semver.Patch), true
		}
	}
	return out, found
}

// forcedLevel is the level a bump label on the release pull request sets.
func forcedLevel(names config.Labels, labels []string) semver.Level {
	l, ok := pullLabel(names, labels)
	if !ok || l.Suppress {
		return semver.None
	}
	return l.Level
}

func oldest(commits []release.Commit) time.Time {
	t := commits[0].Time
	for _, c := range commits[1:] {
		if c.Time.Before(t) {
			t = c.Time
		}
	}
	return t
}
