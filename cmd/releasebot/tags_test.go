package main

import (
	"strings"
	"testing"
)

// A repository whose releases are tagged under another naming than
// tag-prefix must never be answered with a first release: the run stops and
// says which configuration reads the tags.
func TestReleasesTaggedUnderAnotherPrefixStopTheRun(t *testing.T) {
	cases := []struct {
		name string
		tags []string
		want []string
	}{
		{"no prefix", []string{"1.4.0", "1.5.0"}, []string{"1.5.0, 1.4.0", `set tag-prefix: ""`, "continue from 1.5.0"}},
		{"release- prefix", []string{"release-1.5.0"}, []string{"release-1.5.0", `set tag-prefix: "release-"`}},
		{"partial versions", []string{"v1.1", "v1.2"}, []string{"v1.2, v1.1", "not SemVer", "git tag v1.2.0 v1.2^{}"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRepo(t)
			r.commit("chore: init")
			for _, tag := range c.tags {
				r.tag(tag)
			}
			r.commit("fix: b")
			for _, cmd := range []string{"next", "plan", "changelog"} {
				res := r.releasebot(cmd)
				if res.code == 0 {
					t.Fatalf("%s: exit 0, stdout %q; want a refusal", cmd, res.stdout)
				}
				for _, w := range c.want {
					if !strings.Contains(res.stderr, w) {
						t.Errorf("%s: stderr %q lacks %q", cmd, res.stderr, w)
					}
				}
			}
		})
	}
}

// The configuration that the refusal names does read the tags.
func TestTheNamedConfigurationReadsTheTags(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("1.5.0")
	r.commit("fix: b")
	r.write(".github/releasebot.yml", "tag-prefix: \"\"\n")
	if got := r.next(); got != "1.5.1" {
		t.Errorf("next = %s, want 1.5.1", got)
	}
}

// Tags of another naming that are not reachable, or below the current
// release, are history: no warning, no refusal.
func TestOtherTagsBelowOrElsewhereAreQuiet(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("1.0.0")
	r.tag("v1.1.0")
	r.git("checkout", "-q", "-b", "side")
	r.commit("feat: elsewhere")
	r.tag("9.0.0")
	r.git("checkout", "-q", "main")
	r.commit("fix: b")
	res := r.releasebot("next")
	if res.code != 0 || strings.TrimSpace(res.stdout) != "1.1.1" || res.stderr != "" {
		t.Errorf("next: exit %d, stdout %q, stderr %q; want 1.1.1 and no warning", res.code, res.stdout, res.stderr)
	}
}

// A higher release under another prefix than the one configured is said,
// not hidden, but does not stop the run: the prefix was chosen.
func TestAHigherReleaseUnderAnotherPrefixIsAWarning(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.tag("2.1.0")
	r.commit("fix: b")
	res := r.releasebot("next")
	if res.code != 0 || strings.TrimSpace(res.stdout) != "1.0.1" {
		t.Fatalf("next: exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	for _, w := range []string{"warning:", "2.1.0", `set tag-prefix: ""`} {
		if !strings.Contains(res.stderr, w) {
			t.Errorf("stderr %q lacks %q", res.stderr, w)
		}
	}
}
