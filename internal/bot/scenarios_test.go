package bot_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestBudgetWithFiftyCommits counts the calls of opening and refreshing a
// release pull request for fifty new commits.
func TestBudgetWithFiftyCommits(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			var msgs []string
			for i := 0; i < 50; i++ {
				msgs = append(msgs, fmt.Sprintf("fix(part%d): mend piece %d (#%d)", i%7, i, 100+i))
			}
			h.push(msgs...)
			_, open := h.mustRun()
			h.push("feat: one more (#200)")
			_, refresh := h.mustRun()
			limit := map[string]int{"local": 10, "api": 12}[source]
			t.Logf("%s: open %d calls (%d writes), refresh %d calls (%d writes)", source, open.Total(), open.Writes(), refresh.Total(), refresh.Writes())
			if open.Total() > limit || refresh.Total() > limit {
				t.Errorf("over the budget of %d: open %v, refresh %v", limit, open.Summary(), refresh.Summary())
			}
			if pr := h.openRelease(); pr.Title != "chore(main): release 1.1.0" {
				t.Errorf("title %q", pr.Title)
			}
		})
	}
}

func TestBumpLabels(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)

			// A merged pull request labelled release:minor raises its fix.
			n := h.repo.OpenPR(branchWith(h, "topic-a", "fix: small thing"), "main", "fix: small thing", "")
			h.repo.AddLabel(n, "release:minor")
			h.repo.MergePR(n, "squash")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release 1.1.0" {
				t.Fatalf("release:minor on a fix: %q", pr.Title)
			}

			// release:none keeps a merged feat from triggering anything more.
			m := h.repo.OpenPR(branchWith(h, "topic-b", "feat: hidden feature", "feat!: hidden break"), "main", "Hidden work", "")
			h.repo.AddLabel(m, "release:none")
			h.repo.MergePR(m, "merge")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release 1.1.0" {
				t.Fatalf("release:none on merged commits: %q", pr.Title)
			}

			// A label on the release pull request sets the pending level.
			h.repo.AddLabel(h.openRelease().Number, "release:major")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release 2.0.0" {
				t.Fatalf("release:major on the release pull request: %q", pr.Title)
			}
		})
	}
}

// branchWith pushes commits on a new branch and returns its name.
func branchWith(h *harness, name string, msgs ...string) string {
	h.t.Helper()
	h.pushTo(name, msgs...)
	return name
}

func TestConfiguredLabelNames(t *testing.T) {
	h := newHarness(t, "local", "labels:\n  major: major\n  minor: minor\n  patch: patch\n")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	n := h.repo.OpenPR(branchWith(h, "topic", "docs: words"), "main", "Docs", "")
	h.repo.AddLabel(n, "patch")
	h.repo.MergePR(n, "squash")
	h.mustRun()
	if pr := h.openRelease(); pr.Title != "chore(main): release 1.0.1" {
		t.Fatalf("patch label on a docs change: %q", pr.Title)
	}
}

func TestPrereleasesArePublishedAsPrereleases(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "prerelease: rc\n")
			h.repo.Tag("v1.2.3", h.push("chore: start"), true)
			h.push("feat: shiny")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release 1.3.0-rc.1" {
				t.Fatalf("title %q", pr.Title)
			}
			h.repo.MergePR(pr.Number, "squash")
			h.mustRun()
			rel := h.repo.Releases()
			if len(rel) != 1 || rel[0].TagName != "v1.3.0-rc.1" || !rel[0].Prerelease || rel[0].IsLatest {
				t.Fatalf("releases %+v", rel)
			}
			h.push("fix: polish")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release 1.3.0-rc.2" {
				t.Errorf("second candidate %q", pr.Title)
			}
		})
	}
}

func TestEmptyReleasePullRequestIsClosed(t *testing.T) {
	h := newHarness(t, "local", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	n := h.repo.OpenPR(branchWith(h, "topic", "feat: maybe"), "main", "feat: maybe", "")
	h.repo.MergePR(n, "squash")
	h.mustRun()
	pr := h.openRelease()
	h.repo.AddLabel(n, "release:none")
	h.mustRun()
	for _, p := range h.repo.PRs() {
		if p.Number == pr.Number && p.State != "closed" {
			t.Fatalf("release pull request #%d still %s", p.Number, p.State)
		}
	}
	if cs := h.repo.Comments(pr.Number); len(cs) != 1 || !strings.Contains(cs[0], "nothing is left to release") {
		t.Errorf("comments %q", cs)
	}
}

func TestEnterpriseLinksUseTheServersHost(t *testing.T) {
	h := newHarness(t, "api", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("fix: a (#7)")
	h.mustRun()
	host := strings.TrimSuffix(strings.TrimSuffix(h.srv.URL(), "/"), "/api/v3")
	body := h.openRelease().Body
	if !strings.Contains(body, host+"/acme/rocket/pull/7") || strings.Contains(body, "github.com/acme") {
		t.Errorf("links in the body do not use %s:\n%s", host, body)
	}
}

func TestNoRewriteOnANewDayOrALostLabel(t *testing.T) {
	h := newHarness(t, "local", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("fix: a")
	h.mustRun()
	pr := h.openRelease()
	tip, _ := h.repo.Ref("heads/releasebot/main")
	h.repo.RemoveLabel(pr.Number, "autorelease: pending")
	c := h.client()
	b, done := h.newBot(c)
	defer done()
	b.Date = b.Date.AddDate(0, 0, 1) // the next day
	if _, err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if now, _ := h.repo.Ref("heads/releasebot/main"); now != tip {
		t.Errorf("the release branch moved on a new day with nothing new")
	}
	if !has(h.openRelease().Labels, "autorelease: pending") {
		t.Error("the pending label was not restored")
	}
	for _, call := range c.Calls.Summary() {
		if strings.HasPrefix(call, "POST /repos/{owner}/{repo}/git/") || strings.HasPrefix(call, "PATCH /repos/{owner}/{repo}/git/") {
			t.Errorf("git write on an up-to-date pull request: %s", call)
		}
	}
}

func TestChangingTheTagPrefixDoesNotRepublish(t *testing.T) {
	h := newHarness(t, "local", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("fix: a")
	h.mustRun()
	h.repo.MergePR(h.openRelease().Number, "squash")
	h.mustRun()
	h.cfg.TagPrefix = "rocket-"
	h.mustRun()
	if tags := h.repo.Tags(); len(tags) != 2 || len(h.repo.Releases()) != 1 {
		t.Errorf("tags %v, %d releases", tags, len(h.repo.Releases()))
	}
}

// TestAnAmendedReleaseCommitKeepsPeoplesText: someone amends the release
// commit and rewrites the changelog whole. Their text stays on the branch,
// the body says the new entries could not be added to it, and publishing
// still lists every change.
func TestAnAmendedReleaseCommitKeepsPeoplesText(t *testing.T) {
	h := newHarness(t, "local", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("feat: a")
	h.mustRun()
	pr := h.openRelease()
	work := t.TempDir()
	git(t, "", "clone", "-q", "-b", "releasebot/main", "file://"+h.repo.Dir(), work)
	if err := os.WriteFile(filepath.Join(work, "CHANGELOG.md"), []byte("# Changelog\n\nHand-tuned notes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, work, "commit", "-q", "-a", "--amend", "--no-edit")
	git(t, work, "push", "-q", "-f", "origin", "HEAD:releasebot/main")
	h.push("fix: b")
	h.mustRun()
	if cl, _ := h.repo.File("releasebot/main", "CHANGELOG.md"); cl != "# Changelog\n\nHand-tuned notes.\n" {
		t.Errorf("CHANGELOG.md on the branch = %q, want the hand-tuned text", cl)
	}
	body := h.openRelease().Body
	if !strings.Contains(body, "renamed or removed on the release branch") {
		t.Errorf("the body does not say the section is gone:\n%s", body)
	}
	h.repo.MergePR(pr.Number, "squash")
	h.mustRun()
	if rel := h.repo.Releases(); len(rel) != 1 || !strings.Contains(rel[0].Body, "- b") || !strings.Contains(rel[0].Body, "- a") {
		t.Errorf("releases %+v", rel)
	}
}

func TestExecutableVersionFilesStayExecutable(t *testing.T) {
	h := newHarness(t, "local", "version-files: [install.sh]\n")
	work := t.TempDir()
	git(t, "", "clone", "-q", "file://"+h.repo.Dir(), work)
	if err := os.WriteFile(filepath.Join(work, "install.sh"), []byte("#!/bin/sh\nVERSION=1.0.0 # x-releasebot-version\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	git(t, work, "add", "install.sh")
	git(t, work, "commit", "-q", "-m", "chore: installer")
	git(t, work, "push", "-q", "origin", "HEAD:main")
	h.repo.Tag("v1.0.0", git(t, work, "rev-parse", "HEAD"), true)
	h.push("fix: a")
	h.mustRun()
	git(t, work, "fetch", "-q", "origin", "releasebot/main")
	entry := git(t, work, "ls-tree", "FETCH_HEAD", "install.sh")
	if !strings.HasPrefix(entry, "100755 ") {
		t.Errorf("install.sh on the release branch: %s", entry)
	}
	if content := git(t, work, "show", "FETCH_HEAD:install.sh"); !strings.Contains(content, "VERSION=1.0.1") {
		t.Errorf("install.sh: %s", content)
	}
}

func TestChannelBranchReleasesCandidates(t *testing.T) {
	h := newHarness(t, "api", "channels:\n  next: rc\n")
	h.repo.Tag("v1.2.3", h.push("chore: start"), true)
	h.pushTo("next", "feat: shiny (#4)")
	c := h.client()
	b := &bot.Bot{Host: c, Owner: "acme", Target: "next", Config: h.cfg, Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
		History: &history.API{Host: c, Branch: "next"}}
	if _, err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var pr fakegithub.PR
	for _, p := range h.repo.PRs() {
		if p.State == "open" {
			pr = p
		}
	}
	if pr.Title != "chore(next): release 1.3.0-rc.1" || pr.Base != "next" || pr.Head != "releasebot/next" {
		t.Fatalf("channel pull request %+v", pr)
	}
	h.repo.MergePR(pr.Number, "squash")
	b2 := &bot.Bot{Host: c, Owner: "acme", Target: "next", Config: h.cfg, History: &history.API{Host: c, Branch: "next"}}
	if _, err := b2.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	rel := h.repo.Releases()
	if len(rel) != 1 || rel[0].TagName != "v1.3.0-rc.1" || !rel[0].Prerelease {
		t.Errorf("releases %+v", rel)
	}
}
