package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// PackageSource is a Source that can also read a multi-package
// repository: each package's state, from its own tags and the commits that
// touch it.
type PackageSource interface {
	Packages(ctx context.Context, extra []release.Tag) ([]plan.PackageState, error)
}

func (b *Bot) multi() bool { return len(b.Config.Packages) > 0 }

func (b *Bot) packageSource() (PackageSource, error) {
	ps, ok := b.Source.(PackageSource)
	if !ok {
		return nil, errors.New("this history source cannot read the packages of a multi-package repository")
	}
	return ps, nil
}

// runPackages is Run for a multi-package repository: publish, then one
// release pull request for every package that has something to release.
func (b *Bot) runPackages(ctx context.Context, publish, pr bool) (Report, error) {
	var rep Report
	ps, err := b.packageSource()
	if err != nil {
		return rep, err
	}
	states, err := ps.Packages(ctx, nil)
	if err != nil {
		return rep, err
	}
	if b.Config.SeparatePullRequests {
		return b.runSeparate(ctx, ps, states, publish, pr)
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
		var extra []release.Tag
		for _, p := range rep.Published {
			extra = append(extra, release.Tag{Name: p.Tag, Commit: p.SHA})
		}
		if states, err = ps.Packages(ctx, extra); err != nil {
			return rep, err
		}
	}
	out, err := b.packagesPullRequest(ctx, states)
	rep.Pull, rep.Held, rep.Packages = out.pull, out.held, out.packages
	return rep, err
}

// packagesOutcome is what packagesPullRequest leaves behind.
type packagesOutcome struct {
	pull     *repohost.Pull
	held     bool
	packages []plan.PackageResult
}

// packagesPullRequest keeps one combined release pull request listing each
// releasable package's version and notes.
func (b *Bot) packagesPullRequest(ctx context.Context, states []plan.PackageState) (packagesOutcome, error) {
	var out packagesOutcome
	open, err := b.openReleasePull(ctx)
	if err != nil {
		return out, err
	}
	in, err := b.packagesInput(ctx, states, open)
	if err != nil {
		return out, err
	}
	plans, err := plan.PreparePackages(in, states, false)
	if err != nil {
		return out, err
	}
	out.packages = releasable(plans)
	if len(out.packages) == 0 {
		if open != nil {
			return out, b.closeEmpty(ctx, *open, plan.Result{})
		}
		b.logf("nothing to release in any package: no release pull request needed")
		return out, nil
	}
	title, dig := b.packagesTitle(out.packages), packagesDigest(out.packages)
	if open != nil {
		out.pull = open
		m, ok := ParseMarker(open.Body)
		if ok && m.Base == states[0].State.Head && m.Digest == dig {
			b.logf("release pull request #%d is up to date", open.Number)
			return out, b.fixTitleAndLabel(ctx, open, title)
		}
		if held, err := b.heldByOthers(ctx, open, m, ok); err != nil || held {
			out.held = held
			return out, err
		}
	}
	results, err := plan.PreparePackages(in, states, true)
	if err != nil {
		return out, err
	}
	out.packages = releasable(results)
	want := b.packagesWanted(out.packages, title, dig, states[0].State.Head)
	if open == nil {
		out.pull, err = b.openPull(ctx, states[0].State, want)
	} else {
		out.pull, err = b.refreshPull(ctx, *open, states[0].State, want)
	}
	return out, err
}

// packagesInput is what every package's release is computed from, with
// the bump labels of merged pull requests applied to each package.
func (b *Bot) packagesInput(ctx context.Context, states []plan.PackageState, open *repohost.Pull) (plan.Input, error) {
	in := plan.Input{
		Config: b.Config, Remote: b.Remote, Date: b.date(), Branch: b.Target,
		Read: func(path string) ([]byte, error) { return b.Source.ReadFile(ctx, path) },
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

func releasable(results []plan.PackageResult) []plan.PackageResult {
	var out []plan.PackageResult
	for _, r := range results {
		if r.Plan.Releasable {
			out = append(out, r)
		}
	}
	return out
}

// packagesTitle fills the title pattern's ${version} with every release:
// "root 1.0.1, gosdk 0.4.0".
func (b *Bot) packagesTitle(results []plan.PackageResult) string {
	var parts []string
	for _, r := range results {
		parts = append(parts, r.Name+" "+r.Plan.Next.String())
	}
	return b.title(strings.Join(parts, ", "))
}

func packagesDigest(results []plan.PackageResult) string {
	h := sha256.New()
	for _, r := range results {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", r.Name, r.Tag, r.Plan.Level, r.Body)
		for _, w := range r.Plan.Warnings {
			fmt.Fprintf(h, "%s\x00", w)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (b *Bot) packagesWanted(results []plan.PackageResult, title, dig, base string) wanted {
	w := wanted{title: title, files: map[string][]byte{}, what: fmt.Sprintf("%d packages", len(results))}
	m := Marker{Base: base, Digest: dig}
	var tags []string
	for _, r := range results {
		for _, fc := range r.Files {
			w.files[fc.Path] = fc.New
		}
		m.Packages = append(m.Packages, MarkerPackage{Name: r.Name, Version: r.Plan.Next.String(), Tag: r.Tag, Changelog: r.Config.Changelog.Path, Dir: r.Path})
		tags = append(tags, "`"+r.Tag+"`")
	}
	m.Version, m.Tag = m.Packages[0].Version, m.Packages[0].Tag
	w.marker = m
	w.render = func(m Marker) string {
		var s strings.Builder
		s.WriteString("This pull request releases:\n\n")
		for _, r := range results {
			fmt.Fprintf(&s, "- **%s** %s (%s)\n", r.Name, r.Plan.Next, r.Plan.Level)
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

// forPackage is a bot for one package's own release pull request.
func (b *Bot) forPackage(ps plan.PackageState) *Bot {
	sub := *b
	sub.Config = ps.Config
	sub.pkg = &ps.Component
	sub.releasePulls, sub.listed = nil, false
	return &sub
}

// runSeparate is runPackages with one release pull request per package
// (separate-pull-requests). Linked versions do not apply across them.
func (b *Bot) runSeparate(ctx context.Context, ps PackageSource, states []plan.PackageState, publish, pr bool) (Report, error) {
	var rep Report
	if publish {
		for _, st := range states {
			pubs, err := b.forPackage(st).publish(ctx, st.State)
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
		var extra []release.Tag
		for _, p := range rep.Published {
			extra = append(extra, release.Tag{Name: p.Tag, Commit: p.SHA})
		}
		var err error
		if states, err = ps.Packages(ctx, extra); err != nil {
			return rep, err
		}
	}
	for _, st := range states {
		out, err := b.forPackage(st).pullRequest(ctx, st.State)
		if out.pull != nil {
			rep.Pulls = append(rep.Pulls, *out.pull)
			if rep.Pull == nil {
				rep.Pull = out.pull
			}
		}
		if out.plan != nil && out.plan.Plan.Releasable {
			rep.Packages = append(rep.Packages, plan.PackageResult{Component: st.Component, Result: *out.plan, State: st.State})
		}
		rep.Held = rep.Held || out.held
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}
