package main

import (
	"strings"
	"testing"
)

func TestExitCodesAndMessages(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	cases := []struct {
		name  string
		setup func()
		args  []string
		code  int
		want  string
	}{
		{"unknown command", nil, []string{"frobnicate"}, exitUsage, "unknown command"},
		{"bad flag", nil, []string{"next", "--nope"}, exitUsage, "flag provided but not defined"},
		{"stray argument", nil, []string{"next", "extra"}, exitUsage, "unexpected argument"},
		{"unknown config key", func() { r.write(".github/releasebot.yml", "tag_prefix: v\n") }, []string{"next"}, exitUsage, "did you mean \"tag-prefix\""},
		{"yaml syntax", func() { r.write(".github/releasebot.yml", "tag-prefix: [\n") }, []string{"next"}, exitUsage, ".github/releasebot.yml"},
		{"missing explicit config", func() { r.write(".github/releasebot.yml", "") }, []string{"next", "--config", "/nonexistent/x.yml"}, exitUsage, "/nonexistent/x.yml"},
		{"bad prerelease flag", nil, []string{"next", "--prerelease", "r c"}, exitUsage, "--prerelease"},
		{"bad VERSION file", func() {
			r.write("VERSION", "one point two\n")
			r.git("add", "VERSION")
			r.git("commit", "-q", "-m", "chore: version")
		}, []string{"next"}, exitFailure, "VERSION"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setup != nil {
				c.setup()
			}
			res := r.releasebot(c.args...)
			if res.code != c.code || !strings.Contains(res.stderr, c.want) {
				t.Errorf("exit %d, want %d; stderr %q should contain %q", res.code, c.code, res.stderr, c.want)
			}
			if strings.Contains(res.stderr, "goroutine") || strings.Count(strings.TrimSpace(res.stderr), "\n") > 0 {
				t.Errorf("stderr is not one clear sentence: %q", res.stderr)
			}
		})
	}
}

func TestNotARepository(t *testing.T) {
	var errb strings.Builder
	code := run([]string{"next", "-C", t.TempDir()}, &env{stdout: new(strings.Builder), stderr: &errb, getenv: func(string) string { return "" }})
	if code != exitFailure || !strings.Contains(errb.String(), "git repository") {
		t.Errorf("exit %d: %q", code, errb.String())
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"next", "--help"}, {"help", "bump"}, {"--version"}} {
		var out, errb strings.Builder
		code := run(args, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
		if code != exitOK || out.Len()+errb.Len() == 0 {
			t.Errorf("%v: exit %d, no output", args, code)
		}
	}
}
