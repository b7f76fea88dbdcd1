package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzParse checks, for any input, that Parse does not panic; that every
// error is an invalid-configuration error naming the file, with a line
// inside the input; and that a valid configuration passes Validate and survives yaml.Marshal and
// Parse unchanged.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yml")
	for _, file := range files {
		f.Add(readFile(f, file))
	}
	for _, s := range []string{
		"", "{}", "[]", "~", "tag-prefix: ''", "bump: {Feat: major, fix: none}",
		"changelog: {sections: {\"fix(sec)\": S, feat: ''}}",
		"version-files: [a, *x]", "a: &x [b]\nversion-files: *x",
		"tag-prefix: &a v\ninitial-version: *a", "? [a]\n: b", "!!map {a: b}",
		"bump: !!map {feat: major}", "version-files: !!seq [a]", "changelog: !!set {a}",
		"x: !!binary aGk=", "%YAML 1.1\n---\na: b", "tag-prefix: \"\\u0085\"",
		"changelog:\n  sections:\n    feat: \"\\t\"", "&a a: *a", "tag-prefix: v\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yml", data)
		if err != nil {
			checkFuzzError(t, data, err)
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("Parse accepted a config Validate rejects: %v", err)
		}
		out, err := yaml.Marshal(cfg)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := Parse("fuzz.yml", out)
		if err != nil {
			t.Fatalf("re-parsing the marshalled config\n%s\n%v", out, err)
		}
		if !reflect.DeepEqual(cfg, again) {
			t.Fatalf("round trip changed the config:\n%+v\n%+v", cfg, again)
		}
	})
}

func checkFuzzError(t *testing.T, data []byte, err error) {
	e := Invalid(err)
	if e == nil {
		t.Fatalf("%T is not an invalid-configuration error: %v", err, err)
	}
	if e.File != "fuzz.yml" || !strings.HasPrefix(err.Error(), "fuzz.yml") {
		t.Fatalf("error does not name the file: %v", err)
	}
	if lines := lineBreaks(data) + 1; e.Line < 0 || e.Line > lines {
		t.Fatalf("line %d outside the input's %d lines: %v", e.Line, lines, err)
	}
	if e.Msg == "" {
		t.Fatalf("empty message: %#v", e)
	}
}
