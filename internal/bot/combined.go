package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/repohost"
)

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
			if e, err = b.readEdits(ctx, open, m, b.packageFiles(out.packages)); err != nil {
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

// packageFiles are the files the releases of results rewrite.
func (b *Bot) packageFiles(results []plan.ComponentResult) []string {
	var out []string
	for _, r := range results {
		out = append(out, releaseFiles(r.Config)...)
	}
	return out
}
