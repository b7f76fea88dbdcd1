package action

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/semver"
)

// The outputs of every release a step published, under
// release-please-action's names so that a workflow migrates as it is:
// releases_created, paths_released (a JSON array of package paths, "."
// for the root), releases (JSON, one object per release), and for each
// package path other than the root "<path>--release_created",
// "<path>--tag_name" and so on; the root's release has the plain names.

// pathKeys are the per-path outputs, after "<path>--".
var pathKeys = []string{"release_created", "tag_name", "version", "major", "minor", "patch", "sha", "html_url", "upload_url"}

// releaseJSON is one entry of the releases output.
type releaseJSON struct {
	Path       string `json:"path"`
	TagName    string `json:"tag_name"`
	Version    string `json:"version"`
	Major      *int   `json:"major"`
	Minor      *int   `json:"minor"`
	Patch      *int   `json:"patch"`
	SHA        string `json:"sha"`
	HTMLURL    string `json:"html_url"`
	UploadURL  string `json:"upload_url"`
	Draft      bool   `json:"draft"`
	Prerelease bool   `json:"prerelease"`
	PRNumber   int    `json:"pr_number,omitempty"`
}

// pathOf is the package path of a release, "." for the root.
func pathOf(p bot.Published) string {
	if p.Path == "" {
		return "."
	}
	return p.Path
}

// rootRelease is the last release of the root package, which the plain
// release outputs describe.
func rootRelease(pubs []bot.Published) (bot.Published, bool) {
	for i := len(pubs) - 1; i >= 0; i-- {
		if pathOf(pubs[i]) == "." {
			return pubs[i], true
		}
	}
	return bot.Published{}, false
}

// numbers are the version's numbers as output values, "" when the version
// cannot be read.
func numbers(version string) (major, minor, patch string) {
	v, err := semver.Parse(version)
	if err != nil {
		return "", "", ""
	}
	return fmt.Sprint(v.Major), fmt.Sprint(v.Minor), fmt.Sprint(v.Patch)
}

// setReleases sets releases_created, paths_released and releases.
func setReleases(v map[string]string, pubs []bot.Published) {
	v["releases_created"] = fmt.Sprint(len(pubs) > 0)
	paths := []string{}
	entries := []releaseJSON{}
	for _, p := range pubs {
		if !slices.Contains(paths, pathOf(p)) {
			paths = append(paths, pathOf(p))
		}
		e := releaseJSON{
			Path: pathOf(p), TagName: p.Tag, Version: p.Version, SHA: p.SHA,
			HTMLURL: p.Release.URL, UploadURL: p.Release.UploadURL,
			Draft: p.Release.Draft, Prerelease: p.Release.Prerelease, PRNumber: p.Pull,
		}
		if ver, err := semver.Parse(p.Version); err == nil {
			major, minor, patch := int(ver.Major), int(ver.Minor), int(ver.Patch)
			e.Major, e.Minor, e.Patch = &major, &minor, &patch
		}
		entries = append(entries, e)
	}
	data, _ := json.Marshal(paths) // strings only: cannot fail
	v["paths_released"] = string(data)
	data, _ = json.Marshal(entries)
	v["releases"] = string(data)
}

// pathOutputs are the "<path>--KEY" outputs of each package path other
// than the root that the step released, in the order released; a path
// released twice is described by its last release.
func pathOutputs(pubs []bot.Published) []output {
	last := map[string]bot.Published{}
	var order []string
	for _, p := range pubs {
		path := pathOf(p)
		if path == "." {
			continue
		}
		if _, seen := last[path]; !seen {
			order = append(order, path)
		}
		last[path] = p
	}
	var out []output
	for _, path := range order {
		p := last[path]
		major, minor, patch := numbers(p.Version)
		values := map[string]string{
			"release_created": "true", "tag_name": p.Tag, "version": p.Version, "major": major, "minor": minor, "patch": patch,
			"sha": p.SHA, "html_url": p.Release.URL, "upload_url": p.Release.UploadURL,
		}
		for _, k := range pathKeys {
			out = append(out, output{path + "--" + k, values[k]})
		}
	}
	return out
}
