package bot_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/repohost"
)

// hostile are commit messages whose text would ping people, hide or close
// parts of a pull request body, or close issues when the release pull
// request is merged, if it were written as it came.
var hostile = []string{
	"fix: thanks \\@octocat, `@hubot and @@monalisa",
	"fix: handle <br> tags <!-- the rest is hidden",
	"fix: closes #1, fixes acme/other#2, resolves GH-3",
	"feat!: new API\n\nBREAKING CHANGE: </details> ping @org/team\x1b[2J",
}

var (
	liveMention = regexp.MustCompile("(?:^|[^A-Za-z0-9_`])@[A-Za-z0-9]")
	liveClosing = regexp.MustCompile(`(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:#\d|gh-\d|[\w.-]+/[\w.-]+#\d)`)
)

// inert fails the test when Markdown text could act on GitHub: a mention,
// HTML (the marker comment aside), a closing reference, a control
// character.
func inert(t *testing.T, what, md string) {
	t.Helper()
	md = stripMarker(md)
	if m := liveMention.FindString(md); m != "" {
		t.Errorf("%s mentions %q:\n%s", what, m, md)
	}
	if strings.Contains(md, "<") {
		t.Errorf("%s holds HTML:\n%s", what, md)
	}
	if m := liveClosing.FindString(md); m != "" {
		t.Errorf("%s closes issues with %q:\n%s", what, m, md)
	}
	if strings.ContainsRune(md, 0x1b) {
		t.Errorf("%s holds an escape character:\n%q", what, md)
	}
}

func TestCommitTextIsInertInThePullRequestTheChangelogAndTheRelease(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: prepare"), true)
			h.push(hostile...)
			h.mustRun()
			pr := h.openRelease()
			inert(t, "the release pull request's body", pr.Body)
			if !strings.Contains(pr.Body, "handle &lt;br&gt; tags &lt;!-- the rest is hidden") || !strings.Contains(pr.Body, "closes `#1`") {
				t.Errorf("the body does not show the commits as written:\n%s", pr.Body)
			}
			changelog, _ := h.repo.File("releasebot/main", "CHANGELOG.md")
			inert(t, "CHANGELOG.md", changelog)
			h.repo.MergePR(pr.Number, "merge")
			h.mustRun()
			rels := h.repo.Releases()
			if len(rels) != 1 {
				t.Fatalf("%d releases", len(rels))
			}
			inert(t, "the release notes", rels[0].Body)
		})
	}
}

func TestCommitTextIsInertInThePreview(t *testing.T) {
	h := previewHarness(t)
	pr := h.openPull("hostile", "Hostile", append(hostile, "fix: \x1b]0;PWNED\x07title")...)
	p := h.preview(pr, bot.PreviewOptions{})
	inert(t, "the preview's summary", p.Summary)
	if strings.ContainsAny(p.Title, "\x1b\x07") {
		t.Errorf("the check run's title holds control characters: %q", p.Title)
	}
}

func TestCommitTextIsInertInWarnings(t *testing.T) {
	h := newHarness(t, "api", "")
	h.repo.Tag("v1.2.3", h.push("chore: prepare"), true)
	h.repo.Push("stable/1.2.x")
	h.pushTo("feature", "feat: closes #5 and pings @octocat <!-- hidden")
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
	if !strings.Contains(p.Summary, "[!WARNING]") {
		t.Fatalf("no warning:\n%s", p.Summary)
	}
	inert(t, "the warning", p.Summary)
}
