package bump

import (
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/testsupport/checkoutfixture"
)

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func TestBumpOfAPackageLinkedOutsideChangesNothing(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Write(".github/releasebot.yml", "packages:\n  - path: pkg\n")
	f.Write("README", "x\n")
	f.Commit("chore: init", nil)
	f.Link(f.Outside, "pkg")
	f.Commit("feat(pkg): link the package", nil)
	w := f.Open()
	results, _, err := w.Releases(day, plan.Files)
	if err == nil {
		var releases []Release
		for _, r := range results {
			releases = append(releases, Release{Name: r.Name, Result: r.Result, State: r.State, Config: r.Config})
		}
		_, err = Bump(w, releases, BumpOptions{})
	}
	checkoutfixture.WantEscape(t, err, "pkg", f.Outside)
	if got := f.OutsideFiles(); len(got) > 0 {
		t.Errorf("written outside the checkout: %v", got)
	}
}

func TestBumpCommitsTheFilesLinksPointTo(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Write("pkg/VERSION", "1.2.3\n")
	f.Link("pkg/VERSION", "VERSION")
	f.Commit("chore: init", nil)
	f.Run("tag", "v1.2.3")
	f.Commit("fix: x", nil)
	w := f.Open()
	results, _, err := w.Releases(day, plan.Files)
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	if _, err := Bump(w, []Release{{Result: r.Result, State: r.State, Config: r.Config}}, BumpOptions{Commit: true}); err != nil {
		t.Fatal(err)
	}
	if out := f.Run("status", "--porcelain"); out != "" {
		t.Errorf("the release commit left files out:\n%s", out)
	}
	if got := f.Run("show", "HEAD:pkg/VERSION"); got != "1.2.4" {
		t.Errorf("pkg/VERSION at the release commit = %q", got)
	}
	if mode := f.Run("ls-tree", "HEAD", "VERSION"); !strings.HasPrefix(mode, "120000 ") {
		t.Errorf("VERSION is no longer a link in the release commit: %s", mode)
	}
}
