package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// TestHandEditSurvivesRefreshAndPublish drives the Action as a workflow on
// push to main and on the release pull request's merge would: the release
// pull request is opened, a maintainer rewords its entry on the release
// branch, a fix is merged, the next run keeps the reword and adds the fix,
// and the merged pull request's release notes and main's CHANGELOG hold
// both. Each step has a fresh checkout, as actions/checkout gives.
func TestHandEditSurvivesRefreshAndPublish(t *testing.T) {
	srv, repo := fakeRepo(t)
	fresh := func() string { // actions/checkout with fetch-depth: 0
		dir := t.TempDir()
		gitfixture.Git(t, "", "clone", "-q", "--branch", "main", "file://"+repo.Dir(), dir)
		return dir
	}
	onPush := func() outcome {
		t.Helper()
		o := newStep(t, srv, fresh(), "push", pushToMain).set("GITHUB_REF", "refs/heads/main").run()
		if o.err != nil {
			t.Fatalf("%v\n%s", o.err, o.stdout)
		}
		return o
	}
	onPush()
	prs := repo.PRs()
	if len(prs) != 1 || prs[0].Title != "chore(main): release 0.5.0" {
		t.Fatalf("pull requests %+v", prs)
	}
	release := prs[0].Number

	// A maintainer rewords the entry on the release branch.
	cl, _ := repo.File("releasebot/main", "CHANGELOG.md")
	const reworded = "add thrust, twice what 0.4 had"
	if !strings.Contains(cl, "add thrust") {
		t.Fatalf("CHANGELOG.md on the branch:\n%s", cl)
	}
	repo.Push("releasebot/main", fakegithub.CommitSpec{
		Message: "docs: polish the notes", Author: "Maintainer <m@example.com>",
		Files: map[string]string{"CHANGELOG.md": strings.Replace(cl, "add thrust", reworded, 1)},
	})

	// A fix is merged through its own pull request; the push runs the Action.
	repo.Push("fins", fakegithub.CommitSpec{Message: "fix: steady the fins", Files: map[string]string{"fins.go": "package rocket\n"}})
	fix := repo.OpenPR("fins", "main", "fix: steady the fins", "")
	repo.MergePR(fix, "squash")
	o := onPush()
	if o.outputs["pr_number"] != "1" || o.outputs["next_version"] != "0.5.0" {
		t.Errorf("outputs after the refresh: %v", o.outputs)
	}
	cl, _ = repo.File("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(cl, reworded) || !strings.Contains(cl, "steady the fins") || strings.Count(cl, "add thrust") != 1 {
		t.Errorf("CHANGELOG.md on the branch after the refresh:\n%s", cl)
	}
	var body string
	for _, p := range repo.PRs() {
		if p.Number == release {
			body = p.Body
		}
	}
	if !strings.Contains(body, reworded) || !strings.Contains(body, "steady the fins") {
		t.Errorf("body of #%d after the refresh:\n%s", release, body)
	}

	// The release pull request is merged: the Action publishes both.
	merge := repo.MergePR(release, "merge")
	o = newStep(t, srv, fresh(), "pull_request", mergedReleasePR(release, merge)).
		set("GITHUB_REF", fmt.Sprintf("refs/pull/%d/merge", release), "GITHUB_SHA", merge).run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	wantOutputs(t, o, map[string]string{"release_created": "true", "tag_name": "v0.5.0", "sha": merge})
	rels := repo.Releases()
	if len(rels) != 1 || !strings.Contains(rels[0].Body, reworded) || !strings.Contains(rels[0].Body, "steady the fins") {
		t.Fatalf("releases %+v", rels)
	}
	if main, _ := repo.File("main", "CHANGELOG.md"); !strings.Contains(main, reworded) || !strings.Contains(main, "steady the fins") {
		t.Errorf("main's CHANGELOG.md:\n%s", main)
	}

	// The push of the merge runs the Action too: it writes nothing.
	srv.ResetCalls()
	onPush()
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("the run after publishing wrote: %s %s", c.Method, c.Path)
		}
	}
	if n, tags := len(repo.PRs()), repo.Tags(); n != 2 || len(tags) != 2 || len(repo.Releases()) != 1 {
		t.Errorf("%d pull requests (want the fix's and the release's), tags %v, %d releases", n, tags, len(repo.Releases()))
	}
}
