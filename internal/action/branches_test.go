package action

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// channelRepo is acme/rocket with a channel next (rc) in its
// configuration: v0.4.0 on main, then a feature on next.
func channelRepo(t *testing.T) (*fakegithub.Server, *fakegithub.Repo) {
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	tip := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{
		"README.md": "rocket\n", ".github/releasebot.yml": "channels:\n  next: rc\n",
	}})
	repo.Tag("v0.4.0", tip, true)
	repo.Push("next", fakegithub.CommitSpec{Message: "feat(engine): add thrust (#2)", Files: map[string]string{"thrust.go": "package rocket\n"}})
	repo.Push("feature", fakegithub.CommitSpec{Message: "feat: half done", Files: map[string]string{"wip.go": "package rocket\n"}})
	return srv, repo
}

// checkoutBranch clones branch with its whole history, as actions/checkout
// does with fetch-depth: 0 on a push to that branch.
func checkoutBranch(t *testing.T, repo *fakegithub.Repo, branch string) string {
	t.Helper()
	dir := t.TempDir()
	gitfixture.Git(t, "", "clone", "-q", "--branch", branch, "file://"+repo.Dir(), dir)
	return dir
}

// TestOneWorkflowForEveryReleaseBranch: with no target-branch input, a
// push to a channel branch releases from it: its own release pull request,
// whose merge publishes a pre-release; a push to a branch that is no
// release branch does nothing.
func TestOneWorkflowForEveryReleaseBranch(t *testing.T) {
	srv, repo := channelRepo(t)
	ws := checkoutBranch(t, repo, "next")
	o := newStep(t, srv, ws, "push", func(p map[string]any) { p["ref"] = "refs/heads/next" }).set("GITHUB_REF", "refs/heads/next").run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	prs := repo.PRs()
	if len(prs) != 1 || prs[0].Title != "chore(next): release 0.5.0-rc.1" || prs[0].Base != "next" || prs[0].Head != "releasebot/next" {
		t.Fatalf("pull requests %+v\n%s", prs, o.stdout)
	}
	wantOutputs(t, o, map[string]string{"pr_number": "1", "next_version": "0.5.0-rc.1"})

	merge := repo.MergePR(prs[0].Number, "squash")
	o = newStep(t, srv, ws, "pull_request", func(p map[string]any) {
		mergedReleasePR(1, merge)(p)
		pr := p["pull_request"].(map[string]any)
		pr["head"].(map[string]any)["ref"] = "releasebot/next"
		pr["base"].(map[string]any)["ref"] = "next"
	}).set("GITHUB_REF", "refs/pull/1/merge").run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	rels := repo.Releases()
	if len(rels) != 1 || rels[0].TagName != "v0.5.0-rc.1" || !rels[0].Prerelease || rels[0].IsLatest {
		t.Fatalf("releases %+v\n%s", rels, o.stdout)
	}
	wantOutputs(t, o, map[string]string{"release_created": "true", "tag_name": "v0.5.0-rc.1", "releases_created": "true", "paths_released": `["."]`})

	srv.ResetCalls()
	o = newStep(t, srv, checkoutBranch(t, repo, "feature"), "push", func(p map[string]any) { p["ref"] = "refs/heads/feature" }).
		set("GITHUB_REF", "refs/heads/feature").run()
	why := "Nothing to do: push to feature, which is neither the default branch main nor a channel or maintenance branch of the configuration."
	if o.err != nil || !strings.Contains(o.summary, why) {
		t.Errorf("a push to feature: %v\n%s", o.err, o.summary)
	}
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("a push to feature wrote: %s %s", c.Method, c.Path)
		}
	}

	// With the input, only the branch it names releases.
	o = newStep(t, srv, ws, "push", func(p map[string]any) { p["ref"] = "refs/heads/next" }).
		set("GITHUB_REF", "refs/heads/next", "INPUT_TARGET-BRANCH", "main").run()
	if o.err != nil || !strings.Contains(o.summary, "Nothing to do: push to next, not to the target branch main (the target-branch input") {
		t.Errorf("a push to next with target-branch main: %v\n%s", o.err, o.summary)
	}
}

// TestManualRunOnAnyBranch: workflow_dispatch on a release branch runs on
// it; on any other branch it runs on the default branch, as before.
func TestManualRunOnAnyBranch(t *testing.T) {
	srv, repo := channelRepo(t)
	o := newStep(t, srv, checkoutBranch(t, repo, "feature"), "workflow_dispatch", func(p map[string]any) { p["ref"] = "refs/heads/feature" }).
		set("GITHUB_REF", "refs/heads/feature").run()
	if o.err != nil || !strings.Contains(o.summary, "on feature (not a release branch: releasing main)") {
		t.Fatalf("%v\n%s", o.err, o.summary)
	}
	if prs := repo.PRs(); len(prs) != 0 {
		t.Errorf("main has nothing to release, yet: %+v", prs)
	}
	o = newStep(t, srv, checkoutBranch(t, repo, "next"), "workflow_dispatch", func(p map[string]any) { p["ref"] = "refs/heads/next" }).
		set("GITHUB_REF", "refs/heads/next").run()
	if prs := repo.PRs(); o.err != nil || len(prs) != 1 || prs[0].Base != "next" {
		t.Errorf("dispatch on next: %v, pull requests %+v\n%s", o.err, prs, o.stdout)
	}
}
