package semver

import (
	"strings"
	"testing"
)

// The precedence chain given as an example in SemVer 2.0.0 section 11.
var specOrder = []string{
	"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
	"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
	"2.0.0", "2.1.0", "2.1.1",
}

func TestCompareFollowsSpecExamples(t *testing.T) {
	for i := range specOrder {
		for j := range specOrder {
			a, b := MustParse(specOrder[i]), MustParse(specOrder[j])
			want := cmpUint(uint64(i), uint64(j))
			if got := Compare(a, b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestBuildMetadataIsIgnoredInPrecedence(t *testing.T) {
	pairs := [][2]string{
		{"1.0.0-alpha+001", "1.0.0-alpha"},
		{"1.0.0+20130313144700", "1.0.0"},
		{"1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+other"},
		{"1.0.0+21AF26D3----117B344092BD", "1.0.0"},
	}
	for _, p := range pairs {
		if c := Compare(MustParse(p[0]), MustParse(p[1])); c != 0 {
			t.Errorf("Compare(%s, %s) = %d, want 0", p[0], p[1], c)
		}
	}
}

func TestNumericIdentifiersBeyondUint64StillOrder(t *testing.T) {
	a := MustParse("1.0.0-rc.99999999999999999999")
	b := MustParse("1.0.0-rc.100000000000000000000")
	if !Less(a, b) {
		t.Errorf("want %s < %s", a, b)
	}
}

func TestParseRoundTripsValidVersions(t *testing.T) {
	valid := []string{
		"0.0.0", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta",
		"1.1.2+meta-valid", "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta",
		"1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
		"1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
		"1.0.0-rc.1+build.1", "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT",
		"1.2.3-SNAPSHOT-123", "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-0A.is.legal",
		"1.0.0+0.build.1-rc.10000aaa-kk-0.1", "99999999999999999.999999999999999999.9999999999999999",
		"1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.0.0+001",
	}
	for _, s := range valid {
		v, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if v.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, v.String())
		}
	}
}

func TestParseRejectsInvalidVersions(t *testing.T) {
	invalid := []string{
		"", "1", "1.2", "1.2.3-", "1.2.3+", "1.2.3-0123", "1.2.3-0123.0123",
		"1.1.2+.123", "+invalid", "-invalid", "-invalid+invalid", "alpha",
		"alpha.beta.1", "1.0.0-alpha_beta", "1.0.0-alpha..", "1.0.0-alpha..1",
		"01.1.1", "1.01.1", "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "v1.2.3",
		"1.2.3-rc.1+build..1", " 1.2.3", "1.2.3 ", "99999999999999999999.0.0",
		"1.2.3-beta.!", "1.0.0-é",
	}
	for _, s := range invalid {
		if v, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", s, v)
		} else if !strings.Contains(err.Error(), "version") {
			t.Errorf("Parse(%q) error %q does not say what it was reading", s, err)
		}
	}
}

func TestBump(t *testing.T) {
	cases := []struct {
		from  string
		level Level
		want  string
	}{
		{"1.2.3", Major, "2.0.0"},
		{"1.2.3", Minor, "1.3.0"},
		{"1.2.3", Patch, "1.2.4"},
		{"1.2.3", None, "1.2.3"},
		{"1.2.3+build.7", Patch, "1.2.4"},
		{"1.3.0-rc.1", Minor, "1.3.0"},
		{"1.3.0-rc.1", Patch, "1.3.0"},
		{"1.3.0-rc.1", Major, "2.0.0"},
		{"2.0.0-rc.1", Major, "2.0.0"},
		{"2.0.0-rc.1", Minor, "2.0.0"},
		{"1.2.4-rc.1", Minor, "1.3.0"},
		{"0.9.9", Major, "1.0.0"},
	}
	for _, c := range cases {
		if got := MustParse(c.from).Bump(c.level).String(); got != c.want {
			t.Errorf("%s bumped %s = %s, want %s", c.from, c.level, got, c.want)
		}
	}
}

func TestPreNumber(t *testing.T) {
	v := MustParse("1.3.0").WithPre("rc", 4)
	if v.String() != "1.3.0-rc.4" {
		t.Fatalf("WithPre = %s", v)
	}
	if n, ok := v.PreNumber("rc"); !ok || n != 4 {
		t.Errorf("PreNumber(rc) = %d, %v", n, ok)
	}
	for _, s := range []string{"1.3.0-beta.4", "1.3.0-rc", "1.3.0-rc.4.1", "1.3.0-rc.x", "1.3.0"} {
		if _, ok := MustParse(s).PreNumber("rc"); ok {
			t.Errorf("PreNumber(rc) of %s reported ok", s)
		}
	}
}

func TestParseLevel(t *testing.T) {
	for _, l := range []Level{None, Patch, Minor, Major} {
		got, ok := ParseLevel(l.String())
		if !ok || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", l.String(), got, ok)
		}
	}
	if _, ok := ParseLevel("huge"); ok {
		t.Error("ParseLevel accepted huge")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range append(specOrder, "1.0.0+001", "1.2.3-0123", "v1", "1.2.3-rc.1+b") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		if v.String() != s {
			t.Fatalf("Parse(%q).String() = %q: valid versions must round-trip", s, v.String())
		}
		again := MustParse(v.String())
		if Compare(v, again) != 0 || Compare(again, v) != 0 {
			t.Fatalf("Compare is not reflexive for %q", s)
		}
		core := v.Core()
		if v.IsPrerelease() && !Less(v, core) {
			t.Fatalf("%s must rank below its release %s", v, core)
		}
	})
}
