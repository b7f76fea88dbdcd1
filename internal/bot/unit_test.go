package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/testsupport/memhost"
)

// The tests named TestUnit run the bot on an in-memory host (memhost):
// they check its decisions in milliseconds; the harness on the fake
// GitHub checks the same paths end to end.

func TestUnitReleasePullRequest(t *testing.T) {
	cases := []struct {
		name    string
		yml     string
		tagged  bool // v1.0.0 on the first commit
		msgs    []string
		title   string   // "" when no pull request is wanted
		version string   // in VERSION and CHANGELOG.md on the release branch
		body    []string // fragments of the body
	}{
		{name: "a feat raises the minor", tagged: true, msgs: []string{"feat: faster engines", "chore: tidy"},
			title: "chore(main): release 1.1.0", version: "1.1.0",
			body: []string{"releases **1.1.0** (minor)", "## [1.1.0] - 2026-11-21\n\n### Added\n\n- faster engines ([", "Merging it tags `v1.1.0`"}},
		{name: "a fix raises the patch", tagged: true, msgs: []string{"fix: fuel leak"},
			title: "chore(main): release 1.0.1", version: "1.0.1",
			body: []string{"releases **1.0.1** (patch)", "### Fixed\n\n- fuel leak (["}},
		{name: "a breaking change raises the major", tagged: true, msgs: []string{"fix: a", "feat!: round hull"},
			title: "chore(main): release 2.0.0", version: "2.0.0",
			body: []string{"releases **2.0.0** (major)", "round hull"}},
		{name: "the first release is the initial version", msgs: []string{"feat: liftoff"},
			title: "chore(main): release 0.1.0", version: "0.1.0",
			body: []string{"releases **0.1.0**", "liftoff", "Merging it tags `v0.1.0`"}},
		{name: "the title pattern is the configured one", yml: "pull-request:\n  title: \"release ${version} of ${branch}\"\n",
			tagged: true, msgs: []string{"feat: x"}, title: "release 1.1.0 of main", version: "1.1.0"},
		{name: "chores release nothing", tagged: true, msgs: []string{"chore: tidy", "docs: readme"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newMemRepo(t, c.yml, c.tagged)
			r.push(c.msgs...)
			rep := r.run()
			if c.title == "" {
				if len(r.h.Pulls()) != 0 || r.h.Writes() != 0 || rep.Pull != nil {
					t.Fatalf("nothing releasable, yet %d writes and pull requests %+v", r.h.Writes(), r.h.Pulls())
				}
				return
			}
			p := r.only()
			if p.Title != c.title || labels(p) != "autorelease: pending" || p.Base != "main" {
				t.Errorf("pull request %q into %s labelled %q; want %q into main labelled autorelease: pending", p.Title, p.Base, labels(p), c.title)
			}
			if lack := missing(p.Body, c.body...); len(lack) > 0 {
				t.Errorf("body lacks %q:\n%s", lack, p.Body)
			}
			version := c.version
			if got, _, _ := r.h.File("releasebot/main", "VERSION"); got != version+"\n" {
				t.Errorf("VERSION on the release branch = %q, want %s", got, version)
			}
			if got, _, _ := r.h.File("releasebot/main", "CHANGELOG.md"); !strings.Contains(got, "## ["+version+"] - 2026-11-21") {
				t.Errorf("CHANGELOG.md on the release branch lacks the %s section:\n%s", version, got)
			}
			if rep.Pull == nil || rep.Pull.Number != p.Number {
				t.Errorf("report names pull request %+v, want #%d", rep.Pull, p.Number)
			}
		})
	}
}

func TestUnitUpToDateWritesNothing(t *testing.T) {
	r := newMemRepo(t, "", true)
	r.push("feat: faster engines")
	r.run()
	before, writes := r.only(), r.h.Writes()
	if writes == 0 {
		t.Fatal("opening the pull request wrote nothing")
	}
	r.run()
	if after := r.only(); r.h.Writes() != writes || after.Body != before.Body || after.Title != before.Title {
		t.Errorf("a second run with nothing new wrote %d times", r.h.Writes()-writes)
	}
}

func TestUnitClosesWhenNothingIsLeft(t *testing.T) {
	r := newMemRepo(t, "", true)
	r.push("feat: faster engines")
	r.run()
	p := r.only()
	r.h.Tag("v1.1.0", "main") // released by hand
	r.run()
	if open := r.open("releasebot/main"); len(open) != 0 {
		t.Fatalf("still open: %+v", open)
	}
	want := "Closing: nothing is left to release since 1.1.0; no commit on `main` triggers a release any more."
	if got := r.h.CommentsOn(p.Number); len(got) != 1 || got[0] != want {
		t.Errorf("comments %q, want %q", got, want)
	}
}

func TestUnitPublishesAMergedReleasePullRequest(t *testing.T) {
	r := newMemRepo(t, "", true)
	r.push("feat: faster engines")
	r.run()
	p := r.only()
	merge := r.h.Merge(p.Number)
	rep := r.run()
	if at := r.h.Tags()["v1.1.0"]; at != merge {
		t.Errorf("v1.1.0 at %q, want the merge commit %s", at, merge)
	}
	if notes := r.h.Releases()["v1.1.0"]; !strings.HasPrefix(notes, "### Added\n\n- faster engines ([") {
		t.Errorf("release notes of v1.1.0 = %q", notes)
	}
	got := r.h.Pulls()[p.Number-1]
	if labels(got) != "autorelease: tagged" {
		t.Errorf("labels after publishing %q, want autorelease: tagged only", labels(got))
	}
	want := "Released as [v1.1.0](https://example.test/releases/tag/v1.1.0).\n<!-- releasebot:published v1.1.0 -->"
	if comments := r.h.CommentsOn(p.Number); len(comments) != 1 || comments[0] != want {
		t.Errorf("comments %q, want %q", comments, want)
	}
	if len(rep.Published) != 1 || rep.Published[0].Tag != "v1.1.0" || rep.Published[0].Pull != p.Number || rep.Pull != nil {
		t.Errorf("report %+v", rep)
	}
	writes := r.h.Writes()
	r.run()
	if r.h.Writes() != writes || len(r.open("releasebot/main")) != 0 {
		t.Errorf("a run after publishing wrote %d times", r.h.Writes()-writes)
	}
}

func TestUnitSeparatePullRequests(t *testing.T) {
	r := newMemRepo(t, "packages:\n  - path: a\n  - path: b\nseparate-pull-requests: true\n", false)
	r.h.Commit("main", "feat(a): alpha", map[string]string{"a/x.go": "package a\n"})
	r.h.Commit("main", "fix(b): beta", map[string]string{"b/y.go": "package b\n"})
	r.h.Commit("main", "docs: readme", map[string]string{"README.md": "# two\n"})
	rep := r.run()
	for _, c := range []struct{ head, title, has, hasNot string }{
		{"releasebot/main--a", "chore(main): release a 0.1.0", "**a:** alpha", "beta"},
		{"releasebot/main--b", "chore(main): release b 0.1.0", "**b:** beta", "alpha"},
	} {
		open := r.open(c.head)
		if len(open) != 1 {
			t.Errorf("%d pull requests from %s, want 1", len(open), c.head)
			continue
		}
		if p := open[0]; p.Title != c.title || !strings.Contains(p.Body, c.has) || strings.Contains(p.Body, c.hasNot) || labels(p) != "autorelease: pending" {
			t.Errorf("%s: %q labelled %q, body:\n%s", c.head, p.Title, labels(p), p.Body)
		}
	}
	if len(r.h.Pulls()) != 2 || len(rep.Pulls) != 2 {
		t.Errorf("%d pull requests (%d reported), want 2", len(r.h.Pulls()), len(rep.Pulls))
	}
}

func TestUnitDuplicateReleasePullRequestsKeepTheOldest(t *testing.T) {
	r := newMemRepo(t, "", true)
	r.push("feat: faster engines")
	r.run()
	first := r.only()
	dup := r.h.OpenPull("releasebot/main", "main", first.Title, "a copy")
	r.run()
	if p := r.only(); p.Number != first.Number {
		t.Errorf("kept #%d, want the oldest #%d", p.Number, first.Number)
	}
	want := "Closing: #1 is the release pull request for `main`."
	if got := r.h.CommentsOn(dup); len(got) != 1 || got[0] != want {
		t.Errorf("comments on the duplicate %q, want %q", got, want)
	}
}

// TestUnitNextOnAChannelIsWhatThePullRequestProposes checks that the
// Action's next answers with the release the pull request of the same
// branch proposes: on a channel branch, a candidate.
func TestUnitNextOnAChannelIsWhatThePullRequestProposes(t *testing.T) {
	cfg, err := config.Parse("releasebot.yml", []byte("channels:\n  beta: beta\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := memhost.New()
	h.Commit("beta", "chore: initial commit", map[string]string{"README.md": "# rocket\n"})
	h.Tag("v1.0.0", "beta")
	h.Commit("beta", "feat: faster engines", map[string]string{"src/engine.txt": "fast\n"})
	onBeta := func() *bot.Bot {
		return &bot.Bot{Host: h, History: h.History("beta"), Owner: "acme", Target: "beta", Config: cfg,
			Remote: release.Remote{BaseURL: "https://github.com/acme/rocket"}, Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	}
	next, err := onBeta().Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	run, err := onBeta().Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if next.Plan == nil || run.Plan == nil || run.Pull == nil {
		t.Fatalf("next %+v, run %+v: want a plan from both and a pull request", next, run)
	}
	if got, want := next.Plan.Plan.Next.String(), run.Plan.Plan.Next.String(); got != want || want != "1.1.0-beta.1" {
		t.Errorf("next says %s; the pull request proposes %s (want 1.1.0-beta.1 from both)", got, want)
	}
}
