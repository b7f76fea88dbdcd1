package bot_test

import (
	"strings"
	"testing"
)

// TestFullCycle follows a release from the first commits to the next
// cycle, for each way GitHub merges and each history source.
func TestFullCycle(t *testing.T) {
	for _, source := range sources {
		for _, method := range []string{"squash", "merge", "rebase"} {
			t.Run(source+"/"+method, func(t *testing.T) { fullCycle(t, source, method) })
		}
	}
}

func fullCycle(t *testing.T, source, method string) {
	h := newHarness(t, source, "")
	h.repo.Tag("v1.2.3", h.push("chore: prepare"), true)

	// Commits arrive: the release pull request opens with the files.
	h.push("feat(api): add the rocket endpoint (#10)", "docs: explain")
	_, calls := h.mustRun()
	pr := h.openRelease()
	if pr.Title != "chore(main): release 1.3.0" || !has(pr.Labels, "autorelease: pending") {
		t.Fatalf("release pull request %q labels %v", pr.Title, pr.Labels)
	}
	if v, _ := h.repo.File("releasebot/main", "VERSION"); v != "1.3.0\n" {
		t.Errorf("VERSION on the release branch = %q", v)
	}
	cl, _ := h.repo.File("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(cl, "## [1.3.0] - 2026-11-21") || !strings.Contains(cl, "**api:** add the rocket endpoint") {
		t.Errorf("CHANGELOG.md on the release branch:\n%s", cl)
	}
	if !strings.Contains(pr.Body, "add the rocket endpoint") {
		t.Errorf("body lacks the notes:\n%s", pr.Body)
	}
	budget := map[string][2]int{"local": {10, 4}, "api": {12, 5}}[source]
	t.Logf("opening: %d calls, %d writes", calls.Total(), calls.Writes())
	if calls.Total() > budget[0] {
		t.Errorf("opening the pull request took %d calls, budget %d: %v", calls.Total(), budget[0], calls.Summary())
	}

	// Nothing changed: no write, few reads.
	_, calls = h.mustRun()
	t.Logf("idle: %d calls", calls.Total())
	if calls.Writes() != 0 || calls.Total() > budget[1] {
		t.Errorf("idle run made %d calls (budget %d), %d writes: %v", calls.Total(), budget[1], calls.Writes(), calls.Summary())
	}

	// More commits: the same pull request is refreshed.
	h.push("feat!: drop the old launcher\n\nBREAKING CHANGE: the launcher is gone; use rocket.")
	h.mustRun()
	pr = h.openRelease()
	if pr.Title != "chore(main): release 2.0.0" {
		t.Fatalf("refreshed title %q", pr.Title)
	}

	// Merged: the next run tags the merge commit and publishes.
	mergeSHA := h.repo.MergePR(pr.Number, method)
	rep, _ := h.mustRun()
	if len(rep.Published) != 1 || rep.Published[0].Tag != "v2.0.0" {
		t.Fatalf("published %+v", rep.Published)
	}
	if got := h.repo.Tags()["v2.0.0"]; got != mergeSHA {
		t.Errorf("v2.0.0 tags %s, want the merge commit %s", got, mergeSHA)
	}
	rel := h.repo.Releases()
	if len(rel) != 1 || rel[0].TagName != "v2.0.0" || rel[0].Prerelease || !strings.Contains(rel[0].Body, "the launcher is gone") {
		t.Fatalf("releases %+v", rel)
	}
	merged := findPR(t, h, pr.Number)
	if !has(merged.Labels, "autorelease: tagged") || has(merged.Labels, "autorelease: pending") {
		t.Errorf("labels after publishing: %v", merged.Labels)
	}
	if cs := h.repo.Comments(pr.Number); len(cs) != 1 || !strings.Contains(cs[0], "v2.0.0") {
		t.Errorf("comments: %q", cs)
	}
	for _, p := range h.repo.PRs() {
		if p.State == "open" && p.Head == "releasebot/main" {
			t.Errorf("a release pull request is open right after the release: #%d %q", p.Number, p.Title)
		}
	}

	// Running again publishes nothing twice.
	before := h.snapshot()
	_, calls = h.mustRun()
	if calls.Writes() != 0 || h.snapshot() != before {
		t.Errorf("a run after publishing wrote %d times", calls.Writes())
	}

	// The next cycle starts from the new tag.
	h.push("fix: land softly (#12)")
	h.mustRun()
	if pr := h.openRelease(); pr.Title != "chore(main): release 2.0.1" {
		t.Errorf("next cycle title %q", pr.Title)
	}
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func findPR(t *testing.T, h *harness, number int) struct {
	Labels []string
	State  string
} {
	t.Helper()
	for _, p := range h.repo.PRs() {
		if p.Number == number {
			return struct {
				Labels []string
				State  string
			}{p.Labels, p.State}
		}
	}
	t.Fatalf("no pull request #%d", number)
	return struct {
		Labels []string
		State  string
	}{}
}
