package release

import (
	"regexp"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// Tag is a git tag peeled to the commit it marks.
type Tag struct {
	Name   string
	Commit string
}

// TaggedVersion is a tag whose name is prefix + a SemVer version.
type TaggedVersion struct {
	Tag
	Version semver.Version
}

// VersionTags keeps the tags named prefix+SemVer ("v1.2.3", "v1.3.0-rc.1";
// not "latest", "release-2020" or "vNext") and sorts them from the highest
// precedence down. Tags of equal precedence (v1.2.3 and v1.2.3+build) keep
// a stable order by name.
func VersionTags(tags []Tag, prefix string) []TaggedVersion {
	var out []TaggedVersion
	for _, t := range tags {
		rest, ok := strings.CutPrefix(t.Name, prefix)
		if !ok {
			continue
		}
		v, err := semver.Parse(rest)
		if err != nil {
			continue
		}
		out = append(out, TaggedVersion{Tag: t, Version: v})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := semver.Compare(out[i].Version, out[j].Version); c != 0 {
			return c > 0
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// TagName is the tag of version v under prefix.
func TagName(prefix string, v semver.Version) string { return prefix + v.String() }

// otherLinePrefixes are the tag prefixes single-line projects commonly
// release under. Tags under one of them that do not match the configured
// prefix are a repository's releases that releasebot would not read.
var otherLinePrefixes = []string{"", "v", "V", "release-", "release/", "release_", "rel-", "version-", "ver-"}

// ForeignVersionTags returns the tags named p+SemVer for a common prefix p
// other than prefix ("1.5.0" or "release-1.5.0" when prefix is "v"),
// highest first. They are empty when prefix is a package's prefix
// ("sdk/v", "web-v"): the root's tags are not a package's.
func ForeignVersionTags(tags []Tag, prefix string) []TaggedVersion {
	if !isLinePrefix(prefix) {
		return nil
	}
	var out []TaggedVersion
	for _, p := range otherLinePrefixes {
		if p == prefix {
			continue
		}
		for _, tv := range VersionTags(tags, p) {
			// "v1.2.3" read under "" is not a SemVer version, and "1.2.3"
			// read under "v" does not match: each tag counts once.
			out = append(out, tv)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return semver.Compare(out[i].Version, out[j].Version) > 0 })
	return out
}

// PartialVersionTags returns the tags named prefix followed by a version
// with fewer than three numbers ("v1", "v1.2"), which look like releases but
// are not SemVer versions.
func PartialVersionTags(tags []Tag, prefix string) []Tag {
	var out []Tag
	for _, t := range tags {
		rest, ok := strings.CutPrefix(t.Name, prefix)
		if ok && partialVersion.MatchString(rest) {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name > out[j].Name })
	return out
}

var partialVersion = regexp.MustCompile(`^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$`)

func isLinePrefix(prefix string) bool {
	for _, p := range otherLinePrefixes {
		if p == prefix {
			return true
		}
	}
	return false
}
