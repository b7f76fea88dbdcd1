package history

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

// maxOtherTags bounds the ancestry checks spent on tags of another naming.
const maxOtherTags = 8

// checkOtherTags keeps a plan from silently going below a release the
// repository already has: releases tagged under another common prefix
// ("1.5.0" when tag-prefix is "v") or with a partial version ("v1.2"),
// reachable from head and above current. With no current release (current
// nil) that is an error naming a few of the tags and the configuration that
// reads them; with one, a warning (the prefix was chosen, and a stray tag
// must not stop every run).
func checkOtherTags(ctx context.Context, r Reader, head, prefix string, tags []release.Tag, current *semver.Version) (warning string, err error) {
	var above []release.TaggedVersion
	for _, tv := range release.ForeignVersionTags(tags, prefix) {
		if current == nil || semver.Less(*current, tv.Version) {
			above = append(above, tv)
		}
	}
	found, _, err := reachable(ctx, r, head, above[:min(len(above), maxOtherTags)], false)
	if err != nil {
		return "", err
	}
	if found != nil {
		other := strings.TrimSuffix(found.Name, found.Version.String())
		msg := fmt.Sprintf("%s, but %s %s (tag-prefix %s reads them): set tag-prefix: %s in .github/releasebot.yml to continue from %s",
			describeCurrent(prefix, current), listTags(above, found), lookLike(len(above), "higher "), quote(other), quote(other), found.Name)
		if current != nil {
			return msg, nil
		}
		return "", errors.New(msg)
	}
	if current != nil {
		return "", nil
	}
	partial := release.PartialVersionTags(tags, prefix)
	for _, t := range partial[:min(len(partial), maxOtherTags)] {
		if _, ancestor, err := r.Since(ctx, head, t.Commit); err != nil {
			return "", err
		} else if ancestor {
			return "", fmt.Errorf("no tag is named %s<MAJOR.MINOR.PATCH>, but %s %s with a version that is not SemVer: "+
				"tag the last release in full (git tag %s %s^{}) and releasebot continues from it",
				prefix, listNames(partial, t.Name), lookLike(len(partial), ""), fullName(t.Name), t.Name)
		}
	}
	return "", nil
}

func describeCurrent(prefix string, current *semver.Version) string {
	if current == nil {
		return fmt.Sprintf("no tag is named %s<version>", prefix)
	}
	return fmt.Sprintf("the last release tagged %s<version> is %s%s", prefix, prefix, current)
}

func lookLike(n int, adjective string) string {
	if n == 1 {
		return "looks like a " + adjective + "release"
	}
	return "look like " + adjective + "releases"
}

// listTags names up to three tags, the reachable one first.
func listTags(tvs []release.TaggedVersion, first *release.TaggedVersion) string {
	names := []string{first.Name}
	for _, tv := range tvs {
		if tv.Name != first.Name && len(names) < 3 {
			names = append(names, tv.Name)
		}
	}
	if len(tvs) > len(names) {
		names = append(names, fmt.Sprintf("and %d more", len(tvs)-len(names)))
	}
	return strings.Join(names, ", ")
}

func listNames(tags []release.Tag, first string) string {
	tvs := make([]release.TaggedVersion, len(tags))
	for i, t := range tags {
		tvs[i] = release.TaggedVersion{Tag: t}
	}
	return listTags(tvs, &release.TaggedVersion{Tag: release.Tag{Name: first}})
}

// fullName completes a partial version tag: v1.2 -> v1.2.0, v1 -> v1.0.0.
func fullName(name string) string {
	dots := strings.Count(name, ".")
	return name + strings.Repeat(".0", 2-dots)
}

func quote(s string) string { return strconv.Quote(s) }
