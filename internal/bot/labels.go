package bot

import (
	"context"
	"maps"
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

// applyLabels reads what pull requests say about the commits of st (see
// readPullFacts) and records it in in and, for commits, in st.
func (b *Bot) applyLabels(ctx context.Context, st *plan.State, in *plan.Input, open *repohost.Pull) error {
	facts, err := b.readPullFacts(ctx, st.SinceStable, open)
	if err != nil {
		return err
	}
	facts.Apply(in, nil)
	st.CommitPulls = facts.CommitPulls
	return nil
}

// PullFacts reads what GitHub knows of the pull requests behind the
// states' commits, as a run of the bot reads it, and writes nothing: the
// CLI applies it to a checkout's plan so that its answer equals the bot's.
// The release pull request is this bot's (releasebot/TARGET).
func (b *Bot) PullFacts(ctx context.Context, states []plan.ComponentState) (plan.PullFacts, error) {
	open, err := b.currentReleasePull(ctx)
	if err != nil {
		return plan.PullFacts{}, err
	}
	var commits []release.Commit
	for _, st := range states {
		commits = append(commits, st.State.SinceStable...)
	}
	return b.readPullFacts(ctx, commits, open)
}

// readPullFacts reads the bump label of the open release pull request and
// what the pull requests merged into the target since the oldest of
// commits say: their bump labels with their titles, and the commit
// messages their bodies override. Each pull request is read once, from one
// listing (GET /repos/{owner}/{repo}/pulls); the pull request of each
// commit whose subject names none is looked up (commits/{sha}/pulls) only
// when some merged pull request carries a bump label or an override, since
// otherwise the answer cannot change anything.
func (b *Bot) readPullFacts(ctx context.Context, commits []release.Commit, open *repohost.Pull) (plan.PullFacts, error) {
	var f plan.PullFacts
	if open != nil {
		if l, ok := pullLabel(b.Config.Labels, open.Labels); ok && !l.Suppress {
			f.Force, f.Label, f.Pull = l.Level, l.Name, open.Number
		}
	}
	if len(commits) == 0 {
		return f, nil
	}
	pulls, err := b.Host.ListPulls(ctx, repohost.PullQuery{State: "closed", Base: b.Target, Stop: oldest(commits).Add(-labelSlack)})
	if err != nil {
		return f, err
	}
	f.Pulls, f.Overrides = map[int]release.PullLabel{}, map[int]string{}
	for _, p := range pulls {
		if !p.Merged || p.Head == b.branch() {
			continue
		}
		if l, ok := pullLabel(b.Config.Labels, p.Labels); ok {
			l.Title = p.Title
			f.Pulls[p.Number] = l
		}
		if msg, ok := release.CommitOverride(p.Body); ok {
			f.Overrides[p.Number] = msg
		}
	}
	if len(f.Pulls) == 0 && len(f.Overrides) == 0 {
		return f, nil
	}
	f.CommitPulls, err = b.lookUpCommitPulls(ctx, commits)
	return f, err
}

// lookUpCommitPulls asks which pull request brought each commit whose
// subject names none (the commits of merge-commit and rebase merges).
func (b *Bot) lookUpCommitPulls(ctx context.Context, commits []release.Commit) (map[string]int, error) {
	out := map[string]int{}
	for _, c := range commits {
		if c.Merge || release.SubjectPull(c.Message) != 0 {
			continue
		}
		numbers, err := b.Host.PullsOfCommit(ctx, c.Hash)
		if err != nil {
			return nil, err
		}
		if len(numbers) > 0 {
			out[c.Hash] = numbers[0]
		}
	}
	return out, nil
}

// pullLabel reads the bump labels of a pull request; the strongest wins,
// and none beats every raise. Name is the label that decided.
func pullLabel(names config.Labels, labels []string) (release.PullLabel, bool) {
	var out release.PullLabel
	found := false
	for _, l := range labels {
		level := semver.None
		switch l {
		case names.None:
			return release.PullLabel{Suppress: true, Name: l}, true
		case names.Major:
			level = semver.Major
		case names.Minor:
			level = semver.Minor
		case names.Patch:
			level = semver.Patch
		default:
			continue
		}
		if !found || level > out.Level {
			out.Level, out.Name = level, l
		}
		found = true
	}
	return out, found
}

// withOverride adds the commit override of pr's body to overrides, in a
// copy, for a preview of its merge.
func withOverride(overrides map[int]string, pr repohost.Pull) map[int]string {
	msg, ok := release.CommitOverride(pr.Body)
	if !ok {
		return overrides
	}
	out := maps.Clone(overrides)
	if out == nil {
		out = map[int]string{}
	}
	out[pr.Number] = msg
	return out
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
