package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

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

// packagesOutcome is what packagesPullRequest leaves behind.
type packagesOutcome struct {
	pull     *repohost.Pull
	held     bool
	packages []plan.ComponentResult
}

// packagesPullRequest keeps one combined release pull request listing each
// releasable package's version and notes.
func (b *Bot) packagesPullRequest(ctx context.Context, states []plan.ComponentState) (packagesOutcome, error) {
	var out packagesOutcome
	open, err := b.openReleasePull(ctx)
	if err != nil {
		return out, err
	}
	in, err := b.input(ctx, states, open)
	if err != nil {
		return out, err
	}
	plans, err := plan.Releases(in, states, plan.Notes)
	if err != nil {
		return out, err
	}
	out.packages = releasable(plans)
	if len(out.packages) == 0 {
		if open != nil {
			return out, b.closeEmpty(ctx, *open, plan.Result{})
		}
		b.log().Info("nothing to release in any package: no release pull request needed")
		return out, nil
	}
	title, dig := b.packagesTitle(out.packages), packagesDigest(out.packages)
	head := states[0].State.Head
	var m Marker
	var e edits
	if open != nil {
		out.pull = open
		var ok bool
		m, ok = ParseMarker(open.Body)
		moved := ok && open.HeadSHA != "" && open.HeadSHA != m.Commit
		if ok && !moved && m.Base == head && m.Digest == dig {
			b.log().Info(fmt.Sprintf("release pull request #%d is up to date", open.Number), "pull", open.Number)
			return out, b.fixTitleAndLabel(ctx, open, title)
		}
		if moved || ok && m.Generated != "" {
			if e, err = b.readEdits(ctx, open, m); err != nil {
				return out, err
			}
		}
	}
	results, err := plan.Releases(in, states, plan.Files)
	if err != nil {
		return out, err
	}
	out.packages = releasable(results)
	want := b.packagesWanted(out.packages, title, dig, head)
	if open == nil {
		out.pull, err = b.openPull(ctx, states[0].State, want)
		return out, err
	}
	want.pull = open.Number
	if len(e.files) > 0 {
		if out.held, err = b.keepPackageEdits(ctx, &want, e, m, out.packages, head); err != nil || out.held {
			return out, err
		}
	}
	out.pull, err = b.refreshPull(ctx, *open, states[0].State, want)
	return out, err
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

// packagesTitle fills the title pattern's ${version} with every release:
// "root 1.0.1, gosdk 0.4.0".
func (b *Bot) packagesTitle(results []plan.ComponentResult) string {
	var parts []string
	for _, r := range results {
		parts = append(parts, r.Name+" "+r.Plan.Next.String())
	}
	return b.title(strings.Join(parts, ", "))
}

func packagesDigest(results []plan.ComponentResult) string {
	h := sha256.New()
	for _, r := range results {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", r.Name, r.Tag, r.Plan.Level, r.Body)
		for _, w := range r.Plan.Warnings {
			fmt.Fprintf(h, "%s\x00", w)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (b *Bot) packagesWanted(results []plan.ComponentResult, title, dig, base string) wanted {
	w := wanted{title: title, files: map[string][]byte{}, created: map[string]bool{}, what: fmt.Sprintf("%d packages", len(results))}
	m := Marker{Base: base, Digest: dig}
	var tags []string
	for _, r := range results {
		w.addFiles(r.Files)
		m.Packages = append(m.Packages, MarkerPackage{Name: r.Name, Version: r.Plan.Next.String(), Tag: r.Tag, Changelog: r.Config.Changelog.Path, Dir: r.Path})
		tags = append(tags, "`"+r.Tag+"`")
	}
	m.Version, m.Tag = m.Packages[0].Version, m.Packages[0].Tag
	w.marker = m
	w.render = func(m Marker, notices []string) string {
		var s strings.Builder
		s.WriteString("This pull request releases:\n\n")
		for _, r := range results {
			fmt.Fprintf(&s, "- **%s** %s (%s)\n", r.Name, r.Plan.Next, r.Plan.Level)
		}
		if len(notices) > 0 {
			s.WriteString("\n")
			writeNotices(&s, notices)
		}
		for _, r := range results {
			fmt.Fprintf(&s, "\n<details open><summary>%s %s</summary>\n\n", r.Name, r.Plan.Next)
			writeWarnings(&s, r.Plan.Warnings)
			s.WriteString(b.notes(r.Result))
			s.WriteString("\n</details>\n")
		}
		b.footer(&s, strings.Join(tags, ", "))
		return truncate(s.String(), "\n"+m.String()+"\n", "")
	}
	return w
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
