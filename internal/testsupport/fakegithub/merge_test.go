package fakegithub

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// featurePR pushes two commits on branch and opens a PR into main.
func featurePR(t *testing.T, r *Repo, branch string) (int, []string) {
	t.Helper()
	a := r.Push(branch, CommitSpec{Message: "feat: add " + branch, Files: map[string]string{branch + ".go": "package x\n"}})
	b := r.Push(branch, CommitSpec{Message: "fix: tweak " + branch + "\n\nLonger explanation.", Files: map[string]string{branch + ".go": "package x // fixed\n"}, Author: "Jane Doe <jane@example.com>"})
	return r.OpenPR(branch, "main", "feat: "+branch, "body"), []string{a, b}
}

func TestMergeMethodsProduceGitHubHistory(t *testing.T) {
	s, r, _ := seeded(t, Options{})
	gh := client(t, s, "")

	// Move main on, so that the merges are not fast-forwards.
	nMerge, mergeCommits := featurePR(t, r, "one")
	r.Push("main", CommitSpec{Message: "docs: unrelated", Files: map[string]string{"docs.md": "docs\n"}})
	before, _ := r.Ref("heads/main")
	tip := r.MergePR(nMerge, "merge")
	dir := clone(t, r)
	if got := gitfixture.Git(t, dir, "log", "-1", "--format=%P|%s|%b|%cn <%ce>", tip); got != before+" "+mergeCommits[1]+"|Merge pull request #1 from acme/one|feat: one|GitHub <noreply@github.com>" {
		t.Errorf("merge commit = %q", got)
	}

	nSquash, squashed := featurePR(t, r, "two")
	tip = r.MergePR(nSquash, "squash")
	gitfixture.Git(t, dir, "fetch", "-q", "origin")
	msg := gitfixture.Git(t, dir, "log", "-1", "--format=%B", tip)
	want := "feat: two (#2)\n\n* feat: add two\n\n* fix: tweak two\n\nLonger explanation."
	if msg != want {
		t.Errorf("squash message =\n%s\nwant\n%s", msg, want)
	}
	if got := gitfixture.Git(t, dir, "log", "-1", "--format=%P|%an", tip); !strings.HasSuffix(got, "|octocat") || strings.Contains(got, " ") {
		t.Errorf("squash commit parents/author = %q", got)
	}

	nRebase, rebased := featurePR(t, r, "three")
	mainBefore, _ := r.Ref("heads/main")
	tip = r.MergePR(nRebase, "rebase")
	gitfixture.Git(t, dir, "fetch", "-q", "origin")
	log := gitfixture.Git(t, dir, "log", "--format=%s|%an|%cn", mainBefore+".."+tip)
	if log != "fix: tweak three|Jane Doe|GitHub\nfeat: add three|octocat|GitHub" {
		t.Errorf("rebased commits =\n%s", log)
	}
	if tip == rebased[1] {
		t.Error("rebase kept the original commit; GitHub creates new ones")
	}
	if got := gitfixture.Git(t, dir, "show", tip+":three.go"); got != "package x // fixed" {
		t.Errorf("three.go after rebase = %q", got)
	}

	// The API reports the merges.
	for _, n := range []int{nMerge, nSquash, nRebase} {
		pr, _, err := gh.PullRequests.Get(ctx, "acme", "widget", n)
		if err != nil || !pr.GetMerged() || pr.GetState() != "closed" || pr.MergedAt == nil || pr.GetMergeCommitSHA() == "" || pr.GetMergedBy().GetLogin() != mergeActor {
			t.Errorf("#%d = %+v, %v", n, pr, err)
		}
		commits, _, err := gh.PullRequests.ListCommits(ctx, "acme", "widget", n, nil)
		if err != nil || len(commits) != 2 {
			t.Errorf("#%d commits = %d, %v", n, len(commits), err)
		}
	}
	// Squash and rebase commits on main lead back to their PRs.
	for sha, n := range map[string]int{tip: nRebase, squashed[0]: nSquash} {
		prs, _, err := gh.PullRequests.ListPullRequestsWithCommit(ctx, "acme", "widget", sha, nil)
		if err != nil || len(prs) != 1 || prs[0].GetNumber() != n {
			t.Errorf("PRs of %s = %v, %v, want #%d", sha, prs, err, n)
		}
	}
	merged, _, err := gh.PullRequests.ListPullRequestsWithCommit(ctx, "acme", "widget", r.PRs()[1].MergeCommitSHA, nil)
	if err != nil || len(merged) != 1 || merged[0].GetNumber() != nSquash {
		t.Errorf("PRs of the squash commit = %v, %v", merged, err)
	}
}

func TestMergeableReportsConflicts(t *testing.T) {
	s, r, _ := seeded(t, Options{})
	gh := client(t, s, "")
	r.Push("feature", CommitSpec{Message: "feat: readme", Files: map[string]string{"README.md": "feature\n"}})
	n := r.OpenPR("feature", "main", "feat: readme", "")
	r.Push("main", CommitSpec{Message: "docs: readme", Files: map[string]string{"README.md": "main\n"}})
	pr, _, err := gh.PullRequests.Get(ctx, "acme", "widget", n)
	if err != nil || pr.GetMergeable() || pr.GetMergeableState() != "dirty" {
		t.Errorf("conflicting PR: mergeable=%v state=%s err=%v", pr.GetMergeable(), pr.GetMergeableState(), err)
	}
	r.ClosePR(n)
	if prs := r.PRs(); prs[0].State != "closed" || prs[0].Merged {
		t.Errorf("closed PR = %+v", prs[0])
	}
}
