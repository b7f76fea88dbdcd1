package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
)

// runTogether runs two bots on the same repository at once and returns
// their errors.
func runTogether(h *harness) []error {
	h.t.Helper()
	var bots []*bot.Bot
	for i := 0; i < 2; i++ {
		b, done := h.newBot(h.client())
		defer done()
		bots = append(bots, b)
	}
	errs := make([]error, len(bots))
	var wg sync.WaitGroup
	for i, b := range bots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = b.Run(context.Background())
		}()
	}
	wg.Wait()
	return errs
}

// TestRacingRuns: two runs racing end with one pull request, one tag, one
// release and one comment.
func TestRacingRuns(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			for round := 0; round < 5; round++ {
				h := newHarness(t, source, "")
				h.repo.Tag("v2.0.0", h.push("chore: start"), true)
				h.push("feat: race (#5)")
				for _, err := range runTogether(h) {
					if err != nil {
						t.Logf("a racing run failed (the next one completes it): %v", err)
					}
				}
				h.mustRun()
				pr := h.openRelease()
				h.repo.MergePR(pr.Number, "merge")
				runTogether(h)
				h.mustRun()
				if tags := h.repo.Tags(); len(tags) != 2 {
					t.Fatalf("tags %v", tags)
				}
				if rel := h.repo.Releases(); len(rel) != 1 || rel[0].TagName != "v2.1.0" {
					t.Fatalf("releases %+v", rel)
				}
				var published int
				for _, c := range h.repo.Comments(pr.Number) {
					if strings.Contains(c, "releasebot:published") {
						published++
					}
				}
				if published != 1 {
					t.Fatalf("%d release comments: %q", published, h.repo.Comments(pr.Number))
				}
				var releasePRs int
				for _, p := range h.repo.PRs() {
					if p.Head == "releasebot/main" {
						releasePRs++
					}
				}
				if releasePRs != 1 {
					t.Fatalf("%d release pull requests: %+v", releasePRs, h.repo.PRs())
				}
			}
		})
	}
}
