package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// pushFiles commits msg on main changing the given paths.
func (h *harness) pushFiles(msg string, paths ...string) string {
	h.t.Helper()
	files := map[string]string{}
	for _, p := range paths {
		h.seq++
		files[p] = fmt.Sprintf("%s %d\n", msg, h.seq)
	}
	return h.repo.Push("main", fakegithub.CommitSpec{Message: msg, Files: files, Author: "Dev One <dev@example.com>"})
}

// TestPackagesReleaseTogether: one combined release pull request for the
// packages with changes, then a tag and a release for each.
func TestPackagesReleaseTogether(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "packages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n  - path: web\n")
			start := h.pushFiles("chore: layout", "README.md", "sdk/go/sdk.go", "web/index.js")
			h.repo.Tag("v1.0.0", start, true)
			h.repo.Tag("sdk/go/v0.3.0", start, true)
			h.repo.Tag("web/v2.0.0", start, true)
			h.pushFiles("feat(sdk): add a client (#3)", "sdk/go/client.go")
			h.pushFiles("fix: readme typo (#4)", "README.md")
			h.mustRun()
			pr := h.openRelease()
			if pr.Title != "chore(main): release root 1.0.1, gosdk 0.4.0" {
				t.Fatalf("title %q", pr.Title)
			}
			for path, want := range map[string]string{"VERSION": "1.0.1\n", "sdk/go/VERSION": "0.4.0\n"} {
				if got, _ := h.repo.File("releasebot/main", path); got != want {
					t.Errorf("%s = %q, want %q", path, got, want)
				}
			}
			if _, ok := h.repo.File("releasebot/main", "web/VERSION"); ok {
				t.Error("web, which has no change, got a VERSION file")
			}
			if cl, _ := h.repo.File("releasebot/main", "sdk/go/CHANGELOG.md"); !strings.Contains(cl, "add a client") || strings.Contains(cl, "readme") {
				t.Errorf("sdk/go/CHANGELOG.md:\n%s", cl)
			}
			_, calls := h.mustRun()
			if calls.Writes() != 0 {
				t.Errorf("an idle run wrote %d times: %v", calls.Writes(), calls.Summary())
			}
			merge := h.repo.MergePR(pr.Number, "squash")
			rep, _ := h.mustRun()
			tags := h.repo.Tags()
			if len(rep.Published) != 2 || tags["v1.0.1"] != merge || tags["sdk/go/v0.4.0"] != merge {
				t.Fatalf("published %+v, tags %v", rep.Published, tags)
			}
			for _, p := range rep.Published {
				if want := map[string]string{"v1.0.1": ".", "sdk/go/v0.4.0": "sdk/go"}[p.Tag]; p.Path != want {
					t.Errorf("%s published with path %q, want %q", p.Tag, p.Path, want)
				}
			}
			rels := map[string]string{}
			for _, r := range h.repo.Releases() {
				rels[r.TagName] = r.Body
			}
			if !strings.Contains(rels["sdk/go/v0.4.0"], "add a client") || strings.Contains(rels["sdk/go/v0.4.0"], "readme") || !strings.Contains(rels["v1.0.1"], "readme typo") {
				t.Errorf("release notes: %v", rels)
			}
			for _, p := range h.repo.PRs() {
				if p.State == "open" && p.Head == "releasebot/main" {
					t.Errorf("a release pull request is still open: %q", p.Title)
				}
			}
			h.pushFiles("fix(web): button (#6)", "web/index.js")
			h.mustRun()
			if pr := h.openRelease(); pr.Title != "chore(main): release web 2.0.1" {
				t.Errorf("next cycle: %q", pr.Title)
			}
		})
	}
}

func TestSeparatePullRequests(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "separate-pull-requests: true\npackages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n")
			start := h.pushFiles("chore: layout", "README.md", "sdk/go/sdk.go")
			h.repo.Tag("v1.0.0", start, true)
			h.repo.Tag("sdk/go/v0.3.0", start, true)
			h.pushFiles("feat(sdk): add a client (#3)", "sdk/go/client.go")
			h.pushFiles("fix: readme typo (#4)", "README.md")
			h.mustRun()
			titles := map[string]int{}
			for _, p := range h.repo.PRs() {
				if p.State == "open" {
					titles[p.Head+" "+p.Title] = p.Number
				}
			}
			sdk, okSDK := titles["releasebot/main--gosdk chore(main): release gosdk 0.4.0"]
			_, okRoot := titles["releasebot/main--root chore(main): release root 1.0.1"]
			if len(titles) != 2 || !okSDK || !okRoot {
				t.Fatalf("open pull requests %v", titles)
			}
			if v, _ := h.repo.File("releasebot/main--gosdk", "sdk/go/VERSION"); v != "0.4.0\n" {
				t.Errorf("sdk/go/VERSION on its branch = %q", v)
			}
			if _, ok := h.repo.File("releasebot/main--gosdk", "VERSION"); ok {
				t.Error("the gosdk pull request changes the root VERSION")
			}
			merge := h.repo.MergePR(sdk, "squash")
			h.mustRun()
			if tags := h.repo.Tags(); tags["sdk/go/v0.4.0"] != merge || tags["v1.0.1"] != "" {
				t.Errorf("tags %v", tags)
			}
			open := 0
			for _, p := range h.repo.PRs() {
				if p.State == "open" {
					open++
				}
			}
			if open != 1 {
				t.Errorf("%d open pull requests after releasing gosdk, want the root one", open)
			}
		})
	}
}
