package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// previewHarness is a repository released as v1.3.0 with a fix pending on
// main (the next release is 1.3.1 without any pull request).
func previewHarness(t *testing.T) *harness {
	h := newHarness(t, "api", "")
	h.repo.Tag("v1.3.0", h.push("chore: prepare"), true)
	h.push("fix: pending fix (#1)")
	return h
}

// openPull opens a pull request from a new branch holding msgs.
func (h *harness) openPull(branch, title string, msgs ...string) repohost.Pull {
	h.t.Helper()
	h.pushTo(branch, msgs...)
	n := h.repo.OpenPR(branch, "main", title, "")
	for _, p := range h.repo.PRs() {
		if p.Number == n {
			return repohost.Pull{Number: n, Title: p.Title, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, State: p.State, Labels: p.Labels}
		}
	}
	h.t.Fatalf("pull request #%d not found", n)
	return repohost.Pull{}
}

func (h *harness) preview(pr repohost.Pull, o bot.PreviewOptions) bot.Preview {
	h.t.Helper()
	c := h.client()
	b, done := h.newBot(c)
	defer done()
	p, err := b.Preview(context.Background(), c, pr, o)
	if err != nil {
		h.t.Fatalf("preview: %v", err)
	}
	if c.Calls.Writes() != 0 {
		h.t.Errorf("a preview wrote: %v", c.Calls.Summary())
	}
	return p
}

func TestPreviewOfAFeature(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("feature", "Add the x endpoint", "feat(api): add x", "test: cover x")
	p := h.preview(pr, bot.PreviewOptions{})
	want := "Merging this PR releases 1.4.0 (minor): feat(api): add x"
	if p.Title != want || p.Conclusion != "success" || !p.Releasable || p.Version != "1.4.0" || p.Level != semver.Minor || !p.TitleOK {
		t.Fatalf("preview %+v, want title %q", p, want)
	}
	if !strings.Contains(p.Summary, "Without it, the next release would be 1.3.1 (patch).") || !strings.Contains(p.Summary, "- feat(api): add x (minor)") {
		t.Errorf("summary:\n%s", p.Summary)
	}
}

func TestPreviewOfChores(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("chores", "Tidy up", "docs: explain x", "chore: tidy")
	p := h.preview(pr, bot.PreviewOptions{})
	if p.Title != "No release: only docs and chore commits" || p.Conclusion != "success" || p.Releasable {
		t.Fatalf("preview %+v", p)
	}
	if !strings.Contains(p.Summary, "The pending release **1.3.1** (patch), from commits already on `main`, is unchanged.") {
		t.Errorf("summary:\n%s", p.Summary)
	}
	mixed := h.openPull("mixed", "Mixed", "Update things", "docs: more")
	if p := h.preview(mixed, bot.PreviewOptions{}); p.Title != "No release: only docs commits and commits that are not conventional" {
		t.Errorf("mixed: %q", p.Title)
	}
}

func TestPreviewHonoursTheBumpLabelOfThePull(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("feature", "Add x", "feat: add x")
	h.repo.AddLabel(pr.Number, "release:none")
	pr.Labels = []string{"release:none"}
	if p := h.preview(pr, bot.PreviewOptions{}); p.Title != "No release: labelled release:none" || p.Releasable {
		t.Errorf("release:none: %+v", p)
	}
	pr.Labels = []string{"release:major"}
	if p := h.preview(pr, bot.PreviewOptions{}); p.Version != "2.0.0" || p.Level != semver.Major {
		t.Errorf("release:major: %+v", p)
	}
}

func TestPreviewWhenSquashMerging(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("squash", "feat!: drop the v1 API", "wip", "more wip")
	p := h.preview(pr, bot.PreviewOptions{Squash: true})
	if p.Version != "2.0.0" || p.Conclusion != "success" || !p.TitleOK || !strings.Contains(p.Summary, "it is a conventional commit") {
		t.Fatalf("conventional title: %+v", p)
	}
	bad := h.openPull("bad-title", "Update the README", "docs: readme", "feat: x")
	p = h.preview(bad, bot.PreviewOptions{Squash: true})
	wantTitle := `The PR title is not a conventional commit: rename it to "feat: update the README"`
	if p.TitleOK || p.Conclusion != "failure" || p.Title != wantTitle {
		t.Fatalf("bad title: %+v", p)
	}
	// The commits listed in the squashed body still count.
	if !p.Releasable || p.Version != "1.4.0" || !strings.Contains(p.Summary, "**Fix:** rename the pull request") {
		t.Errorf("bad title summary: %+v", p)
	}
	if p := h.preview(bad, bot.PreviewOptions{Squash: true, InvalidTitle: "neutral"}); p.Conclusion != "neutral" || p.TitleOK {
		t.Errorf("neutral: %+v", p)
	}
	// Without squash merging, the title does not matter.
	if p := h.preview(bad, bot.PreviewOptions{}); p.Conclusion != "success" || !p.TitleOK {
		t.Errorf("merge commits: %+v", p)
	}
}

func TestPreviewOfTheReleasePull(t *testing.T) {
	h := previewHarness(t)
	h.mustRun()
	open := h.openRelease()
	pr := repohost.Pull{Number: open.Number, Title: open.Title, Head: open.Head, Base: open.Base, HeadSHA: open.HeadSHA, State: "open", Labels: open.Labels}
	p := h.preview(pr, bot.PreviewOptions{Squash: true})
	if p.Title != "Merging this PR releases 1.3.1 (patch): fix: pending fix" || p.Conclusion != "success" || !strings.Contains(p.Summary, "tags `v1.3.1`") {
		t.Fatalf("release pull: %+v", p)
	}
}

func TestPreviewOfAFirstRelease(t *testing.T) {
	h := newHarness(t, "api", "")
	pr := h.openPull("first", "feat: first feature", "feat: first feature")
	p := h.preview(pr, bot.PreviewOptions{})
	if p.Version != "0.1.0" || !strings.Contains(p.Summary, "this pull request alone makes the release") {
		t.Errorf("first release: %+v", p)
	}
	empty := fakegithub.CommitSpec{Message: "chore: nothing", Files: map[string]string{"n": "n\n"}}
	h.repo.Push("same", empty)
	n := h.repo.OpenPR("same", "main", "chore: nothing", "")
	h.repo.MergePR(n, "merge")
	// A pull request whose commits are all on the base brings none.
	if p := h.preview(repohost.Pull{Number: n, Title: "chore: nothing", Head: "same", HeadSHA: h.mustRef("same")}, bot.PreviewOptions{}); p.Title != "No release: this pull request brings no commits" {
		t.Errorf("no commits: %+v", p)
	}
}

func (h *harness) mustRef(name string) string {
	h.t.Helper()
	sha, ok := h.repo.Ref(name)
	if !ok {
		h.t.Fatalf("no ref %s", name)
	}
	return sha
}

func TestPreviewOnAMaintenanceBranchSaysWhy(t *testing.T) {
	h := newHarness(t, "api", "")
	h.repo.Tag("v1.2.3", h.push("chore: prepare"), true)
	h.repo.Push("stable/1.2.x") // the maintenance branch starts at v1.2.3
	h.pushTo("feature", "feat: a feature")
	n := h.repo.OpenPR("feature", "stable/1.2.x", "feat: a feature", "")
	var pr repohost.Pull
	for _, p := range h.repo.PRs() {
		if p.Number == n {
			pr = repohost.Pull{Number: n, Title: p.Title, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, State: p.State}
		}
	}
	c := h.client()
	b := &bot.Bot{Host: c, Owner: "acme", Target: "stable/1.2.x", Config: h.cfg, History: &history.API{Host: c, Branch: "stable/1.2.x"}}
	p, err := b.Preview(context.Background(), c, pr, bot.PreviewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != "1.2.4" || !strings.Contains(p.Summary, "[!WARNING]") || !strings.Contains(p.Summary, "stable/1.2.x") {
		t.Errorf("preview %q\n%s", p.Title, p.Summary)
	}
}

func TestPreviewOfPackages(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "packages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n")
			start := h.pushFiles("chore: layout", "README.md", "sdk/go/sdk.go")
			h.repo.Tag("v1.0.0", start, true)
			h.repo.Tag("sdk/go/v0.3.0", start, true)
			h.repo.Push("feature", fakegithub.CommitSpec{Message: "feat(sdk): add a client", Files: map[string]string{"sdk/go/client.go": "package sdk\n"}})
			n := h.repo.OpenPR("feature", "main", "feat(sdk): add a client", "")
			var pr repohost.Pull
			for _, p := range h.repo.PRs() {
				if p.Number == n {
					pr = repohost.Pull{Number: n, Title: p.Title, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, State: p.State}
				}
			}
			for _, squash := range []bool{false, true} {
				p := h.preview(pr, bot.PreviewOptions{Squash: squash})
				if p.Title != "Merging this PR releases gosdk 0.4.0 (minor)" || !p.Releasable {
					t.Errorf("squash=%v: %q\n%s", squash, p.Title, p.Summary)
				}
			}
		})
	}
}

func TestPreviewOfAPullBehindItsBase(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("late", "Add y", "feat: add y")
	h.push("fix: main moved on (#2)")
	if p := h.preview(pr, bot.PreviewOptions{}); !p.Releasable || p.Version != "1.4.0" {
		t.Errorf("a pull request behind its base: %q", p.Title)
	}
}
