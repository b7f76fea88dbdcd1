package config

import (
	"strings"
	"testing"
)

// These rules span several keys, which JSON Schema cannot express, so they
// are tested here rather than in the schema-agreement examples.
func TestFilesWrittenTwiceAreRefused(t *testing.T) {
	cases := map[string]string{
		"changelog:\n  path: VERSION\n":                     `changelog.path: "VERSION" is also the version-file`,
		"version-files:\n  - VERSION\n":                     `version-files[0]: "VERSION" is already the version-file`,
		"version-files:\n  - a.txt\n  - CHANGELOG.md\n":     `version-files[1]: "CHANGELOG.md" is the changelog`,
		"version-files:\n  - .git/config\n":                 `files inside .git`,
		"changelog:\n  path: .git/notes.md\n":               `files inside .git`,
		"version-file: \"\"\nchangelog:\n  path: VERSION\n": "",
	}
	for yml, want := range cases {
		_, err := Parse("r.yml", []byte(yml))
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: unexpected error %v", yml, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: error %v, want it to contain %q", yml, err, want)
		}
	}
}

func TestLabelsMeanOneThing(t *testing.T) {
	_, err := Parse("r.yml", []byte("labels:\n  major: Release\n  minor: release\n"))
	if err == nil || !strings.Contains(err.Error(), `labels.minor: "release" is also labels.major`) {
		t.Errorf("err = %v", err)
	}
	cfg, err := Parse("r.yml", []byte("labels:\n  major: major\n"))
	if err != nil || cfg.Labels.Major != "major" || cfg.Labels.Minor != "release:minor" || cfg.PullRequest.Title != "chore(${branch}): release ${version}" {
		t.Errorf("cfg %+v err %v", cfg.Labels, err)
	}
}
