package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/release"
)

// blindHost is a host whose comparisons list no file, as a minimal API
// might answer.
type blindHost struct{ bot.Host }

func (blindHost) ChangedFiles(context.Context, string, string) ([]string, error) { return nil, nil }

// TestUnitEditsOfTheNotesSurviveABlindComparison: the release's own files
// are compared even when the host lists no changed file, so a reworded
// entry is not overwritten.
func TestUnitEditsOfTheNotesSurviveABlindComparison(t *testing.T) {
	r := newMemRepo(t, "", true)
	r.push("feat: alpha (#1)")
	r.run()
	cl, _, _ := r.h.File("releasebot/main", "CHANGELOG.md")
	r.h.Commit("releasebot/main", "docs: wording", map[string]string{"CHANGELOG.md": strings.Replace(cl, "alpha", "alpha, reworded", 1)})
	r.push("fix: beta (#2)")
	b := &bot.Bot{
		Host: blindHost{r.h}, History: r.h.History("main"), Owner: "acme", Target: "main", Config: r.cfg,
		Remote: release.Remote{BaseURL: "https://github.com/acme/rocket"},
		Date:   time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
	}
	if _, err := b.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, _, _ := r.h.File("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(got, "alpha, reworded") || !strings.Contains(got, "beta") {
		t.Errorf("CHANGELOG.md after the refresh:\n%s", got)
	}
}
