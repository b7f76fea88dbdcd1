package app

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestHandEditSurvivesRefreshAndPublish drives the App as GitHub would:
// the release pull request is opened on a push, a maintainer rewords its
// entry on the release branch (GitHub delivers that push too), a fix is
// merged, the App's refresh keeps the reword and adds the fix, and the
// merged pull request's release notes and main's CHANGELOG hold both.
func TestHandEditSurvivesRefreshAndPublish(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	w.repo.Tag("v1.0.0", w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: one", Files: map[string]string{"1": "1\n"}}), true)
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat(api): add the launch endpoint", Files: map[string]string{"api.go": "package api\n"}})
	a.send(t, "push", w.push("main", sha))
	idle(t, a)
	open := w.releasePulls("open")
	if len(open) != 1 || open[0].Title != "chore(main): release 1.1.0" {
		t.Fatalf("release pull requests: %+v", w.repo.PRs())
	}
	release := open[0].Number

	// A maintainer rewords the entry on the release branch.
	cl, _ := w.repo.File("releasebot/main", "CHANGELOG.md")
	const reworded = "add the launch endpoint, with a countdown"
	if !strings.Contains(cl, "add the launch endpoint") {
		t.Fatalf("CHANGELOG.md on the branch:\n%s", cl)
	}
	edit := w.repo.Push("releasebot/main", fakegithub.CommitSpec{
		Message: "docs: polish the notes", Author: "Maintainer <m@example.com>",
		Files: map[string]string{"CHANGELOG.md": strings.Replace(cl, "add the launch endpoint", reworded, 1)},
	})
	a.send(t, "push", w.push("releasebot/main", edit))
	idle(t, a)

	// A fix is merged through its own pull request.
	w.repo.Push("fins", fakegithub.CommitSpec{Message: "fix: steady the fins", Files: map[string]string{"fins.go": "package fins\n"}})
	fix := w.repo.OpenPR("fins", "main", "fix: steady the fins", "")
	tip := w.repo.MergePR(fix, "squash")
	a.send(t, "pull_request", w.pull("closed", fix, nil))
	a.send(t, "push", w.push("main", tip))
	idle(t, a)
	open = w.releasePulls("open")
	if len(open) != 1 || open[0].Number != release || open[0].Title != "chore(main): release 1.1.0" {
		t.Fatalf("release pull requests after the fix: %+v", w.releasePulls(""))
	}
	cl, _ = w.repo.File("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(cl, reworded) || !strings.Contains(cl, "steady the fins") || strings.Count(cl, "add the launch endpoint") != 1 {
		t.Errorf("CHANGELOG.md on the branch after the refresh:\n%s", cl)
	}
	if !strings.Contains(open[0].Body, reworded) || !strings.Contains(open[0].Body, "steady the fins") {
		t.Errorf("body of #%d after the refresh:\n%s", release, open[0].Body)
	}

	// The release pull request is merged: the App publishes both.
	tip = w.repo.MergePR(release, "rebase")
	a.send(t, "pull_request", w.pull("closed", release, nil))
	a.send(t, "push", w.push("main", tip))
	idle(t, a)
	rels := w.repo.Releases()
	if len(rels) != 1 || rels[0].TagName != "v1.1.0" || !strings.Contains(rels[0].Body, reworded) || !strings.Contains(rels[0].Body, "steady the fins") {
		t.Fatalf("releases %+v", rels)
	}
	if main, _ := w.repo.File("main", "CHANGELOG.md"); !strings.Contains(main, reworded) || !strings.Contains(main, "steady the fins") {
		t.Errorf("main's CHANGELOG.md:\n%s", main)
	}

	// Delivered again, the push finds nothing to do and writes nothing.
	w.gh.ResetCalls()
	a.send(t, "push", w.push("main", tip))
	idle(t, a)
	for _, c := range w.gh.Calls() {
		if c.Write {
			t.Errorf("the run after publishing wrote: %s %s", c.Method, c.Path)
		}
	}
	if n, tags := len(w.releasePulls("")), w.repo.Tags(); n != 1 || len(tags) != 2 || len(w.repo.Releases()) != 1 {
		t.Errorf("%d release pull requests, tags %v, %d releases", n, tags, len(w.repo.Releases()))
	}
}
