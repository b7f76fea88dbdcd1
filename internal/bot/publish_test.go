package bot_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/bot"
)

// gh is a plain go-github client on the harness's fake, for acting as a
// maintainer would outside releasebot.
func (h *harness) gh() *github.Client {
	h.t.Helper()
	c := github.NewClient(nil).WithAuthToken("test-token")
	u, err := url.Parse(h.srv.URL())
	if err != nil {
		h.t.Fatal(err)
	}
	c.BaseURL = u
	return c
}

// TestTagIsTheSourceOfTruth: a merged release pull request labelled
// tagged whose tag is gone is published again; one whose tag exists is not.
func TestTagIsTheSourceOfTruth(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "")
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			h.push("fix: a")
			h.mustRun()
			pr := h.openRelease()
			mergeSHA := h.repo.MergePR(pr.Number, "squash")
			h.mustRun()
			if _, err := h.gh().Git.DeleteRef(context.Background(), "acme", "rocket", "refs/tags/v1.0.1"); err != nil {
				t.Fatal(err)
			}
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || h.repo.Tags()["v1.0.1"] != mergeSHA {
				t.Fatalf("the missing tag was not made again: published %+v, tags %v", rep.Published, h.repo.Tags())
			}
			if n := len(h.repo.Releases()); n != 1 {
				t.Errorf("%d releases, want the one", n)
			}
			if cs := h.repo.Comments(pr.Number); len(cs) != 1 {
				t.Errorf("comments %q", cs)
			}
		})
	}
}

// TestLowerVersionIsNotMarkedLatest: a release below the latest one keeps
// the latest where it is.
// A pre-release below it is not marked latest either, and the report says
// which release is higher.
func TestLowerVersionIsNotMarkedLatest(t *testing.T) {
	for _, tc := range []struct{ yml, tag string }{{"", "v1.0.1"}, {"prerelease: rc\n", "v1.0.1-rc.1"}} {
		t.Run(tc.tag, func(t *testing.T) {
			h := newHarness(t, "local", tc.yml)
			h.repo.Tag("v1.0.0", h.push("chore: start"), true)
			tip := h.pushTo("stable-3", "feat: the future")
			h.repo.Tag("v3.0.0", tip, true)
			if _, _, err := h.gh().Repositories.CreateRelease(context.Background(), "acme", "rocket", &github.RepositoryRelease{TagName: github.String("v3.0.0")}); err != nil {
				t.Fatal(err)
			}
			h.push("fix: backport")
			h.mustRun()
			h.repo.MergePR(h.openRelease().Number, "squash")
			rep, _ := h.mustRun()
			if len(rep.Published) != 1 || rep.Published[0].Tag != tc.tag || rep.Published[0].Below != "v3.0.0" {
				t.Errorf("published %+v, want %s below v3.0.0", rep.Published, tc.tag)
			}
			for _, r := range h.repo.Releases() {
				if r.TagName == tc.tag && r.IsLatest || r.TagName == "v3.0.0" && !r.IsLatest {
					t.Errorf("latest moved: %+v", h.repo.Releases())
				}
			}
		})
	}
}

func TestDraftReleases(t *testing.T) {
	h := newHarness(t, "api", "release:\n  draft: true\n")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("fix: a")
	h.mustRun()
	h.repo.MergePR(h.openRelease().Number, "squash")
	c := h.client()
	b, done := h.newBot(c)
	var log strings.Builder
	b.Log = bot.PlainLogger(&log)
	rep, err := b.Run(context.Background())
	done()
	if err != nil {
		t.Fatal(err)
	}
	h.mustRun()
	rel := h.repo.Releases()
	if len(rel) != 1 || !rel[0].Draft {
		t.Errorf("releases %+v", rel)
	}
	if len(rep.Published) != 1 || !rep.Published[0].Release.Draft || rep.Published[0].Below != "" {
		t.Errorf("published %+v", rep.Published)
	}
	if !strings.Contains(log.String(), "created draft release v1.0.1") || !strings.Contains(log.String(), "drafted v1.0.1 from #1") || strings.Contains(log.String(), "published") {
		t.Errorf("the log does not say the release is a draft:\n%s", log.String())
	}
	comments := strings.Join(h.repo.Comments(1), "\n")
	if !strings.Contains(comments, "Drafted as") || strings.Contains(comments, "Released as") {
		t.Errorf("the pull request's comment does not say the release is a draft:\n%s", comments)
	}
}

// TestATagOnAnotherCommitDoesNotStopEverything: a tag of the release's
// name on another commit is reported on the pull request, once, and the
// run goes on to the release pull request.
func TestATagOnAnotherCommitDoesNotStopEverything(t *testing.T) {
	h := newHarness(t, "api", "")
	start := h.push("chore: start")
	h.repo.Tag("v1.0.0", start, true)
	h.push("fix: a")
	h.mustRun()
	pr := h.openRelease()
	h.repo.Tag("v1.0.1", start, false) // someone tags the version by hand, elsewhere
	h.repo.MergePR(pr.Number, "squash")
	h.mustRun()
	h.push("fix: b")
	h.mustRun()
	cs := h.repo.Comments(pr.Number)
	if len(cs) != 1 || !strings.Contains(cs[0], "tag v1.0.1 already exists") {
		t.Errorf("comments %q", cs)
	}
	if len(h.repo.Releases()) != 0 {
		t.Errorf("released from the wrong tag: %+v", h.repo.Releases())
	}
}
