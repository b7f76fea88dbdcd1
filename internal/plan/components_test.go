package plan

import (
	"sort"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/semver"
)

func components(t *testing.T, yml string) ([]Component, config.Config) {
	t.Helper()
	cfg, err := config.Parse("r.yml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	return Components(cfg), cfg
}

func TestComponentsPlaceFilesInTheirPackage(t *testing.T) {
	comps, _ := components(t, "tag-prefix: rel-\npackages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n    version-files: [version.go]\n  - path: web\n    tag-prefix: web@\n    changelog: HISTORY.md\n")
	got := map[string]string{}
	for _, c := range comps {
		got[c.Name] = strings.Join([]string{c.Config.TagPrefix, c.Config.VersionFile, c.Config.Changelog.Path, strings.Join(c.Config.VersionFiles, ",")}, "|")
	}
	want := map[string]string{
		"root":  "rel-|VERSION|CHANGELOG.md|",
		"gosdk": "sdk/go/v|sdk/go/VERSION|sdk/go/CHANGELOG.md|sdk/go/version.go",
		"web":   "web@|web/VERSION|web/HISTORY.md|",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s, want %s", name, got[name], w)
		}
	}
}

func TestOwners(t *testing.T) {
	comps, _ := components(t, "packages:\n  - path: .\n  - path: sdk\n  - path: sdk/go\n")
	noRoot, _ := components(t, "packages:\n  - path: sdk\n  - path: web\n")
	cases := []struct {
		comps  []Component
		shared string
		paths  []string
		want   string
	}{
		{comps, "root", []string{"sdk/go/a.go"}, "sdk/go"},
		{comps, "root", []string{"sdk/a.go"}, "sdk"},
		{comps, "root", []string{"sdkx/a.go"}, "root"},
		{comps, "root", []string{"README.md", "sdk/go/x"}, "root sdk/go"},
		{comps, "root", nil, "root"},
		{noRoot, "root", []string{"tools/x"}, ""},
		{noRoot, "all", []string{"tools/x"}, "sdk web"},
		{noRoot, "all", []string{"tools/x", "web/y"}, "sdk web"},
		{noRoot, "none", []string{"tools/x", "web/y"}, "web"},
	}
	for _, c := range cases {
		var got []string
		for name := range Owners(c.paths, c.comps, c.shared) {
			got = append(got, name)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("Owners(%v, %s) = %v, want %s", c.paths, c.shared, got, c.want)
		}
	}
}

func TestGoModuleProblem(t *testing.T) {
	read := func(mod string) func(string) ([]byte, error) {
		return func(string) ([]byte, error) { return []byte("module " + mod + "\n\ngo 1.22\n"), nil }
	}
	cases := []struct {
		module, version, want string
	}{
		{"example.com/m", "1.9.0", ""},
		{"example.com/m", "2.0.0", `"module example.com/m/v2"`},
		{"example.com/m/v2", "2.3.0", ""},
		{"example.com/m/v2", "3.0.0", `"module example.com/m/v3"`},
		{"gopkg.in/yaml.v3", "3.1.0", ""},
		{"gopkg.in/yaml.v3", "4.0.0", `"module gopkg.in/yaml.v4"`},
	}
	for _, c := range cases {
		got := GoModuleProblem("sub", semver.MustParse(c.version), read(c.module))
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s at %s: %q, want %q", c.module, c.version, got, c.want)
		}
	}
}
