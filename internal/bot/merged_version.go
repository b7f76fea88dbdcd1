package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/versionfile"
)

// mergedVersion is the release a merged pull request stands for, as its
// files say: when people set another version in the version file on the
// release branch and the pull request was merged before a run applied it,
// the version merged is the one released (its tag follows). A version file
// that is missing, unreadable, not SemVer, or not above every release
// tagged under the same prefix (tags, by name) leaves u as the marker says.
func (b *Bot) mergedVersion(ctx context.Context, p repohost.Pull, u unit, tags map[string]string) (unit, error) {
	path := b.Config.VersionFile
	if path == "" || p.MergeSHA == "" || u.dir != "." && u.dir != "" {
		return u, nil
	}
	content, err := b.fileOrNil(ctx, p.MergeSHA, path)
	if err != nil || content == nil {
		return u, err
	}
	text, err := versionfile.ReadAs(versionfile.Plain, path, content)
	if err != nil {
		return u, nil
	}
	v, err := semver.Parse(strings.TrimSpace(text))
	if err != nil || v.String() == u.version.String() {
		return u, nil
	}
	prefix := strings.TrimSuffix(u.tag, u.version.String())
	var known []release.Tag
	for name, commit := range tags {
		known = append(known, release.Tag{Name: name, Commit: commit})
	}
	if tagged := release.VersionTags(known, prefix); len(tagged) > 0 && !semver.Less(tagged[0].Version, v) {
		b.log().Warn(fmt.Sprintf("#%d was merged with %s %s, not above %s: releasing %s as its pull request said", p.Number, path, v, tagged[0].Name, u.tag),
			"pull", p.Number, "version", v.String(), "tag", u.tag)
		return u, nil
	}
	tag := release.TagName(prefix, v)
	b.log().Info(fmt.Sprintf("#%d was merged with %s %s, not %s: releasing %s", p.Number, path, v, u.version, tag),
		"pull", p.Number, "version", v.String(), "tag", tag)
	u.heading = u.version.String()
	u.version, u.tag = v, tag
	return u, nil
}

// remark rewrites the marker of a merged pull request to name u's version
// and tag.
func (b *Bot) remark(ctx context.Context, p *repohost.Pull, u unit) error {
	m, ok := ParseMarker(p.Body)
	if !ok {
		return nil
	}
	m.Version, m.Tag = u.version.String(), u.tag
	body := strings.Replace(p.Body, markerFor(p.Body), m.String(), 1)
	edited, err := b.Host.EditPull(ctx, p.Number, p.Title, body, "")
	if err != nil {
		return fmt.Errorf("recording %s on #%d: %w", u.tag, p.Number, err)
	}
	p.Body = edited.Body
	return nil
}
