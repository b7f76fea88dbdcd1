package bot_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

var (
	fullSHA  = regexp.MustCompile(`\b[0-9a-f]{40}\b`)
	shortSHA = regexp.MustCompile(`\b[0-9a-f]{7}\b`)
)

// stable is text with what differs between runs and sources (the fake's
// address, commit hashes) replaced, for golden files.
func (h *harness) stable(text string) string {
	text = strings.ReplaceAll(text, forge.WebURL(h.srv.URL(), "", "acme", "rocket"), "https://github.example/acme/rocket")
	text = fullSHA.ReplaceAllString(text, "<sha>")
	return shortSHA.ReplaceAllString(text, "<short>")
}

// mergeTopic opens a pull request from a new branch with commits msgs,
// labels it, and merges it by method; it returns its number.
func (h *harness) mergeTopic(branch, title, body, method string, labels []string, msgs ...string) int {
	h.t.Helper()
	n := h.repo.OpenPR(branchWith(h, branch, msgs...), "main", title, body)
	for _, l := range labels {
		h.repo.AddLabel(n, l)
	}
	h.repo.MergePR(n, method)
	return n
}

// TestLabelsAreVisible follows the scenario: release:major on a
// merged fix and release:minor on a pull request whose title is not
// conventional. The pull request and the release say which label set the
// level, and the label-only pull request is listed by title.
func TestLabelsAreVisible(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			h.mergeTopic("delta", "fix: delta", "", "squash", []string{"release:major"}, "fix: delta")
			h.mergeTopic("tidy", "Tidy up internals", "", "merge", []string{"release:minor"}, "WIP", "more WIP")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release 2.0.0" {
				t.Fatalf("title %q", pr.Title)
			}
			golden.Assert(t, "testdata/labels-visible-body.golden", h.stable(stripMarker(pr.Body)))

			h.repo.MergePR(pr.Number, "squash")
			h.mustRun()
			rels := h.repo.Releases()
			if len(rels) != 1 {
				t.Fatalf("releases %+v", rels)
			}
			for _, want := range []string{"Released as major: `release:major` on [#1]", "### Added\n\n- Tidy up internals ([#2]"} {
				if !strings.Contains(rels[0].Body, want) {
					t.Errorf("the release notes lack %q:\n%s", want, rels[0].Body)
				}
			}
			if changelog, _ := h.repo.File("main", "CHANGELOG.md"); !strings.Contains(changelog, "- Tidy up internals") {
				t.Errorf("main's changelog lacks the label-only pull request:\n%s", changelog)
			}
		})
	}
}

// TestLoweringLabelIsSaid checks the release pull request's own label
// that lowers the level below a breaking change: it applies, and the body
// says what it lowered and what it overrides.
func TestLoweringLabelIsSaid(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			h.mergeTopic("api", "feat(api)!: drop v1", "", "squash", nil, "feat(api)!: drop v1")
			h.mergeTopic("gamma", "fix: gamma", "", "squash", nil, "fix: gamma")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release 2.0.0" {
				t.Fatalf("title %q", pr.Title)
			}
			h.repo.AddLabel(pr.Number, "release:patch")
			h.mustRun()
			pr = h.openRelease()
			if pr.Title != "chore(main): release 1.0.1" {
				t.Fatalf("release:patch on the release pull request: title %q", pr.Title)
			}
			golden.Assert(t, "testdata/labels-lowered-body.golden", h.stable(stripMarker(pr.Body)))
			if _, calls := h.mustRun(); calls.Writes() != 0 {
				t.Errorf("an idle rerun wrote: %v", calls.Summary())
			}
		})
	}
}

// TestCommitOverrideReplacesTheMessages checks BEGIN_COMMIT_OVERRIDE in
// the body of a merged pull request, added after the merge and merged by
// each method: its messages decide the version and the notes, linked to
// the pull request, and the commits' own messages are gone.
func TestCommitOverrideReplacesTheMessages(t *testing.T) {
	override := "Follow-up of the review.\r\n\r\nBEGIN_COMMIT_OVERRIDE\r\nfeat(cache): keep entries warm\r\n\r\nfix: a real fix\r\nEND_COMMIT_OVERRIDE\r\n"
	for _, source := range sources {
		for _, method := range []string{"squash", "merge", "rebase"} {
			t.Run(source+"/"+method, func(t *testing.T) {
				h := newHarness(t, source, "")
				h.repo.Tag("v1.0.0", h.push("chore: start"), true)
				n := h.mergeTopic("topic", "chore: some commit", "", method, nil, "chore: some commit", "fix: wip fixup")
				h.mergeTopic("other", "fix: other", "", "squash", nil, "fix: other")
				h.mustRun()
				if pr := h.openRelease(); pr.Title != "chore(main): release 1.0.1" {
					t.Fatalf("before the override: title %q", pr.Title)
				}
				c := h.client()
				if _, err := c.EditPull(context.Background(), n, "chore: some commit", override, ""); err != nil {
					t.Fatal(err)
				}
				h.mustRun()
				pr := h.openRelease()
				if pr.Title != "chore(main): release 1.1.0" {
					t.Fatalf("after the override: title %q", pr.Title)
				}
				body := h.stable(stripMarker(pr.Body))
				for _, want := range []string{
					"- **cache:** keep entries warm ([#1](https://github.example/acme/rocket/pull/1)",
					"- a real fix ([#1](https://github.example/acme/rocket/pull/1)",
					"- other ([#2]",
				} {
					if !strings.Contains(body, want) {
						t.Errorf("the body lacks %q:\n%s", want, body)
					}
				}
				if strings.Contains(body, "wip fixup") || strings.Contains(body, "some commit") {
					t.Errorf("the overridden messages are still listed:\n%s", body)
				}
				if method == "squash" {
					golden.Assert(t, "testdata/override-body.golden", body)
				}
			})
		}
	}
}

// TestNextReadsLabels checks that the Action's next (Bot.Next) answers
// what the release pull request would propose.
func TestNextReadsLabels(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			h.mergeTopic("tidy", "Tidy up internals", "", "rebase", []string{"release:major"}, "WIP")
			c := h.client()
			b, done := h.newBot(c)
			defer done()
			rep, err := b.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rep.Plan == nil || rep.Plan.Plan.Next.String() != "2.0.0" || c.Calls.Writes() != 0 {
				t.Errorf("next %+v with %v; want 2.0.0 and no write", rep.Plan, c.Calls.Summary())
			}
		})
	}
}

// TestPreviewHonoursTheOverrideOfThePull checks that the check run of an
// open pull request counts the commit override of its body, squashed or
// not.
func TestPreviewHonoursTheOverrideOfThePull(t *testing.T) {
	h := previewHarness(t)
	h.pushTo("sync", "chore: sync")
	n := h.repo.OpenPR("sync", "main", "chore: sync", "BEGIN_COMMIT_OVERRIDE\nfeat(sync): pull from upstream\nEND_COMMIT_OVERRIDE")
	var pr repohost.Pull
	for _, p := range h.repo.PRs() {
		if p.Number == n {
			pr = repohost.Pull{Number: n, Title: p.Title, Body: p.Body, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, State: p.State}
		}
	}
	for _, squash := range []bool{false, true} {
		if p := h.preview(pr, bot.PreviewOptions{Squash: squash}); p.Version != "1.4.0" || !strings.Contains(p.Summary, "pull from upstream") {
			t.Errorf("squash=%v: preview %+v", squash, p)
		}
	}
}
