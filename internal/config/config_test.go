package config

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
)

func TestDefault(t *testing.T) {
	d := Default()
	if d.TagPrefix != "v" || d.InitialVersion != "0.1.0" || d.Prerelease != "" ||
		d.VersionFile != "VERSION" || d.VersionFiles != nil || d.BreakingAtZero != "minor" ||
		d.Changelog.Path != "CHANGELOG.md" || d.Changelog.Format != FormatKeepAChangelog ||
		d.Changelog.Sections != nil || d.Path != "" {
		t.Errorf("Default() = %+v", d)
	}
	want := Bumps{
		"feat": semver.Minor, "fix": semver.Patch, "perf": semver.Patch, "revert": semver.Patch,
		"docs": semver.None, "chore": semver.None, "style": semver.None, "refactor": semver.None,
		"test": semver.None, "build": semver.None, "ci": semver.None,
	}
	if !maps.Equal(d.Bump, want) {
		t.Errorf("Default().Bump = %v, want %v", d.Bump, want)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("Default().Validate() = %v", err)
	}
	d.Bump["feat"] = semver.Major
	if Default().Bump["feat"] != semver.Minor {
		t.Error("Default() shares its Bump map between calls")
	}
}

func TestDefaultSectionsAndOrder(t *testing.T) {
	kac := DefaultSections(FormatKeepAChangelog)
	if kac["fix(security)"] != "Security" || kac["perf"] != "Changed" || len(kac) != 8 {
		t.Errorf("keep-a-changelog sections = %v", kac)
	}
	conv := DefaultSections(FormatConventional)
	if conv["fix"] != "Bug Fixes" || len(conv) != 4 {
		t.Errorf("conventional sections = %v", conv)
	}
	if DefaultSections("markdown") != nil || SectionOrder("markdown") != nil {
		t.Error("an unknown format has sections or an order")
	}
	// Every default heading has a place in the canonical order, and the
	// order names no heading twice.
	for _, f := range Formats() {
		order := SectionOrder(f)
		if len(slices.Compact(slices.Sorted(slices.Values(order)))) != len(order) {
			t.Errorf("%s: order %v repeats a heading", f, order)
		}
		for typ, h := range DefaultSections(f) {
			if !slices.Contains(order, h) {
				t.Errorf("%s: heading %q of %q is missing from the order %v", f, h, typ, order)
			}
		}
	}
	want := []string{"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
	if got := SectionOrder(FormatKeepAChangelog); !slices.Equal(got, want) {
		t.Errorf("SectionOrder(keep-a-changelog) = %v", got)
	}
}

func TestEffectiveSections(t *testing.T) {
	c := Changelog{Format: FormatConventional, Sections: map[string]string{
		"Docs": "Documentation", "revert": "", "feat": "New",
	}}
	want := map[string]string{
		"feat": "New", "fix": "Bug Fixes", "perf": "Performance Improvements", "docs": "Documentation",
	}
	if got := c.EffectiveSections(); !maps.Equal(got, want) {
		t.Errorf("EffectiveSections() = %v, want %v", got, want)
	}
	if got := (Changelog{Format: "nope"}).EffectiveSections(); len(got) != 0 {
		t.Errorf("EffectiveSections() of an unknown format = %v", got)
	}
}

func TestSectionFor(t *testing.T) {
	c := Changelog{Format: FormatKeepAChangelog, Sections: map[string]string{
		"fix": "", "deps": "Dependencies", "feat(ui)": "Interface",
	}}
	tests := []struct {
		typ, scope, want string
		ok               bool
	}{
		{"feat", "", "Added", true},
		{"FEAT", "UI", "Interface", true},
		{"feat", "api", "Added", true},
		{"fix", "", "", false},
		{"fix", "security", "Security", true},
		{"Deps", "", "Dependencies", true},
		{"chore", "", "", false},
	}
	for _, tt := range tests {
		got, ok := c.SectionFor(tt.typ, tt.scope)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SectionFor(%q, %q) = %q, %v; want %q, %v", tt.typ, tt.scope, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLevels(t *testing.T) {
	c := Default()
	if c.BumpLevel("FEAT") != semver.Minor || c.BumpLevel("unknown") != semver.None {
		t.Error("BumpLevel is wrong")
	}
	if c.BreakingLevel() != semver.Minor {
		t.Error("default BreakingLevel is not minor")
	}
	c.BreakingAtZero = "major"
	if c.BreakingLevel() != semver.Major {
		t.Error("BreakingLevel of major is not major")
	}
}

// TestDefaultsInOnePlace guards the contract that Parse of an empty file and
// Default() agree field for field.
func TestDefaultsInOnePlace(t *testing.T) {
	got, err := Parse("x.yml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Path = "x.yml"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(empty) = %+v, want %+v", got, want)
	}
}
