package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
)

// publish completes the release of every merged release pull request that
// needs it. The tag is the source of truth: a merged release pull request
// whose tag does not exist is published whatever its labels say, and one
// whose tag exists and that is not marked pending is left alone. Every step
// (tag, release, comment, labels) first checks whether it is done, so a run
// that failed half-way is completed by the next one, and nothing is made
// twice.
func (b *Bot) publish(ctx context.Context, st plan.State) ([]Published, error) {
	tags := map[string]string{}
	for _, t := range st.Tags {
		tags[t.Name] = t.Commit
	}
	return b.publishKnown(ctx, tags)
}

// unit is one release a merged release pull request stands for.
type unit struct {
	version   semver.Version
	tag       string
	changelog string
	dir       string
	// heading is the version the changelog's section names when it is not
	// version (a version people set and merged before a run applied it).
	heading string
}

// publishKnown is publish with the tags known to exist, by name.
func (b *Bot) publishKnown(ctx context.Context, tags map[string]string) ([]Published, error) {
	recent, err := b.recentReleasePulls(ctx)
	if err != nil {
		return nil, err
	}
	pulls := append([]repohost.Pull{}, recent...)
	sort.Slice(pulls, func(i, j int) bool { return pulls[i].MergedAt.Before(pulls[j].MergedAt) })
	var out []Published
	for _, p := range pulls {
		if !p.Merged || p.MergeSHA == "" {
			continue
		}
		units := b.releasesOf(p)
		if len(units) == 0 {
			b.log().Info(fmt.Sprintf("merged release pull request #%d names no version releasebot can read; skipping it", p.Number), "pull", p.Number)
			continue
		}
		pending := p.HasLabel(b.Config.Labels.Pending)
		done, raced := 0, false
		for _, u := range units {
			if _, tagged := tags[u.tag]; tagged && !pending {
				continue
			}
			if len(units) == 1 {
				merged, err := b.mergedVersion(ctx, p, u, tags)
				if err != nil {
					return out, err
				}
				if merged.tag != u.tag {
					// The marker follows, so that later runs find the tag.
					if err := b.remark(ctx, &p, merged); err != nil {
						return out, err
					}
					u = merged
				}
			}
			if blocked, err := b.blockedGoModule(ctx, p, u); err != nil || blocked {
				if err != nil {
					return out, err
				}
				raced = true // not published: the pull request stays pending
				continue
			}
			pub, lost, err := b.publishOne(ctx, p, u, tags)
			var elsewhere *tagElsewhereError
			if errors.As(err, &elsewhere) {
				// Someone's tag holds the name: say so once and go on, so
				// that one misplaced tag does not stop every later release.
				if err := b.sayOnce(ctx, p.Number, "tag-elsewhere "+u.tag, "Not released: "+elsewhere.Error()+"."); err != nil {
					return out, err
				}
				raced = true // leave the pull request pending
				continue
			}
			if err != nil {
				return out, fmt.Errorf("publishing %s from #%d: %w", u.tag, p.Number, err)
			}
			tags[u.tag] = p.MergeSHA
			out = append(out, pub)
			done++
			raced = raced || lost
		}
		// A run that lost a race leaves the labels to the winner, and a
		// blocked release leaves them as they are, so that a pull request
		// is marked done only once it is.
		if !raced && (done > 0 || pending) {
			if err := b.finishPull(ctx, p); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// releasesOf reads the releases a release pull request stands for: from
// its marker (one per package), else the version in its title.
func (b *Bot) releasesOf(p repohost.Pull) []unit {
	if m, ok := ParseMarker(p.Body); ok && len(m.Packages) > 0 {
		var out []unit
		for _, mp := range m.Packages {
			if v, err := semver.Parse(mp.Version); err == nil {
				out = append(out, unit{version: v, tag: mp.Tag, changelog: mp.Changelog, dir: mp.Dir})
			}
		}
		return out
	}
	v, tag, ok := b.releaseOf(p)
	if !ok {
		return nil
	}
	return []unit{{version: v, tag: tag, changelog: b.Config.Changelog.Path, dir: b.dir()}}
}

// releaseOf reads the version and tag a release pull request stands for:
// from its marker (the tag it recorded, whatever the tag prefix is now),
// else from its title and the current tag prefix.
func (b *Bot) releaseOf(p repohost.Pull) (semver.Version, string, bool) {
	if m, ok := ParseMarker(p.Body); ok {
		v, err := semver.Parse(m.Version)
		return v, m.Tag, err == nil
	}
	v, err := semver.Parse(versionInTitle(b.Config.PullRequest.Title, b.Target, p.Title))
	if err != nil {
		return semver.Version{}, "", false
	}
	return v, release.TagName(b.Config.TagPrefix, v), true
}

// versionInTitle matches a title against the title pattern.
func versionInTitle(pattern, branch, title string) string {
	re := regexp.QuoteMeta(strings.ReplaceAll(pattern, "${branch}", branch))
	re = strings.Replace(re, regexp.QuoteMeta("${version}"), `(\S+)`, 1)
	m := regexp.MustCompile("^" + re + "$").FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	return m[1]
}

// publishOne makes the tag, the release and the comment of one release;
// lost is true when another run made the tag or the release meanwhile and
// is left to finish.
func (b *Bot) publishOne(ctx context.Context, p repohost.Pull, u unit, tags map[string]string) (pub Published, lost bool, err error) {
	pub = Published{Version: u.version.String(), Tag: u.tag, SHA: p.MergeSHA, Pull: p.Number, Path: u.dir}
	tagRaced, err := b.ensureTag(ctx, u.tag, p.MergeSHA, u.version, tags)
	if err != nil {
		return pub, false, err
	}
	rel, notes, raced, err := b.ensureRelease(ctx, p, u, &pub)
	if err != nil {
		return pub, false, err
	}
	pub.Release, pub.Notes = rel, notes
	if raced || tagRaced {
		// Another run made the tag or the release a moment ago; it
		// comments and labels, and commenting here too would say it twice.
		// Should it stop short, the pending label makes the next run finish.
		b.log().Info(fmt.Sprintf("%s was just published by another run; leaving the rest to it", u.tag), "tag", u.tag)
		return pub, true, nil
	}
	if err := b.ensureComment(ctx, p, u.tag, rel, pub.Late); err != nil {
		return pub, false, err
	}
	if pub.Late > 0 {
		if err := b.recordLate(ctx, p, u, pub.lateNotes); err != nil {
			return pub, false, err
		}
	}
	b.log().Info(fmt.Sprintf("%s %s from #%d at %s", publishedVerb(rel), u.tag, p.Number, short(p.MergeSHA)),
		"tag", u.tag, "version", u.version.String(), "pull", p.Number, "commit", p.MergeSHA, "url", rel.URL)
	return pub, false, nil
}

// blockedGoModule refuses a tag Go tooling would refuse (a v2+ version of
// a module whose path lacks /vN at the merge commit), saying so on the pull
// request once.
func (b *Bot) blockedGoModule(ctx context.Context, p repohost.Pull, u unit) (bool, error) {
	if u.version.Major < 2 {
		return false, nil
	}
	why := plan.GoModuleProblem(u.dir, u.version, func(path string) ([]byte, error) {
		return b.Host.ReadFile(ctx, p.MergeSHA, path)
	})
	if why == "" {
		return false, nil
	}
	b.log().Info(fmt.Sprintf("not tagging %s from #%d: %s", u.tag, p.Number, why), "tag", u.tag, "pull", p.Number, "reason", why)
	return true, b.sayOnce(ctx, p.Number, "blocked "+u.tag, "Not tagged as `"+u.tag+"`: "+why+".")
}

// finishPull marks a release pull request as published: tagged, no
// longer pending.
func (b *Bot) finishPull(ctx context.Context, p repohost.Pull) error {
	if !p.HasLabel(b.Config.Labels.Tagged) {
		if err := b.Host.AddLabels(ctx, p.Number, b.Config.Labels.Tagged); err != nil {
			return err
		}
	}
	if p.HasLabel(b.Config.Labels.Pending) {
		return b.Host.RemoveLabel(ctx, p.Number, b.Config.Labels.Pending)
	}
	return nil
}

// ensureTag creates the annotated tag at sha unless it exists; a tag of
// that name on another commit is an error, as it is not this release.
// raced is true when the tag appeared while this run was working: another
// run is publishing the same release.
func (b *Bot) ensureTag(ctx context.Context, tag, sha string, v semver.Version, tags map[string]string) (raced bool, err error) {
	at, known := tags[tag]
	if !known {
		err := b.Host.CreateTag(ctx, tag, sha, "Release "+v.String())
		if err == nil {
			b.log().Info(fmt.Sprintf("tagged %s at %s", tag, short(sha)), "tag", tag, "commit", sha)
			return false, nil
		}
		if !errors.Is(err, repohost.ErrExists) {
			return false, fmt.Errorf("creating tag %s: %w", tag, err)
		}
		if at, err = b.Host.Ref(ctx, "tags/"+tag); err != nil {
			return false, err
		}
		raced = true
	}
	if at != sha {
		return false, &tagElsewhereError{tag: tag, at: at, want: sha}
	}
	return raced, nil
}

// tagElsewhereError is a release tag that already names another commit.
type tagElsewhereError struct{ tag, at, want string }

func (e *tagElsewhereError) Error() string {
	return fmt.Sprintf("tag %s already exists on %s, not on the merge commit %s; delete it (releasebot then publishes) or release another version", e.tag, short(e.at), short(e.want))
}

// sayOnce comments text on a pull request unless a comment with the same
// key is there already.
func (b *Bot) sayOnce(ctx context.Context, number int, key, text string) error {
	mark := "<!-- releasebot:" + key + " -->"
	comments, err := b.Host.Comments(ctx, number)
	if err != nil {
		return err
	}
	for _, c := range comments {
		if strings.Contains(c, mark) {
			return nil
		}
	}
	return b.Host.Comment(ctx, number, text+"\n"+mark)
}

// ensureRelease returns the release of tag, creating it when missing.
// raced is true when another run created it between this run's check and
// its own attempt. When it creates the release below a higher latest
// release, it sets pub.Below to that release's tag; pub.Late counts the
// late changes its notes gained (see lateChanges).
func (b *Bot) ensureRelease(ctx context.Context, p repohost.Pull, u unit, pub *Published) (rel repohost.Release, notes string, raced bool, err error) {
	v, tag := u.version, u.tag
	below := &pub.Below
	notes, pub.Late, pub.lateNotes, err = b.releaseNotes(ctx, p, u)
	if err != nil {
		return repohost.Release{}, "", false, err
	}
	if found, err := b.Host.ReleaseByTag(ctx, tag); err != nil || found != nil {
		if found != nil {
			return *found, notes, false, nil
		}
		return repohost.Release{}, "", false, err
	}
	latest, higher, err := b.isLatest(ctx, v, strings.TrimSuffix(tag, v.String()))
	if err != nil {
		return repohost.Release{}, "", false, err
	}
	rel, err = b.Host.CreateRelease(ctx, repohost.NewRelease{
		Tag: tag, Name: tag, Body: notes,
		Draft: b.Config.Release.Draft, Prerelease: v.IsPrerelease(), Latest: latest,
	})
	if errors.Is(err, repohost.ErrExists) {
		existing, ferr := b.Host.ReleaseByTag(ctx, tag)
		if ferr != nil || existing == nil {
			return repohost.Release{}, "", false, fmt.Errorf("creating release %s: %w", tag, err)
		}
		return *existing, notes, true, nil
	}
	if err != nil {
		return repohost.Release{}, "", false, fmt.Errorf("creating release %s: %w", tag, err)
	}
	b.log().Info(fmt.Sprintf("created %s %s: %s", releaseKind(rel), tag, rel.URL), "tag", tag, "url", rel.URL)
	if higher != "" {
		*below = higher
		b.log().Info(fmt.Sprintf("%s is below the latest release %s: not marked latest", tag, higher), "tag", tag, "latest", higher)
	}
	return rel, notes, false, nil
}

// isLatest says whether v may be marked the latest release: not a
// pre-release, and not below the current latest release; higher names
// that latest release when v is below it.
// prefix is the release's own tag prefix; the latest release is compared
// only when it is of the same line of tags (the same package), and a
// release of a line below it never takes "latest" from it.
func (b *Bot) isLatest(ctx context.Context, v semver.Version, prefix string) (ok bool, higher string, err error) {
	latest, err := b.Host.LatestRelease(ctx)
	if err != nil || latest == nil {
		return err == nil && !v.IsPrerelease(), "", err
	}
	rest, same := strings.CutPrefix(latest.Tag, prefix)
	lv, perr := semver.Parse(rest)
	if !same || perr != nil {
		// another package's release, or a tag releasebot did not make
		return !v.IsPrerelease(), "", nil
	}
	if semver.Less(v, lv) {
		return false, latest.Tag, nil
	}
	return !v.IsPrerelease(), "", nil
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
