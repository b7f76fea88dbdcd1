package main

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/safetext"
)

// TestPrintedTextHoldsNoControlCharacters: escape sequences in commit
// subjects and in the files a release rewrites (window titles, screen
// clears, colours, C1 controls, carriage returns) never reach the
// terminal, whatever the command prints them.
func TestPrintedTextHoldsNoControlCharacters(t *testing.T) {
	r := newRepo(t)
	r.write("CHANGELOG.md", "# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- \x1b[31mred\x1b[0m entry\r\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix(cli): \x1b]0;PWNED\x07\x1b[2Jclear screen\u009b31m and \x7fmore")
	r.commit("feat!: x\n\nBREAKING CHANGE: \x1b[2Jgone\rover")
	for _, args := range [][]string{{"plan"}, {"changelog"}, {"next", "--json"}, {"next"}, {"bump"}} {
		res := r.releasebot(args...)
		if res.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, res.code, res.stderr)
		}
		for name, out := range map[string]string{"stdout": res.stdout, "stderr": res.stderr} {
			if i := strings.IndexFunc(out, safetext.Control); i >= 0 {
				t.Errorf("%v printed %U on %s:\n%q", args, []rune(out[i:])[0], name, out)
			}
		}
		if args[0] == "plan" && !strings.Contains(res.stdout, "]0;PWNED[2Jclear screen31m and more") {
			t.Errorf("plan no longer shows the subject's text:\n%s", res.stdout)
		}
	}
	if cl := r.read("CHANGELOG.md"); strings.Contains(cl, "\x1b]0;") || strings.Contains(cl, "\x1b[2J") {
		t.Errorf("the escape sequences of the commits were written to CHANGELOG.md:\n%q", cl)
	}
}
