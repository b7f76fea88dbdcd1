package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// editBranch pushes a person's commit to the release branch that rewrites
// the files edit returns, given the branch's current contents.
func editBranch(h *harness, msg string, edit func(read func(string) string) map[string]string) string {
	h.t.Helper()
	read := func(path string) string {
		s, _ := h.repo.File("releasebot/main", path)
		return s
	}
	return h.repo.Push("releasebot/main", fakegithub.CommitSpec{Message: msg, Files: edit(read), Author: "Maintainer <m@example.com>"})
}

func branchFile(h *harness, path string) string {
	h.t.Helper()
	s, _ := h.repo.File("releasebot/main", path)
	return s
}

// reword replaces the line of the changelog holding old by one holding new.
func reword(changelog, old, new string) string {
	var out []string
	for _, l := range strings.Split(changelog, "\n") {
		if strings.Contains(l, old) {
			l = strings.Replace(l, old, new, 1)
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func TestHandEditsAreMergedWithNewCommits(t *testing.T) {
	for _, method := range []string{"merge", "squash", "rebase"} {
		for _, source := range sources {
			t.Run(source+"/"+method, func(t *testing.T) {
				h, pr := pendingRelease(t, source, "feat: alpha (#1)", "fix: beta (#2)")
				editBranch(h, "docs: polish the notes", func(read func(string) string) map[string]string {
					cl := reword(read("CHANGELOG.md"), "alpha", "alpha, now with docs")
					cl = reword(cl, "- beta", "- beta, hand-removed")
					var kept []string
					for _, l := range strings.Split(cl, "\n") {
						if !strings.Contains(l, "hand-removed") {
							kept = append(kept, l)
						}
					}
					return map[string]string{"CHANGELOG.md": strings.Join(kept, "\n")}
				})
				h.push("fix: gamma (#3)")
				rep, _ := h.mustRun()
				if rep.Held {
					t.Fatal("the pull request is held")
				}
				cl := branchFile(h, "CHANGELOG.md")
				for _, want := range []string{"alpha, now with docs", "gamma", "## [1.1.0]"} {
					if !strings.Contains(cl, want) {
						t.Errorf("CHANGELOG.md on the branch lacks %q:\n%s", want, cl)
					}
				}
				if strings.Contains(cl, "beta") {
					t.Errorf("an entry removed by hand came back:\n%s", cl)
				}
				again := h.openRelease()
				if again.Number != pr.Number || !strings.Contains(again.Body, "alpha, now with docs") || !strings.Contains(again.Body, "gamma") {
					t.Errorf("pull request #%d body:\n%s", again.Number, again.Body)
				}
				if m, ok := bot.ParseMarker(again.Body); !ok || m.Generated == "" || m.Generated == m.Commit {
					t.Errorf("marker %+v does not record the generated commit", m)
				}

				// An idle run writes nothing; a second new commit merges again.
				before := h.snapshot()
				if _, calls := h.mustRun(); calls.Writes() != 0 || h.snapshot() != before {
					t.Errorf("an idle run wrote %d times", calls.Writes())
				}
				h.push("fix: delta (#4)")
				h.mustRun()
				cl = branchFile(h, "CHANGELOG.md")
				if !strings.Contains(cl, "alpha, now with docs") || !strings.Contains(cl, "delta") || strings.Contains(cl, "beta") {
					t.Errorf("after a second refresh:\n%s", cl)
				}

				// Merged: the release and main's changelog hold the same text.
				h.repo.MergePR(pr.Number, method)
				rep, _ = h.mustRun()
				if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.1.0" {
					t.Fatalf("published %+v", rep.Published)
				}
				rel := h.repo.Releases()
				if len(rel) != 1 || !strings.Contains(rel[0].Body, "alpha, now with docs") || !strings.Contains(rel[0].Body, "gamma") || !strings.Contains(rel[0].Body, "delta") {
					t.Errorf("release notes:\n%+v", rel)
				}
				main, _ := h.repo.File("main", "CHANGELOG.md")
				if !strings.Contains(main, "alpha, now with docs") || !strings.Contains(main, "gamma") {
					t.Errorf("main's CHANGELOG.md:\n%s", main)
				}
			})
		}
	}
}

func TestVersionSetByHandPinsTheRelease(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			h.push("fix: a (#1)")
			h.mustRun()
			editBranch(h, "chore: release 2.0.0 instead", func(func(string) string) map[string]string {
				return map[string]string{"VERSION": "2.0.0\n"}
			})
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release 2.0.0" {
				t.Fatalf("title %q after VERSION was set to 2.0.0", pr.Title)
			}
			if cl := branchFile(h, "CHANGELOG.md"); !strings.Contains(cl, "## [2.0.0]") || strings.Contains(cl, "## [1.0.1]") {
				t.Errorf("CHANGELOG.md:\n%s", cl)
			}
			// The pin holds as new commits arrive.
			h.push("fix: b (#2)")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release 2.0.0" || branchFile(h, "VERSION") != "2.0.0\n" {
				t.Errorf("after a new commit: title %q, VERSION %q", pr.Title, branchFile(h, "VERSION"))
			}
			// A version that is not above the last release is not used,
			// and the body says why.
			editBranch(h, "chore: oops", func(func(string) string) map[string]string {
				return map[string]string{"VERSION": "0.9.0\n"}
			})
			h.mustRun()
			pr = h.openRelease()
			if pr.Title != "chore(main): release 1.0.1" || !strings.Contains(pr.Body, "not above the last release 1.0.0") {
				t.Errorf("title %q, body:\n%s", pr.Title, pr.Body)
			}
			// Merging publishes the version the pull request says.
			editBranch(h, "chore: 1.5.0 it is", func(func(string) string) map[string]string {
				return map[string]string{"VERSION": "1.5.0\n"}
			})
			h.mustRun()
			h.repo.MergePR(h.openRelease().Number, "squash")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.5.0" {
				t.Errorf("published %+v", rep.Published)
			}
		})
	}
}

func TestOtherFilesAreCarriedOrTheConflictIsSaid(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "feat: a (#1)")
			editBranch(h, "docs: upgrade notes", func(func(string) string) map[string]string {
				return map[string]string{"docs/UPGRADING.md": "Nothing to do.\n", "src/file1.txt": "edited on the branch\n"}
			})
			h.push("fix: b (#2)")
			h.mustRun()
			if got := branchFile(h, "docs/UPGRADING.md"); got != "Nothing to do.\n" {
				t.Errorf("docs/UPGRADING.md was not carried: %q", got)
			}
			if cl := branchFile(h, "CHANGELOG.md"); !strings.Contains(cl, "- b") {
				t.Errorf("the new commit is not in the changelog:\n%s", cl)
			}
			// main changes a file the branch changed too: the pull request
			// is left as it is, and that is said once.
			h.repo.Push("main", fakegithub.CommitSpec{Message: "fix: c (#3)", Files: map[string]string{"src/file1.txt": "changed on main\n"}})
			tip, _ := h.repo.Ref("heads/releasebot/main")
			rep, _ := h.mustRun()
			if !rep.Held {
				t.Error("the report does not say the pull request is held")
			}
			if now, _ := h.repo.Ref("heads/releasebot/main"); now != tip {
				t.Errorf("the branch moved from %s to %s", tip, now)
			}
			h.mustRun()
			cs := h.repo.Comments(pr.Number)
			if len(cs) != 1 || !strings.Contains(cs[0], "`src/file1.txt`") {
				t.Errorf("comments %q", cs)
			}
			// They merge main into the branch and resolve the file: the
			// pull request moves on with their resolution.
			work := t.TempDir()
			git(t, "", "clone", "-q", "-b", "releasebot/main", "file://"+h.repo.Dir(), work)
			git(t, work, "-c", "user.name=M", "-c", "user.email=m@example.com", "merge", "-q", "origin/main", "-m", "merge main", "-X", "ours")
			if err := os.WriteFile(filepath.Join(work, "src", "file1.txt"), []byte("both\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			git(t, work, "-c", "user.name=M", "-c", "user.email=m@example.com", "commit", "-q", "-am", "resolve")
			git(t, work, "push", "-q", "origin", "HEAD:releasebot/main")
			h.push("fix: d (#4)")
			if rep, _ := h.mustRun(); rep.Held {
				t.Fatal("still held after people merged main into the branch")
			}
			if got := branchFile(h, "src/file1.txt"); got != "both\n" {
				t.Errorf("src/file1.txt on the branch = %q, want their resolution", got)
			}
			if cl := branchFile(h, "CHANGELOG.md"); !strings.Contains(cl, "- d") || !strings.Contains(cl, "- c") {
				t.Errorf("CHANGELOG.md after the merge:\n%s", cl)
			}
		})
	}
}

func TestChangesMergedAfterTheLastRefreshAreReleased(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "feat: alpha (#1)")
			// gamma lands and the pull request is merged before any run.
			h.push("fix: gamma (#3)")
			h.repo.MergePR(pr.Number, "merge")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Late != 1 {
				t.Fatalf("published %+v", rep.Published)
			}
			rel := h.repo.Releases()
			if len(rel) != 1 || !strings.Contains(rel[0].Body, "gamma") || !strings.Contains(rel[0].Body, "alpha") {
				t.Errorf("release notes %+v", rel)
			}
			if cs := h.repo.Comments(pr.Number); len(cs) != 1 || !strings.Contains(cs[0], "One change merged after this pull request was last updated") {
				t.Errorf("comments %q", cs)
			}
		})
	}
}

// TestTheIssueScenario replays what a new user saw (issue 10): a wording
// fix pushed to the release branch, a fix merged, a major label added to
// a merged pull request, a patch label on the release pull request; the
// release that is published says all of it and loses nothing.
func TestTheIssueScenario(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			alpha := h.repo.OpenPR(branchWith(h, "alpha", "feat: alpha"), "main", "feat: alpha", "")
			h.repo.MergePR(alpha, "squash")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release 1.1.0" {
				t.Fatalf("title %q", pr.Title)
			}
			editBranch(h, "docs: wording", func(read func(string) string) map[string]string {
				return map[string]string{"CHANGELOG.md": reword(read("CHANGELOG.md"), "alpha", "alpha, in better words")}
			})
			gamma := h.repo.OpenPR(branchWith(h, "gamma", "fix: gamma"), "main", "fix: gamma", "")
			h.repo.MergePR(gamma, "squash")
			h.mustRun()
			cl := branchFile(h, "CHANGELOG.md")
			if !strings.Contains(cl, "alpha, in better words") || !strings.Contains(cl, "gamma") {
				t.Fatalf("after the wording fix and gamma:\n%s", cl)
			}
			h.repo.AddLabel(gamma, "release:major")
			h.mustRun()
			pr = h.openRelease()
			if pr.Title != "chore(main): release 2.0.0" || !strings.Contains(pr.Body, "`release:major` on [#") {
				t.Fatalf("after release:major: %q\n%s", pr.Title, pr.Body)
			}
			if cl := branchFile(h, "CHANGELOG.md"); !strings.Contains(cl, "alpha, in better words") || !strings.Contains(cl, "## [2.0.0]") {
				t.Errorf("the wording fix did not survive the new version:\n%s", cl)
			}
			h.repo.AddLabel(pr.Number, "release:patch")
			h.mustRun()
			pr = h.openRelease()
			if pr.Title != "chore(main): release 1.0.1" || !strings.Contains(pr.Body, "lowers it from major") {
				t.Fatalf("after release:patch on the release pull request: %q\n%s", pr.Title, pr.Body)
			}
			h.repo.MergePR(pr.Number, "merge")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.0.1" {
				t.Fatalf("published %+v", rep.Published)
			}
			rel := h.repo.Releases()[0].Body
			for _, want := range []string{"alpha, in better words", "gamma", "lowers it from major"} {
				if !strings.Contains(rel, want) {
					t.Errorf("release notes lack %q:\n%s", want, rel)
				}
			}
		})
	}
}

// TestAVersionMergedBeforeARunIsReleased: people set VERSION on the
// release branch and merge at once; the release follows the merged file.
func TestAVersionMergedBeforeARunIsReleased(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "fix: a (#1)")
			editBranch(h, "chore: 1.5.0 it is", func(func(string) string) map[string]string {
				return map[string]string{"VERSION": "1.5.0\n"}
			})
			h.repo.MergePR(pr.Number, "squash")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.5.0" {
				t.Fatalf("published %+v", rep.Published)
			}
			if rel := h.repo.Releases(); len(rel) != 1 || !strings.Contains(rel[0].Body, "- a") {
				t.Errorf("releases %+v", rel)
			}
			if _, ok := h.repo.Tags()["v1.0.1"]; ok {
				t.Error("v1.0.1 was tagged too")
			}
		})
	}
}

// TestEditsOfACombinedPullRequest: in a pull request of several packages,
// a reworded entry of a package's changelog is kept across a refresh, and
// a version written by hand in a package's VERSION is not used (said in
// the body): its tag and its file keep agreeing.
func TestEditsOfACombinedPullRequest(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "packages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n")
			start := h.pushFiles("chore: layout", "README.md", "sdk/go/sdk.go")
			h.repo.Tag("v1.0.0", start, true)
			h.repo.Tag("sdk/go/v0.3.0", start, true)
			h.pushFiles("feat(sdk): add a client (#3)", "sdk/go/client.go")
			h.mustRun()
			editBranch(h, "docs: wording", func(read func(string) string) map[string]string {
				return map[string]string{
					"sdk/go/CHANGELOG.md": reword(read("sdk/go/CHANGELOG.md"), "add a client", "add a client, with retries"),
					"sdk/go/VERSION":      "0.9.0\n",
				}
			})
			h.pushFiles("fix(sdk): close the client (#4)", "sdk/go/close.go")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release gosdk 0.4.0" || !strings.Contains(pr.Body, "`sdk/go/VERSION` was changed") {
				t.Errorf("title %q, body:\n%s", pr.Title, pr.Body)
			}
			if v := branchFile(h, "sdk/go/VERSION"); v != "0.4.0\n" {
				t.Errorf("sdk/go/VERSION on the branch = %q", v)
			}
			cl := branchFile(h, "sdk/go/CHANGELOG.md")
			if !strings.Contains(cl, "add a client, with retries") || !strings.Contains(cl, "close the client") {
				t.Errorf("sdk/go/CHANGELOG.md:\n%s", cl)
			}
		})
	}
}

// TestLateChangesReachTheChangelogWithTheNextRelease: a change merged after
// the last refresh is in the release notes at once, and in the changelog's
// section of that release once the next release pull request is merged.
func TestLateChangesReachTheChangelogWithTheNextRelease(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "feat: alpha (#1)")
			h.push("fix: gamma (#3)")
			h.repo.MergePR(pr.Number, "merge")
			h.mustRun()
			h.push("fix: delta (#4)")
			h.mustRun()
			next := h.openRelease()
			cl := branchFile(h, "CHANGELOG.md")
			older := cl[strings.Index(cl, "## [1.1.0]"):]
			if !strings.Contains(older, "gamma") || !strings.Contains(cl, "## [1.1.1]") {
				t.Fatalf("the 1.1.0 section on the next release branch lacks gamma:\n%s", cl)
			}
			before := h.snapshot()
			if _, calls := h.mustRun(); calls.Writes() != 0 || h.snapshot() != before {
				t.Errorf("an idle run wrote %d times", calls.Writes())
			}
			h.repo.MergePR(next.Number, "squash")
			h.mustRun()
			main, _ := h.repo.File("main", "CHANGELOG.md")
			if strings.Count(main, "gamma") != 1 {
				t.Errorf("main's CHANGELOG.md:\n%s", main)
			}
		})
	}
}

// pendingRelease starts a repository released as v1.0.0, pushes msgs on
// main and runs the bot once: the release pull request is then open.
func pendingRelease(t *testing.T, source string, msgs ...string) (*harness, fakegithub.PR) {
	t.Helper()
	h := newHarness(t, source, "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push(msgs...)
	h.mustRun()
	return h, h.openRelease()
}

// TestALowerVersionMergedBeforeARunIsNotReleased: a version merged by hand
// that is not above the last release is not tagged; the pull request's
// version is.
func TestALowerVersionMergedBeforeARunIsNotReleased(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h, pr := pendingRelease(t, source, "fix: a (#1)")
			editBranch(h, "chore: oops", func(func(string) string) map[string]string {
				return map[string]string{"VERSION": "0.9.0\n"}
			})
			h.repo.MergePR(pr.Number, "squash")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.0.1" {
				t.Fatalf("published %+v", rep.Published)
			}
			if _, ok := h.repo.Tags()["v0.9.0"]; ok {
				t.Error("v0.9.0, below v1.0.0, was tagged")
			}
		})
	}
}
