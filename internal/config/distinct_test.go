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

func TestChannelsAndMaintenanceBranches(t *testing.T) {
	cfg, err := Parse("r.yml", []byte("channels:\n  next: rc\n  beta/*: beta\nmaintenance-branches:\n  - lts/<major>.x\n"))
	if err != nil || cfg.Channels["next"] != "rc" || len(cfg.MaintenanceBranches) != 1 {
		t.Fatalf("cfg %+v err %v", cfg, err)
	}
	if d := Default(); len(d.MaintenanceBranches) != 3 {
		t.Errorf("default maintenance branches %v", d.MaintenanceBranches)
	}
	for yml, want := range map[string]string{
		"channels:\n  next: \"1\"\n":                     "channels.next",
		"maintenance-branches:\n  - release/x\n":         "has no <major>",
		"maintenance-branches:\n  - r/<minor>.<major>\n": "puts <minor> before <major>",
	} {
		if _, err := Parse("r.yml", []byte(yml)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", yml, err, want)
		}
	}
}

func TestPackages(t *testing.T) {
	cfg, err := Parse("r.yml", []byte("packages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n    version-files: [version.go]\nlinked-versions:\n  - [root, gosdk]\nshared-commits: none\n"))
	if err != nil || len(cfg.Packages) != 2 || PackageName(cfg.Packages[0]) != "root" || PackageName(cfg.Packages[1]) != "gosdk" || cfg.SharedCommits != "none" {
		t.Fatalf("cfg %+v err %v", cfg.Packages, err)
	}
	for yml, want := range map[string]string{
		"packages:\n  - path: a\n  - path: a\n":                           "packages[1].path: \"a\" is listed twice",
		"packages:\n  - path: a\n    name: x\n  - path: b\n    name: x\n": "two packages are named \"x\"",
		"packages:\n  - path: /abs\n":                                     "packages[0].path",
		"packages:\n  - path: a\nlinked-versions: [[a, b]]\n":             "\"b\" is not the name of a package",
		"packages:\n  - path: a\n    colour: red\n":                       "unknown key \"packages[0].colour\"",
		"shared-commits: some\n":                                          "use root, all or none",
		"packages:\n  - a\n":                                              "packages[0]: expected a mapping",
	} {
		if _, err := Parse("r.yml", []byte(yml)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", yml, err, want)
		}
	}
}

func TestPackagesWriteEachFileOnce(t *testing.T) {
	for yml, want := range map[string]string{
		"packages:\n  - path: a\n    tag-prefix: p-\n  - path: b\n    tag-prefix: p-\n": `the tag prefix "p-" is also a's`,
		"packages:\n  - path: a\n    changelog: V.txt\n    version-file: V.txt\n":       "a/V.txt would be written twice",
		"packages:\n  - path: a\n    version-files: [CHANGELOG.md]\n":                   "a/CHANGELOG.md would be written twice",
		"version-files: [package.json]\npackages:\n  - path: a\n":                       "version-files applies to the root package",
		"packages:\n  - name: foo\n":                                                    "a package needs a path",
		"packages:\n  - path: a\nlinked-versions: [[a, a]]\n":                           "listed twice in this group",
	} {
		if _, err := Parse("r.yml", []byte(yml)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", yml, err, want)
		}
	}
	if _, err := Parse("r.yml", []byte("version-files: [package.json]\npackages:\n  - path: .\n  - path: a\n")); err != nil {
		t.Errorf("global version files with a root package: %v", err)
	}
}

// Listing the version file again in version-files is harmless: it is
// accepted and written once.
func TestTheVersionFileListedAgainIsWrittenOnce(t *testing.T) {
	cfg, err := Parse("releasebot.yml", []byte("version-files: [VERSION, package.json]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.VersionFiles) != 1 || cfg.VersionFiles[0] != "package.json" {
		t.Errorf("version-files = %q, want [package.json]", cfg.VersionFiles)
	}
}
