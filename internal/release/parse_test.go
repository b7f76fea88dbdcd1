package release

import (
	"reflect"
	"testing"
)

func parseOne(t *testing.T, msg string) []Change {
	t.Helper()
	out := ParseCommit(Commit{Hash: "abc", Message: msg})
	for i := range out {
		out[i].Commit = Commit{}
		// BreakingNote holds the same text; TestBreakingNotesOnePerFooter
		// checks the split.
		out[i].BreakingNotes = nil
	}
	return out
}

func TestBreakingNotesOnePerFooter(t *testing.T) {
	got := ParseCommit(Commit{Message: "feat!: x\n\nBREAKING CHANGE: one\n  continued\nBREAKING-CHANGE:\nBREAKING CHANGE: two\nRefs: #1"})
	want := []string{"one\n  continued", "two"}
	if len(got) != 1 || !reflect.DeepEqual(got[0].BreakingNotes, want) || got[0].BreakingNote != "one\n  continued\n\ntwo" {
		t.Fatalf("got %+v", got)
	}
}

func TestParseCommit(t *testing.T) {
	cases := []struct {
		name string
		msg  string
		want []Change
	}{
		{"plain feat", "feat: add x", []Change{{Type: "feat", Description: "add x"}}},
		{"trailing newline", "feat: add x\n", []Change{{Type: "feat", Description: "add x"}}},
		{"CRLF and blank lines", "fix(api): y\r\n\r\nbody\r\n\r\n\r\n", []Change{{Type: "fix", Scope: "api", Description: "y"}}},
		{"type is case-insensitive, the scope keeps its case", "FEAT(Cli)!: Hello", []Change{{Type: "feat", Scope: "Cli", Description: "Hello", Breaking: true}}},
		{"Fix with capital", "Fix: wrong casing in type", []Change{{Type: "fix", Description: "wrong casing in type"}}},
		{"squash PR suffix", "feat(ui): add button (#123)", []Change{{Type: "feat", Scope: "ui", Description: "add button", PR: 123}}},
		{"two PR suffixes keep the last", "fix: y (#12) (#34)", []Change{{Type: "fix", Description: "y", PR: 34}}},
		{"body right after subject", "feat: a\nbody right after", []Change{{Type: "feat", Description: "a"}}},
		{"breaking footer", "feat: a\n\nBREAKING CHANGE: config moved", []Change{{Type: "feat", Description: "a", Breaking: true, BreakingNote: "config moved"}}},
		{"breaking hyphen footer", "fix: a\n\nBREAKING-CHANGE: y", []Change{{Type: "fix", Description: "a", Breaking: true, BreakingNote: "y"}}},
		{"breaking note in full", "feat: a\n\nBREAKING CHANGE: config moved\n  to a new place.\n\nRun migrate.\nSigned-off-by: A <a@b.c>",
			[]Change{{Type: "feat", Description: "a", Breaking: true, BreakingNote: "config moved\n  to a new place.\n\nRun migrate."}}},
		{"empty description with footer", "feat!:\n\nBREAKING CHANGE: drop Go 1.20", []Change{{Type: "feat", Description: "drop Go 1.20", Breaking: true, BreakingNote: "drop Go 1.20"}}},
		{"empty description space", "feat: \n\nBREAKING CHANGE: big", []Change{{Type: "feat", Description: "big", Breaking: true, BreakingNote: "big"}}},
		{"github revert", "Revert \"feat: x\"\n\nThis reverts commit abc.", []Change{{Type: "revert", Description: "feat: x", Reverts: &Change{Type: "feat", Description: "x"}}}},
		{"github revert squashed", "Revert \"feat: x\" (#9)", []Change{{Type: "revert", Description: "feat: x", PR: 9, Reverts: &Change{Type: "feat", Description: "x"}}}},
		{"github revert of a plain subject", "Revert \"Update README\"", []Change{{Type: "revert", Description: "Update README", Reverts: &Change{Description: "Update README"}}}},
		{"github revert of a squashed chore", "Revert \"chore: x (#3)\" (#4)", []Change{{Type: "revert", Description: "chore: x (#3)", PR: 4, Reverts: &Change{Type: "chore", Description: "x"}}}},
		{"conventional revert", "revert: feat: x", []Change{{Type: "revert", Description: "feat: x", Reverts: &Change{Type: "feat", Description: "x"}}}},
		{"conventional revert of prose", "revert: the login change", []Change{{Type: "revert", Description: "the login change"}}},
		{"release-as", "chore: release 2.0.0\n\nRelease-As: 2.0.0", []Change{{Type: "chore", Description: "release 2.0.0", ReleaseAs: "2.0.0"}}},
		{"release-as lower case with v", "fix: x\n\nrelease-as: v3.1.0", []Change{{Type: "fix", Description: "x", ReleaseAs: "3.1.0"}}},
		{"squash bullets under a plain title", "Add login page (#7)\n\n* feat: login form\n\n* fix(auth): token refresh\n\n* wip",
			[]Change{{Type: "feat", Description: "login form", PR: 7}, {Type: "fix", Scope: "auth", Description: "token refresh", PR: 7}}},
		{"conventional title wins over bullets", "fix: x (#8)\n\n* feat: y\n\n* fix: x", []Change{{Type: "fix", Description: "x", PR: 8}}},
		{"breaking bullet", "Big change\n\n* feat!: drop v1", []Change{{Type: "feat", Description: "drop v1", Breaking: true}}},
		{"breaking footer of a squash body", "Big PR (#42)\n\n* feat: add a\n\n* fix: b\n\nBREAKING CHANGE: removed c\n\n---------\n\nCo-authored-by: X <x@y.z>",
			[]Change{{Type: "feat", Description: "add a", PR: 42, Breaking: true, BreakingNote: "removed c"}, {Type: "fix", Description: "b", PR: 42}}},
		{"breaking bullet under a conventional title is history", "feat: x (#8)\n\n* feat!: drop v1\n\n* fix: y",
			[]Change{{Type: "feat", Description: "x", PR: 8}}},
		{"dash bullets are not squash bullets", "Update deps\n\n- feat!: drop v1\n-   fix: y", nil},
		{"empty footer and empty description", "feat!: \n\nBREAKING CHANGE:", []Change{{Type: "feat", Breaking: true}}},
		{"empty footer still breaks", "fix: a\n\nBREAKING CHANGE:", []Change{{Type: "fix", Description: "a", Breaking: true}}},
		{"unknown type", "deps: bump x", []Change{{Type: "deps", Description: "bump x"}}},
		{"breaking footer under a plain title", "Update the API (#12)\n\nSome prose.\n\nBREAKING CHANGE: the old name is gone",
			[]Change{{Description: "Update the API", PR: 12, Breaking: true, BreakingNote: "the old name is gone"}}},
		{"merge subject", "Merge pull request #5 from x/y", nil},
		{"missing space", "feat:missing space", nil},
		{"missing colon", "chore(deps) missing colon", nil},
		{"no colon", "FEAT add thing", nil},
		{"wip", "WIP", nil},
		{"empty", "", nil},
		{"only blank", "\n\n \r\n", nil},
		{"quoted type", "feat\"x: y", nil},
		{"double scope", "feat(a)(b): x", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseOne(t, c.msg)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("ParseCommit(%q)\n got %+v\nwant %+v", c.msg, got, c.want)
			}
		})
	}
}

func TestMergeCommitsAreNotTriggers(t *testing.T) {
	if got := ParseCommit(Commit{Message: "feat: looks conventional", Merge: true}); got != nil {
		t.Errorf("merge commit parsed as %+v", got)
	}
}

func TestParseCommitKeepsTheCommit(t *testing.T) {
	c := Commit{Hash: "deadbeef", Message: "fix: x", Author: "A"}
	got := ParseCommit(c)
	if len(got) != 1 || got[0].Commit != c {
		t.Fatalf("got %+v", got)
	}
}

func FuzzParseCommit(f *testing.F) {
	seeds := []string{
		"feat: x", "feat!:\n\nBREAKING CHANGE: y", "Revert \"fix: z\" (#3)", "fix: a\r\n\r\nRelease-As: 1.2.3",
		"Squash\n\n* feat: a\n- fix(b): c (#4)", "feat(: x", "feat(a)!: \n", ": x", "(#1)", "x (#99999999999999999999)",
		"BREAKING CHANGE: only a footer", "feat: a\n\nBREAKING CHANGE:\n\nBREAKING-CHANGE: b\nRefs: #1",
	}
	for _, s := range seeds {
		f.Add(s, false)
	}
	f.Add("feat: merged", true)
	f.Fuzz(func(t *testing.T, msg string, merge bool) {
		changes := ParseCommit(Commit{Hash: "h", Message: msg, Merge: merge})
		for _, c := range changes {
			if c.Type == "" && !c.Breaking || c.Type != "" && !validType.MatchString(c.Type) {
				t.Fatalf("invalid type %q from %q", c.Type, msg)
			}
			if c.BreakingNote != "" && !c.Breaking {
				t.Fatalf("note without breaking from %q", msg)
			}
			if c.PR < 0 {
				t.Fatalf("negative PR from %q", msg)
			}
		}
		if merge && changes != nil {
			t.Fatalf("merge commit gave changes")
		}
	})
}

func TestStripPR(t *testing.T) {
	cases := []struct {
		in   string
		want string
		pr   int
	}{
		{"feat: x (#12)", "feat: x", 12},
		{"feat: x (#12) ", "feat: x", 12},
		{"feat: x (#12) (#34)", "feat: x", 34},
		{"feat: x (#)", "feat: x (#)", 0},
		{"feat: x (#+1)", "feat: x (#+1)", 0},
		{"feat: x (#1a)", "feat: x (#1a)", 0},
		{"feat: (see #12) x", "feat: (see #12) x", 0},
		{"(#7)", "", 7},
	}
	for _, c := range cases {
		got, pr := stripPR(c.in)
		if got != c.want || pr != c.pr {
			t.Errorf("stripPR(%q) = %q, %d, want %q, %d", c.in, got, pr, c.want, c.pr)
		}
	}
	if !containsFold("x\nRELEASE-AS: 1.0.0", "release-as:") || containsFold("release-a", "release-as:") {
		t.Error("containsFold")
	}
}
