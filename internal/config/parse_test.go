package config

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
	"gopkg.in/yaml.v3"
)

func TestParseEmptyIsDefault(t *testing.T) {
	for _, in := range []string{"", "\n", "# just a comment\n", "---\n", "null\n", "~\n", "---\n...\n"} {
		got, err := Parse("r.yml", []byte(in))
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		want := Default()
		want.Path = "r.yml"
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q) = %+v, want defaults", in, got)
		}
	}
}

func TestParseFull(t *testing.T) {
	got, err := Parse("full.yml", readFile(t, "testdata/valid/full.yml"))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Path = "full.yml"
	want.Prerelease = "rc"
	want.VersionFiles = []string{"package.json", "deploy/chart/Chart.yaml"}
	want.Bump["deps"] = semver.Patch
	want.Changelog.Sections = map[string]string{"feat": "Added", "deps": "Dependencies"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseMergesAndLowers(t *testing.T) {
	got, err := Parse("c.yml", readFile(t, "testdata/valid/case-insensitive.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bump["feat"] != semver.Major || got.Bump["deps"] != semver.Patch || got.Bump["fix"] != semver.Patch {
		t.Errorf("Bump = %v", got.Bump)
	}
	want := map[string]string{"fix(security)": "Security fixes", "chore": "Maintenance"}
	if !reflect.DeepEqual(got.Changelog.Sections, want) {
		t.Errorf("Sections = %v, want %v", got.Changelog.Sections, want)
	}
	if h, _ := got.Changelog.SectionFor("fix", "security"); h != "Security fixes" {
		t.Errorf("SectionFor(fix, security) = %q", h)
	}
}

func TestParseNullsKeepDefaults(t *testing.T) {
	got, err := Parse("n.yml", []byte("version-files:\nbump:\nchangelog:\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Path = "n.yml"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
}

// TestParseErrors pins the exact messages users see.
func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tag_prefix: v\n", `f.yml:1: unknown key "tag_prefix"; did you mean "tag-prefix"?`},
		{"Tag-Prefix: v\n", `f.yml:1: unknown key "Tag-Prefix"; did you mean "tag-prefix"?`},
		{"changelog:\n  paht: x\n", `f.yml:2: unknown key "changelog.paht"; did you mean "changelog.path"?`},
		{"changelog:\n  tag-prefix: x\n", `f.yml:2: unknown key "changelog.tag-prefix"; did you mean "tag-prefix"?`},
		{"colour: blue\n", `f.yml:1: unknown key "colour"`},
		{"changelog:\n  format: markdown\n", `f.yml:2: changelog.format: "markdown" is not a known format; use keep-a-changelog or conventional`},
		{"bump:\n  Feat: minor\n  feat: patch\n", `f.yml:3: bump.feat: "Feat" (line 2) and "feat" (line 3) are the same commit type; types are case-insensitive`},
		{"changelog:\n  sections:\n    FIX: a\n    fix: b\n", `f.yml:4: changelog.sections.fix: "FIX" (line 3) and "fix" (line 4) are the same commit type; types are case-insensitive`},
		{"tag-prefix: v\ntag-prefix: w\n", `f.yml:2: tag-prefix: duplicate key; it is already set at line 1`},
		{"bump: {a: none, a: none}\n", `f.yml:1: bump.a: duplicate key; it is already set at line 1`},
		{"bump: [feat]\n", `f.yml:1: bump: expected a mapping, got a list`},
		{"bump:\n  feat: 1\n", `f.yml:2: bump.feat: expected a bump level (major, minor, patch or none), got the number 1`},
		{"version-files: [a, 2]\n", `f.yml:1: version-files[1]: expected a string, got the number 2; quote it ("2") if you mean text`},
		{"tag-prefix: true\n", `f.yml:1: tag-prefix: expected a string, got the boolean true; quote it ("true") if you mean text`},
		{"tag-prefix: !custom v\n", `f.yml:1: tag-prefix: expected a string, got a YAML value tagged !custom`},
		{"1: x\n", `f.yml:1: keys must be strings, not the number 1`},
		{"<<: {tag-prefix: v}\n", `f.yml:1: merge keys ("<<") are not supported; write the keys out`},
		{"42\n", `f.yml:1: the file must be a mapping of keys to values (such as "tag-prefix: v"), not the number 42`},
		{"a: b\n---\n", `f.yml:2: the file holds more than one YAML document (a second "---"); keep only one`},
		{"x: [\n", `f.yml:1: invalid YAML: did not find expected node content`},
		{"tag-prefix: v\n\x01\n", `f.yml:2: invalid YAML: control characters are not allowed`},
		{"tag-prefix: v\nbad: \xff\n", `f.yml:2: invalid YAML: invalid leading UTF-8 octet`},
		{"initial-version: 1.0.0-01\n", `f.yml:1: initial-version: not a SemVer version (MAJOR.MINOR.PATCH, such as 0.1.0): version "1.0.0-01": numeric pre-release identifier "01" has a leading zero`},
		{"tag-prefix: *nope\n", `f.yml:1: invalid YAML: unknown anchor 'nope' referenced`},
		// The problem earliest in the file is reported first.
		{"prerelease: '1'\ntag-prefix: 'a b'\n", `f.yml:1: prerelease: "1" is purely numeric; use a word such as rc, beta or alpha`},
	}
	for _, tt := range tests {
		_, err := Parse("f.yml", []byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q)\n got: %v\nwant: %s", tt.in, err, tt.want)
			continue
		}
		if e := Invalid(err); e == nil || e.File != "f.yml" || e.Line == 0 {
			t.Errorf("Parse(%q): %#v is not an invalid-configuration error with file and line", tt.in, err)
		}
	}
}

func TestErrorFields(t *testing.T) {
	_, err := Parse("f.yml", []byte("changelog:\n  format: markdown\n"))
	e := Invalid(err)
	if e == nil {
		t.Fatalf("%T is not an invalid-configuration error", err)
	}
	want := usererr.Error{File: "f.yml", Line: 2, Field: "changelog.format",
		Msg: `"markdown" is not a known format; use keep-a-changelog or conventional`}
	if *e != want {
		t.Errorf("got %#v, want %#v", *e, want)
	}
	if got := (&usererr.Error{Msg: "m"}).Error(); got != "m" {
		t.Errorf("bare Error() = %q", got)
	}
	if got := (&usererr.Error{File: "f", Field: "x", Msg: "m"}).Error(); got != "f: x: m" {
		t.Errorf("line-less Error() = %q", got)
	}
}

func TestValidateProgrammatic(t *testing.T) {
	c := Default()
	c.TagPrefix = "release v"
	err := c.Validate()
	want := `tag-prefix: "release v" is not a usable tag prefix: git tag names cannot contain spaces`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
	c = Default()
	c.Path = "p.yml"
	c.Bump["Bad Type"] = semver.Level(9)
	c.Changelog.Format = "x"
	err = c.Validate()
	if err == nil || !strings.HasPrefix(err.Error(), `p.yml: bump.Bad Type: "Bad Type" is not a commit type`) {
		t.Errorf("Validate() = %v", err)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	in := readFile(t, "testdata/valid/full.yml")
	c, err := Parse("f.yml", in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("f.yml", out)
	if err != nil {
		t.Fatalf("re-parsing\n%s: %v", out, err)
	}
	if !reflect.DeepEqual(c, again) {
		t.Errorf("round trip changed the config:\n%+v\n%+v", c, again)
	}
	var direct Config
	if err := yaml.Unmarshal([]byte("bump: {feat: huge}\n"), &direct); err == nil {
		t.Error("Bumps.UnmarshalYAML accepted an unknown level")
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ parent, key, want string }{
		{"", "tag_prefix", "tag-prefix"},
		{"", "tagprefix", "tag-prefix"},
		{"", "initial_version", "initial-version"},
		{"", "pre-release", "prerelease"},
		{"", "versionfiles", "version-files"},
		{"", "bumps", "bump"},
		{"", "sections", "changelog.sections"},
		{"changelog", "fromat", "changelog.format"},
		{"changelog", "prerelease", "prerelease"},
		{"", "something", ""},
		{"", "x", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.parent, tt.key); got != tt.want {
			t.Errorf("suggest(%q, %q) = %q, want %q", tt.parent, tt.key, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"path", "paht", 1},
		{"format", "formt", 1}, {"kitten", "sitting", 3}, {"ab", "ba", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
