package bot

import (
	"context"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

func (b *Bot) multi() bool { return plan.MultiPackage(b.Config) }

// run is every use case's one path: publish what is merged (when publish),
// then keep the release pull requests (when pr) on the published state.
// A repository without packages is one component with one pull request;
// a multi-package repository has one combined pull request, or one per
// package with separate-pull-requests.
func (b *Bot) run(ctx context.Context, publish, pr bool) (Report, error) {
	var rep Report
	states, err := b.load(ctx, nil)
	if err != nil {
		return rep, err
	}
	if !b.multi() || b.Config.SeparatePullRequests {
		return b.runEach(ctx, states, publish, pr)
	}
	if publish {
		tags := map[string]string{}
		for _, st := range states {
			for _, t := range st.State.Tags {
				tags[t.Name] = t.Commit
			}
		}
		if rep.Published, err = b.publishKnown(ctx, tags); err != nil {
			return rep, err
		}
	}
	if !pr {
		return rep, nil
	}
	if len(rep.Published) > 0 {
		if states, err = b.load(ctx, publishedTags(rep.Published)); err != nil {
			return rep, err
		}
	}
	out, err := b.packagesPullRequest(ctx, states)
	rep.Pull, rep.Held, rep.Packages = out.pull, out.held, out.packages
	return rep, err
}

// publishedTags are the tags a run made, to count as if listed.
func publishedTags(published []Published) []release.Tag {
	var extra []release.Tag
	for _, p := range published {
		extra = append(extra, release.Tag{Name: p.Tag, Commit: p.SHA})
	}
	return extra
}

// input is what every component's release is computed from, with
// the bump labels of merged pull requests applied to each package.
func (b *Bot) input(ctx context.Context, states []plan.ComponentState, open *repohost.Pull) (plan.Input, error) {
	in := plan.Input{
		Config: b.Config, Remote: b.Remote, Date: b.date(), Branch: b.Target,
		Read: b.reader(ctx, states[0].State.Head),
	}
	var all plan.State
	all.Head = states[0].State.Head
	for _, st := range states {
		all.SinceStable = append(all.SinceStable, st.State.SinceStable...)
	}
	if err := b.applyLabels(ctx, &all, &in, open); err != nil {
		return in, err
	}
	for i := range states {
		states[i].State.CommitPulls = all.CommitPulls
	}
	return in, nil
}

func releasable(results []plan.ComponentResult) []plan.ComponentResult {
	var out []plan.ComponentResult
	for _, r := range results {
		if r.Plan.Releasable {
			out = append(out, r)
		}
	}
	return out
}

// forComponent is the bot of one component's own release pull request:
// the bot itself for a repository without packages, else a copy for the
// package (separate-pull-requests).
func (b *Bot) forComponent(cs plan.ComponentState) *Bot {
	if cs.Name == "" {
		return b
	}
	sub := *b
	sub.Config = cs.Config
	sub.pkg = &cs.Component
	sub.Log = b.log().With("package", cs.Name)
	sub.releasePulls, sub.listed = nil, false
	return &sub
}

// runEach is run with one release pull request per component. Linked
// versions do not apply across them. The report of a repository without
// packages holds its plan; that of separate packages lists the pull
// requests and the pending releases.
func (b *Bot) runEach(ctx context.Context, states []plan.ComponentState, publish, pr bool) (Report, error) {
	var rep Report
	if publish {
		for _, st := range states {
			pubs, err := b.forComponent(st).publish(ctx, st.State)
			rep.Published = append(rep.Published, pubs...)
			if err != nil {
				return rep, err
			}
		}
	}
	if !pr {
		return rep, nil
	}
	if len(rep.Published) > 0 {
		var err error
		if states, err = b.load(ctx, publishedTags(rep.Published)); err != nil {
			return rep, err
		}
	}
	for _, st := range states {
		out, err := b.forComponent(st).pullRequest(ctx, st)
		if !b.multi() {
			rep.Pull, rep.Plan, rep.Held = out.pull, out.plan, out.held
			return rep, err
		}
		if out.pull != nil {
			rep.Pulls = append(rep.Pulls, *out.pull)
			if rep.Pull == nil {
				rep.Pull = out.pull
			}
		}
		if out.plan != nil && out.plan.Plan.Releasable {
			rep.Packages = append(rep.Packages, plan.ComponentResult{Component: st.Component, Result: *out.plan, State: st.State})
		}
		rep.Held = rep.Held || out.held
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}
