package release

import (
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
