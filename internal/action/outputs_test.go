package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
)

func TestOutputsFileFormat(t *testing.T) {
	delims := []string{"EOF", "EOF", "END"}
	next := func() string { d := delims[0]; delims = delims[1:]; return d }
	got := formatOutputs([]output{
		{"version", "1.2.3"},
		{"empty", ""},
		{"body", "### Fixed\n\n- a line that says EOF\n"},
		{"equals", "a=b"},
	}, next)
	want := "version=1.2.3\nempty=\nbody<<END\n### Fixed\n\n- a line that says EOF\n\nEND\nequals=a=b\n"
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	values, order, err := parseOutputs(got)
	if err != nil || values["body"] != "### Fixed\n\n- a line that says EOF\n" || values["equals"] != "a=b" || len(order) != 4 {
		t.Errorf("read back %q, %v, %v", values, order, err)
	}
}

func TestRandomDelimitersDiffer(t *testing.T) {
	a, b := randomDelim(), randomDelim()
	if a == b || !strings.HasPrefix(a, "releasebot_") || len(a) < 32 {
		t.Errorf("delimiters %q and %q", a, b)
	}
}

func TestOutputsAreAppended(t *testing.T) {
	path := filepath.Join(t.TempDir(), "output")
	if err := os.WriteFile(path, []byte("earlier=step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := appendFile(path, "release_created=false\n"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "earlier=step\nrelease_created=false\n" {
		t.Errorf("file holds %q", data)
	}
}

func TestOutputValuesOfTheLastRelease(t *testing.T) {
	next := semver.Version{Major: 2, Minor: 1}
	rep := bot.Report{
		Published: []bot.Published{
			{Version: "1.9.1", Tag: "v1.9.1", SHA: "aaa", Notes: "old"},
			{Version: "2.0.0-rc.1", Tag: "v2.0.0-rc.1", SHA: "bbb", Notes: "new\n", Release: repohost.Release{URL: "https://h/r", UploadURL: "https://u/r{?name,label}"}},
		},
		Pull: &repohost.Pull{Number: 7, URL: "https://h/p/7"},
		Plan: &plan.Result{Plan: release.Plan{Next: next, Level: semver.Minor, Releasable: true}, Body: "pending"},
	}
	got := map[string]string{}
	for _, o := range outputValues(result{report: rep}) {
		got[o.name] = o.value
	}
	want := map[string]string{
		"release_created": "true", "tag_name": "v2.0.0-rc.1", "version": "2.0.0-rc.1", "major": "2", "minor": "0", "patch": "0",
		"sha": "bbb", "html_url": "https://h/r", "upload_url": "https://u/r{?name,label}", "pr_number": "7", "pr_url": "https://h/p/7",
		"next_version": "2.1.0", "bump": "minor", "body": "new\n",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}
