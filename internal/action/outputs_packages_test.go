package action

import (
	"encoding/json"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/repohost"
)

// TestOutputsOfEveryPackage: a step that releases the root and two
// packages sets the plain outputs from the root's release, and the
// release-please-action names for the others.
func TestOutputsOfEveryPackage(t *testing.T) {
	rel := func(url string) repohost.Release {
		return repohost.Release{URL: "https://h/" + url, UploadURL: "https://u/" + url + "{?name,label}"}
	}
	rep := bot.Report{Published: []bot.Published{
		{Path: "sdk/go", Version: "0.4.0", Tag: "sdk/go/v0.4.0", SHA: "s1", Release: rel("go"), Pull: 3},
		{Path: ".", Version: "1.3.0", Tag: "v1.3.0", SHA: "s1", Release: rel("root"), Pull: 3},
		{Path: "web", Version: "2.0.0-rc.1", Tag: "web@2.0.0-rc.1", SHA: "s1", Release: repohost.Release{URL: "https://h/web", Prerelease: true}, Pull: 3},
	}}
	outs := outputValues(result{report: rep})
	got := map[string]string{}
	var names []string
	for _, o := range outs {
		if _, dup := got[o.name]; dup {
			t.Errorf("output %s written twice", o.name)
		}
		got[o.name] = o.value
		names = append(names, o.name)
	}
	want := map[string]string{
		"release_created": "true", "releases_created": "true", "tag_name": "v1.3.0", "version": "1.3.0", "major": "1", "minor": "3", "patch": "0",
		"html_url": "https://h/root", "paths_released": `["sdk/go",".","web"]`,
		"sdk/go--release_created": "true", "sdk/go--tag_name": "sdk/go/v0.4.0", "sdk/go--version": "0.4.0",
		"sdk/go--major": "0", "sdk/go--minor": "4", "sdk/go--patch": "0", "sdk/go--sha": "s1",
		"sdk/go--html_url": "https://h/go", "sdk/go--upload_url": "https://u/go{?name,label}",
		"web--release_created": "true", "web--tag_name": "web@2.0.0-rc.1", "web--major": "2", "web--upload_url": "",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if _, ok := got[".--tag_name"]; ok {
		t.Error("the root's release has the plain names, not .--*")
	}
	if len(names) != len(Outputs)+2*len(pathKeys) {
		t.Errorf("%d outputs: %v", len(names), names)
	}
	var releases []map[string]any
	if err := json.Unmarshal([]byte(got["releases"]), &releases); err != nil || len(releases) != 3 {
		t.Fatalf("releases %q: %v", got["releases"], err)
	}
	if r := releases[2]; r["path"] != "web" || r["prerelease"] != true || r["major"] != 2.0 || r["pr_number"] != 3.0 {
		t.Errorf("releases[2] = %v", r)
	}
}

// TestOutputsWithoutTheRoot: when only packages other than the root were
// released, the plain release outputs say nothing was.
func TestOutputsWithoutTheRoot(t *testing.T) {
	rep := bot.Report{Published: []bot.Published{{Path: "web", Version: "2.0.0", Tag: "web@2.0.0"}}}
	got := map[string]string{}
	for _, o := range outputValues(result{report: rep}) {
		got[o.name] = o.value
	}
	if got["release_created"] != "false" || got["tag_name"] != "" || got["releases_created"] != "true" ||
		got["web--release_created"] != "true" || got["paths_released"] != `["web"]` {
		t.Errorf("outputs %v", got)
	}
	got = map[string]string{}
	for _, o := range outputValues(result{}) {
		got[o.name] = o.value
	}
	if got["releases_created"] != "false" || got["paths_released"] != "[]" || got["releases"] != "[]" {
		t.Errorf("outputs of a step that released nothing: %v", got)
	}
}
