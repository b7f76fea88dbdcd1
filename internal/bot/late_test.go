package bot_test

import (
	"strings"
	"testing"
)

// A commit people push to the release branch after its last refresh is an
// edit of the pull request, not a change merged into main: however the pull
// request is merged, its message does not become an entry of the notes,
// and the release comment does not count it. Changes merged into main
// meanwhile are still added.
func TestEditsAfterTheLastRefreshAreNotLateChanges(t *testing.T) {
	for _, method := range []string{"merge", "squash", "rebase"} {
		for _, source := range sources {
			t.Run(source+"/"+method, func(t *testing.T) {
				h, pr := pendingRelease(t, source, "feat: alpha (#1)")
				editBranch(h, "fix(changelog): correct the wording", func(read func(string) string) map[string]string {
					return map[string]string{"CHANGELOG.md": reword(read("CHANGELOG.md"), "alpha", "alpha, reworded")}
				})
				h.push("fix: gamma (#3)")
				h.repo.MergePR(pr.Number, method)
				rep, _ := h.mustRun()
				if len(rep.Published) != 1 || rep.Published[0].Late != 1 {
					t.Fatalf("published %+v, want one release with one late change", rep.Published)
				}
				notes := h.repo.Releases()[0].Body
				if strings.Contains(notes, "correct the wording") || !strings.Contains(notes, "alpha, reworded") || !strings.Contains(notes, "gamma") {
					t.Errorf("release notes:\n%s", notes)
				}
				if cs := h.repo.Comments(pr.Number); len(cs) != 1 || !strings.Contains(cs[0], "One change merged after") {
					t.Errorf("comments %q", cs)
				}
			})
		}
	}
}

// When people merge main into the release branch, the commits that brings
// are main's: they are still added to the notes when the pull request did
// not show them.
func TestMainMergedIntoTheReleaseBranchIsNotLost(t *testing.T) {
	for _, method := range []string{"merge", "squash", "rebase"} {
		for _, source := range sources {
			t.Run(source+"/"+method, func(t *testing.T) {
				h, pr := pendingRelease(t, source, "feat: alpha (#1)")
				h.push("fix: gamma (#3)")
				up := h.repo.OpenPR("main", "releasebot/main", "Update the release branch", "")
				h.repo.MergePR(up, "merge")
				h.repo.MergePR(pr.Number, method)
				rep, _ := h.mustRun()
				if len(rep.Published) != 1 || rep.Published[0].Late != 1 {
					t.Fatalf("published %+v, want one release with one late change", rep.Published)
				}
				if notes := h.repo.Releases()[0].Body; !strings.Contains(notes, "gamma") || !strings.Contains(notes, "alpha") {
					t.Errorf("release notes:\n%s", notes)
				}
			})
		}
	}
}

// A release section people emptied on the release branch is their
// decision: the notes do not bring back the entries the pull request's
// body still lists, and changes merged after the last refresh are added
// all the same.
func TestSectionEmptiedByHandIsNotRefilled(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "feat: alpha (#1)")
			editBranch(h, "docs: nothing worth saying", func(read func(string) string) map[string]string {
				var kept []string
				for _, l := range strings.Split(read("CHANGELOG.md"), "\n") {
					if !strings.HasPrefix(l, "### Added") && !strings.Contains(l, "alpha") {
						kept = append(kept, l)
					}
				}
				return map[string]string{"CHANGELOG.md": strings.Join(kept, "\n")}
			})
			h.push("fix: gamma (#3)")
			h.repo.MergePR(pr.Number, "squash")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Late != 1 {
				t.Fatalf("published %+v, want one release with one late change", rep.Published)
			}
			if notes := h.repo.Releases()[0].Body; strings.Contains(notes, "alpha") || !strings.Contains(notes, "gamma") {
				t.Errorf("release notes:\n%s", notes)
			}
		})
	}
}
